"""Filters for the people, organizations and regions indexes."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ..models import Country, Organization, Person, Region
from ..visibility import public_organizations, public_people, public_regions
from .choices import FilterSet, ModelChoiceFilter


def countries_of(queryset):
    """The countries the rows of `queryset` belong to, offered as a filter's choices: one
    EXISTS probe per country (IN (subquery) read all 39,000 public people on every page)."""
    return Country.objects.filter(Exists(queryset.filter(country=OuterRef("pk"))))


class NameSearchFilter(FilterSet):
    """A name search and a country, for the index pages of people, organizations and regions."""

    q = django_filters.CharFilter(label=_("Name"), method="search")
    country = ModelChoiceFilter(
        label=_("Country"),
        to_field_name="code",
        empty_label=_("Any country"),
    )
    name_fields = ()
    listed = None  # the public records of the index, whose countries are offered

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        country = self.filters["country"]
        country.queryset = countries_of(self.listed())
        country.extra["keep"] = f"countries-of-{self._meta.model._meta.model_name}"

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            matches = Q()
            for field in self.name_fields:
                matches |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset


class PersonFilter(NameSearchFilter):
    name_fields = ("name", "name_original")
    listed = staticmethod(public_people)

    class Meta:
        model = Person
        fields = []


class OrganizationFilter(NameSearchFilter):
    name_fields = ("name_en", "name_ru", "short_name_en", "short_name_ru")
    listed = staticmethod(public_organizations)

    class Meta:
        model = Organization
        fields = []


class RegionFilter(NameSearchFilter):
    name_fields = ("name", "name_ru")
    listed = staticmethod(public_regions)

    class Meta:
        model = Region
        fields = []
