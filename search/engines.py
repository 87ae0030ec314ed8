"""One small engine per database, behind one interface; the rules that decide what a query means live above
them (query.py), written once.

An engine is handed groups: one per thing the reader asked for, each a set of alternatives (the word, its
correction, its synonyms; an alternative of several words needs them all), each group with a weight (rarer
words weigh more). It answers with the published articles of one language that hold at least one group,
best first, and how many there are, in one query. The score is the same on both databases:

    for each group it holds:  weight x (1 + TITLE_BONUS if in the title + SUMMARY_BONUS if in the summary)

so articles holding most of the words come first, title and summary matches above text-only ones; ties go
to the reading path's order, then A to Z.

- SQLite: an FTS5 table per language (`search_fts_en`, ...) of the title, summary and text as stems from
  text.py, each one plain ASCII token (text.fts_token), with `detail=column` (no phrase queries are ever
  needed, and the index is smaller). Each token reaches the MATCH expression double-quoted, and only tokens
  do: no operator, column name or quote of the reader's can.
- PostgreSQL: tsvector columns on search.Document made with the `english` or `spanish_unaccent`
  configuration, GIN-indexed. Each word reaches the database as a parameter of plainto_tsquery(), which reads
  no operators, and groups are joined with the || operator in SQL written here.

Each group is looked up in the index three times (anywhere, the title, the summary) with UNION ALL and the
matches summed by article: index lookups only, never a scan of the text, so a word found in every one of
10,000 articles costs a few milliseconds.
"""

import dataclasses

from django.db import connections

from search.text import LANGUAGES, fts_token
from search.text import language as get_language

TITLE_BONUS = 1.5
SUMMARY_BONUS = 0.5


@dataclasses.dataclass(frozen=True)
class Group:
    alternatives: tuple[tuple[str, ...], ...]  # folded words
    weight: float = 1.0


@dataclasses.dataclass(frozen=True)
class IndexedArticle:
    id: int
    language: str
    title: str
    summary: str
    text: str
    keywords: str = ""


class Engine:
    vendor = ""

    def create(self, cursor):
        """Make the engine's own tables and indexes (from a migration)."""

    def drop(self, cursor):
        """Undo create()."""

    def index(self, cursor, articles):
        """Add or replace these articles (IndexedArticle) in the index."""
        raise NotImplementedError

    def remove(self, cursor, ids):
        raise NotImplementedError

    def search(self, cursor, language, groups, today, limit, offset):
        """([(article id, score)], total) for one page of published articles of `language`."""
        raise NotImplementedError

    @staticmethod
    def _page_sql(matches_sql):
        """The shared outer query: sum each article's matches, keep published ones, rank, count, page."""
        return (
            "SELECT a.id, SUM(m.w) AS score, COUNT(*) OVER () AS total "
            f"FROM ({matches_sql}) AS m JOIN articles_article AS a ON a.id = m.id "
            "WHERE a.status = 'published' AND a.publish_date <= %s "
            "GROUP BY a.id, a.reading_path, a.title "
            "ORDER BY score DESC, CASE WHEN a.reading_path IS NULL THEN 1 ELSE 0 END, a.reading_path, a.title, a.id "
            "LIMIT %s OFFSET %s"
        )


def _stemmed(language, text):
    lang = get_language(language)
    words = [word for word in lang.words(text) if not lang.is_stop(word)]
    return " ".join(fts_token(stem) for stem in lang.stems(words))


