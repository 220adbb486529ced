"""The stored `is_public` flags of people, organizations, elections and countries: which
writes change them, and how they are recomputed from the definitions in `visibility`,
inside the writing transaction.

A write recomputes only the flags it can reach: each written row's reach (the flagged rows
it names, directly or through the rows under it: a mission reaches everyone its delegations,
meetings, visits, partners and documents name; `flag_reach.REACH`) is read before the write
and after it, widened to what those rows' flags feed (an organization's parents up to three
levels, every candidate's country), and only those rows are probed. A write without
signals (`QuerySet.update`, raw SQL) says so with `public_data_changed(model)`, which
recomputes whole tables, as `migrate`, `restore_site`, `seed_synthetic` and
`manage.py refresh_public_flags` do.

The values `missions.stored` keeps (a recommendation's latest status, a mission's counts, a
region's visits) follow the same writes: their reach is read before and after each write
too, and they are recomputed with the flags.
"""

from contextlib import contextmanager

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import stored
from .flag_reach import (
    REACH,
    REACHING_NOTHING,
    add_reach,
    add_saved,
    chunks,
    has_remote,
    probe,
    select_ids,
    widen,
)
from .models import Country, Election, Organization, Person, Region
from .visibility import (
    country_counts,
    named_countries,
    named_elections,
    named_organizations,
    named_people,
)

MOST_PROBED = 2000  # above this many candidates of one model, its whole table instead
COUNTS = ("hosted", "sent", "missions_observed", "delegations_sent")  # a country's stored counts


# Each flagged model and its definition, in the order they are recomputed.
FLAGGED = [
    (Person, named_people),
    (Organization, named_organizations),
    (Election, named_elections),
    (Country, named_countries),
]
ALL_FLAGGED = frozenset(model for model, _ in FLAGGED)
NOTHING = frozenset()
# The flags a write to a model can change, when the written rows are not known (a bulk
# write): a person's, region's or organization's own country, an organization's parent, an
# election's body and country; no definition reads the other models listed.
COUNTRIES = frozenset({Country})
FLAGS_READING = {
    Person: COUNTRIES,
    Region: COUNTRIES,
    Country: COUNTRIES,
    Organization: frozenset({Organization, Country}),
    Election: frozenset({Organization, Country}),
    **dict.fromkeys(
        REACHING_NOTHING,
        NOTHING,
    ),
}


class FlagsState:
    """Per connection: how deep in batched_flags() blocks, and what waits for a recompute."""

    depth = 0

    def __init__(self):
        self.clear()
        # What a row reached before its write, until the write is done: a cascade deletes
        # a mission's members (each recomputed as it goes) before the mission itself.
        self.waiting = {}  # (model, pk): {flagged model: {pk}}
        self.stored_waiting = {}  # (model, pk): {stored model name: {pk}}, the same for those

    def clear(self):
        self.full = frozenset()  # models whose whole table is recomputed
        self.candidates = {model: set() for model in ALL_FLAGGED}  # rows to probe
        self.written = {}  # model: {pk}, rows whose reach is read at the recompute
        self.saved = {}  # model: {pk}, saved rows whose reach through other rows is read
        self.stored = {}  # stored model name: {pk}, rows whose stored values are recomputed
        self.all_stored = False  # every stored value is recomputed

    @property
    def pending(self):
        return bool(
            self.full
            or self.written
            or self.saved
            or any(self.candidates.values())
            or self.all_stored
            or any(self.stored.values())
        )


def flags_state():
    connection = transaction.get_connection()
    if not hasattr(connection, "public_flags"):
        connection.public_flags = FlagsState()
    return connection.public_flags


def refresh_public_flags(models=ALL_FLAGGED, *, counts=True, values=True):
    """Set the flags of `models` to their definitions' answers, for every row: one UPDATE
    per model, of changed rows only; with the countries', their stored counts, and with all
    the flags every stored value (`counts`, `values`: False for a schema migrated only as
    far as the flags, or the counts)."""
    flags_state().clear()
    connection = transaction.get_connection()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        for model, updates in flag_updates(connection):
            if model in models:
                for sql, params in updates:
                    cursor.execute(sql, params)
        if counts and Country in models:
            refresh_country_counts()
        if values and models == ALL_FLAGGED:
            stored.refresh()


def refresh_country_counts(pks=None):
    """Set the stored counts of countries `pks` (None: every country) to what they count,
    after the countries' flags: a country that is not public counts nothing."""
    for countries in (
        [Country.objects.all()]
        if pks is None
        else [Country.objects.filter(pk__in=chunk) for chunk in chunks(pks)]
    ):
        countries.filter(is_public=True).update(**country_counts())
        zero = dict.fromkeys(COUNTS, 0)
        countries.filter(is_public=False).exclude(**zero).update(**zero)


