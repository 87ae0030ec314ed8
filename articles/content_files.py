"""Articles as Markdown files with YAML front matter, and back again.

Parsing validates everything and collects every problem (file and field) before anything is written.
Serializing writes the same format, so that importing an export changes nothing.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError

from articles.fields import (
    BY_NAME,
    FRONT_MATTER_KEYS,
    OPTIONAL_KEYS,
    REQUIRED_KEYS,
    TRANSLATION_KEYS,
    TRANSLATION_OPTIONAL_KEYS,
    TRANSLATION_REQUIRED_KEYS,
)
from articles.models import (
    CONTENT_FIELDS,
    Article,
    content_hash,
    normalize_reference,
    one_year_after,
    validate_references,
)

TOPICS_FILE = "topics.yaml"
SKIPPED_FILES = {"README.md"}
FRONT_MATTER_RE = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n?(.*)\Z", re.DOTALL)
SLUG_RE = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")

# From the one definition of an article's fields (articles.fields).
REQUIRED = REQUIRED_KEYS
OPTIONAL = OPTIONAL_KEYS
# A translation names the English article it translates, and the fingerprint of the English text it was made
# from (`python manage.py translation_status --stamp` writes it), so that a later English change shows; a
# translation without the fingerprint counts as out of date.
TRANSLATION_FIELDS = TRANSLATION_KEYS
FIELD_ORDER = FRONT_MATTER_KEYS
TOPIC_FIELDS = ("slug", "title", "description", "order")
TRANSLATED_TOPIC_FIELDS = ("slug", "translation_of", "title", "description", "order")
ORIGINAL_LANGUAGE = "en"


def file_hash(values):
    """The fingerprint of an article's content: the same whether read from its file or from the database."""
    return content_hash({key: values[key] for key in CONTENT_FIELDS})


def source_fingerprint(values):
    """What a translation records of the English article it was made from."""
    return file_hash(values)[:12]


@dataclass
class Problem:
    file: str
    field: str
    message: str

    def __str__(self):
        return f"{self.file}: {self.field}: {self.message}"


@dataclass
class ContentSet:
    topics: list = field(default_factory=list)  # dicts with TOPIC_FIELDS
    articles: list = field(default_factory=list)  # dicts of article values, "topic" as a slug
    problems: list = field(default_factory=list)


def max_length(name):
    """The model's limit, so that a file is held to the same as the admin."""
    return Article._meta.get_field(name).max_length


def _check_text(values, key, problems, name, max_length):
    value = values.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(name, key, "is required and must be text."))
    elif len(value) > max_length:
        problems.append(Problem(name, key, f"is {len(value)} characters; the most is {max_length}."))


def _check_date(values, key, problems, name):
    value = values.get(key)
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        problems.append(Problem(name, key, "must be a date written as YYYY-MM-DD."))
        return False
    return True


def parse_topics(path, language=ORIGINAL_LANGUAGE):
    problems, topics = [], []
    name = path.name
    fields = TOPIC_FIELDS if language == ORIGINAL_LANGUAGE else TRANSLATED_TOPIC_FIELDS
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [], [Problem(name, "file", f"cannot be read: {error}")]
    if not isinstance(data, list):
        return [], [Problem(name, "file", "must be a list of topics.")]
    seen = set()
    for number, item in enumerate(data, start=1):
        where = f"topic {number}"
        if not isinstance(item, dict):
            problems.append(Problem(name, where, "must have slug, title, description and order."))
            continue
        for key in set(item) - set(fields):
            problems.append(Problem(name, f"{where}.{key}", "is not a known field."))
        if language != ORIGINAL_LANGUAGE and not isinstance(item.get("translation_of"), str):
            problems.append(Problem(name, f"{where}.translation_of", "must name the English topic's slug."))
        slug = item.get("slug")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            problems.append(Problem(name, f"{where}.slug", "must be lowercase words joined by dashes."))
        elif slug in seen:
            problems.append(Problem(name, f"{where}.slug", f"{slug!r} is listed twice."))
        seen.add(slug)
        _check_text(item, "title", problems, name, 120)
        _check_text(item, "description", problems, name, 300)
        if not isinstance(item.get("order"), int) or item["order"] < 0:
            problems.append(Problem(name, f"{where}.order", "must be a whole number, 0 or more."))
        topic = {key: item.get(key) for key in TOPIC_FIELDS}
        topic["language"] = language
        topic["translation_key"] = item.get("translation_of") if language != ORIGINAL_LANGUAGE else topic["slug"]
        topics.append(topic)
    return topics, problems


