"""Countries and regions."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from missions.models import Country, Region
from missions.search.admin import SearchIndexedAdmin

from .translated import SearchBothLanguages


@admin.register(Country)
class CountryAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin):
    list_display = ("name", "code")
    # Membership is per organization (OrganizationMembership), not a flag on the country.
    list_filter = ("memberships__organization",)
    search_fields = ("name", "code")
    ordering = ("name",)


@admin.register(Region)
class RegionAdmin(SearchIndexedAdmin, SearchBothLanguages, admin.ModelAdmin):
    list_display = ("name", "name_ru", "kind", "country")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country",)
    search_fields = ("name", "name_ru", "country__name", "country__code")
    autocomplete_fields = ("country",)
    ordering = ("country__name", "name")
