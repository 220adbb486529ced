"""Delegations and their members; rosters come in and go out as spreadsheets."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from missions.models import Delegation, DelegationMember
from missions.publishing import may_import
from missions.search.admin import SearchIndexedAdmin

from .forms import AdminForm
from .history import MissionPartAdmin, record_mission
from .missions import import_refused
from .roster import (
    FORMATS,
    RosterConfirmForm,
    RosterImportForm,
    RosterResource,
    RosterUploadStorage,
)
from .rounds import RoundChoices
from .translated import SearchBothLanguages


class MemberInline(RoundChoices, TranslationTabularInline):
    model = DelegationMember
    form = AdminForm
    fields = ("person", "role", "position", "group", "round", "order")
    autocomplete_fields = ("person",)
    extra = 1


@admin.register(Delegation)
class DelegationAdmin(SearchIndexedAdmin, SearchBothLanguages, MissionPartAdmin):
    form = AdminForm
    list_display = ("__str__", "mission", "order")
    list_filter = ("mission__status", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("mission", "country", "organization")
    search_fields = ("country__name", "organization__name", "mission__title")
    autocomplete_fields = ("mission", "country", "organization", "partner")
    ordering = ("mission", "order")
    fieldsets = ((None, {"fields": ("mission", ("country", "organization"), "partner", "order")}),)
    inlines = (MemberInline,)


@admin.register(DelegationMember)
class DelegationMemberAdmin(
    SearchIndexedAdmin,
    RoundChoices,
    SearchBothLanguages,
    ImportExportMixin,
    TranslationAdmin,
    MissionPartAdmin,
):
    """Members one by one, and the roster import and export."""

    form = AdminForm
    resource_classes = (RosterResource,)
    import_form_class = RosterImportForm
    confirm_form_class = RosterConfirmForm
    tmp_storage_class = RosterUploadStorage
    formats = FORMATS
    list_display = ("person", "role", "position", "delegation", "mission")
    list_filter = ("role", "delegation__mission__status")
    list_select_related = (
        "person",
        "delegation",
        "delegation__mission",
        "delegation__country",
        "delegation__organization",
    )
    search_fields = ("person__name", "position", "delegation__mission__title")
    autocomplete_fields = ("delegation", "person")
    ordering = ("delegation__mission", "delegation__order", "order")

    @admin.display(description=_("mission"), ordering="delegation__mission__title")
    def mission(self, member):
        return member.delegation.mission

    def has_import_permission(self, request):
        return may_import(request.user)

    def import_action(self, request, **kwargs):
        if not may_import(request.user):
            return import_refused(request, self.admin_site)
        return super().import_action(request, **kwargs)

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        mission = form.cleaned_data.get("mission") if form and form.is_valid() else None
        return {"mission": mission}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["mission"] = import_form.cleaned_data["mission"].pk
        return initial

    def get_import_form_initial(self, request):
        initial = super().get_import_form_initial(request)
        if request.GET.get("mission"):
            initial["mission"] = request.GET["mission"]
        return initial

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        if not form.is_valid():
            if "import_file_name" in form.errors:  # the upload is gone: start again
                messages.error(request, form.errors["import_file_name"][0])
                return redirect(reverse("admin:missions_delegationmember_import"))
            return super().process_import(request, **kwargs)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Imported a roster."))
            response = super().process_import(request, **kwargs)
            record_mission(form.cleaned_data["mission"])
            return response
