"""Index pages, the region page, and the long lists of country, person and organization pages
cut to the latest ten with a link to the rest."""

import datetime
import re

import pytest
from django.db import connection

from missions.filters.records import PersonFilter
from missions.models import (
    Delegation,
    DelegationMember,
    Meeting,
    Mission,
    Person,
    Region,
    Visit,
)
from missions.views.public import Latest
from missions.visibility import public_people

from . import factories

pytestmark = pytest.mark.django_db


def card_titles(html):
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)


def result_count(html):
    return int(re.search(r'id="results-heading">\s*(\d+)', html).group(1))


def dated_missions(count, **fields):
    """`count` published missions a year apart, the newest titled "Mission 0"."""
    missions = []
    for age in range(count):
        election = factories.election(voting_day=datetime.date(2025 - age, 3, 1))
        missions.append(factories.mission(election=election, title=f"Mission {age}", **fields))
    return missions


@pytest.fixture
def seed():
    return factories.load_seed()


# --- long lists: the latest ten and a link to the rest ---------------------------------------


def test_country_page_shows_the_latest_ten_missions_and_links_to_all(client):
    dated_missions(12)
    factories.mission(status=Mission.Status.DRAFT, title="Draft mission")
    html = client.get("/en/countries/kz/").text
    assert card_titles(html) == [f"Mission {age}" for age in range(10)]
    assert "Showing 10 of 12." in html
    assert '<a href="/en/missions/?country=KZ">All 12 missions observing elections' in html
    listed = client.get("/en/missions/?country=KZ").text
    assert result_count(listed) == 12


def test_country_page_with_few_missions_has_no_link_to_more(client, seed):
    html = client.get("/en/countries/kz/").text
    assert "Showing" not in html
    assert "?country=KZ" not in html


def test_country_page_links_to_all_delegations_people_and_regions(client):
    for mission in dated_missions(11):
        Delegation.objects.create(mission=mission, country=factories.country("AM"))
        region = Region.objects.create(country=factories.country("KZ"), name=f"R{mission.pk}")
        Visit.objects.create(mission=mission, date=mission.starts, region=region)
    for number, delegation in enumerate(Delegation.objects.filter(country__code="AM")):
        person = factories.person(country=factories.country("AM"), name=f"Observer {number:02}")
        DelegationMember.objects.create(delegation=delegation, person=person)
    armenia = client.get("/en/countries/am/").text
    assert "All 11 delegations sent by this country" in armenia
    assert "All 11 people from this country" in armenia
    assert 'href="/en/missions/?sender=AM"' in armenia
    assert 'href="/en/people/?country=AM"' in armenia
    assert "Observer 09" in armenia and "Observer 10" not in armenia  # by name
    kazakhstan = client.get("/en/countries/kz/").text
    assert "All 11 regions visited in this country" in kazakhstan
    people = client.get("/en/people/?country=AM").text
    assert result_count(people) == 11


def test_person_page_links_to_every_mission_of_the_person(client):
    person = factories.person(name="Busy Observer")
    for mission in dated_missions(12):
        delegation = Delegation.objects.create(mission=mission, country=factories.country("RU"))
        DelegationMember.objects.create(delegation=delegation, person=person)
    draft = factories.mission(status=Mission.Status.DRAFT, title="Draft mission")
    DelegationMember.objects.create(
        delegation=Delegation.objects.create(mission=draft, country=factories.country("RU")),
        person=person,
    )
    html = client.get(person.get_absolute_url()).text
    assert html.count("— observer") == 10
    assert "Mission 9<" in html and "Mission 10<" not in html
    assert f'href="/en/missions/?person={person.slug}"' in html
    listed = client.get(f"/en/missions/?person={person.slug}").text
    assert result_count(listed) == 12
    assert "Draft mission" not in listed
    assert "Missions involving" in listed and "Busy Observer</a>" in listed


def test_person_filter_finds_every_role(client, seed):
    listed = client.get("/en/missions/?person=kasym-jomart-tokaev").text  # met the observers
    assert card_titles(listed) == [seed.title]
    other = factories.full_mission(title="Another mission")
    listed = client.get("/en/missions/?person=kasym-jomart-tokaev").text
    assert other.title not in listed


def test_organization_page_links_to_its_missions(client):
    body = factories.organization(name="Busy Body", slug="busy-body")
    for mission in dated_missions(11):
        Meeting.objects.create(mission=mission, date=mission.starts, host=body)
    html = client.get(body.get_absolute_url()).text
    assert html.count("#timeline") == 10
    assert 'href="/en/missions/?organization=busy-body"' in html
    listed = client.get("/en/missions/?organization=busy-body").text
    assert result_count(listed) == 11


def test_unknown_person_in_the_list_filter_is_named_not_a_server_error(client, seed):
    response = client.get("/en/missions/?person=nobody-at-all")
    assert response.status_code == 200
    assert "Some filters could not be used" in response.text
    assert "Person: Select a valid choice" in response.text


