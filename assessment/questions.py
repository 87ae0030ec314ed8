"""The one definition of the self-check: its questions, answers and versions.

The form, the page and the scoring are all built from this module. Each question is one DSM-5 substance
use disorder criterion (the criterion id is the field name), asked about the past 12 months in our own plain
words, adding nothing to the criterion: "time_spent" is time (not money), and "hazardous" is use where it is
physically dangerous (not risks taken to get kratom).
"""

from dataclasses import dataclass

YES, NO, UNSURE = "yes", "no", "unsure"
YES_NO = ((YES, "Yes"), (NO, "No"))
YES_NO_UNSURE = ((YES, "Yes"), (NO, "No"), (UNSURE, "Not sure"))

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
    articles: tuple[str, ...]  # article slugs that help with this sign

    def text(self, version):
        return self.about_them if version.about_someone_else else self.about_you


QUESTIONS = (
    Question(
        id="larger_longer",
        kind=ADDICTION,
        about_you="Have you often used more kratom, or used it for longer, than you meant to?",
        about_them="Have they often used more kratom, or used it for longer, than they meant to?",
        sign="Using more kratom, or for longer, than planned.",
        look_for="Kratom running out sooner than expected, or use that goes on longer than they said.",
        articles=("signs-of-kratom-addiction", "talking-to-a-doctor"),
    ),
    Question(
        id="cut_down",
        kind=ADDICTION,
        about_you="Have you wanted to cut down or stop, or tried to, but could not?",
        about_them="Have they said they want to cut down or stop, or tried to, but could not?",
        sign="Wanting or trying to cut down without success.",
        look_for="Promises to cut back that do not last, or frustration about not being able to stop.",
        articles=("talking-to-a-doctor", "kratom-detox"),
    ),
    Question(
        id="time_spent",
        kind=ADDICTION,
        about_you="Have you spent a lot of time getting kratom, using it, or getting over its effects?",
        about_them="Do they spend a lot of time getting kratom, using it, or getting over its effects?",
        sign="A lot of time spent getting, using or recovering from kratom.",
        look_for="Frequent trips or deliveries, or long stretches of the day spent using or feeling unwell after use.",
        articles=("signs-of-kratom-addiction", "long-term-recovery-plan"),
    ),
    Question(
        id="craving",
        kind=ADDICTION,
        about_you="Have you had strong urges to use kratom, or found it hard to think about anything else?",
        about_them="Do they seem to have strong urges to use kratom, or find it hard to focus on anything else?",
        sign="Strong cravings or urges to use.",
        look_for="Restlessness until they can use, or kratom coming up again and again in their plans.",
        articles=("handling-triggers", "behavioral-therapies"),
    ),
    Question(
        id="obligations",
        kind=ADDICTION,
        about_you="Has kratom kept you from doing what you need to do at work, at school or at home?",
        about_them="Has kratom kept them from doing what they need to do at work, at school or at home?",
        sign="Falling behind at work, school or home because of kratom.",
        look_for="Missed work or classes, unpaid bills, or chores and care for others left undone.",
        articles=("signs-of-kratom-addiction", "finding-a-treatment-center"),
    ),
    Question(
        id="social",
        kind=ADDICTION,
        about_you="Have you kept using kratom even though it caused problems with family or friends?",
        about_them="Have they kept using kratom even though it caused problems with you or others close to them?",
        sign="Using despite problems with family or friends.",
        look_for="Arguments about kratom, pulling away from people, or secrecy about use.",
        articles=("starting-the-conversation", "virtual-and-peer-support"),
    ),
    Question(
        id="activities",
        kind=ADDICTION,
        about_you="Have you given up or cut back on things you care about, like hobbies or time with people, because of kratom?",
        about_them="Have they given up or cut back on things they used to care about because of kratom?",
        sign="Giving up activities that matter.",
        look_for="Dropped hobbies, sports or friends, or skipped family events.",
        articles=("healthy-habits-in-recovery", "long-term-recovery-plan"),
    ),
    Question(
        id="hazardous",
        kind=ADDICTION,
        about_you="Have you used kratom in situations where it was physically unsafe, like before driving or using machinery?",
        about_them="Have they used kratom in situations where it was physically unsafe, like before driving or using machinery?",
        sign="Using in situations where it is physically unsafe, such as driving or using machinery.",
        look_for="Driving, swimming, or using tools or machines soon after using kratom.",
        articles=("kratom-side-effects-and-risks", "what-to-do-in-an-emergency"),
    ),
    Question(
        id="harm",
        kind=ADDICTION,
        about_you="Have you kept using kratom even though it caused or worsened a health problem, in your body or your mind?",
        about_them="Have they kept using kratom even though it seemed to cause or worsen a health problem, in body or mind?",
        sign="Using despite harm to physical or mental health.",
        look_for="New or worse stomach trouble, poor sleep, low mood or anxiety that they keep using through.",
        articles=("kratom-side-effects-and-risks", "talking-to-a-doctor"),
    ),
    Question(
        id="tolerance",
        kind=DEPENDENCE,
        about_you="Have you needed more kratom to feel the same effect, or found the same amount does less?",
        about_them="Do they seem to need more kratom than before to get the same effect?",
        sign="Tolerance: needing more to feel the same.",
        look_for="Using larger amounts, or more often, than they did a few months ago.",
        articles=("dependence-vs-addiction", "kratom-effects"),
    ),
    Question(
        id="withdrawal",
        kind=DEPENDENCE,
        about_you="When you cut down or stop, do you feel unwell (anxious, restless, sweaty, shaky or achy), or use kratom to avoid that?",
        about_them="When they go without kratom, do they seem unwell (anxious, restless, sweaty, shaky or achy), or use it to avoid that?",
        sign="Withdrawal: feeling unwell without kratom, or using to avoid it.",
        look_for="Irritability, sweating, a runny nose or poor sleep when they have not used for a while.",
        articles=("kratom-withdrawal", "kratom-detox"),
    ),
)

SAFETY_ID = "safety"
SAFETY_QUESTION = (
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
        return {value for value, _ in self.choices}


SELF = Version(
    key="self",
    url_name="self_check",
    title="Self-check: signs of kratom addiction",
    about_someone_else=False,
    choices=YES_NO,
)
LOVED_ONE = Version(
    key="loved_one",
    url_name="self_check_loved_one",
    title="Check for a loved one: signs of kratom addiction",
    about_someone_else=True,
    choices=YES_NO_UNSURE,
)
VERSIONS = {SELF.key: SELF, LOVED_ONE.key: LOVED_ONE}
QUESTIONS_BY_ID = {question.id: question for question in QUESTIONS}
