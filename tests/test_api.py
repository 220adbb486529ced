"""The open-data API: public records only, both languages, links, errors named, headers."""

import json

import pytest
from django.core.cache import caches
from openapi_spec_validator import validate
from rest_framework.serializers import ModelSerializer, SerializerMethodField

from missions.api.serializers.base import Bilingual, Plan
from missions.models import Assessment, Country, Mission

from . import factories
from .public_data import add_mission2, tmp_media  # noqa: F401

pytestmark = pytest.mark.django_db

SEED = "kz-senate-2017-ipa-cis"


@pytest.fixture
def seed():
    mission = factories.load_seed()
    document = mission.documents.get()
    factories.recommendation(document, 1, text="Amend the law.", text_ru="Изменить закон.")
    return mission


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].split(";")[0].endswith("json"), url
    return response, json.loads(response.content)


def test_mission_list_holds_the_seed_in_both_languages_with_links(client, seed):
    _, page = get_json(client, "/api/v1/missions/")
    assert page["count"] == 1 and page["next"] is None and page["previous"] is None
    (record,) = page["results"]
    assert record["slug"] == SEED
    assert record["title"].startswith("IPA CIS observation")
    assert record["title_ru"].startswith("Наблюдение МПА СНГ")
    assert record["country"]["code"] == "KZ" and record["country"]["name_ru"] == "Казахстан"
    assert record["url"] == f"http://testserver/api/v1/missions/{SEED}/"
    assert record["html_url"] == f"http://testserver/en/missions/{SEED}/"
    assert record["html_url_ru"] == f"http://testserver/ru/missions/{SEED}/"
    assert client.get(record["html_url"]).status_code == 200


def test_mission_record_holds_what_its_page_shows(client, seed, settings):
    settings.DATA_LICENSE = "CC BY 4.0"
    _, record = get_json(client, f"/api/v1/missions/{SEED}/")
    assert record["license"] == "CC BY 4.0"
    assert record["election"]["slug"] == "kz-senate-2017"
    assert record["coordinator"]["slug"] == seed.coordinator.slug
    senders = {d["country"]["code"] for d in record["delegations"] if d["country"]}
    assert senders == {"AM", "BY", "KG", "MD", "RU", "TJ"}
    members = [m for d in record["delegations"] for m in d["members"]]
    assert members and all(m["person"]["url"].startswith("http://testserver/api/") for m in members)
    assert len(record["meetings"]) == 4 and record["meetings"][0]["counterparts"] is not None
    assert {v["region"]["name"] for v in record["visits"]} >= {"Akmola Region"}
    (document,) = record["documents"]
    assert document["recommendations"][0]["text_ru"] == "Изменить закон."
    assert record["summary"] and record["summary_ru"]


