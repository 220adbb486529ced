"""The mission page: the whole mission with its parts, and the publishing workflow."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.i18n import set_language
from modeltranslation.admin import TranslationAdmin
from nested_admin import NestedModelAdminMixin

from missions import publishing
from missions.models import Mission
from missions.search.admin import SearchIndexedAdmin

from . import documents
from .choices import offer_members, posted_member_ids
from .error_summary import error_summary
from .forms import MissionForm
from .history import HistoryAdmin
from .mission_parts import (
    DelegationInline,
    DocumentInline,
    FiguresInline,
    MeetingInline,
    PartnerInline,
    PhaseInline,
    SourceInline,
    VisitInline,
)
from .rounds import rounds_view
from .translated import FieldsetsOnly, SearchBothLanguages

COORDINATOR_OF_NEW_MISSION = gettext_lazy(
    "Choose one of the members entered in the delegations below; the save checks it."
)


def preview_url(mission):
    """The public preview address, if the public site provides one."""
    try:
        return reverse("missions:mission_preview", kwargs={"slug": mission.slug})
    except NoReverseMatch:
        return None


def run_transition(modeladmin, request, queryset, service, done_message):
    done = 0
    for mission in queryset:
        try:
            service(mission=mission, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", None) or [str(error)])
            modeladmin.message_user(request, f"{mission}: {text}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)


class CoordinatorAfterMembers:
    """A coordinator chosen in the same post as the members is named once they are saved
    (in the same transaction), before the search index sees the mission."""

    def save_model(self, request, obj, form, change):
        if obj.coordinator_id and (not change or "coordinator" in form.changed_data):
            request.mission_coordinator, obj.coordinator = obj.coordinator, None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        coordinator = getattr(request, "mission_coordinator", None)
        if coordinator is not None:
            form.instance.coordinator = coordinator
            form.instance.save(update_fields=["coordinator"])


@admin.register(Mission)
class MissionAdmin(
    SearchIndexedAdmin,
    CoordinatorAfterMembers,
    FieldsetsOnly,
    SearchBothLanguages,
    NestedModelAdminMixin,
    TranslationAdmin,
    HistoryAdmin,
):
    form = MissionForm
    # reversion's VersionAdmin names its own list template; this one extends it with the links.
    change_list_template = "admin/missions/mission/change_list.html"
    save_as = True
    list_display = ("title", "host_country", "starts", "ends", "status", "updated_at", "preview")
    list_filter = ("status", "monitoring", ("election__country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("election", "election__country")
    search_fields = ("title", "slug", "summary", "election__name", "election__country__name")
    autocomplete_fields = ("election", "also_observed", "observer_body", "coordinator")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "starts"
    ordering = ("-starts", "title")
    readonly_fields = ("preview", "published_at", "published_by", "created_by", "updated_by")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "slug",
                    ("election", "also_observed"),
                    ("observer_body", "monitoring"),
                )
            },
        ),
        (gettext_lazy("Dates"), {"fields": (("starts", "ends"),)}),
        (gettext_lazy("Team"), {"fields": ("coordinator",)}),
        (gettext_lazy("Summary"), {"fields": ("summary",)}),
        (
            gettext_lazy("Publication"),
            {"fields": ("status", "preview", ("published_at", "published_by"))},
        ),
        (
            gettext_lazy("Record"),
            {"classes": ("collapse",), "fields": (("created_by", "updated_by"),)},
        ),
    )
    inlines = (
        PartnerInline,
        PhaseInline,
        FiguresInline,
        DelegationInline,
        MeetingInline,
        VisitInline,
        DocumentInline,
        SourceInline,
    )
    actions = ("send_for_review", "return_to_draft", "publish", "unpublish")

    @admin.display(description=gettext_lazy("country"), ordering="election__country__name")
    def host_country(self, mission):
        return mission.election.country

    def get_inline_instances(self, request, obj=None):
        """The inlines, each heading with the number of records it holds: "Visits (6)"."""
        inlines = super().get_inline_instances(request, obj)
        if obj is None or not obj.pk:
            return inlines
        for inline in inlines:
            accessor = inline.model._meta.get_field("mission").remote_field.get_accessor_name()
            related = getattr(obj, accessor, None)
            if hasattr(related, "count"):
                count = related.count()
            else:
                count = int(inline.model.objects.filter(mission=obj).exists())
            inline.verbose_name_plural = f"{inline.verbose_name_plural} ({count})"
        return inlines

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, mission):
        url = preview_url(mission) if mission.pk and not mission.is_published else None
        if not url:
            return "-"
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Preview on site"))

    def view_on_site(self, mission):
        # Only published missions have a public page (and only once the public site is there).
        if not mission.is_published:
            return None
        try:
            return mission.get_absolute_url()
        except NoReverseMatch:
            return None

    def has_publish_permission(self, request):
        return publishing.may_publish(request.user)

    def has_delete_permission(self, request, obj=None):
        # Deleting a published mission takes it off the site, as unpublishing does.
        if obj is not None and not publishing.may_change_status(
            request.user, obj.status, Mission.Status.DRAFT
        ):
            return False
        return super().has_delete_permission(request, obj)

    # Form and saving.

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            chosen = [obj.coordinator] if obj.coordinator_id else []
            offer_members(form.base_fields, "coordinator", obj, chosen)
        elif "coordinator" in form.base_fields:
            form.base_fields["coordinator"].help_text = COORDINATOR_OF_NEW_MISSION
        form.user = request.user
        form.saving_as_new = "_saveasnew" in request.POST
        return form

    def _create_formsets(self, request, obj, change):
        """The sections; on a save, the mission's member checks see the members as posted."""
        formsets, inlines = super()._create_formsets(request, obj, change)
        if request.method == "POST":
            obj.posted_member_ids = posted_member_ids(formsets)
        return formsets, inlines

    def save_model(self, request, obj, form, change):
        if not change or "_saveasnew" in request.POST:
            obj.created_by = request.user
            obj.published_at = obj.published_by = None
        obj.updated_by = request.user
        before = form.initial.get("status", Mission.Status.DRAFT) if change else None
        before = before or Mission.Status.DRAFT
        wanted = obj.status
        if publishing.changes_publication(before, wanted):
            # Publishing goes through the service once the parts are saved too.
            obj.status = before
            request.mission_transition = wanted
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        wanted = getattr(request, "mission_transition", None)
        if wanted:
            publishing.mission_set_status(mission=form.instance, user=request.user, status=wanted)

    # Actions.

    @admin.action(description=gettext_lazy("Send selected missions for review"))
    def send_for_review(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            publishing.mission_send_for_review,
            lambda n: (
                ngettext("%d mission sent for review.", "%d missions sent for review.", n) % n
            ),
        )

    @admin.action(description=gettext_lazy("Return selected missions to draft"))
    def return_to_draft(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            publishing.mission_return_to_draft,
            lambda n: (
                ngettext("%d mission returned to draft.", "%d missions returned to draft.", n) % n
            ),
        )

    @admin.action(description=gettext_lazy("Publish selected missions"), permissions=["publish"])
    def publish(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            publishing.mission_publish,
            lambda n: ngettext("%d mission published.", "%d missions published.", n) % n,
        )

    @admin.action(description=gettext_lazy("Unpublish selected missions"), permissions=["publish"])
    def unpublish(self, request, queryset):
        run_transition(
            self,
            request,
            queryset,
            publishing.mission_unpublish,
            lambda n: ngettext("%d mission unpublished.", "%d missions unpublished.", n) % n,
        )

    # Documents and rosters: extra pages and links.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            # Each staff member's admin language, kept in Django's language cookie.
            path("language/", view(set_language), name="missions_admin_language"),
            path(
                "rounds/",
                view(lambda request: rounds_view(self, request)),
                name="missions_mission_rounds",
            ),
            path(
                "import-document/",
                view(
                    documents.importing(
                        lambda request: documents.upload_view(self, request), self.admin_site
                    )
                ),
                name="missions_mission_import_document",
            ),
            path(
                "<path:object_id>/document/",
                view(lambda request, object_id: documents.download_view(self, request, object_id)),
                name="missions_mission_document",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_import": publishing.may_import(request.user)}
        return super().changelist_view(request, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST" and context.get("errors"):
            context["error_summary"] = error_summary(
                context["adminform"].form, context["inline_admin_formsets"]
            )
        return super().render_change_form(request, context, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        object_id = unquote(object_id)
        extra_context = dict(extra_context or {})
        extra_context["may_import"] = publishing.may_import(request.user)
        extra_context["roster_import_url"] = (
            reverse("admin:missions_delegationmember_import") + f"?mission={object_id}"
        )
        extra_context["document_download_url"] = reverse(
            "admin:missions_mission_document", args=[object_id]
        )
        return super().change_view(request, object_id, form_url, extra_context)
