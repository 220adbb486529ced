"""The same page in every language: links for the switcher and `hreflang` alternates."""

from django import template
from django.conf import settings
from django.template import engines
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def translated_urls(url, codes):
    """`translate_url(url, code)` for each of the codes."""
    return [translate_url(url, code) for code in codes]


@register.simple_tag(takes_context=True)
def page_in_languages(context):
    """[{code, name, url, current}] for every site language, `url` being this page's path
    (or `switch_path`, e.g. the home page for a page that is not found); worked out once a
    request for the switcher and the alternates both."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    path = context.get("switch_path") or request.get_full_path()
    known = getattr(request, "_page_in_languages", None)
    if known is None or known[0] != (path, current):
        urls = translated_urls(path, [code for code, name in settings.LANGUAGES])
        languages = [
            {"code": code, "name": name, "url": url, "current": code == current}
            for (code, name), url in zip(settings.LANGUAGES, urls, strict=True)
        ]
        known = request._page_in_languages = ((path, current), languages)
    return known[1]


def rendered(name, context):
    """A fragment of templates/jinja2/chrome/ with the page's languages, safe as a tag's output."""
    fragment = engines["jinja2"].get_template(f"chrome/{name}.html")
    languages = page_in_languages(context)
    return mark_safe(fragment.render({"languages": languages, "request": context.get("request")}))  # noqa: S308


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """`<link rel="alternate" hreflang>` for the page in every language."""
    return rendered("hreflang", context)


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The language switcher: this page (or `switch_path`) in every language."""
    return rendered("language_switcher", context)
