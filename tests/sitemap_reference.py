"""The sitemap as django.contrib.sitemaps built it before missions/sitemaps.py: the reference
the fast sitemap is compared with (tests/test_page_output.py)."""

from django.contrib import sitemaps
from django.urls import reverse

from missions.visibility import (
    public_countries,
    public_elections,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
)


class Sitemap(sitemaps.Sitemap):
    """Every page once per language, each listing its translations as alternates."""

    i18n = True
    alternates = True
    limit = 5000


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "missions:home",
            "missions:mission_list",
            "missions:election_list",
            "missions:country_list",
            "missions:person_list",
            "missions:organization_list",
            "missions:region_list",
        ]

    def location(self, item):
        return reverse(item)


class MissionSitemap(Sitemap):
    def items(self):
        return public_missions().order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class ElectionSitemap(Sitemap):
    def items(self):
        return public_elections().order_by("slug")


class CountrySitemap(Sitemap):
    def items(self):
        return public_countries().order_by("code")


class PersonSitemap(Sitemap):
    def items(self):
        return public_people().order_by("slug")


class OrganizationSitemap(Sitemap):
    def items(self):
        return public_organizations().order_by("slug")


class RegionSitemap(Sitemap):
    def items(self):
        return public_regions().order_by("pk")

    def location(self, item):
        return reverse("missions:region_detail", kwargs={"pk": item.pk})


SITEMAPS = {
    "pages": StaticSitemap,
    "missions": MissionSitemap,
    "elections": ElectionSitemap,
    "countries": CountrySitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "regions": RegionSitemap,
}
