"""The one definition of the two planning tools: their steps, fields, choices and help.

The form, the page and the finished plan are all built from this module, as the self-check is built from
questions.py. Each step's hint is one sentence drawn from the article it names; the fixed lists (questions
for a doctor, warning signs) come from the articles and the facts sheet, and every help line from
resources.py. Nothing a person types is stored: a plan lives only in the request that shows it.
"""

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from assessment import resources

TEXT, TEXTAREA, RADIO, CHECKBOXES, DATE = "text", "textarea", "radio", "checkboxes", "date"
SHORT, LONG = 200, 1000  # the most characters a short or a long answer may have


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    resource: resources.Resource | None = None  # a help line whose contacts the finished plan shows

    @property
    def plan_label(self):
        """On the finished plan a help line's contacts follow its name, so the name alone is enough."""
        if self.resource and str(self.label).startswith(f"{self.resource.name}:"):
            return self.resource.name
        return self.label


@dataclass(frozen=True)
class PlanField:
    name: str
    label: str
    kind: str
    choices: tuple[Choice, ...] = ()
    initial: tuple[str, ...] = ()  # the values a blank form starts with (checkboxes)
    prefix: str = ""  # the start of an "I" statement ("I feel"), for the sentence the plan assembles

    @property
    def max_length(self):
        return {TEXT: SHORT, TEXTAREA: LONG}.get(self.kind)

    def choice(self, value):
        return next((choice for choice in self.choices if choice.value == value), None)


@dataclass(frozen=True)
class Step:
    id: str
    title: str  # the fieldset's legend, and the heading on the finished plan
    hint: str  # one sentence of help, drawn from the article named below
    article: str  # the slug of the article the hint comes from
    fields: tuple[PlanField, ...]
    tips: tuple[str, ...] = ()  # a short list shown with the step


@dataclass(frozen=True)
class WarningSign:
    id: str
    sign: str
    action: str
    resource: resources.Resource | None


@dataclass(frozen=True)
class Plan:
    key: str
    url_name: str
    title: str  # the form page's heading
    plan_title: str  # the finished plan's heading
    lead: str
    steps: tuple[Step, ...]
    submit: str

    @property
    def fields(self):
        return tuple(plan_field for step in self.steps for plan_field in step.fields)

    @property
    def field_names(self):
        return {plan_field.name for plan_field in self.fields}


def help_choice(value, resource):
    contact = resource.contacts[0]
    # Lazy, so that the one definition reads in the language of each page.
    return Choice(value, format_lazy("{}: {} {}", resource.name, contact.label, contact.display), resource)


# --- My next-steps plan -------------------------------------------------------------------------------------

GOAL = PlanField(
    "goal",
    _("Which of these fits you best right now?"),
    RADIO,
    choices=(
        Choice("learn", _("Learn more first")),
        Choice("cut_down", _("Cut down slowly, with a doctor's help")),
        Choice("stop", _("Stop, with medical help")),
        Choice("unsure", _("I am not sure yet")),
    ),
)

# The questions to take to a doctor, as the article "How do I talk to a doctor about kratom?" lists them
# (tests check that each one is still in articles/content/talking-to-a-doctor.md).
DOCTOR_QUESTIONS = (
    Choice("causing", _("Could my kratom use be causing any of my health problems?")),
    Choice("tests", _("Do I need any tests, such as a check of my liver?")),
    Choice("cut_down", _("How should I cut down, and can you help me do it slowly?")),
    Choice("symptoms", _("What withdrawal symptoms should I watch for?")),
    Choice("unwell", _("What should I do if I feel very unwell while cutting down?")),
    Choice("medicine", _("Is there a medicine that could help me?")),
    Choice("therapy", _("Would therapy, a peer group or a treatment program help me?")),
    Choice("mixing", _("Is it risky to mix kratom with my other medicines?")),
    Choice("naloxone", _("Should I keep naloxone (Narcan, Kloxxado) at home?")),
    Choice("privacy", _("Who will see what I tell you today?")),
    Choice("next_step", _("What is the next step, and when should I come back?")),
)

