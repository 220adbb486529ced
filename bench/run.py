"""Load-test the public pages under gunicorn on SQLite and PostgreSQL; write docs/benchmarks.md.

    .venv/bin/python bench/run.py [--missions 2000] [--duration 10s] [--databases sqlite,postgres]

Each database gets a 2,000-mission synthetic archive and a 1-mission one (for query counts).
The site runs under gunicorn (2 sync workers) on 127.0.0.1; wrk drives each page in turn.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the harness lives at the top level

from bench import two_servers  # noqa: E402
from bench.wrk import WRK_CONNECTIONS, WRK_THREADS, WRK_TIMEOUT, wrk  # noqa: E402
from harness import servers  # noqa: E402

PYTHON = sys.executable
SEED = 1


def log(message):
    print(message, file=sys.stderr, flush=True)


def base_env(database_url, workdir):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        # One page cache per database, never shared with another run.
        DJANGO_PAGE_CACHE_DIR=tempfile.mkdtemp(prefix="page-cache.", dir=workdir),
        DJANGO_CONN_MAX_AGE="60",  # persistent connections, as a deployment would set
        PYTHONPATH=str(ROOT),
    )
    return env


def site(env, *args):
    """Run `python -m bench.site ...` against the database in env; return its stdout."""
    done = subprocess.run(
        [PYTHON, "-m", "bench.site", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


# Databases ----------------------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_databases(workdir):
    yield lambda name: f"sqlite:///{workdir / (name + '.sqlite3')}"


# The server and the load generator ----------------------------------------------------------


# One database -------------------------------------------------------------------------------


def bench_database(label, make_database, args, workdir):
    log(f"== {label}: preparing {args.missions} missions and a 1-mission archive")
    big = base_env(make_database("observers"), workdir)
    one = base_env(make_database("observers_one"), workdir)
    started = time.perf_counter()
    site(big, "prepare", "--missions", str(args.missions), "--seed", str(SEED))
    seed_seconds = time.perf_counter() - started
    site(one, "prepare", "--missions", "1", "--seed", str(SEED), "--publish-all")
    pages = chosen(json.loads(site(big, "pages")), args.only)
    queries_big = json.loads(site(big, "queries"))
    queries_one = json.loads(site(one, "queries"))
    runs = []
    for cache in page_cache_modes(args):
        env = dict(big, DJANGO_PAGE_CACHE_DIR=tempfile.mkdtemp(prefix="page-cache.", dir=workdir))
        if cache == "off":
            env["BENCH_PAGE_CACHE"] = "off"
        log(f"   page cache {cache}")
        logfile = workdir / f"gunicorn-{label}-{cache}.log"
        rows = load_pages(env, pages, queries_one, queries_big, args, logfile)
        runs.append({"page_cache": cache, "rows": rows})
    extra = {"seed_seconds": seed_seconds}
    if args.imported:
        extra.update(
            measure_documents(big, make_database, workdir, label.split()[0], imported=args.imported)
        )
    else:
        extra["documents"] = None
    extra["two_servers"] = None
    if args.two_servers == "all" or args.two_servers == label.split()[0].lower():
        extra["two_servers"] = two_servers.measure(big, dict(pages), args, workdir)
    return {"label": label, "runs": runs, **extra}


def chosen(pages, only):
    """The pages whose name holds one of the comma-separated words of --only (all without),
    and always the /healthz baseline."""
    words = [word.strip() for word in only.split(",") if word.strip()]
    if not words:
        return pages
    return [(n, p) for n, p in pages if n == "/healthz" or any(w in n for w in words)]


def page_cache_modes(args):
    if args.no_page_cache or args.page_cache == "off":
        return ["off"]
    return ["off", "on"] if args.page_cache == "both" else ["on"]


def load_pages(env, pages, queries_one, queries_big, args, logfile):
    """Drive every page with wrk under one gunicorn; return a row per page."""
    rows = []
    with servers.gunicorn(env, args.port, logfile) as server:
        for name, path in pages:
            # Let the workers finish requests queued by the previous page's run.
            servers.wait_until_healthy(server + "/healthz", seconds=300)
            row = {"page": name, "path": path, "queries_one": None, "queries": None}
            row["queries"] = queries_big.get(name, {}).get("queries")
            row["queries_one"] = queries_one.get(name, {}).get("queries")
            status = servers.status_of(server + path) if path else None
            row["status"] = status
            if status == 200:
                log(f"   {name}: {path}")
                wrk(server + path, "1s")  # warm-up
                # Requests the warm-up left queued would otherwise eat the measured run:
                # a page that renders in 0.3 s measured as 0 requests per second.
                servers.wait_until_healthy(server + "/healthz", seconds=300)
                row.update(wrk(server + path, args.duration))
            else:
                log(f"   {name}: skipped ({'no route' if path is None else status})")
            rows.append(row)
    baseline = next((r["rps"] for r in rows if r["page"] == "/healthz" and "rps" in r), None)
    for row in rows:
        if baseline and "rps" in row:
            row["ratio"] = row["rps"] / baseline
    return rows


def manage(env, *args):
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def peak_memory_mb(env, *args):
    """Run a manage.py command; return its peak resident memory, measured by the kernel."""
    process = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed with {process.returncode}")
    return usage.ru_maxrss / 1024  # Linux reports kilobytes


def has_document_commands(env):
    commands = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "help", "--commands"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return "import_missions" in commands and "export_missions" in commands


def measure_documents(env, make_database, workdir, label, sizes=(200, 2000), imported=500):
    """Export memory at two archive sizes; import of documents against loaddata of the same."""
    if not has_document_commands(env):
        return {"documents": None}
    log(f"   documents: export memory, import vs loaddata of {imported}")
    slugs = json.loads(site(env, "slugs")).get("all")
    memory = {}
    for size in sizes:
        out = workdir / f"export-{label}-{size}"
        memory[size] = peak_memory_mb(env, "export_missions", "--out", str(out), *slugs[:size])
    source = workdir / f"export-{label}-{imported}"
    manage(env, "export_missions", "--out", str(source), *slugs[:imported])
    target = base_env(make_database("import_target"), workdir)
    manage(target, "migrate", "--noinput")
    import_seconds = manage(target, "import_missions", str(source))
    fixture = workdir / f"fixture-{label}.json"
    manage(
        target,
        "dumpdata",
        "missions",
        "--exclude=missions.country",  # every database has all countries from migration 0002
        "--natural-foreign",
        "--natural-primary",
        "--output",
        str(fixture),
    )
    loaded = base_env(make_database("loaddata_target"), workdir)
    manage(loaded, "migrate", "--noinput")
    loaddata_seconds = manage(loaded, "loaddata", str(fixture))
    return {
        "documents": {
            "imported": imported,
            "import_seconds": import_seconds,
            "loaddata_seconds": loaddata_seconds,
            "export_memory_mb": memory,
        }
    }


# Report -------------------------------------------------------------------------------------


def fmt(value, pattern="{:.0f}"):
    return "–" if value is None else pattern.format(value)


def documents_lines(documents, args):
    if documents is None:
        return ["Import and export: not measured in this run (`--imported 0`, or no commands)."]
    memory = documents["export_memory_mb"]
    ratio = documents["import_seconds"] / documents["loaddata_seconds"]
    return [
        f"Import of {documents['imported']} exported mission documents into an empty archive: "
        f"{documents['import_seconds']:.1f} s; `loaddata` of the same data as a natural-key "
        f"fixture: {documents['loaddata_seconds']:.1f} s; ratio import/loaddata "
        f"**{ratio:.2f}** (process start-up included in both).",
        "",
        "Peak memory of `export_missions`: "
        + ", ".join(f"{size} missions **{mb:.0f} MB**" for size, mb in memory.items())
        + ".",
    ]


def markdown(results, args):
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {datetime.date.today().isoformat()} at commit `{commit}`: "
        f"{os.cpu_count()} CPUs ({platform.machine()}), shared by the load generator and the "
        f"server. gunicorn with 2 sync workers on 127.0.0.1, persistent database connections; "
        f"`wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{args.duration} --latency "
        f"--timeout {WRK_TIMEOUT}` per page after "
        f"a 1 s warm-up; a synthetic archive of {args.missions} missions (`seed_synthetic "
        f"--seed {SEED}`). Queries are counted with Django's test client on a render without "
        "any cache, at 1 mission and at the full archive. Ratio = the page's requests per "
        'second over `/healthz`\'s in the same run. "Uncached": the shared page cache (and '
        'the sitemap\'s copy in it) off, every request renders; "cached": the page cache on.',
        "",
    ]
    for result in results:
        lines += [
            f"## {result['label']}",
            "",
            f"Seeding {args.missions} missions took {result['seed_seconds']:.1f} s.",
            "",
        ]
        for run in result["runs"]:
            lines += page_table(run)
        lines += [*documents_lines(result["documents"], args), ""]
        lines += two_servers.markdown(result["two_servers"], args)
    return "\n".join(lines)


CACHE_TITLES = {
    "off": "Uncached: page cache off, every request renders",
    "on": "Cached: page cache on",
}


def page_table(run):
    lines = [
        f"### {CACHE_TITLES[run['page_cache']]}",
        "",
        "| Page | Path | Req/s | Median ms | p95 ms | Ratio to /healthz "
        "| Queries (1 mission) | Queries (full) |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in run["rows"]:
        path = f"`{row['path']}`" if row["path"] else "(no route)"
        if "rps" not in row:
            status = "not measured" if row["path"] is None else f"HTTP {row['status']}"
            lines.append(f"| {row['page']} | {path} | {status} | | | | | |")
            continue
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| {row['page']} | {path} | {fmt(row['rps'])}{errors} | "
            f"{fmt(row['p50_ms'], '{:.1f}')} | {fmt(row['p95_ms'], '{:.1f}')} | "
            f"{fmt(row.get('ratio'), '{:.2f}')} | {fmt(row['queries_one'])} | "
            f"{fmt(row['queries'])} |"
        )
    return lines + [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missions", type=int, default=2000)
    parser.add_argument("--duration", default="10s", help="wrk's -d per page (default 10s)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--port", type=int, default=8765, help="gunicorn's port")
    parser.add_argument(
        "--pg-port", type=int, help="PostgreSQL's port (default: one free when it starts)"
    )
    parser.add_argument(
        "--page-cache",
        choices=["off", "on", "both"],
        default="both",
        help="load the pages with the shared page cache off ('before'), on ('after') or both",
    )
    parser.add_argument("--no-page-cache", action="store_true", help="same as --page-cache off")
    parser.add_argument(
        "--imported",
        type=int,
        default=500,
        help="documents to import against loaddata (0: skip the document measurements)",
    )
    parser.add_argument(
        "--two-servers",
        choices=["postgresql", "sqlite", "all", "off"],
        default="postgresql",
        help="where to also run two servers on one database and one Redis (default postgresql)",
    )
    parser.add_argument(
        "--only", default="", help='load only these pages, e.g. "API" or "mission,API"'
    )
    parser.add_argument("--redis-port", type=int, default=0, help="Redis's port (default: free)")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk (or run `make bench`).")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench.") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o755)  # the postgres user must reach its data directory inside
        for database in args.databases.split(","):
            if database == "sqlite":
                with sqlite_databases(workdir) as make:
                    results.append(bench_database("SQLite", make, args, workdir))
            elif database == "postgres":
                with servers.postgres(args.pg_port or servers.free_port(), workdir) as make:
                    results.append(bench_database("PostgreSQL 15", make, args, workdir))
            else:
                sys.exit(f"Unknown database {database!r}: use sqlite and/or postgres.")
    report = markdown(results, args)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
