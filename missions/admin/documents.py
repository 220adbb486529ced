"""Mission documents from the admin: upload with a preview, and download any mission."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from missions import publishing
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

from .uploads import PrivateUploads


def import_refused(request, admin_site):
    """The page an account without the import permission gets: what is missing, who grants it."""
    permission = Permission.objects.get(
        content_type__app_label="missions", codename="import_missions"
    )
    context = {
        **admin_site.each_context(request),
        "title": _("You may not import"),
        "permission": _(permission.name),
        "group": _("Publishers"),
    }
    return TemplateResponse(request, "admin/missions/import_refused.html", context, status=403)


def importing(view, admin_site):
    """`view`, or the refusal page for an account that may not import."""

    def guarded(request, *args, **kwargs):
        if not publishing.may_import(request.user):
            return import_refused(request, admin_site)
        return view(request, *args, **kwargs)

    return guarded


# A document whose preview failed waits here for the same session to preview it again.
KEPT = "missions.kept_document"
KEPT_LIFETIME = 2 * 60 * 60  # seconds
DOCUMENT_UPLOADS = PrivateUploads("DOCUMENT_UPLOAD_DIR", KEPT_LIFETIME)


def keep(request, filename, data):
    """Keep this session's upload (one at a time) so that a failed preview can be rerun."""
    forget(request)
    request.session[KEPT] = {"name": DOCUMENT_UPLOADS.save(data), "filename": filename}


def kept(request):
    """(file name, bytes) of the document this session uploaded last, or None if gone."""
    record = request.session.get(KEPT)
    data = DOCUMENT_UPLOADS.read(record["name"]) if record else None
    if data is None:
        request.session.pop(KEPT, None)
        return None
    return record["filename"], data


def forget(request):
    record = request.session.pop(KEPT, None)
    if record:
        DOCUMENT_UPLOADS.remove(record["name"])


class UploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("mission document"),
        help_text=gettext_lazy(
            "A mission/2 (or mission/1) document in YAML (.yaml, .yml) or JSON (.json)."
        ),
    )

    def __init__(self, *args, kept_name=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kept_name:
            field = self.fields["document"]
            field.required = False
            field.help_text = _(
                "%(name)s is kept from your last upload: leave this empty to preview it "
                "again, or choose another file."
            ) % {"name": kept_name}

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload and upload.size > MAX_DOCUMENT_BYTES:
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
    previous = kept(request)
    kept_name = previous[0] if previous else None
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None, request.FILES if posted else None, kept_name=kept_name
    )
    context["form"] = form
    if posted and form.is_valid():
        upload = form.cleaned_data["document"]
        if upload:
            # The bytes as uploaded: the importer decodes them as import_missions does.
            name, data = upload.name, upload.read()
            keep(request, name, data)
        else:
            name, data = previous
        context["form"] = UploadForm(kept_name=name)
        return preview(request, context, name, Source(name, data), update_shared=False)
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
    forget(request)
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
