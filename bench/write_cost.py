"""What one write costs at scale: an admin save, a publish and an unpublish, a plain save.

    DATABASE_URL=... .venv/bin/python bench/write_cost.py [--repeat 5]

Against a prepared archive (`manage.py seed_synthetic --missions 2000 --seed 1`); it writes
to it (and puts every mission it touches back as it was). For each write: the median wall
time of `--repeat` runs, the part of it spent keeping the stored public flags (in
`missions.public_flags`, if there), its SQL queries, and how many of them set flags. Prints a
Markdown table.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from missions import publishing  # noqa: E402
from missions.models import DelegationMember, Mission  # noqa: E402
from tests.admin_forms import existing_mission_post  # noqa: E402

PUBLISHED, DRAFT = Mission.Status.PUBLISHED, Mission.Status.DRAFT
FLAG_FUNCTIONS = ("refresh_pending", "refresh_public_flags", "before_write")
in_flags = {"depth": 0, "seconds": 0.0}


def timing_flags(function):
    """`function`, adding its time (outermost calls only) to in_flags."""

    def timed_function(*args, **kwargs):
        in_flags["depth"] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            in_flags["depth"] -= 1
            if not in_flags["depth"]:
                in_flags["seconds"] += time.perf_counter() - started

    return timed_function


try:
    from missions import public_flags as flags_module
except ImportError:  # a version without stored flags
    flags_module = None
for name in FLAG_FUNCTIONS:  # the receivers look them up by name when they run
    if hasattr(flags_module, name):
        setattr(flags_module, name, timing_flags(getattr(flags_module, name)))


def timed(write, repeat):
    """(median ms, median ms in the flags, queries, flag-setting queries) of `repeat` runs of
    write(run number), after one unmeasured run (SQL compiled once per process)."""
    write(-1)
    times, in_flag_code, counts = [], [], []
    for run in range(repeat):
        in_flags["seconds"] = 0.0
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            write(run)
            times.append((time.perf_counter() - started) * 1000)
        in_flag_code.append(in_flags["seconds"] * 1000)
        flags = sum("SET is_public" in query["sql"] for query in queries)
        counts.append((len(queries), flags))
    return statistics.median(times), statistics.median(in_flag_code), *counts[-1]


def admin_save(client, mission, status_of):
    url = reverse("admin:missions_mission_change", args=[mission.pk])

    def write(run):
        data = existing_mission_post(Mission.objects.get(pk=mission.pk), status=status_of(run))
        response = client.post(url, data)
        assert response.status_code == 302, response.content[:2000]

    return write


def publish_toggle(user, mission):
    def write(run):
        record = Mission.objects.get(pk=mission.pk)
        if record.status == PUBLISHED:
            publishing.mission_unpublish(mission=record, user=user)
        else:
            publishing.mission_publish(mission=record, user=user)

    return write


def member_save(member):
    def write(run):
        member.position = f"Observer {run}"
        member.save()

    return write


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-writer", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    mission = Mission.objects.filter(status=PUBLISHED, delegations__members__isnull=False).first()
    member = DelegationMember.objects.filter(delegation__mission=mission).first()
    settings_debug = connection.force_debug_cursor
    connection.force_debug_cursor = True
    rows = [
        ("admin save, unchanged", admin_save(client, mission, lambda run: PUBLISHED)),
        (
            "admin save, unpublish / publish",
            admin_save(client, mission, lambda run: DRAFT if run % 2 == 0 else PUBLISHED),
        ),
        ("publish / unpublish (admin action)", publish_toggle(user, mission)),
        ("plain save of a delegation member", member_save(member)),
    ]
    print(f"{Mission.objects.count()} missions, {connection.vendor}, median of {args.repeat}")
    print()
    print("| write | ms | of which flags, ms | queries | of which set flags |")
    print("|---|--:|--:|--:|--:|")
    for name, write in rows:
        ms, flags_ms, queries, flags = timed(write, args.repeat)
        print(f"| {name} | {ms:.0f} | {flags_ms:.0f} | {queries} | {flags} |")
    if Mission.objects.get(pk=mission.pk).status != PUBLISHED:  # as it was
        publishing.mission_publish(mission=Mission.objects.get(pk=mission.pk), user=user)
    connection.force_debug_cursor = settings_debug


if __name__ == "__main__":
    main()
