"""Paths of the one-slug pages every page links to many times, without a reverse() each.

A mission page links some 110 people and bodies; each reverse() walked the URL resolver (a
sixth of the page's render). The route is reversed once per language, script prefix and
URLconf with a placeholder and the slug put in its place, quoted as reverse() quotes it; a
value the slug converter would refuse is reversed as before (and refused the same way).
"""

import re
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

PLACEHOLDER = "9876543210123456789"  # a slug, as in api/links.py
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what Django's slug converter accepts
_routes = {}


def slug_path(name, slug):
    """reverse(name, kwargs={"slug": slug})."""
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    key = (name, get_language(), get_script_prefix(), get_urlconf())
    route = _routes.get(key)
    if route is None:
        route = _routes[key] = reverse(name, kwargs={"slug": PLACEHOLDER})
    return route.replace(PLACEHOLDER, quote(slug, safe=RFC3986_SUBDELIMS + "/~:@"))


@receiver(setting_changed)
def forget_routes(setting, **kwargs):
    """A test that swaps the URLconf or the languages gets routes reversed afresh."""
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"):
        _routes.clear()
