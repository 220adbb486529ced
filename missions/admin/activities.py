"""Meetings with their counterparts, visits to regions, and documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from missions.models import (
    Assessment,
    Document,
    DocumentFile,
    Meeting,
    MeetingCounterpart,
    Recommendation,
    Visit,
)
from missions.search.admin import SearchIndexedAdmin

from .forms import AdminForm, DocumentForm, OptionalFormSet, VisitForm
from .history import MissionPartAdmin
from .rounds import RoundChoices
from .translated import FieldsetsOnly, SearchBothLanguages


class CounterpartInline(TranslationTabularInline):
    model = MeetingCounterpart
    form = AdminForm
    fields = ("person", "position", "order")
    autocomplete_fields = ("person",)
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, MissionPartAdmin):
    form = AdminForm
    list_display = ("date", "kind", "host", "place", "led_by", "mission")
    list_filter = ("kind", "mission__status")
    list_select_related = ("mission", "host", "led_by")
    search_fields = ("place", "summary", "host__name", "host__short_name", "mission__title")
    autocomplete_fields = ("mission", "host", "led_by")
    date_hierarchy = "date"
    ordering = ("-date", "order")
    fieldsets = (
        (None, {"fields": ("mission", "date", "kind", "order")}),
        (_("Who and where"), {"fields": ("host", "place", "led_by")}),
        (_("What was said"), {"fields": ("summary",)}),
    )
    inlines = (CounterpartInline,)


@admin.register(MeetingCounterpart)
class MeetingCounterpartAdmin(
    SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, MissionPartAdmin
):
    form = AdminForm
    list_display = ("person", "position", "meeting")
    list_select_related = ("person", "meeting", "meeting__host")
    search_fields = ("person__name", "position", "meeting__mission__title")
    autocomplete_fields = ("meeting", "person")
    ordering = ("-meeting__date", "order")


@admin.register(Visit)
class VisitAdmin(
    SearchIndexedAdmin,
    RoundChoices,
    FieldsetsOnly,
    SearchBothLanguages,
    TranslationAdmin,
    MissionPartAdmin,
):
    form = VisitForm
    list_display = ("date", "region", "stations_visited", "mission")
    list_filter = ("mission__status", ("region__country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("mission", "region", "region__country")
    search_fields = ("region__name", "notes", "mission__title")
    autocomplete_fields = ("mission", "region", "country", "observers")
    date_hierarchy = "date"
    ordering = ("-date", "order")
    fieldsets = (
        (None, {"fields": ("mission", "date", "round", ("region", "country"), "order")}),
        (_("What they saw"), {"fields": ("stages", "stations_visited", "observers", "notes")}),
    )


class FileInline(TranslationTabularInline):
    """The original publication as files; each upload is checked by content and size."""

    model = DocumentFile
    formset = OptionalFormSet
    form = AdminForm
    fields = ("file", "language", "title", "order")
    extra = 0


class RecommendationInline(TranslationStackedInline):
    model = Recommendation
    formset = OptionalFormSet
    form = AdminForm
    fields = (("number", "topic", "priority"), "text", "addressee")
    extra = 0


class AssessmentInline(TranslationTabularInline):
    model = Assessment
    formset = OptionalFormSet
    form = AdminForm
    fields = ("recommendation", "status", "note", "order")
    autocomplete_fields = ("recommendation",)
    extra = 0


@admin.register(Document)
class DocumentAdmin(
    SearchIndexedAdmin,
    RoundChoices,
    FieldsetsOnly,
    SearchBothLanguages,
    TranslationAdmin,
    MissionPartAdmin,
):
    form = DocumentForm
    list_display = ("title", "kind", "date", "language", "mission")
    list_filter = ("kind", "language", "mission__status")
    list_select_related = ("mission",)
    search_fields = ("title", "findings", "body", "mission__title")
    autocomplete_fields = ("mission", "issuer", "co_issuers")
    date_hierarchy = "date"
    ordering = ("-date", "order")
    fieldsets = (
        (None, {"fields": ("mission", "kind", "date", "title", "language", "order")}),
        (_("Who issued it and where"), {"fields": ("issuer", "co_issuers", "url", "rounds")}),
        (_("Content"), {"fields": ("findings", "body")}),
    )
    inlines = (FileInline, RecommendationInline, AssessmentInline)


@admin.register(Recommendation)
class RecommendationAdmin(
    SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, MissionPartAdmin
):
    """Recommendations across missions, so a later mission's assessment can find them."""

    form = AdminForm
    list_display = ("__str__", "topic", "priority", "mission", "document")
    list_filter = ("topic", "priority", "mission__status")
    list_select_related = ("mission", "document")
    search_fields = ("text", "addressee", "mission__title", "mission__slug")
    autocomplete_fields = ("document",)
    ordering = ("-mission__starts", "number")
    fields = ("document", ("number", "topic", "priority"), "text", "addressee")
