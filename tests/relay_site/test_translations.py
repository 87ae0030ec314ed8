"""Every string a reader sees is marked for translation, and every one has a Spanish translation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
TEMPLATES = ROOT / "templates"
# The admin is for the editorial team and stays in English; Django translates its own parts.
ENGLISH_ONLY = ("admin/",)
SOURCES = ("articles", "assessment", "search", "relay_site", "staff", "templates", "manage.py")


@pytest.fixture(scope="module")
def catalog():
    return polib.pofile(str(PO_FILE))


def test_every_message_has_a_spanish_translation_and_none_is_fuzzy(catalog):
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    obsolete = [entry.msgid for entry in catalog.obsolete_entries()]
    assert not untranslated, f"no Spanish yet for: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy (needs a check): {fuzzy[:10]}"
    assert not obsolete, f"no longer used: {obsolete[:10]}"
    assert catalog.percent_translated() == 100


def test_placeholders_survive_translation(catalog):
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")
    for entry in catalog.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for translation in translations:
            assert set(placeholder.findall(entry.msgid)) == set(placeholder.findall(translation)), entry.msgid


def test_the_catalog_holds_every_marked_string_in_the_code(tmp_path, catalog):
    """makemessages over a copy of the code finds nothing the committed catalog lacks."""
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "content"))
        else:
            shutil.copy(source, target)
    (tmp_path / "locale").mkdir()
    env = {"DJANGO_SETTINGS_MODULE": "relay_site.settings", "DEBUG": "true", "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "-v0"],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    extracted = polib.pofile(str(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = {(entry.msgctxt, entry.msgid) for entry in catalog}
    new = [entry.msgid for entry in extracted if (entry.msgctxt, entry.msgid) not in committed]
    assert not new, f"marked in the code but missing from {PO_FILE.relative_to(ROOT)}: {new[:10]}"


TAG_RE = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)
BLOCKS_RE = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment)\b.*?%}.*?{%\s*end(?:blocktranslate|blocktrans|comment)\s*%}"
    r"|<script\b.*?</script>|<style\b.*?</style>",
    re.DOTALL,
)
READER_ATTRIBUTES_RE = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')
META_CONTENT_RE = re.compile(r'<meta name="description" content="([^"]*)"')
WORD_RE = re.compile(r"[A-Za-z]{2,}")


def unmarked_text(source):
    """Words a reader would see that no translate tag covers."""
    text = BLOCKS_RE.sub(" ", source)
    found = []
    for pattern in (READER_ATTRIBUTES_RE, META_CONTENT_RE):
        for value in pattern.findall(text):
            found += WORD_RE.findall(TAG_RE.sub(" ", value))
    without_tags = TAG_RE.sub(" ", text)
    visible = re.sub(r"<[^>]*>", " ", without_tags)
    found += WORD_RE.findall(visible)
    return found


TEMPLATE_FILES = sorted(
    path.relative_to(TEMPLATES).as_posix()
    for path in TEMPLATES.rglob("*.html")
    if not path.relative_to(TEMPLATES).as_posix().startswith(ENGLISH_ONLY)
)


def test_the_checker_finds_what_it_should():
    assert unmarked_text("<p>Get help now</p>") == ["Get", "help", "now"]
    assert unmarked_text('<a aria-label="Close">{% translate "Close" %}</a>') == ["Close"]
    assert unmarked_text('<p>{% translate "Get help" %} {{ name }}</p>') == []
    assert unmarked_text("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}") == []


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_every_template_string_is_marked_for_translation(name):
    found = unmarked_text((TEMPLATES / name).read_text())
    assert not found, f"{name}: not marked for translation: {found[:12]}"
