"""The two planning tools: a blank form (GET), the finished plan (POST), and a calendar file (POST).

Like the self-check's answers, what a person types lives only in the request that shows their plan: nothing
is written to the database, a session, a cookie, the address or a log.
"""

import datetime
import uuid

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from icalendar import Calendar, Event

from assessment import resources
from assessment.plan_forms import PlanCharField, PlanDateField, initial_for, plan_form_for
from assessment.plans import (
    AFRAID_VALUES,
    BAND_PREFILL,
    CHECKBOXES,
    CONVERSATION,
    NEXT_STEPS,
    TEXT,
    TEXTAREA,
    finished_plan,
    i_statement,
)
from assessment.prerender import Prerendered
from assessment.views import bad_request, blank_form_response

CONTROL = "csrfmiddlewaretoken"
ACTION = "action"  # "prefill" (a result's band, next-steps plan only) or "edit" (back to the form, filled in)
NO_QUERY = _(
    "This page does not take anything in its web address, so that what you write never appears in it. "
    "Open the plan again from the menu and fill it in on the page."
)
UNEXPECTED = _(
    "The form sent something we did not expect, so we have not made your plan yet. Everything else you "
    "wrote is still here: check it, then send the form again."
)
# Calendars sync: the title says nothing about kratom. In the language of the page the plan was made on.
EVENT_TITLE = _("Doctor's appointment")
BLANK_PLAN_PAGE = Prerendered("assessment/plan_form.html", ["csrf_token"])
# A prefill the page did not make: the start of UNEXPECTED, with nothing of the person's to keep.
UNEXPECTED_PREFILL = _("The form sent something we did not expect. Nothing was saved.")


