"""The WSGI entry point freezes a warmed-up worker's objects and passes every response on."""

import gc

import pytest

from observers_site.gc_freeze import FREEZE_AFTER, FreezeAfterWarmUp


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_application_is_wrapped():
    from observers_site import wsgi

    assert isinstance(wsgi.application, FreezeAfterWarmUp)


def test_freezes_once_the_first_request_is_served(unfrozen):
    calls = []

    def app(environ, start_response):
        calls.append(gc.get_freeze_count())
        start_response("200 OK", [])
        return [b"ok"]

    wrapped = FreezeAfterWarmUp(app)
    assert wrapped({}, lambda *args: None) == [b"ok"]
    assert calls == [0]  # the first request runs before anything is frozen
    assert wrapped({}, lambda *args: None) == [b"ok"]
    assert calls[1] > 0  # the worker's modules and the first request's survivors


def test_freezes_only_after_the_listed_requests(unfrozen):
    frozen_at = []

    def app(environ, start_response):
        if gc.get_freeze_count():
            frozen_at.append(wrapped.served)
            gc.unfreeze()
        return []

    wrapped = FreezeAfterWarmUp(app)
    for _ in range(1002):
        wrapped({}, lambda *args: None)
    # `served` counts the request being served: a freeze before request N+1 shows as N+1.
    assert frozen_at == sorted(n + 1 for n in FREEZE_AFTER)
