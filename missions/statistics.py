"""The numbers behind the statistics page: each figure a table of rows by series.

Every figure starts from the published missions a reader selected (observer body, period)
and costs one or two queries whatever the archive's size.
"""

from collections import defaultdict

from django.db.models import Count, Sum
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from .figures import Figure, Row, by_year, crosstab
from .followup import with_latest_status
from .models import (
    Assessment,
    Country,
    DelegationMember,
    Meeting,
    Mission,
    MissionFigures,
    Organization,
    Recommendation,
)
from .visibility import public_assessments, public_meetings, public_recommendations

LATEST_MISSIONS = 20  # missions in the per-mission figure's chart and table; the CSV has all


def by_name(model, ids):
    """{pk: record} of the given ids, one query."""
    return {record.pk: record for record in model.objects.filter(pk__in=set(ids))}


def country_rows(pairs):
    """Rows of (country id, count) pairs, largest first, and each country's code by label (for
    the map); one query."""
    countries = by_name(Country, [pk for pk, _ in pairs])
    rows = sorted(
        (Row(str(countries[pk]), [n], countries[pk].get_absolute_url()) for pk, n in pairs),
        key=lambda row: (-row.total, row.label),
    )
    return rows, {str(country): country.code for country in countries.values()}


def missions_by_year_and_body(missions):
    pairs = by_year(
        missions.values_list("starts", "observer_body_id").annotate(n=Count("id")).order_by()
    )
    bodies = by_name(Organization, [body for _, body, _ in pairs])
    body_ids = sorted(bodies, key=lambda pk: str(bodies[pk]))
    years = sorted({year for year, _, _ in pairs})
    values = crosstab(pairs, years, body_ids)
    return Figure(
        key="missions-by-body",
        title=_("Missions per year, by observer body"),
        description=_(
            "How many published missions started each year, stacked by the body that observed."
        ),
        label_heading=_("Year"),
        series=[str(bodies[pk]) for pk in body_ids],
        rows=[Row(str(year), row) for year, row in zip(years, values, strict=True)],
    )


def missions_by_year_and_monitoring(missions):
    pairs = by_year(missions.values_list("starts", "monitoring").annotate(n=Count("id")).order_by())
    kinds = [kind for kind, _ in Mission.Monitoring.choices]
    years = sorted({year for year, _, _ in pairs})
    values = crosstab(pairs, years, kinds)
    return Figure(
        key="missions-by-monitoring",
        title=_("Missions per year, by kind of monitoring"),
        description=_("How many published missions started each year, short-term and long-term."),
        label_heading=_("Year"),
        series=[str(label) for _, label in Mission.Monitoring.choices],
        rows=[Row(str(year), row) for year, row in zip(years, values, strict=True)],
    )


def countries_observed(missions):
    pairs = list(missions.values_list("election__country_id").annotate(n=Count("id")).order_by())
    rows, codes = country_rows(pairs)
    figure = Figure(
        key="countries-observed",
        title=pgettext("chart title", "Countries observed"),
        description=_("How many published missions each host country received."),
        label_heading=_("Country"),
        series=[_("Missions")],
        rows=rows,
    )
    figure.codes = codes
    return figure


