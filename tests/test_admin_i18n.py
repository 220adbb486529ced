"""The admin in two languages: English and Russian side by side, nothing from a CDN, and the
admin itself in Russian for a Russian-speaking staff member."""

import re

import pytest
from django.urls import reverse

from missions.models import Mission
from tests.admin_forms import mission_post

pytestmark = pytest.mark.django_db


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_mission_page_has_english_and_russian_fields_side_by_side(admin_client, mission, meeting):
    page = admin_client.get(change_url(mission)).text
    for name in ("title_en", "title_ru", "summary_en", "summary_ru"):
        assert f'name="{name}"' in page
    assert 'name="meetings-0-place_en"' in page
    assert 'name="meetings-0-place_ru"' in page
    assert page.index('name="title_en"') < page.index('name="title_ru"')


def test_organization_document_and_region_pages_offer_russian(admin_client, observer_body, region):
    assert 'name="name_ru"' in admin_client.get(change_url(observer_body)).text
    assert 'name="short_name_ru"' in admin_client.get(change_url(observer_body)).text
    assert 'name="name_ru"' in admin_client.get(change_url(region)).text


def test_staff_save_both_languages_from_the_mission_page(admin_client, election, observer_body):
    data = mission_post(election, observer_body, title_ru="Наблюдение за президентскими выборами")
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 302
    mission = Mission.objects.get(slug="kz-president-2019")
    assert mission.title_en == "Observation of the presidential election"
    assert mission.title_ru == "Наблюдение за президентскими выборами"


def test_a_russian_only_title_is_accepted(admin_client, election, observer_body):
    # mission/2, rule 3: either language may be the original (was: English required).
    data = mission_post(election, observer_body, title_en="", title_ru="Только по-русски")
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 302
    mission = Mission.objects.get(slug="kz-president-2019")
    assert (mission.title_en or "", mission.title_ru) == ("", "Только по-русски")


def test_a_title_in_neither_language_is_refused_next_to_the_english_field(
    admin_client, election, observer_body
):
    data = mission_post(election, observer_body, title_en="", title_ru="")
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_en"] == [
        "Give this text in English or in Russian (at least one)."
    ]
    assert not Mission.objects.exists()


def test_admin_pages_load_nothing_from_another_host(admin_client, mission, meeting):
    for url in (change_url(mission), reverse("admin:missions_mission_add")):
        page = admin_client.get(url).text
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
        assert assets, url
        assert all(a.startswith("/static/") for a in assets), assets


def test_admin_speaks_russian_to_a_russian_browser(admin_client, mission):
    page = admin_client.get(change_url(mission), HTTP_ACCEPT_LANGUAGE="ru").text
    assert '<html lang="ru"' in page
    assert "Заголовок [ru]" in page
    assert "Миссии наблюдения" in page


def test_search_finds_either_language_whatever_the_admin_language(admin_client, mission):
    Mission.objects.filter(pk=mission.pk).update(title_ru="Наблюдение за выборами в Сенат")
    url = reverse("admin:missions_mission_changelist")
    for language in ("en", "ru"):
        for term in ("Senate elections", "выборами в Сенат"):
            page = admin_client.get(url, {"q": term}, HTTP_ACCEPT_LANGUAGE=language).text
            assert f'href="/admin/missions/mission/{mission.pk}/change/' in page, (language, term)
        page = admin_client.get(url, {"q": "no such words"}, HTTP_ACCEPT_LANGUAGE=language).text
        assert f'href="/admin/missions/mission/{mission.pk}/change/' not in page


def test_country_autocomplete_finds_russian_names(admin_client, mission):
    url = reverse("admin:autocomplete")
    params = {
        "term": "Казах",
        "app_label": "missions",
        "model_name": "election",
        "field_name": "country",
    }
    results = admin_client.get(url, params).json()["results"]
    assert [r["text"] for r in results] == ["Kazakhstan"]
