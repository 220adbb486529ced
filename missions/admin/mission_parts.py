"""The sections of the mission page: its parts, edited in place as inlines."""

from django.contrib import admin
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from missions.models import (
    Delegation,
    Document,
    Meeting,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Person,
    Visit,
)

from .choices import offer_members
from .forms import AdminForm, DocumentForm, MissionPartFormSet, OptionalFormSet, VisitForm
from .rounds import RoundChoices


class DelegationInline(admin.TabularInline):
    model = Delegation
    form = AdminForm
    formset = MissionPartFormSet
    fields = ("country", "organization", "partner", "order")
    autocomplete_fields = ("country", "organization", "partner")
    show_change_link = True
    extra = 0


class MeetingInline(TranslationTabularInline):
    model = Meeting
    form = AdminForm
    formset = MissionPartFormSet
    fields = ("date", "kind", "host", "place", "led_by", "order")
    autocomplete_fields = ("host", "led_by")
    show_change_link = True
    extra = 0


class VisitInline(RoundChoices, TranslationStackedInline):
    """Visits; the observers are ticked among the mission's delegation members."""

    model = Visit
    form = VisitForm
    formset = MissionPartFormSet
    fields = (
        ("date", "round", "order"),
        ("region", "country"),
        "stages",
        "stations_visited",
        "observers",
        "notes",
    )
    autocomplete_fields = ("region", "country")
    show_change_link = True
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        chosen = Person.objects.filter(visits__mission=obj).distinct() if obj else ()
        offer_members(formset.form.base_fields, "observers", obj, chosen, multiple=True)
        return formset


class DocumentInline(RoundChoices, TranslationStackedInline):
    model = Document
    form = DocumentForm
    formset = MissionPartFormSet
    fields = (
        ("kind", "date", "language", "order"),
        "title",
        ("issuer", "co_issuers"),
        "url",
        "rounds",
        "findings",
        "body",
    )
    autocomplete_fields = ("issuer", "co_issuers")
    show_change_link = True
    extra = 0


class PartnerInline(TranslationTabularInline):
    model = MissionPartner
    formset = OptionalFormSet
    form = AdminForm
    fields = ("organization", "head", "role", "order")
    autocomplete_fields = ("organization",)
    classes = ("collapse",)
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        chosen = Person.objects.filter(partner_parts_led__mission=obj).distinct() if obj else ()
        offer_members(formset.form.base_fields, "head", obj, chosen)
        return formset


class PhaseInline(admin.TabularInline):
    model = MissionPhase
    formset = OptionalFormSet
    form = AdminForm
    fields = ("kind", "starts", "ends", "order")
    classes = ("collapse",)
    extra = 0


class SourceInline(admin.TabularInline):
    model = MissionSource
    formset = OptionalFormSet
    form = AdminForm
    fields = ("url", "title", "publisher", "date", "language", "order")
    classes = ("collapse",)
    extra = 0


class FiguresInline(TranslationStackedInline):
    model = MissionFigures
    formset = OptionalFormSet
    form = AdminForm
    fields = (
        ("observers", "long_term_observers", "short_term_observers"),
        ("parliamentarians", "experts", "staff"),
        ("countries", "polling_stations", "regions"),
        "figures_note",
    )
    max_num = 1
    extra = 0
    classes = ("collapse",)
    verbose_name_plural = gettext_lazy("figures the sources state")
