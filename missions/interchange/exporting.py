"""Writing a mission as a mission document: the contract's key order, optional empty
fields left out, only the organizations and people the mission uses. Each entity's entry
is made by its module in `entities/`; the text by `writing.py`."""

from django.db.models import prefetch_related_objects

from missions.models import Mission

from .entities import (
    IN_DOCUMENT_ORDER,
    delegation,
    document,
    election,
    meeting,
    mission,
    organization,
    partner,
    person,
    phase,
    source,
    visit,
)
from .writing import dump_json, dump_yaml

__all__ = ["FORMAT", "dump_json", "dump_yaml", "mission_to_document"]

FORMAT = "mission/2"
PARTS = [partner, phase, source, delegation, meeting, visit, document]


def mission_to_document(record):
    """Return the mission document (a plain dict) for one mission."""
    record = (
        Mission.objects.select_related(
            "election__country", "election__body", "observer_body", "coordinator", "figures"
        )
        .prefetch_related(*(f"election__{name}" for name in election.for_export()))
        .get(pk=record.pk)
    )
    stored = {part: list(part.for_export(record)) for part in PARTS}

    used = Used()
    under = {p.KEY: (p, stored.pop(p)) for p in PARTS if getattr(p, "UNDER", ())}
    entries = {"format": FORMAT, mission.KEY: mission.to_entry(record, used, under)}
    for part, records in stored.items():
        entries[part.KEY] = [part.to_entry(r, used) for r in records]
    # The countries of everyone the mission names, in two queries instead of one per person.
    prefetch_related_objects(list(used.people.values()), "country")
    prefetch_related_objects(list(used.organizations.values()), "country")
    prefetch_related_objects(list(used.organizations.values()), "memberships__country")
    entries[organization.KEY] = [organization.to_entry(o) for o in used.organizations.values()]
    entries[person.KEY] = [person.to_entry(p) for p in used.people.values()]
    order = ["format", *(entity.KEY for entity in IN_DOCUMENT_ORDER)]
    return {key: entries[key] for key in order if entries.get(key)}


def mission_files(record):
    """{path the document names: stored file} of a mission's document files."""
    used = Used()
    for stored in document.for_export(record):
        for found in stored.files.all():
            document.file_entry(found, stored, used)
    return used.files


class Used:
    """The organizations (with their parents) and people a mission refers to, in order of use."""

    def __init__(self):
        self.organizations = {}
        self.people = {}
        self.files = {}  # the path a document names: the stored file, written beside it

    def organization(self, organization):
        """Note an organization and its parents; return its slug (None for none)."""
        chain, found = [], organization
        while found is not None and found.slug not in self.organizations:
            chain.append(found)
            found = found.parent
        for ancestor in reversed(chain):
            self.organizations[ancestor.slug] = ancestor
        return organization.slug if organization else None

    def person(self, person):
        if person is None:
            return None
        self.people.setdefault(person.slug, person)
        return person.slug
