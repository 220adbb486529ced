"""Search at scale, bounded: median and p95 of the search page and the mission list's q.

Usage (the database in DATABASE_URL must be empty or hold only what this script made):

    DATABASE_URL=... .venv/bin/python bench/search.py --missions 2000

Migrates, imports the seed mission, seeds a synthetic archive (once; reused when present),
then renders each query's pages in-process with the page cache off (every query string is
new to a cache anyway) and prints a Markdown table: wall-clock time, and this process's CPU
time (Python and, on SQLite, the queries), which other jobs on a shared machine inflate far
less, and that CPU time plus the PostgreSQL server's for the same request (its backend
process's, read from /proc), the nearest to what one request costs on a quiet machine. It
reads nothing from outside 127.0.0.1
and stops by itself: each query is measured a fixed number of times.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["BENCH_PAGE_CACHE"] = "off"

QUERIES = [
    "election",
    "elections",
    "observers",
    "presidential election",
    "parliamentary elections",
    "referendum",
    "local elections",
    "upper chamber",
    "statement of the mission",
    '"final report"',
    '"polling stations opened"',
    "ballots secret",
    "count transparent",
    "deputy speaker",
    "central election commission",
    "legal affairs committee",
    "council secretariat expert",
    "synthetic region 3",
    "aliev",
    "ivanova",
    "marat karimov",
    "irina smirnova",
    "kazakhstan",
    "казахстан",
    "выборах",
    "сенат",
    "tokaev",
    "умаханов",
    "nosuchword",
    "kazakstan",
]
PAGES = [
    ("search", "/en/search/?q={q}"),
    ("search, one kind, page 2", "/en/search/?q={q}&show=mission&page=2"),
    ("search, Russian site, filtered", "/ru/search/?q={q}&country=KZ"),
    ("mission list q", "/en/missions/?q={q}"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def prepare(missions):
    from django.core.management import call_command

    from missions import synthetic
    from missions.models import Mission
    from missions.search.index import search_index_rebuild

    call_command("migrate", verbosity=0)
    if not Mission.objects.filter(slug="kz-senate-2017-ipa-cis").exists():
        seed = str(ROOT / "missions/fixtures/kz-senate-2017.yaml")
        call_command("import_missions", seed, stdout=io.StringIO())
    have = synthetic.synthetic_missions().count()
    if have != missions:
        if have:
            synthetic.delete_archive()
        started = time.perf_counter()
        synthetic.seed_archive(missions=missions, seed=1)
        print(
            f"seeded {missions} missions in {time.perf_counter() - started:.0f} s", file=sys.stderr
        )
    started = time.perf_counter()
    entries = search_index_rebuild()
    took = time.perf_counter() - started
    settle()
    return entries, took


def settle():
    """PostgreSQL: vacuum and analyze the entries the rebuild rewrote, now rather than by an
    autovacuum in the middle of the measurement (it came mid-run and swung the p95 by 15 ms)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE missions_searchentry")


def server_clock(connection):
    """CPU seconds the database server has spent on this connection so far: PostgreSQL's
    backend process, from the kernel's schedstat (nanoseconds); None for SQLite, whose work
    is this process's own."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    stat = Path(f"/proc/{pid}/schedstat")
    return lambda: int(stat.read_text().split()[0]) / 1e9


def measure(rounds):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()  # keeps one connection open: the same backend process throughout
    client.get("/healthz")
    server = server_clock(connection)
    results = []
    for label, pattern in PAGES:
        times, cpu, both, queries = [], [], [], set()
        for _round in range(rounds):
            for text in QUERIES:
                url = pattern.format(q=quote(text))
                with CaptureQueriesContext(connection) as counted:
                    served = server() if server else 0
                    started, used = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - used) * 1000)
                    both.append(cpu[-1] + ((server() - served) * 1000 if server else 0))
                assert response.status_code == 200, (url, response.status_code)
                queries.add(len(counted))
        results.append((label, *spread(times), *spread(cpu), *spread(both), queries))
    return results


def spread(values):
    return statistics.median(values), percentile(values, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="times each query is measured")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    entries, rebuild_seconds = prepare(args.missions)
    measure(1)  # warm-up: connections, templates, stemmers
    load_before = f"{os.getloadavg()[0]:.2f}"
    results = measure(args.rounds)
    vendor = connection.vendor
    print(f"### Search, {vendor}, {args.missions} synthetic missions + the seed")
    print()
    print(
        f"{entries} index entries, rebuilt in {rebuild_seconds:.1f} s; {len(QUERIES)} queries x "
        f"{args.rounds} rounds per page, rendered in-process, page cache off."
    )
    print()
    print(f"Load average before and after: {load_before} / {os.getloadavg()[0]:.2f}.")
    print()
    print(
        "| page | median ms | p95 ms | CPU median ms | CPU p95 ms "
        "| CPU with the server's, median ms | p95 ms | queries |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, *figures, queries in results:
        counts = "–".join(str(n) for n in (min(queries), max(queries)))
        print(f"| {label} | {' | '.join(f'{f:.1f}' for f in figures)} | {counts} |")


if __name__ == "__main__":
    main()
