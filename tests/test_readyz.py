"""/readyz: the database, the page cache and the file storage, each named when it fails."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError

from harness import servers
from missions import cache

# WhiteNoise warns when collectstatic has not run; irrelevant to a JSON endpoint.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")

SECRET = "s3cr3t-password-in-an-address"
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.fixture(autouse=True)
def working_caches(settings):
    settings.CACHES = {"default": LOCMEM, "pages": LOCMEM, "page-version": LOCMEM}
    yield
    cache._retirement_pending = False


def closed_port():
    return servers.free_port()  # nothing listens there once the probe socket is closed


def test_ready_when_everything_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]
    assert "ETag" not in response


def test_a_failing_database_is_named(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute") as execute:
        execute.side_effect = OperationalError(f"could not connect: password {SECRET}")
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert SECRET not in response.content.decode()


def test_an_unreachable_redis_is_named_within_its_timeout(client, db, settings):
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://:{SECRET}@127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    settings.CACHES = {"default": LOCMEM, "pages": redis, "page-version": redis}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failing": ["cache"],
        "checks": {"database": "ok", "cache": "failing", "storage": "ok"},
    }
    assert SECRET not in response.content.decode()
    caches["pages"].close()


def test_a_cache_that_does_not_keep_what_it_is_given_is_named(client, db, settings):
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": LOCMEM, "pages": dummy, "page-version": LOCMEM}
    assert client.get("/readyz").json()["failing"] == ["cache"]


def test_an_unreachable_s3_storage_is_named(client, db, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    environ = {
        "DJANGO_S3_BUCKET": "observers",
        "DJANGO_S3_ENDPOINT_URL": f"http://127.0.0.1:{closed_port()}",
        "DJANGO_S3_REGION": "us-east-1",
    }
    from observers_site.settings.backends import default_storage

    settings.STORAGES = {**settings.STORAGES, "default": default_storage(environ, "unused")}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]
    assert SECRET not in response.content.decode()


def test_an_unwritable_media_folder_is_named(client, db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    with mock.patch("missions.views.health.os.access", return_value=False):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]


def test_readyz_refuses_writes(client, db):
    assert client.post("/readyz").status_code == 405
