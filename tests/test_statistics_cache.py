"""The statistics' figures kept under the data version: counted once, never stale."""

import logging

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions import aggregates
from missions.cache import PageCacheUnavailable
from missions.models import Mission

from . import factories
from .test_statistics import archive, figure_of, mission_in, numbers  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("archive")]

PAGE = "/en/statistics/?since=2018"


@pytest.fixture(autouse=True)
def figures_cache(settings):
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    settings.CACHES = {**settings.CACHES, "figures": locmem}
    caches["figures"].clear()
    yield caches["figures"]
    caches["figures"].clear()


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


def test_the_figures_are_counted_once_per_version(client):
    first, counted = queries_of(client, PAGE)
    second, kept = queries_of(client, PAGE)
    # the figures' 13 queries and the bodies offered (filters/choices.py); the count remains
    assert kept == counted - 14
    for key in ("missions-by-body", "observers-stated-named", "recommendations-by-topic"):
        assert numbers(figure_of(second, key)) == numbers(figure_of(first, key))
    assert second.content == first.content


def test_a_publish_and_an_unpublish_show_at_once(client, committed):
    countries = numbers(figure_of(client.get(PAGE), "countries-observed"))
    assert countries == {"Kazakhstan": [2], "Armenia": [1]}
    belarus = mission_in(2021, status=Mission.Status.DRAFT, at={"country": factories.country("BY")})
    assert "Belarus" not in numbers(figure_of(client.get(PAGE), "countries-observed"))
    belarus.status = Mission.Status.PUBLISHED
    committed(belarus)
    assert numbers(figure_of(client.get(PAGE), "countries-observed"))["Belarus"] == [1]
    belarus.status = Mission.Status.DRAFT
    committed(belarus)
    html = client.get(PAGE).content.decode()
    assert "Belarus" not in html


def test_each_language_and_selection_has_its_own_figures(client):
    client.get("/en/statistics/")
    russian = client.get("/ru/statistics/")
    assert figure_of(russian, "countries-observed").title == "Страны, где велось наблюдение"
    assert "Казахстан" in numbers(figure_of(russian, "countries-observed"))
    narrow = client.get("/en/statistics/?observer=cis")
    assert numbers(figure_of(narrow, "missions-by-body")) == {"2020": [1]}


def test_a_csv_of_a_selection_shown_uses_its_figures(client):
    client.get(PAGE)
    _, queries = queries_of(client, "/en/statistics/countries-observed.csv?since=2018")
    assert queries == 0
    download = client.get("/en/statistics/stations-and-regions.csv?since=2018")
    assert len(download.content.decode().splitlines()) == 1 + 3  # every mission, not the page's


def test_without_a_data_version_the_figures_are_counted_each_time(client, monkeypatch, caplog):
    def unavailable():
        raise PageCacheUnavailable("down")

    monkeypatch.setattr(aggregates, "data_version", unavailable)
    with caplog.at_level(logging.ERROR, logger="missions.aggregates"):
        _, counted = queries_of(client, PAGE)
        response, again = queries_of(client, PAGE)
    assert again == counted
    assert numbers(figure_of(response, "countries-observed")) == {
        "Kazakhstan": [2],
        "Armenia": [1],
    }
    assert "counting" in caplog.text