def test_mission_record_holds_every_mission2_part(client, tmp_media):  # noqa: F811
    earlier = factories.full_mission()
    assessed = add_mission2(earlier, "earlier", file=False)["recommendation"]
    mission = factories.full_mission()
    made = add_mission2(mission, "m2")
    Assessment.objects.create(document=made["document"], recommendation=assessed, status="met")
    _, record = get_json(client, f"/api/v1/missions/{mission.slug}/")
    assert [r["number"] for r in record["election"]["rounds"]] == [1, 2]
    (partner,) = record["partners"]
    assert partner["organization"]["slug"] == "m2-partner" and partner["role"] == "Role m2"
    assert {p["kind"] for p in record["phases"]} == {"long-term", "short-term"}
    assert record["figures"]["observers"] == 321 and record["figures"]["note"] == "Note m2"
    assert [s["title"] for s in record["sources"]] == ["Source m2"]
    assert [v["country_abroad"] for v in record["visits"] if v["country_abroad"]] == ["RU"]
    (report,) = [d for d in record["documents"] if d["title"] == "Final report m2"]
    assert [(r["election"], r["number"]) for r in report["rounds"]] == [(mission.election.slug, 1)]
    assert [o["slug"] for o in report["co_issuers"]] == ["m2-co-issuer"]
    (file,) = report["files"]
    download = client.get(file["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert [r["text"] for r in report["recommendations"]] == ["Recommendation m2"]
    (assessment,) = report["assessments"]
    assert assessment["status"] == "met"
    assert assessment["recommendation"]["mission"] == earlier.slug


def test_records_and_lists_are_what_drf_itself_gives(client, tmp_media, monkeypatch):  # noqa: F811
    earlier = factories.full_mission()
    assessed = add_mission2(earlier, "earlier", file=False)["recommendation"]
    mission = factories.full_mission()
    made = add_mission2(mission, "m2")
    Assessment.objects.create(document=made["document"], recommendation=assessed, status="met")
    urls = [f"/api/v1/missions/{mission.slug}/", "/api/v1/missions/", "/api/v1/documents/"]
    asked = [(url, language) for url in urls for language in ("en", "ru")]
    planned = {
        (url, lang): client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content for url, lang in asked
    }
    assert all(b'"figures":{' in planned[urls[0], lang] for lang in ("en", "ru"))
    monkeypatch.setattr(Bilingual, "to_representation", ModelSerializer.to_representation)
    for url, language in asked:
        drf = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content
        assert drf == planned[url, language], (url, language)


def test_a_plan_refuses_a_field_that_reads_its_serializer():
    class Counted(Bilingual):
        count = SerializerMethodField()

        class Meta:
            model = Country
            fields = ["code", "count"]

    with pytest.raises(TypeError, match="Counted.count"):
        Plan.of(Counted)


def test_an_assessment_of_a_draft_recommendation_is_not_in_the_record(client, tmp_media):  # noqa: F811
    draft = factories.full_mission(status=Mission.Status.DRAFT, slug="secret-draft")
    hidden = add_mission2(draft, "hidden", file=False)["recommendation"]
    mission = factories.full_mission()
    made = add_mission2(mission, "m2", file=False)
    Assessment.objects.create(document=made["document"], recommendation=hidden, status="met")
    _, record = get_json(client, f"/api/v1/missions/{mission.slug}/")
    assert [d["assessments"] for d in record["documents"]] == [[], []]
    assert "secret-draft" not in json.dumps(record) and "hidden" not in json.dumps(record)


def test_a_record_fetched_by_its_url_is_the_listed_one(client, seed):
    for kind in ["elections", "countries", "people", "organizations", "regions", "documents"]:
        _, page = get_json(client, f"/api/v1/{kind}/")
        assert page["results"], kind
        listed = page["results"][0]
        _, record = get_json(client, listed["url"])
        assert {k: record[k] for k in listed} == listed, kind


def test_the_list_takes_the_html_lists_filters(client, seed):
    other = factories.full_mission(election=factories.election(country=factories.country("UZ")))
    _, page = get_json(client, "/api/v1/missions/?country=KZ")
    assert [r["slug"] for r in page["results"]] == [SEED]
    _, page = get_json(client, "/api/v1/missions/?sort=oldest")
    assert [r["slug"] for r in page["results"]][-1] == other.slug
    _, page = get_json(client, "/api/v1/missions/?q=senate")
    assert SEED in [r["slug"] for r in page["results"]]


def test_pages_link_to_each_other(client, seed):
    for _ in range(2):
        factories.full_mission()
    _, first = get_json(client, "/api/v1/missions/?page_size=2")
    assert first["count"] == 3 and first["previous"] is None
    _, second = get_json(client, first["next"])
    assert len(second["results"]) == 1 and second["next"] is None
    assert second["previous"].startswith("http://testserver/api/v1/missions/")


HOSTILE = ["zz", "'; DROP TABLE x;--", "9" * 400, "-1", "../..", "%F0%9F", "%00"]
PARAMETERS = {
    "missions": ["country", "year", "kind", "monitoring", "observer", "sender", "person"]
    + ["organization", "region", "sort", "page", "page_size"],
    "people": ["country", "page", "page_size"],
    "organizations": ["country", "page"],
    "regions": ["country", "page"],
    "elections": ["page", "page_size"],
    "countries": ["page"],
    "documents": ["page"],
    "recommendations": ["page_size"],
}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    "kind,parameter", [(kind, p) for kind, names in PARAMETERS.items() for p in names]
)
def test_hostile_parameters_are_a_400_naming_the_parameter(client, kind, parameter, value):
    factories.full_mission()
    _, body = get_json(client, f"/api/v1/{kind}/?{parameter}={value}", status=400)
    assert list(body) == [parameter]


def test_a_page_past_the_end_is_a_404_naming_the_page(client, seed):
    _, body = get_json(client, "/api/v1/missions/?page=2", status=404)
    assert list(body) == ["page"]


@pytest.mark.parametrize("value", ["", "x" * 2000, "%00", '() OR * "', "ñ" * 50])
def test_hostile_searches_never_fail(client, seed, value):
    response = client.get(f"/api/v1/missions/?q={value}")
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/missions/no-such-mission/",
        "/api/v1/countries/zz/",
        "/api/v1/regions/999999/",
        "/api/v1/documents/not-a-uuid/",
        "/api/v1/documents/00000000-0000-0000-0000-000000000000/",
        "/api/v1/recommendations/99999999999999999999999/",
        "/api/v1/no-such-kind/",
    ],
)
def test_unknown_records_are_a_json_404(client, seed, url):
    _, body = get_json(client, url, status=404)
    assert "detail" in body


