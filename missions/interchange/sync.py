"""The sync engine: upsert records by natural key, sync a parent's children by key or by
position, and write new rows in bulk, parents first.

It knows nothing about mission documents; the importer (`importing.py`) and the synthetic
archive (`missions/synthetic.py`) drive it. Every bulk write ends in `after_writes()`, the one
place, inside the run's transaction, where what bulk_create does not signal is done.
"""

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import ngettext

from missions.cache import pages_changed
from missions.models import (
    MISSION_PARTS,
    SHARED_RECORDS,
    ElectionResult,
    ElectionRound,
    Mission,
    OrganizationMembership,
    ReferendumQuestion,
    ResultOutcome,
)
from missions.public_flags import rows_created

from . import shared
from .report import CREATED, UNCHANGED, UPDATED, SharedChange, Tally

# Parents before children: bulk_create copies a saved parent's key into its children.
# What a shared record holds (an election's rounds and results, an organization's members)
# follows it.
SHARED_PARTS = [
    OrganizationMembership,
    ElectionRound,
    ElectionResult,
    ResultOutcome,
    ReferendumQuestion,
]
WRITE_ORDER = [*SHARED_RECORDS, *SHARED_PARTS, Mission, *MISSION_PARTS]

# Called as hook(written) after every bulk write, before commit; written is {model: [rows]}.
AFTER_WRITES = []


def after_writes(written):
    """What bulk_create skips, done once per batch of writes: retire the page cache, record
    the new rows in the revision being recorded, call AFTER_WRITES."""
    if not any(written.values()):
        return
    pages_changed()
    rows_created(written)  # the public flags of what they reach
    if reversion.is_active():
        for rows in written.values():
            for obj in rows:
                reversion.add_to_revision(obj)
    for hook in AFTER_WRITES:
        hook(written)


def apply(obj, values):
    """Set values on obj; return the changes as [(field, old, new)], empty if none."""
    changes = []
    for name, value in values.items():
        current = getattr(obj, name)
        if current is None and value == "":
            continue  # an untranslated column (NULL) already says "no text"
        if current != value:
            setattr(obj, name, value)
            changes.append((name, current, value))
    return changes


class Pending:
    """New rows and many-to-many links, written in bulk in WRITE_ORDER."""

    def __init__(self, batch_size=500):
        self.batch_size = batch_size
        self.rows = {}  # model: [objs]
        self.links = {}  # model: [(obj, m2m field name, target ids)]

    def add(self, obj):
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def link(self, obj, name, ids):
        """Link a pending obj to `ids` through its many-to-many field `name`; an id may be
        a record, pending too, whose key is read when the link is written."""
        self.links.setdefault(type(obj), []).append((obj, name, ids))

    def write(self):
        """Insert everything, parents first; return {model: [rows written]}."""
        written = {}
        for model in [m for m in WRITE_ORDER if m in self.rows or m in self.links]:
            rows = self.rows.get(model, [])
            model.objects.bulk_create(rows, batch_size=self.batch_size)
            written[model] = rows
            self.write_links(self.links.get(model, []))
        self.rows, self.links = {}, {}
        return written

    def write_links(self, links):
        by_field = {}
        for obj, name, ids in links:
            by_field.setdefault(name, []).append((obj, ids))
        for name, pairs in by_field.items():
            field = pairs[0][0]._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = [
                through(**{f"{source}_id": obj.pk, f"{target}_id": getattr(pk, "pk", pk)})
                for obj, ids in pairs
                for pk in ids
            ]
            through.objects.bulk_create(rows, batch_size=self.batch_size)


class Abort(Exception):
    """A record could not be saved; the problem is already recorded."""


def trusted_fields(obj):
    """Fields full_clean() need not check: relations (set from records the run holds, never
    from ids in a document) and the generated uid."""
    return [f.name for f in obj._meta.concrete_fields if f.is_relation or f.name == "uid"]


