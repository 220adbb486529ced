"""A figure's data, the rows and series a chart and its table show, and the helpers that
fold counted pairs into them (missions/statistics.py, missions/mission_charts.py)."""

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Row:
    label: str
    values: list
    url: str = ""

    @property
    def total(self):
        return sum(value or 0 for value in self.values)


@dataclass
class Figure:
    """One chart's data: what it shows, its series (columns) and rows."""

    key: str
    title: str
    description: str
    label_heading: str
    series: list
    rows: list = field(default_factory=list)
    stacked: bool = True  # False: one bar per series side by side
    note: str = ""

    @property
    def empty(self):
        return not any(row.total for row in self.rows)

    def csv_rows(self):
        yield [self.label_heading, *self.series]
        for row in self.rows:
            yield [row.label, *(value if value is not None else "" for value in row.values)]


def crosstab(pairs, row_keys, series_keys):
    """[(row, series, count)] as {row: [count per series]} for the keys given, in order."""
    table = defaultdict(lambda: [0] * len(series_keys))
    position = {key: index for index, key in enumerate(series_keys)}
    for row, series, count in pairs:
        if row in row_keys and series in position:
            table[row][position[series]] += count or 0
    return [table[row] for row in row_keys]


def by_year(pairs):
    """[(date, *keys, count)] summed into [(year, *keys, count)].

    Grouping by the date itself and summing the years here is cheaper than grouping by its
    year: SQLite extracts a year with a Python function called once per row counted.
    """
    totals = defaultdict(int)
    for day, *keys, count in pairs:
        totals[(day.year, *keys)] += count or 0
    return [(*keys, count) for keys, count in totals.items()]
