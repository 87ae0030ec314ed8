"""Keeping the index and the vocabulary in step with the articles.

Only published articles are indexed (an article dated in the future is indexed and filtered out at query
time, so it appears on its day without an edit); a draft is taken out. For each article the Document row
keeps its distinct words, so that an edit changes the vocabulary's counts by the words that came and went,
in a few statements, without a scan of the library. signals.py calls reindex() on every save (fixture
loads included) and unindex() before every delete; `manage.py rebuild_search_index` makes it all anew.
"""

import contextlib
import dataclasses
import unicodedata
from collections import Counter

from django.db import connections, transaction

from search.engines import IndexedArticle, engine_for
from search.models import Document, Term
from search.text import MAX_WORD_LENGTH, WORD_RE
from search.text import language as get_language

BATCH = 500
PUBLISHED = "published"
_generation = {"count": 0}


def generation():
    """How many times this process changed the index: with the content version, it tells the vocabulary
    to load again at once in the process that made an edit, whether or not the transaction has committed."""
    return _generation["count"]


def document_words(article):
    """{folded word: its spelling in the text} for every word that may decide a match."""
    lang = get_language(article.language)
    lowered = unicodedata.normalize("NFC", f"{article.title}\n{article.summary}\n{article.text}").lower()
    # Folding changes letters one for one, so the words of both texts pair up.
    pairs = zip(WORD_RE.findall(lowered), WORD_RE.findall(lang.fold(lowered)), strict=True)
    spellings = {}
    for spelling, word in pairs:
        word = word[:MAX_WORD_LENGTH]
        if len(word) >= 2 and word not in spellings and not lang.is_stop(word):
            spellings[word] = spelling[:MAX_WORD_LENGTH]
    return spellings


KEYWORDS = 20  # an article's most used words, searched with its summary
KEYWORD_MIN_COUNT = 3


def keywords(article):
    """The words an article uses most (at least KEYWORD_MIN_COUNT times, by stem, the KEYWORDS most used),
    each as it is most often written: a sign of what the article is about that both engines can index
    beside the summary, where counting words in the text at query time would cost a read of every match."""
    lang = get_language(article.language)
    words = [w for w in lang.words(f"{article.title}\n{article.summary}\n{article.text}") if len(w) >= 3]
    words = [w for w in words if not lang.is_stop(w)]
    by_stem = {}
    for word, stem in zip(words, lang.stems(words), strict=True):
        by_stem.setdefault(stem, Counter())[word] += 1
    ranked = sorted(by_stem.values(), key=lambda forms: (-forms.total(), forms.most_common(1)[0][0]))
    return " ".join(forms.most_common(1)[0][0] for forms in ranked[:KEYWORDS] if forms.total() >= KEYWORD_MIN_COUNT)


def _article_rows(article_model, ids, using):
    rows = article_model._default_manager.using(using).filter(pk__in=ids)
    return rows.values_list(
        "pk", "language", "status", "title", "summary", "search_text", "publish_date", "reading_path"
    )


_deferred = []  # while a deferred() block runs: the ids saved in it, to index together at its end


@contextlib.contextmanager
def deferred(using="default"):
    """Articles saved inside this block are indexed together when it ends, in one pass (the vocabulary's
    counts summed over all of them) instead of one pass per article: for loading a fixture of a whole
    library. An error inside the block indexes nothing; the transaction it rolls back changed nothing."""
    pending = set()
    _deferred.append(pending)
    try:
        yield
    finally:
        _deferred.pop()
    reindex(pending, using)


def reindex(ids, using="default", article_model=None):
    """Bring the index up to date for these article ids (whatever they now are: published, draft, gone)."""
    if article_model is None:
        from articles.models import Article as article_model
    ids = list(dict.fromkeys(ids))
    for start in range(0, len(ids), BATCH):
        _reindex_batch(ids[start : start + BATCH], using, article_model)


