"""Every help resource the site points to, defined once.

The footer, /get-help/ and every self-check result read these. Numbers and services come from the facts
sheet's sources; re-check them on each review (REVIEWED below) and change them only here.

Every text a reader sees is translated where it is defined. A line's Spanish service can differ from its
English one, so the Spanish can say more: 988's text contact reads "Text AYUDA to 988" and its chat contact
"Chat in Spanish", the SAMHSA text service says it is in English only, and Poison Help's summary says
interpreters speak Spanish. The facts sheet's "In Spanish" part is the source; re-check it with the numbers.

The short overdose steps and the Good Samaritan sentence are the site's one wording of each (the same
sentences as the articles), defined here so that the result, the help page and the plans say them alike.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

REVIEWED = datetime.date(2026, 11, 28)


@dataclass(frozen=True)
class Contact:
    label: str  # what a reader does: "Call", "Text", "TTY", "Chat online", "Search online"
    display: str  # as shown: "1-800-662-4357"
    href: str  # tel:, sms: or https: link

    @property
    def is_external(self):
        return self.href.startswith("https://")


@dataclass(frozen=True)
class Resource:
    slug: str
    name: str
    summary: str
    contacts: tuple[Contact, ...]
    details: tuple[str, ...] = field(default=())


EMERGENCY = Resource(
    slug="emergency",
    name=_("Emergency: call 911"),
    summary=_(
        "Call 911 if someone cannot be woken up, is breathing slowly or not at all, has blue or gray lips, "
        "has a seizure or has collapsed."
    ),
    contacts=(Contact(_("Call"), "911", "tel:911"),),
)

CRISIS_LIFELINE = Resource(
    slug="988",
    name=_("988 Suicide & Crisis Lifeline"),
    # Where 988 is explained in full, it says how to reach the Spanish line and the Veterans Crisis Line.
    summary=_(
        "Call or text 988 any time if you or someone else is in a mental health or substance use crisis, "
        "or having thoughts of suicide. For Spanish, press 2. For the Veterans Crisis Line, press 1."
    ),
    contacts=(
        Contact(_("Call"), "988", "tel:988"),
        # In Spanish this is the line's Spanish text service: "Text AYUDA to 988".
        Contact(pgettext_lazy("988 Lifeline text contact", "Text"), "988", "sms:988"),
        Contact(
            pgettext_lazy("988 Lifeline chat contact", "Chat online"), "988lifeline.org", "https://988lifeline.org/"
        ),
    ),
)

POISON_HELP = Resource(
    slug="poison-help",
    name=_("Poison Help"),
    summary=_(
        "Call if someone may have taken too much kratom or mixed it with other drugs. "
        "It is free and private, and open 24 hours a day."
    ),
    contacts=(
        Contact(_("Call"), "1-800-222-1222", "tel:+18002221222"),
        Contact(_("Get help online"), "webPOISONCONTROL", "https://www.poison.org/"),
    ),
)

SAMHSA_HELPLINE = Resource(
    slug="samhsa-helpline",
    name=_("SAMHSA National Helpline"),
    summary=_(
        "Free, private help to find treatment, support groups and other services near you. "
        "Open 24 hours a day, every day of the year, in English and Spanish."
    ),
    contacts=(
        Contact(_("Call"), "1-800-662-4357 (1-800-662-HELP)", "tel:+18006624357"),
        Contact(_("TTY"), "1-800-487-4889", "tel:+18004874889"),
        # The text service is in English only: the Spanish label says so.
        Contact(_("Text your ZIP code to"), "435748 (HELP4U)", "sms:435748"),
    ),
    details=(
        _("The helpline gives referrals, not counseling."),
        _("They may ask for your ZIP code to find services near you. You do not have to give your name."),
    ),
)

FIND_TREATMENT = Resource(
    slug="findtreatment",
    name="FindTreatment.gov",
    summary=_(
        "The government's free search tool for treatment near you. You can filter by how you pay: "
        "Medicaid, Medicare, a sliding fee based on income, or free care."
    ),
    contacts=(Contact(_("Search online"), "FindTreatment.gov", "https://findtreatment.gov/"),),
    details=(
        _("Listings are not always up to date. Call a place before you go to check it still offers what you need."),
    ),
)

SMART_RECOVERY = Resource(
    slug="smart-recovery",
    name="SMART Recovery",
    summary=_("Free peer support meetings, in person and online, built on practical tools for change."),
    contacts=(Contact(_("Visit"), "smartrecovery.org", "https://smartrecovery.org/"),),
)

SMART_FAMILY = Resource(
    slug="smart-family",
    name="SMART Recovery Family & Friends",
    summary=_("Meetings and tools for people who love someone with a substance use problem."),
    contacts=(Contact(_("Visit"), "smartrecovery.org/family", "https://smartrecovery.org/family/"),),
)

NAR_ANON = Resource(
    slug="nar-anon",
    name=_("Nar-Anon and Narateen"),
    summary=_("Support groups for family members and friends of someone who uses drugs. Narateen is for teens."),
    contacts=(Contact(_("Visit"), "nar-anon.org", "https://www.nar-anon.org/"),),
)

VIRTUAL_PROGRAMS = Resource(
    slug="virtual-programs",
    name=_("Virtual recovery programs"),
    summary=_(
        "Some programs, such as Relay, offer peer groups and recovery tools on your phone. "
        "They can sit alongside care from a doctor or counselor."
    ),
    contacts=(),
    # As the article on virtual and peer support says it: a named program is an example, not a recommendation.
    details=(
        _(
            "Relay is one example. There are others, and they differ a lot. Naming one does not mean we think it "
            "is better than the rest."
        ),
    ),
)

DOMESTIC_VIOLENCE_HOTLINE = Resource(
    slug="domestic-violence-hotline",
    name=_("National Domestic Violence Hotline"),
    summary=_(
        "If you are afraid that someone close to you could hurt you or someone else, you can call, text or chat "
        "any time. It is free and confidential, and they can help you plan how to stay safe."
    ),
    contacts=(
        Contact(_("Call"), "1-800-799-7233 (1-800-799-SAFE)", "tel:+18007997233"),
        Contact(_("Text START to"), "88788", "sms:88788"),
        Contact(_("Chat online"), "thehotline.org", "https://www.thehotline.org/"),
    ),
)

CRISIS_LINES = (EMERGENCY, CRISIS_LIFELINE, POISON_HELP)
SAFETY_AT_HOME = (DOMESTIC_VIOLENCE_HOTLINE,)
TREATMENT = (SAMHSA_HELPLINE, FIND_TREATMENT)
PEER_SUPPORT = (SMART_RECOVERY, VIRTUAL_PROGRAMS)
FAMILY_SUPPORT = (SMART_FAMILY, NAR_ANON)

# The short version of the overdose steps, in one paragraph (the full steps are in the emergency article).
# Source: SAMHSA's Overdose Prevention and Response Toolkit, and the naloxone nasal spray's label.
OVERDOSE_STEPS = _(
    "Call 911. Give naloxone (Narcan) if there is any, and a second dose if they do not wake up or breathe better "
    "in 2 to 3 minutes. Lay them on their side; if you are trained, give rescue breaths or CPR. Stay with them: "
    "naloxone can bring on sudden withdrawal in someone who uses every day."
)
# Good Samaritan laws, in the site's one wording. Source: US Government Accountability Office, GAO-21-248 (2021).
GOOD_SAMARITAN = _(
    "Most states have Good Samaritan laws. In many states, these laws protect both the person who calls 911 and the "
    "person who overdosed from some drug charges. What they cover differs from state to state. Please call 911 "
    "anyway: it can save a life."
)

# What to look for in care, after NIAAA's Alcohol Treatment Navigator.
CHOOSING_CARE = (
    _("Staff who are licensed or certified to treat substance use."),
    _("A full check of your health, your substance use and your mental health before a plan is made."),
    _("Therapies that research shows work, such as cognitive behavioral therapy."),
    _("Medicines offered where they can help, and a clear reason if not."),
    _("Care for other mental health needs at the same time."),
    _("Clear answers about cost, insurance and how long care lasts."),
)
QUESTIONS_TO_ASK = (
    _("What kinds of treatment do you offer for kratom use?"),
    _("Who will I see, and what training do they have?"),
    _("Do you offer medicines to help with withdrawal or cravings?"),
    _("Do you take my insurance, Medicaid or Medicare, or offer a sliding fee?"),
    _("How long does treatment usually last, and what happens after?"),
    _("Can my family be part of my care if I want them to?"),
)
