"""Writing mission documents into the database: check everything, then upsert in one
transaction. Natural keys only; children are updated in place, created or deleted.

The orchestration lives here; each entity's mapping in `entities/`, the writes in `sync.py`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from missions import publishing
from missions.models import Assessment, DocumentFile, Mission, Recommendation
from missions.models.stored_files import delete_unused_files
from missions.public_flags import batched_flags
from missions.search.index import search_index_imported

from . import entities as e
from .known import KnownRecords, SharedLookups
from .loading import load_source
from .problems import DocumentError
from .report import CREATED, UNCHANGED, DocumentReport, ImportReport
from .rules import check_across, check_document
from .sync import Abort, Sync, apply


def check_may_import(user, document):
    """Whether `user` may import `document`: see `missions.publishing.check_may_import`."""
    mission = document["mission"]
    publishing.check_may_import(user, mission["slug"], mission.get("status", Mission.Status.DRAFT))


def import_sources(sources, *, dry_run=False, user=None, progress=None, update_shared=False):
    """Validate and import every source in one transaction; return an ImportReport.

    Raise DocumentError with every problem if any source is invalid; then nothing is written.
    `progress(index, total, source_name)` is called before each document is imported.
    `update_shared` applies differing values to shared records other missions use.
    """
    if dry_run or user is None:  # recorded in history in a staff member's name only
        return write_sources(sources, dry_run, user, progress, update_shared)
    with publishing.recorded(user, _("Imported from a mission document.")):
        return write_sources(sources, dry_run, user, progress, update_shared)


def write_sources(sources, dry_run, user, progress, update_shared):
    """The run in its transaction; the files it wrote to the storage go again if nothing of
    it is kept (a problem, an error, a dry run)."""
    files_written = []
    try:
        with transaction.atomic(), batched_flags():
            report = write_all(sources, dry_run, user, progress, update_shared, files_written)
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        delete_unused_files(files_written)
        raise
    if dry_run:
        delete_unused_files(files_written)
    return report


def write_all(sources, dry_run, user, progress, update_shared, files_written):
    """Read, check and write every source; raise DocumentError if any has a problem."""
    documents = assessed_first(read_and_check(sources))
    folders = folders_of(sources, documents)
    report = ImportReport(dry_run=dry_run)
    problems = []
    known = KnownRecords([document for document, _problems in documents])
    for index, (document, source_problems) in enumerate(documents, start=1):
        if progress:
            progress(index, len(documents), source_problems.source)
        check_may_import(user, document)
        importer = DocumentImporter(document, source_problems, user, known)
        importer.update_shared = update_shared
        importer.folder = folders.get(id(document))
        importer.files_written = files_written
        importer.run()
        problems.extend(source_problems.items)
        report.documents.append(
            DocumentReport(
                source_problems.source,
                document["mission"]["slug"],
                importer.tally,
                importer.shared_changes,
            )
        )
    if problems:
        raise DocumentError(problems)
    search_index_imported(report)  # bulk_create sends no signals: the index is told here
    return report


def assessed_first(documents):
    """The run's documents in their order, except that a mission whose recommendations another
    document of the run assesses is written before it (a loop keeps the given order)."""
    in_run = {document["mission"]["slug"] for document, _problems in documents}

    def needs(document):
        return {
            assessment["mission"]
            for entry in document.get("documents", [])
            for assessment in entry.get("assessments", [])
        } & in_run - {document["mission"]["slug"]}

    ordered, placed, waiting = [], set(), list(documents)
    while waiting:
        ready = [item for item in waiting if needs(item[0]) <= placed] or waiting[:1]
        item = ready[0]
        ordered.append(item)
        placed.add(item[0]["mission"]["slug"])
        waiting.remove(item)
    return ordered


def folders_of(sources, documents):
    """{id(document): the folder its files are read from}, in the order both were read."""
    by_name = {source.name: getattr(source, "folder", None) for source in sources}
    return {id(document): by_name.get(problems.source) for document, problems in documents}


def read_and_check(sources):
    """Parse and check every source; return [(document, ProblemList)] or raise DocumentError."""
    documents, problems = [], []
    for source in sources:
        document, source_problems = load_source(source)
        if document is not None:
            check_document(document, source_problems)
            if not source_problems:
                documents.append((document, source_problems))
        problems.extend(source_problems.items)
    for source_problems, path, message in check_across(documents):
        source_problems.add(path, message)
        problems.extend(source_problems.items[-1:])
    if problems:
        raise DocumentError(problems)
    return documents


class DocumentImporter(SharedLookups, Sync):
    """Upserts one checked document, counting what it created, updated, deleted or kept."""

    def __init__(self, document, problems, user, known=None):
        super().__init__(problems)
        self.doc = document
        self.user = user
        self.new_mission = False
        self.known = known or KnownRecords([document])
        self.countries_used = set()
        self.mission_slug = document["mission"]["slug"]
        self.folder = None
        self.files_written = []  # storage names of the files written, see write_pending()
        self.rounds = {}  # election pk: {number: round}
        self.main_election = None

    def run(self):
        try:
            self.import_everything()
        except Abort:
            pass

    def import_everything(self):
        e.organization.sync(self)
        e.person.sync(self)
        self.main_election = e.election.sync(self)
        others = e.election.sync_also_observed(self)
        mission = e.mission.sync(self, self.main_election)
        e.mission.sync_also_observed(self, mission, others)
        e.mission.sync_figures(self, mission)
        # Partners before delegations (which may name one), their heads after the members.
        e.partner.sync(self, mission)
        for part in (e.phase, e.source):
            self.sync_part(part, mission)
        e.delegation.sync(self, mission)
        for part in (e.meeting, e.visit, e.document):
            self.sync_part(part, mission)
        self.write_pending()
        e.partner.sync_heads(self, mission)
        self.finish_mission(mission)

    def write_pending(self):
        """Write the new rows, noting the storage name of each file written (even if the
        write fails halfway) so that a run kept by nothing deletes them."""
        files = list(self.pending.rows.get(DocumentFile, []))
        try:
            super().write_pending()
        finally:
            self.files_written.extend(f.file.name for f in files if f.file._committed)

    def delete(self, obj):
        """Delete obj; a recommendation another mission assesses is a problem, not an error."""
        try:
            super().delete(obj)
        except ProtectedError as error:
            assessing = sorted(
                {
                    a.document.mission.slug
                    for a in error.protected_objects
                    if isinstance(a, Assessment)
                }
            )
            if not assessing:
                raise  # protected by something else: the caller says what
            self.problems.add(
                [type(obj)._meta.model_name],
                _("%(record)s is assessed by the mission %(missions)s and cannot be removed")
                % {"record": obj, "missions": ", ".join(assessing)},
            )
            raise Abort from None

    # The mission

    def touch(self, mission, values):
        """Save the mission if it is new or `values` change it, in the importing user's name."""
        created = mission.pk is None
        if apply(mission, values) or created:
            self.stamp_updated(mission)
            self.save(mission, ["mission"], created=created)

    def finish_mission(self, mission):
        """Set the coordinator and publication stamp; touch the mission if anything changed."""
        values = {"coordinator_id": self.person_id(self.doc["mission"].get("coordinator"))}
        # Only a published mission carries a stamp, so the stamp says whether it was one.
        was_published = mission.published_at is not None
        values |= publishing.publication_stamp(mission, self.user, was_published=was_published)
        changed = apply(mission, values)
        if changed or (self.tally.changed() and not self.saved(mission)):
            self.stamp_updated(mission)
            self.save(mission, ["mission"], created=self.saved(mission) == CREATED)
        elif not self.saved(mission):
            self.tally.record(mission, UNCHANGED)

    def saved(self, mission):
        return self.tally.seen.get((Mission, mission.pk))

    def created(self, obj):
        return self.tally.seen.get((type(obj), obj.pk)) == CREATED

    def stamp_updated(self, mission):
        if self.user is not None:
            mission.updated_by = self.user

    def sync_part(self, entity, mission):
        """Sync an entity's list in the document with the mission's stored records, by
        position. The entity gives MODEL, KEY (the list's key and the mission's related name),
        UNDER (the keys the list is nested in, default none), INNER (children to prefetch),
        values() and, if it has children, sync_children()."""
        children = getattr(entity, "sync_children", None)
        under = list(getattr(entity, "UNDER", ()))
        entries = self.doc
        for key in under:
            entries = entries[key]
        self.sync_by_position(
            entity.MODEL,
            self.stored(mission, entity.KEY, *entity.INNER),
            entries.get(entity.KEY, []),
            [*under, entity.KEY],
            values_of=lambda entry: entity.values(self, entry, mission),
            then=children and (lambda obj, entry, path: children(self, obj, entry, path)),
        )

    def sync_people(self, model, parent, name, entry, path, values_of):
        """Sync the list `name` of people in `entry` with parent's stored `name`, by person."""
        keys = (lambda obj: obj.person_id, lambda e: self.person_id(e["person"]))
        entries = entry.get(name, [])
        children = self.children(parent, name)
        self.sync_by_key(model, children, entries, path + [name], keys, values_of)

    def stored(self, mission, name, *inner):
        """The mission's stored children `name` with their own children `inner`, in two queries;
        nothing to read for a mission this run created."""
        if self.new_mission:
            return []
        return getattr(mission, name).prefetch_related(*inner)

    # Rounds and recommendations the document names

    def round(self, number, path):
        """The main election's round `number`, or None with a problem at `path`."""
        found = self.rounds.get(self.main_election.pk, {}).get(number)
        if found is None:
            self.problems.add(path, _("the election has no round %(number)d") % {"number": number})
        return found

    def round_id(self, number, path):
        if number is None:
            return None
        found = self.round(number, path)
        return found.pk if found else None

    def check_rounds(self, document, rounds, path):
        try:
            document.check_rounds(rounds)
        except ValidationError as error:
            for message in error.message_dict["rounds"]:
                self.problems.add(path + ["round"], message)

    def recommendation(self, mission_slug, number, path):
        """An earlier mission's recommendation, stored or written earlier in this run."""
        found = Recommendation.objects.filter(mission__slug=mission_slug, number=number).first()
        if found is None:
            self.problems.add(
                path + ["assessments"],
                _("no recommendation %(number)d of the mission %(mission)s")
                % {"number": number, "mission": mission_slug},
            )
            raise Abort
        return found

    def create(self, model, values, path):
        """A new child; the person it names is set from the run's records, so that its
        revision serializes it without reading the person again."""
        obj = super().create(model, values, path)
        if getattr(obj, "person_id", None) is not None:
            people = {person.pk: person for person in self.known.people.values()}
            if obj.person_id in people:
                obj.person = people[obj.person_id]
        return obj
