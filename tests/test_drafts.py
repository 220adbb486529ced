"""Drafts never leak: nothing that only a draft or a mission in review mentions is public."""

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from missions.models import (
    Assessment,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Meeting,
    MeetingCounterpart,
    Mission,
    Region,
    Visit,
)
from missions.search.index import search_index_rebuild, search_index_update

from . import factories
from .helpers import API_LISTS, read_sitemap
from .public_data import add_mission2, referendum_on, tmp_media  # noqa: F401

pytestmark = pytest.mark.django_db

MARKER = "zqxdraft7"


def secret_mission(status, suffix, host_code, sender_code):
    """A mission whose every own record carries the marker in its name and slug."""
    tag = f"{MARKER}-{suffix}"
    host = factories.country(host_code)
    election = factories.election(slug=f"{tag}-election", name=f"Election {tag}", country=host)
    body = factories.organization(slug=f"{tag}-body", name=f"Body {tag}")
    coordinator = factories.person(slug=f"{tag}-coordinator", name=f"Coordinator {tag}")
    official = factories.person(slug=f"{tag}-official", name=f"Official {tag}", country=host)
    mission = factories.mission(
        slug=f"{tag}-mission",
        title=f"Mission {tag}",
        election=election,
        observer_body=body,
        status=status,
        summary=f"Summary {tag}",
    )
    delegation = Delegation.objects.create(mission=mission, country=factories.country(sender_code))
    DelegationMember.objects.create(
        delegation=delegation, person=coordinator, role="coordinator", position=f"Office {tag}"
    )
    Delegation.objects.create(
        mission=mission,
        organization=factories.organization(slug=f"{tag}-sender", name=f"Sender {tag}"),
    )
    mission.coordinator = coordinator
    mission.save()
    meeting = Meeting.objects.create(
        mission=mission,
        date=mission.starts,
        host=factories.organization(
            slug=f"{tag}-host",
            name=f"Host {tag}",
            parent=factories.organization(slug=f"{tag}-parent", name=f"Parent {tag}"),
        ),
        led_by=coordinator,
        summary=f"Meeting {tag}",
    )
    MeetingCounterpart.objects.create(meeting=meeting, person=official, position=f"Chair {tag}")
    visit = Visit.objects.create(
        mission=mission,
        date=mission.starts,
        region=Region.objects.create(country=host, name=f"Region {tag}"),
        stations_visited=999,
    )
    visit.observers.add(coordinator)
    Document.objects.create(
        mission=mission,
        kind="statement",
        date=mission.ends,
        title=f"Statement {tag}",
        findings=f"Finding {tag}",
    )
    # mission/2: every new text carries the marker (partner role, figures note, source,
    # milestone, visit notes, document body, recommendation, file title, referendum question).
    add_mission2(mission, tag, also_observed=referendum_on(election, tag))
    return mission


@pytest.fixture
def world(tmp_media):  # noqa: F811
    """The seed published, a draft hosted by Uzbekistan, a mission in review in Kazakhstan."""
    seed = factories.load_seed()
    draft = secret_mission(Mission.Status.DRAFT, "draft", host_code="UZ", sender_code="TM")
    review = secret_mission(Mission.Status.REVIEW, "review", host_code="KZ", sender_code="RU")
    # Drafts may also mention public things: the seed's observing body and coordinator.
    review.observer_body = seed.observer_body
    review.save()
    DelegationMember.objects.create(
        delegation=review.delegations.get(country__code="RU", partner=None),
        person=seed.coordinator,
    )
    # The seed's report recommends; the mission in review assesses it, which must not show.
    seed_report = factories.document(seed, title="Seed final report")
    seed_recommendation = factories.recommendation(seed_report, 1, text="Publish results fast.")
    Assessment.objects.create(
        document=review.documents.get(kind="final-report"),
        recommendation=seed_recommendation,
        status="fully",
        note=f"Assessment {MARKER}",
    )
    review.also_observed.add(seed.election)  # a public election, also observed by a draft
    search_index_update(missions=[draft, review])  # as every write path does
    return seed, draft, review


def links(html):
    found = re.findall(r'href="([^"]+)"', html) + re.findall(r"<loc>([^<]+)</loc>", html)
    found += re.findall(r'<link href="([^"]+)"', html)
    return found


