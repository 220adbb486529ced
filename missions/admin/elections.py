"""Elections with their rounds and referendum questions; a round's results and their outcomes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from missions.models import (
    Election,
    ElectionResult,
    ElectionRound,
    ReferendumQuestion,
    ResultOutcome,
)
from missions.search.admin import SearchIndexedAdmin

from .forms import AdminForm, OptionalFormSet
from .history import ElectionPartAdmin, HistoryAdmin
from .translated import SearchBothLanguages


class RoundInline(admin.TabularInline):
    model = ElectionRound
    formset = OptionalFormSet
    form = AdminForm
    fields = ("number", "voting_day", "kind")
    show_change_link = True
    extra = 0


class QuestionInline(TranslationTabularInline):
    model = ReferendumQuestion
    formset = OptionalFormSet
    form = AdminForm
    fields = ("text", "order")
    extra = 0


@admin.register(Election)
class ElectionAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, HistoryAdmin):
    form = AdminForm
    list_display = ("name", "country", "kind", "voting_day")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country",)
    search_fields = ("name", "slug", "country__name")
    autocomplete_fields = ("country", "body")
    prepopulated_fields = {"slug": ("name",)}
    date_hierarchy = "voting_day"
    ordering = ("-voting_day", "name")
    fieldsets = ((None, {"fields": ("name", "slug", "kind", "country", "voting_day", "body")}),)
    inlines = (RoundInline, QuestionInline)


class ResultInline(admin.StackedInline):
    model = ElectionResult
    formset = OptionalFormSet
    form = AdminForm
    fields = (("registered_voters", "turnout", "preliminary", "order"), "source")
    show_change_link = True
    extra = 0


@admin.register(ElectionRound)
class ElectionRoundAdmin(SearchIndexedAdmin, ElectionPartAdmin):
    """A round of an election, with the results announced for it."""

    form = AdminForm
    list_display = ("__str__", "election", "kind")
    list_filter = ("kind",)
    list_select_related = ("election",)
    search_fields = ("election__name_en", "election__name_ru", "election__slug")
    autocomplete_fields = ("election",)
    ordering = ("-voting_day", "number")
    fields = ("election", "number", "voting_day", "kind")
    inlines = (ResultInline,)


class OutcomeInline(admin.TabularInline):
    model = ResultOutcome
    formset = OptionalFormSet
    form = AdminForm
    fields = ("option", "percent", "votes", "seats", "order")
    extra = 0


@admin.register(ElectionResult)
class ElectionResultAdmin(SearchIndexedAdmin, ElectionPartAdmin):
    """One announcement of a round's results, with what each option received."""

    form = AdminForm
    list_display = ("__str__", "registered_voters", "turnout", "preliminary")
    list_filter = ("preliminary",)
    list_select_related = ("round", "round__election")
    search_fields = ("round__election__name_en", "round__election__name_ru", "outcomes__option")
    autocomplete_fields = ("round",)
    ordering = ("-round__voting_day", "order")
    fieldsets = (
        (None, {"fields": ("round", ("registered_voters", "turnout"), "preliminary", "order")}),
        (_("Where it was announced"), {"fields": ("source",)}),
    )
    inlines = (OutcomeInline,)
