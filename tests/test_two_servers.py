"""Two gunicorn servers on one database and one Redis: what one publishes, the other serves.

The servers run the production settings the benchmark uses (bench/settings.py) in their own
processes, started by the harness: on PostgreSQL when the suite runs on it (a database of
their own on the same server), else on one SQLite file shared by both.
"""

import os
import secrets
import time
import urllib.parse
from pathlib import Path

import dj_database_url
import pytest

from harness import servers
from harness.client import Visitor

SEED = Path(__file__).resolve().parent.parent / "missions" / "fixtures" / "kz-senate-2017.yaml"
SLUG = "kz-senate-2017-ipa-cis"
PAGE = f"/en/missions/{SLUG}/"
PASSWORD = "correct horse battery staple 42"

pytestmark = [
    pytest.mark.skipif(
        not servers.redis_available(),
        reason="redis-server is missing: apt-get install -y redis-server (.ci/run does)",
    ),
    pytest.mark.skipif(
        not servers.s3_available(),
        reason="moto_server is missing: pip install -r requirements-dev.txt",
    ),
]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    """A database of the test's own, on the suite's PostgreSQL server or in a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'two-servers.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"two_servers_{os.getpid()}"
    admin = dict(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(**admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site(database_url, tmp_path_factory):
    """Redis, an S3 server and two gunicorns (A and B) on one prepared database."""
    tmp_path = tmp_path_factory.mktemp("servers")
    redis_port = int(os.environ.get("HARNESS_REDIS_PORT") or servers.free_port())
    with servers.redis(redis_port) as redis, servers.s3() as s3_environ:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            s3_environ,
            DJANGO_SETTINGS_MODULE="bench.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=database_url,
            DJANGO_CACHE_URL=redis.url,
            DJANGO_CONN_MAX_AGE="60",
        )
        servers.manage(env, "migrate", "--noinput")
        servers.manage(env, "import_missions", str(SEED))
        mission_id = servers.manage(env, "shell", "-c", CREATE_STAFF, capture=True).split()[-1]
        with (
            servers.gunicorn(env, servers.free_port(), tmp_path / "a.log", health="/readyz") as a,
            servers.gunicorn(env, servers.free_port(), tmp_path / "b.log", health="/readyz") as b,
        ):
            yield {"a": a, "b": b, "redis": redis, "mission_id": mission_id}
        for name in ("a.log", "b.log"):
            log = (tmp_path / name).read_text()
            assert "Internal Server Error" not in log, log[-3000:]


CREATE_STAFF = f"""
from django.contrib.auth import get_user_model
from missions.models import Mission
get_user_model().objects.create_superuser("publisher", "p@example.org", "{PASSWORD}")
get_user_model().objects.create_superuser("guessed", "g@example.org", "{PASSWORD}")
print(Mission.objects.get(slug="{SLUG}").pk)
"""


def served(visitor, path=PAGE):
    response = visitor.get(path)
    assert response.status < 500, response.text[:500]
    return response


def cached(visitor, path=PAGE):
    """Whether the page comes with the page cache's ETag (only ever set on cached pages)."""
    return served(visitor, path).getheader("ETag") is not None


def test_two_servers_share_publication_sessions_and_an_outage_of_redis(site):
    a, b = Visitor(site["a"]), Visitor(site["b"])
    reader_a, reader_b = Visitor(site["a"]), Visitor(site["b"])
    assert served(reader_b).status == 200
    assert cached(reader_b) and cached(reader_a)

    # Unpublish through A: B's next anonymous request no longer shows it.
    a.log_in("publisher", PASSWORD)
    a.act_on_mission("unpublish", site["mission_id"])
    assert served(reader_b).status == 404
    assert served(reader_a).status == 404

    # Publish through B with A's session (sessions live in the database): A shows it at once.
    b.cookies = a.cookies
    b.act_on_mission("publish", site["mission_id"])
    page = served(reader_a)
    assert page.status == 200
    assert "Senate" in page.text
    assert served(reader_b).status == 200

    # Redis dies: both keep serving, uncached, and say so on /readyz.
    site["redis"].kill()
    for reader in (reader_a, reader_b):
        for path in (PAGE, "/en/missions/", "/en/"):
            assert served(reader, path).status == 200
        assert not cached(reader)
        readiness = reader.get("/readyz")
        assert readiness.status == 503
        assert '"failing": ["cache"]' in readiness.text

    # A change while Redis is down, then Redis returns: no stale page, caching resumes.
    a.act_on_mission("unpublish", site["mission_id"])
    site["redis"].start()
    assert served(reader_b).status == 404
    a.act_on_mission("publish", site["mission_id"])
    deadline = time.monotonic() + 5
    while not cached(reader_b) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert cached(reader_b) and cached(reader_a)
    assert served(reader_a, "/readyz").status == 200


def test_a_login_lockout_on_one_server_holds_on_the_other(site):
    a, b = Visitor(site["a"]), Visitor(site["b"])
    a.get("/admin/login/")
    for _ in range(5):  # AXES_FAILURE_LIMIT
        a.post("/admin/login/", {"username": "guessed", "password": "wrong"})
    b.get("/admin/login/")
    response = b.post("/admin/login/", {"username": "guessed", "password": PASSWORD})
    assert response.status == 429
