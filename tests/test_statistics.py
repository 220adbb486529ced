"""The statistics page: every figure's numbers against the database, its table and CSV."""

import csv
import datetime
import io
import re

import pytest
from django.db.models import Count, Sum

from missions.models import (
    Assessment,
    DelegationMember,
    Meeting,
    Mission,
    MissionFigures,
    Visit,
)
from missions.statistics import FIGURES

from . import factories

pytestmark = pytest.mark.django_db


def mission_in(year, **fields):
    election = factories.election(voting_day=datetime.date(year, 3, 1), **fields.pop("at", {}))
    return factories.full_mission(election=election, **fields)


@pytest.fixture
def archive():
    """Three published missions (2018 and 2020, two bodies, both kinds), and a draft."""
    ipa = factories.organization(slug="ipa", name="IPA")
    cis = factories.organization(slug="cis", name="CIS")
    first = mission_in(2018, observer_body=ipa)
    second = mission_in(2020, observer_body=ipa, monitoring=Mission.Monitoring.LONG_TERM)
    third = mission_in(2020, observer_body=cis, at={"country": factories.country("AM")})
    MissionFigures.objects.create(mission=first, observers=40, polling_stations=120)
    report = factories.document(first)
    legal = factories.recommendation(report, 1)
    factories.recommendation(report, 2, topic="media")
    Assessment.objects.create(
        document=factories.document(second), recommendation=legal, status="partially"
    )
    draft = mission_in(2020, observer_body=cis, status=Mission.Status.DRAFT)
    MissionFigures.objects.create(mission=draft, observers=999)
    Assessment.objects.create(
        document=factories.document(draft), recommendation=legal, status="fully"
    )
    return first, second, third


def figure_of(response, key):
    return next(figure for figure in response.context["figures"] if figure.key == key)


def numbers(figure):
    return {row.label: row.values for row in figure.rows}


def table_of(html, key):
    """{row heading: [cells]} of the figure's data table as rendered."""
    section = html.split(f'id="figure-{key}"')[1].split("</section>")[0]
    body = section.split("<tbody>")[1].split("</tbody>")[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        heading = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S)[1])
        rows[heading.strip()] = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
    return rows


def page(client, query=""):
    response = client.get(f"/en/statistics/{query}")
    assert response.status_code == 200
    return response, response.content.decode()


def published():
    return Mission.objects.filter(status=Mission.Status.PUBLISHED)


def test_missions_per_year_match_the_database_and_the_table(client, archive):
    response, html = page(client)
    by_body = figure_of(response, "missions-by-body")
    expected = {}
    for year, body, n in (
        published()
        .values_list("starts__year", "observer_body__name")
        .annotate(n=Count("id"))
        .order_by()
    ):
        expected.setdefault(str(year), {})[body] = n
    assert by_body.series == ["CIS", "IPA"]
    assert numbers(by_body) == {
        year: [counts.get("CIS", 0), counts.get("IPA", 0)] for year, counts in expected.items()
    }
    assert numbers(by_body) == {"2018": [0, 1], "2020": [1, 1]}
    table = table_of(html, "missions-by-body")
    assert table == {"2018": ["0", "1", "1"], "2020": ["1", "1", "2"]}  # with the total
    monitoring = figure_of(response, "missions-by-monitoring")
    assert numbers(monitoring) == {"2018": [1, 0], "2020": [1, 1]}


def test_countries_and_sending_nations(client, archive):
    response, html = page(client)
    countries = numbers(figure_of(response, "countries-observed"))
    assert countries == {"Kazakhstan": [2], "Armenia": [1]}
    assert table_of(html, "countries-observed") == {"Kazakhstan": ["2"], "Armenia": ["1"]}
    nations = numbers(figure_of(response, "observers-by-nation"))
    russia = DelegationMember.objects.filter(
        delegation__mission__in=published(), delegation__country__code="RU"
    )
    expected = {"Russian Federation": russia.count()}
    assert nations == {name: [n] for name, n in expected.items()}
    assert table_of(html, "observers-by-nation") == {"Russian Federation": ["3"]}
    assert nations == {"Russian Federation": [3]}


def test_stated_and_named_observers_are_apart(client, archive):
    response, html = page(client)
    figure = figure_of(response, "observers-stated-named")
    assert figure.series == ["Stated by the sources", "Named in the records"]
    named_2020 = DelegationMember.objects.filter(
        delegation__mission__in=published(), delegation__mission__starts__year=2020
    ).count()
    assert numbers(figure) == {"2018": [40, 2], "2020": [0, named_2020]}  # not the draft's 999
    assert "999" not in html


