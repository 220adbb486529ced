"""Document files (the original PDF, DOCX or ODT): served only when their mission is public.

The one rule: `visibility.public_files()` for everyone, every file for staff who may preview
(`publishing.may_preview`). Anyone else asking for a draft's file gets a 404 that names nothing.
In production the web server can send the bytes (`DOCUMENT_FILES_OFFLOAD`): this view still
decides, and answers with `X-Accel-Redirect` (nginx) or `X-Sendfile` (Apache, lighttpd) and no body.
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from .. import publishing
from ..models import DocumentFile
from ..visibility import public_files

INLINE_TYPES = {"application/pdf"}  # shown in the browser; DOCX and ODT are downloaded


def servable_files(user):
    """The files this user may fetch."""
    return DocumentFile.objects.all() if publishing.may_preview(user) else public_files()


@require_safe
def document_file(request, uid, name):
    record = get_object_or_404(servable_files(request.user), uid=uid)
    if name != record.filename or not record.file:
        raise Http404
    response = file_response(record)
    response["Content-Type"] = record.media_type or "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(
        record.media_type not in INLINE_TYPES, record.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A published mission may be taken back: no shared cache keeps a copy, browsers ask again.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def file_response(record):
    """The bytes through the storage API, or the web server's offload header."""
    offload = getattr(settings, "DOCUMENT_FILES_OFFLOAD", "")
    if offload == "x-accel-redirect":
        response = HttpResponse()
        prefix = settings.DOCUMENT_FILES_OFFLOAD_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(record.file.name)}"
        response["Content-Length"] = record.size
        return response
    if offload == "x-sendfile":
        response = HttpResponse()
        response["X-Sendfile"] = record.file.path
        response["Content-Length"] = record.size
        return response
    try:
        handle = record.file.storage.open(record.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle)