# Signs that mean getting help at once, each with what to do. Sources: SAMHSA's Overdose Prevention and
# Response Toolkit (overdose: the site's short steps, resources.OVERDOSE_STEPS), the Poison Help line (collapse, too much), the 988 Lifeline, NIH LiverTox
# (liver injury), and the article "What is kratom detox?" (hard withdrawal).
WARNING_SIGNS = (
    WarningSign(
        "overdose",
        _("Someone cannot be woken up, breathes slowly or not at all, or has blue or gray lips."),
        resources.OVERDOSE_STEPS,
        resources.EMERGENCY,
    ),
    WarningSign(
        "collapse",
        _("Someone collapses, has a seizure, or has trouble breathing."),
        _("Call 911 now."),
        resources.EMERGENCY,
    ),
    WarningSign(
        "suicide",
        _("Thoughts of suicide or of hurting myself."),
        _("Call or text 988 now, any time of day or night."),
        resources.CRISIS_LIFELINE,
    ),
    WarningSign(
        "too_much",
        _("I may have taken too much kratom, or mixed it with alcohol, opioids or other drugs."),
        # The help line's name from its definition: in Spanish it says what Poison Help is.
        format_lazy(
            _("Call {name} now. Call 911 if someone collapses or cannot be woken up."), name=resources.POISON_HELP.name
        ),
        resources.POISON_HELP,
    ),
    WarningSign(
        "liver",
        _("Yellow skin or eyes, dark urine, itching, or pain under the right ribs."),
        _("See a doctor soon, and tell them I use kratom. These can be signs of liver harm."),
        None,
    ),
    WarningSign(
        "withdrawal",
        _("Withdrawal feels too hard, or I feel very unwell while cutting down."),
        _("Call my doctor or care team. They can change the plan or help with symptoms."),
        None,
    ),
)
WARNING_SIGNS_BY_ID = {sign.id: sign for sign in WARNING_SIGNS}

PLAN_HELP = (resources.SAMHSA_HELPLINE, resources.CRISIS_LIFELINE, resources.FIND_TREATMENT, resources.SMART_RECOVERY)

NEXT_STEPS = Plan(
    key="next-steps",
    url_name="next_steps_plan",
    title=_("My next-steps plan"),
    plan_title=_("My next-steps plan"),
    lead=_(
        "A short plan can help you act on what you have learned. Fill in as much or as little as you like, "
        "then print it or save it as a PDF."
    ),
    submit=_("Show my plan"),
    steps=(
        Step(
            "goal",
            _("What I want now"),
            _("You do not need to have it all figured out: wanting to talk about your kratom use is enough to start."),
            "talking-to-a-doctor",
            (GOAL,),
        ),
        Step(
            "reasons",
            _("My reasons"),
            _("When a craving hits, a list of your reasons made on a calm day can guide you."),
            "long-term-recovery-plan",
            (PlanField("reasons", _("Why I want to make a change"), TEXTAREA),),
        ),
        Step(
            "support",
            _("Who can support me"),
            _("Two or three people you trust, your doctor, or a peer group can make a real difference."),
            "long-term-recovery-plan",
            (PlanField("support", _("People who could support me, and how to reach them"), TEXTAREA),),
        ),
        Step(
            "doctor",
            _("Talking to a doctor"),
            _("A regular doctor can look at your whole health and help you plan how to cut down safely."),
            "talking-to-a-doctor",
            (
                PlanField("doctor_date", _("Date I will see or call a doctor"), DATE),
                PlanField("doctor_who", _("Which doctor or clinic, and where"), TEXT),
                PlanField("doctor_questions", _("Questions I will ask"), CHECKBOXES, choices=DOCTOR_QUESTIONS),
                PlanField("doctor_own_questions", _("My own questions"), TEXTAREA),
            ),
        ),
        Step(
            "cravings",
            _("When cravings or triggers come"),
            _(
                "Cravings rise and then fade, so plan what you will do: wait, move, breathe, reach out, and remember your reasons."
            ),
            "handling-triggers",
            (PlanField("cravings", _("What I will do when a craving or trigger comes"), TEXTAREA),),
        ),
        Step(
            "helpline",
            _("A help line I will call"),
            _("Help lines are free and private, and you do not need to be sure there is a problem to call."),
            "kratom-detox",
            (
                PlanField(
                    "helpline",
                    _("Which one I will call"),
                    RADIO,
                    choices=tuple(help_choice(resource.slug, resource) for resource in PLAN_HELP),
                ),
                PlanField("helpline_when", _("When I will call"), TEXT),
            ),
        ),
        Step(
            "warning",
            _("Warning signs that mean getting help at once"),
            _("These signs need help right away, even in the middle of a plan: keep this list where you can find it."),
            "what-to-do-in-an-emergency",
            (
                PlanField(
                    "warning_signs",
                    _("Signs I will watch for"),
                    CHECKBOXES,
                    choices=tuple(Choice(sign.id, sign.sign, sign.resource) for sign in WARNING_SIGNS),
                    initial=tuple(sign.id for sign in WARNING_SIGNS),
                ),
                PlanField("warning_own", _("Other signs I will watch for, and what I will do"), TEXTAREA),
            ),
        ),
    ),
)

