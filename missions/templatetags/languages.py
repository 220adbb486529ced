"""The same page in every language: links for the switcher and `hreflang` alternates."""

from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_urlconf, reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from missions.jinja import shown, translated
from missions.routes import one_value_path

register = template.Library()


def translated_urls(url, codes, match=None):
    """`translate_url(url, code)` for each of the codes; `match`, what resolving the URL gives
    (see `own_match`), spares resolving it again for each code."""
    if match is None:
        return [translate_url(url, code) for code in codes]
    parsed = urlsplit(url)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    urls = []
    for code in codes:
        with override(code):  # the rest as translate_url() does it
            try:
                path = reversed_path(name, match)
            except NoReverseMatch:
                urls.append(url)
                continue
        urls.append(urlunsplit((parsed.scheme, parsed.netloc, path, parsed.query, parsed.fragment)))
    return urls


def reversed_path(name, match):
    """reverse(name, args=match.args, kwargs=match.kwargs); a one-value route's path from the
    route kept per language (missions.routes)."""
    if match.args or len(match.kwargs) != 1:
        return reverse(name, args=match.args, kwargs=match.kwargs)
    ((key, value),) = match.kwargs.items()
    return one_value_path(name, key, value)


def own_match(request, url):
    """The request's resolver match if resolving `url` now gives the same: its path is the
    request's, and the URLconf and the language are those it was resolved in; else None."""
    match = request.resolver_match
    if match is None or unquote(urlsplit(url).path) != request.path_info:
        return None
    resolved_in = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    if (get_urlconf() or settings.ROOT_URLCONF) != resolved_in:
        return None
    if getattr(request, "LANGUAGE_CODE", None) != get_language():  # LocaleMiddleware's
        return None
    return match


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
        codes = [code for code, name in settings.LANGUAGES]
        urls = translated_urls(path, codes, own_match(request, path))
        languages = [
            {"code": code, "name": name, "url": url, "current": code == current}
            for (code, name), url in zip(settings.LANGUAGES, urls, strict=True)
        ]
        known = request._page_in_languages = ((path, current), languages)
    return known[1]


def alternates(languages, request):
    """The `<link rel="alternate" hreflang>` lines, every value escaped as `{{ }}` escapes it."""
    if not languages:
        return "\n"
    origin = f"{shown(request.scheme)}://{shown(request.get_host())}"
    links = "".join(
        f'\n  <link rel="alternate" hreflang="{shown(language["code"])}" '
        f'href="{origin}{shown(language["url"])}">'
        for language in languages
    )
    return f"{links}\n"


def switcher(languages):
    """The switcher's `<nav>`: the current language named, the others linked."""
    if not languages:
        return "\n"
    items = "".join(switcher_item(language) for language in languages)
    label = shown(translated("Language"))
    return (
        f'\n<nav class="language-switcher" aria-label="{label}">\n'
        f"  <ul>\n    {items}\n  </ul>\n</nav>\n"
    )


def switcher_item(language):
    code, name = shown(language["code"]), shown(language["name"])
    if language["current"]:
        return f'<li><span aria-current="true" lang="{code}">{name}</span></li>'
    url = shown(language["url"])
    return f'<li><a href="{url}" hreflang="{code}" lang="{code}">{name}</a></li>'


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """`<link rel="alternate" hreflang>` for the page in every language."""
    html = alternates(page_in_languages(context), context.get("request"))
    return mark_safe(html)  # noqa: S308  (every value escaped)


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The language switcher: this page (or `switch_path`) in every language."""
    return mark_safe(switcher(page_in_languages(context)))  # noqa: S308  (every value escaped)
