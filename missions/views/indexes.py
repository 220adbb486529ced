"""Index pages: countries, people, organizations, elections and regions, and the region page.

Like every public view they start from `missions.visibility`, so nothing only a draft
mentions is listed.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from ..filters import OrganizationFilter, PersonFilter, RegionFilter
from ..models import Visit
from ..visibility import (
    public_countries,
    public_delegations,
    public_elections,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
    public_visits,
)
from .shared import Latest, SectionMixin, mission_cards

INDEX_PAGE_LENGTH = 50


def count_per_country(queryset, country_field, counted):
    """A subquery: how many distinct `counted` values of `queryset` belong to the outer country."""
    rows = (
        queryset.filter(**{country_field: OuterRef("pk")})
        .order_by()
        .values(country_field)
        .annotate(total=Count(counted, distinct=True))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class CountryListView(SectionMixin, ListView):
    """Countries that hosted a published mission or sent a delegation to one, with counts."""

    template_name = "missions/country_list.html"
    section = "countries"
    context_object_name = "countries"

    def get_queryset(self):
        return (
            public_countries()
            .annotate(
                hosted=count_per_country(public_missions(), "election__country", "pk"),
                sent=count_per_country(public_delegations(), "country", "mission"),
            )
            .filter(Q(hosted__gt=0) | Q(sent__gt=0))
            .order_by("name")
        )


class PersonListView(SectionMixin, FilterView):
    """Observers and officials, searchable by name in either script."""

    filterset_class = PersonFilter
    template_name = "missions/person_list.html"
    section = "people"
    paginate_by = INDEX_PAGE_LENGTH

    def get_queryset(self):
        return public_people().select_related("country").order_by("name")


class OrganizationListView(SectionMixin, FilterView):
    filterset_class = OrganizationFilter
    template_name = "missions/organization_list.html"
    section = "organizations"
    paginate_by = INDEX_PAGE_LENGTH

    def get_queryset(self):
        return public_organizations().select_related("country").order_by("name")


class ElectionListView(SectionMixin, ListView):
    template_name = "missions/election_list.html"
    section = "elections"
    paginate_by = INDEX_PAGE_LENGTH
    context_object_name = "elections"

    def get_queryset(self):
        return public_elections().select_related("country", "body").order_by("-voting_day", "name")


class RegionListView(SectionMixin, FilterView):
    filterset_class = RegionFilter
    template_name = "missions/region_list.html"
    section = "countries"
    paginate_by = INDEX_PAGE_LENGTH

    def get_queryset(self):
        return public_regions().select_related("country").order_by("country__name", "name")


class RegionDetailView(SectionMixin, DetailView):
    """A region and the published missions that visited it, each with its visits there."""

    template_name = "missions/region_detail.html"
    section = "countries"

    def get_queryset(self):
        return public_regions().select_related("country")

    def get_context_data(self, **kwargs):
        region = self.object
        visits_here = Visit.objects.filter(region=region).prefetch_related("observers")
        missions = (
            mission_cards(
                public_missions().filter(
                    pk__in=public_visits().filter(region=region).values("mission")
                )
            )
            .prefetch_related(Prefetch("visits", queryset=visits_here, to_attr="visits_here"))
            .order_by("-starts", "title")
        )
        return super().get_context_data(
            missions=Latest(missions),
            all_missions_url=f"{reverse('missions:mission_list')}?region={region.pk}",
            **kwargs,
        )
