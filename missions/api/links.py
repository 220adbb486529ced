"""Absolute addresses of a record: its HTML page in each language and its API record."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from ..routes import one_value_path


def absolute(request, path):
    """`request.build_absolute_uri(path)` for a path reverse() gave (quoted, from "/"): the
    request's origin, worked out once per request, before the path."""
    if request is None:
        return path
    origin = getattr(request, "absolute_origin", None)
    if origin is None:
        origin = request.absolute_origin = request.build_absolute_uri("/")[:-1]
    return origin + path


def path_for(name, kwargs):
    if len(kwargs) != 1:
        return reverse(name, kwargs=kwargs)
    ((key, value),) = kwargs.items()
    return one_value_path(name, key, value)  # a record has hundreds of links


def api_url(request, name, **kwargs):
    """The API record (its routes are outside the language prefixes)."""
    link, known = (name, None, *kwargs.items()), known_links(request)
    if link not in known:
        known[link] = absolute(request, path_for(f"api:{name}", kwargs))
    return known[link]


def html_url(request, name, language="en", **kwargs):
    """The public page in `language` (the site's pages live under /en/ and /ru/)."""
    link, known = (name, language, *kwargs.items()), known_links(request)
    if link not in known:
        with translation.override(language):
            known[link] = absolute(request, path_for(f"missions:{name}", kwargs))
    return known[link]


def known_links(request):
    """The addresses worked out so far in this request: a record names the same people,
    countries and bodies many times (a third of a mission record's 300 links)."""
    if request is None:
        return {}
    known = getattr(request, "known_links", None)
    if known is None:
        known = request.known_links = {}
    return known


def file_url(request, document_file):
    """Where a document's file is served, once the public file route exists (else None)."""
    try:
        path = reverse(
            "document_file", kwargs={"uid": document_file.uid, "name": document_file.filename}
        )
    except NoReverseMatch:
        return None
    return absolute(request, path)
