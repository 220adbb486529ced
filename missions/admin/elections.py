"""Elections."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from missions.models import Election
from missions.search.admin import SearchIndexedAdmin

from .translated import SearchBothLanguages


@admin.register(Election)
class ElectionAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin):
    list_display = ("name", "country", "kind", "voting_day")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country",)
    search_fields = ("name", "slug", "country__name")
    autocomplete_fields = ("country", "body")
    prepopulated_fields = {"slug": ("name",)}
    date_hierarchy = "voting_day"
    ordering = ("-voting_day", "name")
    fieldsets = ((None, {"fields": ("name", "slug", "kind", "country", "voting_day", "body")}),)
