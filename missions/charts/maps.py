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


def path(rings, project):
    """An SVG path through the rings, each point projected to (x, y). A ring that crosses the
    date line (Russia's far east, Fiji) is broken there instead of drawn across the map."""
    parts = []
    for ring in rings:
        commands, previous = [], None
        for lon, lat in ring:
            x, y = project(lon, lat)
            jump = previous is not None and abs(lon - previous) > 180
            commands.append(("M" if previous is None or jump else "L") + f"{x:.1f},{y:.1f}")
            previous = lon
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


def bounds(code):
    """(west, south, east, north) of the country's main land: rings of at least a tenth of the
    largest one's area, so Russia's far-east islands across the date line do not widen it."""
    rings = world().get(code)
    if not rings:
        return None
    largest = max(area(ring) for ring in rings)
    main = [ring for ring in rings if area(ring) >= largest / 10]
    lons = [lon for ring in main for lon, _ in ring]
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

    near = [
        path(rings, project)
        for other, rings in world().items()
        if other != code and overlaps(rings, box)
    ]
    return project, COUNTRY_MAP_WIDTH, height, path(world()[code], project), near, box


def overlaps(rings, box):
    west, south, east, north = box
    return any(west <= lon <= east and south <= lat <= north for ring in rings for lon, lat in ring)


def country_map(code, places):
    """The country and its neighbours, with numbered markers at `places` [(label, lat, lon)];
    None when the country has no shape at this scale or no place lies inside the map."""
    base = country_base(code)
    if base is None:
        return None
    project, width, height, own, near, (west, south, east, north) = base
    markers = []
    for number, (label, lat, lon) in enumerate(places, start=1):
        if west <= lon <= east and south <= lat <= north:
            x, y = project(lon, lat)
            markers.append({"number": number, "label": label, "x": f"{x:.1f}", "y": f"{y:.1f}"})
    if not markers:
        return None
    return {"width": width, "height": f"{height:.0f}", "own": own, "near": near, "markers": markers}