def response_text(response):
    """The text a reader gets: a page, or every cell of a downloaded spreadsheet."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = [
            str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row
        ]
        workbook.close()
        return "\n".join(cells)
    return data.decode("utf-8-sig")


def crawl(client, start_urls):
    """Every page the public can reach by following links, with its status and body."""
    seen, pages, queue = set(), {}, deque(start_urls)
    while queue:
        url = queue.popleft()
        parts = urlsplit(urldefrag(url)[0])
        if parts.netloc not in ("", "testserver") or parts.path.startswith(("/admin/", "/static/")):
            continue
        if not parts.path:  # "#content": the same page
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if local in seen:
            continue
        seen.add(local)
        response = client.get(local)
        body = response_text(response)
        pages[local] = (response.status_code, body)
        if response.status_code == 200 and len(seen) < 400:
            queue.extend(links(body.replace("&amp;", "&")))
    return pages


def test_no_public_page_reachable_by_links_mentions_a_draft(client, world):
    seed = world[0]
    pages = crawl(
        client,
        [
            "/en/",
            "/en/missions/",
            "/sitemap.xml",
            "/robots.txt",
            "/en/feeds/missions/",
            "/en/feeds/documents/",
            "/en/elections/",
            "/en/countries/",
            "/en/people/",
            "/en/organizations/",
            "/en/regions/",
            "/en/recommendations/",
            "/en/statistics/",
        ],
    )
    assert seed.get_absolute_url() in pages  # the crawl did reach the published mission
    assert "/en/people/kasym-jomart-tokaev/" in pages
    akmola = Region.objects.get(name="Akmola Region")
    assert f"/en/regions/{akmola.pk}/" in pages  # and the region pages
    assert "/en/recommendations/kz-senate-2017-ipa-cis/1/" in pages  # and recommendations
    assert "/en/statistics/countries-observed.csv" in pages  # and the statistics' CSV files
    assert len(pages) > 25
    for url, (status, body) in pages.items():
        assert status == 200, url
        assert MARKER not in body.lower(), url


SEED_TITLE = "IPA CIS observation of the elections to the Senate of Kazakhstan, 2017"


@pytest.mark.parametrize(
    "query, expected",
    [
        (f"q={MARKER}", []),
        ("q=Summary", []),  # only the drafts' summaries say "Summary"
        # Not "Finding": search stems words, and the seed's "Findings by ..." is public.
        ("q=Chair", []),  # only the drafts' counterparts are a "Chair"
        ("country=UZ", []),
        ("sender=TM", []),
        (f"observer={MARKER}-draft-body", []),
        ("year=2020", []),
        ("country=KZ", [SEED_TITLE]),
        ("kind=parliamentary-upper", [SEED_TITLE]),  # the review also observed the seed's
        ("kind=referendum", []),  # only the drafts also observed a referendum
        ("status=draft", [SEED_TITLE]),  # not a filter: ignored
    ],
)
def test_list_and_search_never_return_a_draft(client, world, query, expected):
    html = client.get(f"/en/missions/?{query}").content.decode()
    # The search box echoes what was typed; the results must not.
    results = html.split('id="results-heading"')[1]
    assert MARKER not in results.lower()
    assert re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', results) == expected


def test_filter_choices_offer_nothing_only_drafts_have(client, world):
    html = client.get("/en/missions/").content.decode()
    assert 'value="UZ"' not in html  # host country of the draft only
    assert 'value="TM"' not in html  # sending nation of the draft only
    assert 'value="2020"' not in html  # year of the drafts only
    assert 'value="KZ"' in html and 'value="RU"' in html


def test_statistics_count_only_published(client, world):
    response = client.get("/en/statistics/")
    assert response.context["mission_count"] == 1
    for figure in response.context["figures"]:
        for row in figure.rows:
            assert MARKER not in row.label.lower(), figure.key
    html = response.content.decode()
    assert "999" not in html  # the drafts' stations
    assert 'value="UZ"' not in html and f"{MARKER}-draft-body" not in html
    csv = client.get("/en/statistics/stations-and-regions.csv").content.decode()
    assert MARKER not in csv.lower() and "999" not in csv


def test_home_figures_count_only_published(client, world):
    html = client.get("/en/").content.decode()
    assert re.search(r"<dt>Missions</dt><dd>1</dd>", html)
    assert re.search(r"<dt>Polling stations visited</dt><dd>0</dd>", html)


@pytest.mark.parametrize("which", ["draft", "review"])
def test_every_page_only_a_draft_reaches_is_not_found(client, world, which):
    tag = f"{MARKER}-{which}"
    urls = [
        f"/en/missions/{tag}-mission/",
        f"/en/elections/{tag}-election/",
        f"/en/people/{tag}-coordinator/",
        f"/en/people/{tag}-official/",
        f"/en/organizations/{tag}-body/",
        f"/en/organizations/{tag}-sender/",
        f"/en/organizations/{tag}-host/",
        f"/en/organizations/{tag}-parent/",
        f"/en/organizations/{tag}-partner/",
        f"/en/organizations/{tag}-co-issuer/",
        f"/en/elections/referendum-{tag}-election/",
    ]
    region = Region.objects.get(name=f"Region {tag}")
    urls.append(f"/en/regions/{region.pk}/")
    urls.append(f"/en/recommendations/{tag}-mission/7/")
    abroad = Region.objects.get(name=f"Region abroad {tag}")
    urls.append(f"/en/regions/{abroad.pk}/")
    file = DocumentFile.objects.get(document__mission__slug=f"{tag}-mission")
    urls.append(reverse("document_file", kwargs={"uid": file.uid, "name": file.filename}))
    if which == "draft":
        urls += ["/en/countries/uz/", "/en/countries/tm/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert MARKER not in response.content.decode().lower(), url


def test_shared_pages_show_only_the_published_side(client, world):
    seed = world[0]
    for url in [
        "/en/countries/kz/",
        "/en/countries/ru/",
        "/en/organizations/ipa-cis/",
        "/en/people/ilyas-umakhanov/",
        seed.election.get_absolute_url(),
    ]:
        html = client.get(url).content.decode()
        assert MARKER not in html.lower(), url


@pytest.mark.parametrize(
    "url",
    [
        f"/en/people/?q={MARKER}",
        "/en/people/?q=coordinator",
        "/en/people/?country=UZ",
        f"/en/organizations/?q={MARKER}",
        "/en/organizations/?q=parent",
        f"/en/regions/?q={MARKER}",
        "/en/elections/",
        "/en/countries/",
    ],
)
def test_indexes_and_their_searches_list_nothing_only_drafts_have(client, world, url):
    html = client.get(url).content.decode()
    # The search box echoes what was typed; the results must not.
    results = html.split("</form>")[-1] if "</form>" in html else html.split("<main")[1]
    assert MARKER not in results.lower()
    if "?" in url:  # the search found nothing, and the country only a draft has is refused
        assert re.search(r'id="results-heading">0 ', html) or "Select a valid choice" in html


@pytest.mark.parametrize("name", ["person", "organization", "region"])
def test_list_filters_by_a_draft_only_record_are_refused(client, world, name):
    value = {
        "person": f"{MARKER}-draft-coordinator",
        "organization": f"{MARKER}-draft-host",
        "region": Region.objects.get(name=f"Region {MARKER}-draft").pk,
    }[name]
    html = client.get(f"/en/missions/?{name}={value}").content.decode()
    assert "Select a valid choice" in html
    assert MARKER not in html.split('id="results-heading"')[1].lower()


def test_feeds_and_sitemap_list_only_published(client, world):
    feeds = [
        client.get(url).content.decode() for url in ["/en/feeds/missions/", "/en/feeds/documents/"]
    ]
    for url, body in zip(
        ["missions feed", "documents feed", "sitemap"], [*feeds, read_sitemap(client)], strict=True
    ):
        assert MARKER not in body.lower(), url
        assert "kz-senate-2017-ipa-cis" in body, url


def test_preview_needs_a_staff_login(client, django_user_model, world):
    url = reverse("missions:mission_preview", kwargs={"slug": f"{MARKER}-draft-mission"})
    # Issue 16: a 404, not a redirect that would name the admin's address.
    response = client.get(url)
    assert response.status_code == 404 and "Location" not in response
    assert "/admin/" not in response.content.decode() and MARKER not in response.content.decode()
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.get(url)
    assert response.status_code == 404 and MARKER not in response.content.decode()


def test_staff_preview_shows_the_draft_and_keeps_it_out_of_search_engines(
    client, django_user_model, world
):
    staff = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    # Issue 16: previewing needs the view permission on missions, as the admin does.
    staff.user_permissions.add(Permission.objects.get(codename="view_mission"))
    client.force_login(staff)
    url = reverse("missions:mission_preview", kwargs={"slug": f"{MARKER}-draft-mission"})
    html = client.get(url).content.decode()
    assert f"Mission {MARKER}-draft" in html
    assert f"Finding {MARKER}-draft" in html
    for text in ["Role", "Note", "Source", "Milestone", "Notes", "Body", "Recommendation", "File"]:
        assert f"{text} {MARKER}-draft" in html, text  # the mission/2 records, shown to staff
    file = DocumentFile.objects.get(document__mission__slug=f"{MARKER}-draft-mission")
    file_url = reverse("document_file", kwargs={"uid": file.uid, "name": file.filename})
    assert f'href="{file_url}"' in html
    response = client.get(file_url)
    assert response.status_code == 200  # staff who may preview fetch the draft's file
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "Staff preview: this mission is draft" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    # Logged in as staff, the public address still refuses the draft.
    assert client.get(f"/en/missions/{MARKER}-draft-mission/").status_code == 404


def search_results(client, url):
    """The results part of a search page (the search box and the suggestions for an empty
    result echo what was typed)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split('id="results-heading"')[1].split('class="empty"')[0]


