"""Showing translated content: the active language's text, or the English one marked as
English (`lang="en"` and a visible note) when the Russian is missing."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

FALLBACK = "en"


def active_language():
    return (get_language() or FALLBACK).split("-")[0]


def text_in(obj, field, language):
    """The field's own text in one language ("" if none); `name_ru` beside a plain `name`
    (regions) counts as the Russian of `name`."""
    value = getattr(obj, f"{field}_{language}", None)
    if value is None and language == FALLBACK:
        value = obj.__dict__.get(field)
    return value or ""


@register.simple_tag
def shown_language(obj, field):
    """The language the field is shown in: the active one if it has text there, else English."""
    language = active_language()
    if language != FALLBACK and not text_in(obj, field, language):
        return FALLBACK
    return language


@register.simple_tag
def tr(obj, field):
    """The field as inline text; English shown on another language's page is marked."""
    language = shown_language(obj, field)
    text = text_in(obj, field, language)
    if not text or language == active_language():
        return text
    return format_html(
        '<span lang="{}">{}</span> <span class="lang-fallback">({})</span>',
        language,
        text,
        _("in English"),
    )


@register.inclusion_tag("includes/in_english.html")
def fallback_note(obj, field):
    """A visible note for a block of text shown in English on another language's page."""
    language = shown_language(obj, field)
    return {"show": bool(text_in(obj, field, language)) and language != active_language()}
