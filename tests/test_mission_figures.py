"""The mission page's small charts and the country page's open recommendations."""

import csv
import io

import pytest

from missions.models import Assessment, DelegationMember, Mission, Visit

from . import factories
from .test_statistics import numbers, table_of

pytestmark = pytest.mark.django_db


def figures_of(client, mission):
    response = client.get(mission.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    return html


@pytest.fixture
def seed():
    return factories.load_seed()


def test_stations_by_region_and_stages_match_the_visits(client, seed):
    for number, visit in enumerate(seed.visits.all(), start=2):
        Visit.objects.filter(pk=visit.pk).update(stations_visited=number)
    html = figures_of(client, seed)
    expected = {}
    for visit in seed.visits.select_related("region"):
        expected[visit.region.name] = expected.get(visit.region.name, 0) + (
            visit.stations_visited or 0
        )
    assert table_of(html, "mission-stations") == {name: [str(n)] for name, n in expected.items()}
    stages = table_of(html, "mission-stages")
    assert stages["Voting"] == [str(sum("voting" in v.stages for v in seed.visits.all()))]
    assert stages["Opening"] == ["3"]


def test_team_by_sender_counts_named_members(client, seed):
    html = figures_of(client, seed)
    team = table_of(html, "mission-team")
    for delegation in seed.delegations.all():
        count = DelegationMember.objects.filter(delegation=delegation).count()
        assert team[str(delegation.sender)] == [str(count)]


def test_recommendation_status_only_when_it_made_some(client, seed):
    assert 'id="figure-mission-recommendations"' not in figures_of(client, seed)
    report = factories.document(seed)
    assessed = factories.recommendation(report, 1)
    factories.recommendation(report, 2)
    later = factories.mission(election=factories.election(), observer_body=seed.observer_body)
    Assessment.objects.create(
        document=factories.document(later), recommendation=assessed, status="mostly"
    )
    html = figures_of(client, seed)
    assert table_of(html, "mission-recommendations") == {
        "mostly implemented": ["1"],
        "not assessed yet": ["1"],
    }


def test_mission_chart_csv(client, seed):
    response = client.get(f"/en/missions/{seed.slug}/figures/mission-stations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Region", "Polling stations visited"]
    assert len(rows) == 1 + len({v.region_id for v in seed.visits.all()})
    assert client.get(f"/en/missions/{seed.slug}/figures/nothing.csv").status_code == 404
    draft = factories.mission(status=Mission.Status.DRAFT)
    assert client.get(f"/en/missions/{draft.slug}/figures/mission-team.csv").status_code == 404


def test_a_mission_without_visits_says_it_has_no_data(client):
    mission = factories.mission()
    html = figures_of(client, mission)
    assert "No data for this selection" in html.split('id="figure-mission-stations"')[1]
    assert not Visit.objects.filter(mission=mission).exists()


def test_country_page_lists_its_open_recommendations(client, seed):
    report = factories.document(seed)
    done = factories.recommendation(report, 1, text="Done already.")
    factories.recommendation(report, 2, text="Still open.")
    later = factories.mission(election=factories.election(), observer_body=seed.observer_body)
    Assessment.objects.create(
        document=factories.document(later), recommendation=done, status="fully"
    )
    html = client.get("/en/countries/kz/").content.decode()
    section = html.split('id="open-recommendations"')[1]
    assert "Still open." in section and "Done already." not in section


def test_numbers_helper_is_the_figure_rows():
    from missions.statistics import Figure, Row

    figure = Figure("k", "t", "d", "l", ["a"], rows=[Row("x", [1])])
    assert numbers(figure) == {"x": [1]}
