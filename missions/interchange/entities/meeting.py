"""A meeting and its counterparts (`meetings[]`): import and export."""

from django.db.models import Prefetch

from missions.models import Meeting, MeetingCounterpart

from ..fields import both, compact, day, translated

KEY = "meetings"
BLOCKS = ("summary", "summary_ru")


def for_export(mission):
    counterparts = MeetingCounterpart.objects.select_related("person").order_by("order", "id")
    return (
        mission.meetings.select_related("host", "led_by")
        .prefetch_related(Prefetch("counterparts", queryset=counterparts))
        .order_by("date", "order", "id")
    )


def to_entry(meeting, used):
    return compact(
        {
            "date": meeting.date.isoformat(),
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
        "date": day(entry["date"]),
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


def sync(run, mission):
    run.sync_by_position(
        Meeting,
        run.stored(mission, KEY, "counterparts"),
        run.doc.get(KEY, []),
        [KEY],
        values_of=lambda e: values(run, e, mission),
        then=lambda meeting, entry, path: sync_counterparts(run, meeting, entry, path),
    )


def sync_counterparts(run, meeting, entry, path):
    run.sync_by_key(
        MeetingCounterpart,
        run.children(meeting, "counterparts"),
        entry.get("counterparts", []),
        path + ["counterparts"],
        keys=(lambda c: c.person_id, lambda e: run.person_id(e["person"])),
        values_of=lambda e: counterpart_values(run, e, meeting),
    )
