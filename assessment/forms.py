import functools

from django import forms

from assessment.questions import QUESTIONS, SAFETY_ID, SAFETY_QUESTION, YES_NO


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
        return len(QUESTIONS) + 1


class QuestionField(forms.ChoiceField):
    """A question's field. Forms deep-copy their fields for every instance so that one request's changes
    cannot leak into another's; nothing here changes a field after it is built, so every form shares them."""

    def __deepcopy__(self, memo):
        return self


def _choice_field(label, choices, number, message):
    return QuestionField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": message,
            "invalid_choice": f"Question {number}: choose one of the answers given.",
        },
    )


@functools.cache  # the questions are fixed for the life of the process
def check_form_for(version):
    fields = {}
    for number, question in enumerate(QUESTIONS, start=1):
        fields[question.id] = _choice_field(
            f"{number}. {question.text(version)}",
            version.choices,
            number,
            f"Question {number}: choose an answer about {question.sign[0].lower()}{question.sign[1:-1]}.",
        )
    safety_number = len(QUESTIONS) + 1
    fields[SAFETY_ID] = _choice_field(
        f"{safety_number}. {SAFETY_QUESTION}",
        YES_NO,
        safety_number,
        f"Question {safety_number}: tell us whether anyone is in danger right now.",
    )
    return type(f"{version.key.title().replace('_', '')}CheckForm", (CheckForm,), {"version": version, **fields})
