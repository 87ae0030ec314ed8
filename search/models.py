"""What search keeps of the library: one Document per published article, and the vocabulary (Term).

The text itself is indexed by each database's own engine (engines.py): on PostgreSQL, the three tsvector
columns below (GIN-indexed); on SQLite, an FTS5 table per language made by this app's migrations. Both are
kept up to date by indexing.py, which the signals in signals.py call on every save, delete and fixture load.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Document(models.Model):
    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+")
    language = models.CharField(max_length=7)
    # The distinct folded words of the article, so that an edit can tell the vocabulary which words came and
    # went without reading the old text.
    words = models.TextField(default="")
    # The words the article uses most (see indexing.keywords): what it is about, searched with its summary.
    keywords = models.TextField(default="")
    # Copied from the article, so that a search filters and orders its matches without reading articles.
    publish_date = models.DateField(null=True)
    reading_path = models.PositiveSmallIntegerField(null=True)
    # PostgreSQL only: the title, the summary, and everything (title, summary and text, without positions).
    title_vector = SearchVectorField(null=True)
    summary_vector = SearchVectorField(null=True)
    body_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [models.Index(fields=["language"])]

    def __str__(self):
        return f"Search document for article {self.article_id}"


class Term(models.Model):
    """A word of the library, its stem, and how many indexed articles hold it: spelling correction's
    vocabulary and the weight of each word in the ranking, read once per process and content version."""

    language = models.CharField(max_length=7)
    word = models.CharField(max_length=64)
    stem = models.CharField(max_length=64)
    spelling = models.CharField(max_length=64, help_text="As the articles write it (with its accents), to show.")
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="one_search_term_per_language")]

    def __str__(self):
        return f"{self.word} ({self.language}, {self.documents})"
