"""The stored `is_public` flags of people, organizations, elections and countries: which
writes change them, and how they are recomputed from the definitions in `visibility`
(`named_*`), inside the writing transaction."""

from contextlib import contextmanager

from django.db import transaction

from .models import (
    Assessment,
    Country,
    Document,
    DocumentFile,
    Election,
    ElectionResult,
    ElectionRound,
    MissionFigures,
    MissionPhase,
    MissionSource,
    Organization,
    OrganizationMembership,
    Person,
    Recommendation,
    ReferendumQuestion,
    Region,
    ResultOutcome,
    SearchEntry,
)
from .visibility import named_countries, named_elections, named_organizations, named_people

# Each flagged model and its definition, in the order they are recomputed.
FLAGGED = [
    (Person, named_people),
    (Organization, named_organizations),
    (Election, named_elections),
    (Country, named_countries),
]
ALL_FLAGGED = frozenset(model for model, _ in FLAGGED)
NOTHING = frozenset()
# The flags a write to a model can change, where not all of them. A person's, region's or
# organization's own country, an organization's parent, an election's body and country;
# no definition reads the other models listed.
COUNTRIES = frozenset({Country})
FLAGS_READING = {
    Person: COUNTRIES,
    Region: COUNTRIES,
    Country: COUNTRIES,
    Organization: frozenset({Organization, Country}),
    Election: frozenset({Organization, Country}),
    **dict.fromkeys(
        [
            Assessment,
            DocumentFile,
            ElectionResult,
            ElectionRound,
            MissionFigures,
            MissionPhase,
            MissionSource,
            OrganizationMembership,
            Recommendation,
            ReferendumQuestion,
            ResultOutcome,
            SearchEntry,  # the search index's rows, deleted with signals
            Document.rounds.through,
        ],
        NOTHING,
    ),
}


class FlagsState:
    """Per connection: how deep in batched_flags() blocks, and whether a recompute waits."""

    depth = 0
    pending = frozenset()  # the flagged models waiting for a recompute


def flags_state():
    connection = transaction.get_connection()
    if not hasattr(connection, "public_flags"):
        connection.public_flags = FlagsState()
    return connection.public_flags


def refresh_public_flags(models=ALL_FLAGGED):
    """Set the flags of `models` to their definitions' answers: one UPDATE per model, of
    changed rows only."""
    flags_state().pending = frozenset()
    connection = transaction.get_connection()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        for model, updates in flag_updates(connection):
            if model in models:
                for sql, params in updates:
                    cursor.execute(sql, params)


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


def public_data_changed(model=None):
    """A write to `model` (None: unknown, e.g. a bulk write): recompute the flags now, or at
    the end of the batched_flags() block around it."""
    models = FLAGS_READING.get(model, ALL_FLAGGED)
    if not models:
        return
    state = flags_state()
    if state.depth:
        state.pending |= models
    else:
        refresh_public_flags(models)


def refresh_after_migrate(sender, apps, using, **kwargs):
    """After `migrate`: recompute the flags, if the migrated schema has them."""
    person = apps.get_model("missions", "Person")
    if any(field.name == "is_public" for field in person._meta.fields):
        with transaction.atomic(using=using):
            refresh_public_flags()


@contextmanager
def batched_flags():
    """Recompute the flags once, when the block ends, for all the writes inside it.

    Open it inside the writes' transaction, so the flags commit with them. If the block
    raises inside a transaction, that transaction is expected to roll back; the recompute
    stays pending, and the connection's next write or public read does it.
    """
    state = flags_state()
    state.depth += 1
    try:
        yield
    except BaseException:
        state.depth -= 1
        if not state.depth and state.pending and not transaction.get_connection().in_atomic_block:
            refresh_public_flags(state.pending)  # autocommit: the writes before the error are kept
        raise
    state.depth -= 1
    if not state.depth and state.pending:
        refresh_public_flags(state.pending)


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
