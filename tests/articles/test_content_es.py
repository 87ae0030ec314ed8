"""The Spanish edition's articles meet every rule the English ones do, in Spanish, and translate them all."""

import re
import statistics

import pytest
import textstat
from django.urls import Resolver404, resolve
from django.utils import translation

from articles.content_files import SKIPPED_FILES, read_content, source_fingerprint
from articles.markdown import COMMENT_RE, cited_ids, render_markdown
from tests.articles.test_content import CONTENT, numbers_off_the_facts_sheet, readable_text, sources

CONTENT_ES = CONTENT / "es"
MIN_INFLESZ = 65.0
MIN_MEDIAN_INFLESZ = 70.0
# Words that label or shame people, in Spanish. "abuso" is allowed only inside an agency's proper name.
STIGMA_ES = re.compile(
    r"\b(?:adict[oa]s?|drogadict[oa]s?|toxic[oó]man[oa]s?|yonquis?|viciosos?|abusos?|abusar|abusadora?s?"
    r"|(?:prueba|examen|muestra|resultado)s? (?:limpi|suci)[oa]s?|(?:est[aá]|estar|quedarse|qued[oó]) limpi[oa]s?)\b",
    re.IGNORECASE,
)
AGENCY_NAMES_ES = ("Instituto Nacional sobre el Abuso de Drogas", "Substance Abuse and Mental Health Services")
PAGES_ES = {
    "/es/",
    "/es/articulos/",
    "/es/familia/",
    "/es/autoevaluacion/",
    "/es/autoevaluacion/ser-querido/",
    "/es/autoevaluacion/plan/",
    "/es/familia/plan-de-conversacion/",
    "/es/ayuda/",
    "/es/acerca-de/",
    "/es/privacidad/",
}
ES_FILES = sorted(p.name for p in CONTENT_ES.glob("*.md") if p.name not in SKIPPED_FILES)


@pytest.fixture(scope="module")
def english():
    return read_content(CONTENT)


@pytest.fixture(scope="module")
def spanish():
    loaded = read_content(CONTENT_ES, "es")
    assert not loaded.problems, "\n".join(str(p) for p in loaded.problems)
    return loaded


def values_for(spanish, file_name):
    return next(a for a in spanish.articles if f"{a['slug']}.md" == file_name)


def inflesz(text):
    textstat.set_lang("es")
    try:
        return textstat.szigriszt_pazos(text)
    finally:
        textstat.set_lang("en_US")


def test_every_published_english_article_and_topic_has_a_spanish_one(english, spanish):
    published = {a["slug"] for a in english.articles if a["status"] == "published"}
    translated = {a["translation_key"] for a in spanish.articles if a["status"] == "published"}
    assert published == translated
    assert {t["slug"] for t in english.topics} == {t["translation_key"] for t in spanish.topics}


def test_the_reading_path_is_the_same_in_spanish(english, spanish):
    path_en = {a["slug"]: a["reading_path"] for a in english.articles}
    for values in spanish.articles:
        assert values["reading_path"] == path_en[values["translation_key"]], values["slug"]
        assert values["topic"] == next(a["topic"] for a in english.articles if a["slug"] == values["translation_key"])


def test_every_translation_is_up_to_date_with_its_english_article(english, spanish):
    originals = {a["slug"]: a for a in english.articles}
    stale = [
        values["slug"]
        for values in spanish.articles
        if values["source_hash"] != source_fingerprint(originals[values["translation_key"]])
    ]
    assert not stale, f"update these translations, then stamp them (translation_status --stamp): {stale}"


@pytest.mark.parametrize("file_name", ES_FILES)
def test_reads_easily_in_spanish(spanish, file_name):
    values = values_for(spanish, file_name)
    score = inflesz(readable_text(values["body"], values["references"]))
    assert score >= MIN_INFLESZ, f"{file_name}: INFLESZ {score:.1f}"


def test_the_spanish_library_reads_easily_overall(spanish):
    scores = [inflesz(readable_text(a["body"], a["references"])) for a in spanish.articles]
    assert statistics.median(scores) >= MIN_MEDIAN_INFLESZ


@pytest.mark.parametrize("file_name", ES_FILES)
def test_length_is_between_500_and_1200_words(spanish, file_name):
    values = values_for(spanish, file_name)
    text = COMMENT_RE.sub("", readable_text(values["body"], values["references"]))
    words = len(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text))
    assert 500 <= words <= 1200, f"{file_name}: {words} words"


