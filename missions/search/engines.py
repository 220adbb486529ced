"""The engine of the current database: PostgreSQL's full-text search or SQLite's FTS5."""

from django.db import connection


def engine():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


# Numbers and counts the scored entries (id, kind, score) per kind; keeps each kind's first
# (which carries its total) and the windows asked for.
WINDOWED = """
SELECT id, kind, score, place, total FROM (
    SELECT id, kind, score,
        row_number() OVER (PARTITION BY kind ORDER BY score DESC, id) AS place,
        count(*) OVER (PARTITION BY kind) AS total
    FROM ({scored}) scored) numbered
WHERE place = 1{windows}
ORDER BY kind, place"""


def windowed(scored, windows):
    """The SQL and parameters that number `scored` (SQL selecting id, kind, score) per kind."""
    where = " OR (kind = %s AND place > %s AND place <= %s)" * len(windows)
    bounds = [
        value for kind, (start, size) in windows.items() for value in (kind, start, start + size)
    ]
    return WINDOWED.format(scored=scored, windows=where), bounds


def in_window(windows, kind, place):
    """Whether the entry at `place` (from 1) of its kind is in the window asked for it."""
    offset, limit = windows.get(kind, (0, 0))
    return offset < place <= offset + limit
