"""Horizontal bar charts: geometry for templates/jinja2/charts/figure.html and its `bar_rows` tag.

Each row is a label line with its bar below, so the chart reads on a phone as on a desktop:
the SVG has no viewBox, its bars are placed in per cent of its width and its text keeps its
size, so nothing shrinks on a narrow screen.
Series differ by colour and by pattern (solid, stripes, dots, ...), so colour is never the
only cue; every colour has at least 3:1 contrast against the white page (WCAG 1.4.11).
"""

from dataclasses import dataclass

BAR_START = 0.0  # per cent of the chart's width
BAR_SPACE = 88.0  # the longest bar, in per cent; room for its value after it
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
ROW_GAP = 10

# Contrast against white: 8.6, 5.9, 5.1, 8.2, 7.3, 10.0, 6.5, 6.1 to 1.
COLOURS = ["#1b4f8a", "#b5400a", "#2e7d32", "#5b2a86", "#a4262c", "#37474f", "#00695c", "#6b5200"]
PATTERNS = ["solid", "stripes", "dots", "cross", "horizontal", "vertical", "back-stripes", "grid"]


@dataclass
class Style:
    index: int
    colour: str
    pattern: str

    def pattern_id(self, key):
        return f"pattern-{key}-{self.index}"


def styles(count):
    return [Style(i, COLOURS[i % len(COLOURS)], PATTERNS[i % len(PATTERNS)]) for i in range(count)]


def bar_chart(figure):
    """Rows of label and segments, in SVG units, for the figure's template."""
    series_styles = styles(len(figure.series))
    if figure.stacked:
        largest = max((row.total for row in figure.rows), default=0)
    else:
        largest = max((value or 0 for row in figure.rows for value in row.values), default=0)
    scale = BAR_SPACE / largest if largest else 0
    rows, y = [], 0
    for row in figure.rows:
        label_y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        bars = []
        if figure.stacked:
            x, segments = BAR_START, []
            for value, style in zip(row.values, series_styles, strict=True):
                if value:
                    segments.append(
                        {"x": x, "width": value * scale, "style": style, "value": value}
                    )
                    x += value * scale
            bars.append({"y": y, "segments": segments, "value": row.total, "end": x})
            y += BAR_HEIGHT + ROW_GAP
        else:
            for value, style in zip(row.values, series_styles, strict=True):
                width = (value or 0) * scale
                segment = {"x": BAR_START, "width": width, "style": style, "value": value}
                shown = "–" if value is None else value
                bars.append(
                    {"y": y, "segments": [segment], "value": shown, "end": BAR_START + width}
                )
                y += BAR_HEIGHT + 2
            y += ROW_GAP
        rows.append({"label": row.label, "label_y": label_y, "bars": bars})
    for row in rows:
        for bar in row["bars"]:
            bar["end"] = percent(bar["end"])
            for segment in bar["segments"]:
                segment["x"], segment["width"] = percent(segment["x"]), percent(segment["width"])
    return {
        "height": max(y, 1),
        "rows": rows,
        "styles": series_styles,
        "bar_height": BAR_HEIGHT,
        "legend": list(zip(figure.series, series_styles, strict=True)),
    }


def summary(figure, limit=12):
    """The figure in one sentence for the SVG's <desc>: "2017: 3; 2018: 5; ..."."""
    parts = []
    for row in figure.rows[:limit]:
        if len(figure.series) == 1:
            parts.append(f"{row.label}: {row.total}")
        else:
            values = ", ".join(
                f"{name} {value if value is not None else '–'}"
                for name, value in zip(figure.series, row.values, strict=True)
                if value
            )
            parts.append(f"{row.label}: {values or 0}")
    if len(figure.rows) > limit:
        parts.append("…")
    return "; ".join(parts)


def percent(value):
    """A length in per cent as SVG wants it, whatever the site's language: "12.5%"."""
    return f"{value:.2f}%"
