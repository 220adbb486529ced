"""Where a mission's facts come from (`mission.sources[]`): import and export. A source's
title is written as printed, in its own language, and not translated."""

from missions.models import MissionSource

from ..fields import compact, day, iso, text

MODEL = MissionSource
KEY = "sources"
UNDER = ("mission",)
INNER = ()


def for_export(mission):
    return mission.sources.order_by("order", "id")


def to_entry(source, used):
    return compact(
        {
            "url": source.url,
            "title": source.title,
            "publisher": source.publisher,
            "date": iso(source.date),
            "language": source.language,
        }
    )


def values(run, entry, mission):
    return {
        "mission": mission,
        "url": entry["url"],
        "title": text(entry["title"]),
        "publisher": text(entry.get("publisher")),
        "date": day(entry["date"]) if "date" in entry else None,
        "language": entry.get("language", ""),
    }
