"""Build missions/charts/world-110m.json from Natural Earth's 1:110m countries.

The boundaries come from the npm package world-atlas (Natural Earth 1:110m Cultural Vectors,
public domain; the package's TopoJSON is ISC-licensed, (c) Michael Bostock). Run once when
the data should change; nothing is fetched when the site runs:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python -m missions.charts.build_world package/countries-110m.json

Writes {ISO alpha-2: [ring, ...]}, each ring a list of [longitude, latitude] rounded to
0.1 degree with repeated points dropped (Antarctica left out).
"""

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent / "world-110m.json"
PRECISION = 1  # decimals of a degree: about 11 km, finer than the 1:110m data


def decode_arcs(topology):
    """The topology's arcs as lists of [longitude, latitude] (undoing quantization)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    rounded = []
    for lon, lat in points:
        point = [round(lon, PRECISION), round(lat, PRECISION)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def alpha2(numeric):
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else None


def build(source):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    world = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry.get("id"))
        if not code or code == "AQ":
            continue
        rings = [ring(arcs, part) for polygon in polygons(geometry) for part in polygon]
        world.setdefault(code, []).extend(r for r in rings if len(r) >= 4)
    return world


if __name__ == "__main__":
    world = build(sys.argv[1])
    OUT.write_text(json.dumps(world, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{OUT}: {len(world)} countries, {OUT.stat().st_size // 1024} KB")
