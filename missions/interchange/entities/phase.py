"""A long-term or short-term phase of a mission (`mission.phases[]`): import and export."""

from missions.models import MissionPhase

from ..fields import compact, day

MODEL = MissionPhase
KEY = "phases"
UNDER = ("mission",)
INNER = ()


def for_export(mission):
    return mission.phases.order_by("order", "id")


def to_entry(phase, used):
    return compact(
        {"kind": phase.kind, "starts": phase.starts.isoformat(), "ends": phase.ends.isoformat()}
    )


def values(run, entry, mission):
    return {
        "mission": mission,
        "kind": entry["kind"],
        "starts": day(entry["starts"]),
        "ends": day(entry["ends"]),
    }
