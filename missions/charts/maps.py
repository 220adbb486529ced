"""Maps as inline SVG from Natural Earth's 1:110m countries (world-110m.json, see build_world).

Equirectangular projection: plain, and good enough at this scale for a map whose numbers are
also given in a table. The world map leaves out latitudes south of 58 degrees.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "world-110m.json"
NORTH, SOUTH = 84, -58
# Missions per country: the lower bound of each shade, lightest first; 0 stays grey.
SHADES = [(1, "#4a90c2"), (2, "#2b6ca3"), (4, "#1b4f8a"), (8, "#0b2e55")]
COUNTRY_MAP_WIDTH = 600


@lru_cache(maxsize=1)
def world():
    return json.loads(DATA.read_text())


def coordinate(tenths):
    """A coordinate given in tenths, as short as SVG allows: 10 -> "1", 5 -> ".5", -5 -> "-.5"."""
    text = f"{tenths / 10:.1f}".removesuffix(".0")
    if text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    return "0" if text == "-0" else text


def step(dx, dy, first):
    """A relative step; a minus sign separates numbers as well as a comma or a space does."""
    x, y = coordinate(dx), coordinate(dy)
    lead = "l" if first else ("" if x.startswith("-") else " ")
    return lead + x + ("" if y.startswith("-") else ",") + y


def unwrapped(ring):
    """The ring with longitudes made continuous: a ring that crosses the date line (Russia's
    far east, Fiji) goes on past 180 degrees (or -180) instead of jumping across the world."""
    offset, previous, points = 0, None, []
    for lon, lat in ring:
        if previous is not None and abs(lon - previous) > 180:
            offset += 360 if lon < previous else -360
        points.append((lon + offset, lat))
        previous = lon
    return points


def drawn_rings(rings):
    """Each ring unwrapped; one that runs past the date line a second time, shifted by a
    whole turn, so the map's edges (which clip them) show both of its sides."""
    for ring in map(unwrapped, rings):
        yield ring
        lons = [lon for lon, _ in ring]
        if max(lons) > 180 or min(lons) < -180:
            turn = -360 if max(lons) > 180 else 360
            yield [(lon + turn, lat) for lon, lat in ring]


def path(rings, project):
    """An SVG path through the rings, each point projected to (x, y), to a tenth of a unit.

    Each ring starts with an absolute move and goes on in relative steps between the rounded
    points, so rounding never adds up; a step shorter than a tenth is left out.
    """
    parts = []
    for ring in drawn_rings(rings):
        commands, at = [], None
        for lon, lat in ring:
            x, y = project(lon, lat)
            point = (round(x * 10), round(y * 10))
            if at is None:
                commands.append(f"M{coordinate(point[0])},{coordinate(point[1])}")
            elif point != at:
                commands.append(step(point[0] - at[0], point[1] - at[1], len(commands) == 1))
            at = point
        parts.append("".join(commands) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def world_paths():
    def project(lon, lat):
        return lon + 180, NORTH - lat

    return {code: path(rings, project) for code, rings in world().items()}


def shade(count):
    colour = None
    for lower, fill in SHADES:
        if count >= lower:
            colour = fill
    return colour


def legend():
    """[(label text, colour)] of the shades: "1", "2–3", "4–7", "8 or more"."""
    rows = []
    for index, (lower, colour) in enumerate(SHADES):
        upper = SHADES[index + 1][0] - 1 if index + 1 < len(SHADES) else None
        if upper is None:
            rows.append((f"{lower}+", colour))
        elif upper == lower:
            rows.append((str(lower), colour))
        else:
            rows.append((f"{lower}–{upper}", colour))
    return rows


def world_map(counts, names):
    """The world with each country in `counts` ({code: n}) shaded; `names` {code: name}."""
    countries = []
    for code, d in world_paths().items():
        n = counts.get(code, 0)
        countries.append(
            {"code": code, "d": d, "fill": shade(n), "count": n, "name": names.get(code, "")}
        )
    countries.sort(key=lambda country: country["count"])  # shaded ones drawn last, on top
    missing = [names[code] for code in counts if code not in world_paths()]
    return {
        "width": 360,
        "height": NORTH - SOUTH,
        "countries": countries,
        "legend": legend(),
        "too_small": sorted(missing),
    }


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)))


def middle(ring):
    return sum(lon for lon, _ in ring) / len(ring)


def near_centre(lon, ring_middle, centre):
    """A longitude of a ring moved by a whole turn when the ring lies across the date line
    from the centre (Fiji's islands on both sides of it)."""
    if ring_middle - centre > 180:
        return lon - 360
    if centre - ring_middle > 180:
        return lon + 360
    return lon


def bounds(code):
    """(west, south, east, north) of the country's main land: rings of at least a tenth of the
    largest one's area, so Russia's far-east islands across the date line do not widen it."""
    rings = world().get(code)
    if not rings:
        return None
    rings = [unwrapped(ring) for ring in rings]
    largest = max(area(ring) for ring in rings)
    main = [ring for ring in rings if area(ring) >= largest / 10]
    centre = middle(max(main, key=area))
    lons = [near_centre(lon, middle(ring), centre) for ring in main for lon, _ in ring]
    lats = [lat for ring in main for _, lat in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x, pad_y = (east - west) * 0.08 + 0.5, (north - south) * 0.08 + 0.5
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


@lru_cache(maxsize=64)
def country_base(code):
    """(projection, width, height, the country's path, its neighbours' paths) for a country."""
    box = bounds(code)
    if box is None:
        return None
    west, south, east, north = box
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = COUNTRY_MAP_WIDTH / ((east - west) * squeeze)
    height = (north - south) * scale

    def project(lon, lat):
        return (lon - west) * squeeze * scale, (north - lat) * scale

    centre = (west + east) / 2
    near = [
        path(towards(rings, centre), project)
        for other, rings in world().items()
        if other != code and overlaps(rings, box)
    ]
    own = path(towards(world()[code], centre), project)
    return project, COUNTRY_MAP_WIDTH, height, own, near, box


def towards(rings, centre):
    """The rings, each moved by a whole turn if it lies across the date line from the centre
    (Alaska beside Russia's far east)."""
    return [
        [(near_centre(lon, middle(ring), centre), lat) for lon, lat in ring]
        for ring in map(unwrapped, rings)
    ]


def overlaps(rings, box):
    west, south, east, north = box
    return any(
        west <= lon + turn <= east and south <= lat <= north
        for ring in rings
        for lon, lat in ring
        for turn in (0, 360, -360)  # a box past the date line (Russia's) reaches Alaska
    )


def country_map(code, places):
    """The country and its neighbours, with numbered markers at `places` [(label, lat, lon)];
    None when the country has no shape at this scale or no place lies inside the map."""
    base = country_base(code)
    if base is None:
        return None
    project, width, height, own, near, (west, south, east, north) = base
    markers = []
    for number, (label, lat, lon) in enumerate(places, start=1):
        lon = near_centre(lon, lon, (west + east) / 2)
        if west <= lon <= east and south <= lat <= north:
            x, y = project(lon, lat)
            markers.append({"number": number, "label": label, "x": f"{x:.1f}", "y": f"{y:.1f}"})
    if not markers:
        return None
    return {"width": width, "height": f"{height:.0f}", "own": own, "near": near, "markers": markers}
