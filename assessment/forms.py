import functools

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessment.questions import QUESTION_COUNT, QUESTIONS, SAFETY_ID, SAFETY_QUESTION, VERSIONS, YES_NO


class CheckForm(forms.Form):
    """Built from the question definition for one version; see check_form_for()."""

    version = None

    def answered_count(self):
        if not self.is_bound:
            return 0
        names = [q.id for q in QUESTIONS] + [SAFETY_ID]
        return sum(1 for name in names if self.data.get(name) in self.version.answer_values)

    @property
    def question_count(self):
        return QUESTION_COUNT


class QuestionField(forms.ChoiceField):
    """A question's field. Forms deep-copy their fields for every instance so that one request's changes
    cannot leak into another's; nothing here changes a field after it is built, so every form shares them."""

    def __deepcopy__(self, memo):
        return self


def _missing_answer(number, sign):
    """ "Question 3: choose an answer about a lot of time spent…", in the language of the page: the sign
    ("A lot of time spent….") loses its capital and its full stop."""
    sign = str(sign)
    return gettext("Question {number}: choose an answer about {sign}.").format(
        number=number, sign=f"{sign[0].lower()}{sign[1:-1]}"
    )


missing_answer = lazy(_missing_answer, str)


def _choice_field(label, choices, number, message):
    return QuestionField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": message,
            "invalid_choice": format_lazy(_("Question {number}: choose one of the answers given."), number=number),
        },
    )


def check_form_for(version):
    return _check_form_class(version.key)


# Keyed by the version's key, not the version: every label is lazy, so each reader gets their own language from
# the one class, and a lazy label must not be translated just to look the class up.
@functools.cache  # the questions are fixed for the life of the process
def _check_form_class(key):
    version = VERSIONS[key]
    fields = {}
    for number, question in enumerate(QUESTIONS, start=1):
        fields[question.id] = _choice_field(
            format_lazy("{number}. {text}", number=number, text=question.text(version)),
            version.choices,
            number,
            missing_answer(number, question.sign),
        )
    safety_number = len(QUESTIONS) + 1
    fields[SAFETY_ID] = _choice_field(
        format_lazy("{number}. {text}", number=safety_number, text=SAFETY_QUESTION),
        YES_NO,
        safety_number,
        format_lazy(_("Question {number}: tell us whether anyone is in danger right now."), number=safety_number),
    )
    return type(f"{version.key.title().replace('_', '')}CheckForm", (CheckForm,), {"version": version, **fields})