def test_meetings_by_counterpart_kind(client, archive):
    first = archive[0]
    first.meetings.filter(host__isnull=False).update()
    host = first.meetings.filter(host__isnull=False).first().host
    host.kind = "election-commission"
    host.save()
    response, html = page(client)
    counts = numbers(figure_of(response, "meetings-by-counterpart"))
    total = Meeting.objects.filter(mission__in=published()).exclude(kind="milestone").count()
    assert sum(values[0] for values in counts.values()) == total
    assert counts["election commission"] == [1]
    assert counts["kind not given"] == [2]
    assert counts["no host organization recorded"] == [3]  # the press conferences


def test_stations_and_regions_per_mission(client, archive):
    first = archive[0]
    Visit.objects.create(
        mission=first, date=first.starts, region=first.visits.get().region, stations_visited=6
    )
    response, html = page(client)
    rows = numbers(figure_of(response, "stations-and-regions"))
    recorded = published().annotate(s=Sum("visits__stations_visited")).get(pk=first.pk).s
    assert rows[first.title] == [120, recorded, 1]
    assert recorded == 10
    assert rows[archive[1].title] == [None, 4, 1]
    assert table_of(html, "stations-and-regions")[first.title] == ["120", "10", "1"]
    assert table_of(html, "stations-and-regions")[archive[1].title] == ["–", "4", "1"]


def test_recommendations_by_topic_and_over_time(client, archive):
    response, html = page(client)
    topics = figure_of(response, "recommendations-by-topic")
    assert topics.series[-1] == "not assessed yet"
    by_topic = numbers(topics)
    assert by_topic["Legal framework"] == [0, 0, 1, 0, 0, 0]  # partially, not the draft's fully
    assert by_topic["Media"] == [0, 0, 0, 0, 0, 1]
    over_time = numbers(figure_of(response, "implementation-over-time"))
    assert over_time == {"2020": [0, 0, 1, 0, 0]}
    assert table_of(html, "implementation-over-time") == {"2020": ["0", "0", "1", "0", "0", "1"]}


def test_filter_by_observer_body_and_period(client, archive):
    response, _ = page(client, "?observer=cis")
    assert numbers(figure_of(response, "missions-by-body")) == {"2020": [1]}
    assert response.context["mission_count"] == 1
    response, _ = page(client, "?since=2019&until=2020")
    assert numbers(figure_of(response, "countries-observed")) == {
        "Armenia": [1],
        "Kazakhstan": [1],
    }
    response, _ = page(client, "?until=2018")
    assert numbers(figure_of(response, "missions-by-monitoring")) == {"2018": [1, 0]}


def test_an_empty_selection_says_so_instead_of_drawing(client, archive):
    response, html = page(client, "?since=2030")
    assert html.count("No data for this selection") == len(FIGURES)
    assert '<svg class="bar-chart"' not in html


def test_bad_filter_values_are_named(client, archive):
    response, html = page(client, "?since=soon&observer=nobody")
    assert "Some filters could not be used" in html
    assert set(response.context["filter"].form.errors) == {"since", "observer"}


def test_draft_bodies_are_not_offered(client, archive):
    draft_body = factories.organization(slug="zqxsecret-body")
    mission_in(2021, observer_body=draft_body, status=Mission.Status.DRAFT)
    _, html = page(client)
    assert "zqxsecret" not in html
    assert page(client, "?observer=zqxsecret-body")[0].context["mission_count"] == 0


@pytest.mark.parametrize("key", FIGURES)
def test_each_csv_holds_the_table_numbers(client, archive, key):
    response, html = page(client, "?since=2018")
    assert f"/en/statistics/{key}.csv?since=2018" in html
    download = client.get(f"/en/statistics/{key}.csv?since=2018")
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    figure = figure_of(response, key)
    assert rows[0] == [figure.label_heading, *figure.series]
    assert {row[0]: row[1:] for row in rows[1:]} == {
        row.label: ["" if v is None else str(v) for v in row.values] for row in figure.rows
    }


def test_unknown_csv_is_not_found(client, archive):
    assert client.get("/en/statistics/nothing.csv").status_code == 404


def test_chart_is_an_accessible_image(client, archive):
    _, html = page(client)
    section = html.split('id="figure-countries-observed"')[1]
    svg = section.split('<svg class="bar-chart"')[1].split("</svg>")[0]
    assert 'role="img"' in svg
    assert '<title id="countries-observed-title">Countries observed</title>' in svg
    assert "Kazakhstan: 2; Armenia: 1" in svg  # the description


def test_russian_page(client, archive):
    html = client.get("/ru/statistics/").content.decode()
    assert "Статистика" in html
    assert "Казахстан" in html
