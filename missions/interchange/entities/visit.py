"""A visit, its region and its observers (`visits[]`): import and export."""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from missions.models import Person, Region, Visit
from missions.models.visits import order_stages

from ..fields import both, compact, day, number, text, translated
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
            "region_lat": number(visit.region.latitude),
            "region_lon": number(visit.region.longitude),
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
    """The shared region a visit went to; what the entry leaves out (region_ru, region_kind,
    region_lat and region_lon) keeps its stored value."""
    name = text(entry["region"])
    values = {"kind": entry["region_kind"]} if "region_kind" in entry else {}
    if "region_ru" in entry:
        values["name_ru"] = text(entry["region_ru"])
    path = [KEY, position(run, entry)]
    if "region_lat" in entry:  # the schema asks for both or neither
        values |= {
            "latitude": degrees(entry["region_lat"]),
            "longitude": degrees(entry["region_lon"]),
        }
        placed_alike(run, entry, path)
    lookup = {"country": country, "name": name}
    key = (country.pk, name)
    return run.upsert(run.known.regions, key, Region, values, [*path, "region"], lookup=lookup)


def position(run, entry):
    """The entry's index in the document's visits (the entries themselves, not equal ones)."""
    return next(i for i, item in enumerate(run.doc[KEY]) if item is entry)


def degrees(value):
    """A latitude or longitude as the document writes it (49.8, not 49.799999...)."""
    return Decimal(str(value))


def placed_alike(run, entry, path):
    """A problem if an earlier visit of the document puts the same region elsewhere: the
    region has one position, which the last visit would otherwise silently set."""
    for earlier in run.doc[KEY][: path[-1]]:
        same = (earlier["region"], earlier.get("country")) == (
            entry["region"],
            entry.get("country"),
        )
        if same and "region_lat" in earlier:
            where = (degrees(earlier["region_lat"]), degrees(earlier["region_lon"]))
            if where != (degrees(entry["region_lat"]), degrees(entry["region_lon"])):
                run.problems.add(
                    path + ["region_lat"],
                    _("%(region)s is at %(lat)s, %(lon)s in an earlier visit")
                    % {"region": entry["region"], "lat": where[0], "lon": where[1]},
                )
            return


def sync_children(run, visit, entry, path):
    """The observers of a visit; a new visit's are linked when it is written."""
    wanted = {run.person_id(slug) for slug in entry.get("observers", [])}
    if visit.pk is None:
        run.pending.link(visit, "observers", wanted)
    elif {person.pk for person in visit.observers.all()} != wanted:
        visit.observers.set(wanted)
        run.tally.record(visit, UPDATED)
