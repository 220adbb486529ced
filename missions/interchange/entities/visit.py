"""A visit, its region and its observers (`visits[]`): import and export."""

from django.db.models import Prefetch

from missions.models import Person, Region, Visit
from missions.models.visits import order_stages

from ..fields import both, compact, day, text, translated
from ..report import UPDATED

MODEL = Visit
KEY = "visits"
INNER = ("observers",)
BLOCKS = ("notes", "notes_ru")
FLOW = ("stages",)


def for_export(mission):
    observers = Person.objects.order_by("name", "slug")
    return (
        mission.visits.select_related("region", "country", "round")
        .prefetch_related(Prefetch("observers", queryset=observers))
        .order_by("date", "order", "id")
    )


def to_entry(visit, used):
    return compact(
        {
            "date": visit.date.isoformat(),
            "region": visit.region.name,
            "country": visit.country.code if visit.country else None,
            "region_ru": visit.region.name_ru,
            "region_kind": visit.region.kind,
            "stages": list(visit.stages),
            "observers": [used.person(p) for p in visit.observers.all()],
            "round": visit.round.number if visit.round else None,
            "stations_visited": visit.stations_visited,
            **translated(visit, "notes"),
        }
    )


def values(run, entry, mission):
    abroad = run.country(entry["country"]) if "country" in entry else None
    return {
        "mission": mission,
        "date": day(entry["date"]),
        "region": region(run, abroad or mission.election.country, entry),
        "country": abroad,
        "round_id": run.round_id(entry.get("round"), [KEY, "round"]),
        # As the field stores them, so that an unchanged visit compares equal.
        "stages": order_stages(entry.get("stages", [])),
        "stations_visited": entry.get("stations_visited"),
        **both(entry, "notes"),
    }


def region(run, country, entry):
    """The shared region a visit went to; a document without region_ru keeps the name."""
    name = text(entry["region"])
    values = {"kind": entry["region_kind"]} if "region_kind" in entry else {}
    if "region_ru" in entry:
        values["name_ru"] = text(entry["region_ru"])
    lookup = {"country": country, "name": name}
    return run.upsert(run.known.regions, (country.pk, name), Region, values, [KEY], lookup=lookup)


def sync_children(run, visit, entry, path):
    """The observers of a visit; a new visit's are linked when it is written."""
    wanted = {run.person_id(slug) for slug in entry.get("observers", [])}
    if visit.pk is None:
        run.pending.link(visit, "observers", wanted)
    elif {person.pk for person in visit.observers.all()} != wanted:
        visit.observers.set(wanted)
        run.tally.record(visit, UPDATED)
