"""Profile public pages in-process, without any cache: where each render's time goes.

    DATABASE_URL=... .venv/bin/python bench/profile_pages.py [--repeat 3] [--pages a,b] [--dump DIR]

Against a prepared archive (`manage.py seed_synthetic --missions 2000 --seed 1`). For each page:
the median wall time of `--repeat` renders, and from one render under cProfile the share of
time spent in the database driver (SQL), in the template engine's own code (template), and
everywhere else (Python: the ORM building queries and models, views, middleware). Prints a
Markdown table; `--dump DIR` writes each page's pstats file for a closer look.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["BENCH_PAGE_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.site import public_pages  # noqa: E402

DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
SQL_MARKERS = ("sqlite3", "SQLiteCursorWrapper.execute", "psycopg")
TEMPLATE_MARKERS = ("django/template/", "django/templatetags/", "templatetags/", "jinja2/")


def kind_of(func):
    filename, _, name = func
    where = f"{filename}:{name}"
    if any(marker in where for marker in SQL_MARKERS):
        return "sql"
    if any(marker in filename for marker in TEMPLATE_MARKERS):
        return "template"
    return "python"


def split(profile):
    """Seconds of own time per kind (sql, template, python) in one profiled render."""
    stats = pstats.Stats(profile)
    totals = {"sql": 0.0, "template": 0.0, "python": 0.0}
    for func, (_, _, own, _, _) in stats.stats.items():
        totals[kind_of(func)] += own
    return totals


def measure(client, path, repeat, dump):
    client.get(path)  # warm: URL resolver, template loaders, translations
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        profile = cProfile.Profile()
        profile.enable()
        client.get(path)
        profile.disable()
    if dump:
        name = "".join(c if c.isalnum() else "_" for c in path.strip("/")) or "root"
        profile.dump_stats(Path(dump) / f"{name}.pstats")
    parts = split(profile)
    whole = sum(parts.values()) or 1
    return {
        "status": response.status_code,
        "ms": statistics.median(times) * 1000,
        "queries": len(queries),
        "bytes": len(response.content),
        **{kind: 100 * seconds / whole for kind, seconds in parts.items()},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated page names (default all)")
    parser.add_argument("--dump", default="", help="directory for one pstats file per page")
    args = parser.parse_args()
    wanted = set(filter(None, args.pages.split(",")))
    client = Client()
    print(f"Database: {connection.vendor}. Page cache and every other cache off.\n")
    print("| Page | Path | ms (median) | Queries | KB | SQL % | Template % | Python % |")
    print("|---|---|--:|--:|--:|--:|--:|--:|")
    with override_settings(CACHES={alias: DUMMY_CACHE for alias in settings.CACHES}):
        for name, path in public_pages():
            if path is None or (wanted and name not in wanted):
                continue
            row = measure(client, path, args.repeat, args.dump)
            status = "" if row["status"] == 200 else f" (HTTP {row['status']})"
            print(
                f"| {name}{status} | `{path}` | {row['ms']:.0f} | {row['queries']} | "
                f"{row['bytes'] / 1024:.0f} | {row['sql']:.0f} | {row['template']:.0f} | "
                f"{row['python']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
