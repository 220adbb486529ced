"""Screenshots for the README: `make screenshots` runs this file on purpose.

Its name does not start with test_, so `make test` does not collect it.
"""

from pathlib import Path

import pytest

from missions.models import Assessment, Region

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}


def test_take_screenshots(page, live_server):
    factories.ensure_countries()
    seed = factories.load_seed()
    OUT.mkdir(parents=True, exist_ok=True)
    shoot(
        page,
        live_server,
        {
            "home": "/en/",
            "list": "/en/missions/",
            "mission": f"/en/missions/{seed.slug}/",
            "mission-ru": f"/ru/missions/{seed.slug}/",
        },
    )
    later_missions(seed)  # then the charts and the recommendations have something to show
    place_regions()
    shoot(
        page,
        live_server,
        {
            "statistics": "/en/statistics/#figure-recommendations-by-topic",
            "statistics-ru": "/ru/statistics/#figure-recommendations-by-topic",
            "recommendations": "/en/recommendations/",
            "recommendations-ru": "/ru/recommendations/",
            "mission-map": f"/en/missions/{seed.slug}/#figures",
            "mission-map-ru": f"/ru/missions/{seed.slug}/#figures",
        },
    )


def shoot(page, live_server, pages):
    for device, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(live_server.url + path)
            whole = not name.startswith(("mission", "statistics"))
            page.screenshot(path=OUT / f"{name}-{device}.png", full_page=whole)


def place_regions():
    """The seed's regions at their centres, for the mission page's map."""
    for name, lat, lon in [
        ("Astana", 51.17, 71.45),
        ("Akmola Region", 52.3, 69.2),
        ("Karaganda Region", 48.6, 73.5),
    ]:
        Region.objects.filter(name=name).update(latitude=lat, longitude=lon)


def later_missions(seed):
    """Two later missions that assess the seed's recommendations, so the charts have bars."""
    report = factories.document(seed, title="Final report")
    topics = ["legal-framework", "media", "election-administration", "legal-framework"]
    recommendations = [
        factories.recommendation(report, number, topic=topic, priority=number == 1)
        for number, topic in enumerate(topics, start=1)
    ]
    for years, statuses in [(2, ["not-implemented", "partially"]), (4, ["partially", "fully"])]:
        election = factories.election(
            country=factories.country("KZ"),
            voting_day=seed.election.voting_day.replace(year=seed.starts.year + years),
        )
        later = factories.full_mission(election=election, observer_body=seed.observer_body)
        document = factories.document(later)
        for recommendation, status in zip(recommendations, statuses, strict=False):
            Assessment.objects.create(
                document=document, recommendation=recommendation, status=status
            )
