"""Several staff members saving at the same moment on SQLite: nobody sees "database is locked"."""

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import own_sqlite_files

ROOT = Path(__file__).resolve().parent.parent
WRITERS = 6
SAVES_EACH = 40


def sqlite_env(database):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "observers_site.settings.test"
    env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


@own_sqlite_files
def test_concurrent_saves_all_land(tmp_path):
    database = tmp_path / "shared.sqlite3"
    env = sqlite_env(database)
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, timeout=300)

    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.concurrent_writer", str(worker), str(SAVES_EACH)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(WRITERS)
    ]
    reports = [writer.communicate(timeout=300) for writer in writers]

    for writer, (out, err) in zip(writers, reports, strict=True):
        assert writer.returncode == 0, err
        assert out.startswith("0 "), f"failed saves: {out}"
    with contextlib.closing(sqlite3.connect(database)) as connection:
        (rows,) = connection.execute("SELECT COUNT(*) FROM missions_person").fetchone()
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert rows == WRITERS * SAVES_EACH
    assert mode == "wal"
