"""What the public may see: published missions and whatever they reach, nothing else.

Every public view starts from one of these querysets. A person, organization,
election, region or country that only a draft or a mission in review mentions
is absent from all of them, so its page is a 404 and it is in no list.
Each function returns one queryset: no query runs until it is evaluated.

People, organizations, elections and countries are read by their stored `is_public` flag,
the answer of the `named_*` definitions below, recomputed after every write to the data
(`public_data_changed`, called for every signal and by `cache.published_data_changed` for the
bulk writes that send none). Outside a `batched_flags()` block the flags are recomputed at
once, inside the write's own transaction; inside one, once when it ends, still inside the
transaction, so the flags commit with the data they describe. A public read on the writing
connection while a recompute is pending recomputes first.
"""

import operator
from contextlib import contextmanager
from functools import reduce

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from .models import (
    Assessment,
    Country,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Election,
    ElectionResult,
    ElectionRound,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
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
    Visit,
)

PUBLISHED = Mission.Status.PUBLISHED


def public_missions():
    return Mission.objects.published()


def public_delegations():
    return Delegation.objects.filter(mission__status=PUBLISHED)


def public_meetings():
    return Meeting.objects.filter(mission__status=PUBLISHED)


def public_visits():
    return Visit.objects.filter(mission__status=PUBLISHED)


def public_documents():
    return Document.objects.filter(mission__status=PUBLISHED)


def public_elections():
    """Elections a published mission observed, as its main election or also observed."""
    return flagged(Election)


def named_elections():
    """The definition behind public_elections(). IN (subquery), each read once: the recompute
    reads every election, where per-row EXISTS probes took 0.4 s on SQLite."""
    return Election.objects.filter(
        Q(pk__in=public_missions().values("election_id"))
        | Q(pk__in=public_also_observed().values("election_id"))
    )


def public_also_observed():
    """Links mission -> further election observed, of published missions only."""
    return Mission.also_observed.through.objects.filter(mission__status=PUBLISHED)


def public_rounds():
    return ElectionRound.objects.filter(election__in=public_elections())


def public_rounds_probed():
    """The same rounds as public_rounds(), one EXISTS probe per row: for the few rounds of a
    record (a mission's election and documents: 300 ms -> 1 ms each on SQLite at 2,000
    missions), where public_rounds() lists every public election first."""
    election = OuterRef("election")
    return ElectionRound.objects.filter(
        any_of(
            public_missions().filter(election=election),
            public_missions().filter(also_observed=election),
        )
    )


def public_questions():
    return ReferendumQuestion.objects.filter(election__in=public_elections())


def public_results():
    return ElectionResult.objects.filter(round__election__in=public_elections())


def public_outcomes():
    return ResultOutcome.objects.filter(result__round__election__in=public_elections())


def public_partners():
    return MissionPartner.objects.filter(mission__status=PUBLISHED)


def public_phases():
    return MissionPhase.objects.filter(mission__status=PUBLISHED)


def public_figures():
    return MissionFigures.objects.filter(mission__status=PUBLISHED)


def public_sources():
    return MissionSource.objects.filter(mission__status=PUBLISHED)


def public_files():
    """Files of documents of published missions: the only ones a public view may serve."""
    return DocumentFile.objects.filter(document__mission__status=PUBLISHED)


def public_recommendations():
    return Recommendation.objects.filter(mission__status=PUBLISHED)


def public_assessments():
    """Assessments by a published mission of a published earlier mission's recommendations."""
    return Assessment.objects.filter(
        document__mission__status=PUBLISHED, recommendation__mission__status=PUBLISHED
    )


def public_memberships():
    """Memberships of organizations the public may see (a country page's "member of")."""
    return OrganizationMembership.objects.filter(organization__in=public_organizations())


def published(model, path):
    """Rows of `model` whose mission (reached by `path`) is published."""
    return model.objects.filter(**{f"{path}__status": PUBLISHED})


def any_of(*subqueries):
    """EXISTS(...) OR EXISTS(...): one index probe per row and subquery, where ORs of
    IN (subquery) made PostgreSQL scan whole tables again for every row once the archive
    held a few hundred missions."""
    return reduce(operator.or_, (Exists(subquery) for subquery in subqueries))


def people_naming():
    """(rows, their person column) of every way a published mission names a person."""
    return [
        (public_missions(), "coordinator_id"),
        (published(DelegationMember, "delegation__mission"), "person_id"),
        (published(MeetingCounterpart, "meeting__mission"), "person_id"),
        (public_meetings(), "led_by_id"),
        (published(Visit.observers.through, "visit__mission"), "person_id"),
        (public_partners(), "head_id"),
    ]


def public_people():
    """People a published mission names."""
    return flagged(Person)


def public_people_among(ids):
    """The public people among a few ids (search results)."""
    return public_people().filter(pk__in=ids)


def named_people():
    """The definition behind public_people(). IN (subquery) ORs, not EXISTS: it reads every
    person, and PostgreSQL hashes each subquery once where per-row EXISTS probes took 4 s."""
    condition = reduce(
        operator.or_, (Q(pk__in=rows.values(column)) for rows, column in people_naming())
    )
    return Person.objects.filter(condition)


def named_condition(organization):
    """A published mission names the organization directly."""
    return any_of(
        public_missions().filter(observer_body=organization),
        public_delegations().filter(organization=organization),
        public_meetings().filter(host=organization),
        public_missions().filter(election__body=organization),
        public_missions().filter(also_observed__body=organization),
        public_partners().filter(organization=organization),
        public_documents().filter(issuer=organization),
        public_documents().filter(co_issuers=organization),
    )


def _organizations_named():
    """Organizations a published mission names directly."""
    return Organization.objects.filter(named_condition(OuterRef("pk")))


def public_organizations():
    """Organizations named by a published mission, and their parents up to three levels.

    Parents are shown (and linked) on an organization's page, so they are reachable too.
    """
    return flagged(Organization)


def named_organizations():
    """The definition behind public_organizations()."""
    named = _organizations_named()
    children = named.filter(parent=OuterRef("pk"))
    grandchildren = named.filter(parent__parent=OuterRef("pk"))
    great_grandchildren = named.filter(parent__parent__parent=OuterRef("pk"))
    return Organization.objects.filter(
        named_condition(OuterRef("pk")) | any_of(children, grandchildren, great_grandchildren)
    )


def public_regions():
    return Region.objects.filter(Exists(public_visits().filter(region=OuterRef("pk"))))


def public_countries():
    """Countries that hosted (a main or an also-observed election) or sent observers to a
    published mission, or that a public person, organization or region belongs to."""
    return flagged(Country)


def named_countries():
    """The definition behind public_countries(). It reads the flags of people, organizations
    and elections (a country hosted a published mission's main or also-observed election
    exactly when one of its elections is public), so it is recomputed after theirs; IN
    (subquery) for each, as the recompute reads every country."""
    return Country.objects.filter(
        reduce(
            operator.or_,
            (
                Q(pk__in=rows.values("country_id"))
                for rows in (
                    public_elections(),
                    public_delegations(),
                    public_organizations(),
                    public_regions(),
                    public_people(),
                )
            ),
        )
    )


# The stored flags ---------------------------------------------------------------------------

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


def flagged(model):
    """The model's rows flagged public, recomputed first if this connection's writes wait."""
    state = flags_state()
    if state.pending:
        refresh_public_flags(state.pending)
    return model.objects.filter(is_public=True)


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
