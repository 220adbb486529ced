"""The same page in every language: links for the switcher and `hreflang` alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_languages(context):
    """[{code, name, url, current}] for every site language, `url` being this page's path
    (or `switch_path`, e.g. the home page for a page that is not found)."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    path = context.get("switch_path") or request.get_full_path()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
