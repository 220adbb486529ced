"""Running a search for the public pages: counts per kind, ranked hits, their records.

A fixed number of queries whatever the archive holds: one ranks and counts the matches of
every kind at once, one reads the shown entries (their headlines, on PostgreSQL), and one
per kind shown reads the records themselves, through the visibility gate.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, F, Func, Q
from django.utils.translation import get_language

from missions.prepared import Prepared
from missions.visibility import public_missions

from .engines import engine
from .models import SearchEntry
from .texts import BY_KIND, SOURCES
from .words import parse

KINDS = [source.kind for source in SOURCES]

# How each kind's records are read for display, through the gate of that kind.
RELATED = {
    SearchEntry.Kind.MISSION: ("election__country", "observer_body"),
    SearchEntry.Kind.DOCUMENT: ("mission",),
}


@dataclass
class Hit:
    record: object
    snippet: str
    rank: float


@dataclass
class Group:
    kind: str
    label: str
    total: int
    hits: list = field(default_factory=list)


@lru_cache(maxsize=32)
def built_gate(kind, language):
    """The public queryset of a kind (None: missions), built once per language: building
    the organizations' gate costs more Python than its query costs SQL. Only clones of it
    are ever run (`.filter`, `.values`), so no result is cached with it."""
    return BY_KIND[kind].public() if kind else public_missions()


def gate(kind=None):
    return built_gate(kind, get_language())


class AmongIds(Func):
    """The column is one of the ids in one parameter (PostgreSQL: an array; SQLite: a JSON
    list), so the query's SQL is the same whatever the number of ids."""

    output_field = BooleanField()

    def __init__(self, column, ids):
        super().__init__(F(column))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s)", [*params, ids_parameter(connection, self.ids)]

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        sql = f"{column} IN (SELECT value FROM json_each(%s))"
        return sql, [*params, ids_parameter(connection, self.ids)]


def ids_parameter(connection, ids):
    return list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))


def public_records(kind, ids):
    """The records among these ids that the kind's gate lets through."""
    return gate(kind).filter(AmongIds("pk", ids))


def shown_records(kind, probe):
    """A hit's records, with what it shows of them, built around one id (for `Prepared`)."""
    records = public_records(kind, [probe])
    return records.select_related(*RELATED[kind]) if kind in RELATED else records


# Each kind's records by their ids, compiled once per connection and language: building and
# compiling the gate's query cost more than running it (4 ms a search page of Python).
SHOWN = {
    kind: Prepared(lambda probe, kind=kind: shown_records(kind, probe))
    for kind in SearchEntry.Kind.values
}


def allowed(missions=None):
    """Entries whose mission (if they have one) is public and, when the mission list's
    filters are given as `missions`, among those. The engine's `ranked` matches the query."""
    missions = gate() if missions is None else missions
    return SearchEntry.objects.filter(
        Q(mission__isnull=True) | Q(mission__in=missions.values("pk"))
    )


def with_records(kind, entries):
    """Hits of the kind's ranked entries, each with its record read through the kind's gate."""
    if not entries:
        return []
    ids = [entry.object_id for entry in entries]
    by_pk = {record.pk: record for record in SHOWN[kind].rows(ids_parameter(connection, ids))}
    return [
        Hit(by_pk[entry.object_id], entry.snippet, entry.rank)
        for entry in entries
        if entry.object_id in by_pk  # the gate again: a stale entry never shows
    ]


def search(text, *, kind=None, page=1, per_page=20, per_group=5, missions=None):
    """Groups of hits for a query: every kind's first `per_group`, or one kind's page."""
    query = parse(text)
    if not query:
        return query, {kind: 0 for kind in KINDS}, []
    if kind in KINDS:
        windows = {kind: ((page - 1) * per_page, per_page)}
    else:
        windows = {each: (0, per_group) for each in KINDS}
    language = (get_language() or "en")[:2]
    found, pages = engine().ranked(allowed(missions), query, windows, language)
    totals = {each: found.get(each, 0) for each in KINDS}
    shown = [kind] if kind in KINDS else [each for each in KINDS if totals[each]]
    groups = []
    for each in shown:
        group = Group(each, SearchEntry.Kind(each).label, totals[each])
        group.hits = with_records(each, pages.get(each, []))
        groups.append(group)
    return query, totals, groups


def mission_ids(text):
    """Ids of the missions whose entry matches, as a subquery (for the mission list's `q`);
    None when the text holds nothing to search for."""
    query = parse(text)
    if not query:
        return None
    return engine().matching(query).filter(kind=SearchEntry.Kind.MISSION).values("object_id")
