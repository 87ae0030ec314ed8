"""The Spanish edition's articles meet every rule the English ones do, in Spanish, and translate them all."""

import re
import statistics

import pytest
import textstat
from django.urls import Resolver404, resolve
from django.utils import translation

from articles.content_files import SKIPPED_FILES, read_content, source_fingerprint
from articles.markdown import COMMENT_RE, cited_ids, render_markdown
from tests.articles.test_content import (
    CONTENT,
    dated_statuses,
    numbers_off_the_facts_sheet,
    one_wording_problems,
    readable_text,
    reader_prose,
    retired_wordings,
    sources,
)

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


# The medical and Spanish editors' corrections, in Spanish: the same wordings must not come back, the same
# subjects are said one way (the plan's Spanish canonical wordings, word for word), and the house style holds.
LEGAL_STATUS_ES = (
    "El 29 de julio de 2025, la Administración de Alimentos y Medicamentos de los Estados Unidos (FDA, por sus siglas"
    " en inglés) recomendó poner la 7-OH en la Lista I, el grupo más estricto de drogas controladas. Su medida se"
    " dirige a los productos concentrados de 7-OH, no a la hoja de kratom.[^fda-7oh-2025] La FDA no decide esto."
    " Solo la Administración de Control de Drogas (DEA, por sus siglas en inglés) puede clasificar una"
    " droga.[^dea-scheduling] Puede hacerlo de una de dos maneras: con una orden temporal, que puede entrar en vigor"
    " sin comentarios del público, o con una norma regular, que primero pide comentarios al público. En 2016, la DEA"
    " empezó una orden temporal para los dos compuestos principales del kratom y luego la"
    " retiró.[^dea-2016-notice][^dea-2016-withdrawal] Las leyes de los estados y las ciudades son distintas y cambian"
    " a menudo. Para saber cómo están las cosas hoy, consulte el sitio web de la DEA y las leyes de su estado."
)
GOOD_SAMARITAN_ES = (
    "La mayoría de los estados tienen leyes del Buen Samaritano. En muchos estados, estas leyes protegen de algunos"
    " cargos por drogas tanto a la persona que llama al 911 como a la persona que tuvo la sobredosis. Lo que cubren"
    " cambia de un estado a otro. Por favor, llame al 911 de todos modos: puede salvar una vida.[^gao-2021]"
)
POISON_HELP_ES = "Poison Help (la línea de ayuda por intoxicaciones), 1-800-222-1222"
RETIRED_WORDINGS_ES = [
    (r"dihidrocode[ií]na", "la dihidrocodeína no es práctica de los EE. UU.: no la nombre"),
    (r"\bDEA\b[^.]*\bdebe\b[^.]*(?:opin|coment)", "una orden temporal no necesita comentarios del público"),
    (r"no es una sustancia controlada", "ningún estado federal sin una fuente que lo diga"),
    (r"\bel tratamiento funciona\b", "El tratamiento puede ayudar, y muchas personas se recuperan."),
    (r"\brara vez (?:es )?peligros[oa]|\bcasi nunca es peligros[oa]", "ninguna fuente dice que sea rara vez peligrosa"),
    (
        r"no es (?:lo mismo que|igual (?:a|que)) un opioide",
        "no es un opioide recetado, pero actúa en los mismos receptores",
    ),
    (r"tratamiento asistido (?:con|por) medicamentos", "medicamentos para el trastorno por consumo de kratom"),
    (r"129 personas que consum", "eran 129 adultos que habían consumido kratom"),
    (r"quiere kratom todos los días", "las ansias son un deseo o unas ganas muy fuertes, no consumir a menudo"),
    # House style of the Spanish edition.
    (r"\bbenzodiazepinas?\b", "benzodiacepinas"),
    (r"\b(?:[Ee]l|del|al) 7-OH\b", "la 7-OH"),
    (r"\bdrogad[oa]s?\b", "nunca «drogado» en la narración"),
    (r"\b1807\b", "1,807"),
    (r"\bconduc(?:ir|e|en|iendo)\b", "manejar"),
    (r"envenenamiento|centros? de toxicolog", "intoxicación; centros de control de intoxicaciones"),
]
RETIRED_ES_RE = [(re.compile(pattern, re.IGNORECASE), instead) for pattern, instead in RETIRED_WORDINGS_ES]
MONTHS_ES = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
DATED_STATUS_ES_RE = re.compile(rf"\b(?:a|a partir de|hasta) (?:{MONTHS_ES}) de \d{{4}}\b", re.IGNORECASE)
STATUS_WORDS_ES_RE = re.compile(
    r"\b(?:legal\w*|ilegal\w*|leyes?|listas?|controlad\w*|aprob\w*|prohib\w*|Buen Samaritano|FDA|DEA)\b",
    re.IGNORECASE,
)
NAMES_SCHEDULING_ES_RE = re.compile(r"\bDEA\b|\bLista I\b")
GIVES_OVERDOSE_STEPS_ES_RE = re.compile(
    r"(?=.*\bllame al 911\b)(?=.*\bnaloxona\b)(?=.*(?:posición de recuperación|\bde lado\b))",
    re.IGNORECASE | re.DOTALL,
)
GOOD_SAMARITAN_SUBJECT_ES_RE = re.compile(r"Buen Samaritano|cargos por drogas", re.IGNORECASE)


