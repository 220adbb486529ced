"""The sections of the mission page: its parts, edited in place as inlines.

django-nested-admin puts each delegation's members and each meeting's counterparts inside
their row, so a whole mission is entered on one page; the nested sections keep their own
formset prefix (`delegations-0-members`) and, like the optional sections, change nothing
when a post leaves them out.
"""

import nested_admin
from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy
from modeltranslation.admin import TranslationInlineModelAdmin
from nested_admin.formsets import NestedInlineFormSetMixin

from missions.models import (
    Delegation,
    DelegationMember,
    Document,
    Meeting,
    MeetingCounterpart,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Person,
    Visit,
)

from .choices import offer_members
from .forms import AdminForm, DocumentForm, MissionPartFormSet, OptionalFormSet, VisitForm
from .rounds import PostedRoundChoices
from .translated import FieldsetsOnly


class PartFormSet(NestedInlineFormSetMixin, MissionPartFormSet):
    """A section of the mission: parts checked against the mission as posted."""


class SectionFormSet(NestedInlineFormSetMixin, OptionalFormSet):
    """A section a post may leave out (a nested one too): then it changes nothing."""


class CompactRelated:
    """Related records in a section offer add and change, not delete or view: shared people
    and organizations are not deleted from a mission's page, and each row stays one line."""

    is_sortable = False  # the order is a field of its own

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_delete_related = False
            formfield.widget.can_view_related = False
        return formfield


class Tabular(CompactRelated, nested_admin.NestedTabularInline):
    pass


class Stacked(CompactRelated, nested_admin.NestedStackedInline):
    pass


class TranslatedTabular(TranslationInlineModelAdmin, Tabular):
    pass


class TranslatedStacked(TranslationInlineModelAdmin, Stacked):
    pass


class MemberInline(PostedRoundChoices, TranslatedTabular):
    """A delegation's members, inside the delegation's row."""

    model = DelegationMember
    form = AdminForm
    formset = SectionFormSet
    fields = ("person", "role", "position", "group", "round", "order")
    autocomplete_fields = ("person",)
    extra = 0


class CounterpartInline(TranslatedTabular):
    """The people met, inside the meeting's row."""

    model = MeetingCounterpart
    form = AdminForm
    formset = SectionFormSet
    fields = ("person", "position", "order")
    autocomplete_fields = ("person",)
    extra = 0


class DelegationInline(Tabular):
    model = Delegation
    form = AdminForm
    formset = PartFormSet
    fields = ("country", "organization", "partner", "order")
    autocomplete_fields = ("country", "organization", "partner")
    inlines = (MemberInline,)
    show_change_link = True
    extra = 0


class FoldedTextarea(forms.Textarea):
    """A text area folded into one line of a row: its first words, or "add a summary"."""

    def render(self, name, value, attrs=None, renderer=None):
        text = " ".join(str(value or "").split())
        shown = Truncator(text).chars(40) if text else gettext("add a summary")
        area = super().render(name, value, attrs, renderer)
        return format_html(
            '<details class="folded-text"><summary>{}</summary>{}</details>', shown, area
        )


class MeetingInline(TranslatedTabular):
    """Meetings in rows, each with its summary folded in the row and its counterparts below."""

    model = Meeting
    form = AdminForm
    formset = PartFormSet
    fields = ("date", "kind", "host", "place", "led_by", "summary", "order")
    autocomplete_fields = ("host", "led_by")
    inlines = (CounterpartInline,)
    show_change_link = True
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("summary"):
            kwargs["widget"] = FoldedTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class VisitInline(PostedRoundChoices, FieldsetsOnly, TranslatedStacked):
    """Visits; the observers are ticked among the mission's delegation members."""

    model = Visit
    form = VisitForm
    formset = PartFormSet
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("date", "round", "order"),
                    ("region", "country", "stations_visited"),
                    "stages",
                    "observers",
                )
            },
        ),
        (gettext_lazy("Notes"), {"classes": ("collapse",), "fields": ("notes",)}),
    )
    autocomplete_fields = ("region", "country")
    show_change_link = True
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        chosen = Person.objects.filter(visits__mission=obj).distinct() if obj else ()
        offer_members(formset.form.base_fields, "observers", obj, chosen, multiple=True)
        return formset


class DocumentInline(PostedRoundChoices, FieldsetsOnly, TranslatedStacked):
    model = Document
    form = DocumentForm
    formset = PartFormSet
    fieldsets = (
        (None, {"fields": (("kind", "date", "language", "order"), "title")}),
        (
            gettext_lazy("Who issued it and where"),
            {"classes": ("collapse",), "fields": (("issuer", "co_issuers"), "url", "rounds")},
        ),
        (gettext_lazy("Content"), {"classes": ("collapse",), "fields": ("findings", "body")}),
    )
    autocomplete_fields = ("issuer", "co_issuers")
    show_change_link = True
    extra = 0


class PartnerInline(TranslatedTabular):
    model = MissionPartner
    formset = SectionFormSet
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


class PhaseInline(Tabular):
    model = MissionPhase
    formset = SectionFormSet
    form = AdminForm
    fields = ("kind", "starts", "ends", "order")
    classes = ("collapse",)
    extra = 0


class SourceInline(Tabular):
    model = MissionSource
    formset = SectionFormSet
    form = AdminForm
    fields = ("url", "title", "publisher", "date", "language", "order")
    classes = ("collapse",)
    extra = 0


class FiguresInline(TranslatedStacked):
    model = MissionFigures
    formset = SectionFormSet
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
