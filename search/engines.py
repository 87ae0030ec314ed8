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

COUNT_CAP = 1000  # past this many, a page says "1,000 or more"; counting further would cost a read of each
TITLE_BONUS = 1.5
TODAY = object()  # stands for the day's date in a scan's parameters until the page query is put together
SUMMARY_BONUS = 0.5


@dataclasses.dataclass(frozen=True)
class Group:
    alternatives: tuple[tuple[str, ...], ...]  # folded words
    weight: float = 1.0
    # Held by most of a large library (query.py decides): weighed only where it is in a title, since
    # weighing thousands of matches would change the order little and cost much.
    common: bool = False


@dataclasses.dataclass(frozen=True)
class IndexedArticle:
    id: int
    language: str
    title: str
    summary: str
    text: str
    keywords: str = ""
    publish_date: object = None
    reading_path: int | None = None


class Engine:
    vendor = ""

    def create(self, cursor):
        """Make the engine's own tables and indexes (from a migration)."""

    def drop(self, cursor):
        """Undo create()."""

    def clear(self, cursor):
        """Empty the engine's own tables (the Document rows go with them)."""

    def index(self, cursor, articles):
        """Add or replace these articles (IndexedArticle) in the index."""
        raise NotImplementedError

    def remove(self, cursor, ids):
        raise NotImplementedError

    def _scans(self, language, groups):
        """The index lookups that score: [(SQL giving (id, w[, rp]), parameters)], and the expression of every
        group at once when some group is common (None otherwise). For each group: anywhere, in the title and
        in the summary; a common group, in the title only."""
        scans, expressions = [], []
        for group in groups:
            expression = self._expression(language, group)
            if expression is None:
                continue
            expressions.append(expression)
            if not group.common:
                scans.append(self._scan(language, "any", expression, group.weight))
                scans.append(self._scan(language, "summary", expression, group.weight * SUMMARY_BONUS))
            scans.append(self._scan(language, "title", expression, group.weight * TITLE_BONUS))
        members = self._either(expressions) if expressions and any(group.common for group in groups) else None
        return scans, members

    def search(self, cursor, language, groups, today, limit, offset):
        """([(article id, score)], total, whether the total stopped at COUNT_CAP) for one page of the
        published articles of `language`.

        The scored articles come first, best first (one query, which also counts them). When a group is
        common, every other article holding any group follows, unscored, in the reading path's order: they are
        counted up to COUNT_CAP in the same query, and read only for a page that reaches them (a second one)."""
        scans, members = self._scans(language, groups)
        if not scans:
            return [], 0, False
        sql, params = self._page(language, scans, members, today)
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
        scored, held = rows[0][2], rows[0][3]
        page = [(row[0], row[1]) for row in rows if row[0] is not None]
        if members is not None and len(page) < limit and offset + limit > scored:
            sql, params = self._tail(language, scans, members, today)
            cursor.execute(sql, [*params, limit - len(page), max(0, offset - scored)])
            page += [(row[0], 0.0) for row in cursor.fetchall()]
        total = scored if members is None else max(scored, held)
        return page, min(total, COUNT_CAP), total > COUNT_CAP

    @staticmethod
    def _union(scans):
        return " UNION ALL ".join(sql for sql, _ in scans), [param for _, params in scans for param in params]


def _stemmed(language, text):
    lang = get_language(language)
    words = [word for word in lang.words(text) if not lang.is_stop(word)]
    return " ".join(fts_token(stem) for stem in lang.stems(words))


class SQLiteEngine(Engine):
    vendor = "sqlite"

    def _scored(self, scans, today):
        # Each article's matches summed first (materialized: once, before any join), then those published by
        # today kept with their place in the reading path.
        union, params = self._union(scans)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT id, SUM(w) AS score FROM ({union}) AS u GROUP BY id), "
            "s AS MATERIALIZED (SELECT m.id, m.score, d.reading_path AS rp FROM m "
            "JOIN search_document AS d ON d.article_id = m.id WHERE d.publish_date <= %s) "
        )
        return sql, [*params, today]

    def _members_sql(self, language, members):
        table = self.table(language)
        return (
            f"SELECT d.article_id AS id, d.reading_path AS rp FROM {table} JOIN search_document AS d "
            f"ON d.article_id = {table}.rowid WHERE {table} MATCH %s AND d.publish_date <= %s"
        )

    def _page(self, language, scans, members, today):
        sql, params = self._scored(scans, today)
        if members is None:
            held, held_params = "0", []
        else:
            held = f"(SELECT COUNT(*) FROM ({self._members_sql(language, members)} LIMIT {COUNT_CAP + 1}) AS x)"
            held_params = [members, today]
        # Ties go to the reading path's order, then the oldest article.
        sql += (
            f", c AS (SELECT (SELECT COUNT(*) FROM s) AS scored, {held} AS held) "
            "SELECT p.id, p.score, c.scored, c.held FROM c LEFT JOIN (SELECT id, score, rp FROM s "
            "ORDER BY score DESC, rp IS NULL, rp, id LIMIT %s OFFSET %s) AS p ON 1 = 1 "
            "ORDER BY p.score DESC, p.rp IS NULL, p.rp, p.id"
        )
        # The page's LIMIT and OFFSET come after every other parameter: the counts' go before them.
        return sql, [*params, *held_params]

    def _tail(self, language, scans, members, today):
        sql, params = self._scored(scans, today)
        sql += (
            f"SELECT x.id, 0 FROM ({self._members_sql(language, members)}) AS x "
            "WHERE x.id NOT IN (SELECT id FROM s) ORDER BY x.rp IS NULL, x.rp, x.id LIMIT %s OFFSET %s"
        )
        return sql, [*params, members, today]

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

    def clear(self, cursor):
        for code in LANGUAGES:
            cursor.execute(f"DELETE FROM {self.table(code)}")

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

    def _scan(self, language, field, expression, weight):
        table = self.table(language)
        column_filter = {"any": "", "title": "{title} : ", "summary": "{summary} : "}[field]
        return f"SELECT rowid AS id, %s AS w FROM {table} WHERE {table} MATCH %s", [weight, column_filter + expression]

    @staticmethod
    def _either(expressions):
        return "(" + " OR ".join(expressions) + ")"


