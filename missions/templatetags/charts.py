"""{% chart figure csv_url %}: a figure as SVG, its legend, its data table and CSV link."""

from django import template
from django.urls import reverse

from missions.charts import maps
from missions.charts.bars import bar_chart, summary
from missions.mission_charts import MISSION_FIGURES

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


@register.inclusion_tag("charts/figure.html")
def chart(figure, csv_url, heading_level=2):
    return {
        "figure": figure,
        "chart": bar_chart(figure),
        "summary": summary(figure),
        "csv_url": csv_url,
        "marks": PATTERN_MARKS,
        "heading_level": heading_level,
        "multi": len(figure.series) > 1,
    }


@register.filter
def mark(style, marks=PATTERN_MARKS):
    return marks[style.pattern]


@register.filter
def pattern_id(style, key):
    return style.pattern_id(key)


@register.inclusion_tag("charts/world_map.html")
def world_map(figure):
    """A figure counting countries (it has `codes`: {label: ISO code}) as a shaded map."""
    counts = {figure.codes[row.label]: row.total for row in figure.rows}
    names = {figure.codes[row.label]: row.label for row in figure.rows}
    return {"figure": figure, "map": maps.world_map(counts, names)}


@register.inclusion_tag("charts/mission_map.html")
def mission_map(mission):
    """The host country with the regions visited marked where their position is known, and
    every region visited listed; uses the visits the mission page has prefetched."""
    regions = []
    for visit in mission.visits.all():
        if visit.region not in regions:
            regions.append(visit.region)
    placed = [r for r in regions if r.has_position and r.country_id == mission.election.country_id]
    places = [(r.local_name, float(r.latitude), float(r.longitude)) for r in placed]
    drawn = maps.country_map(mission.election.country.code, places) if places else None
    numbers = {}
    if drawn:
        for marker in drawn["markers"]:
            numbers[placed[marker["number"] - 1].pk] = marker["number"]
    return {
        "mission": mission,
        "map": drawn,
        "regions": [(region, numbers.get(region.pk)) for region in regions],
    }


@register.inclusion_tag("charts/mission_charts.html")
def mission_charts(mission, preview=False):
    """The mission page's small charts; a recommendations chart only when it made some."""
    figures = [build(mission) for build in MISSION_FIGURES.values()]
    for figure in figures:
        figure.csv_url = reverse(
            "missions:mission_chart_csv", kwargs={"slug": mission.slug, "key": figure.key}
        )
    shown = [f for f in figures if not (f.key == "mission-recommendations" and f.empty)]
    return {"figures": shown, "preview": preview, "mission": mission}
