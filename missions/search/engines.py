"""The engine of the current database: PostgreSQL's full-text search or SQLite's FTS5."""

from django.db import connection


def engine():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


# Counts the scored entries (id, kind, score) per kind, and keeps the window asked for of
# each kind's, best first: the matches are scored once into a materialized table, then each
# window is a top-N of its kind (no sort or numbering of every match). Rows of a count have
# no id; rows of a window a total of 0.
RANKED = """
WITH {ctes}scored AS MATERIALIZED ({scored})
SELECT kind, count(*) AS total, NULL AS id, NULL AS score FROM scored GROUP BY kind{windows}"""
WINDOW = """
UNION ALL SELECT * FROM (SELECT kind, 0, id, score FROM scored WHERE kind = %s
    ORDER BY score DESC, id LIMIT %s OFFSET %s) window{number}"""


def ranked_sql(scored, windows, ctes=""):
    """The SQL and parameters that count `scored` (SQL selecting id, kind, score) per kind
    and select each kind's window ({kind: (offset, limit)}); `ctes` come before it."""
    sql = RANKED.format(
        ctes=ctes,
        scored=scored,
        windows="".join(WINDOW.format(number=number) for number in range(len(windows))),
    )
    bounds = [value for kind, (start, size) in windows.items() for value in (kind, size, start)]
    return sql, bounds


def ranked_rows(rows):
    """Every kind's total and its window's (id, score) pairs, best first, from `ranked_sql`'s
    rows."""
    totals, windows = {}, {}
    for kind, total, pk, score in rows:
        if pk is None:
            totals[kind] = total
        else:
            windows.setdefault(kind, []).append((pk, score))
    for found in windows.values():
        found.sort(key=lambda pair: (-pair[1], pair[0]))  # as the SQL: score down, then id
    return totals, windows
