import datetime
import hashlib
import json
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from articles.fields import EDITABLE_FIELDS, FINGERPRINTED_FIELDS, REVIEWED_FIELDS
from articles.markdown import reading_minutes, render_markdown


def one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + datetime.timedelta(days=365)


class ContentVersion(models.Model):
    """One row: when any article or topic last changed. Cached pages are keyed by it."""

    changed_at = models.DateTimeField()

    def __str__(self):
        return f"Content changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def current(cls):
        row, _ = cls.objects.get_or_create(pk=1, defaults={"changed_at": timezone.now()})
        return int(row.changed_at.timestamp() * 1_000_000) * 1000

    @classmethod
    def bump(cls):
        cls.objects.update_or_create(pk=1, defaults={"changed_at": timezone.now()})
        return cls.current()


LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


def reverse_in(language, name, args=()):
    """An address in the given language's edition (English has no prefix; Spanish lives under /es/)."""
    with translation.override(language):
        return reverse(name, args=args)


def publisher_name():
    """Who publishes the site: PUBLISHER when set, else its editorial team, named in the page's language."""
    return settings.PUBLISHER or translation.gettext("the %(site)s editorial team") % {"site": settings.SITE_NAME}


class TopicQuerySet(models.QuerySet):
    def in_language(self, language):
        return self.filter(language=language)


