"""The one definition of the self-check: its questions, answers and versions.

The form, the page and the scoring are all built from this module. Each question is one DSM-5 substance
use disorder criterion (the criterion id is the field name), asked about the past 12 months in our own plain
words, adding nothing to the criterion: "time_spent" is time (not money), "craving" is a strong desire or urge
to use (not using often, nor trouble thinking of anything else), and "hazardous" is use where it is physically
dangerous (not risks taken to get kratom).

Every text a reader sees is translated where it is defined (gettext_lazy). The Spanish, like the English, asks
each criterion in our own plain words: DSM-5's wording is copyrighted in every language, so no published
translation is copied.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES, NO, UNSURE = "yes", "no", "unsure"
YES_NO = ((YES, _("Yes")), (NO, _("No")))
YES_NO_UNSURE = ((YES, _("Yes")), (NO, _("No")), (UNSURE, _("Not sure")))

ADDICTION = "addiction"
DEPENDENCE = "dependence"


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # ADDICTION, or DEPENDENCE for the body's adaptation (tolerance, withdrawal)
    about_you: str
    about_them: str
    sign: str  # what a "yes" reflects, in plain words
    look_for: str  # for an unsure answer about someone else: what to watch for
    articles: tuple[str, ...]  # article slugs (English, the translation key) that help with this sign
    # For the check about someone else, where the help a family member needs differs; else `articles`.
    family_articles: tuple[str, ...] = ()

    def text(self, version):
        return self.about_them if version.about_someone_else else self.about_you

    def articles_for(self, version):
        return (self.family_articles or self.articles) if version.about_someone_else else self.articles


QUESTIONS = (
    Question(
        id="larger_longer",
        kind=ADDICTION,
        about_you=_("Have you often used more kratom, or used it for longer, than you meant to?"),
        about_them=_("Have they often used more kratom, or used it for longer, than they meant to?"),
        sign=_("Using more kratom, or for longer, than planned."),
        look_for=_("Kratom running out sooner than expected, or use that goes on longer than they said."),
        articles=("signs-of-kratom-addiction", "talking-to-a-doctor"),
    ),
    Question(
        id="cut_down",
        kind=ADDICTION,
        about_you=_("Have you wanted to cut down or stop, or tried to, but could not?"),
        about_them=_("Have they said they want to cut down or stop, or tried to, but could not?"),
        sign=_("Wanting or trying to cut down without success."),
        look_for=_("Promises to cut back that do not last, or frustration about not being able to stop."),
        articles=("quitting-all-at-once-or-slowly", "talking-to-a-doctor"),
    ),
    Question(
        id="time_spent",
        kind=ADDICTION,
        about_you=_("Have you spent a lot of time getting kratom, using it, or getting over its effects?"),
        about_them=_("Do they spend a lot of time getting kratom, using it, or getting over its effects?"),
        sign=_("A lot of time spent getting, using or recovering from kratom."),
        look_for=_(
            "Frequent trips or deliveries, or long stretches of the day spent using or feeling unwell after use."
        ),
        articles=("signs-of-kratom-addiction", "long-term-recovery-plan"),
    ),
    Question(
        id="craving",
        kind=ADDICTION,
        about_you=_("Have you had cravings: a strong desire or urge to use kratom?"),
        about_them=_("Do they seem to have cravings: a strong desire or urge to use kratom?"),
        sign=_("Cravings: a strong desire or urge to use."),
        look_for=_("Saying they badly want kratom, or have a strong urge to use it."),
        articles=("handling-triggers", "weeks-and-months-after-stopping"),
    ),
    Question(
        id="obligations",
        kind=ADDICTION,
        about_you=_("Has kratom kept you from doing what you need to do at work, at school or at home?"),
        about_them=_("Has kratom kept them from doing what they need to do at work, at school or at home?"),
        sign=_("Falling behind at work, school or home because of kratom."),
        look_for=_("Missed work or classes, unpaid bills, or chores and care for others left undone."),
        articles=("signs-of-kratom-addiction", "finding-a-treatment-center"),
    ),
    Question(
        id="social",
        kind=ADDICTION,
        about_you=_("Have you kept using kratom even though it caused problems with family or friends?"),
        about_them=_("Have they kept using kratom even though it caused problems with you or others close to them?"),
        sign=_("Using despite problems with family or friends."),
        look_for=_("Arguments about kratom, pulling away from people, or secrecy about use."),
        articles=("starting-the-conversation", "virtual-and-peer-support"),
    ),
    Question(
        id="activities",
        kind=ADDICTION,
        about_you=_(
            "Have you given up or cut back on things you care about, like hobbies or time with people, because of kratom?"
        ),
        about_them=_("Have they given up or cut back on things they used to care about because of kratom?"),
        sign=_("Giving up activities that matter."),
        look_for=_("Dropped hobbies, sports or friends, or skipped family events."),
        articles=("healthy-habits-in-recovery", "kratom-and-chronic-pain"),
    ),
    Question(
        id="hazardous",
        kind=ADDICTION,
        about_you=_(
            "Have you used kratom in situations where it was physically unsafe, like before driving or using machinery?"
        ),
        about_them=_(
            "Have they used kratom in situations where it was physically unsafe, like before driving or using machinery?"
        ),
        sign=_("Using in situations where it is physically unsafe, such as driving or using machinery."),
        look_for=_("Driving, swimming, or using tools or machines soon after using kratom."),
        articles=("kratom-side-effects-and-risks", "what-to-do-in-an-emergency"),
    ),
    Question(
        id="harm",
        kind=ADDICTION,
        about_you=_(
            "Have you kept using kratom even though it caused or worsened a health problem, in your body or your mind?"
        ),
        about_them=_(
            "Have they kept using kratom even though it seemed to cause or worsen a health problem, in body or mind?"
        ),
        sign=_("Using despite harm to physical or mental health."),
        look_for=_("New or worse stomach trouble, poor sleep, low mood or anxiety that they keep using through."),
        articles=("kratom-side-effects-and-risks", "kratom-anxiety-and-depression"),
    ),
    Question(
        id="tolerance",
        kind=DEPENDENCE,
        about_you=_("Have you needed more kratom to feel the same effect, or found the same amount does less?"),
        about_them=_("Do they seem to need more kratom than before to get the same effect?"),
        sign=_("Tolerance: needing more to feel the same."),
        look_for=_("Using larger amounts, or more often, than they did a few months ago."),
        articles=("dependence-vs-addiction", "kratom-effects"),
    ),
    Question(
        id="withdrawal",
        kind=DEPENDENCE,
        about_you=_(
            "When you cut down or stop, do you feel unwell (anxious, restless, sweaty, shaky or achy), or use kratom to avoid that?"
        ),
        about_them=_(
            "When they go without kratom, do they seem unwell (anxious, restless, sweaty, shaky or achy), or use it to avoid that?"
        ),
        sign=_("Withdrawal: feeling unwell without kratom, or using to avoid it."),
        look_for=_("Irritability, sweating, a runny nose or poor sleep when they have not used for a while."),
        articles=("getting-through-withdrawal", "kratom-withdrawal"),
        family_articles=("helping-someone-through-withdrawal", "kratom-withdrawal"),
    ),
)

SAFETY_ID = "safety"
SAFETY_QUESTION = _(
    "Right now, is anyone in danger? For example: thoughts of self-harm or suicide, "
    "a possible overdose, or a medical emergency."
)


@dataclass(frozen=True)
class Version:
    key: str  # stored in the daily count
    url_name: str
    title: str
    about_someone_else: bool
    choices: tuple

    @property
    def answer_values(self):
        return {value for value, label in self.choices}


SELF = Version(
    key="self",
    url_name="self_check",
    title=_("Self-check: signs of kratom addiction"),
    about_someone_else=False,
    choices=YES_NO,
)
LOVED_ONE = Version(
    key="loved_one",
    url_name="self_check_loved_one",
    title=_("Check for a loved one: signs of kratom addiction"),
    about_someone_else=True,
    choices=YES_NO_UNSURE,
)
VERSIONS = {SELF.key: SELF, LOVED_ONE.key: LOVED_ONE}
# How many questions a reader answers: one per criterion, and the safety question. Pages that give the number
# read it from here.
QUESTION_COUNT = len(QUESTIONS) + 1
QUESTIONS_BY_ID = {question.id: question for question in QUESTIONS}
