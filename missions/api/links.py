"""Absolute addresses of a record: its HTML page in each language and its API record."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from ..routes import one_value_path, one_value_route, placed


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
    return one_value_path(name, key, value)


def api_url(request, name, **kwargs):
    """The API record (its routes are outside the language prefixes)."""
    return address(request, f"api:{name}", None, kwargs)


def html_url(request, name, language="en", **kwargs):
    """The public page in `language` (the site's pages live under /en/ and /ru/)."""
    return address(request, f"missions:{name}", language, kwargs)


def address(request, name, language, kwargs):
    """absolute(request, reverse(name, kwargs=kwargs)) in `language` (None: the active one).
    A record has hundreds of links: each route is looked up once per request and language,
    and an address reverse() gives (a country's) once per request and value."""
    if request is None:
        return in_language(language, path_for, name, kwargs)
    known = getattr(request, "known_links", None)
    if known is None:
        known = request.known_links = {}
    if len(kwargs) == 1:
        ((key, value),) = kwargs.items()
        route = ("route", name, key, language)
        if route not in known:
            known[route] = in_language(language, one_value_route, name, key)
        path = placed(known[route], key, value)
        if path is not None:
            return absolute(request, path)
    link = ("address", name, language, *kwargs.items())
    if link not in known:
        known[link] = absolute(request, in_language(language, path_for, name, kwargs))
    return known[link]


def in_language(language, function, *args):
    if language is None:
        return function(*args)
    with translation.override(language):
        return function(*args)


def file_url(request, document_file):
    """Where a document's file is served, once the public file route exists (else None)."""
    try:
        path = reverse(
            "document_file", kwargs={"uid": document_file.uid, "name": document_file.filename}
        )
    except NoReverseMatch:
        return None
    return absolute(request, path)
