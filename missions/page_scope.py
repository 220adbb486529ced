"""The page's language, script prefix and URLconf, read once while a page's body renders.

Django keeps each in an asgiref `Local`, about a microsecond a read; a mission page's body
read them some thousand times (every link, label, date and message asks). Inside `held()`
they are read once and handed out from a context variable. Nothing inside may switch them
(no `translation.override()`, no `set_script_prefix()`): the body's helpers do not.
Outside `held()` each is read as before."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

_held = ContextVar("page_scope", default=None)


@contextmanager
def held():
    """The active language, script prefix and URLconf read once for what runs inside."""
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
