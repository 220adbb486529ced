"""PostgreSQL: a stored tsvector with the `russian` and `english` configurations, GIN-indexed.

Migration 0020 adds `search_vector` to `missions_searchentry` as a generated column, so
PostgreSQL recomputes it on every insert and update of an entry; ranked with
`SearchRank`, snippets from `ts_headline`. Migration 0023 keeps the vector in the row
(STORAGE MAIN, lz4), since ranking reads the vector of every match.
"""

from django.contrib.postgres.search import SearchQueryField, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Case, FloatField, Value, When
from django.db.models.expressions import Expression
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .engines import ranked_rows, ranked_sql
from .models import SearchEntry
from .words import variants

CONFIGS = ("russian", "english")


def weighted(column, weight):
    return " || ".join(
        f"setweight(to_tsvector('{config}', {column}), '{weight}')" for config in CONFIGS
    )


VECTOR = f"{weighted('heading', 'A')} || {weighted("body_en || ' ' || body_ru", 'B')}"
CREATE = [
    f"ALTER TABLE missions_searchentry ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX missions_searchentry_vector_idx ON missions_searchentry "
    "USING GIN (search_vector)",
]
DROP = [
    "DROP INDEX IF EXISTS missions_searchentry_vector_idx",
    "ALTER TABLE missions_searchentry DROP COLUMN IF EXISTS search_vector",
]
START, STOP = "\x02", "\x03"  # marks around matches, replaced once the text is escaped


class StoredVector(Expression):
    """The generated `search_vector` column, under whatever alias the entries table has
    (a subquery renames it)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        column = connection.ops.quote_name("search_vector")
        return f"{compiler.quote_name(alias)}.{column}", []


def vector():
    return StoredVector()


def entry_fields(texts):
    return {}  # PostgreSQL derives the vector itself


def ts_query_sql(query):
    """The tsquery of all terms (a phrase for several words), each matched in either
    configuration, as SQL and parameters."""
    terms, params = [], []
    for term in query.terms:
        function = "phraseto_tsquery" if len(term) > 1 else "plainto_tsquery"
        texts = [" ".join(term)] if len(term) > 1 else [term[0], *variants(term[0])[1:]]
        either = []
        for text in texts:
            for config in CONFIGS:
                either.append(f"{function}(%s::regconfig, %s)")
                params += [config, text]
        terms.append(f"({' || '.join(either)})")
    return f"({' && '.join(terms)})", params


class TsQuery(Expression):
    """The query's tsquery, written as SQL in one step (Django's SearchQuery tree of a term's
    words, variants and configurations took longer to build and compile than to run)."""

    output_field = SearchQueryField()

    def __init__(self, query):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        return ts_query_sql(self.query)


class Matches(Expression):
    """The entry's stored vector matches the query."""

    output_field = BooleanField()

    def __init__(self, query):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        column, _params = StoredVector().as_sql(compiler, connection)
        tsquery, params = ts_query_sql(self.query)
        return f"{column} @@ {tsquery}", params


def ts_query(query):
    return TsQuery(query)


def matching(query):
    """Entries matching the query."""
    return SearchEntry.objects.filter(Matches(query))


def ranked(entries, query, windows, language):
    """Every kind's total among the `entries` (a queryset of candidates) matching the query and
    the window of its ranked entries that `windows` ({kind: (offset, limit)}) asks for, each
    with `rank` and `snippet`: one query ranks with `SearchRank` (only the kinds shown), counts
    the matches per kind and keeps each window; one more makes the shown entries' headlines.
    """
    score = SearchRank(vector(), ts_query(query), normalization=1)
    if set(windows) != set(SearchEntry.Kind.values):
        shown = When(kind__in=list(windows), then=score)
        score = Case(shown, default=Value(0.0), output_field=FloatField())
    scored = (
        entries.filter(Matches(query))
        .annotate(score=score)
        .values("id", "kind", "score")
        .order_by()
    )
    sql, params = scored.query.sql_with_params()
    sql, bounds = ranked_sql(sql, windows)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *bounds])
        totals, found = ranked_rows(cursor.fetchall())
    pages, page = {}, []
    for kind, pairs in found.items():
        for pk, rank in pairs:
            entry = SearchEntry(pk=pk, kind=kind)
            entry.rank = rank
            pages.setdefault(kind, []).append(entry)
            page.append(entry)
    with_snippets(page, query, language)
    return totals, pages


OPTIONS = {  # ts_headline's
    "StartSel": START,
    "StopSel": STOP,
    "MaxWords": 24,
    "MinWords": 10,
    "MaxFragments": 2,
    "FragmentDelimiter": " … ",
}
# The first of the three headlines that marks a match: each next one is made only if the
# one before marks none (a scalar subquery in a CASE runs only when it is reached), since
# making a headline parses its whole text.
HEADLINES = """
SELECT e.id, e.object_id, (
    SELECT CASE WHEN strpos(one, chr(2)) > 0 THEN one ELSE (
        SELECT CASE WHEN strpos(two, chr(2)) > 0 THEN two ELSE {third} END
        FROM (SELECT {second} OFFSET 0) made (two)) END
    FROM (SELECT {first} OFFSET 0) made (one))
FROM missions_searchentry e WHERE e.id = ANY(%s)"""


def headlines(columns, query):
    """The SQL and parameters that make the entries' first headline marking a match, from
    `columns` in turn, for the entries of the ids given as the last parameter."""
    tsquery, params = ts_query_sql(query)
    options = ", ".join(
        connection.ops.compose_sql(f"{option}=%s", [value]) for option, value in OPTIONS.items()
    )
    made = {
        name: f"ts_headline(%s::regconfig, e.{column}, {tsquery}, %s)"
        for name, column in zip(("first", "second", "third"), columns, strict=True)
    }
    one = [CONFIGS[0], *params, options]
    return HEADLINES.format(**made), one * 3  # third, second, first: the same parameters


def marked(text):
    if not text or START not in text:
        return ""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def with_snippets(entries, query, language):
    """Attach `object_id` and `snippet` to each entry, from one more query for the page's
    rows that makes their headlines: from the site's language's text, else the other's,
    else the heading."""
    if not entries:
        return entries
    first, second = ("body_ru", "body_en") if language == "ru" else ("body_en", "body_ru")
    sql, params = headlines((first, second, "heading"), query)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, [entry.pk for entry in entries]])
        found = {pk: (object_id, text) for pk, object_id, text in cursor.fetchall()}
    for entry in entries:
        entry.object_id, text = found.get(entry.pk, (None, ""))
        entry.snippet = marked(text)
    return entries


def rebuild():
    """Nothing to do: the vector is a generated column."""
