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
    assert re.search(r'fill="#4a90c2"><title>Kazakhstan: 1</title>', section)
    assert '<g stroke="#fff" stroke-width="0.2"><path ' in section  # borders drawn in white
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


def points(d):
    """The absolute points, in tenths, of each subpath of a path of M, l and Z commands."""
    subpaths = []
    for move in d.split("M")[1:]:
        start, _, steps = move.rstrip("Z").partition("l")
        numbers = [round(float(n) * 10) for n in re.findall(r"-?[0-9]*\.?[0-9]+", steps)]
        x, y = (round(float(n) * 10) for n in start.split(","))
        subpath = [(x, y)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            subpath.append((x, y))
        subpaths.append(subpath)
    return subpaths


def test_no_border_is_drawn_across_the_map():
    """Rings crossing the date line go on past the map's edge, which clips them, instead of
    being joined by a line across the world: no step is that long, and every ring closes
    where it started, so no chord is filled across Russia's far east (a wedge before)."""
    for code, d in maps.world_paths().items():
        for subpath in points(d):
            xs = [x for x, _ in subpath]
            steps = [abs(b - a) for a, b in zip(xs, xs[1:], strict=False)]
            assert max(steps, default=0) < 1800, code
            assert subpath[0] == subpath[-1], code


def test_a_path_passes_through_every_projected_point_to_a_tenth():
    """The relative steps add up to the rounded points themselves, in order (no drift), and a
    ring past the date line is drawn on both sides of the map."""
    turn = 3600  # 360 degrees, in tenths
    for code, rings in maps.world().items():
        drawn = [
            [(x % turn, y) for x, y in subpath] for subpath in points(maps.world_paths()[code])
        ]
        for ring in rings:
            expected = []
            for lon, lat in ring:
                point = (round((lon + 180) * 10) % turn, round((maps.NORTH - lat) * 10))
                if not expected or point != expected[-1]:
                    expected.append(point)
            assert expected in drawn, code
        assert len(drawn) == len(rings) + sum(crosses(ring) for ring in rings), code


def crosses(ring):
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:], strict=False))


def test_russias_map_spans_russia_not_the_world():
    west, _, east, _ = maps.bounds("RU")
    assert 10 < west < 30 and 180 < east < 210  # from the Baltic to past the date line
    west, _, east, _ = maps.bounds("FJ")
    assert east - west < 10


def test_a_place_past_the_date_line_is_marked_on_russias_map():
    places = [("Moscow", 55.75, 37.6), ("Chukotka", 66.0, -172.0)]
    markers = maps.country_map("RU", places)["markers"]
    assert [marker["number"] for marker in markers] == [1, 2]
    assert float(markers[1]["x"]) > float(markers[0]["x"])  # east of Moscow, not off the map
