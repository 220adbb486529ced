"""Maps: the world shaded by missions, and a mission's host country with its regions."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missions.charts import maps
from missions.models import Region

from . import factories

pytestmark = pytest.mark.django_db


def test_the_shipped_boundaries_are_small_and_hold_the_member_nations():
    assert maps.DATA.stat().st_size < 300 * 1024
    for code in ["KZ", "RU", "AM", "BY", "KG", "TJ", "UZ", "AZ", "MD"]:
        assert code in maps.world(), code


def test_mission_without_positions_lists_its_regions_and_draws_no_map(client):
    seed = factories.load_seed()
    html = client.get(seed.get_absolute_url()).content.decode()
    regions = html.split('class="mission-map"')[1].split("</div>")[0]
    assert "<svg" not in regions
    assert re.findall(r'<a href="/en/regions/\d+/">([^<]+)</a>', regions) == [
        "Astana",
        "Akmola Region",
        "Karaganda Region",
    ]


def test_mission_map_marks_the_regions_whose_position_is_known(client):
    seed = factories.load_seed()
    Region.objects.filter(name="Astana").update(latitude=Decimal("51.17"), longitude=71.45)
    Region.objects.filter(name="Karaganda Region").update(latitude=49.8, longitude=73.1)
    html = client.get(seed.get_absolute_url()).content.decode()
    section = html.split('class="mission-map"')[1].split("</ul>")[0]
    assert 'role="img"' in section and "Map of Kazakhstan with the regions visited" in section
    assert re.findall(
        r'<text x="[\d.]+" y="[\d.]+" dy="4" text-anchor="middle" fill="#fff">(\d)', section
    ) == ["1", "2"]
    assert '<desc id="mission-map-desc">1: Astana; 2: Karaganda Region</desc>' in section
    # Akmola has no position: listed, not marked.
    assert re.search(
        r"Akmola Region</a>\s*<span class=\"muted\">\(position not recorded\)", section
    )
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', section).groups())
    for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', section):
        assert 0 <= float(x) <= width and 0 <= float(y) <= height


def test_a_position_outside_the_host_country_map_draws_no_marker():
    assert maps.country_map("KZ", [("Moscow", 55.75, 37.6)]) is None
    assert maps.country_map("KZ", [("Astana", 51.17, 71.45)])["markers"][0]["number"] == 1


def test_world_map_shades_countries_by_their_missions(client):
    factories.load_seed()
    html = client.get("/en/statistics/").content.decode()
    section = html.split('id="figure-countries-observed"')[1].split("</section>")[0]
    assert re.search(
        r'fill="#4a90c2" stroke="#fff" stroke-width="0.2"><title>Kazakhstan: 1</title>', section
    )
    assert section.count("<title>") == 1  # one country titled with its count: Kazakhstan
    assert maps.shade(0) is None and maps.shade(1) == "#4a90c2" and maps.shade(9) == "#0b2e55"
    assert [label for label, _ in maps.legend()] == ["1", "2–3", "4–7", "8+"]


def test_region_position_needs_both_coordinates_in_range():
    region = Region(country=factories.country("KZ"), name="Half placed", latitude=50)
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "longitude" in error.value.message_dict
    region.longitude = 200
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "longitude" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Region.objects.create(country=factories.country("KZ"), name="Half", latitude=50)


def test_no_border_is_drawn_across_the_map():
    """Rings crossing the date line are broken there, not joined by a line across the world."""
    for code, d in maps.world_paths().items():
        for subpath in d.split("M")[1:]:
            xs = [float(point.split(",")[0]) for point in subpath.rstrip("Z").split("L")]
            steps = [abs(b - a) for a, b in zip(xs, xs[1:], strict=False)]
            assert max(steps, default=0) < 180, code
