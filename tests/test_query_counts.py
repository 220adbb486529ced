"""Every public page renders in a fixed number of SQL queries, with 1 mission or 50."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from missions.models import (
    Assessment,
    Delegation,
    DelegationMember,
    Mission,
    Organization,
    Person,
    Region,
    Visit,
)
from missions.public_flags import batched_flags
from missions.search.index import search_index_rebuild

from . import factories
from .public_data import add_mission2, referendum_on

pytestmark = pytest.mark.django_db

# The budget of each page, counted once and written down here. A page that needs one
# more query per mission, delegation or meeting breaks it as soon as there are 50.
BUDGETS = {
    "home": 4,  # latest, upcoming, the summed figures, countries observed
    "mission_list": 6,  # count, page, four choice lists (country=KZ checked among its choices)
    "mission_detail": 19,  # mission with its figures, delegations, members, meetings,
    #                        counterparts, visits, visit observers, documents, their co-issuers,
    #                        files, recommendations, rounds and assessments (with the earlier
    #                        recommendation and its mission), partners, also observed,
    #                        the election's rounds, phases, sources, its recommendations by status
    "election_detail": 8,  # election, rounds, results, outcomes, questions, missions,
    #                        their documents, their partners
    "election_also_observed": 8,  # the same, for an election the missions also observed
    "country_detail": 8,  # country, memberships, hosted, sent, regions, people, organizations,
    #                       open recommendations
    "mission_list_of_kind": 7,  # count, page, four choice lists (kind through also observed)
    "document_file": 1,  # the file, if its mission is published
    "person_detail": 5,  # person, memberships, counterpart roles, meetings led, visits
    "organization_detail": 7,  # organization, parent, children, observed, sent, met, elected
    "election_list": 2,  # count, page
    "country_list": 1,  # countries with their stored counts
    "person_list": 3,  # count, page, country choices
    "person_search": 3,  # count, page, country choices (country=RU checked among them)
    "organization_list": 3,  # count, page, country choices
    "region_list": 3,  # count, page, country choices (country=KZ checked among them)
    "region_detail": 4,  # region, missions with their total, visits there, visit observers
    "mission_list_of_person": 7,  # count, page, four choice lists, checking the person
    "feed_missions": 1,
    "feed_documents": 1,
    "sitemap": 7,  # the index: a count for each of six model sections, missions' latest change
    "sitemap_section": 2,  # one section: its count and its page
    # every kind ranked and counted at once; the shown entries (PostgreSQL: their headlines);
    # then per kind found, its records
    "search": 6,
    "search_of_a_kind": 3,  # ranked and counted, the page's entries, its records
    "search_filtered": 7,  # as "search", and checking country=KZ
    "search_nothing_found": 1,  # ranked and counted: nothing
    "mission_list_searched": 6,  # as "mission_list": the search is a subquery
    # The open-data API (missions/api/): a list is its count and its page (plus what it nests)
    "api_mission_list": 2,  # count, page (election, country, observer joined)
    "api_mission_list_filtered": 3,  # count, page, checking the person (search: a subquery)
    "api_mission_detail": 18,  # mission (+figures), rounds, also observed, phases, partners,
    #   delegations, members, meetings, counterparts, visits, visit observers, documents,
    #   co-issuers, their rounds, files, recommendations, assessments, sources
    "api_election_list": 3,  # count, page, rounds
    "api_country_list": 2,  # count, page
    "api_person_list": 3,  # count, page, checking country=RU
    "api_organization_list": 2,  # count, page
    "api_region_list": 2,  # count, page
    "api_document_list": 7,  # count, page, co-issuers, rounds, files, recommendations,
    #                          assessments
    "api_recommendation_list": 2,  # count, page
    "api_person_detail": 1,
    "api_popolo": 9,  # people, organizations, missions, members, member countries,
    #                   counterparts, meetings, countries, regions
    "upcoming_ics": 2,  # upcoming missions, their elections' rounds
    # Downloads: the rows in one query (read in chunks), plus what the filters check
    "download_missions_csv": 2,  # checking country=KZ, the rows
    "download_missions_xlsx": 2,
    "download_people_csv": 1,
    "download_organizations_xlsx": 1,
    "download_elections_csv": 1,
    "download_recommendations_csv": 1,
    "recommendation_list": 5,  # count, page, country, observer and year choices
    "recommendation_list_filtered": 5,  # as the list (country=KZ checked among its choices)
    "recommendation_detail": 2,  # the recommendation, its assessments
    # body choices, the count, and per figure one query (two where it names countries or bodies)
    "statistics": 16,
    "statistics_filtered": 16,  # as "statistics" (observer=... checked among its choices)
    "statistics_csv": 2,  # the figure: its counts, the countries they name
}


@pytest.fixture(scope="module", params=[1, 50], ids=["1-mission", "50-missions"])
def world(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """N published missions, all with delegations, meetings, visits and a statement, and every
    mission/2 record (partners, phases, figures, sources, rounds, results, a visit abroad, a
    final report with a file and a recommendation, a referendum also observed); the first
    mission's report assesses the others' recommendations, and theirs assess the first's.

    They share one election, organization, person and country, so those pages grow too.
    Built in one batch of the stored public flags, as any script writing many rows should be
    (missions/public_flags.py): the flags are recomputed once, not after each of its rows.

    Built once per size for the module (fifty missions take seconds), in a transaction rolled
    back when the module ends: each test runs in a savepoint inside it, so nothing a test
    writes reaches the next one.
    """
    files = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": files},
        },
    }
    with override_settings(STORAGES=storages), django_db_blocker.unblock():
        with transaction.atomic():
            with batched_flags():
                built = build_world(request.param)
            yield built
            transaction.set_rollback(True)


def build_world(count):
    shared_election = factories.election()
    shared_body = factories.organization()
    shared_person = factories.person(country=factories.country("RU"))
    shared_region = Region.objects.create(country=factories.country("KZ"), name="Shared region")
    missions = [
        factories.full_mission(election=shared_election, observer_body=shared_body)
        for _ in range(count)
    ]
    for mission in missions:
        delegation = Delegation.objects.create(mission=mission, country=factories.country("AM"))
        DelegationMember.objects.create(delegation=delegation, person=shared_person)
        visit = Visit.objects.create(mission=mission, date=mission.starts, region=shared_region)
        visit.observers.add(shared_person)
    referendum = referendum_on(shared_election, "shared")
    made = [
        add_mission2(mission, f"m{number}", also_observed=referendum)
        for number, mission in enumerate(missions)
    ]
    # the first mission's report assesses every other mission's recommendation
    for other in made[1:]:
        Assessment.objects.create(
            document=made[0]["document"], recommendation=other["recommendation"], status="partially"
        )
    # and every other mission's report assesses the first mission's recommendation
    for other in made[1:]:
        Assessment.objects.create(
            document=other["document"], recommendation=made[0]["recommendation"], status="mostly"
        )
    factories.full_mission(status=Mission.Status.DRAFT)
    world = missions[0], shared_election, shared_body, shared_person, shared_region
    return world + (referendum, made[0]["file"])


def urls(world):
    mission, election, body, person, region, referendum, file = world
    return {
        "home": "/en/",
        "mission_list": "/en/missions/?country=KZ&sort=oldest",
        "mission_detail": mission.get_absolute_url(),
        "election_detail": election.get_absolute_url(),
        "election_also_observed": referendum.get_absolute_url(),
        "mission_list_of_kind": "/en/missions/?kind=referendum",
        "document_file": f"/files/{file.uid}/{file.filename}",
        "country_detail": "/en/countries/kz/",
        "person_detail": person.get_absolute_url(),
        "organization_detail": body.get_absolute_url(),
        "election_list": "/en/elections/",
        "country_list": "/en/countries/",
        "person_list": "/en/people/",
        "person_search": "/en/people/?q=person&country=RU&page=1",
        "organization_list": "/en/organizations/",
        "region_list": "/en/regions/?country=KZ",
        "region_detail": f"/en/regions/{region.pk}/",
        "mission_list_of_person": f"/en/missions/?person={person.slug}",
        "feed_missions": "/en/feeds/missions/",
        "feed_documents": "/en/feeds/documents/",
        "sitemap": "/sitemap.xml",
        "sitemap_section": "/sitemap-people.xml",
        "search": "/en/search/?q=observation",
        "search_of_a_kind": "/ru/search/?q=observation&show=document&page=1",
        "search_filtered": "/en/search/?q=observation&country=KZ",
        "search_nothing_found": "/en/search/?q=nosuchword",
        "mission_list_searched": "/en/missions/?q=observation&country=KZ",
        "api_mission_list": "/api/v1/missions/",
        "api_mission_list_filtered": f"/api/v1/missions/?country=KZ&person={person.slug}&q=obs",
        "api_mission_detail": f"/api/v1/missions/{mission.slug}/",
        "api_election_list": "/api/v1/elections/",
        "api_country_list": "/api/v1/countries/",
        "api_person_list": "/api/v1/people/?country=RU",
        "api_organization_list": "/api/v1/organizations/",
        "api_region_list": "/api/v1/regions/",
        "api_document_list": "/api/v1/documents/",
        "api_recommendation_list": "/api/v1/recommendations/",
        "api_person_detail": f"/api/v1/people/{person.slug}/",
        "api_popolo": "/api/v1/popolo.json",
        "upcoming_ics": "/en/missions/upcoming.ics",
        "download_missions_csv": "/downloads/missions.csv?country=KZ&sort=oldest",
        "download_missions_xlsx": "/downloads/missions.xlsx?country=KZ",
        "download_people_csv": "/downloads/people.csv",
        "download_organizations_xlsx": "/downloads/organizations.xlsx",
        "download_elections_csv": "/downloads/elections.csv",
        "download_recommendations_csv": "/downloads/recommendations.csv",
        "recommendation_list": "/en/recommendations/",
        "recommendation_list_filtered": "/en/recommendations/?country=KZ&status=partially",
        "recommendation_detail": f"/en/recommendations/{mission.slug}/7/",
        "statistics": "/en/statistics/",
        "statistics_filtered": f"/en/statistics/?observer={body.slug}&since=2000&until=2030",
        "statistics_csv": "/en/statistics/observers-by-nation.csv?since=2000",
    }


@pytest.mark.parametrize("name", BUDGETS)
def test_page_stays_within_its_query_budget(client, world, name, django_assert_max_num_queries):
    url = urls(world)[name]
    if name.startswith("search"):  # every kind found: missions, documents, people, organizations
        Person.objects.update(name_original="Observation")
        Organization.objects.update(short_name="Observation")
        search_index_rebuild()
    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(url)
        if response.streaming:  # a file: read it, so the client closes it
            assert b"".join(response.streaming_content)
    assert response.status_code == 200, url
    if name in ("search", "search_filtered"):
        assert response.content.decode().count('class="search-group"') == 4, url
