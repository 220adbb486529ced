"""The page's language, script prefix and URLconf, read once while a page's body renders.

Django keeps each in an asgiref `Local`, about a microsecond a read; a mission page's body
read them some thousand times (every link, label, date and message asks). Inside `held()`
they are read once and handed out from a context variable. Nothing inside may switch them
(no `translation.override()`, no `set_script_prefix()`): the body's helpers do not.
Outside `held()` each is read as before."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

_held = ContextVar("page_scope", default=None)


@contextmanager
def held():
    """The active language, script prefix and URLconf read once for what runs inside (inside
    another `held()`, the ones it read: the charts inside the body)."""
    if _held.get() is not None:
        yield
        return
    token = _held.set((get_language(), get_script_prefix(), get_urlconf()))
    try:
        yield
    finally:
        _held.reset(token)


def language():
    """get_language(), read once inside `held()`."""
    scope = _held.get()
    return get_language() if scope is None else scope[0]


def routing():
    """(language, script prefix, URLconf): what a reversed path depends on."""
    scope = _held.get()
    return (get_language(), get_script_prefix(), get_urlconf()) if scope is None else scope


# What a memo's output may depend on beside its arguments (one of which is the language).
FORMATTING_SETTINGS = {
    "LOCALE_PATHS",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "FORMAT_MODULE_PATH",
    "USE_THOUSAND_SEPARATOR",
    "NUMBER_GROUPING",
    "THOUSAND_SEPARATOR",
    "DECIMAL_SEPARATOR",
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
}
_memos = []


def memo(maxsize=None):
    """lru_cache for a function of code, catalogues and formats alone, called with the
    language among its arguments: a page's labels, messages, numbers and days, translated
    and formatted once per process. A test that changes those settings gets them afresh."""

    def decorate(function):
        kept = lru_cache(maxsize=maxsize)(function)
        _memos.append(kept)
        return kept

    return decorate


@receiver(setting_changed)
def forget(setting, **kwargs):
    if setting in FORMATTING_SETTINGS:
        for kept in _memos:
            kept.cache_clear()
