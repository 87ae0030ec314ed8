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

from django.utils import timezone  # noqa: E402

from articles.markdown import reading_minutes, render_markdown  # noqa: E402
from articles.models import Article, Topic, update_search_vectors  # noqa: E402

WORDS = [
    "kratom",
    "withdrawal",
    "doctor",
    "family",
    "sleep",
    "treatment",
    "support",
    "craving",
    "trigger",
    "recovery",
    "habit",
    "plan",
    "talk",
    "help",
    "detox",
    "therapy",
    "medicine",
    "group",
    "friend",
    "worry",
    "health",
    "body",
    "brain",
    "tolerance",
    "relapse",
    "care",
    "stress",
    "money",
    "time",
]


def synthetic_body(rng, n):
    paragraphs = []
    for section in range(4):
        paragraphs.append(f"## What about part {section + 1} of topic {n}?")
        for _ in range(3):
            sentence_count = rng.randint(3, 6)
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + "."
                for _ in range(sentence_count)
            ]
            paragraphs.append(" ".join(sentences))
    paragraphs.append("It is backed by a source.[^src]")
    return "\n\n".join(paragraphs)


def main(count):
    synthetic = Article.objects.filter(slug__startswith="synthetic-")
    have = synthetic.count()
    if have >= count:
        print(f"{have} synthetic articles already there")
        return
    rng = random.Random(20261128)
    topics = list(Topic.objects.all())
    references = [{"id": "src", "text": "A synthetic source for load testing.", "url": "https://example.org/"}]
    today = timezone.localdate()
    batch = []
    for n in range(have, count):
        body = synthetic_body(rng, n)
        rendered = render_markdown(body, references)
        batch.append(
            Article(
                title=f"Synthetic article {n}: {' '.join(rng.sample(WORDS, 3))}",
                slug=f"synthetic-{n}",
                summary=" ".join(rng.sample(WORDS, 12)).capitalize() + ".",
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
    update_search_vectors(Article.objects.all())
    from articles.cache import bump_content_version

    bump_content_version()
    print(f"{count - have} synthetic articles created")


if __name__ == "__main__":
    main(int(sys.argv[1]))
