"""What a mission's page shows, fetched in a fixed number of queries and arranged for the page."""

from itertools import groupby

from django.db.models import F
from django.template.defaultfilters import truncatewords

from ..models import (
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Election,
    ElectionRound,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Organization,
    Person,
    Recommendation,
    Visit,
)
from ..models.bilingual import either
from ..prepared import Part, Tree, linked
from ..visibility import public_assessments, public_missions

# Each part in its model's order within one parent, without the parent's own keys: the
# default orderings start with the parent ("mission" sorts by the mission's -starts, title),
# which is the same for every row a prefetch hands one parent, and costs a join per query
# and an ordering walk through the relation each time the query is compiled.
NULLS_LAST_DATE = F("date").asc(nulls_last=True)


IN_ORDER = ("order", "id")
MISSION_RELATIONS = (
    "election__country",
    "election__body",
    "observer_body",
    "coordinator",
    "figures",
)


# A mission with everything its page shows, one query per kind of part, each compiled once
# (missions.prepared): the page's fetch without the ORM's compiling and prefetching.
PAGE_PARTS = (
    Part(
        "delegations",
        lambda mission: (
            Delegation.objects.select_related("country", "organization", "partner")
            .filter(mission_id=mission)
            .order_by(*IN_ORDER)
        ),
        "mission_id",
        parts=(
            Part(
                "members",
                lambda mission: (
                    DelegationMember.objects.select_related("person", "round")
                    .filter(delegation__mission_id=mission)
                    .order_by(*IN_ORDER)
                ),
                "delegation_id",
            ),
        ),
    ),
    Part(
        "meetings",
        lambda mission: (
            Meeting.objects.select_related("host", "led_by")
            .filter(mission_id=mission)
            .order_by(NULLS_LAST_DATE, *IN_ORDER)
        ),
        "mission_id",
        parts=(
            Part(
                "counterparts",
                lambda mission: (
                    MeetingCounterpart.objects.select_related("person")
                    .filter(meeting__mission_id=mission)
                    .order_by(*IN_ORDER)
                ),
                "meeting_id",
            ),
        ),
    ),
    Part(
        "visits",
        lambda mission: (
            Visit.objects.select_related("region", "country", "round")
            .filter(mission_id=mission)
            .order_by("date", *IN_ORDER)
        ),
        "mission_id",
        parts=(
            Part(
                "observers",
                lambda mission: linked(Person.objects.all(), "visits__mission_id", mission),
                "prepared_owner",
            ),
        ),
    ),
    Part(
        "documents",
        lambda mission: (
            Document.objects.select_related("issuer")
            .filter(mission_id=mission)
            .order_by("date", *IN_ORDER)
        ),
        "mission_id",
        parts=(
            Part(
                "co_issuers",
                lambda mission: linked(
                    Organization.objects.all(), "documents_co_issued__mission_id", mission
                ),
                "prepared_owner",
            ),
            Part(
                "files",
                lambda mission: DocumentFile.objects.filter(document__mission_id=mission).order_by(
                    *IN_ORDER
                ),
                "document_id",
            ),
            Part(
                "recommendations",
                lambda mission: Recommendation.objects.filter(
                    document__mission_id=mission
                ).order_by("number"),
                "document_id",
            ),
            Part(
                "rounds",
                lambda mission: linked(
                    ElectionRound.objects.all(), "documents__mission_id", mission
                ),
                "prepared_owner",
            ),
            Part(
                "assessments",
                lambda mission: (
                    public_assessments()
                    .select_related("recommendation__mission")
                    .filter(document__mission_id=mission)
                    .order_by(*IN_ORDER)
                ),
                "document_id",
            ),
        ),
    ),
    Part(
        "partners",
        lambda mission: (
            MissionPartner.objects.select_related("organization", "head")
            .filter(mission_id=mission)
            .order_by(*IN_ORDER)
        ),
        "mission_id",
    ),
    Part(
        "also_observed",
        lambda mission: linked(
            Election.objects.select_related("country"), "missions_also_observing__id", mission
        ),
        "prepared_owner",
    ),
    Part(
        "rounds",
        lambda election: ElectionRound.objects.filter(election_id=election).order_by("number"),
        "election_id",
        value=lambda mission: mission.election_id,
        parents=lambda mission: [mission.election],
    ),
    Part(
        "phases",
        lambda mission: MissionPhase.objects.filter(mission_id=mission).order_by(
            "starts", *IN_ORDER
        ),
        "mission_id",
    ),
    Part(
        "sources",
        lambda mission: MissionSource.objects.filter(mission_id=mission).order_by(*IN_ORDER),
        "mission_id",
    ),
)
PUBLIC_PAGE = Tree(
    lambda slug: public_missions().select_related(*MISSION_RELATIONS).filter(slug=slug),
    PAGE_PARTS,
)
PREVIEW_PAGE = Tree(
    lambda slug: Mission.objects.select_related(*MISSION_RELATIONS).filter(slug=slug),
    PAGE_PARTS,
)


