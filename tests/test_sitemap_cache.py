"""The sitemap is kept in the page cache under the data version: cheap, and never stale."""

import pytest
from django.core.cache import caches
from django.db import transaction

from missions.models import Mission

pytestmark = pytest.mark.django_db

SECTION = "/sitemap-missions.xml"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_index_and_sections_are_served_again_without_queries(
    mission, client, django_assert_num_queries
):
    for path in ("/sitemap.xml", SECTION):
        first = client.get(path)
        with django_assert_num_queries(0):
            second = client.get(path)
        assert second.status_code == 200
        assert second.content == first.content
        assert second["X-Robots-Tag"] == first["X-Robots-Tag"]
        assert second.get("Last-Modified") == first.get("Last-Modified")


def test_an_unpublished_mission_leaves_the_sitemap_at_once(
    mission, client, django_capture_on_commit_callbacks
):
    assert mission.slug in client.get(SECTION).content.decode()
    mission.status = Mission.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mission.save()
    assert mission.slug not in client.get(SECTION).content.decode()


def test_a_page_cache_that_fails_still_serves_the_sitemap(mission, client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(caches["pages"], "get", broken)
    monkeypatch.setattr(caches["pages"], "set", broken)
    response = client.get(SECTION)
    assert response.status_code == 200
    assert mission.slug in response.content.decode()
