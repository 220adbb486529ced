"""CPU time per request of a few pages, in-process, page cache off: this process's and the
PostgreSQL backend's for the same request (as bench/search.py reads them).

    DATABASE_URL=... .venv/bin/python bench/page_cpu.py [--requests 25] PATH [PATH ...]

Prints one JSON line: {path: [CPU median ms, with the server's median ms, queries]}. Run from
a checkout's directory it measures that checkout's code (its modules come first on the path),
so a before/after comparison runs it from the two checkouts by turns on the same database:

    for n in 1 2 3; do
      (cd ../main && python $OLDPWD/bench/page_cpu.py P); python bench/page_cpu.py P
    done

Each path is requested three times first (connections, templates, compiled queries). The
timed requests are not watched (a watched query goes through Django's debug cursor, which
missions.prepared then uses instead of the driver's); the queries are counted on one more.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["BENCH_PAGE_CACHE"] = "off"


def measure(paths, requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.search import server_clock

    client = Client()  # one connection throughout: the same backend process
    client.get("/healthz")
    server = server_clock(connection)
    for path in paths:
        for _ in range(3):
            client.get(path)
    results = {}
    for path in paths:
        own, both = [], []
        for _ in range(requests):  # unwatched, as production runs (no debug cursor)
            served = server() if server else 0
            used = time.process_time()
            response = client.get(path)
            own.append((time.process_time() - used) * 1000)
            both.append(own[-1] + ((server() - served) * 1000 if server else 0))
            assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as queries:  # counted on one more request
            client.get(path)
        results[path] = [statistics.median(own), statistics.median(both), len(queries)]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    import django

    django.setup()
    print(json.dumps(measure(args.paths, args.requests)))


if __name__ == "__main__":
    main()
