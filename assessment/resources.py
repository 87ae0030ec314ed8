"""Every help resource the site points to, defined once.

The footer, /get-help/ and every self-check result read these. Numbers and services come from the facts
sheet's sources; re-check them on each review (REVIEWED below) and change them only here.
"""

import datetime
from dataclasses import dataclass, field

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
    name="Emergency: call 911",
    summary=(
        "Call 911 if someone cannot be woken up, is breathing slowly or not at all, has blue or grey lips, "
        "has a seizure or has collapsed."
    ),
    contacts=(Contact("Call", "911", "tel:911"),),
)

CRISIS_LIFELINE = Resource(
    slug="988",
    name="988 Suicide & Crisis Lifeline",
    summary=(
        "Call or text 988 any time if you or someone else is in a mental health or substance use crisis, "
        "or having thoughts of suicide."
    ),
    contacts=(
        Contact("Call", "988", "tel:988"),
        Contact("Text", "988", "sms:988"),
        Contact("Chat online", "988lifeline.org", "https://988lifeline.org/"),
    ),
    details=("Press 1 for the Veterans Crisis Line.", "Press 2 for Spanish."),
)

POISON_HELP = Resource(
    slug="poison-help",
    name="Poison Help",
    summary=(
        "Call if someone may have taken too much kratom or mixed it with other drugs. "
        "It is free and private, and open 24 hours a day."
    ),
    contacts=(
        Contact("Call", "1-800-222-1222", "tel:+18002221222"),
        Contact("Get help online", "webPOISONCONTROL", "https://www.poison.org/"),
    ),
)

SAMHSA_HELPLINE = Resource(
    slug="samhsa-helpline",
    name="SAMHSA National Helpline",
    summary=(
        "Free, private help to find treatment, support groups and other services near you. "
        "Open 24 hours a day, every day of the year, in English and Spanish."
    ),
    contacts=(
        Contact("Call", "1-800-662-4357 (1-800-662-HELP)", "tel:+18006624357"),
        Contact("TTY", "1-800-487-4889", "tel:+18004874889"),
        Contact("Text your ZIP code to", "435748 (HELP4U)", "sms:435748"),
    ),
    details=(
        "The helpline gives referrals, not counselling.",
        "They may ask for your ZIP code to find services near you. You do not have to give your name.",
    ),
)

FIND_TREATMENT = Resource(
    slug="findtreatment",
    name="FindTreatment.gov",
    summary=(
        "The government's free search tool for treatment near you. You can filter by how you pay: "
        "Medicaid, Medicare, a sliding fee based on income, or free care."
    ),
    contacts=(Contact("Search online", "FindTreatment.gov", "https://findtreatment.gov/"),),
    details=("Listings are not always up to date. Call a place before you go to check it still offers what you need.",),
)

SMART_RECOVERY = Resource(
    slug="smart-recovery",
    name="SMART Recovery",
    summary="Free peer support meetings, in person and online, built on practical tools for change.",
    contacts=(Contact("Visit", "smartrecovery.org", "https://smartrecovery.org/"),),
)

SMART_FAMILY = Resource(
    slug="smart-family",
    name="SMART Recovery Family & Friends",
    summary="Meetings and tools for people who love someone with a substance use problem.",
    contacts=(Contact("Visit", "smartrecovery.org/family", "https://smartrecovery.org/family/"),),
)

NAR_ANON = Resource(
    slug="nar-anon",
    name="Nar-Anon and Narateen",
    summary=("Support groups for family members and friends of someone who uses drugs. Narateen is for teens."),
    contacts=(Contact("Visit", "nar-anon.org", "https://www.nar-anon.org/"),),
)

VIRTUAL_PROGRAMS = Resource(
    slug="virtual-programs",
    name="Virtual recovery programs",
    summary=(
        "Some programs, such as Relay, offer peer groups and recovery tools on your phone. "
        "They can sit alongside care from a doctor or counsellor."
    ),
    contacts=(),
)

CRISIS_LINES = (EMERGENCY, CRISIS_LIFELINE, POISON_HELP)
TREATMENT = (SAMHSA_HELPLINE, FIND_TREATMENT)
PEER_SUPPORT = (SMART_RECOVERY, VIRTUAL_PROGRAMS)
FAMILY_SUPPORT = (SMART_FAMILY, NAR_ANON)

# What to look for in care, after NIAAA's Alcohol Treatment Navigator.
CHOOSING_CARE = (
    "Staff who are licensed or certified to treat substance use.",
    "A full check of your health, your substance use and your mental health before a plan is made.",
    "Therapies that research shows work, such as cognitive behavioral therapy.",
    "Medicines offered where they can help, and a clear reason if not.",
    "Care for other mental health needs at the same time.",
    "Clear answers about cost, insurance and how long care lasts.",
)
QUESTIONS_TO_ASK = (
    "What kinds of treatment do you offer for kratom use?",
    "Who will I see, and what training do they have?",
    "Do you offer medicines to help with withdrawal or cravings?",
    "Do you take my insurance, Medicaid or Medicare, or offer a sliding fee?",
    "How long does treatment usually last, and what happens after?",
    "Can my family be part of my care if I want them to?",
)