def private(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def step_context(form):
    steps = form.steps()
    return {
        "form": form,
        "plan": form.plan,
        "steps": steps,
        "step_count": len(steps),
        # For a reader afraid of their loved one: who to call about staying safe, by name, with every contact.
        "safety_lines": (resources.EMERGENCY, resources.DOMESTIC_VIOLENCE_HOTLINE, resources.CRISIS_LIFELINE),
        "hotline": resources.DOMESTIC_VIOLENCE_HOTLINE,
        "afraid": form.is_bound and form.data.get("afraid") in AFRAID_VALUES,
    }


class PlanView(View):
    """One page: GET a blank plan, POST it to see the finished plan. Nothing is stored."""

    plan = NEXT_STEPS
    http_method_names = ["get", "post", "head", "options"]

    @property
    def form_class(self):
        return plan_form_for(self.plan)

    def render_form(self, form, status=200):
        return private(render(self.request, "assessment/plan_form.html", step_context(form), status=status))

    def render_blank_form(self, band=None):
        # As the self-check does: the blank form (one per band for a result's prefill) is the same for every
        # reader but for the CSRF token.
        def make_context():
            form = self.form_class(initial=initial_for(self.plan, BAND_PREFILL.get(band)))
            return {**step_context(form), "band": band}

        return private(
            blank_form_response(self.request, BLANK_PLAN_PAGE.pieces(self.request, (self.plan.key, band), make_context))
        )

    def get(self, request):
        if request.META.get("QUERY_STRING"):
            return private(bad_request(request, NO_QUERY))
        return self.render_blank_form()

    def post(self, request):
        action = request.POST.get(ACTION, "")
        if action == "prefill" and self.plan is NEXT_STEPS:
            return self.prefill(request)
        known = self.plan.field_names
        multiple = {f.name for f in self.plan.fields if f.kind == CHECKBOXES}
        unexpected = [name for name in request.POST if name not in known | {CONTROL, ACTION}]
        repeated = [name for name in request.POST if name not in multiple and len(request.POST.getlist(name)) > 1]
        if unexpected or repeated or action not in ("", "edit") or request.META.get("QUERY_STRING"):
            # Keep everything the person wrote in the fields we know; say what went wrong.
            form = self.form_class(self.salvage(request.POST))
            form.full_clean()
            form.add_error(None, UNEXPECTED)
            return self.render_form(form, status=400)
        form = self.form_class(request.POST)
        if action == "edit":
            return self.render_form(form, status=200 if form.is_valid() else 400)
        if not form.is_valid():
            return self.render_form(form, status=400)
        return self.render_plan(form)

    def salvage(self, post):
        data = MultiValueDict()
        for plan_field in self.plan.fields:
            values = post.getlist(plan_field.name)
            if not values:
                continue
            if plan_field.kind == CHECKBOXES:
                data.setlist(plan_field.name, values)
            elif plan_field.kind in (TEXT, TEXTAREA):
                data[plan_field.name] = "\n\n".join(value for value in values if value)
            else:
                data[plan_field.name] = values[0]
        return data

    def prefill(self, request):
        band = request.POST.get("band", "")
        allowed = {CONTROL, ACTION, "band"}
        if any(name not in allowed or len(request.POST.getlist(name)) > 1 for name in request.POST):
            return private(bad_request(request, UNEXPECTED_PREFILL))
        if band not in BAND_PREFILL:
            return private(
                bad_request(
                    request,
                    gettext("We could not tell which result this came from. Open the plan from the menu instead."),
                )
            )
        return self.render_blank_form(band)

    def plan_context(self, form):
        data = form.cleaned_data
        sections = finished_plan(self.plan, data)
        hidden = [(f.name, value) for f in self.plan.fields for value in form.data.getlist(f.name) if value]
        return {
            "plan": self.plan,
            "sections": sections,
            "hidden": hidden,
            "empty": not any(s.entries for s in sections),
        }

    def render_plan(self, form):
        context = self.plan_context(form)
        data = form.cleaned_data
        if data.get("doctor_date"):
            context["calendar"] = {"date": data["doctor_date"], "who": data.get("doctor_who", "")}
        return private(render(self.request, "assessment/plan_result.html", context))


class ConversationPlanView(PlanView):
    plan = CONVERSATION

    def render_plan(self, form):
        context = self.plan_context(form)
        data = form.cleaned_data
        sentence = " ".join(
            i_statement(f.prefix, data[f.name]) for f in self.plan.fields if f.prefix and data.get(f.name)
        )
        skip = {"safety", "noticed", "feelings"}
        context.update(
            sentence=sentence,
            afraid=data.get("afraid") in AFRAID_VALUES,
            safety_lines=(
                resources.EMERGENCY,
                resources.DOMESTIC_VIOLENCE_HOTLINE,
                resources.CRISIS_LIFELINE,
                resources.SAMHSA_HELPLINE,
            ),
            hotline=resources.DOMESTIC_VIOLENCE_HOTLINE,
            sections=[section for section in context["sections"] if section.step.id not in skip],
        )
        context["empty"] = not sentence and not any(section.entries for section in context["sections"])
        return private(render(self.request, "assessment/plan_result.html", context))


class CalendarForm(forms.Form):
    doctor_date = PlanDateField(label=_("Date"), required=True, input_formats=["%Y-%m-%d"])
    doctor_who = PlanCharField(label=_("Which doctor or clinic, and where"), required=False, max_length=200)
    include_who = forms.BooleanField(required=False)


class CalendarView(View):
    """An .ics file for the doctor's date on a plan, made from the POST and never stored."""

    http_method_names = ["post", "options"]

    def post(self, request):
        allowed = set(CalendarForm.base_fields) | {CONTROL}
        odd = [name for name in request.POST if name not in allowed or len(request.POST.getlist(name)) > 1]
        form = CalendarForm(request.POST)
        if odd or request.META.get("QUERY_STRING") or not form.is_valid():
            return private(
                bad_request(
                    request,
                    gettext(
                        "We could not make a calendar event from that. Nothing was saved. Go back to your plan and "
                        "check the doctor's date."
                    ),
                )
            )
        date = form.cleaned_data["doctor_date"]
        calendar = Calendar()
        calendar.add("prodid", "-//Plan//EN")  # calendars sync: neither the site's name nor its address
        calendar.add("version", "2.0")
        event = Event()
        event.add("uid", str(uuid.uuid4()))
        event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
        event.add("dtstart", date)
        event.add("dtend", date + datetime.timedelta(days=1))
        event.add("summary", str(EVENT_TITLE))
        if form.cleaned_data["include_who"] and form.cleaned_data["doctor_who"]:
            event.add("location", form.cleaned_data["doctor_who"])
        calendar.add_component(event)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
        return private(response)
