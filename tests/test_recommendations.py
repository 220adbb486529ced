"""The recommendations database: filters, a recommendation's page, and what stays hidden."""

import datetime

import pytest

from missions.models import Assessment, Mission, Recommendation

from . import factories

pytestmark = pytest.mark.django_db


def assess(mission, recommendation, status, **fields):
    """An assessment of `recommendation` in a report of the later `mission`."""
    document = fields.pop("document", None) or factories.document(mission)
    return Assessment.objects.create(
        document=document, recommendation=recommendation, status=status, **fields
    )


def later_mission(earlier, years, **fields):
    election = factories.election(
        country=earlier.election.country,
        voting_day=earlier.election.voting_day + datetime.timedelta(days=365 * years),
    )
    return factories.mission(election=election, **fields)


@pytest.fixture
def archive():
    """A 2020 report with two recommendations, assessed by a 2022 and a 2024 mission."""
    first = factories.mission(observer_body=factories.organization(slug="ipa-cis"))
    report = factories.document(first, title="Final report 2020")
    legal = factories.recommendation(report, 1, text="Amend the electoral code.", priority=True)
    media = factories.recommendation(
        report, 2, text="Give candidates equal airtime.", topic=Recommendation.Topic.MEDIA
    )
    second, third = later_mission(first, 2), later_mission(first, 4)
    assess(second, legal, "not-implemented", note="No change by 2022.")
    assess(third, legal, "partially", note="A draft law by 2024.")
    draft = later_mission(first, 5, status=Mission.Status.DRAFT)
    assess(draft, media, "fully", note="zqxsecret note")
    return first, legal, media


def listed(client, query=""):
    response = client.get(f"/en/recommendations/{query}")
    assert response.status_code == 200
    return [row.number for row in response.context["object_list"]], response


def test_list_shows_the_recommendations_with_their_latest_status(client, archive):
    numbers, response = listed(client)
    assert numbers == [1, 2]
    html = response.content.decode()
    assert "Latest status: partially implemented" in html  # 2024's, not 2022's
    assert "Latest status: not assessed yet" in html  # the draft's "fully" does not count
    assert "Latest status: fully implemented" not in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?topic=media", [2]),
        ("?priority=yes", [1]),
        ("?priority=no", [2]),
        ("?status=partially", [1]),
        ("?status=none", [2]),
        ("?status=fully", []),
        ("?country=KZ", [1, 2]),
        ("?observer=ipa-cis", [1, 2]),
        ("?year=2020", [1, 2]),
    ],
)
def test_filters(client, archive, query, expected):
    assert listed(client, query)[0] == expected


def test_bad_filter_values_are_named_not_a_500(client, archive):
    numbers, response = listed(client, "?status=bogus&year=1800")
    assert "Latest status" in response.content.decode()
    assert response.context["filter"].form.errors.keys() == {"status", "year"}


def test_recommendation_page_shows_text_report_and_assessments_newest_first(client, archive):
    first, legal, _ = archive
    response = client.get(legal.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amend the electoral code." in html
    assert "Final report 2020" in html
    assert html.index("A draft law by 2024.") < html.index("No change by 2022.")
    assert [a.status for a in response.context["recommendation"].public_assessments] == [
        "partially",
        "not-implemented",
    ]


def test_assessment_by_a_draft_is_not_shown(client, archive):
    _, _, media = archive
    html = client.get(media.get_absolute_url()).content.decode()
    assert "zqxsecret" not in html
    assert "No later published mission has assessed this recommendation yet." in html


def test_recommendations_of_a_draft_are_not_found(client, archive):
    draft = factories.mission(status=Mission.Status.DRAFT)
    hidden = factories.recommendation(factories.document(draft), 1, text="zqxsecret text")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    numbers, response = listed(client)
    assert numbers == [1, 2]
    assert "zqxsecret" not in response.content.decode()


def test_russian_page(client, archive):
    _, legal, _ = archive
    response = client.get(f"/ru{legal.get_absolute_url()[3:]}")
    assert response.status_code == 200
    assert "частично" in response.content.decode().lower()
