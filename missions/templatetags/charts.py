"""{% chart figure csv_url %}: a figure as SVG, its legend, its data table and CSV link.

The charts' templates are Jinja2 (templates/jinja2/charts/, missions/jinja.py: the bytes
Django's templates gave); these tags render them for the Django templates that show charts."""

import unicodedata

from django import template
from django.template import engines
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from missions import page_scope
from missions.charts import maps
from missions.charts.bars import bar_chart, summary
from missions.mission_charts import MISSION_FIGURES
from missions.routes import one_value_path

from .mission_page import rows

register = template.Library()

PATTERN_MARKS = {
    "solid": "",
    "stripes": "M0,8 l8,-8 M-2,2 l4,-4 M6,10 l4,-4",
    "dots": "",
    "cross": "M0,0 L8,8 M8,0 L0,8",
    "horizontal": "M0,4 H8",
    "vertical": "M4,0 V8",
    "back-stripes": "M0,0 l8,8 M-2,6 l4,4 M6,-2 l4,4",
    "grid": "M0,2 H8 M2,0 V8",
}


def rendered(name, context):
    """A chart template rendered by Jinja2, safe as an inclusion tag's output is."""
    with page_scope.held():  # the language read once for the chart's numbers and messages
        return mark_safe(engines["jinja2"].env.get_template(name).render(context))  # noqa: S308


@register.simple_tag
def chart(figure, csv_url, heading_level=2):
    return rendered(
        "charts/figure.html",
        {
            "figure": figure,
            "chart": bar_chart(figure),
            "summary": summary(figure),
            "csv_url": csv_url,
            "heading_level": heading_level,
            "multi": len(figure.series) > 1,
        },
    )


LABEL_LENGTH = 70


def truncated(text, length):
    """What Truncator(text).chars(length) gives; a text that fits is not measured character
    by character (Truncator translates its ellipsis for every label, long or short)."""
    text = unicodedata.normalize("NFC", str(text))
    return text if len(text) <= length else Truncator(text).chars(length)


@register.simple_tag
def bar_rows(chart, key):
    """The chart's rows as SVG: a label, then each bar's segments and its value.

    Built here rather than by template loops, which took most of the statistics page's time
    (nine figures, hundreds of segments). Only the labels and values come from the data and
    are escaped; the rest are numbers and per cent lengths computed in charts/bars.py."""
    rows = []
    for row in chart["rows"]:
        label = escape(truncated(row["label"], LABEL_LENGTH))
        parts = [
            f'<g class="bar-row"><text x="0" y="{row["label_y"]}" class="bar-label">{label}</text>'
        ]
        for bar in row["bars"]:
            height = chart["bar_height"]
            parts += [
                f'<rect x="{segment["x"]}" y="{bar["y"]}" width="{segment["width"]}" '
                f'height="{height}" fill="url(#pattern-{key}-{segment["style"].index})" '
                'stroke="#fff" stroke-width="1"/>'
                for segment in bar["segments"]
            ]
            value, y = escape(bar["value"]), bar["y"] + 13
            parts.append(f'<text x="{bar["end"]}" dx="5" y="{y}" class="bar-value">{value}</text>')
        rows.append("".join(parts) + "</g>")
    return mark_safe("\n".join(rows))


@register.simple_tag
def country_paths(countries, empty_fill="#d5dae1"):
    """The world map's countries as SVG paths, each shaded one titled with its count; the
    paths and fills are computed in charts/maps.py, only the names are escaped."""
    paths = []
    for country in countries:
        title = ""
        if country["count"]:
            title = f"<title>{escape(country['name'])}: {localize(country['count'])}</title>"
        fill = country["fill"] or empty_fill
        paths.append(f'<path d="{country["d"]}" fill="{fill}">{title}</path>')
    return mark_safe(f'<g stroke="#fff" stroke-width="0.2">{"".join(paths)}</g>')


def pattern_mark(style):
    """The strokes of a series' pattern (its SVG path)."""
    return PATTERN_MARKS[style.pattern]


def world_map(figure):
    """A figure counting countries (it has `codes`: {label: ISO code}) as a shaded map."""
    counts = {figure.codes[row.label]: row.total for row in figure.rows}
    names = {figure.codes[row.label]: row.label for row in figure.rows}
    return rendered(
        "charts/world_map.html", {"figure": figure, "map": maps.world_map(counts, names)}
    )


def mission_map(mission):
    """The host country with the regions visited marked where their position is known, and
    every region visited listed; uses the visits the mission page has prefetched."""
    regions = []
    for visit in rows(mission, "visits"):
        if visit.region not in regions:
            regions.append(visit.region)
    placed = [r for r in regions if r.has_position and r.country_id == mission.election.country_id]
    places = [(r.local_name, float(r.latitude), float(r.longitude)) for r in placed]
    drawn = maps.country_map(mission.election.country.code, places) if places else None
    numbers = {}
    if drawn:
        for marker in drawn["markers"]:
            numbers[placed[marker["number"] - 1].pk] = marker["number"]
    return rendered(
        "charts/mission_map.html",
        {
            "mission": mission,
            "map": drawn,
            "regions": [(region, numbers.get(region.pk)) for region in regions],
        },
    )


@register.simple_tag
def mission_charts(mission, preview=False):
    """The mission page's small charts; a recommendations chart only when it made some."""
    figures = [build(mission) for build in MISSION_FIGURES.values()]
    for figure in figures:
        figure.csv_url = one_value_path(
            "missions:mission_chart_csv", "slug", mission.slug, key=figure.key
        )
    shown = [f for f in figures if not (f.key == "mission-recommendations" and f.empty)]
    return rendered(
        "charts/mission_charts.html", {"figures": shown, "preview": preview, "mission": mission}
    )
