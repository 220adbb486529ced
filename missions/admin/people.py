"""Organizations and people."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from missions.models import Organization, OrganizationMembership, Person
from missions.models.bilingual import either
from missions.search.admin import SearchIndexedAdmin

from .choices import exact_first
from .forms import AdminForm, OptionalFormSet
from .history import HistoryAdmin
from .translated import SearchBothLanguages


class MembershipInline(admin.TabularInline):
    """The countries that belong to this body (an assembly's member nations), with dates."""

    model = OrganizationMembership
    formset = OptionalFormSet
    form = AdminForm
    fields = ("country", "since", "until")
    autocomplete_fields = ("country",)
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, HistoryAdmin):
    form = AdminForm
    list_display = ("name", "short_name", "kind", "country", "parent")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country", "parent")
    search_fields = ("name", "short_name", "slug")
    autocomplete_fields = ("country", "parent")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "url")}),
        (_("Where it belongs"), {"fields": ("country", "parent")}),
    )
    inlines = (MembershipInline,)

    def get_search_results(self, request, queryset, search_term):
        found, distinct = super().get_search_results(request, queryset, search_term)
        exact = ("short_name_en", "short_name_ru", "name_en", "name_ru", "slug")
        return exact_first(found, search_term, exact), distinct

    def autocomplete_label(self, organization):
        """ "IPA CIS — Interparliamentary Assembly …": the short name, then the full name."""
        short, full = str(organization), either(organization, "name")
        return f"{short} — {full}" if full and full != short else short


@admin.register(Person)
class PersonAdmin(SearchIndexedAdmin, SearchBothLanguages, admin.ModelAdmin):
    form = AdminForm
    list_display = ("name", "name_original", "country")
    list_filter = (("country", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("country",)
    search_fields = ("name", "name_original", "slug")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    fieldsets = ((None, {"fields": ("name", "name_original", "slug", "country")}),)

    def get_search_results(self, request, queryset, search_term):
        found, distinct = super().get_search_results(request, queryset, search_term)
        return exact_first(found, search_term, ("name", "name_original", "slug")), distinct

    def autocomplete_label(self, person):
        names = [person.name, person.name_original]
        return " / ".join(dict.fromkeys(name for name in names if name))