class Sync:
    """One run of writes: validates every record, counts what it created, updated, deleted
    or kept (`tally`), and reports problems to `problems.add(path, message)`."""

    # The mission the run writes (None: none), and whether a differing value for a filled
    # field of a record another mission uses is applied (--update-shared) or refused.
    mission_slug = None
    update_shared = False

    def __init__(self, problems):
        self.problems = problems
        self.tally = Tally()
        self.pending = Pending()
        self.shared_changes = []  # SharedChange of each shared record created or changed

    def validate(self, obj, path):
        """full_clean() but for relations and unique values: the caller resolved every
        reference to a record it holds and only creates what it did not find."""
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

    def upsert(self, known, key, model, values, path, *, lookup=None):
        """Create or update the shared record `known[key]`; a new one gets `lookup` (by default
        {"slug": key}) and values. Only the values given are set: what is left out keeps.
        A differing value for a filled field of a record another mission uses is refused
        unless the run updates shared records; every creation and change is listed."""
        obj = known.get(key)
        if obj is None:
            obj = model(**(lookup or {"slug": key}), **values)
            self.save(obj, path, created=True)
            known[key] = obj
            self.shared_changes.append(SharedChange(shared.label(obj), None, None, None))
            return obj
        self.update_shared_part(obj, obj, values, path)
        return obj

    def update_shared_part(self, record, obj, values, path, prefix=""):
        """Update `obj`, the shared `record` or a part of it (a round of an election), with
        the values that agree (see agreeing()); list each change under `prefix`."""
        for field, old, new in self.update(obj, self.agreeing(record, obj, values, path), path):
            self.shared_changed(
                record,
                prefix + shared.key_name(field),
                shared.shown(obj, field, old),
                shared.shown(obj, field, new),
            )

    def shared_changed(self, record, field, old, new):
        """List a change to one field of a shared record (or a part of it) for the report."""
        self.shared_changes.append(SharedChange(shared.label(record), field, old, new))

    def agreeing(self, record, obj, values, path):
        """The values that may be applied to `obj`, a stored shared record or a part of one;
        a problem for each that changes a filled field while missions other than the run's
        use `record`."""
        if self.update_shared:
            return values
        differing = [
            name
            for name, value in values.items()
            if getattr(obj, name) not in (None, "") and getattr(obj, name) != value
        ]
        others = shared.other_missions(record, self.mission_slug) if differing else []
        if not others:
            return values
        for name in differing:
            stored = shared.shown(obj, name, getattr(obj, name))
            self.problems.add(path + [shared.key_name(name)], self.refusal_text(stored, others))
        return {name: value for name, value in values.items() if name not in differing}

    def may_change(self, record, stored, path):
        """Whether a filled part of the shared `record` (`stored`, as text) may be replaced or
        removed: yes if it is empty, the run updates shared records or no other mission uses
        the record; otherwise a problem at `path`."""
        if self.update_shared or not stored:
            return True
        others = shared.other_missions(record, self.mission_slug)
        if others:
            self.problems.add(path, self.refusal_text(stored, others))
        return not others

    @staticmethod
    def refusal_text(stored, others):
        """The contract's message for a differing value of a record `others` use."""
        message = ngettext(
            'differs from the stored "%(value)s" (used by %(count)d other mission: %(missions)s);'
            " import with --update-shared to change it",
            'differs from the stored "%(value)s" (used by %(count)d other missions: %(missions)s);'
            " import with --update-shared to change it",
            len(others),
        )
        return message % {
            "value": stored,
            "count": len(others),
            "missions": shared.missions_text(others),
        }

    def update(self, obj, values, path):
        """Save obj if values change it; return the changes as apply() lists them."""
        changes = apply(obj, values)
        if changes:
            self.save(obj, path, created=False)
        else:
            self.tally.record(obj, UNCHANGED)
        return changes

    def delete(self, obj):
        _count, per_model = obj.delete()
        for label, count in per_model.items():
            model = next((m for m in WRITE_ORDER if m._meta.label == label), None)
            if model is not None:
                self.tally.add_deleted(model, count)

    def create(self, model, values, path):
        """A new child, validated now and written by write_pending() with its siblings."""
        obj = model(**values)
        self.validate(obj, path)
        return self.pending.add(obj)

    def write_pending(self):
        written = self.pending.write()
        for rows in written.values():
            for obj in rows:
                self.tally.record(obj, CREATED)
        after_writes(written)

    @staticmethod
    def children(parent, name):
        """A parent's stored children (prefetched), or none for a parent not yet written."""
        return [] if parent.pk is None else getattr(parent, name).all()

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

    def sync_by_key(self, model, existing, entries, path, keys, values_of, then=None):
        """Match entries to existing children by a natural key, `keys` being (key of a
        record, key of an entry); delete the unmatched ones."""
        key_of_record, key_of_entry = keys
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