def timeline(mission):
    """Meetings and visits grouped by day: [(date, meetings, visits), ...]; the meetings the
    source gives without a date come last, under the day None."""
    dated = sorted(
        [(m.date, 0, m.order, m) for m in mission.meetings.all() if m.date]
        + [(v.date, 1, v.order, v) for v in mission.visits.all()],
        key=lambda entry: entry[:3],
    )
    days = []
    for day, group in groupby(dated, key=lambda entry: entry[0]):
        items = [entry[3] for entry in group]
        days.append(
            (
                day,
                [i for i in items if isinstance(i, Meeting)],
                [i for i in items if isinstance(i, Visit)],
            )
        )
    undated = [m for m in mission.meetings.all() if not m.date]
    if undated:
        days.append((None, undated, []))
    return days


def coordinator_membership(mission):
    for delegation in mission.delegations.all():
        for member in delegation.members.all():
            if member.person_id == mission.coordinator_id:
                return member
    return None


def rounds_observed(mission):
    """The rounds the mission's visits, documents and members name, by voting day; when none
    names a round, the main election's rounds held within the mission's dates."""
    named = {visit.round for visit in mission.visits.all() if visit.round_id}
    for document in mission.documents.all():
        named.update(document.rounds.all())
    for delegation in mission.delegations.all():
        named.update(member.round for member in delegation.members.all() if member.round_id)
    if not named:
        named = {r for r in mission.election.rounds.all() if mission.contains_date(r.voting_day)}
    return sorted(named, key=lambda r: (r.voting_day, r.election_id, r.number))


def visits_by_round(mission, rounds):
    """[(round or None, [(country abroad or None, visits), ...]), ...]: the visits of each round
    observed (None: visits that name no round), each round's host-country visits first and then
    the visits abroad, under their own country."""
    groups = []
    for round_ in [*rounds, None]:
        visits = [v for v in mission.visits.all() if v.round_id == (round_.pk if round_ else None)]
        if visits:
            groups.append((round_, by_country(visits)))
    return groups


def by_country(visits):
    """[(None, host-country visits), (country, visits abroad there), ...]."""
    host = [v for v in visits if not v.country_id]
    abroad = sorted((v for v in visits if v.country_id), key=lambda v: (v.country.name, v.date))
    groups = [(None, host)] if host else []
    for _, group in groupby(abroad, key=lambda v: v.country_id):
        group = list(group)
        groups.append((group[0].country, group))
    return groups


def named_counts(mission):
    """Counts of the records the page names, shown where the source states no figures."""
    people = {
        member.person_id
        for delegation in mission.delegations.all()
        for member in delegation.members.all()
    }
    return {
        "observers": len(people),
        "polling_stations": sum(v.stations_visited or 0 for v in mission.visits.all()),
        "regions": len({v.region_id for v in mission.visits.all()}),
    }


def stated_figures(mission):
    """The mission's figures as the source states them (None when it has no figures row)."""
    try:
        return mission.figures
    except Mission.figures.RelatedObjectDoesNotExist:
        return None


def page_context(mission):
    """Everything the mission page arranges beyond the mission itself."""
    rounds = rounds_observed(mission)
    figures = stated_figures(mission)
    stated = figures.stated() if figures else {}
    return {
        # The page's description and og:description: `summary|truncatewords:40`, once.
        "page_description": truncatewords(either(mission, "summary"), 40),
        "timeline": timeline(mission),
        "coordinator_member": coordinator_membership(mission),
        "rounds": rounds,
        "visit_groups": visits_by_round(mission, rounds),
        "figures": figures,
        "stated_figures": [
            (MissionFigures._meta.get_field(key).verbose_name, count)
            for key, count in stated.items()
        ],
        "named_counts": named_counts(mission),
    }
