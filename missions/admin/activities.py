"""Meetings with their counterparts, visits to regions, and documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from missions.models import Document, Meeting, MeetingCounterpart, Visit
from missions.search.admin import SearchIndexedAdmin

from .forms import VisitForm
from .history import MissionPartAdmin
from .translated import FieldsetsOnly, SearchBothLanguages


class CounterpartInline(TranslationTabularInline):
    model = MeetingCounterpart
    fields = ("person", "position", "order")
    autocomplete_fields = ("person",)
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, MissionPartAdmin):
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
    list_display = ("person", "position", "meeting")
    list_select_related = ("person", "meeting", "meeting__host")
    search_fields = ("person__name", "position", "meeting__mission__title")
    autocomplete_fields = ("meeting", "person")
    ordering = ("-meeting__date", "order")


@admin.register(Visit)
class VisitAdmin(
    SearchIndexedAdmin, FieldsetsOnly, SearchBothLanguages, TranslationAdmin, MissionPartAdmin
):
    form = VisitForm
    list_display = ("date", "region", "stations_visited", "mission")
    list_filter = ("mission__status", ("region__country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("mission", "region", "region__country")
    search_fields = ("region__name", "notes", "mission__title")
    autocomplete_fields = ("mission", "region", "observers")
    date_hierarchy = "date"
    ordering = ("-date", "order")
    fieldsets = (
        (None, {"fields": ("mission", "date", "region", "order")}),
        (_("What they saw"), {"fields": ("stages", "stations_visited", "observers", "notes")}),
    )


@admin.register(Document)
class DocumentAdmin(SearchIndexedAdmin, SearchBothLanguages, TranslationAdmin, MissionPartAdmin):
    list_display = ("title", "kind", "date", "language", "mission")
    list_filter = ("kind", "language", "mission__status")
    list_select_related = ("mission",)
    search_fields = ("title", "findings", "body", "mission__title")
    autocomplete_fields = ("mission",)
    date_hierarchy = "date"
    ordering = ("-date", "order")
    fieldsets = (
        (None, {"fields": ("mission", "kind", "date", "title", "language", "order")}),
        (_("Content"), {"fields": ("findings", "body")}),
    )