# What a result's band suggests for the blank plan: only ever carried in a POST body.
BAND_PREFILL = {
    "none": {"goal": "learn"},
    "mild": {"goal": "cut_down", "doctor_questions": ("causing", "cut_down", "symptoms")},
    "moderate": {
        "goal": "cut_down",
        "helpline": resources.SAMHSA_HELPLINE.slug,
        "doctor_questions": ("cut_down", "symptoms", "unwell", "medicine", "therapy"),
    },
    "severe": {
        "goal": "stop",
        "helpline": resources.SAMHSA_HELPLINE.slug,
        "doctor_questions": ("cut_down", "symptoms", "unwell", "medicine", "therapy"),
    },
}


# --- Conversation plan --------------------------------------------------------------------------------------

AFRAID = PlanField(
    "afraid",
    _("Are you afraid your loved one could hurt you or someone else?"),
    RADIO,
    choices=(Choice("yes", _("Yes")), Choice("unsure", _("Not sure")), Choice("no", _("No"))),
)
AFRAID_VALUES = {"yes", "unsure"}  # answers that mean: do not do this alone

CONVERSATION = Plan(
    key="conversation",
    url_name="conversation_plan",
    title=_("Plan a talk with someone you love"),
    plan_title=_("My plan for a talk about kratom"),
    lead=_(
        "A calm, kind talk works better than a fight. This plan helps you get ready, step by step, in the way "
        "CRAFT teaches. Fill in as much or as little as you like, then print it or save it as a PDF."
    ),
    submit=_("Show my plan"),
    steps=(
        Step(
            "safety",
            _("Safety first"),
            _("Your safety comes first: never have this talk in a way that could put you or anyone else in danger."),
            "boundaries-vs-enabling",
            (AFRAID,),
        ),
        Step(
            "moment",
            _("A calm moment"),
            _(
                "Pick a time when neither of you is rushed, tired or upset, and your loved one is not under the effects of kratom or in withdrawal."
            ),
            "starting-the-conversation",
            (PlanField("when", _("When I will talk"), TEXT), PlanField("where", _("Where I will talk"), TEXT)),
            tips=(
                _("Find a private place where others will not overhear."),
                _("Do not start right after a fight or a crisis."),
                _("Turn off the TV and put phones away."),
            ),
        ),
        Step(
            "noticed",
            _("What I have noticed"),
            _(
                "Talk about what you have seen, not about who they are: “you missed work twice this week” is clearer than “you are falling apart.”"
            ),
            "starting-the-conversation",
            (PlanField("noticed", _("I have noticed…"), TEXTAREA, prefix=_("I have noticed")),),
        ),
        Step(
            "feelings",
            _("How I feel"),
            _(
                "“I” statements share how you feel without blaming: “I have been worried about you” lands softer than “you have a problem.”"
            ),
            "craft-and-positive-communication",
            (
                PlanField("feel", _("I feel…"), TEXTAREA, prefix=_("I feel")),
                PlanField("worried", _("I am worried because…"), TEXTAREA, prefix=_("I am worried because")),
                PlanField("would_like", _("I would like…"), TEXTAREA, prefix=_("I would like")),
            ),
        ),
        Step(
            "ask",
            _("What I will ask and offer"),
            _("Be clear about one thing you would like, and offer to help: “Is there anything I can do?”"),
            "craft-and-positive-communication",
            (
                PlanField(
                    "offers",
                    _("I will ask them to, or offer to"),
                    CHECKBOXES,
                    choices=(
                        Choice("doctor", _("See a doctor")),
                        Choice(
                            "helpline",
                            format_lazy(_("Call the {name}"), name=resources.SAMHSA_HELPLINE.name),
                            resources.SAMHSA_HELPLINE,
                        ),
                        Choice("together", _("Go together, so they are not alone")),
                        Choice("treatment", _("Look at treatment options together"), resources.FIND_TREATMENT),
                    ),
                ),
                PlanField("offers_own", _("Something else I will ask or offer"), TEXTAREA),
            ),
        ),
        Step(
            "badly",
            _("If the talk goes badly"),
            _(
                "Many people deny a problem or get angry at first: stay calm, do not argue, and let it rest for another day."
            ),
            "starting-the-conversation",
            (
                PlanField("if_badly", _("What I will say if it goes badly"), TEXTAREA),
                PlanField("stop_when", _("When I will stop the talk"), TEXTAREA),
            ),
            tips=(
                _("You could say: “Okay. I care about you, and I am here when you want to talk.”"),
                _("Stop at once if anyone starts to feel unsafe."),
            ),
        ),
        Step(
            "self_care",
            _("What I will do for myself"),
            _(
                "Taking care of yourself is not selfish: one small thing each day, like a walk or a call to a friend, helps you stay steady."
            ),
            "caring-for-yourself",
            (PlanField("self_care", _("What I will do for myself, after the talk and each day"), TEXTAREA),),
        ),
        Step(
            "my_support",
            _("Where my own support is"),
            _("Support groups are for you, whatever your loved one is doing right now."),
            "support-groups-for-families",
            (
                PlanField(
                    "support_groups",
                    _("Support I will try"),
                    CHECKBOXES,
                    choices=tuple(
                        help_choice(resource.slug, resource)
                        for resource in (*resources.FAMILY_SUPPORT, resources.SAMHSA_HELPLINE)
                    ),
                ),
                PlanField("support_people", _("People I can talk to"), TEXTAREA),
            ),
        ),
    ),
)

