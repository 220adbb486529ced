"""Writing mission documents into the database: validate everything, then upsert in one
transaction. Natural keys only; children are updated in place, created or deleted."""

import datetime

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from missions import publishing
from missions.cache import published_data_changed
from missions.models import (
    Country,
    Delegation,
    DelegationMember,
    Document,
    Election,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    Person,
    Region,
    Visit,
)
from missions.models.activities import order_stages

from .loading import load_source
from .problems import DocumentError
from .report import CREATED, UNCHANGED, UPDATED, DocumentReport, ImportReport, Tally
from .validation import DocumentChecker, check_across, check_document


def check_may_import(user, document):
    """Whether `user` may import `document`: see `missions.publishing.check_may_import`."""
    mission = document["mission"]
    publishing.check_may_import(user, mission["slug"], mission.get("status", Mission.Status.DRAFT))


def import_sources(sources, *, dry_run=False, user=None, progress=None):
    """Validate and import every source in one transaction; return an ImportReport.

    Raise DocumentError with every problem if any source is invalid; then nothing is written.
    `progress(index, total, source_name)` is called before each document is imported.
    """
    with transaction.atomic():
        documents = read_and_check(sources)
        report = ImportReport(dry_run=dry_run)
        problems = []
        known = KnownRecords([document for document, _problems in documents])
        for index, (document, source_problems) in enumerate(documents, start=1):
            if progress:
                progress(index, len(documents), source_problems.source)
            check_may_import(user, document)
            importer = DocumentImporter(document, source_problems, user, known)
            importer.run()
            problems.extend(source_problems.items)
            report.documents.append(
                DocumentReport(source_problems.source, document["mission"]["slug"], importer.tally)
            )
        if problems:
            raise DocumentError(problems)
        if dry_run:
            transaction.set_rollback(True)
    return report


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


