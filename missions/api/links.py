"""Absolute addresses of a record: its HTML page in each language and its API record."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation


def absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def api_url(request, name, **kwargs):
    return absolute(request, reverse(f"api:{name}", kwargs=kwargs))


def html_url(request, name, language="en", **kwargs):
    """The public page in `language` (the site's pages live under /en/ and /ru/)."""
    with translation.override(language):
        return absolute(request, reverse(f"missions:{name}", kwargs=kwargs))


def file_url(request, document_file):
    """Where a document's file is served, once the public file route exists (else None)."""
    try:
        path = reverse(
            "document_file", kwargs={"uid": document_file.uid, "name": document_file.filename}
        )
    except NoReverseMatch:
        return None
    return absolute(request, path)