@pytest.mark.parametrize("rebuilt", [False, True], ids=["kept-on-write", "rebuilt"])
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("show", ["", "mission", "document", "person", "organization"])
def test_search_never_finds_a_draft(client, world, rebuilt, language, show):
    if rebuilt:
        search_index_rebuild()
    for query in (MARKER, f"{MARKER}-draft", f'"Mission {MARKER}"', "Summary", "Chair"):
        url = f"/{language}/search/?q={query}&show={show}"
        results = search_results(client, url)
        assert MARKER not in results.lower(), url
        assert "search-hit" not in results, url  # nothing else found either


def test_search_page_links_lead_only_to_public_pages(client, world):
    """Crawl from the search page for the marker and for words the seed and drafts share."""
    pages = crawl(client, ["/en/search/?q=Kazakhstan", "/ru/search/?q=Умаханов"])
    assert world[0].get_absolute_url() in pages
    for url, (status, body) in pages.items():
        assert status == 200, url
        assert MARKER not in body.lower(), url


def test_no_index_entry_holds_draft_text(world):
    from missions.models import SearchEntry

    for entries in (SearchEntry.objects.all(), None):
        if entries is None:
            search_index_rebuild()
            entries = SearchEntry.objects.all()
        texts = entries.values_list("heading", "body_en", "body_ru", "stems_heading", "stems_body")
        assert texts and not any(MARKER in " ".join(row).lower() for row in texts)