@pytest.mark.parametrize("file_name", ES_FILES)
def test_no_stigmatizing_spanish_words(file_name):
    text = (CONTENT_ES / file_name).read_text()
    for name in AGENCY_NAMES_ES:
        text = text.replace(name, "")
    text = re.sub(r"^references:.*?^---$", "", text, flags=re.MULTILINE | re.DOTALL)
    found = STIGMA_ES.findall(text)
    assert not found, f"{file_name}: {found}"


def test_the_spanish_word_list_catches_what_it_should():
    assert STIGMA_ES.search("Es un adicto.") and STIGMA_ES.search("el abuso de drogas")
    assert STIGMA_ES.search("una prueba limpia") and STIGMA_ES.search("Ya está limpio")
    assert not STIGMA_ES.search("la adicción es una condición de salud")
    assert not STIGMA_ES.search("una persona con un trastorno por consumo de sustancias")


@pytest.mark.parametrize("file_name", ES_FILES)
def test_every_reference_is_cited_and_is_the_sources_files_entry(spanish, file_name):
    values = values_for(spanish, file_name)
    by_id = {entry["id"]: entry for entry in sources()}
    listed = [ref["id"] for ref in values["references"]]
    assert listed and sorted(cited_ids(values["body"])) == sorted(listed)
    for ref in values["references"]:
        assert ref == by_id.get(ref["id"]), f"{file_name}: {ref['id']} differs from sources.yaml"


@pytest.mark.parametrize("file_name", ES_FILES)
def test_every_phone_number_is_on_the_facts_sheet(file_name):
    found = numbers_off_the_facts_sheet((CONTENT_ES / file_name).read_text())
    assert not found, f"{file_name}: {found}"


@pytest.mark.parametrize("file_name", ES_FILES)
def test_ends_with_que_hacer_ahora_linking_spanish_help(spanish, file_name):
    sections = re.split(r"^## ", values_for(spanish, file_name)["body"], flags=re.MULTILINE)
    last = sections[-1]
    assert last.startswith("¿Qué hacer ahora?"), f"{file_name}: the last section is “¿Qué hacer ahora?”"
    assert "/es/ayuda/" in last, f"{file_name}: the last section links to Spanish help"
    assert re.search(r"\(/es/(?:autoevaluacion/|autoevaluacion/ser-querido/|articulos/[a-z0-9-]+/|familia/)\)", last)


@pytest.mark.parametrize("file_name", ES_FILES)
def test_headings_are_questions(spanish, file_name):
    headings = re.findall(r"^##+ (.+)$", values_for(spanish, file_name)["body"], flags=re.MULTILINE)
    questions = [h for h in headings if h.strip().startswith("¿") and h.rstrip().endswith("?")]
    assert headings and len(questions) >= len(headings) * 0.75, f"{file_name}: {headings}"


@pytest.mark.parametrize("file_name", ES_FILES)
def test_every_internal_link_is_a_spanish_address_that_resolves(spanish, file_name):
    published = {a["slug"] for a in spanish.articles if a["status"] == "published"}
    topics = {t["slug"] for t in spanish.topics}
    values = values_for(spanish, file_name)
    html = render_markdown(values["body"], values["references"]).html
    for href in re.findall(r'href="([^"]+)"', html):
        if href.startswith(("http://", "https://", "mailto:", "tel:", "sms:", "#ref-")):
            continue
        path = href.split("#")[0]
        assert path.startswith("/es/"), f"{file_name}: {href} is not a Spanish address"
        article = re.fullmatch(r"/es/articulos/([a-z0-9-]+)/", path)
        topic = re.fullmatch(r"/es/articulos/tema/([a-z0-9-]+)/", path)
        if article:
            assert article.group(1) in published, f"{file_name}: {href} is not a published Spanish article"
        elif topic:
            assert topic.group(1) in topics, f"{file_name}: {href} is not a Spanish topic"
        else:
            assert path in PAGES_ES, f"{file_name}: unknown page {href}"
            try:
                with translation.override("es"):
                    resolve(path)
            except Resolver404:
                pytest.fail(f"{file_name}: {href} does not resolve")


@pytest.mark.parametrize("file_name", ES_FILES)
def test_review_fields_and_spelled_out_agencies(spanish, file_name):
    values = values_for(spanish, file_name)
    assert values["reviewed_by"] == "Equipo editorial"
    assert values["next_review_due"] > values["last_reviewed"]
    text = readable_text(values["body"], values["references"])
    for short, full in {"FDA": "Administración de Alimentos y Medicamentos", "DEA": "Control de Drogas"}.items():
        first = re.search(rf"\b{short}\b", text)
        if first:
            assert full in text[: first.start() + 90], f"{file_name}: spell out {short} at its first use"
