"""The planning tools' forms, built from the definition in plans.py."""

import datetime
import functools

from django import forms
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from assessment.plans import CHECKBOXES, DATE, PLANS, RADIO, TEXT, TEXTAREA

EARLIEST_DAYS, LATEST_DAYS = 1, 2 * 366  # a doctor's date from yesterday (time zones differ) to two years on


class SharedFieldMixin:
    """Forms deep-copy their fields for every instance; nothing changes these choice fields after they are
    built (the pack renders their inputs itself), so every form shares them, as the self-check's fields do.
    Text and date fields are copied as usual: the pack's crispy_field tag writes aria attributes into their
    widgets, which must never carry one reader's error state into another's page."""

    def __deepcopy__(self, memo):
        return self


class PlanCharField(forms.CharField):
    pass


class PlanChoiceField(SharedFieldMixin, forms.ChoiceField):
    pass


class PlanMultipleChoiceField(SharedFieldMixin, forms.MultipleChoiceField):
    pass


class PlanDateField(forms.DateField):
    def validate(self, value):
        super().validate(value)
        if value:
            today = timezone.localdate()
            if (
                not today - datetime.timedelta(days=EARLIEST_DAYS)
                <= value
                <= today + datetime.timedelta(days=LATEST_DAYS)
            ):
                raise forms.ValidationError(
                    gettext("{label}: choose a date from today to two years from now.").format(label=self.label),
                    code="out_of_range",
                )


class PlanForm(forms.Form):
    plan = None

    def steps(self):
        """Each step with its bound fields, for the page."""
        return [(step, [self[plan_field.name] for plan_field in step.fields]) for step in self.plan.steps]

    @property
    def multiple_value_fields(self):
        return {f.name for f in self.plan.fields if f.kind == CHECKBOXES}


def _number(number):
    """A count as the page's language writes it: "1,000" in English; "1000" in Spanish, which groups only
    numbers of five digits or more."""
    if get_language() == "es" and abs(number) < 10_000:
        return str(number)
    return formats.number_format(number, force_grouping=True)


grouped_number = lazy(_number, str)


def _field(plan_field):
    label = plan_field.label
    if plan_field.kind in (TEXT, TEXTAREA):
        limit = plan_field.max_length
        widget = forms.Textarea(attrs={"rows": 3}) if plan_field.kind == TEXTAREA else forms.TextInput()
        return PlanCharField(
            label=label,
            required=False,
            max_length=limit,
            widget=widget,
            help_text=format_lazy(_("Up to {limit} characters."), limit=grouped_number(limit)),
            error_messages={
                "max_length": format_lazy(
                    _(
                        "“{label}” is too long: it has %(show_value)d characters. "
                        "Please keep it to %(limit_value)d or fewer."
                    ),
                    label=label,
                ),
                "null_characters_not_allowed": format_lazy(
                    _("“{label}” has a character we cannot use. Please take it out."), label=label
                ),
            },
        )
    if plan_field.kind == DATE:
        return PlanDateField(
            label=label,
            required=False,
            input_formats=["%Y-%m-%d"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_(
                "If you have one. If your browser shows no calendar, type the year, month and day, like 2027-03-15."
            ),
            error_messages={
                "invalid": format_lazy(
                    _("{label}: enter a real date as the year, month and day, like 2027-03-15."), label=label
                )
            },
        )
    choices = [(choice.value, choice.label) for choice in plan_field.choices]
    if plan_field.kind == RADIO:
        return PlanChoiceField(
            label=label,
            required=False,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": format_lazy(_("{label} Choose one of the answers given."), label=label)},
        )
    if plan_field.kind == CHECKBOXES:
        return PlanMultipleChoiceField(
            label=label,
            required=False,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": format_lazy(_("{label}: choose only from the options given."), label=label)
            },
        )
    raise ValueError(plan_field.kind)


def plan_form_for(plan):
    return _plan_form_class(plan.key)


# Keyed by the plan's key, not the plan: every label and message is lazy, so each reader gets their own
# language from the one class, and the plan's lazy texts need not be translated just to look the class up.
@functools.cache  # the plans are fixed for the life of the process
def _plan_form_class(key):
    plan = PLANS[key]
    fields = {plan_field.name: _field(plan_field) for plan_field in plan.fields}
    return type(f"{plan.key.title().replace('-', '')}PlanForm", (PlanForm,), {"plan": plan, **fields})


def initial_for(plan, overrides=None):
    initial = {f.name: list(f.initial) for f in plan.fields if f.initial}
    initial.update(
        {name: list(value) if isinstance(value, tuple) else value for name, value in (overrides or {}).items()}
    )
    return initial
