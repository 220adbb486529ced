"""Running a search for the public pages: counts per kind, ranked hits, their records.

A fixed number of queries whatever the archive holds: one ranks and counts the matches of
every kind at once, one reads the shown entries (their headlines, on PostgreSQL), and one
per kind shown reads the records themselves, through the visibility gate.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q
from django.utils.translation import get_language

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


def public_records(kind, ids):
    """The records among these ids that the kind's gate lets through."""
    return gate(kind).filter(pk__in=ids)


def matching(query, missions=None):
    """Entries matching the query whose mission (if they have one) is public and, when the
    mission list's filters are given as `missions`, among those."""
    allowed = gate() if missions is None else missions
    return (
        engine()
        .matching(query)
        .filter(Q(mission__isnull=True) | Q(mission__in=allowed.values("pk")))
    )


def with_records(kind, entries):
    """Hits of the kind's ranked entries, each with its record read through the kind's gate."""
    if not entries:
        return []
    records = public_records(kind, [entry.object_id for entry in entries])
    if kind in RELATED:
        records = records.select_related(*RELATED[kind])
    by_pk = {record.pk: record for record in records}
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
    found, pages = engine().ranked(matching(query, missions), query, windows, language)
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
