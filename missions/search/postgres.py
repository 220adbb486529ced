"""PostgreSQL: a stored tsvector with the `russian` and `english` configurations, GIN-indexed.

Migration 0020 adds `search_vector` to `missions_searchentry` as a generated column, so
PostgreSQL recomputes it on every insert and update of an entry; ranked with
`SearchRank`, snippets from `SearchHeadline`. Migration 0023 keeps the vector in the row
(STORAGE MAIN, lz4), since ranking reads the vector of every match.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import Expression
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .engines import in_window, windowed
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


def ts_query(query):
    """All terms (a phrase for several words), each matched in either configuration."""
    combined = None
    for term in query.terms:
        kind = "phrase" if len(term) > 1 else "plain"
        texts = [" ".join(term)] if len(term) > 1 else [term[0], *variants(term[0])[1:]]
        either = None
        for text in texts:
            for config in CONFIGS:
                one = SearchQuery(text, config=config, search_type=kind)
                either = one if either is None else either | one
        combined = either if combined is None else combined & either
    return combined


def matching(query):
    """Entries matching the query."""
    return SearchEntry.objects.alias(vector=vector()).filter(vector=ts_query(query))


def ranked(entries, query, windows, language):
    """Every kind's total among `entries` (a queryset of candidates) and the window of its
    ranked entries that `windows` ({kind: (offset, limit)}) asks for, each with `rank` and
    `snippet`: one query ranks with `SearchRank` (only the kinds shown), and numbers and
    counts the matches per kind; one more makes the shown entries' headlines.
    """
    score = SearchRank(vector(), ts_query(query), normalization=1)
    if set(windows) != set(SearchEntry.Kind.values):
        shown = When(kind__in=list(windows), then=score)
        score = Case(shown, default=Value(0.0), output_field=FloatField())
    scored = entries.annotate(score=score).values("id", "kind", "score")
    sql, params = scored.query.sql_with_params()
    sql, bounds = windowed(sql, windows)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *bounds])
        rows = cursor.fetchall()
    totals, pages, page = {}, {}, []
    for pk, kind, rank, place, total in rows:
        totals[kind] = total
        if in_window(windows, kind, place):
            entry = SearchEntry(pk=pk, kind=kind)
            entry.rank = rank
            pages.setdefault(kind, []).append(entry)
            page.append(entry)
    with_snippets(page, query, language)
    return totals, pages


def headline(column, expression):
    return SearchHeadline(
        F(column),
        expression,
        config=CONFIGS[0],
        start_sel=START,
        stop_sel=STOP,
        max_words=24,
        min_words=10,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def marked(text):
    if not text or START not in text:
        return ""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def with_snippets(entries, query, language):
    """Attach `object_id` and `snippet` to each entry, from one more query for the page's
    rows that makes their headlines."""
    if not entries:
        return entries
    expression = ts_query(query)
    first, second = ("body_ru", "body_en") if language == "ru" else ("body_en", "body_ru")
    rows = SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).values_list(
        "pk",
        "object_id",
        headline(first, expression),
        headline(second, expression),
        headline("heading", expression),
    )
    found = {pk: (object_id, texts) for pk, object_id, *texts in rows}
    for entry in entries:
        entry.object_id, texts = found.get(entry.pk, (None, ()))
        entry.snippet = next(filter(None, map(marked, texts)), "")
    return entries


def rebuild():
    """Nothing to do: the vector is a generated column."""
