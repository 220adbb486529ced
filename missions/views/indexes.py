"""Index pages: countries, people, organizations, elections and regions, and the region page.

Like every public view they start from `missions.visibility`, so nothing only a draft
mentions is listed.
"""

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from ..filters import OrganizationFilter, PersonFilter, RegionFilter
from ..models import Visit
from ..visibility import (
    public_countries,
    public_elections,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
    public_visits,
)
from .shared import Latest, SectionMixin, by_shown_name, mission_cards

INDEX_PAGE_LENGTH = 50


class CountryListView(SectionMixin, ListView):
    """Countries that hosted a published mission or sent a delegation to one, with counts.

    The counts are stored on each country (`visibility.country_counts`, recomputed with the
    public flags): counting them here read every delegation of every country on each request
    (10-20 ms at 2,000 missions, ten times that at 20,000)."""

    template_name = "missions/country_list.html"
    section = "countries"
    context_object_name = "countries"

    def get_queryset(self):
        return public_countries().filter(Q(hosted__gt=0) | Q(sent__gt=0)).order_by("name")


class PersonListView(SectionMixin, FilterView):
    """Observers and officials, searchable by name in either script."""

    filterset_class = PersonFilter
    template_name = "missions/person_list.html"
    section = "people"
    paginate_by = INDEX_PAGE_LENGTH

    def get_queryset(self):
        return public_people().select_related("country").order_by("name", "pk")


class OrganizationListView(SectionMixin, FilterView):
    filterset_class = OrganizationFilter
    template_name = "missions/organization_list.html"
    section = "organizations"
    paginate_by = INDEX_PAGE_LENGTH

    def get_queryset(self):
        return public_organizations().select_related("country").order_by(*by_shown_name())


class ElectionListView(SectionMixin, ListView):
    template_name = "missions/election_list.html"
    section = "elections"
    paginate_by = INDEX_PAGE_LENGTH
    context_object_name = "elections"

    def get_queryset(self):
        return (
            public_elections()
            .select_related("country", "body")
            .order_by("-voting_day", "name", "pk")
        )


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
