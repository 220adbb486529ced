"""DRF (the site's API) against django-ninja on the same mission list page, in-process.

Used once to choose the API framework (docs/benchmarks.md, "API framework"); django-ninja
is not a requirement, install it by hand to rerun:
    pip install django-ninja==1.7.1
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py seed_synthetic --missions 2000
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 DJANGO_SETTINGS_MODULE=observers_site.settings.test \
        python bench/api_frameworks.py
"""

import os
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observers_site.settings.test")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path, reverse  # noqa: E402
from ninja import NinjaAPI, Schema  # noqa: E402
from ninja.pagination import PageNumberPagination, paginate  # noqa: E402
from rest_framework import generics, serializers  # noqa: E402

from missions.api.views import missions_listed  # noqa: E402
from missions.models import Country, Election, Mission, Organization  # noqa: E402

ROUNDS = 60
PAGE = 50


class CountryOut(Schema):
    code: str
    name: str | None
    name_ru: str | None

    @staticmethod
    def resolve_name(obj):
        return obj.name_en


class OrganizationOut(Schema):
    slug: str
    name: str | None
    name_ru: str | None

    @staticmethod
    def resolve_name(obj):
        return obj.name_en


class ElectionOut(Schema):
    slug: str
    name: str | None
    name_ru: str | None
    kind: str
    voting_day: datetime.date

    @staticmethod
    def resolve_name(obj):
        return obj.name_en


class MissionOut(Schema):
    slug: str
    title: str | None
    title_ru: str | None
    election: ElectionOut
    country: CountryOut
    observer_body: OrganizationOut
    monitoring: str
    starts: datetime.date
    ends: datetime.date
    url: str
    html_url: str

    @staticmethod
    def resolve_title(obj):
        return obj.title_en

    @staticmethod
    def resolve_country(obj):
        return obj.election.country

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(f"/ninja/missions/{obj.slug}/")

    @staticmethod
    def resolve_html_url(obj, context):
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class DrfCountry(serializers.ModelSerializer):
    name = serializers.CharField(source="name_en")

    class Meta:
        model = Country
        fields = ["code", "name", "name_ru"]


class DrfOrganization(serializers.ModelSerializer):
    name = serializers.CharField(source="name_en")

    class Meta:
        model = Organization
        fields = ["slug", "name", "name_ru"]


class DrfElection(serializers.ModelSerializer):
    name = serializers.CharField(source="name_en")

    class Meta:
        model = Election
        fields = ["slug", "name", "name_ru", "kind", "voting_day"]


class DrfMission(serializers.ModelSerializer):
    """The same fields as MissionOut: the frameworks compared, not the site's richer record."""

    title = serializers.CharField(source="title_en")
    election = DrfElection()
    country = DrfCountry(source="election.country")
    observer_body = DrfOrganization()
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Mission
        fields = [*MissionOut.model_fields]

    def get_url(self, obj):
        return self.context["request"].build_absolute_uri(f"/drf/missions/{obj.slug}/")

    def get_html_url(self, obj):
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class DrfMissions(generics.ListAPIView):
    serializer_class = DrfMission

    def get_queryset(self):
        return missions_listed()


ninja_api = NinjaAPI(urls_namespace="ninja")


@ninja_api.get("/missions/", response=list[MissionOut])
@paginate(PageNumberPagination, page_size=PAGE)
def ninja_missions(request):
    return missions_listed()


urls = types.ModuleType("bench_urls")
urls.urlpatterns = [
    path("ninja/", ninja_api.urls),
    path("drf/missions/", DrfMissions.as_view()),
] + __import__("observers_site.urls", fromlist=["urlpatterns"]).urlpatterns


def measure(client, url):
    client.get(url)  # warm
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:200]
    return statistics.median(times), sorted(times)[int(ROUNDS * 0.95) - 1]


def main():
    client = Client()
    with override_settings(ROOT_URLCONF=urls, DEBUG=False):
        rows = {
            "the site's API (DRF, full record)": f"/api/v1/missions/?page_size={PAGE}&page=3",
            "DRF, the same fields as ninja": f"/drf/missions/?page_size={PAGE}&page=3",
            "django-ninja": "/ninja/missions/?page=3",
            "/healthz": reverse("healthz"),
        }
        print(f"{connection.vendor}, {missions_listed().count()} missions, {PAGE} a page")
        print("| endpoint | median ms | p95 ms |\n| --- | ---: | ---: |")
        for name, url in rows.items():
            median, p95 = measure(client, url)
            print(f"| {name} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
