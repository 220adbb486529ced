"""The Django side of the benchmark, run in a subprocess against one prepared database.

python -m bench.site prepare --missions 2000 --seed 1 [--publish-all]
python -m bench.site pages      # JSON: the pages to load, with their paths
python -m bench.site queries    # JSON: queries each page runs, rendered without a cache
"""

import argparse
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from missions import synthetic  # noqa: E402
from missions.models import Mission, Person, Recommendation, Visit  # noqa: E402

DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


def prepare(missions, seed, publish_all):
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_synthetic", missions=missions, seed=seed, replace=True, verbosity=0)
    if publish_all:
        synthetic.synthetic_missions().update(status=Mission.Status.PUBLISHED)


def busiest_mission():
    """The published mission with the most observers: the heaviest mission page."""
    return (
        Mission.objects.published()
        .annotate(size=Count("delegations__members"))
        .order_by("-size", "slug")
        .first()
    )


def busiest_person():
    """The observer on the most published missions: the longest person page."""
    published = Q(memberships__delegation__mission__status=Mission.Status.PUBLISHED)
    return (
        Person.objects.annotate(times=Count("memberships", filter=published))
        .order_by("-times", "slug")
        .first()
    )


def assessed_recommendation():
    """The published recommendation assessed most often: the longest recommendation page."""
    found = (
        Recommendation.objects.filter(mission__status=Mission.Status.PUBLISHED)
        .annotate(times=Count("assessments"))
        .order_by("-times", "pk")
        .select_related("mission")
        .first()
    )
    return {"slug": found.mission.slug, "number": found.number} if found else {}


def page_paths():
    """(name, path) for every public page the benchmark loads; None when the route is absent."""
    mission = busiest_mission()
    person = busiest_person()
    country = mission.election.country
    organization = mission.observer_body
    region = Visit.objects.filter(mission=mission).order_by("pk").first().region
    candidates = [
        ("/healthz", "healthz", {}, ""),
        ("home", "missions:home", {}, ""),
        ("mission list", "missions:mission_list", {}, ""),
        (
            "filtered list",
            "missions:mission_list",
            {},
            f"?country={country.code}&monitoring=short-term&sort=oldest",
        ),
        ("search", "missions:mission_list", {}, "?q=polling+stations"),
        ("search page", "missions:search", {}, "?q=polling+stations"),
        ("mission page", "missions:mission_detail", {"slug": mission.slug}, ""),
        ("election page", "missions:election_detail", {"slug": mission.election.slug}, ""),
        ("country page", "missions:country_detail", {"code": country.code.lower()}, ""),
        ("person page", "missions:person_detail", {"slug": person.slug}, ""),
        ("organization page", "missions:organization_detail", {"slug": organization.slug}, ""),
        ("region page", "missions:region_detail", {"pk": region.pk}, ""),
        ("elections index", "missions:election_list", {}, ""),
        ("countries index", "missions:country_list", {}, ""),
        ("people index", "missions:person_list", {}, ""),
        ("people index, page 20", "missions:person_list", {}, "?page=20"),
        ("people search", "missions:person_list", {}, "?q=observer+01"),
        ("organizations index", "missions:organization_list", {}, ""),
        ("regions index", "missions:region_list", {}, ""),
        ("statistics", "missions:statistics", {}, ""),
        (
            "statistics, filtered",
            "missions:statistics",
            {},
            f"?observer={organization.slug}&since=2000",
        ),
        ("statistics CSV", "missions:statistics_csv", {"key": "countries-observed"}, ""),
        ("recommendations", "missions:recommendation_list", {}, ""),
        (
            "recommendations, filtered",
            "missions:recommendation_list",
            {},
            f"?country={country.code}",
        ),
        ("recommendation page", "missions:recommendation_detail", assessed_recommendation(), ""),
        ("missions feed", "missions:feed_missions", {}, ""),
        ("documents feed", "missions:feed_documents", {}, ""),
        ("sitemap index", "sitemap", {}, ""),
        ("sitemap: missions", "sitemap_section", {"section": "missions"}, ""),
        ("sitemap: people", "sitemap_section", {"section": "people"}, ""),
        ("API: mission list", "api:mission-list", {}, ""),
        ("API: filtered mission list", "api:mission-list", {}, f"?country={country.code}&page=3"),
        ("API: mission record", "api:mission-detail", {"slug": mission.slug}, ""),
    ]
    pages = []
    for name, url_name, kwargs, query in candidates:
        try:
            pages.append((name, reverse(url_name, kwargs=kwargs) + query))
        except NoReverseMatch:
            pages.append((name, None))
    return pages


def public_pages():
    """page_paths() without the /healthz baseline."""
    return [(name, path) for name, path in page_paths() if name != "/healthz"]


def count_queries(pages):
    """Queries per page, counted on the second request so one-off start-up work is left out."""
    client = Client()
    counts = {}
    # Every cache alias (the page cache included) a dummy, so each request renders.
    with override_settings(CACHES={alias: DUMMY_CACHE for alias in settings.CACHES}):
        for name, path in pages:
            if path is None:
                continue
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            counts[name] = {"status": response.status_code, "queries": len(queries)}
    return counts


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.site")
    sub = parser.add_subparsers(dest="command", required=True)
    prep = sub.add_parser("prepare")
    prep.add_argument("--missions", type=int, required=True)
    prep.add_argument("--seed", type=int, default=1)
    prep.add_argument("--publish-all", action="store_true")
    sub.add_parser("pages")
    sub.add_parser("queries")
    sub.add_parser("slugs")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.missions, args.seed, args.publish_all)
    elif args.command == "pages":
        json.dump(page_paths(), sys.stdout)
    elif args.command == "slugs":
        slugs = synthetic.synthetic_missions().order_by("slug").values_list("slug", flat=True)
        json.dump({"all": list(slugs)}, sys.stdout)
    else:
        json.dump(count_queries(page_paths()), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
