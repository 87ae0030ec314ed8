"""Fill a benchmark database with synthetic articles across the shipped topics (never the real one).

Usage: DATABASE_URL=... python bench/generate.py COUNT
"""

import datetime
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "relay_site.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.markdown import reading_minutes, render_markdown  # noqa: E402
from articles.models import Article, Topic  # noqa: E402
from search import indexing  # noqa: E402


def real_sentences():
    """Sentences from the shipped articles: synthetic articles built from them have the word mix of real ones."""
    sentences = []
    english = Article.objects.in_language("en").exclude(slug__startswith="synthetic-")
    for text in english.values_list("search_text", flat=True):
        for line in text.splitlines():
            sentences.extend(part.strip() + "." for part in line.split(". ") if len(part.split()) >= 4)
    return sentences


def synthetic_body(rng, sentences, n):
    paragraphs = []
    for section in range(4):
        paragraphs.append(f"## What about part {section + 1} of topic {n}?")
        for _ in range(2):
            paragraphs.append(" ".join(rng.sample(sentences, rng.randint(3, 5))))
    paragraphs.append("It is backed by a source.[^src]")
    return "\n\n".join(paragraphs)


def main(count):
    synthetic = Article.objects.filter(slug__startswith="synthetic-")
    have = synthetic.count()
    if have >= count:
        print(f"{have} synthetic articles already there")
        return
    last_pk = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(20261128)
    sentences = real_sentences()
    words = sorted({w.lower() for sentence in sentences for w in sentence.split() if w.isalpha() and len(w) > 4})
    topics = list(Topic.objects.in_language("en"))
    references = [{"id": "src", "text": "A synthetic source for load testing.", "url": "https://example.org/"}]
    today = timezone.localdate()
    batch = []
    for n in range(have, count):
        body = synthetic_body(rng, sentences, n)
        rendered = render_markdown(body, references)
        batch.append(
            Article(
                title=f"Synthetic article {n}: {' '.join(rng.sample(words, 3))}",
                slug=f"synthetic-{n}",
                translation_key=f"synthetic-{n}",
                summary=rng.choice(sentences)[:300],
                body=body,
                references=references,
                topic=topics[n % len(topics)],
                audience=rng.choice(Article.Audience.values),
                status=Article.Status.PUBLISHED,
                publish_date=today - datetime.timedelta(days=rng.randint(1, 900)),
                last_reviewed=today - datetime.timedelta(days=30),
                next_review_due=today + datetime.timedelta(days=335),
                body_html=rendered.html,
                toc_html=rendered.toc_html,
                search_text=rendered.text,
                reading_minutes=reading_minutes(rendered.text),
            )
        )
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    # bulk_create sends no signals: index the new articles (and the vocabulary's counts) in batches.
    indexing.reindex(Article.objects.filter(pk__gt=last_pk).values_list("pk", flat=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE articles_article")  # as autovacuum would after a bulk load
            cursor.execute("VACUUM ANALYZE search_document")
            cursor.execute("VACUUM ANALYZE search_term")
    from articles.cache import bump_content_version

    bump_content_version()
    print(f"{count - have} synthetic articles created")


if __name__ == "__main__":
    main(int(sys.argv[1]))