class SQLiteEngine(Engine):
    vendor = "sqlite"

    @staticmethod
    def table(language):
        if language not in LANGUAGES:
            raise ValueError(f"no search index for language {language!r}")
        return f"search_fts_{language}"

    def create(self, cursor):
        for code in LANGUAGES:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table(code)} "
                "USING fts5(title, summary, body, tokenize = 'ascii', detail = 'column')"
            )

    def drop(self, cursor):
        for code in LANGUAGES:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table(code)}")

    def remove(self, cursor, ids):
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            for code in LANGUAGES:
                cursor.execute(f"DELETE FROM {self.table(code)} WHERE rowid IN ({marks})", chunk)

    def index(self, cursor, articles):
        articles = list(articles)
        self.remove(cursor, [article.id for article in articles])
        for code in LANGUAGES:
            rows = [
                (a.id, _stemmed(code, a.title), _stemmed(code, f"{a.summary} {a.keywords}"), _stemmed(code, a.text))
                for a in articles
                if a.language == code
            ]
            if rows:
                cursor.executemany(
                    f"INSERT INTO {self.table(code)} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)", rows
                )

    @staticmethod
    def _expression(language, group):
        lang = get_language(language)
        parts = []
        for alternative in group.alternatives:
            tokens = [f'"{fts_token(stem)}"' for stem in lang.stems([w for w in alternative if not lang.is_stop(w)])]
            if tokens:
                parts.append(tokens[0] if len(tokens) == 1 else "(" + " AND ".join(tokens) + ")")
        return "(" + " OR ".join(parts) + ")" if parts else None

    def search(self, cursor, language, groups, today, limit, offset):
        table = self.table(language)
        selects, params = [], []
        for group in groups:
            expression = self._expression(language, group)
            if expression is None:
                continue
            for column_filter, weight in (
                ("", group.weight),
                ("{title} : ", group.weight * TITLE_BONUS),
                ("{summary} : ", group.weight * SUMMARY_BONUS),
            ):
                selects.append(f"SELECT rowid AS id, %s AS w FROM {table} WHERE {table} MATCH %s")
                params += [weight, column_filter + expression]
        if not selects:
            return [], 0
        cursor.execute(self._page_sql(" UNION ALL ".join(selects)), [*params, today, limit, offset])
        rows = cursor.fetchall()
        return [(row[0], row[1]) for row in rows], (rows[0][2] if rows else 0)


class PostgreSQLEngine(Engine):
    vendor = "postgresql"

    def create(self, cursor):
        # The Spanish configuration (made by articles' migration 0007 too): Spanish stems over unaccented words.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute(
            "DO $$ BEGIN "
            "IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'spanish_unaccent') THEN "
            "CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish); "
            "ALTER TEXT SEARCH CONFIGURATION spanish_unaccent "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem; "
            "END IF; END $$"
        )
        for column in ("title_vector", "summary_vector", "body_vector"):
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS search_document_{column}_gin ON search_document USING GIN ({column})"
            )

    def drop(self, cursor):
        for column in ("title_vector", "summary_vector", "body_vector"):
            cursor.execute(f"DROP INDEX IF EXISTS search_document_{column}_gin")

    def remove(self, cursor, ids):
        """The Document rows go with the vocabulary's bookkeeping (indexing.py): nothing else to drop."""

    def index(self, cursor, articles):
        # Made from the article's own columns, so the text is not sent back to the database.
        for code, lang in LANGUAGES.items():
            ids = [article.id for article in articles if article.language == code]
            if not ids:
                continue
            config = lang.pg_config
            cursor.execute(
                "UPDATE search_document AS d SET "
                "title_vector = to_tsvector(%s::regconfig, a.title), "
                "summary_vector = to_tsvector(%s::regconfig, a.summary || ' ' || d.keywords), "
                "body_vector = strip(to_tsvector(%s::regconfig, a.title || ' ' || a.summary || ' ' || a.search_text)) "
                "FROM articles_article AS a WHERE a.id = d.article_id AND d.article_id = ANY(%s)",
                [config, config, config, ids],
            )

    @staticmethod
    def _tsquery(config, group):
        sql, params = [], []
        for alternative in group.alternatives:
            if alternative:
                sql.append("plainto_tsquery(%s::regconfig, %s)")
                params += [config, " ".join(alternative)]
        return (" || ".join(sql), params) if sql else (None, [])

    def search(self, cursor, language, groups, today, limit, offset):
        config = get_language(language).pg_config
        selects, params = [], []
        for group in groups:
            tsquery, query_params = self._tsquery(config, group)
            if tsquery is None:
                continue
            for column, weight in (
                ("body_vector", group.weight),
                ("title_vector", group.weight * TITLE_BONUS),
                ("summary_vector", group.weight * SUMMARY_BONUS),
            ):
                selects.append(
                    f"SELECT article_id AS id, %s::float8 AS w FROM search_document "
                    f"WHERE language = %s AND {column} @@ ({tsquery})"
                )
                params += [weight, language, *query_params]
        if not selects:
            return [], 0
        cursor.execute(self._page_sql(" UNION ALL ".join(selects)), [*params, today, limit, offset])
        rows = cursor.fetchall()
        return [(row[0], row[1]) for row in rows], (rows[0][2] if rows else 0)


ENGINES = {engine.vendor: engine for engine in (SQLiteEngine(), PostgreSQLEngine())}


def engine_for(using="default"):
    vendor = connections[using].vendor
    try:
        return ENGINES[vendor]
    except KeyError:
        raise NotImplementedError(f"search has no engine for {vendor}") from None