class Topic(models.Model):
    """One row per language; a translation shares its English original's translation_key."""

    language = models.CharField(max_length=7, choices=LANGUAGE_CHOICES, default="en")
    translation_key = models.SlugField(max_length=80, help_text="The English topic's slug, in every language.")
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="one_topic_slug_per_language"),
            models.UniqueConstraint(fields=["language", "translation_key"], name="one_topic_per_key_and_language"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.translation_key and self.language == settings.LANGUAGE_CODE:
            self.translation_key = self.slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_in(self.language, "topic_detail", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and not dated in the future."""
        return self.filter(status=Article.Status.PUBLISHED, publish_date__lte=timezone.localdate())

    def in_language(self, language):
        return self.filter(language=language)

    def review_overdue(self):
        return self.filter(next_review_due__lt=timezone.localdate())

    def review_due_soon(self, days=30):
        today = timezone.localdate()
        return self.filter(next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=days))

    def changed_since_review(self):
        """The clinical text (summary, body, references) is not the text the last review covered."""
        return self.exclude(text_hash=F("reviewed_text_hash"))

    def waiting_for_approval(self):
        return self.filter(pending_changes__state=PendingChange.State.WAITING).distinct()

    def in_reading_path(self):
        return self.filter(reading_path__isnull=False).order_by("reading_path")

    def for_listing(self):
        # List pages never need the body; leaving it out keeps a long list cheap.
        return self.select_related("topic").only(
            "language",
            "title",
            "slug",
            "summary",
            "audience",
            "reading_minutes",
            "publish_date",
            "reading_path",
            "topic__language",
            "topic__title",
            "topic__slug",
            "topic__order",
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        PEOPLE_WHO_USE = "people-who-use", _("People who use kratom")
        FAMILY = "family", _("Family and friends")

    language = models.CharField(max_length=7, choices=LANGUAGE_CHOICES, default="en")
    translation_key = models.SlugField(
        max_length=100, help_text="The English article's slug, in every language: it links the translations."
    )
    source_hash = models.CharField(
        max_length=12,
        blank=True,
        help_text="For a translation: the fingerprint of the English article it was translated from.",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    summary = models.CharField(max_length=300, help_text="One or two sentences. Used as the page description.")
    body = models.TextField(help_text="Markdown. Headings start at ##. Cite a reference with [^id].")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    audience = models.CharField(max_length=20, choices=Audience, default=Audience.EVERYONE)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    publish_date = models.DateField(default=timezone.localdate)
    reading_path = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text='Position in the "start here" reading path; blank if not in it.'
    )
    # The review on record: set by a reviewer's sign-off in the admin (sign_off), or as an imported file
    # records it. Never typed in the admin. Blank for an article written in the admin and not yet reviewed.
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True, help_text="A year after the last review.")
    reviewed_by = models.CharField(
        max_length=120,
        default="Editorial team",
        help_text="Credited when no sign-off is recorded: a team or role, never a person's name.",
    )
    sign_off = models.ForeignKey(
        "SignOff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The recorded sign-off that the review on record comes from; none when it comes from a file.",
    )
    references = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            'A list of {"id", "authors", "title", "publisher", "year" or "accessed" (YYYY-MM-DD), "volume", '
            '"pages", "url"}; authors, volume and pages are optional. Cite each as [^id].'
        ),
    )

    # Derived on save, never per request.
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    search_text = models.TextField(editable=False, default="", help_text="Plain text of the body, for search.")

    # What the file importer last wrote, so that an editor's later change in the admin is never overwritten.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Fingerprints of the clinical text (summary, body, references) as it is now and as the review on record
    # covered it; when they differ the article has changed since its review, and the page says when
    # (text_changed_on). Saved with the article, so a cached page never works them out from the history.
    text_hash = models.CharField(max_length=64, blank=True, editable=False)
    reviewed_text_hash = models.CharField(max_length=64, blank=True, editable=False)
    text_changed_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "reading_path", "title"]
        indexes = [models.Index(fields=["status", "publish_date"])]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="one_article_slug_per_language"),
            models.UniqueConstraint(fields=["language", "translation_key"], name="one_article_per_key_and_language"),
        ]
        permissions = [
            ("sign_off_article", "Can sign off an article as clinically reviewed"),
            ("publish_article", "Can publish and unpublish articles, and publish edits waiting for approval"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.translation_key and not self.is_translation:
            self.translation_key = self.slug
        if not self.next_review_due and self.last_reviewed:
            self.next_review_due = one_year_after(self.last_reviewed)
        text_hash = self.text_fingerprint()
        if text_hash != self.text_hash:
            self.text_hash = text_hash
            self.text_changed_on = timezone.localdate()
        if self._state.adding and self.last_reviewed and not self.reviewed_text_hash:
            # Created with its review on record (as an imported file states it): that review covers this text.
            self.reviewed_text_hash = text_hash
        rendered = render_markdown(self.body, self.references)
        self.body_html = rendered.html
        self.toc_html = rendered.toc_html
        self.search_text = rendered.text
        self.reading_minutes = reading_minutes(rendered.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *("body_html", "toc_html", "search_text", "reading_minutes", "text_hash", "text_changed_on"),
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_in(self.language, "article_detail", args=[self.slug])

    @property
    def is_translation(self):
        return self.language != settings.LANGUAGE_CODE

    def original(self):
        """The English article this one translates (None for an English article, or if it is gone)."""
        if not self.is_translation:
            return None
        return Article.objects.filter(language=settings.LANGUAGE_CODE, translation_key=self.translation_key).first()

    @property
    def translation_out_of_date(self):
        """True when the English original changed after this translation was made."""
        original = self.original()
        return original is not None and original.content_hash()[:12] != self.source_hash

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.publish_date <= timezone.localdate()

    @property
    def review_overdue(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    def text_fingerprint(self):
        return text_fingerprint({name: getattr(self, name) for name in REVIEWED_FIELDS})

    @property
    def changed_since_review(self):
        """True when the summary, body or references differ from the text the review on record covered."""
        return self.text_hash != self.reviewed_text_hash

    @property
    def review_credit(self):
        """Who the page credits with the review: the reviewer of a recorded sign-off, by name and credentials;
        otherwise the team or role the article records (never a person without a sign-off)."""
        if self.sign_off_id:
            return self.sign_off.credit
        return self.reviewed_by

    def pending_change(self):
        """The edit waiting for approval, if any: the text readers will see once it is published."""
        return self.pending_changes.filter(state=PendingChange.State.WAITING).order_by("-created_at").first()

    def clean(self):
        errors = {}
        try:
            validate_references(self.references, self.body)
        except ValidationError as error:
            errors["references"] = error.messages
        if self.next_review_due and self.last_reviewed and self.next_review_due <= self.last_reviewed:
            errors["next_review_due"] = "The next review must come after the last review."
        if self.reading_path is not None:
            taken = (
                Article.objects.filter(language=self.language, reading_path=self.reading_path)
                .exclude(pk=self.pk)
                .first()
            )
            if taken:
                errors["reading_path"] = f"Position {self.reading_path} is already taken by \u201c{taken}\u201d."
        if errors:
            raise ValidationError(errors)

    def content_values(self):
        values = {name: getattr(self, name) for name in CONTENT_FIELDS if name != "topic"}
        # By translation key (the English slug), so that a translation's file names its topic as English does.
        values["topic"] = self.topic.translation_key if self.topic_id else None
        return values

    def content_hash(self):
        return content_hash(self.content_values())


# The fields the content fingerprint covers, from the one definition of an article's fields (articles.fields);
# `topic` by its translation key.
CONTENT_FIELDS = FINGERPRINTED_FIELDS


def text_fingerprint(values):
    """A fingerprint of the clinical text (summary, body, references), as a sign-off records it."""
    payload = json.dumps({name: values[name] for name in REVIEWED_FIELDS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def content_hash(values):
    """A fingerprint of everything an editor can change, to tell an edit in the admin from an import."""
    payload = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


REFERENCE_REQUIRED = ("id", "title", "publisher", "url")
# A paper or a dated report gives its year (and its volume and pages, where it has them); a living web page,
# which has no fixed date, gives the day it was read instead ("accessed", written YYYY-MM-DD).
REFERENCE_OPTIONAL = ("authors", "year", "volume", "pages", "accessed")
REFERENCE_KEYS = {*REFERENCE_REQUIRED, *REFERENCE_OPTIONAL}
ISO_DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


def normalize_reference(ref):
    """A reference as stored: empty values dropped, a date written as YYYY-MM-DD (YAML reads it as a date)."""
    if not isinstance(ref, dict):
        return ref
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in ref.items()
        if value not in (None, "")
    }


def _valid_accessed_date(value):
    if not (isinstance(value, str) and ISO_DATE_RE.match(value)):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def validate_references(references, body):
    """Each reference names its title, publisher or journal, a https:// address (a DOI as https://doi.org/...),
    and its year or, for a living web page, the day it was read (accessed); authors, volume and pages are
    optional. Every one is cited, and every citation has one."""
    from articles.markdown import cited_ids

    if not isinstance(references, list):
        raise ValidationError("References must be a list.")
    problems, ids = [], []
    for number, ref in enumerate(references, start=1):
        if not isinstance(ref, dict):
            problems.append(
                f"Reference {number} must have {', '.join(REFERENCE_REQUIRED)} and a year or accessed date."
            )
            continue
        ref_id = ref.get("id")
        if not isinstance(ref_id, str) or not ref_id.strip():
            problems.append(f"Reference {number} has no id.")
            continue
        for key in ("title", "publisher", "authors", "volume", "pages"):
            value = ref.get(key)
            if (key in ("title", "publisher") or key in ref) and not (isinstance(value, str) and value.strip()):
                problems.append(f"Reference {ref_id!r} has no {key}.")
        if "year" not in ref and "accessed" not in ref:
            problems.append(
                f"Reference {ref_id!r} needs its year, or for a living web page the day it was read (accessed)."
            )
        year = ref.get("year")
        if "year" in ref and not (isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2100):
            problems.append(f"Reference {ref_id!r} needs its year as a number, such as 2024.")
        if "accessed" in ref and not _valid_accessed_date(ref["accessed"]):
            problems.append(f"Reference {ref_id!r} needs the day it was read written as YYYY-MM-DD.")
        url = ref.get("url")
        if not (isinstance(url, str) and url.startswith("https://") and len(url) > len("https://")):
            problems.append(f"Reference {ref_id!r} must link with https:// (a DOI as https://doi.org/...).")
        unknown = set(ref) - REFERENCE_KEYS
        if unknown:
            problems.append(f"Reference {ref_id!r} has unknown keys: {', '.join(sorted(unknown))}.")
        if ref_id in ids:
            problems.append(f"Reference {ref_id!r} is listed twice.")
        ids.append(ref_id)
    cited = cited_ids(body or "")
    for ref_id in ids:
        if ref_id not in cited:
            problems.append(f"Reference {ref_id!r} is never cited in the body (cite it as [^{ref_id}]).")
    for ref_id in cited:
        if ref_id not in ids:
            problems.append(f"The body cites [^{ref_id}], which is not in the references.")
    if problems:
        raise ValidationError(problems)


class Reviewer(models.Model):
    """A clinical reviewer, named on the pages they sign off. Linked to the account they sign off with."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviewer")
    name = models.CharField(max_length=120, help_text="The name readers will see, as the person writes it.")
    credentials = models.CharField(
        max_length=120, help_text="Qualifications and field, such as “MD, addiction medicine”."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"


class SignOff(models.Model):
    """A clinical review as a recorded act: who, when, which version, and a fingerprint of the text reviewed.

    Never edited or deleted: the admin shows these read-only, and an article with sign-offs cannot be deleted.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="sign_offs")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="sign_offs")
    # As they were at the sign-off, so that a later change of name or credentials never rewrites a record.
    reviewer_name = models.CharField(max_length=120)
    reviewer_credentials = models.CharField(max_length=120)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_on = models.DateField()
    next_review_due = models.DateField()
    signed_at = models.DateTimeField(auto_now_add=True)
    version = models.ForeignKey("reversion.Version", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text_hash = models.CharField(
        max_length=64, help_text="Fingerprint of the summary, body and references that were reviewed."
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-signed_at"]
        get_latest_by = "signed_at"
        verbose_name = "sign-off"

    def __str__(self):
        return f"{self.article} reviewed by {self.credit} on {self.reviewed_on:%Y-%m-%d}"

    @property
    def credit(self):
        return f"{self.reviewer_name}, {self.reviewer_credentials}"


class PendingChange(models.Model):
    """An edit to a published article by someone who may not publish: held here, out of readers' sight, until
    a publisher publishes it or a reviewer signs it off. Kept after it is decided, as a record."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for approval"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded"
        REPLACED = "replaced", "Replaced by a later edit"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pending_changes")
    # The fields the edit changes, {name: value} as JSON (dates as YYYY-MM-DD, the topic by its id).
    values = models.JSONField(encoder=DjangoJSONEncoder)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State, default=State.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "edit held for approval"
        verbose_name_plural = "edits held for approval"
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=models.Q(state="waiting"), name="one_waiting_edit_per_article"
            )
        ]

    def __str__(self):
        return f"Edit to {self.article} by {self.author or 'someone'} ({self.get_state_display().lower()})"

    @staticmethod
    def values_of(article, names):
        """An article's values for the given fields, as stored here."""
        return {
            name: Article._meta.get_field(name).value_from_object(article) for name in names if name in EDITABLE_FIELDS
        }

    def apply_to(self, article):
        """Set the edit's values on the article (not saved)."""
        for name, raw in self.values.items():
            field = Article._meta.get_field(name)
            setattr(article, field.attname, field.to_python(raw))
        return article
