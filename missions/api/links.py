"""Absolute addresses of a record: its HTML page in each language and its API record."""

from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

# A value every one-argument route here accepts (a slug, a str, an int), as popolo.PageLinks.
PLACEHOLDER = "9876543210123456789"


def absolute(request, path):
    """`request.build_absolute_uri(path)` for a path reverse() gave (quoted, from "/"): the
    request's origin, worked out once per request, before the path."""
    if request is None:
        return path
    origin = getattr(request, "absolute_origin", None)
    if origin is None:
        origin = request.absolute_origin = request.build_absolute_uri("/")[:-1]
    return origin + path


def route_path(request, name, key, value):
    """reverse(name, kwargs={key: value}), from the route reversed once per request with a
    placeholder (a record has hundreds of links; a reverse() each was a fifth of its time).
    The value is quoted as reverse() quotes it; a route the placeholder does not fit (a
    country's two letters) is reversed each time."""
    templates = getattr(request, "route_templates", None)
    if templates is None:
        templates = request.route_templates = {}
    language = translation.get_language()
    if (name, key, language) not in templates:
        try:
            templates[name, key, language] = reverse(name, kwargs={key: PLACEHOLDER})
        except NoReverseMatch:
            templates[name, key, language] = None
    template = templates[name, key, language]
    if template is None:
        return reverse(name, kwargs={key: value})
    return template.replace(PLACEHOLDER, quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@"))


def path_for(request, name, kwargs):
    if request is None or len(kwargs) != 1:
        return reverse(name, kwargs=kwargs)
    ((key, value),) = kwargs.items()
    return route_path(request, name, key, value)


def api_url(request, name, **kwargs):
    return absolute(request, path_for(request, f"api:{name}", kwargs))


def html_url(request, name, language="en", **kwargs):
    """The public page in `language` (the site's pages live under /en/ and /ru/)."""
    with translation.override(language):
        return absolute(request, path_for(request, f"missions:{name}", kwargs))


def file_url(request, document_file):
    """Where a document's file is served, once the public file route exists (else None)."""
    try:
        path = reverse(
            "document_file", kwargs={"uid": document_file.uid, "name": document_file.filename}
        )
    except NoReverseMatch:
        return None
    return absolute(request, path)
