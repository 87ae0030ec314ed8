"""The planning tools' pages and states for the whole-site browser checks (pages.STATES takes them in).

Given pages.State and pages.submit_form, so this module imports nothing from pages.py.
"""

import datetime

PLAN = "/self-check/plan/"
TALK = "/family/conversation-plan/"


def plan_states(State, submit_form, plan=PLAN, talk=TALK, prefix=""):
    soon = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    finished_plan = {
        "goal": "stop",
        "reasons": "I want my mornings back, and to be there for my kids.",
        "support": "My sister, and my friend from work.",
        "doctor_date": soon,
        "doctor_who": "Dr. Okafor at the Main Street clinic",
        "doctor_questions": "cut_down",
        "cravings": "Wait ten minutes, go for a walk, then text my sister.",
        "helpline": "samhsa-helpline",
        "helpline_when": "Monday morning",
        "warning_own": "Two nights with no sleep.",
    }
    finished_talk = {
        "afraid": "unsure",
        "when": "Sunday after lunch",
        "where": "On a walk",
        "noticed": "you have missed work twice this week",
        "feel": "worried",
        "worried": "you seem so tired",
        "would_like": "to help you find a doctor",
        "offers": "helpline",
        "if_badly": "Okay. I care about you, and I am here when you want to talk.",
        "self_care": "Call my friend after.",
        "support_groups": "smart-family",
    }
    return [
        State(prefix + "next-steps-plan", plan),
        State(prefix + "next-steps-plan-errors", plan, drive=submit_form({"doctor_date": "2001-01-01"}), status=400),
        State(prefix + "next-steps-plan-finished", plan, drive=submit_form(finished_plan), spacing=True),
        State(prefix + "conversation-plan", talk),
        State(
            prefix + "conversation-plan-errors",
            talk,
            drive=submit_form({"afraid": "yes", "noticed": "too many words " * 80}),
            status=400,
        ),
        State(prefix + "conversation-plan-finished", talk, drive=submit_form(finished_talk), spacing=True),
        State(prefix + "plan-bad-request", plan + "?reasons=in-the-address", status=400),
    ]
