"""What the public may see: published missions and whatever they reach, nothing else.

Every public view starts from one of these querysets. A person, organization,
election, region or country that only a draft or a mission in review mentions
is absent from all of them, so its page is a 404 and it is in no list.
Each function returns one queryset: no query runs until it is evaluated.

People, organizations, elections and countries are read by their stored `is_public` flag,
the answer of the `named_*` definitions below, recomputed after every write to the data
by `missions/public_flags.py` (how, and after which writes). A public read on the writing
connection while a recompute is pending recomputes first.
"""

import operator
from functools import reduce

from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

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


def public_documents_probed():
    """The same documents as public_documents(), their mission probed by one EXISTS per row:
    for the newest few, read along the date index (through the join, SQLite sorted every
    published document to keep twenty)."""
    return Document.objects.filter(Exists(public_missions().filter(pk=OuterRef("mission_id"))))


def public_members():
    """Delegation members of published missions (a person's page: their delegations)."""
    return published(DelegationMember, "delegation__mission")


def public_counterparts():
    """Counterparts of meetings of published missions (a person's page: whom they met)."""
    return published(MeetingCounterpart, "meeting__mission")


def public_elections():
    """Elections a published mission observed, as its main election or also observed."""
    return flagged(Election)


def elections_naming():
    """(rows, their election column) of every way a published mission names an election."""
    return [(public_missions(), "election_id"), (public_also_observed(), "election_id")]


def named_elections():
    """The definition behind public_elections(). IN (subquery), each read once: the recompute
    reads every election, where per-row EXISTS probes took 0.4 s on SQLite."""
    return named_by(Election, elections_naming())


def probed_elections():
    """The same elections as named_elections(), one EXISTS probe per row: for a few rows."""
    return probed_by(Election, elections_naming())


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


def named_people():
    """The definition behind public_people(). IN (subquery) ORs, not EXISTS: it reads every
    person, and PostgreSQL hashes each subquery once where per-row EXISTS probes took 4 s."""
    return named_by(Person, people_naming())


def probed_people():
    """The same people as named_people(), one EXISTS probe per row: for a few rows."""
    return probed_by(Person, people_naming())


def named_by(model, naming):
    """Rows of `model` that some (rows, column) of `naming` names: IN (subquery) each."""
    return model.objects.filter(
        reduce(operator.or_, (Q(pk__in=rows.values(column)) for rows, column in naming))
    )


def probed_by(model, naming):
    """The same rows as named_by(model, naming), one EXISTS probe per row and way."""
    return model.objects.filter(
        any_of(*(rows.filter(**{column: OuterRef("pk")}) for rows, column in naming))
    )


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
    return named_by(Country, countries_naming())


def probed_countries():
    """The same countries as named_countries(), one EXISTS probe per row: for a few rows."""
    return probed_by(Country, countries_naming())


def countries_naming():
    """(rows, their country column) of every way a country is public."""
    rows = (
        public_elections(),
        public_delegations(),
        public_organizations(),
        public_regions(),
        public_people(),
    )
    return [(each, "country_id") for each in rows]


def country_counts():
    """What the countries index and the country page count for each country (the outer row),
    stored on it beside its flag: `hosted` and `sent`, published missions observing an
    election there (their main election), and published missions it sent a delegation to;
    `missions_observed`, published missions observing an election there (main or also
    observed), and `delegations_sent`, its delegations to published missions: the page's
    lists in all. A country that is not public counts nothing."""
    links = Mission.also_observed.through.objects.filter(election__country=OuterRef(OuterRef("pk")))
    observed = public_missions().filter(
        Q(election__country=OuterRef("pk")) | Q(pk__in=links.values("mission_id"))
    )
    return {
        "hosted": count_per_country(public_missions(), "election__country", "pk"),
        "sent": count_per_country(public_delegations(), "country", "mission"),
        "missions_observed": rows_counted(observed),
        "delegations_sent": count_per_country(public_delegations(), "country", "pk"),
    }


def rows_counted(queryset):
    """A subquery: how many rows `queryset` (filtered by the outer row) holds."""
    counted = queryset.order_by().annotate(total=Func("pk", function="COUNT")).values("total")
    return Subquery(counted, output_field=IntegerField())


def count_per_country(queryset, country_field, counted):
    """A subquery: how many distinct `counted` values of `queryset` belong to the outer country."""
    rows = (
        queryset.filter(**{country_field: OuterRef("pk")})
        .order_by()
        .values(country_field)
        .annotate(total=Count(counted, distinct=True))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def flagged(model):
    """The model's rows flagged public, recomputed first if this connection's writes wait."""
    flags_fresh()
    return model.objects.filter(is_public=True)


def flags_fresh():
    """Recompute the stored flags first if this connection's writes wait for it; a queryset
    compiled once (missions.prepared) asks on every run, not only when it was built."""
    from .public_flags import flags_state, refresh_pending

    if flags_state().pending:
        refresh_pending()
