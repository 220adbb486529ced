"""A mission page's small figures, from the records its page has already prefetched."""

from django.db.models import Count
from django.utils.translation import gettext

from . import page_scope
from .figures import Figure, Row
from .followup import with_latest_status
from .models import VisitStage
from .prepared import Prepared
from .statistics import status_keys, status_labels
from .templatetags.mission_page import rows, stage_names
from .visibility import public_recommendations

STAGES = tuple(VisitStage.values)


def _(message):
    """gettext, kept per language (the figures' two dozen messages, on every mission page)."""
    return message_in(message, page_scope.language())


@page_scope.memo(maxsize=256)
def message_in(message, language):
    return gettext(message)


@page_scope.memo()
def statuses_in(language):
    """(status, label) of the recommendations' statuses, "not assessed yet" last."""
    return tuple(zip(status_keys(), status_labels(), strict=True))


def stations_by_region(mission):
    totals = {}
    for visit in rows(mission, "visits"):
        region = visit.region.local_name
        totals[region] = totals.get(region, 0) + (visit.stations_visited or 0)
    return Figure(
        key="mission-stations",
        title=_("Polling stations visited, by region"),
        description=_("The polling stations the visit records of this mission count, by region."),
        label_heading=_("Region"),
        series=[_("Polling stations visited")],
        rows=[Row(region, [n]) for region, n in totals.items()],
    )


def visits_by_stage(mission):
    counts = dict.fromkeys(STAGES, 0)
    for visit in rows(mission, "visits"):
        for stage in visit.stages or []:
            counts[stage] = counts.get(stage, 0) + 1
    names = stage_names(page_scope.language())
    return Figure(
        key="mission-stages",
        title=_("Visits by stage of election day observed"),
        description=_("How many of this mission's visits observed each stage of election day."),
        label_heading=_("Stage"),
        series=[_("Visits")],
        rows=[Row(names[VisitStage(stage)].capitalize(), [n]) for stage, n in counts.items()],
    )


def team_by_sender(mission):
    team = [
        Row(str(delegation.sender), [len(rows(delegation, "members"))])
        for delegation in rows(mission, "delegations")
    ]
    return Figure(
        key="mission-team",
        title=_("The team by sending nation or body"),
        description=_("Delegation members named in the records, by who sent them."),
        label_heading=_("Sent by"),
        series=[_("Observers named in the records")],
        rows=sorted(team, key=lambda row: -row.total),
    )


# Compiled once per connection and language (missions.prepared), around the mission's pk.
STATUS_COUNTS = Prepared(
    lambda mission: (
        with_latest_status(public_recommendations().filter(mission=mission))
        .values_list("latest_status")
        .annotate(n=Count("id"))
        .order_by()
    )
)


def recommendation_status(mission):
    """One query: this mission's recommendations by the latest status later missions found."""
    counts = dict(STATUS_COUNTS.rows(mission.pk))
    statuses = [
        Row(label, [counts.get(key, 0)])
        for key, label in statuses_in(page_scope.language())
        if counts.get(key)
    ]
    return Figure(
        key="mission-recommendations",
        title=_("Its recommendations, by latest status"),
        description=_(
            "This mission's recommendations by the status the latest published "
            "assessment gave them."
        ),
        label_heading=_("Status"),
        series=[_("Recommendations")],
        rows=statuses,
    )


MISSION_FIGURES = {
    "mission-stations": stations_by_region,
    "mission-stages": visits_by_stage,
    "mission-team": team_by_sender,
    "mission-recommendations": recommendation_status,
}