def _reindex_batch(ids, using, article_model):
    articles, gone = [], set(ids)
    for pk, language, status, title, summary, text, publish_date, reading_path in _article_rows(
        article_model, ids, using
    ):
        if status == PUBLISHED:
            articles.append(
                IndexedArticle(
                    pk, language, title, summary, text or "", publish_date=publish_date, reading_path=reading_path
                )
            )
            gone.discard(pk)
    with transaction.atomic(using=using):
        old = {doc.pk: doc for doc in Document.objects.using(using).filter(pk__in=ids)}
        counts = Counter()
        for doc in old.values():
            for word in doc.words.split():
                counts[(doc.language, word)] -= 1
        new_docs, spellings = [], {}
        for index, article in enumerate(articles):
            article = articles[index] = dataclasses.replace(article, keywords=keywords(article))
            words = document_words(article)
            for word, spelling in words.items():
                counts[(article.language, word)] += 1
                spellings[(article.language, word)] = spelling
            new_docs.append(
                Document(
                    article_id=article.id,
                    language=article.language,
                    words=" ".join(sorted(words)),
                    keywords=article.keywords,
                    publish_date=article.publish_date,
                    reading_path=article.reading_path,
                )
            )
        Document.objects.using(using).filter(pk__in=ids).delete()
        Document.objects.using(using).bulk_create(new_docs)
        _change_counts(counts, using, spellings)
        engine = engine_for(using)
        with connections[using].cursor() as cursor:
            engine.remove(cursor, gone)
            if articles:
                engine.index(cursor, articles)
    _generation["count"] += 1


def unindex(ids, using="default"):
    ids = list(ids)
    with transaction.atomic(using=using):
        counts = Counter()
        for doc in Document.objects.using(using).filter(pk__in=ids):
            for word in doc.words.split():
                counts[(doc.language, word)] -= 1
        Document.objects.using(using).filter(pk__in=ids).delete()
        _change_counts(counts, using)
        with connections[using].cursor() as cursor:
            engine_for(using).remove(cursor, ids)
    _generation["count"] += 1


def _change_counts(counts, using, spellings=None):
    """Add each (language, word)'s change to its count: one upsert per few hundred words, then drop the
    words no article holds any more."""
    table = Term._meta.db_table
    added = [(language, word, n) for (language, word), n in counts.items() if n > 0]
    removed = [(language, word, n) for (language, word), n in counts.items() if n < 0]
    with connections[using].cursor() as cursor:
        for start in range(0, len(added), 250):
            chunk = added[start : start + 250]
            stems = {}
            for language in {language for language, _, _ in chunk}:
                words = [word for code, word, _ in chunk if code == language]
                stems.update(zip(((language, w) for w in words), get_language(language).stems(words), strict=True))
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            params = [
                item
                for language, word, n in chunk
                for item in (language, word, stems[(language, word)], spellings[(language, word)], n)
            ]
            cursor.execute(
                f"INSERT INTO {table} (language, word, stem, spelling, documents) VALUES {values} "
                f"ON CONFLICT (language, word) DO UPDATE SET documents = {table}.documents + excluded.documents",
                params,
            )
        for language, n in {(language, n) for language, _, n in removed}:
            words = [word for code, word, change in removed if code == language and change == n]
            for start in range(0, len(words), 500):
                chunk = words[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"UPDATE {table} SET documents = documents + %s WHERE language = %s AND word IN ({marks})",
                    [n, language, *chunk],
                )
        if removed:
            cursor.execute(f"DELETE FROM {table} WHERE documents <= 0")


def rebuild(using="default", article_model=None):
    """Make the whole index and vocabulary anew from the articles."""
    if article_model is None:
        from articles.models import Article as article_model
    with transaction.atomic(using=using):
        engine = engine_for(using)
        with connections[using].cursor() as cursor:
            # Made if missing before any row changes (PostgreSQL makes no index once rows changed in the
            # transaction), then emptied.
            engine.create(cursor)
            engine.clear(cursor)
        Document.objects.using(using).all().delete()
        Term.objects.using(using).all().delete()
        ids = list(article_model._default_manager.using(using).filter(status=PUBLISHED).values_list("pk", flat=True))
        reindex(ids, using, article_model)
