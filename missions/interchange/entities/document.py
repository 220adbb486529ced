"""A statement or report the mission issued (`documents[]`, models.Document), with its files,
recommendations and assessments: import and export."""

from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from missions.models import (
    Assessment,
    Document,
    DocumentFile,
    ElectionRound,
    Organization,
    Recommendation,
)
from missions.models.publications import FILE_KINDS, MAX_FILE_SIZE

from ..fields import both, compact, day, joined, lines, translated
from ..report import UPDATED

MODEL = Document
KEY = "documents"
INNER = ("rounds", "co_issuers", "files", "recommendations", "assessments")
BLOCKS = ("body", "body_ru")


def for_export(mission):
    return (
        mission.documents.select_related("issuer")
        .prefetch_related(
            Prefetch("rounds", queryset=ElectionRound.objects.order_by("number")),
            Prefetch("co_issuers", queryset=Organization.objects.order_by("slug")),
            Prefetch("files", queryset=DocumentFile.objects.order_by("order", "id")),
            "recommendations",
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("recommendation__mission").order_by(
                    "order", "id"
                ),
            ),
        )
        .order_by("date", "order", "id")
    )


def to_entry(document, used):
    rounds = [r.number for r in document.rounds.all()]
    issuer = document.issuer if document.issuer_id != document.mission.observer_body_id else None
    return compact(
        {
            "kind": document.kind,
            "date": document.date.isoformat(),
            "round": rounds[0] if len(rounds) == 1 else rounds,
            **translated(document, "title"),
            "issuer": used.organization(issuer),
            "co_issuers": [used.organization(o) for o in document.co_issuers.all()],
            "url": document.url,
            "files": [file_entry(f, document, used) for f in document.files.all()],
            "findings": lines(document.findings_en or ""),
            "findings_ru": lines(document.findings_ru or ""),
            **translated(document, "body"),
            "language": document.language,
            "recommendations": [
                recommendation_entry(r)
                for r in sorted(document.recommendations.all(), key=lambda r: r.number)
            ],
            "assessments": [assessment_entry(a) for a in document.assessments.all()],
        }
    )


def file_entry(stored, document, used):
    """A file as the export names it, beside the document under <mission slug>/."""
    path = f"{document.mission.slug}/{stored.filename}"
    used.files[path] = stored.file
    return compact({"path": path, "language": stored.language, **translated(stored, "title")})


def recommendation_entry(recommendation):
    return compact(
        {
            "number": recommendation.number,
            **translated(recommendation, "text"),
            "topic": recommendation.topic,
            **translated(recommendation, "addressee"),
            "priority": recommendation.priority or None,
        }
    )


def assessment_entry(assessment):
    return compact(
        {
            "mission": assessment.recommendation.mission.slug,
            "number": assessment.recommendation.number,
            "status": assessment.status,
            **translated(assessment, "note"),
        }
    )


def values(run, entry, mission):
    return {
        "mission": mission,
        "kind": entry["kind"],
        "date": day(entry["date"]),
        **both(entry, "title"),
        "issuer_id": run.organization_id(entry.get("issuer", run.doc["mission"]["observer_body"])),
        "url": entry.get("url", ""),
        "findings_en": joined(entry, "findings"),
        "findings_ru": joined(entry, "findings_ru"),
        **both(entry, "body"),
        "language": entry.get("language", "en"),
    }


def sync_children(run, document, entry, path):
    """Rounds, co-issuers, files, recommendations and assessments of one document."""
    round_numbers = entry.get("round", [])
    round_numbers = [round_numbers] if isinstance(round_numbers, int) else round_numbers
    rounds = [run.round(n, path + ["round"]) for n in round_numbers]
    rounds = [r for r in rounds if r is not None]
    run.check_rounds(document, rounds, path)
    co_issuers = [run.organization_id(slug) for slug in entry.get("co_issuers", [])]
    link(run, document, "rounds", {r.pk for r in rounds})
    link(run, document, "co_issuers", set(co_issuers))
    sync_files(run, document, entry.get("files", []), path + ["files"])
    sync_recommendations(run, document, entry.get("recommendations", []), path)
    run.sync_by_position(
        Assessment,
        run.children(document, "assessments"),
        entry.get("assessments", []),
        path + ["assessments"],
        values_of=lambda e: assessment_values(run, e, document, path),
    )


def link(run, document, name, wanted):
    if document.pk is None:
        if wanted:
            run.pending.link(document, name, wanted)
    elif {o.pk for o in getattr(document, name).all()} != wanted:
        getattr(document, name).set(wanted)
        run.tally.record(document, UPDATED)


def sync_recommendations(run, document, entries, path):
    """Recommendations by their number (they have no position of their own)."""
    stored = {r.number: r for r in run.children(document, "recommendations")}
    wanted = {e["number"] for e in entries}
    for number, found in stored.items():
        if number not in wanted:
            run.delete(found)
    for j, item in enumerate(entries):
        values = recommendation_values(item, document)
        where = path + ["recommendations", j]
        if item["number"] in stored:
            run.update(stored[item["number"]], values, where)
        else:
            run.create(Recommendation, values, where)


def recommendation_values(entry, document):
    # bulk_create skips save(), which copies the document's mission: set it here.
    return {
        "document": document,
        "mission": document.mission,
        "number": entry["number"],
        **both(entry, "text"),
        "topic": entry.get("topic", ""),
        **both(entry, "addressee"),
        "priority": entry.get("priority", False),
    }


def assessment_values(run, entry, document, path):
    return {
        "document": document,
        "recommendation": run.recommendation(entry["mission"], entry["number"], path),
        "status": entry["status"],
        **both(entry, "note"),
    }


def sync_files(run, document, entries, path):
    """The files listed, read relative to the document; an unchanged file is kept."""
    stored = list(run.children(document, "files"))
    for i, entry in enumerate(entries):
        content = read_file(run, entry["path"], path + [i, "path"])
        if content is None:
            continue
        name = entry["path"].replace("\\", "/").rsplit("/", 1)[-1]
        values = {
            "language": entry.get("language", ""),
            **both(entry, "title"),
            "order": i,
        }
        found = stored[i] if i < len(stored) else None
        if found is not None and found.filename == name and same_content(found, content):
            run.update(found, values, path + [i])
            continue
        if found is not None:
            run.delete(found)
        upload = ContentFile(content, name=name)
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        run.create(
            DocumentFile,
            {
                "document": document,
                "file": upload,
                "size": len(content),
                "media_type": FILE_KINDS.get(extension, "application/octet-stream"),
                **values,
            },
            path + [i],
        )
    for found in stored[len(entries) :]:
        run.delete(found)


def read_file(run, relative, path):
    """The bytes of a file a document names, relative to its folder; None and a problem
    if it is missing, outside the folder or over the limit."""
    values = {"path": relative}
    if run.folder is None:
        run.problems.add(
            path, _("%(path)s: files can only be read beside a document file") % values
        )
        return None
    folder = run.folder.resolve()
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder):
        run.problems.add(path, _("%(path)s is outside the document's folder") % values)
        return None
    if not target.is_file():
        run.problems.add(path, _("no file %(path)s beside the document") % values)
        return None
    size = target.stat().st_size
    if size > MAX_FILE_SIZE:
        run.problems.add(
            path,
            _("%(path)s is %(size).1f MB; a file may be at most 20 MB")
            % {"path": relative, "size": size / 1024 / 1024},
        )
        return None
    return target.read_bytes()


def same_content(stored, content):
    if stored.size != len(content):
        return False
    with stored.file.open("rb") as handle:
        return handle.read() == content