PLANS = {NEXT_STEPS.key: NEXT_STEPS, CONVERSATION.key: CONVERSATION}
I_STATEMENT_FIELDS = ("noticed", "feel", "worried", "would_like")


def i_statement(prefix, text):
    """One sentence from a prefix and what was typed: "I feel" + "scared." → "I feel scared." Text that
    already starts with the prefix is not doubled."""
    text = text.strip()
    if not text:
        return ""
    sentence = text if text.lower().startswith(prefix.lower()) else f"{prefix} {text}"
    return sentence if sentence[-1] in ".!?…" else f"{sentence}."


@dataclass(frozen=True)
class Entry:
    """One answered part of a finished plan."""

    label: str
    text: str = ""
    items: tuple = ()  # Choices, or WarningSigns
    date: object = None
    kind: str = ""


@dataclass(frozen=True)
class Section:
    step: Step
    entries: tuple[Entry, ...] = field(default=())


def finished_plan(plan, data):
    """The sections of a finished plan from a valid form's cleaned data, in the order of the steps, leaving
    out what was left blank."""
    sections = []
    for step in plan.steps:
        entries = []
        for plan_field in step.fields:
            value = data.get(plan_field.name)
            if not value:
                continue
            if plan_field.kind in (TEXT, TEXTAREA):
                entries.append(Entry(plan_field.label, text=value, kind=plan_field.kind))
            elif plan_field.kind == DATE:
                entries.append(Entry(plan_field.label, date=value, kind=DATE))
            elif plan_field.name == "warning_signs":
                signs = tuple(WARNING_SIGNS_BY_ID[v] for v in value)
                entries.append(Entry(plan_field.label, items=signs, kind="signs"))
            elif plan_field.kind == CHECKBOXES:
                chosen = tuple(choice for choice in plan_field.choices if choice.value in value)
                entries.append(Entry(plan_field.label, items=chosen, kind=CHECKBOXES))
            else:
                entries.append(Entry(plan_field.label, items=(plan_field.choice(value),), kind=RADIO))
        sections.append(Section(step, tuple(entries)))
    return sections
