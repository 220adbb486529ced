"""The page cache against hostile requests and a failing cache (issue 15)."""

import datetime
import logging
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.urls import reverse
from django.utils.http import http_date

from missions import cache
from missions.models import Mission
from observers_site.settings.backends import page_caches

from .factories import ensure_countries

PAGE = "/en/missions/kz-senate-2017-ipa-cis/"
FILL = "/en/organizations/?fill={}"


def file_caches(folder, max_entries=20000):
    """The production default: a file cache per database, from settings/backends.py."""
    files = page_caches(django_settings.DATABASES["default"], "", folder)
    files["pages"]["OPTIONS"] = {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 2}
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, **files}


@pytest.fixture
def disk_cache(settings, tmp_path):
    settings.CACHES = file_caches(tmp_path)
    yield tmp_path
    cache._retirement_pending = False


@pytest.fixture
def locmem_cache(settings):
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {"default": locmem, "pages": locmem, "page-version": {**locmem}}
    caches["pages"].clear()
    caches["page-version"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def stored_pages(folder):
    return len(list(folder.glob("*/pages/*.djcache")))


# Anyone can flush it ------------------------------------------------------------------------


def test_unknown_query_parameters_create_no_entries(mission, client, disk_cache):
    for number in range(30):
        response = client.get(FILL.format(number))
        assert response.status_code == 200
        assert response.wsgi_request.page_cache_status == "bypass"
        assert "ETag" not in response
    assert stored_pages(disk_cache) == 0


def test_a_parameter_given_twice_is_not_cached(mission, client, disk_cache):
    response = client.get("/en/missions/?sort=oldest&sort=newest")
    assert response.status_code == 200
    assert "ETag" not in response


def test_known_parameters_in_any_order_share_one_entry(
    mission, client, locmem_cache, django_assert_num_queries
):
    first = client.get("/en/missions/?sort=oldest&q=senate")
    assert first.wsgi_request.page_cache_status == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/missions/?q=senate&sort=oldest")
    assert second.wsgi_request.page_cache_status == "hit"
    assert second.content == first.content


def test_a_full_cache_never_evicts_the_version(mission, client, settings, tmp_path):
    settings.CACHES = file_caches(tmp_path, max_entries=4)
    version = cache.data_version()
    for sort in ("oldest", "newest", "title", ""):
        for language in ("en", "ru"):
            assert client.get(f"/{language}/missions/?sort={sort}").status_code == 200
    assert stored_pages(tmp_path) < 8  # the pages were culled ...
    assert cache.data_version() == version  # ... the version was not


# The host in the key ------------------------------------------------------------------------


def test_one_host_names_links_are_never_served_on_another(mission, client, locmem_cache):
    client.get(PAGE, HTTP_HOST="localhost")
    page = client.get(PAGE, HTTP_HOST="127.0.0.1").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1/' in page
    assert "://localhost/" not in page


# 304 only for a page that is in the cache ---------------------------------------------------


FAR_FUTURE = http_date(datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC).timestamp())


@pytest.mark.parametrize(
    "headers", [{"if-none-match": "*"}, {"if-modified-since": FAR_FUTURE}], ids=["etag", "date"]
)
def test_no_304_for_a_page_that_does_not_exist(mission, client, locmem_cache, headers):
    assert client.get("/en/missions/no-such-mission/", headers=headers).status_code == 404
    mission.status = Mission.Status.DRAFT
    mission.save()
    assert client.get(PAGE, headers=headers).status_code == 404


def test_no_304_before_the_page_is_in_the_cache(mission, client, locmem_cache):
    response = client.get(PAGE, headers={"if-modified-since": FAR_FUTURE})
    assert response.status_code == 200
    assert mission.title in response.content.decode()
    assert client.get(PAGE, headers={"if-modified-since": FAR_FUTURE}).status_code == 304


def test_last_modified_changes_with_every_version(locmem_cache):
    versions = [cache.new_version() for _ in range(5)]  # a burst within one second
    seconds = [version // cache.SECOND for version in versions]
    assert seconds == sorted(set(seconds))


def test_an_if_modified_since_revalidation_after_an_unpublish_is_not_304(
    mission, client, locmem_cache, django_capture_on_commit_callbacks
):
    for _ in range(3):  # three commits in one second
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            mission.save()
    last_modified = client.get(PAGE)["Last-Modified"]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mission.status = Mission.Status.DRAFT
        mission.save()
    assert client.get(PAGE, headers={"if-modified-since": last_modified}).status_code == 404


# Failing open -------------------------------------------------------------------------------


def full_disk(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_a_full_cache_disk_serves_pages_uncached_and_logs_it(mission, client, disk_cache, caplog):
    with (
        mock.patch.object(FileBasedCache, "set", full_disk),
        mock.patch.object(FileBasedCache, "add", full_disk),
        caplog.at_level(logging.ERROR, logger="missions.cache"),
    ):
        response = client.get(PAGE)
        readiness = client.get("/readyz")
    assert response.status_code == 200
    assert mission.title in response.content.decode()
    assert response.wsgi_request.page_cache_status == "bypass"
    assert "The page cache cannot be read" in caplog.text
    assert readiness.status_code == 503
    assert readiness.json()["failing"] == ["cache"]


def test_an_unreadable_cache_serves_pages_uncached(mission, client, disk_cache):
    client.get(PAGE)
    with mock.patch.object(FileBasedCache, "get", full_disk):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert mission.title in response.content.decode()


# An unpublish that cannot retire the page ---------------------------------------------------


def unpublish_through_the_admin(client, mission):
    changelist = reverse("admin:missions_mission_changelist")
    return client.post(
        changelist, {"action": "unpublish", "_selected_action": [mission.pk]}, follow=True
    )


@pytest.fixture
def real_commits(transactional_db):
    """Transactions that commit, as the admin's do; the countries back if a flush took them."""
    ensure_countries()  # an earlier transactional test may have flushed them


@pytest.mark.django_db(transaction=True)
def test_an_unpublish_the_cache_refuses_is_told_and_retried(
    real_commits, mission, admin_client, client, disk_cache, caplog
):
    assert client.get(PAGE).status_code == 200
    assert client.get(PAGE).wsgi_request.page_cache_status == "hit"
    with (
        mock.patch.object(FileBasedCache, "set", full_disk),
        mock.patch.object(FileBasedCache, "delete", full_disk),
        caplog.at_level(logging.ERROR, logger="missions.cache"),
    ):
        response = unpublish_through_the_admin(admin_client, mission)
        texts = [message.message for message in get_messages(response.wsgi_request)]
        texts += [str(m) for m in response.context["messages"]]
        assert any("could not be reached to retire its page" in text for text in texts), texts
        assert "refused to retire its pages" in caplog.text
        during = client.get(PAGE)
    mission.refresh_from_db()
    assert mission.status == Mission.Status.DRAFT
    assert during.status_code == 404  # the old page is not served while the cache refuses
    after = client.get(PAGE)  # the cache writes again: the retirement is retried first
    assert after.status_code == 404
    assert cache._retirement_pending is False


@pytest.mark.django_db(transaction=True)
def test_an_unpublish_retires_the_page_by_deleting_the_version_when_it_cannot_write(
    real_commits, mission, admin_client, client, disk_cache
):
    client.get(PAGE)
    with mock.patch.object(FileBasedCache, "set", full_disk):
        response = unpublish_through_the_admin(admin_client, mission)
        assert not any("could not be reached" in str(m) for m in response.context["messages"])
        assert client.get(PAGE).status_code == 404
    assert client.get(PAGE).status_code == 404