def text(value):
    """Text as stored: Unix line ends, no surrounding whitespace."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def both(entry, key):
    """The English and Russian columns of a translated field from `key` and `key_ru`."""
    return {f"{key}_en": text(entry.get(key)), f"{key}_ru": text(entry.get(f"{key}_ru"))}


def findings(entry, key):
    return "\n".join(text(f) for f in entry.get(key, []))


def day(value):
    return datetime.date.fromisoformat(value)


def apply(obj, values):
    """Set values on obj; return True if any of them differs from what it had."""
    changed = False
    for name, value in values.items():
        current = getattr(obj, name)
        if current is None and value == "":
            continue  # an untranslated column (NULL) already says "no text"
        if current != value:
            setattr(obj, name, value)
            changed = True
    return changed


class KnownRecords:
    """The shared records every document of a run refers to, read in a few queries at the start
    and kept up to date as the run creates more: countries, organizations, people, regions,
    elections and missions, by natural key."""

    def __init__(self, documents):
        checkers = [DocumentChecker(document, None) for document in documents]
        organizations = {slug for c in checkers for _path, slug in c.organization_references()}
        organizations |= {o["slug"] for d in documents for o in d.get("organizations", [])}
        people = {slug for c in checkers for _path, slug in c.person_references()}
        people |= {p["slug"] for d in documents for p in d.get("people", [])}
        missions = [d["mission"] for d in documents]
        self.countries = {country.code: country for country in Country.objects.all()}
        self.organizations = Organization.objects.in_bulk(organizations, field_name="slug")
        self.people = Person.objects.in_bulk(people, field_name="slug")
        self.elections = Election.objects.in_bulk(
            {m["election"]["slug"] for m in missions}, field_name="slug"
        )
        self.missions = Mission.objects.in_bulk({m["slug"] for m in missions}, field_name="slug")
        hosts = {m["election"]["country"] for m in missions}
        self.regions = {
            (region.country_id, region.name): region
            for region in Region.objects.filter(country__code__in=hosts)
        }


def trusted_fields(obj):
    """Fields full_clean() need not check: relations (the importer sets them from records it
    holds, never from ids in a document) and the generated uid."""
    return [f.name for f in obj._meta.concrete_fields if f.is_relation or f.name == "uid"]


class Abort(Exception):
    """A record could not be saved; the problem is already recorded."""


class DocumentImporter:
    """Upserts one checked document, counting what it created, updated, deleted or kept."""

    def __init__(self, document, problems, user, known=None):
        self.doc = document
        self.problems = problems
        self.user = user
        self.tally = Tally()
        self.new_mission = False
        self.known = known or KnownRecords([document])
        self.countries = self.known.countries
        self.organizations = self.known.organizations
        self.people = self.known.people
        self.countries_used = set()
        self.pending = {}  # model: new children, written with bulk_create once validated
        self.pending_observers = []  # (visit, person ids) of new visits

    def run(self):
        try:
            self.import_everything()
        except Abort:
            pass

    def import_everything(self):
        self.import_organizations()
        self.import_people()
        election = self.import_election()
        mission = self.import_mission(election)
        self.import_delegations(mission)
        self.import_meetings(mission)
        self.import_visits(mission)
        self.import_documents(mission)
        self.create_pending()
        self.finish_mission(mission)

    # Saving and counting

    def validate(self, obj, path):
        """full_clean() but for relations and unique values: the importer resolved every
        reference to a record it holds, found every natural key of the run in one query
        (KnownRecords) and only creates what it did not find, and the document checks refuse
        a key given twice (a person twice in a delegation, a sender twice, a slug twice)."""
        try:
            obj.full_clean(exclude=trusted_fields(obj), validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                where = path if field == NON_FIELD_ERRORS else path + [field]
                for message in messages:
                    self.problems.add(where, message)
            raise Abort from None

    def save(self, obj, path, *, created):
        self.validate(obj, path)
        obj.save()
        self.tally.record(obj, CREATED if created else UPDATED)

    def upsert(self, known, model, lookup, values, path):
        """Create or update the record `known` holds under lookup's single value."""
        key = next(iter(lookup.values()))
        obj = known.get(key)
        if obj is None:
            obj = model(**lookup, **values)
            self.save(obj, path, created=True)
            known[key] = obj
        elif apply(obj, values):
            self.save(obj, path, created=False)
        else:
            self.tally.record(obj, UNCHANGED)
        return obj

    def update(self, obj, values, path):
        if apply(obj, values):
            self.save(obj, path, created=False)
        else:
            self.tally.record(obj, UNCHANGED)

    def delete(self, obj):
        _count, per_model = obj.delete()
        for label, count in per_model.items():
            model = next((m for m in self.kinds() if m._meta.label == label), None)
            if model is not None:
                self.tally.add_deleted(model, count)

    @staticmethod
    def kinds():
        return [Delegation, DelegationMember, Meeting, MeetingCounterpart, Visit, Document]

    def sync_by_position(self, model, existing, entries, path, values_of, then=None):
        """Match entries to existing children by position; delete the children left over."""
        existing = sorted(existing, key=lambda obj: (obj.order, obj.id))
        for i, entry in enumerate(entries):
            values = values_of(entry) | {"order": i}
            if i < len(existing):
                obj = existing[i]
                self.update(obj, values, path + [i])
            else:
                obj = self.create(model, values, path + [i])
            if then:
                then(obj, entry, path + [i])
        for obj in existing[len(entries) :]:
            self.delete(obj)

    def sync_by_key(
        self, model, existing, entries, path, key_of_record, key_of_entry, values_of, then
    ):
        """Match entries to existing children by a natural key; delete the unmatched ones."""
        stored = {key_of_record(obj): obj for obj in existing}
        wanted = [key_of_entry(entry) for entry in entries]
        for key, obj in stored.items():
            if key not in wanted:
                self.delete(obj)
        for i, entry in enumerate(entries):
            values = values_of(entry) | {"order": i}
            obj = stored.get(wanted[i])
            if obj is None:
                obj = self.create(model, values, path + [i])
            else:
                self.update(obj, values, path + [i])
            if then:
                then(obj, entry, path + [i])

    def create(self, model, values, path):
        """A new child, validated now and written by create_pending() with its siblings."""
        obj = model(**values)
        self.validate(obj, path)
        self.pending.setdefault(model, []).append(obj)
        return obj

    def create_pending(self):
        """Write the new children in bulk, parents first; bulk_create sets their ids."""
        for model in self.kinds():
            objs = self.pending.get(model, [])
            # bulk_create takes each parent's id from the parent written just before.
            model.objects.bulk_create(objs, batch_size=500)
            for obj in objs:
                self.tally.record(obj, CREATED)
            if model is Visit:
                self.create_pending_observers()
        if self.pending:
            published_data_changed()  # bulk_create sends no signals for the page cache
            self.add_pending_to_revision()
        self.pending = {}

    def add_pending_to_revision(self):
        """Record the new children in the import's revision, as their post_save would have."""
        if reversion.is_active():
            for objs in self.pending.values():
                for obj in objs:
                    reversion.add_to_revision(obj)

    def create_pending_observers(self):
        through = Visit.observers.through
        rows = [
            through(visit_id=visit.pk, person_id=person_id)
            for visit, people in self.pending_observers
            for person_id in people
        ]
        through.objects.bulk_create(rows, batch_size=500)
        self.pending_observers = []

    @staticmethod
    def is_new(obj):
        return obj.pk is None

    def children(self, parent, name):
        """A parent's stored children (prefetched), or none for a parent not yet written."""
        return [] if self.is_new(parent) else getattr(parent, name).all()

    # Countries, organizations, people

    def country(self, code):
        if code not in self.countries:
            self.countries[code] = Country.objects.get(code=code)
        if code not in self.countries_used:
            self.countries_used.add(code)
            self.tally.record(self.countries[code], UNCHANGED)
        return self.countries[code]

    def country_id(self, entry):
        return self.country(entry["country"]).pk if "country" in entry else None

    def import_organizations(self):
        entries = self.doc.get("organizations", [])
        for i, entry in enumerate(entries):
            values = {
                **both(entry, "name"),
                **both(entry, "short_name"),
                "country_id": self.country_id(entry),
                "kind": entry.get("kind", ""),
            }
            path = ["organizations", i]
            self.upsert(self.organizations, Organization, {"slug": entry["slug"]}, values, path)
        self.import_parents(entries)

    def import_parents(self, entries):
        """Set parents once every organization exists; clear changed ones first so that a
        reordered hierarchy never looks like a loop halfway through."""
        parents = {e["slug"]: self.organization_id(e.get("parent")) for e in entries}
        moving = [
            (i, e)
            for i, e in enumerate(entries)
            if self.organizations[e["slug"]].parent_id != parents[e["slug"]]
        ]
        for _i, entry in moving:
            organization = self.organizations[entry["slug"]]
            if organization.parent_id is not None:
                organization.parent_id = None
                organization.save(update_fields=["parent"])
        for i, entry in moving:
            organization = self.organizations[entry["slug"]]
            created = self.tally.seen.get((Organization, organization.pk)) == CREATED
            organization.parent_id = parents[entry["slug"]]
            self.save(organization, ["organizations", i], created=created)

    def organization_id(self, slug):
        if slug is None:
            return None
        if slug not in self.organizations:
            self.organizations[slug] = Organization.objects.get(slug=slug)
        return self.organizations[slug].pk

    def person_id(self, slug):
        if slug is None:
            return None
        if slug not in self.people:
            self.people[slug] = Person.objects.get(slug=slug)
        return self.people[slug].pk

    def import_people(self):
        for i, entry in enumerate(self.doc.get("people", [])):
            values = {
                "name": text(entry["name"]),
                "name_original": text(entry.get("name_original")),
                "country_id": self.country_id(entry),
            }
            self.upsert(self.people, Person, {"slug": entry["slug"]}, values, ["people", i])

    # Election and mission

    def import_election(self):
        entry = self.doc["mission"]["election"]
        values = {
            **both(entry, "name"),
            "country_id": self.country(entry["country"]).pk,
            "kind": entry["kind"],
            "voting_day": day(entry["voting_day"]),
            "body_id": self.organization_id(entry.get("body")),
        }
        return self.upsert(
            self.known.elections, Election, {"slug": entry["slug"]}, values, ["mission", "election"]
        )

    def mission_values(self, election):
        entry = self.doc["mission"]
        return {
            **both(entry, "title"),
            "election_id": election.pk,
            "observer_body_id": self.organization_id(entry["observer_body"]),
            "monitoring": entry["monitoring"],
            "starts": day(entry["starts"]),
            "ends": day(entry["ends"]),
            "status": entry.get("status", Mission.Status.DRAFT),
            **both(entry, "summary"),
        }

    def import_mission(self, election):
        """Save the mission without its coordinator, who must first be a delegation member."""
        slug = self.doc["mission"]["slug"]
        values = self.mission_values(election)
        mission = self.known.missions.get(slug)
        if mission is None:
            mission = Mission(slug=slug, created_by=self.user, updated_by=self.user, **values)
            self.save(mission, ["mission"], created=True)
            self.known.missions[slug] = mission
            self.new_mission = True
        elif apply(mission, values):
            self.stamp_updated(mission)
            self.save(mission, ["mission"], created=False)
        return mission

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

    def stamp_updated(self, mission):
        if self.user is not None:
            mission.updated_by = self.user

    # Delegations

    def import_delegations(self, mission):
        entries = self.doc.get("delegations", [])
        self.sync_by_key(
            Delegation,
            self.stored(mission, "delegations", "members"),
            entries,
            ["delegations"],
            key_of_record=lambda d: (d.country_id, d.organization_id),
            key_of_entry=lambda e: (
                self.country(e["country"]).pk if "country" in e else None,
                self.organization_id(e.get("organization")),
            ),
            values_of=lambda e: {
                "mission": mission,
                "country_id": self.country(e["country"]).pk if "country" in e else None,
                "organization_id": self.organization_id(e.get("organization")),
            },
            then=self.import_members,
        )

    def stored(self, mission, name, *inner):
        """The mission's stored children `name` with their own children `inner`, in two queries;
        nothing to read for a mission this run created."""
        if self.new_mission:
            return []
        return getattr(mission, name).prefetch_related(*inner)

    def import_members(self, delegation, entry, path):
        self.sync_by_key(
            DelegationMember,
            self.children(delegation, "members"),
            entry.get("members", []),
            path + ["members"],
            key_of_record=lambda m: m.person_id,
            key_of_entry=lambda e: self.person_id(e["person"]),
            values_of=lambda e: {
                "delegation": delegation,
                "person_id": self.person_id(e["person"]),
                "role": e.get("role", DelegationMember.Role.OBSERVER),
                **both(e, "position"),
            },
            then=None,
        )

    # Meetings, visits, documents

    def import_meetings(self, mission):
        self.sync_by_position(
            Meeting,
            self.stored(mission, "meetings", "counterparts"),
            self.doc.get("meetings", []),
            ["meetings"],
            values_of=lambda e: {
                "mission": mission,
                "date": day(e["date"]),
                "kind": e.get("kind", Meeting.Kind.MEETING),
                **both(e, "place"),
                "host_id": self.organization_id(e.get("host")),
                "led_by_id": self.person_id(e.get("led_by")),
                **both(e, "summary"),
            },
            then=self.import_counterparts,
        )

    def import_counterparts(self, meeting, entry, path):
        self.sync_by_key(
            MeetingCounterpart,
            self.children(meeting, "counterparts"),
            entry.get("counterparts", []),
            path + ["counterparts"],
            key_of_record=lambda c: c.person_id,
            key_of_entry=lambda e: self.person_id(e["person"]),
            values_of=lambda e: {
                "meeting": meeting,
                "person_id": self.person_id(e["person"]),
                **both(e, "position"),
            },
            then=None,
        )

    def import_visits(self, mission):
        host = mission.election.country
        self.sync_by_position(
            Visit,
            self.stored(mission, "visits", "observers"),
            self.doc.get("visits", []),
            ["visits"],
            values_of=lambda e: {
                "mission": mission,
                "date": day(e["date"]),
                "region": self.region(host, e),
                "stages": order_stages(e.get("stages", [])),
                "stations_visited": e.get("stations_visited"),
                **both(e, "notes"),
            },
            then=self.import_observers,
        )

    def region(self, country, entry):
        lookup = {"country": country, "name": text(entry["region"])}
        values = {"kind": entry["region_kind"]} if "region_kind" in entry else {}
        if "region_ru" in entry:  # a region is shared: a document without it keeps the name
            values["name_ru"] = text(entry["region_ru"])
        key = (country.pk, lookup["name"])
        region = self.known.regions.get(key)
        if region is None:
            region = Region(**lookup, **values)
            self.save(region, ["visits"], created=True)
            self.known.regions[key] = region
        elif apply(region, values):
            self.save(region, ["visits"], created=False)
        else:
            self.tally.record(region, UNCHANGED)
        return region

    def import_observers(self, visit, entry, path):
        wanted = {self.person_id(slug) for slug in entry.get("observers", [])}
        if self.is_new(visit):
            self.pending_observers.append((visit, wanted))
        elif {person.pk for person in visit.observers.all()} != wanted:
            visit.observers.set(wanted)
            self.tally.record(visit, UPDATED)

    def import_documents(self, mission):
        self.sync_by_position(
            Document,
            self.stored(mission, "documents"),
            self.doc.get("documents", []),
            ["documents"],
            values_of=lambda e: {
                "mission": mission,
                "kind": e["kind"],
                "date": day(e["date"]),
                **both(e, "title"),
                "findings_en": findings(e, "findings"),
                "findings_ru": findings(e, "findings_ru"),
                **both(e, "body"),
                "language": e.get("language", "en"),
            },
        )