def observers_by_nation(missions):
    """Named delegation members per sending nation: the records, not a stated total."""
    pairs = list(
        DelegationMember.objects.filter(
            delegation__mission__in=missions, delegation__country__isnull=False
        )
        .values_list("delegation__country_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows, codes = country_rows(pairs)
    figure = Figure(
        key="observers-by-nation",
        title=_("Observers sent, by sending nation"),
        description=_(
            "Delegation members named in the records, by the nation that sent them; "
            "one per person and mission. Sources state totals per mission, not per nation: "
            "see the next figure."
        ),
        label_heading=_("Sending nation"),
        series=[_("Observers named in the records")],
        rows=rows,
    )
    figure.codes = codes
    return figure


def observers_stated_and_named(missions):
    """Per year: the observers the sources state, and those the records name, apart."""
    stated = dict(
        by_year(
            MissionFigures.objects.filter(mission__in=missions, observers__isnull=False)
            .values_list("mission__starts")
            .annotate(n=Sum("observers"))
            .order_by()
        )
    )
    named = dict(
        by_year(
            DelegationMember.objects.filter(delegation__mission__in=missions)
            .values_list("delegation__mission__starts")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    years = sorted({*stated, *named})
    return Figure(
        key="observers-stated-named",
        title=_("Observers per year: stated figures and named members"),
        description=_(
            "The observers the sources state for their missions (missions that state no figure "
            "add nothing), beside the delegation members the records name."
        ),
        label_heading=_("Year"),
        series=[_("Stated by the sources"), _("Named in the records")],
        rows=[Row(str(year), [stated.get(year, 0), named.get(year, 0)]) for year in years],
        stacked=False,
    )


def meetings_by_counterpart(missions):
    pairs = list(
        public_meetings()
        .filter(mission__in=missions)
        .exclude(kind=Meeting.Kind.MILESTONE)
        .values_list("host__kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    labels = dict(Organization.Kind.choices)
    labels[""] = gettext_lazy("kind not given")
    labels[None] = gettext_lazy("no host organization recorded")
    counts = defaultdict(int)
    for kind, n in pairs:
        counts[kind] += n
    rows = sorted(
        (Row(str(labels.get(kind, kind)), [n]) for kind, n in counts.items()),
        key=lambda row: (-row.total, row.label),
    )
    return Figure(
        key="meetings-by-counterpart",
        title=_("Meetings by kind of counterpart organization"),
        description=_(
            "Meetings, briefings and press conferences, by the kind of organization that hosted "
            "them (milestones left out)."
        ),
        label_heading=_("Counterpart organization"),
        series=[_("Meetings")],
        rows=rows,
    )


def stations_and_regions(missions, limit=LATEST_MISSIONS):
    """Per mission, newest first: stations the source states, stations and regions recorded."""
    if limit:  # count the visits of the missions shown, not of the whole selection
        newest = missions.order_by("-starts", "title").values("pk")[:limit]
        missions = Mission.objects.filter(pk__in=newest)
    selected = (
        missions.select_related("figures")
        .annotate(
            recorded=Sum("visits__stations_visited"),
            regions_visited=Count("visits__region", distinct=True),
        )
        .order_by("-starts", "title")
    )
    rows = []
    for mission in selected:
        figures = mission.figures if hasattr(mission, "figures") else None
        stated = figures.polling_stations if figures else None
        rows.append(
            Row(
                mission.title,
                [stated, mission.recorded or 0, mission.regions_visited],
                mission.get_absolute_url(),
            )
        )
    return Figure(
        key="stations-and-regions",
        title=_("Polling stations and regions visited, per mission"),
        description=_(
            "For each mission: the polling stations its sources state it visited (empty when "
            "they state none), the stations in its visit records, and the regions it visited."
        ),
        label_heading=_("Mission"),
        series=[
            _("Stations stated by the sources"),
            _("Stations in the visit records"),
            _("Regions visited"),
        ],
        rows=rows,
        stacked=False,
        note=_("The %(count)s most recent missions of the selection; the CSV holds them all.")
        % {"count": limit}
        if limit
        else "",
    )


def status_keys():
    return [status for status, _ in Assessment.Status.choices] + [None]


def status_labels():
    return [str(label) for _, label in Assessment.Status.choices] + [_("not assessed yet")]


def recommendations_by_topic(missions):
    pairs = list(
        with_latest_status(public_recommendations().filter(mission__in=missions))
        .values_list("topic", "latest_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    labels = dict(Recommendation.Topic.choices)
    labels[""] = gettext_lazy("no topic given")
    topics = [topic for topic in [*labels] if any(topic == t for t, _, _ in pairs)]
    values = crosstab(pairs, topics, status_keys())
    return Figure(
        key="recommendations-by-topic",
        title=_("Recommendations by topic and latest status"),
        description=_(
            "The recommendations of the selected missions by topic, stacked by the status "
            "the latest published assessment gave them."
        ),
        label_heading=_("Topic"),
        series=status_labels(),
        rows=[
            Row(capfirst(str(labels[topic])), row)
            for topic, row in zip(topics, values, strict=True)
        ],
    )


def implementation_over_time(missions):
    pairs = by_year(
        public_assessments()
        .filter(recommendation__mission__in=missions)
        .values_list("document__date", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    keys = [status for status, _ in Assessment.Status.choices]
    years = sorted({year for year, _, _ in pairs})
    values = crosstab(pairs, years, keys)
    return Figure(
        key="implementation-over-time",
        title=_("Implementation status over time"),
        description=_(
            "Assessments of the selected missions' recommendations, by the year of the "
            "assessing report and the status it found."
        ),
        label_heading=_("Year"),
        series=[str(label) for _, label in Assessment.Status.choices],
        rows=[Row(str(year), row) for year, row in zip(years, values, strict=True)],
    )


FIGURES = {
    "missions-by-body": missions_by_year_and_body,
    "missions-by-monitoring": missions_by_year_and_monitoring,
    "countries-observed": countries_observed,
    "observers-by-nation": observers_by_nation,
    "observers-stated-named": observers_stated_and_named,
    "meetings-by-counterpart": meetings_by_counterpart,
    "stations-and-regions": stations_and_regions,
    "recommendations-by-topic": recommendations_by_topic,
    "implementation-over-time": implementation_over_time,
}
