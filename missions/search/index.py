"""Keeping the index current: every write path calls one of these inside its transaction.

`search_index_update(missions=..., people=..., organizations=...)` rewrites the entries of
those records, of the missions' documents, and of the people and organizations the missions
name (whose visibility follows the missions'). Only public records get an entry: the
visibility gate (`missions.visibility`) decides, here and again when results are shown.
"""

from itertools import islice

from django.db import connection, transaction

from missions.models import Document, Election, Mission, Organization, Person, Region

from .engines import engine
from .models import SearchEntry
from .texts import (
    DOCUMENT,
    MISSION,
    ORGANIZATION,
    PERSON,
    build_texts,
    missions_naming,
    records_named,
)

CHUNK = 500
# Shared records an import may rename; each names missions beyond the run's own.
SHARED = (Person, Organization, Election, Region)


def chunks(values, size=CHUNK):
    values = iter(values)
    while chunk := list(islice(values, size)):
        yield chunk


def pks(records):
    """Ids from ids, model instances or a queryset."""
    if hasattr(records, "values_list"):
        return set(records.values_list("pk", flat=True))
    return {getattr(record, "pk", record) for record in records if record is not None}


def delete_entries(kind, ids):
    """Delete entries in one statement; derived rows need no signals (and the ORM's delete
    would read every text first to send them)."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE kind = %s AND object_id IN ({marks})", [kind, *ids]
        )


def refresh(source, ids):
    """Rewrite the entries of these records of one kind: public ones get their text."""
    writer = engine()
    for chunk in chunks(sorted(ids)):
        delete_entries(source.kind, chunk)
        public = source.public().filter(pk__in=chunk)
        if source.mission == "pk":
            owners = {pk: pk for pk in public.values_list("pk", flat=True)}
        elif source.mission:
            owners = dict(public.values_list("pk", source.mission))
        else:
            owners = dict.fromkeys(public.values_list("pk", flat=True))
        found = sorted(owners)
        texts = build_texts(source, found)
        SearchEntry.objects.bulk_create(
            SearchEntry(
                kind=source.kind,
                object_id=pk,
                mission_id=owners.get(pk),
                **texts[pk],
                **writer.entry_fields(texts[pk]),
            )
            for pk in found
        )


def ancestors(organization_ids):
    """The organizations' parents up to three levels (public through their children)."""
    lookups = ("parent", "parent__parent", "parent__parent__parent")
    rows = Organization.objects.filter(pk__in=organization_ids).values_list(*lookups)
    return {pk for row in rows for pk in row if pk}


def named_by(mission_ids):
    """(people, organizations) the missions name: whose visibility the missions decide."""
    people, organizations = set(), set()
    for chunk in chunks(sorted(mission_ids)):
        people |= records_named(chunk, Person)
        people |= set(
            Mission.objects.filter(pk__in=chunk, visits__observers__isnull=False).values_list(
                "visits__observers", flat=True
            )
        )
        organizations |= records_named(chunk, Organization)
        organizations |= set(
            Mission.objects.filter(pk__in=chunk, election__body__isnull=False).values_list(
                "election__body", flat=True
            )
        )
    return people, organizations


@transaction.atomic
def search_index_update(*, missions=(), people=(), organizations=()):
    """Bring the entries of these records, and of everything their visibility decides, up to
    date with the database."""
    mission_ids = pks(missions)
    named_people, named_organizations = named_by(mission_ids)
    people_ids = pks(people) | named_people
    organization_ids = pks(organizations) | named_organizations
    organization_ids |= ancestors(organization_ids)
    documents = set()
    for chunk in chunks(sorted(mission_ids)):
        documents |= set(Document.objects.filter(mission__in=chunk).values_list("pk", flat=True))
        documents |= set(
            SearchEntry.objects.filter(kind=DOCUMENT.kind, mission__in=chunk).values_list(
                "object_id", flat=True
            )
        )
    refresh(MISSION, mission_ids)
    refresh(DOCUMENT, documents)
    refresh(PERSON, people_ids)
    refresh(ORGANIZATION, organization_ids)


def search_affected(model, records):
    """What to pass to `search_index_update` after a write to these records of any model of
    the app: the missions whose text names them, and the records themselves if searchable.
    Call it before a delete, while the relations still exist."""
    ids = pks(records)
    missions = pks(missions_naming(model, ids))
    people, organizations = named_by(missions)
    if model is Person:
        people |= ids
    if model is Organization:
        organizations |= ids
    return {"missions": missions, "people": people, "organizations": organizations}


def merged(*affected):
    """One `search_index_update` argument set from several."""
    keys = ("missions", "people", "organizations")
    return {key: set().union(*(found.get(key, set()) for found in affected)) for key in keys}


def search_index_changed(model, records):
    """After saving these records of `model`: update what names them."""
    search_index_update(**search_affected(model, records))


def search_index_imported(report):
    """After an import run (`ImportReport`): the missions it changed, and missions naming a
    shared record (person, organization, election, region) the run changed."""
    from missions.interchange.report import UPDATED

    documents = [document for document in report.documents if document.tally.changed()]
    if not documents:
        return  # an unchanged re-import writes nothing, the index included
    slugs = [document.mission for document in documents]
    missions = pks(Mission.objects.filter(slug__in=slugs))
    people, organizations = set(), set()
    changed = {}
    for document in documents:
        for (model, pk), action in document.tally.seen.items():
            if action == UPDATED and model in SHARED:
                changed.setdefault(model, set()).add(pk)
    for model, ids in changed.items():
        affected = search_affected(model, ids)
        missions |= affected["missions"]
        people |= affected.get("people", set())
        organizations |= affected.get("organizations", set())
    search_index_update(missions=missions, people=people, organizations=organizations)


@transaction.atomic
def search_index_rebuild():
    """Every entry anew from the database; returns the number of entries."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(SearchEntry._meta.db_table)}")
    for source in (MISSION, DOCUMENT, PERSON, ORGANIZATION):
        refresh(source, source.model.objects.values_list("pk", flat=True))
    engine().rebuild()
    return SearchEntry.objects.count()
