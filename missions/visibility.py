"""What the public may see: published missions and whatever they reach, nothing else.

Every public view starts from one of these querysets. A person, organization,
election, region or country that only a draft or a mission in review mentions
is absent from all of them, so its page is a 404 and it is in no list.
Each function returns one queryset built from EXISTS subqueries: no query runs
until it is evaluated.
"""

import operator
from functools import reduce

from django.db.models import Exists, F, OuterRef, Q

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


def public_elections():
    """Elections a published mission observed, as its main election or also observed."""
    return Election.objects.filter(
        any_of(
            public_missions().filter(election=OuterRef("pk")),
            public_missions().filter(also_observed=OuterRef("pk")),
        )
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
    """People a published mission names. IN (subquery) ORs here, not EXISTS: the people index
    reads every row, and PostgreSQL hashes each subquery once (0.9 s at 2,000 missions) where
    per-row EXISTS probes took 4 s."""
    condition = reduce(
        operator.or_, (Q(pk__in=rows.values(column)) for rows, column in people_naming())
    )
    return Person.objects.filter(condition)


def public_people_probed():
    """The same people as public_people(), one EXISTS probe per row: for reading a slice in
    the order of an index (the sitemap's 2,500 slugs: 650 -> 130 ms on SQLite at 2,000
    missions), where public_people() reads every published name first."""
    person = OuterRef("pk")
    return Person.objects.filter(
        any_of(*(rows.filter(**{c: person}) for rows, c in people_naming()))
    )


def public_people_among(ids):
    """The public people among a few ids: one EXISTS probe per row, where public_people()
    would read every published name first (search results: 88 ms -> 1 ms at 2,000 missions)."""
    person = OuterRef("pk")
    probes = (rows.filter(**{column: person}) for rows, column in people_naming())
    return Person.objects.filter(pk__in=ids).filter(any_of(*probes))


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
    named = _organizations_named()
    children = named.filter(parent=OuterRef("pk"))
    grandchildren = named.filter(parent__parent=OuterRef("pk"))
    great_grandchildren = named.filter(parent__parent__parent=OuterRef("pk"))
    return Organization.objects.filter(
        named_condition(OuterRef("pk")) | any_of(children, grandchildren, great_grandchildren)
    )


def public_organizations_among(ids):
    """The public organizations among a few ids, as a list: each id and its descendants three
    levels down, read in one query with whether a published mission names each directly.
    The same set as public_organizations(), whose 32 subplans took PostgreSQL 50-85 ms to
    plan (search results); here 8, probed only for those rows."""
    ids = set(ids)
    children = Organization.objects.filter(parent_id__in=ids).values("pk")
    grandchildren = Organization.objects.filter(parent_id__in=children).values("pk")
    rows = Organization.objects.filter(
        Q(pk__in=ids)
        | Q(parent_id__in=ids)
        | Q(parent_id__in=children)
        | Q(parent_id__in=grandchildren)
    ).annotate(
        named=named_condition(OuterRef("pk")),
        grandparent_id=F("parent__parent_id"),
        great_grandparent_id=F("parent__parent__parent_id"),
    )
    rows = list(rows)
    public = {
        pk
        for row in rows
        if row.named
        for pk in (row.pk, row.parent_id, row.grandparent_id, row.great_grandparent_id)
    }
    return [row for row in rows if row.pk in ids and row.pk in public]


def public_regions():
    return Region.objects.filter(Exists(public_visits().filter(region=OuterRef("pk"))))


def public_countries():
    """Countries that hosted (a main or an also-observed election) or sent observers to a
    published mission, or that a public person, organization or region belongs to."""
    country = OuterRef("pk")
    return Country.objects.filter(
        any_of(
            public_missions().filter(election__country=country),
            public_also_observed().filter(election__country=country),
            public_delegations().filter(country=country),
            public_organizations().filter(country=country),
            public_regions().filter(country=country),
        )
        | Q(pk__in=public_people().values("country_id"))
    )
