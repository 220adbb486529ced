"""Organizations and people."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from missions.models import Organization, Person
from missions.search.admin import SearchIndexedAdmin

from .translated import SearchBothLanguages


@admin.register(Organization)
class OrganizationAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin):
    list_display = ("name", "short_name", "kind", "country", "parent")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country", "parent")
    search_fields = ("name", "short_name", "slug")
    autocomplete_fields = ("country", "parent")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind")}),
        (_("Where it belongs"), {"fields": ("country", "parent")}),
    )


@admin.register(Person)
class PersonAdmin(SearchIndexedAdmin, SearchBothLanguages, admin.ModelAdmin):
    list_display = ("name", "name_original", "country")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("country",)
    search_fields = ("name", "name_original", "slug")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    fieldsets = ((None, {"fields": ("name", "name_original", "slug", "country")}),)