@pytest.mark.parametrize("file_name", ES_FILES)
def test_no_retired_wording_comes_back_in_spanish(spanish, file_name):
    values = values_for(spanish, file_name)
    prose = reader_prose(values, values["references"])
    found = retired_wordings(prose, RETIRED_ES_RE)
    found += [f"dated status: {s[:90]!r}" for s in dated_statuses(prose, DATED_STATUS_ES_RE, STATUS_WORDS_ES_RE)]
    if re.search(r"dihidrocode[ií]na|dihydrocodeine", (CONTENT_ES / file_name).read_text(), re.IGNORECASE):
        found.append("dihidrocodeína in the file")
    first_poison_help = values["body"].find("Poison Help")
    if first_poison_help >= 0 and not values["body"].startswith(POISON_HELP_ES, first_poison_help):
        found.append(f"explain Poison Help at its first mention: {POISON_HELP_ES!r}")
    assert not found, f"{file_name}: {found}"


def spanish_wording_problems(body):
    """What a Spanish body says of the legal status, the overdose steps or Good Samaritan laws other than the one way."""
    return one_wording_problems(
        body,
        NAMES_SCHEDULING_ES_RE,
        LEGAL_STATUS_ES,
        GIVES_OVERDOSE_STEPS_ES_RE,
        ("segunda dosis", "abstinencia repentina"),
        GOOD_SAMARITAN_SUBJECT_ES_RE,
        GOOD_SAMARITAN_ES,
    )


@pytest.mark.parametrize("file_name", ES_FILES)
def test_legal_status_overdose_steps_and_good_samaritan_laws_are_said_one_way_in_spanish(spanish, file_name):
    problems = spanish_wording_problems(values_for(spanish, file_name)["body"])
    assert not problems, f"{file_name}: {problems}"


def test_the_spanish_retired_wording_patterns_catch_what_they_should():
    assert retired_wordings("El kratom no es lo mismo que un opioide.", RETIRED_ES_RE)
    assert retired_wordings("Antes, la DEA debe publicar un plan y dejar que el público opine.", RETIRED_ES_RE)
    assert retired_wordings("La abstinencia del kratom rara vez es peligrosa.", RETIRED_ES_RE)
    assert retired_wordings("el kratom y el 7-OH, las benzodiazepinas, al conducir", RETIRED_ES_RE)
    assert not retired_wordings("el kratom y la 7-OH, las benzodiacepinas, al manejar", RETIRED_ES_RE)
    assert dated_statuses("A noviembre de 2026, las leyes cambian.", DATED_STATUS_ES_RE, STATUS_WORDS_ES_RE)
    assert not dated_statuses(
        "Estos números son correctos a noviembre de 2026.", DATED_STATUS_ES_RE, STATUS_WORDS_ES_RE
    )
    assert spanish_wording_problems("Llame al 911. Dele naloxona si la tiene. Acuéstela de lado.")
