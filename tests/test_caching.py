"""The shared page cache: fast for anonymous readers, never stale, never for staff."""

import datetime

import pytest
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.template import engines
from django.utils.http import http_date

from missions.cache import is_cacheable_response, published_data_changed
from missions.models import Meeting, Mission

PAGE = "/en/missions/kz-senate-2017-ipa-cis/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_a_second_anonymous_request_is_served_without_queries(
    mission, client, django_assert_num_queries
):
    first = client.get(PAGE)
    with django_assert_num_queries(0):
        second = client.get(PAGE)
    assert second.status_code == 200
    assert second.content == first.content


def test_publish_and_unpublish_show_at_once(mission, client, committed):
    mission.status = Mission.Status.DRAFT
    committed(mission)
    assert client.get(PAGE).status_code == 404

    mission.status = Mission.Status.PUBLISHED
    committed(mission)
    assert mission.title in client.get(PAGE).content.decode()
    assert mission.title in client.get(PAGE).content.decode()  # now from the cache

    mission.status = Mission.Status.DRAFT
    committed(mission)
    assert client.get(PAGE).status_code == 404


def test_a_change_to_a_mission_child_shows_at_once(mission, client, committed):
    assert "Astana" not in client.get(PAGE).content.decode()
    committed(Meeting(mission=mission, date=datetime.date(2017, 6, 28), place="Astana"))
    assert '<span class="place">(Astana)</span>' in client.get(PAGE).content.decode()


def test_a_write_that_is_not_committed_yet_keeps_the_old_page(mission, client):
    client.get(PAGE)
    mission.title = "Renamed"
    mission.save()  # inside the test's transaction: nobody else could see it yet
    assert "Renamed" not in client.get(PAGE).content.decode()


def test_unchanged_page_answers_304_to_if_none_match(mission, client):
    etag = client.get(PAGE)["ETag"]
    response = client.get(PAGE, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_unchanged_page_answers_304_to_if_modified_since(mission, client):
    last_modified = client.get(PAGE)["Last-Modified"]
    assert client.get(PAGE, headers={"if-modified-since": last_modified}).status_code == 304
    earlier = http_date(datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC).timestamp())
    assert client.get(PAGE, headers={"if-modified-since": earlier}).status_code == 200


def test_a_change_invalidates_the_etag_and_last_modified(mission, client, committed):
    first = client.get(PAGE)
    mission.title = "Renamed"
    committed(mission)
    response = client.get(
        PAGE,
        headers={
            "if-none-match": first["ETag"],
            "if-modified-since": first["Last-Modified"],
        },
    )
    assert response.status_code == 200
    assert "Renamed" in response.content.decode()
    again = client.get(PAGE, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 200  # Last-Modified moved on by at least a second


def test_signed_in_staff_are_never_served_or_stored(mission, admin_client, client):
    admin_client.get(PAGE)
    response = admin_client.get(PAGE)
    assert "ETag" not in response
    mission.title = "Seen by staff only"
    Mission.objects.filter(pk=mission.pk).update(title=mission.title)  # no signal on purpose
    assert "Seen by staff only" in admin_client.get(PAGE).content.decode()
    assert "Seen by staff only" in client.get(PAGE).content.decode()  # nothing was stored


def test_staff_previews_always_show_the_current_draft(mission, admin_client, client):
    mission.status = Mission.Status.DRAFT
    mission.save()
    preview = f"/en/preview/{mission.slug}/"
    assert "ETag" not in admin_client.get(preview)
    Mission.objects.filter(pk=mission.pk).update(title="Changed without a signal")
    assert "Changed without a signal" in admin_client.get(preview).content.decode()
    assert client.get(preview).status_code == 404  # readers are refused, and nothing is cached
    assert "Changed without a signal" in admin_client.get(preview).content.decode()


def test_pages_outside_the_public_namespace_are_not_cached(mission, client):
    client.get("/sitemap.xml")
    assert "ETag" not in client.get("/sitemap.xml")


@pytest.mark.parametrize(
    "path",
    [
        "/en/statistics/?observer=ipa-cis&since=2017",
        "/en/statistics/?until=2020&since=2017",
        "/en/statistics/countries-observed.csv?observer=ipa-cis&until=2020",
    ],
)
def test_a_filtered_statistics_page_and_its_csv_are_cached(
    mission, client, path, django_assert_num_queries
):
    first = client.get(path)
    assert first.wsgi_request.page_cache_status == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second.wsgi_request.page_cache_status == "hit"
    assert second.content == first.content


def test_a_parameter_the_statistics_do_not_read_is_not_cached(mission, client):
    response = client.get("/en/statistics/?since=2017&fill=1")
    assert response.wsgi_request.page_cache_status == "bypass"
    assert "ETag" not in response


def test_responses_that_set_cookies_are_not_cacheable():
    response = HttpResponse("hello")
    assert is_cacheable_response(response)
    response.set_cookie("seen", "1")
    assert not is_cacheable_response(response)


def test_bulk_writes_can_retire_pages_by_hand(mission, client, django_capture_on_commit_callbacks):
    client.get(PAGE)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Mission.objects.filter(pk=mission.pk).update(title="Bulk renamed")
        published_data_changed()
    assert "Bulk renamed" in client.get(PAGE).content.decode()


def test_templates_are_cached_when_not_debugging():
    loaders = engines["django"].engine.loaders
    assert loaders[0][0] == "django.template.loaders.cached.Loader"


def test_a_transaction_of_many_writes_replaces_the_version_once(
    mission, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for number in range(5):
            Meeting.objects.create(mission=mission, date=datetime.date(2017, 6, 28), order=number)
    assert len(callbacks) == 1