def refresh_pending(*, finished=False):
    """Recompute what this connection's writes wait for: whole tables, or the candidates.
    `finished`: no write is under way, so what the written rows reached before counts too."""
    state = flags_state()
    if finished:
        for reached in state.waiting.values():
            merge(state.candidates, reached)
        for reached in state.stored_waiting.values():
            merge(state.stored, reached)
        state.waiting, state.stored_waiting = {}, {}
    full, candidates, rows_written, saved = state.full, state.candidates, state.written, state.saved
    values = None if state.all_stored else state.stored
    state.clear()
    if full == ALL_FLAGGED:
        return refresh_public_flags()
    for model, pks in rows_written.items():
        add_reach(candidates, model, pks)
    for model, pks in saved.items():
        add_reach(candidates, model, pks, remote_only=True)
    counted = counted_countries(candidates)
    widen(candidates)
    with transaction.atomic(savepoint=False):
        for model, _named in FLAGGED:
            if model in full or len(candidates[model]) > MOST_PROBED:
                refresh_public_flags({model})
            elif candidates[model]:
                probe(model, candidates[model])
                if model is Country and counted:
                    refresh_country_counts(counted)
        if values is None or any(values.values()):
            stored.refresh(values)


def counted_countries(candidates):
    """The countries whose stored counts the writes may change, before the candidates are
    widened: those they reach directly (a delegation's, an election's) and their elections'
    (a mission's). Not every candidate's country: a member's save changes no count."""
    return set(candidates[Country]) | select_ids(Election, "country_id", candidates[Election])


def merge(candidates, reached):
    for model, pks in reached.items():
        candidates.setdefault(model, set()).update(pks)


_flag_updates = {}


def flag_updates(connection):
    """The UPDATEs that set the flags, as (sql, params), compiled from the definitions once per
    database: building the nested subqueries took the ORM 0.2-0.4 s each time, the UPDATEs
    themselves a few milliseconds on a small archive."""
    if connection.alias not in _flag_updates:
        _flag_updates[connection.alias] = [
            (model, updates_of(model, named(), connection)) for model, named in FLAGGED
        ]
    return _flag_updates[connection.alias]


def updates_of(model, named, connection):
    """The UPDATE that makes the flag true exactly on the rows `named` holds."""
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    sql, params = named.order_by().values("pk").query.sql_with_params()
    # One pass: flip the flag where it differs from the answer (the subquery is read once).
    update = f"UPDATE {table} SET is_public = NOT is_public WHERE is_public <> ({key} IN ({sql}))"
    return [(update, params)]


# Which writes -----------------------------------------------------------------------------


def public_data_changed(model=None):
    """A write to `model` whose rows are not known (None: not even the model, e.g. a bulk
    write): recompute the tables it may change, now or when the batched_flags() block ends."""
    models = FLAGS_READING.get(model, ALL_FLAGGED)
    state = flags_state()
    if models:
        state.full |= models
    if stored.is_written(model):
        state.all_stored = True
    recompute_unless_batched(state)


def rows_created(written):
    """Rows written without signals (bulk_create), as {model: [rows]}: recompute what they
    reach, with the many-to-many links written with them."""
    state = flags_state()
    for model, rows in written.items():
        mark_saved(state, model, rows)
        if stored_tracking(state, model):
            stored.add_saved(state.stored, model, rows)
    recompute_unless_batched(state)


def recompute_unless_batched(state):
    """Recompute now, unless a batched_flags() block does it when it ends."""
    if not state.depth and state.pending:
        refresh_pending(finished=not transaction.get_connection().in_atomic_block)


def tracking(state, model):
    """Whether a write to `model` needs its reach read: not if a full recompute waits."""
    return state.full != ALL_FLAGGED and REACH.get(model) != []


def stored_tracking(state, model):
    """Whether a write to `model` needs the stored values it reaches read: not if all of them
    wait for a recompute."""
    return not (state.all_stored or state.full == ALL_FLAGGED) and stored.is_written(model)


def mark_written(state, model, pks):
    """Rows of `model` written: their reach is read at the recompute."""
    if not tracking(state, model):
        return
    if model not in REACH:
        state.full = ALL_FLAGGED
    else:
        state.written.setdefault(model, set()).update(pk for pk in pks if pk is not None)


