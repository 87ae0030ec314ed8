"""The one definition of an article's fields.

Which fields the Markdown files carry (and in what order), which the content fingerprint covers, which an
editor may change in the admin, and which make up the clinical text that a review signs off. The model,
the file import and export (content_files.py) and the admin all read this list; nothing else lists them.
"""

from dataclasses import dataclass

# Where a field lives in a file: a front-matter line every file needs, one it may leave out, one only a
# translation carries, or the Markdown after the front matter. NOT_IN_FILES: the database alone.
REQUIRED = "required"
OPTIONAL = "optional"
TRANSLATION_REQUIRED = "translation-required"
TRANSLATION_OPTIONAL = "translation-optional"
BODY = "body"
NOT_IN_FILES = ""

# The admin form's sections, in order.
MAIN = None
LANGUAGE = "Language"
PUBLISHING = "Publishing"
REVIEW = "Review"
CONTENT = "Content"
SECTIONS = (MAIN, LANGUAGE, PUBLISHING, REVIEW, CONTENT)


@dataclass(frozen=True)
class ArticleField:
    name: str  # the model field
    file: str  # REQUIRED, OPTIONAL, TRANSLATION_*, BODY or NOT_IN_FILES
    section: str | None  # the admin section it is shown in
    file_key: str = ""  # its name in a file's front matter, when not the model's
    editable: bool = True  # False: shown in the admin but set only by the import or by a recorded act
    reviewed: bool = False  # part of the clinical text that a reviewer signs off
    compared: bool = False  # shown as a text diff between two versions

    @property
    def key(self):
        return self.file_key or self.name

    @property
    def fingerprinted(self):
        """In the content fingerprint: everything a file of the original language holds."""
        return self.file in (REQUIRED, OPTIONAL, BODY)


# In the order a file's front matter lists them; the body comes after the front matter.
ARTICLE_FIELDS = (
    ArticleField("title", REQUIRED, MAIN, compared=True),
    ArticleField("slug", REQUIRED, MAIN),
    ArticleField("translation_key", TRANSLATION_REQUIRED, LANGUAGE, file_key="translation_of"),
    ArticleField("source_hash", TRANSLATION_OPTIONAL, LANGUAGE, file_key="translated_from", editable=False),
    ArticleField("summary", REQUIRED, MAIN, reviewed=True, compared=True),
    ArticleField("topic", REQUIRED, MAIN),
    ArticleField("audience", REQUIRED, MAIN),
    ArticleField("status", REQUIRED, PUBLISHING),
    ArticleField("publish_date", REQUIRED, PUBLISHING),
    ArticleField("reading_path", OPTIONAL, PUBLISHING),
    # A review is recorded, never typed: by a reviewer's sign-off in the admin, or as a file records it.
    ArticleField("last_reviewed", REQUIRED, REVIEW, editable=False),
    ArticleField("next_review_due", OPTIONAL, REVIEW, editable=False),
    ArticleField("reviewed_by", REQUIRED, REVIEW, editable=False),
    ArticleField("references", OPTIONAL, CONTENT, reviewed=True, compared=True),
    ArticleField("body", BODY, CONTENT, reviewed=True, compared=True),
    ArticleField("language", NOT_IN_FILES, LANGUAGE),
)
BY_NAME = {field.name: field for field in ARTICLE_FIELDS}


def names(predicate):
    return tuple(field.name for field in ARTICLE_FIELDS if predicate(field))


# The content fingerprint's fields (`topic` by its translation key). Changing this list changes every
# fingerprint, and so every translation's record of the English it was made from.
FINGERPRINTED_FIELDS = names(lambda field: field.fingerprinted)
# Front-matter keys, in file order, for an original and for a translation.
FRONT_MATTER_KEYS = tuple(field.key for field in ARTICLE_FIELDS if field.file not in (BODY, NOT_IN_FILES))
REQUIRED_KEYS = tuple(field.key for field in ARTICLE_FIELDS if field.file == REQUIRED)
OPTIONAL_KEYS = tuple(field.key for field in ARTICLE_FIELDS if field.file == OPTIONAL)
TRANSLATION_REQUIRED_KEYS = tuple(field.key for field in ARTICLE_FIELDS if field.file == TRANSLATION_REQUIRED)
TRANSLATION_OPTIONAL_KEYS = tuple(field.key for field in ARTICLE_FIELDS if field.file == TRANSLATION_OPTIONAL)
TRANSLATION_KEYS = TRANSLATION_REQUIRED_KEYS + TRANSLATION_OPTIONAL_KEYS
# What an editor types in the admin form (status only with the right to publish).
EDITABLE_FIELDS = names(lambda field: field.editable)
# What a clinical sign-off covers: a change to any of these after it makes the article "changed since review".
REVIEWED_FIELDS = names(lambda field: field.reviewed)
COMPARED_FIELDS = names(lambda field: field.compared)
