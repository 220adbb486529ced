"""Paths of one-value routes, which pages and API records link many times, without a
reverse() each.

A mission page links some 110 people and bodies; each reverse() walked the URL resolver (a
sixth of the page's render). The route is reversed once per language, script prefix and
URLconf with a placeholder and the value put in its place, quoted as reverse() quotes it; a
slug the slug converter would refuse, an empty value or one with a slash, and a route the
placeholder does not fit, are reversed as before. A mission page's country links (two letters)
are such paths too.
"""

import re
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.http import RFC3986_SUBDELIMS

from .page_scope import routing

PLACEHOLDER = "9876543210123456789"  # fits a slug, a str and an int converter alike
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what Django's slug converter accepts
_routes = {}


def slug_path(name, slug):
    """reverse(name, kwargs={"slug": slug}); a slug the route is kept for put straight in
    (what one_value_path() does, a page's hundred links without its two calls each)."""
    route = _routes.get((name, "slug", *routing()))
    if route is not None and type(slug) is str and SLUG.fullmatch(slug):
        return route.replace(PLACEHOLDER, slug)
    return one_value_path(name, "slug", slug)


def one_value_path(name, key, value, /, **fixed):
    """reverse(name, kwargs={key: value, **fixed}); `fixed` are values of a few kinds (a
    chart's key), each kind's route kept."""
    path = placed(one_value_route(name, key, **fixed), key, value)
    return reverse(name, kwargs={**fixed, key: value}) if path is None else path


def one_value_route(name, key, /, **fixed):
    """The route reversed with PLACEHOLDER for its value (and `fixed` as given) in the active
    language, script prefix and URLconf; None where the placeholder does not fit."""
    found = (name, key, *fixed.items(), *routing())
    if found not in _routes:
        try:
            _routes[found] = reverse(name, kwargs={**fixed, key: PLACEHOLDER})
        except NoReverseMatch:
            _routes[found] = None
    return _routes[found]


def placed(route, key, value):
    """The route's path for `value`, quoted as reverse() quotes it; None where reverse() is to
    be asked (a route the placeholder does not fit, a slug the converter would refuse)."""
    if route is None or (key == "slug" and not isinstance(value, str)):
        return None
    text = str(value)
    if not SLUG.fullmatch(text):  # what fits a slug, quote() leaves as it is
        if key == "slug" or not text or "/" in text:  # reverse() says if a converter takes it
            return None
        text = quote(text, safe=RFC3986_SUBDELIMS + "/~:@")
    return route.replace(PLACEHOLDER, text)


@receiver(setting_changed)
def forget_routes(setting, **kwargs):
    """A test that swaps the URLconf or the languages gets routes reversed afresh."""
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"):
        _routes.clear()