def mark_saved(state, model, objs):
    """Saved rows: what their own columns name now, and their reach through other rows at
    the recompute."""
    if not tracking(state, model):
        return
    if model not in REACH:
        state.full = ALL_FLAGGED
        return
    for obj in objs:
        add_saved(state.candidates, model, obj)
    if has_remote(model):
        state.saved.setdefault(model, set()).update(obj.pk for obj in objs)


def before_write(key, model, pks):
    """Rows of `model` about to change: what they reach now is recomputed too, once the
    write `key` is done."""
    state = flags_state()
    pks = [pk for pk in pks if pk is not None]
    if pks and tracking(state, model) and model in REACH:
        reached = state.waiting.setdefault(key, {flagged: set() for flagged in ALL_FLAGGED})
        add_reach(reached, model, pks)
    if pks and stored_tracking(state, model):
        stored.add_reach(state.stored_waiting.setdefault(key, {}), model, pks)


def done(state, key):
    """The write `key` is done: what its rows reached before it is recomputed."""
    merge(state.candidates, state.waiting.pop(key, {}))
    merge(state.stored, state.stored_waiting.pop(key, {}))


def before_save_or_delete(sender, instance, raw=False, **kwargs):
    before_write((sender, instance.pk), sender, [instance.pk])


def after_save(sender, instance, **kwargs):
    state = flags_state()
    done(state, (sender, instance.pk))
    mark_saved(state, sender, [instance])
    if stored_tracking(state, sender):
        stored.add_saved(state.stored, sender, [instance])
    recompute_unless_batched(state)


def after_delete(sender, instance, **kwargs):
    """A deleted row reaches nothing now; what it reached before is recomputed."""
    state = flags_state()
    done(state, (sender, instance.pk))
    if sender not in REACH and tracking(state, sender):
        state.full = ALL_FLAGGED
    recompute_unless_batched(state)


def links_changed(sender, instance, action, model, pk_set, **kwargs):
    """A many-to-many change: the reach of both ends, before it and after it."""
    if REACH.get(sender) == []:
        return
    key = (sender, type(instance), instance.pk)
    if action in ("pre_remove", "pre_clear"):
        before_write(key, type(instance), [instance.pk])
        before_write(key, model, pk_set or ())
    elif action.startswith("post_"):
        state = flags_state()
        done(state, key)
        mark_written(state, type(instance), [instance.pk])
        mark_written(state, model, pk_set or ())
        recompute_unless_batched(state)


def connect_signals(app_config):
    """Watch every model of the app, and the tables behind its many-to-many fields."""
    for model in app_config.get_models(include_auto_created=True):
        if model._meta.auto_created:
            m2m_changed.connect(links_changed, sender=model, weak=False)
            continue
        for signal in (pre_save, pre_delete):
            signal.connect(before_save_or_delete, sender=model, weak=False)
        post_save.connect(after_save, sender=model, weak=False)
        post_delete.connect(after_delete, sender=model, weak=False)


def refresh_after_migrate(sender, using, apps=global_apps, **kwargs):
    """After `migrate` (and `flush`, which sends no `apps`): recompute the flags, if the
    migrated schema has them."""
    person = apps.get_model("missions", "Person")
    if any(field.name == "is_public" for field in person._meta.fields):
        country = apps.get_model("missions", "Country")
        counted = {field.name for field in country._meta.fields} >= set(COUNTS)
        with transaction.atomic(using=using):
            refresh_public_flags(counts=counted, values=stored.migrated(apps))


@contextmanager
def batched_flags(*, whole_tables=False):
    """Recompute the flags once, when the block ends, for all the writes inside it (with
    `whole_tables`, every row of every table, reading no write's reach: a restore, a seed).

    Open it inside the writes' transaction, so the flags commit with them. If the block
    raises inside a transaction, that transaction is expected to roll back; the recompute
    stays pending, and the connection's next write or public read does it.
    """
    state = flags_state()
    state.depth += 1
    if whole_tables:
        state.full = ALL_FLAGGED
    try:
        yield
    except BaseException:
        state.depth -= 1
        if not state.depth and state.pending and not transaction.get_connection().in_atomic_block:
            refresh_pending(finished=True)  # autocommit: the writes before the error are kept
        raise
    state.depth -= 1
    if not state.depth and (state.pending or state.waiting):
        refresh_pending(finished=True)


class BatchedFlagsMiddleware:
    """A request that may write (POST and the like) runs in one transaction, its flags
    recomputed once at its end, before the commit: an admin save with fifty inline rows
    recomputes once, not fifty times.

    Sits after RetirementNoticeMiddleware, whose notices are told at this commit.
    """

    READING = ("GET", "HEAD", "OPTIONS", "TRACE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.READING:
            return self.get_response(request)
        with transaction.atomic(), batched_flags():
            return self.get_response(request)
