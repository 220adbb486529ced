"""Two gunicorn servers on one database and one Redis: throughput against one, and how soon
a publish on server A shows on server B.

Throughput: wrk on A alone, then one wrk per server at the same time, for the mission page
and the mission list with the page cache in Redis. Publish to served: a publisher unpublishes
and republishes the busiest mission through A's admin while a reader on B waits for the change.
"""

import secrets
import statistics
import sys
import time

from bench.wrk import wrk, wrk_together
from harness import servers
from harness.client import Visitor

PAGES = ("mission page", "mission list")
ROUNDS = 5  # unpublish and publish, each timed
STAFF = """
import os
from django.contrib.auth import get_user_model
from missions.models import Mission
get_user_model().objects.create_superuser("bench-publisher", "", os.environ["BENCH_PASSWORD"])
print(Mission.objects.get(slug=os.environ["BENCH_SLUG"]).pk)
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def measure(env, pages, args, workdir):
    """Run both measurements against the seeded database in env; return their numbers."""
    log("   two servers on one database and one Redis")
    password = secrets.token_urlsafe(16)
    slug = pages["mission page"].rstrip("/").rsplit("/", 1)[-1]
    with servers.redis(args.redis_port or None) as redis:
        env = dict(env, DJANGO_CACHE_URL=redis.url)
        staff_env = dict(env, BENCH_PASSWORD=password, BENCH_SLUG=slug)
        mission_id = servers.manage(staff_env, "shell", "-c", STAFF, capture=True).split()[-1]
        with (
            servers.gunicorn(env, args.port, workdir / "gunicorn-a.log") as a,
            servers.gunicorn(env, args.port + 1, workdir / "gunicorn-b.log") as b,
        ):
            rows = [throughput(name, pages[name], a, b, args.duration) for name in PAGES]
            latency = publish_to_served(a, b, pages["mission page"], mission_id, password)
    return {"rows": rows, "latency": latency}


def throughput(name, path, a, b, duration):
    for server in (a, b):
        wrk(server + path, "1s")  # warm-up: render once, fill the cache
        servers.wait_until_healthy(server + "/healthz", seconds=300)
    one = wrk(a + path, duration)
    servers.wait_until_healthy(a + "/healthz", seconds=300)
    both = wrk_together([a + path, b + path], duration)
    two = sum(run["rps"] for run in both)
    return {
        "page": name,
        "path": path,
        "one_rps": one["rps"],
        "two_rps": two,
        "ratio": two / one["rps"],
        "errors": one["errors"] + sum(run["errors"] for run in both),
    }


def publish_to_served(a, b, path, mission_id, password):
    """Milliseconds from A's answer to a publish (or unpublish) until B serves the change."""
    staff, reader = Visitor(a), Visitor(b)
    staff.log_in("bench-publisher", password)
    samples = []
    for _ in range(ROUNDS):
        for action, before, after in (("unpublish", 200, 404), ("publish", 404, 200)):
            for _ in range(2):  # the second from B's cache, where there is a page
                assert reader.get(path).status == before
            clicked = time.perf_counter()
            staff.act_on_mission(action, mission_id)
            answered = time.perf_counter()
            polls = 1
            while reader.get(path).status != after:
                polls += 1
                if time.perf_counter() - answered > 10:
                    raise RuntimeError(f"B still served the page 10 s after the {action}")
            done = time.perf_counter()
            samples.append(
                {
                    "action": action,
                    "after_answer_ms": (done - answered) * 1000,
                    "after_click_ms": (done - clicked) * 1000,
                    "polls": polls,
                }
            )
    return samples


def markdown(result, args):
    if result is None:
        return []
    lines = [
        "### Two servers on one database and one Redis",
        "",
        "Two gunicorn servers (2 sync workers each) on this database with the page cache in "
        f"one Redis; `wrk` on server A alone, then one `wrk` per server at once ({args.duration}"
        " each). Both servers and both load generators share the same CPUs, so the ratio shows "
        "what the shared cache and database allow, not what a second machine would add.",
        "",
        "| Page | Path | One server req/s | Two servers req/s | Ratio |",
        "|---|---|--:|--:|--:|",
    ]
    for row in result["rows"]:
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| {row['page']} | `{row['path']}` | {row['one_rps']:.0f} | "
            f"{row['two_rps']:.0f}{errors} | **{row['ratio']:.2f}** |"
        )
    samples = result["latency"]
    answer = [s["after_answer_ms"] for s in samples]
    click = [s["after_click_ms"] for s in samples]
    polls = max(s["polls"] for s in samples)
    lines += [
        "",
        f"Publish on A until B serves it ({len(samples)} unpublishes and publishes of the "
        f"mission page through A's admin): median **{statistics.median(answer):.1f} ms** "
        f"after A answered (max {max(answer):.1f} ms), {statistics.median(click):.1f} ms "
        f"after the click; B showed the change on request number {polls} at worst "
        f"({'the next request' if polls == 1 else 'not always the next'}).",
        "",
    ]
    return lines
