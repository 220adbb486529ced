"""A meeting and its counterparts (`meetings[]`): import and export."""

from functools import partial

from django.db.models import F, Prefetch

from missions.models import Meeting, MeetingCounterpart

from ..fields import both, compact, day, iso, translated

MODEL = Meeting
KEY = "meetings"
INNER = ("counterparts",)
BLOCKS = ("summary", "summary_ru")


def for_export(mission):
    counterparts = MeetingCounterpart.objects.select_related("person").order_by("order", "id")
    return (
        mission.meetings.select_related("host", "led_by")
        .prefetch_related(Prefetch("counterparts", queryset=counterparts))
        .order_by(F("date").asc(nulls_last=True), "order", "id")
    )


def to_entry(meeting, used):
    return compact(
        {
            "date": iso(meeting.date),
            "kind": meeting.kind,
            **translated(meeting, "place"),
            "host": used.organization(meeting.host),
            "counterparts": [counterpart_entry(c, used) for c in meeting.counterparts.all()],
            "led_by": used.person(meeting.led_by),
            **translated(meeting, "summary"),
        }
    )


def counterpart_entry(counterpart, used):
    return compact(
        {"person": used.person(counterpart.person), **translated(counterpart, "position")}
    )


def values(run, entry, mission):
    return {
        "mission": mission,
        "date": day(entry["date"]) if "date" in entry else None,
        "kind": entry.get("kind", Meeting.Kind.MEETING),
        **both(entry, "place"),
        "host_id": run.organization_id(entry.get("host")),
        "led_by_id": run.person_id(entry.get("led_by")),
        **both(entry, "summary"),
    }


def counterpart_values(run, entry, meeting):
    return {
        "meeting": meeting,
        "person_id": run.person_id(entry["person"]),
        **both(entry, "position"),
    }


def sync_children(run, meeting, entry, path):
    values_of = partial(counterpart_values, run, meeting=meeting)
    run.sync_people(MeetingCounterpart, meeting, "counterparts", entry, path, values_of)
