"""Showing translated content: the active language's text, or the text in the language it
exists in, marked as such (`lang` and a visible note): English on the Russian site, a
Russian-only text on the English site."""

import html
import re

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from missions import page_scope
from missions.models.bilingual import LANGUAGE_CODES, either

register = template.Library()

FALLBACK = "en"


def esc(value):
    """`value` as `{{ value }}` shows a string: escaped unless already safe (what
    conditional_escape does, without its lazy-string wrapper: these run once per row). The
    helpers here return SafeString(markup) of what they escaped, as mark_safe() would,
    without its lazy-argument check."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escaped(str(value))


def escaped(text):
    """html.escape(text): a text with nothing to escape (most) as it is, without escape()'s
    five replace() calls."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text


def active_language():
    return (page_scope.language() or FALLBACK).split("-")[0]


def text_in(obj, field, language):
    """The field's own text in one language ("" if none); `name_ru` beside a plain `name`
    (regions) counts as the Russian of `name`."""
    value = getattr(obj, f"{field}_{language}", None)
    if value is None and language == FALLBACK:
        value = obj.__dict__.get(field)
    return value or ""


def language_of(obj, field, active=None):
    """The language the field is shown in: the active one (`active`, else the page's) if it
    has text there, else English, else the first language that has text (the active one if
    none has)."""
    language = active or active_language()
    if text_in(obj, field, language):
        return language
    for other in (FALLBACK, *LANGUAGE_CODES):
        if text_in(obj, field, other):
            return other
    return language


@register.simple_tag
def shown_language(obj, field):
    """The language the field is shown in (see `language_of`)."""
    return language_of(obj, field)


@register.simple_tag
def shown_text(obj, field):
    """The field's text as shown: in the active language, else in the language it exists in."""
    return text_in(obj, field, language_of(obj, field))


@page_scope.memo(maxsize=16)
def fallback_notes(page_language):
    """The notes on a text shown in another language (English, Russian), in the page's
    language: translated once per language (most texts on a Russian page are English)."""
    return {
        "en": (
            _("in English"),
            _("This text has no Russian translation yet; it is shown in English."),
        ),
        "ru": (
            _("in Russian"),
            _("This text exists only in Russian; it is shown in the original."),
        ),
    }


def language_note(language):
    """The visible note beside a text shown in another language than the page's."""
    return fallback_notes(page_scope.language())["en" if language == "en" else "ru"][0]


@register.simple_tag
def tr(obj, field):
    """The field as inline text; text shown in another language than the page's is marked."""
    active = active_language()
    language = language_of(obj, field, active)
    text = text_in(obj, field, language)
    if not text or language == active:
        return text
    return SafeString(  # every part escaped
        f'<span lang="{esc(language)}">{esc(text)}</span> '
        f'<span class="lang-fallback">({esc(language_note(language))})</span>'
    )


def note_paragraph(language, shown):
    """The note's paragraph, or nothing when not shown; a newline after either, as the pages'
    markup has always had."""
    if not shown:
        return "\n"
    note = fallback_notes(page_scope.language())["en" if language == "en" else "ru"][1]
    return SafeString(f'<p class="lang-fallback">{esc(note)}</p>\n')  # escaped


@register.simple_tag
def fallback_note(obj, field):
    """A visible note for a block of text shown in another language than the page's."""
    active = active_language()
    language = language_of(obj, field, active)
    shown = bool(text_in(obj, field, language)) and language != active
    return note_paragraph(language, shown)


PARAGRAPH_BREAK = re.compile("\n{2,}")


def paragraphs(text):
    """What django.utils.html.linebreaks(text, autoescape=True) gives, without its lazy-text
    wrappers and Django's escape() per paragraph."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # normalize_newlines()
    parts = (html.escape(part).replace("\n", "<br>") for part in PARAGRAPH_BREAK.split(text))
    return "\n\n".join(f"<p>{part}</p>" for part in parts)


@register.simple_tag
def text_block(obj, field):
    """A block of text (summary, body, notes): its note, `lang`, paragraphs at blank lines and
    line breaks at single ones."""
    active = active_language()
    language = language_of(obj, field, active)
    text = text_in(obj, field, language)
    if not text:
        return "\n"
    note = note_paragraph(language, language != active)  # markup, or a newline
    return SafeString(f'{note}<div lang="{esc(language)}">{paragraphs(text)}</div>\n')


@register.filter(name="either")
def either_filter(obj, field):
    """Plain text for a <title>, a feed or an attribute: the text in whichever language exists."""
    return either(obj, field) if obj is not None else ""
