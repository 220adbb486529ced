"""A statement or report the mission issued (`documents[]`, models.Document): import and
export."""

from missions.models import Document

from ..fields import both, compact, day, joined, lines, translated

MODEL = Document
KEY = "documents"
INNER = ()
BLOCKS = ("body", "body_ru")


def for_export(mission):
    return mission.documents.order_by("date", "order", "id")


def to_entry(document, used):
    return compact(
        {
            "kind": document.kind,
            "date": document.date.isoformat(),
            **translated(document, "title"),
            "findings": lines(document.findings_en or ""),
            "findings_ru": lines(document.findings_ru or ""),
            **translated(document, "body"),
            "language": document.language,
        }
    )


def values(run, entry, mission):
    return {
        "mission": mission,
        "kind": entry["kind"],
        "date": day(entry["date"]),
        **both(entry, "title"),
        "findings_en": joined(entry, "findings"),
        "findings_ru": joined(entry, "findings_ru"),
        **both(entry, "body"),
        "language": entry.get("language", "en"),
    }
