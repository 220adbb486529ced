"""The public pages show every fact of a published mission, each name linked to its page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.views.defaults import server_error

from missions.models import Mission

from . import factories
from .helpers import read_sitemap

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    return factories.load_seed()


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def test_home_shows_latest_upcoming_and_figures(client, seed):
    future = factories.election(voting_day=datetime.date.today() + datetime.timedelta(days=30))
    factories.mission(election=future, title="Mission to a coming election")
    html = page(client, reverse("missions:home"))
    latest = html.split('id="latest-heading"')[1]
    upcoming = html.split('id="upcoming-heading"')[1].split('id="latest-heading"')[0]
    assert seed.title in latest
    assert "Mission to a coming election" in upcoming
    assert seed.title not in upcoming
    # two missions, two host-country elections both in KZ, one named observer
    assert re.search(r"<dt>Missions</dt><dd>2</dd>", html)
    assert re.search(r"<dt>Countries observed</dt><dd>1</dd>", html)
    assert re.search(r"<dt>Observers sent</dt><dd>1</dd>", html)
    assert h1_count(html) == 1


def test_home_counts_polling_stations_of_published_missions(client):
    factories.full_mission()
    factories.full_mission(status=Mission.Status.DRAFT)
    html = page(client, reverse("missions:home"))
    assert re.search(r"<dt>Polling stations visited</dt><dd>4</dd>", html)


def test_mission_page_shows_every_fact_of_the_seed(client, seed):
    html = page(client, seed.get_absolute_url())
    assert h1_count(html) == 1
    for text in [
        "Elections to the Senate of the Parliament of the Republic of Kazakhstan",
        "28 June 2017",
        "27 June 2017",
        "29 June 2017",
        "short-term",
        "parliamentary (upper chamber)",
        "Deputy Speaker of the Federation Council of the Federal Assembly of the Russian",
        "Armenia",
        "Belarus",
        "Kyrgyzstan",
        "Moldova",
        "Russian Federation",
        "Tajikistan",
        "IPA CIS Council Secretariat",
        "Speaker of the Senate of the Parliament of the Republic of Kazakhstan",
        "Chairman of the Central Election Commission of the Republic of Kazakhstan",
        "Speaker of the Majilis of the Parliament of the Republic of Kazakhstan",
        "Press conference",
        "Astana",
        "Akmola Region",
        "Karaganda Region",
        "opening, voting, counting, tabulation",
        "Findings by the IPA CIS International Observers Team",
        "territorial election commissions showed a high level of organization",
        "held monitoring in three regions",
    ]:
        assert text in html, text
    coordinator = html.split('class="coordinator"')[1].split("</div>")[0]
    assert 'href="/en/people/ilyas-umakhanov/"' in coordinator
    assert "Ильяс Умаханов" in coordinator


def test_mission_page_links_every_name(client, seed):
    html = page(client, seed.get_absolute_url())
    for url in [
        "/en/elections/kz-senate-2017/",
        "/en/countries/kz/",
        "/en/countries/am/",
        "/en/countries/tj/",
        "/en/organizations/ipa-cis/",
        "/en/organizations/ipa-cis-council-secretariat/",
        "/en/organizations/kz-senate/",
        "/en/organizations/kz-cec/",
        "/en/organizations/kz-majilis/",
        "/en/people/ilyas-umakhanov/",
        "/en/people/kasym-jomart-tokaev/",
        "/en/people/berik-imashev/",
        "/en/people/nurlan-nigmatulin/",
    ]:
        assert f'href="{url}"' in html, url
        page(client, url)


def test_timeline_groups_events_by_day(client, seed):
    html = page(client, seed.get_absolute_url())
    timeline = html.split('id="timeline-heading"')[1].split('id="regions-heading"')[0]
    days = re.findall(r'<time datetime="(2017-06-\d\d)">', timeline)
    assert days == ["2017-06-27", "2017-06-28", "2017-06-29"]
    day_28 = timeline.split('datetime="2017-06-28"')[1].split('datetime="2017-06-29"')[0]
    assert "Majilis" in day_28 and "Karaganda Region" in day_28
    assert "Press conference" in timeline.split('datetime="2017-06-29"')[1]


def test_election_page_puts_missions_side_by_side(client, seed):
    other = factories.full_mission(election=seed.election, title="Second team")
    factories.full_mission(election=seed.election, title="Draft team", status=Mission.Status.DRAFT)
    html = page(client, seed.election.get_absolute_url())
    assert seed.title in html and other.title in html
    assert "Draft team" not in html
    assert "territorial election commissions" in html
    assert "The count was transparent." in html
    assert h1_count(html) == 1


def test_country_page_shows_missions_hosted_and_delegations_sent(client, seed):
    kz = page(client, reverse("missions:country_detail", kwargs={"code": "kz"}))
    assert seed.title in kz
    assert "Karaganda Region" in kz
    assert 'href="/en/people/kasym-jomart-tokaev/"' in kz
    russia = page(client, reverse("missions:country_detail", kwargs={"code": "ru"}))
    sent = russia.split('id="sent-heading"')[1]
    assert seed.title in sent and "1 member named" in sent


def test_country_without_published_missions_is_not_found(client, seed):
    page(client, "/en/countries/uz/", status=404)
    page(client, "/en/countries/KZ/", status=404)
    page(client, "/en/countries/zz/", status=404)


def test_person_page_shows_missions_and_meetings_with_office(client, seed):
    umakhanov = page(client, "/en/people/ilyas-umakhanov/")
    assert "Deputy Speaker of the Federation Council" in umakhanov
    assert "coordinator" in umakhanov
    assert "led the observers" in umakhanov
    tokaev = page(client, "/en/people/kasym-jomart-tokaev/")
    assert "as Speaker of the Senate of the Parliament of the Republic of Kazakhstan" in tokaev
    assert f'href="{seed.get_absolute_url()}#timeline"' in tokaev


def test_organization_page_shows_parent_children_and_missions(client, seed):
    ipa = page(client, "/en/organizations/ipa-cis/")
    assert seed.title in ipa
    assert 'href="/en/organizations/iimdd-ipa-cis/"' not in ipa  # never named by the mission
    assert 'href="/en/organizations/ipa-cis-council-secretariat/"' in ipa
    senate = page(client, "/en/organizations/kz-senate/")
    assert 'href="/en/organizations/kz-parliament/"' in senate
    assert 'href="/en/elections/kz-senate-2017/"' in senate
    parliament = page(client, "/en/organizations/kz-parliament/")
    assert 'href="/en/organizations/kz-senate/"' in parliament


def test_list_filters_search_and_sort(client, seed):
    other = factories.full_mission(
        election=factories.election(
            country=factories.country("AM"),
            kind="presidential",
            voting_day=datetime.date(2018, 4, 2),
        ),
        monitoring="long-term",
    )
    url = reverse("missions:mission_list")

    def titles(query):
        html = page(client, f"{url}?{query}")
        return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)

    assert titles("") == [other.title, seed.title]
    assert titles("sort=oldest") == [seed.title, other.title]
    assert titles("country=KZ") == [seed.title]
    assert titles("year=2018") == [other.title]
    assert titles("kind=presidential") == [other.title]
    assert titles("monitoring=short-term") == [seed.title]
    assert titles("observer=ipa-cis") == [seed.title]
    assert titles("sender=TJ") == [seed.title]
    assert titles("sender=RU") == [other.title, seed.title]
    assert titles("q=territorial+election") == [seed.title]  # a finding
    assert titles("q=Karaganda") == [seed.title]  # the summary
    assert titles("q=senate+of+kazakhstan") == [seed.title]  # the title


def test_list_keeps_filters_in_pagination_links(client):
    for _ in range(21):
        factories.mission(election=factories.election(country=factories.country("AM")))
    html = page(client, reverse("missions:mission_list") + "?country=AM&sort=oldest")
    assert "Page 1 of 2" in html
    assert re.search(r'href="\?country=AM&amp;sort=oldest&amp;page=2"', html)
    second = page(client, reverse("missions:mission_list") + "?country=AM&sort=oldest&page=2")
    assert len(re.findall('class="card-title"', second)) == 1


def test_list_pages_count_the_whole_list_and_refuse_a_page_past_its_end(client):
    for _ in range(21):
        factories.mission(election=factories.election(country=factories.country("AM")))
    url = reverse("missions:mission_list") + "?country=AM"
    for number in ("2", "last"):
        html = page(client, f"{url}&page={number}")
        assert "21 missions" in html and "Page 2 of 2" in html
        assert len(re.findall('class="card-title"', html)) == 1
    assert client.get(f"{url}&page=3").status_code == 404
    assert client.get(f"{url}&page=0").status_code == 404
    empty = page(client, reverse("missions:mission_list") + "?country=AM&q=nothing+like+this")
    assert "0 missions" in empty and "No published mission matches these filters." in empty


def test_list_pages_show_missions_of_one_date_and_title_once_each_in_created_order(client):
    election = factories.election(country=factories.country("AM"))
    same = [factories.mission(election=election, title="Twin") for _ in range(25)]
    url = reverse("missions:mission_list") + "?country=AM"
    shown = [
        slug
        for number in (1, 2)
        for slug in re.findall(
            r'href="/en/missions/([\w-]+)/"', page(client, f"{url}&page={number}")
        )
    ]
    assert shown == [mission.slug for mission in same]


def test_list_empty_result_says_so_and_offers_to_clear(client, seed):
    html = page(client, reverse("missions:mission_list") + "?q=nothing+like+this")
    assert "No published mission matches these filters." in html
    assert 'href="/en/missions/">Clear all filters' in html


def test_list_bad_filter_value_is_named_not_a_server_error(client, seed):
    html = page(client, reverse("missions:mission_list") + "?country=XX&year=abc")
    assert "Host country:" in html and "Year:" in html
    assert "Select a valid choice" in html


def test_list_controls_are_labelled(client, seed):
    html = page(client, reverse("missions:mission_list"))
    for name in ["q", "country", "year", "kind", "monitoring", "observer", "sender", "sort"]:
        assert f'<label for="id_{name}">' in html, name
        assert f'id="id_{name}"' in html, name


def test_pages_carry_canonical_and_open_graph(client, seed):
    html = page(client, seed.get_absolute_url() + "?utm=x")
    assert f'<link rel="canonical" href="http://testserver{seed.get_absolute_url()}">' in html
    assert f'<meta property="og:title" content="{seed.title}">' in html
    assert '<meta property="og:type" content="article">' in html


def test_not_found_page_is_in_site_style(client):
    html = page(client, "/en/missions/no-such-mission/", status=404)
    assert "Page not found" in html
    assert 'class="skip-link"' in html and h1_count(html) == 1


def test_server_error_page_is_in_site_style(rf):
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and 'class="skip-link"' in html


def test_robots_txt_points_to_sitemap_and_hides_preview(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_public_pages(client, seed):
    xml = read_sitemap(client)
    for url in [
        seed.get_absolute_url(),
        "/en/elections/kz-senate-2017/",
        "/en/countries/kz/",
        "/en/people/berik-imashev/",
        "/en/organizations/kz-parliament/",
    ]:
        assert f"<loc>http://testserver{url}</loc>" in xml, url


def test_stylesheets_are_served(client):
    assert "skip-link" in b"".join(client.get("/static/css/site.css").streaming_content).decode()
    assert "@page" in b"".join(client.get("/static/css/print.css").streaming_content).decode()


def test_the_russian_organizations_index_is_in_the_order_of_the_names_it_shows(client):
    """A body without a Russian name is shown (and sorted) by its English one, not first."""
    for name_en, name_ru in [("Zulu Observers", ""), ("Alpha Observers", ""), ("Aaa", "Яковлев")]:
        factories.mission(observer_body=factories.organization(name_en=name_en, name_ru=name_ru))
    html = client.get("/ru/organizations/").content.decode()
    shown = [html.index(name) for name in ("Alpha Observers", "Zulu Observers", "Яковлев")]
    assert shown == sorted(shown)


def test_the_description_is_the_summary_s_first_forty_words_escaped(client):
    words = [f"w{n}" for n in range(50)]
    mission = factories.full_mission(summary=" ".join(["<b>Tom", "&", "Jerry</b>", *words]))
    html = client.get(mission.get_absolute_url()).text
    shown = "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; " + " ".join(words[:37]) + " …"
    assert f'<meta name="description" content="{shown}">' in html
    assert f'<meta property="og:description" content="{shown}">' in html
