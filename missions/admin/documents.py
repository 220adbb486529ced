"""Mission documents from the admin: upload with a preview, and download any mission."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from missions.interchange import (
    DocumentError,
    Source,
    dump_yaml,
    import_sources,
    mission_to_document,
)
from missions.interchange.loading import MAX_DOCUMENT_BYTES, decode
from missions.models import Mission
from missions.publishing import may_import


class UploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("mission document"),
        help_text=gettext_lazy(
            "A mission/2 (or mission/1) document in YAML (.yaml, .yml) or JSON (.json)."
        ),
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(MAX_DOCUMENT_BYTES)}
            )
        return upload


class ConfirmForm(forms.Form):
    """Carries the previewed document to the confirming request."""

    name = forms.CharField(widget=forms.HiddenInput)
    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    update_shared = forms.BooleanField(
        required=False,
        label=gettext_lazy("Change records other missions use"),
        help_text=gettext_lazy(
            "Apply this document's differing values to people, organizations, elections and "
            "regions that other missions use; each change is listed in the report."
        ),
    )


def run_import(request, source, dry_run, update_shared=False):
    """Return (report, problems); problems are the lines to show when nothing was written."""
    options = {"user": request.user, "update_shared": update_shared}
    try:
        return import_sources([source], dry_run=dry_run, **options), []
    except DocumentError as error:
        return None, [str(problem) for problem in error.problems]
    except PermissionDenied as error:
        return None, [str(error)]


def upload_view(model_admin, request):
    if not may_import(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Mission._meta,
        "title": _("Import a mission document"),
    }
    if request.method == "POST" and "confirm" in request.POST:
        return confirm(request, context)
    if request.method == "POST" and "recheck" in request.POST:
        return recheck(request, context)
    form = UploadForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        # The bytes as uploaded: the importer decodes them as import_missions does.
        source = Source(upload.name, upload.read())
        return preview(request, context, upload.name, source, update_shared=False)
    return TemplateResponse(request, "admin/missions/mission/import_document.html", context)


def preview(request, context, name, source, *, update_shared):
    """The dry run's report, or its problems; either way the document is carried on so that
    the preview can be run again with the shared-record checkbox ticked."""
    report, problems = run_import(request, source, dry_run=True, update_shared=update_shared)
    shared_refused = any("--update-shared" in problem for problem in problems)
    context |= {"report": report, "problems": problems, "shared_refused": shared_refused}
    if report or shared_refused:  # the text parsed: carry it on
        content = source.content if isinstance(source.content, str) else decode(source.content)
        context["confirm_form"] = ConfirmForm(
            initial={"name": name, "content": content, "update_shared": update_shared}
        )
    return TemplateResponse(request, "admin/missions/mission/import_document.html", context)


def recheck(request, context):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return redirect("admin:missions_mission_import_document")
    context["form"] = UploadForm()
    source = Source(form.cleaned_data["name"], form.cleaned_data["content"])
    update_shared = form.cleaned_data["update_shared"]
    return preview(request, context, source.name, source, update_shared=update_shared)


def confirm(request, context):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return redirect("admin:missions_mission_import_document")
    source = Source(form.cleaned_data["name"], form.cleaned_data["content"])
    update_shared = form.cleaned_data["update_shared"]
    report, problems = run_import(request, source, dry_run=False, update_shared=update_shared)
    if problems:
        context |= {"form": UploadForm(), "problems": problems}
        return TemplateResponse(request, "admin/missions/mission/import_document.html", context)
    messages.success(request, report.as_text())
    return redirect("admin:missions_mission_changelist")


def download_view(model_admin, request, object_id):
    mission = get_object_or_404(Mission, pk=object_id)
    if not model_admin.has_view_permission(request, mission):
        raise PermissionDenied
    response = HttpResponse(
        dump_yaml(mission_to_document(mission)), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{mission.slug}.yaml"'
    return response
