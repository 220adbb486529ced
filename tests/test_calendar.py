"""The iCal of upcoming and current missions."""

import datetime

import pytest
from icalendar import Calendar

from missions import calendar
from missions.models import Mission

from . import factories

pytestmark = pytest.mark.django_db

SEED = "kz-senate-2017-ipa-cis"


@pytest.fixture
def in_june_2017(monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: datetime.date(2017, 6, 1))


def events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(response.content)
    return {str(e["uid"]).split("@")[0]: e for e in parsed.walk("VEVENT")}


def test_the_seed_and_its_voting_day_are_in_the_calendar_before_it_ends(client, in_june_2017):
    factories.load_seed()
    found = events(client, "/en/missions/upcoming.ics")
    mission = found[f"mission-{SEED}"]
    assert mission["dtstart"].dt == datetime.date(2017, 6, 27)
    assert mission["dtend"].dt == datetime.date(2017, 6, 30)  # the day after it ends
    assert str(mission["url"]) == f"http://testserver/en/missions/{SEED}/"
    assert str(mission["location"]) == "Kazakhstan"
    (voting,) = [e for uid, e in found.items() if uid.startswith("voting-")]
    assert voting["dtstart"].dt == datetime.date(2017, 6, 28)
    ru = events(client, "/ru/missions/upcoming.ics")
    assert str(ru[f"mission-{SEED}"]["summary"]).startswith("Наблюдение")


def test_past_missions_and_drafts_are_not_in_it(client):
    factories.load_seed()  # 2017: over
    future = datetime.date.today() + datetime.timedelta(days=30)
    election = factories.election(voting_day=future + datetime.timedelta(days=2))
    factories.election_round(election, 1)
    factories.election_round(election, 2)
    coming = factories.mission(
        election=election, starts=future, ends=future + datetime.timedelta(days=20)
    )
    factories.mission(status=Mission.Status.DRAFT, starts=future, ends=future)
    found = events(client, "/en/missions/upcoming.ics")
    assert sorted(found) == sorted(
        [
            f"mission-{coming.slug}",
            f"voting-{election.slug}-1-{coming.slug}",
            f"voting-{election.slug}-2-{coming.slug}",
        ]
    )


def test_home_and_mission_list_link_the_calendar(client):
    for page in ["/en/", "/en/missions/"]:
        assert 'href="/en/missions/upcoming.ics"' in client.get(page).content.decode(), page