class PostgreSQLEngine(Engine):
    vendor = "postgresql"

    def _scored(self, scans):
        # As on SQLite, but each lookup already keeps only the articles published by today and brings their
        # place in the reading path, so no join is needed.
        union, params = self._union(scans)
        return (
            f"WITH s AS MATERIALIZED (SELECT id, SUM(w) AS score, MIN(rp) AS rp FROM ({union}) AS u GROUP BY id) ",
            params,
        )

    def _page(self, language, scans, members, today):
        sql, params = self._scored(scans)
        if members is None:
            held, held_params = "0", []
        else:
            tsquery, member_params = members
            held = (
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM search_text_matches({tsquery}, %s, %s) "
                f"LIMIT {COUNT_CAP + 1}) AS x)"
            )
            held_params = [*member_params, language, today]
        sql += (
            f", c AS (SELECT (SELECT COUNT(*) FROM s) AS scored, {held} AS held) "
            "SELECT p.id, p.score, c.scored, c.held FROM c LEFT JOIN (SELECT id, score, rp FROM s "
            "ORDER BY score DESC, rp NULLS LAST, id LIMIT %s OFFSET %s) AS p ON true "
            "ORDER BY p.score DESC, p.rp NULLS LAST, p.id"
        )
        return sql, [self._today(param, today) for param in [*params, *held_params]]

    def _tail(self, language, scans, members, today):
        sql, params = self._scored(scans)
        tsquery, member_params = members
        sql += (
            f"SELECT x.id, 0 FROM search_text_matches({tsquery}, %s, %s) AS x "
            "WHERE x.id NOT IN (SELECT id FROM s) ORDER BY x.rp NULLS LAST, x.id LIMIT %s OFFSET %s"
        )
        return sql, [self._today(param, today) for param in [*params, *member_params, language, today]]

    @staticmethod
    def _today(param, today):
        return today if param is TODAY else param

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
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_document'")
        made = {row[0] for row in cursor.fetchall()}
        for column in ("title_vector", "summary_vector", "body_vector"):
            # Only when missing: PostgreSQL refuses even CREATE INDEX IF NOT EXISTS on a table whose rows
            # changed earlier in the transaction.
            if f"search_document_{column}_gin" not in made:
                cursor.execute(f"CREATE INDEX search_document_{column}_gin ON search_document USING GIN ({column})")
        # The articles of a language whose text matches: a function only so that its own setting makes the
        # planner read the GIN index even when most articles match (a bitmap of ids, never the vectors).
        cursor.execute(
            "CREATE OR REPLACE FUNCTION search_text_matches(query tsquery, lang varchar, today date) "
            "RETURNS TABLE (id bigint, rp integer) LANGUAGE sql STABLE SET enable_seqscan = off AS "
            "$$ SELECT article_id, reading_path FROM search_document "
            "WHERE language = lang AND publish_date <= today AND body_vector @@ query $$"
        )

    def drop(self, cursor):
        cursor.execute("DROP FUNCTION IF EXISTS search_text_matches(tsquery, varchar, date)")
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

    def _expression(self, language, group):
        """A tsquery for the group: each alternative through plainto_tsquery() (which reads no operators),
        joined with ||; as (SQL, parameters)."""
        config = get_language(language).pg_config
        sql, params = [], []
        for alternative in group.alternatives:
            if alternative:
                sql.append("plainto_tsquery(%s::regconfig, %s)")
                params += [config, " ".join(alternative)]
        return ("(" + " || ".join(sql) + ")", params) if sql else None

    def _scan(self, language, field, expression, weight):
        tsquery, params = expression
        if field == "any":
            # Through search_text_matches(), which always reads the GIN index: for a word most articles hold,
            # the planner would otherwise read every article's vector, several times slower.
            return (
                f"SELECT id, %s::float8 AS w, rp FROM search_text_matches({tsquery}, %s, %s)",
                [weight, *params, language, TODAY],
            )
        column = {"title": "title_vector", "summary": "summary_vector"}[field]
        return (
            f"SELECT article_id AS id, %s::float8 AS w, reading_path AS rp FROM search_document "
            f"WHERE language = %s AND publish_date <= %s AND {column} @@ {tsquery}",
            [weight, language, TODAY, *params],
        )

    @staticmethod
    def _either(expressions):
        return "(" + " || ".join(sql for sql, _ in expressions) + ")", [p for _, params in expressions for p in params]


ENGINES = {engine.vendor: engine for engine in (SQLiteEngine(), PostgreSQLEngine())}


def engine_for(using="default"):
    vendor = connections[using].vendor
    try:
        return ENGINES[vendor]
    except KeyError:
        raise NotImplementedError(f"search has no engine for {vendor}") from None
