"""A reader in a real Chromium: from the home page through the filters to the seed mission."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from missions.models import Assessment, Region

from . import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site(live_server):
    """The seed mission and a second one elsewhere, so the filter has work to do."""
    factories.ensure_countries()
    seed = factories.load_seed()
    other = factories.full_mission(
        election=factories.election(country=factories.country("AM")),
        title="Observation of the Armenian elections",
    )
    # Two of the seed's regions placed, so its page draws the map.
    Region.objects.filter(name="Astana").update(latitude=51.17, longitude=71.45)
    Region.objects.filter(name="Karaganda Region").update(latitude=49.8, longitude=73.1)
    # A recommendation of the seed's report, assessed by the later mission.
    recommendation = factories.recommendation(factories.document(seed), 1, priority=True)
    Assessment.objects.create(
        document=factories.document(other), recommendation=recommendation, status="partially"
    )
    return live_server.url, seed, other


def test_reader_filters_to_the_seed_mission_and_finds_its_facts(page, site):
    base, seed, other = site
    page.goto(base + "/en/")
    page.get_by_role("link", name="Browse all missions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Missions")
    expect(page.get_by_role("link", name=other.title)).to_be_visible()

    page.get_by_label("Host country").select_option(label="Kazakhstan")
    page.get_by_role("button", name="Apply filters").click()
    assert "country=KZ" in page.url  # the filter is kept in the address
    expect(page.get_by_role("link", name=other.title)).to_have_count(0)
    page.get_by_role("link", name=seed.title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(seed.title)
    coordinator = page.locator(".coordinator")
    expect(coordinator).to_contain_text("Ilyas Umakhanov")
    expect(coordinator).to_contain_text("Deputy Speaker of the Federation Council")
    regions = page.locator("#regions tbody tr th")
    expect(regions).to_have_text(["Astana", "Akmola Region", "Karaganda Region"])


def test_the_skip_link_is_the_first_stop_and_visible_on_focus(page, site):
    base, seed, _ = site
    page.goto(base + seed.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")


def test_pages_fit_a_phone_without_sideways_scrolling(page, site):
    base, seed, _ = site
    page.set_viewport_size(PHONE)
    paths = ["/en/", "/ru/", "/en/missions/", seed.get_absolute_url(), "/en/people/"]
    paths += ["/ru/countries/", "/ru/organizations/", "/en/regions/"]
    paths += ["/en/statistics/", "/ru/statistics/", "/en/recommendations/"]
    paths += ["/ru/recommendations/kz-senate-2017-ipa-cis/1/"]
    for path in paths:
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], path


def test_printed_mission_page_is_a_report_without_navigation(page, site):
    base, seed, _ = site
    page.goto(base + seed.get_absolute_url())
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#documents")).to_contain_text("territorial election commissions")


def test_main_pages_have_no_serious_accessibility_violations(page, site):
    base, seed, _ = site
    axe = Axe()
    paths = [
        "/",
        "/en/missions/",
        "/en/missions/?q=no+such+thing",
        seed.get_absolute_url(),
        seed.election.get_absolute_url(),
        "/en/countries/kz/",
        "/en/people/ilyas-umakhanov/",
        "/en/organizations/ipa-cis/",
        "/en/missions/no-such-mission/",
        "/en/elections/",
        "/en/countries/",
        "/en/people/?q=umakhanov",
        "/en/organizations/",
        "/en/regions/",
        "/en/missions/?person=ilyas-umakhanov",
        "/en/statistics/",
        "/ru/statistics/?observer=ipa-cis&since=2017",
        "/en/statistics/?since=2030",
        "/en/recommendations/",
        "/en/recommendations/?status=none",
        "/en/recommendations/kz-senate-2017-ipa-cis/1/",
    ]
    for viewport in [{"width": 1280, "height": 900}, PHONE]:
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(base + path)
            results = axe.run(page)
            assert results.response["testEngine"]["name"] == "axe-core"
            serious = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            assert serious == [], f"{path} at {viewport['width']}px"
