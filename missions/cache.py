"""A cache of anonymous public pages, shared by every worker, with conditional GET.

Pages are stored in the ``pages`` cache (a directory on disk by default, so every gunicorn worker
on the host shares it) under a key holding a *data version*. Any write to a model of this app
replaces the version, so every page rendered before it is never served again: a publish or an
unpublish shows on the next request.

The version is derived state, so a ``post_save``/``post_delete``/``m2m_changed`` receiver that
only replaces it is acceptable; it waits for the transaction to commit, so no worker can cache
the old data under the new version. Code that writes without signals (``QuerySet.update``,
``bulk_create``, raw SQL) must call :func:`published_data_changed` itself.

Each cached page carries an ETag and a Last-Modified (the version's time), so a returning
reader's browser gets a 304 without the page being read or rendered.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

CACHE_ALIAS = "pages"
VERSION_KEY = "public-data-version"
PUBLIC_NAMESPACES = ("missions", "api")  # the public site and the open-data API
SECOND = 1_000_000_000
BROWSER_MAX_AGE = 0  # browsers revalidate every time; the ETag makes that cheap


def page_cache():
    return caches[CACHE_ALIAS]


def data_version():
    """The current version: nanoseconds since the epoch of the last change."""
    version = page_cache().get(VERSION_KEY)
    if version is None:
        # Lost or never set (cache cleared, evicted): start a new one, which is always safe.
        version = time.time_ns()
        page_cache().add(VERSION_KEY, version, timeout=None)
        version = page_cache().get(VERSION_KEY) or version
    return version


def published_data_changed():
    """Retire every cached page, once the current transaction (if any) commits.

    One new version per transaction scope is enough: an import saving thousands of rows
    would otherwise write the version thousands of times at commit.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        scope = set(connection.savepoint_ids)
        pending = connection.run_on_commit  # (savepoint ids, callback, robust)
        if any(func is new_version and sids == scope for sids, func, _ in pending):
            return
    transaction.on_commit(new_version, robust=True)


def new_version():
    """Replace the version with a larger one.

    Last-Modified counts whole seconds, so a new version moves to the next second, unless
    it is already ahead of the clock (a burst of commits), where it only grows by one.
    """
    old = page_cache().get(VERSION_KEY) or 0
    now = time.time_ns()
    version = old + 1 if old >= now else max(now, (old // SECOND + 1) * SECOND)
    page_cache().set(VERSION_KEY, version, timeout=None)


def data_changed_receiver(sender, **kwargs):
    published_data_changed()


def connect_signals(app_config):
    """Watch every model of the app, and the tables behind its many-to-many fields."""
    for model in app_config.get_models(include_auto_created=True):
        signals = (m2m_changed,) if model._meta.auto_created else (post_save, post_delete)
        for signal in signals:
            signal.connect(data_changed_receiver, sender=model, weak=False)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # a signed-in or mid-flow visitor may see something personal
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.namespace in PUBLIC_NAMESPACES


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def page_key(request, version):
    """Version, day (pages that say 'upcoming' change at midnight), language, host (feeds and
    the API write absolute addresses) and full path."""
    parts = [
        str(version),
        timezone.localdate().isoformat(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        request.get_host(),
        request.get_full_path(),
    ]
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the shared cache; answer 304 when unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        # Read the version before any data, so a page is never stored under a newer version.
        version = data_version()
        key = page_key(request, version)
        request.page_cache_status = "hit"  # a 304 or a stored page; "miss" below
        etag = f'"{key[5:37]}"'
        last_modified = version // SECOND
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        response = page_cache().get(key)
        if response is None:
            request.page_cache_status = "miss"
            response = self.get_response(request)
            if not is_cacheable_response(response):
                return response
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            page_cache().set(key, response)
        return response