def test_the_hidden_filters_are_not_offered_as_form_fields(client, seed):
    html = client.get("/en/missions/").text
    assert 'name="person"' not in html and 'name="region"' not in html
    html = client.get("/en/missions/?person=ilyas-umakhanov").text
    assert '<input type="hidden" name="person" value="ilyas-umakhanov"' in html


# --- index pages -----------------------------------------------------------------------------


def test_navigation_reaches_every_index(client, seed):
    html = client.get("/en/").text
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    for url in ["/en/elections/", "/en/countries/", "/en/people/", "/en/organizations/"]:
        assert f'href="{url}"' in nav
        assert client.get(url).status_code == 200
    assert 'href="/en/people/" aria-current="page"' in client.get("/en/people/").text


def test_countries_index_counts_hosted_and_sent(client, seed):
    factories.mission(status=Mission.Status.DRAFT)  # hosted by Kazakhstan, but a draft
    html = client.get("/en/countries/").text
    kazakhstan = re.search(r"Kazakhstan</a></th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html)
    assert kazakhstan.groups() == ('<a href="/en/missions/?country=KZ">1</a>', "0")
    russia = re.search(r"Russian Federation</a></th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html)
    assert russia.groups() == ("0", '<a href="/en/missions/?sender=RU">1</a>')


def test_people_index_searches_both_scripts(client, seed):
    latin = client.get("/en/people/?q=umakhanov").text
    assert result_count(latin) == 1 and "Ilyas Umakhanov</a>" in latin
    cyrillic = client.get("/en/people/?q=Умаханов").text
    assert result_count(cyrillic) == 1 and "Ilyas Umakhanov</a>" in cyrillic
    nobody = client.get("/en/people/?q=nobody").text
    assert "Nobody matches this search." in nobody


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's"
)
def test_people_search_on_postgresql_reads_the_trigram_indexes(seed):
    """Its words are looked up in the indexes (migration 0031), not by reading every person:
    the indexes must keep matching the expressions Django writes for `icontains`."""
    searched = PersonFilter({"q": "umakhanov ilyas"}, queryset=public_people()).qs
    names_only = PersonFilter({"q": "umakhanov ilyas"}, queryset=Person.objects.all()).qs
    sql, params = names_only.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_name_trgm_idx" in plan and "person_name_original_trgm_idx" in plan
    assert [person.name for person in searched] == ["Ilyas Umakhanov"]


def test_people_index_is_paginated(client, seed):
    mission = factories.mission()
    delegation = Delegation.objects.create(mission=mission, country=factories.country("RU"))
    for number in range(60):
        person = factories.person(name=f"Zz Observer {number:02}")
        DelegationMember.objects.create(delegation=delegation, person=person)
    first = client.get("/en/people/?q=observer").text
    assert result_count(first) == 60
    assert "Zz Observer 49" in first and "Zz Observer 50" not in first
    assert 'href="?q=observer&amp;page=2"' in first
    assert "Zz Observer 50" in client.get("/en/people/?q=observer&page=2").text


def test_organizations_and_elections_indexes_list_the_seeds(client, seed):
    organizations = client.get("/en/organizations/?q=senate").text
    assert 'href="/en/organizations/kz-senate/"' in organizations
    elections = client.get("/en/elections/").text
    assert f'href="{seed.election.get_absolute_url()}"' in elections


def test_region_page_lists_visits_by_mission(client, seed):
    region = Region.objects.get(name="Akmola Region")
    other = factories.full_mission(title="Second visit")
    Visit.objects.create(mission=other, date=other.starts, region=region, stations_visited=7)
    html = client.get(f"/en/regions/{region.pk}/").text
    assert "<h1>Akmola Region</h1>" in html
    assert card_titles(html) == ["Second visit", seed.title]
    assert "7 polling stations visited" in html
    mission_page = client.get(seed.get_absolute_url()).text
    assert f'href="/en/regions/{region.pk}/">Akmola Region</a>' in mission_page
    listed = client.get(f"/en/missions/?region={region.pk}").text
    assert result_count(listed) == 2


def test_region_page_counts_only_published_visits(client, seed):
    region = Region.objects.get(name="Akmola Region")
    draft = factories.mission(status=Mission.Status.DRAFT)
    Visit.objects.create(mission=draft, date=draft.starts, region=region)
    html = client.get("/en/countries/kz/").text
    assert re.search(r"Akmola Region</a>[^<]*— 1 visit<", html)


def test_latest_counts_a_distinct_list_once_per_row():
    missions = dated_missions(12)
    for mission in missions:  # two delegations each: the join repeats every mission
        for code in ("AM", "BY"):
            Delegation.objects.create(mission=mission, country=factories.country(code))
    joined = Mission.objects.filter(delegations__country__code__in=["AM", "BY"])
    assert Latest(joined.order_by("-starts")).total == 24
    latest = Latest(joined.distinct().order_by("-starts"))
    assert (len(latest), latest.total, latest.more) == (10, 12, True)
    few = Latest(joined.distinct().order_by("-starts"), length=20)
    assert (len(few), few.total, few.more) == (12, 12, False)