def test_the_api_is_read_only(client, seed):
    response = client.post("/api/v1/missions/", {"slug": "x"})
    assert response.status_code == 405
    assert Mission.objects.count() == 1


def test_cors_is_open_for_reading(client, seed):
    response = client.get("/api/v1/missions/", HTTP_ORIGIN="https://research.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/missions/",
        HTTP_ORIGIN="https://research.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/en/missions/", HTTP_ORIGIN="https://research.example")
    assert "Access-Control-Allow-Origin" not in page


def test_a_client_past_the_rate_limit_gets_429_with_retry_after(client, seed, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    api_settings.reload()
    AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    caches["default"].clear()
    try:
        statuses = [client.get("/api/v1/countries/").status_code for _ in range(4)]
        limited = client.get("/api/v1/countries/")
        other_client = client.get("/api/v1/countries/", REMOTE_ADDR="10.0.0.9")
    finally:
        caches["default"].clear()
        del settings.REST_FRAMEWORK
        api_settings.reload()
        AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert statuses == [200, 200, 200, 429]
    assert limited.status_code == 429 and 0 < int(limited["Retry-After"]) <= 60
    assert "detail" in json.loads(limited.content)
    assert other_client.status_code == 200


def test_answers_carry_the_data_version_as_etag_and_last_modified(client, seed, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["pages"].clear()
    try:
        first = client.get("/api/v1/missions/")
        assert first["ETag"] and first["Last-Modified"]
        again = client.get("/api/v1/missions/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
    finally:
        caches["pages"].clear()


def test_openapi_description_is_valid_and_covers_every_kind(client):
    _, description = get_json(client, "/api/v1/openapi.json")
    validate(description)
    assert description["openapi"].startswith("3.")
    paths = description["paths"]
    for kind in PARAMETERS:
        assert f"/api/v1/{kind}/" in paths, kind
        assert "429" in paths[f"/api/v1/{kind}/"]["get"]["responses"]
    assert "/api/v1/popolo.json" in paths
    parameters = {p["name"] for p in paths["/api/v1/missions/"]["get"]["parameters"]}
    assert {"q", "country", "year", "sender", "sort", "page", "page_size"} <= parameters


def test_browsable_docs_load_their_assets_from_static(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "//cdn" not in html and "unpkg" not in html and "jsdelivr" not in html
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()  # a streamed file