def api_links(value):
    """Every address of this API in a JSON answer: records, pages, files."""
    if isinstance(value, dict):
        return [link for item in value.values() for link in api_links(item)]
    if isinstance(value, list):
        return [link for item in value for link in api_links(item)]
    if isinstance(value, str) and value.startswith("http://testserver/api/"):
        return [value]
    return []


def test_no_api_answer_reachable_from_the_lists_mentions_a_draft(client, world):
    seen, queue = set(), deque(f"/api/v1/{kind}/?page_size=1" for kind in API_LISTS)
    queue.append("/api/v1/popolo.json")
    while queue:
        url = queue.popleft().removeprefix("http://testserver")
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode().lower(), url
        queue.extend(api_links(response.json()))
    assert "/api/v1/missions/kz-senate-2017-ipa-cis/" in seen
    assert len(seen) > 30


@pytest.mark.parametrize("which", ["draft", "review"])
def test_every_api_record_only_a_draft_reaches_is_not_found(client, world, which):
    tag = f"{MARKER}-{which}"
    records = [
        f"missions/{tag}-mission",
        f"elections/{tag}-election",
        f"organizations/{tag}-body",
        f"organizations/{tag}-host",
        f"organizations/{tag}-parent",
        f"people/{tag}-coordinator",
        f"people/{tag}-official",
        f"regions/{Region.objects.get(name=f'Region {tag}').pk}",
        f"documents/{Document.objects.get(title=f'Statement {tag}').uid}",
    ]
    if which == "draft":
        records.append("countries/uz")
    for record in records:
        assert client.get(f"/api/v1/{record}/").status_code == 404, record
    for name, value in [("person", f"{tag}-coordinator"), ("organization", f"{tag}-host")]:
        response = client.get(f"/api/v1/missions/?{name}={value}")
        assert response.status_code == 400 and list(response.json()) == [name]
