"""Load check: the public pages under gunicorn while a staff member imports documents.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 30] [--workers 2 --threads 8] [--redis]

Builds a throwaway site in a temporary folder (production settings, SQLite in WAL mode unless
DATABASE_URL is set), serves it with gunicorn on 127.0.0.1 only, and for a fixed time runs
--clients readers that fetch every page in the sitemap, the list with filters and the feeds,
while one staff member imports a new mission document after another. Then it counts:

- errors: responses with a status other than the one expected, 5xx, timeouts, refused
  connections, and imports that failed (target 0);
- rows lost: rows of imported missions missing from the database afterwards (target 0).

Exits 1 if either is not 0. A tool to run by hand, not part of the test suite.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the harness lives at the top level

from harness import servers  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
SEED = ROOT / "missions" / "fixtures" / "kz-senate-2017.yaml"
SEED_SLUG = "kz-senate-2017-ipa-cis"

EXTRA_PAGES = {
    "/": 302,  # to the reader's language
    "/en/": 200,
    "/en/missions/": 200,
    "/en/missions/?q=senate&sort=oldest": 200,
    "/en/missions/?country=kz&page=1": 200,
    "/en/missions/?page=999": 404,
    "/en/missions/no-such-mission/": 404,
    "/robots.txt": 200,
    "/sitemap.xml": 200,
}

# Runs inside the site's environment: imports copies of the seed under new slugs until the
# deadline, one document per transaction, and prints one JSON line per import.
IMPORTER = """
import json, sys, time, django
django.setup()
from missions.interchange import DocumentError, Source, import_sources
seed, deadline, number = open(sys.argv[1], encoding="utf-8").read(), float(sys.argv[2]), 0
while time.time() < deadline:
    number += 1
    slug = f"load-{number}"
    text = seed.replace("slug: kz-senate-2017-ipa-cis", f"slug: {slug}", 1)
    try:
        import_sources([Source(f"{slug}.yaml", text)])
        print(json.dumps({"slug": slug, "ok": True}), flush=True)
    except Exception as error:  # report every failure, whatever it is
        print(json.dumps({"slug": slug, "ok": False, "error": repr(error)}), flush=True)
"""

# Counts what each mission holds, to compare the imported ones with the seed.
COUNTER = """
import json, django
django.setup()
from django.db.models import Count
from missions.models import Mission
rows = Mission.objects.annotate(
    d=Count("delegations", distinct=True), m=Count("meetings", distinct=True),
    v=Count("visits", distinct=True), doc=Count("documents", distinct=True),
    members=Count("delegations__members", distinct=True),
).values_list("slug", "d", "m", "v", "doc", "members")
print(json.dumps({slug: sum(counts) + 1 for slug, *counts in rows}))
"""


def site_env(folder):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="observers_site.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(folder / "static"),
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'load.sqlite3'}")
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def python(env, code, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "-c", code, *map(str, args)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    ).stdout


class Reader(threading.Thread):
    """One reader going round the pages with a keep-alive connection until the deadline."""

    def __init__(self, port, pages, deadline, offset):
        super().__init__(daemon=True)
        self.port, self.pages, self.deadline, self.offset = port, pages, deadline, offset
        self.statuses, self.errors, self.latencies = Counter(), [], []

    def run(self):
        connection = None
        index = self.offset
        while time.time() < self.deadline:
            path, expected = self.pages[index % len(self.pages)]
            index += 1
            started = time.perf_counter()
            try:
                connection = connection or http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=30
                )
                connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(f"{path}: {error!r}")
                connection = None
                continue
            self.latencies.append(time.perf_counter() - started)
            self.statuses[response.status] += 1
            if response.status != expected:
                self.errors.append(f"{path}: {response.status}, expected {expected}")
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None


def pages_from_sitemap(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/sitemap.xml", headers={"X-Forwarded-Proto": "https"})
    xml = connection.getresponse().read().decode()
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
    return {path: 200 for path in paths}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--redis", action="store_true", help="the page cache in a throwaway Redis")
    options = parser.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="observers-load-") as tmp,
        servers.redis() if options.redis else contextlib.nullcontext() as redis,
    ):
        env = site_env(Path(tmp))
        if redis:
            env["DJANGO_CACHE_URL"] = redis.url
        print(f"Database: {env['DATABASE_URL']}")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "import_missions", str(SEED))
        port = servers.free_port()
        logfile = Path(tmp) / "gunicorn.log"
        workers = {"workers": options.workers, "threads": options.threads}
        with servers.gunicorn(env, port, logfile, **workers):
            report = run_load(options, env, port)
    print(json.dumps(report, indent=2))
    sys.exit(1 if report["errors"] or report["rows_lost"] else 0)


def run_load(options, env, port):
    pages = sorted({**pages_from_sitemap(port), **EXTRA_PAGES}.items())
    deadline = time.time() + options.seconds
    importer = subprocess.Popen(
        [PYTHON, "-c", IMPORTER, str(SEED), str(deadline)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    readers = [Reader(port, pages, deadline, offset) for offset in range(options.clients)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    imports = [json.loads(line) for line in importer.communicate(timeout=120)[0].splitlines()]

    held = json.loads(python(env, COUNTER))
    expected_rows = held[SEED_SLUG]
    imported = [entry["slug"] for entry in imports if entry["ok"]]
    rows_lost = sum(expected_rows - held.get(slug, 0) for slug in imported)
    latencies = sorted(t for reader in readers for t in reader.latencies)
    errors = [error for reader in readers for error in reader.errors]
    errors += [f"import {e['slug']}: {e['error']}" for e in imports if not e["ok"]]
    statuses = sum((reader.statuses for reader in readers), Counter())
    return {
        "clients": options.clients,
        "seconds": options.seconds,
        "pages": len(pages),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / options.seconds, 1),
        "statuses": dict(sorted(statuses.items())),
        "latency_ms": {
            "p50": round(statistics.median(latencies) * 1000, 1) if latencies else None,
            "p95": round(latencies[int(len(latencies) * 0.95)] * 1000, 1) if latencies else None,
        },
        "imports": {"done": len(imported), "failed": len(imports) - len(imported)},
        "rows_per_mission": expected_rows,
        "errors": len(errors),
        "first_errors": errors[:10],
        "rows_lost": rows_lost,
    }


if __name__ == "__main__":
    main()
