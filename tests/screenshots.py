"""Screenshots for the README: `make screenshots` runs this file on purpose.

Its name does not start with test_, so `make test` does not collect it.
"""

from pathlib import Path

import pytest

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}


def test_take_screenshots(page, live_server):
    factories.ensure_countries()
    seed = factories.load_seed()
    OUT.mkdir(parents=True, exist_ok=True)
    pages = {
        "home": "/en/",
        "list": "/en/missions/",
        "mission": f"/en/missions/{seed.slug}/",
        "mission-ru": f"/ru/missions/{seed.slug}/",
    }
    for device, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(live_server.url + path)
            whole = not name.startswith("mission")
            page.screenshot(path=OUT / f"{name}-{device}.png", full_page=whole)