def parse_article(path, topic_slugs, language=ORIGINAL_LANGUAGE):
    """One article file as a dict of model values, and the problems found in it.

    `topic` is always the topic's translation key (its English slug), in every language.
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, "file", f"cannot be read as UTF-8 text: {error}")]
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, [Problem(name, "front matter", "the file must start with front matter between two '---' lines.")]
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        return None, [Problem(name, "front matter", f"is not valid YAML: {error}")]
    if not isinstance(meta, dict):
        return None, [Problem(name, "front matter", "must be a set of 'field: value' lines.")]

    problems = []
    translated = language != ORIGINAL_LANGUAGE
    required = (*REQUIRED, *TRANSLATION_REQUIRED_KEYS) if translated else REQUIRED
    optional = (*OPTIONAL, *TRANSLATION_OPTIONAL_KEYS) if translated else OPTIONAL
    for key in sorted(set(meta) - set(required) - set(optional)):
        problems.append(Problem(name, key, "is not a known field."))
    for key in required:
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(name, key, "is missing."))
    if problems:
        return None, problems

    for key in ("title", "summary", "reviewed_by"):
        _check_text(meta, key, problems, name, max_length(key))
    slug = meta["slug"]
    if not isinstance(slug, str) or not SLUG_RE.match(slug) or len(slug) > max_length("slug"):
        problems.append(Problem(name, "slug", "must be lowercase words joined by dashes."))
    elif path.stem != slug:
        problems.append(Problem(name, "slug", f"{slug!r} must match the file name ({path.stem}.md)."))
    if translated:
        if not isinstance(meta["translation_of"], str) or not SLUG_RE.match(meta["translation_of"]):
            problems.append(Problem(name, "translation_of", "must be the English article's slug."))
        # Without it, the translation counts as out of date until someone checks it and stamps it.
        translated_from = meta.get("translated_from", "")
        if not isinstance(translated_from, str) or not re.fullmatch(r"(?:[0-9a-f]{12})?", translated_from):
            problems.append(
                Problem(name, "translated_from", "must be the 12-character fingerprint that translation_status writes.")
            )
    if meta["topic"] not in topic_slugs:
        problems.append(Problem(name, "topic", f"{meta['topic']!r} is not a topic in {TOPICS_FILE}."))
    if meta["audience"] not in Article.Audience.values:
        problems.append(Problem(name, "audience", f"must be one of {', '.join(Article.Audience.values)}."))
    if meta["status"] not in Article.Status.values:
        problems.append(Problem(name, "status", f"must be one of {', '.join(Article.Status.values)}."))
    dates_ok = _check_date(meta, "publish_date", problems, name) & _check_date(meta, "last_reviewed", problems, name)
    reading_path = meta.get("reading_path")
    if reading_path is not None and (
        not isinstance(reading_path, int) or isinstance(reading_path, bool) or reading_path < 1
    ):
        problems.append(Problem(name, "reading_path", "must be a whole number, 1 or more."))
    next_review_due = meta.get("next_review_due")
    if next_review_due is None and dates_ok:
        next_review_due = one_year_after(meta["last_reviewed"])
    elif (
        next_review_due is not None
        and _check_date(meta, "next_review_due", problems, name)
        and dates_ok
        and next_review_due <= meta["last_reviewed"]
    ):
        problems.append(Problem(name, "next_review_due", "must come after last_reviewed."))
    body = match.group(2).strip()
    if not body:
        problems.append(Problem(name, "body", "is empty."))
    references = meta.get("references") or []
    if isinstance(references, list):
        references = [normalize_reference(ref) for ref in references]
    try:
        validate_references(references, body)
    except ValidationError as error:
        problems.extend(Problem(name, "references", message) for message in error.messages)
    if problems:
        return None, problems

    values = {
        "title": meta["title"].strip(),
        "slug": slug,
        "summary": " ".join(meta["summary"].split()),
        "body": body,
        "topic": meta["topic"],
        "audience": meta["audience"],
        "status": meta["status"],
        "publish_date": meta["publish_date"],
        "reading_path": reading_path,
        "last_reviewed": meta["last_reviewed"],
        "next_review_due": next_review_due,
        "reviewed_by": meta["reviewed_by"].strip(),
        "references": references,
        "language": language,
        "translation_key": meta["translation_of"] if translated else slug,
        "source_hash": meta.get("translated_from") or "" if translated else "",
    }
    return values, []


def read_content(directory, language=ORIGINAL_LANGUAGE):
    """Every topic and article in one language's folder, with every problem across all files."""
    directory = Path(directory)
    content = ContentSet()
    topics_path = directory / TOPICS_FILE
    if not topics_path.exists():
        content.problems.append(Problem(TOPICS_FILE, "file", "is missing."))
    else:
        content.topics, problems = parse_topics(topics_path, language)
        content.problems.extend(problems)
    topic_slugs = {topic["translation_key"] for topic in content.topics}
    positions = {}
    for path in sorted(directory.glob("*.md")):
        if path.name in SKIPPED_FILES:
            continue
        values, problems = parse_article(path, topic_slugs, language)
        content.problems.extend(problems)
        if values is None:
            continue
        position = values["reading_path"]
        if position is not None:
            if position in positions:
                content.problems.append(
                    Problem(path.name, "reading_path", f"position {position} is also used by {positions[position]}.")
                )
            positions[position] = path.name
        content.articles.append(values)
    return content


def serialize_article(article):
    """The file text for an article: the inverse of parse_article."""
    values = article.content_values()
    if article.is_translation:
        values.update({BY_NAME[name].key: getattr(article, name) for name in ("translation_key", "source_hash")})
    meta = {}
    for key in FIELD_ORDER:
        if key in TRANSLATION_FIELDS and not article.is_translation:
            continue
        value = values[key]
        if key == "reading_path" and value is None:
            continue
        if key == "references" and not value:
            continue
        meta[key] = value
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{front}---\n{values['body'].strip()}\n"


def serialize_topics(topics, language=ORIGINAL_LANGUAGE):
    fields = TOPIC_FIELDS if language == ORIGINAL_LANGUAGE else TRANSLATED_TOPIC_FIELDS
    data = [
        {key: topic.translation_key if key == "translation_of" else getattr(topic, key) for key in fields}
        for topic in topics
    ]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
