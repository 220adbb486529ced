"""A cache of anonymous public pages, shared by every worker and server, with conditional GET.

Pages are stored in the ``pages`` cache (Redis from ``DJANGO_CACHE_URL``, else a directory per
database) under a key holding a *data version*, kept in the ``page-version`` cache where no
cull of pages can reach it. Any write to a model of this app replaces the version, so every
page rendered before it is never served again: a publish or an unpublish shows on the next
request, on every server. Both caches are namespaced by the database (settings/backends.py),
so two sites on two databases never serve each other's pages.

The version is derived state, so a ``post_save``/``post_delete``/``m2m_changed`` receiver that
only replaces it is acceptable; it waits for the transaction to commit, so no worker can cache
the old data under the new version. Code that writes without signals (``QuerySet.update``,
``bulk_create``, raw SQL) must call :func:`published_data_changed` itself.

The cache fails open: when it cannot be read or written, pages are rendered uncached and the
failure is logged (and ``/readyz`` says so). A version that cannot be replaced is deleted
instead, retried before this process serves any cached page again, and the staff member
whose change it was is told (:class:`RetirementNoticeMiddleware`).

Each cached page carries an ETag and a Last-Modified (a whole second later for every
version), and a 304 is only ever the answer for a page found in the cache.
"""

import contextvars
import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
VERSION_ALIAS = "page-version"
VERSION_KEY = "public-data-version"
PROBE_KEY = "readiness-probe"
PUBLIC_NAMESPACES = ("missions", "api")  # the public site and the open-data API
SECOND = 1_000_000_000
BROWSER_MAX_AGE = 0  # browsers revalidate every time; the ETag makes that cheap
HIT, MISS, BYPASS = "hit", "miss", "bypass"  # request.page_cache_status, for the request log

_retirement_pending = False  # a version this process could not replace: retry before serving
_notices = contextvars.ContextVar("page_retirement_notices", default=None)


class PageCacheUnavailable(Exception):
    """The page cache could not be read or written."""


def page_cache():
    return caches[CACHE_ALIAS]


def version_cache():
    return caches[VERSION_ALIAS]


# The data version ---------------------------------------------------------------------------


def data_version():
    """The current version: nanoseconds since the epoch of the last change."""
    if _retirement_pending and not retire_pages():
        raise PageCacheUnavailable("an earlier change could not retire the cached pages")
    version = version_cache().get(VERSION_KEY)
    if version is None:
        # Lost or never set (cache emptied, restarted): start a new one, which is always safe.
        version = time.time_ns()
        version_cache().add(VERSION_KEY, version, timeout=None)
        version = version_cache().get(VERSION_KEY) or version
    return version


def published_data_changed(model=None):
    """Retire every cached page, once the current transaction (if any) commits, and keep the
    stored public flags exact (`public_flags.public_data_changed`); `model` is what was written.

    One new version per transaction scope is enough: an import saving thousands of rows
    would otherwise write the version thousands of times at commit.
    """
    from missions.public_flags import public_data_changed

    public_data_changed(model)
    pages_changed()


def pages_changed():
    """Retire every cached page once the current transaction (if any) commits (the stored
    public flags follow the written rows themselves, `public_flags.connect_signals`)."""
    if not retirement_scheduled():
        transaction.on_commit(retire_pages, robust=True)


def retirement_scheduled():
    """Whether the current transaction scope already retires the pages when it commits."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    scope = set(connection.savepoint_ids)
    pending = connection.run_on_commit  # (savepoint ids, callback, robust)
    return any(getattr(func, "retires_pages", False) and sids == scope for sids, func, _ in pending)


def new_version():
    """Replace the version with one whose Last-Modified second is later than the old one's.

    Normally that is the clock; a burst of commits in one second moves it ahead of the clock
    by a second each, so an If-Modified-Since revalidation never matches a newer page.
    """
    old = version_cache().get(VERSION_KEY) or 0
    version = max(time.time_ns(), (old // SECOND + 1) * SECOND)
    version_cache().set(VERSION_KEY, version, timeout=None)
    return version


def retire_pages():
    """Replace the version; return whether every server will stop serving the old pages.

    When the cache refuses the new version, the old one is deleted instead (a full disk still
    deletes), so the next request anywhere starts a new one. If even that fails the failure
    is logged, told to the staff member, and retried before this process serves a cached page.
    """
    global _retirement_pending
    try:
        new_version()
    except Exception:
        logger.exception("The page cache refused a new data version; deleting the old one")
        try:
            version_cache().delete(VERSION_KEY)
        except Exception:
            logger.exception("The page cache refused to retire its pages; retrying later")
            _retirement_pending = True
            tell_staff(_("The public page cache could not be reached to retire old pages."))
            return False
    _retirement_pending = False
    return True


retire_pages.retires_pages = True


def confirm_retirement(mission):
    """For an unpublish: tell the staff member at commit if the mission's page may stay public."""

    def tell():
        message = _(
            "“%(mission)s” is unpublished, but the public page cache could not be reached "
            "to retire its page. The site retries before serving any cached page; check "
            "that the public page is gone."
        )
        tell_staff(message % {"mission": mission})

    def retire_or_tell():
        if not retire_pages():
            tell()

    def tell_if_pending():
        if _retirement_pending:
            tell()

    if retirement_scheduled():
        transaction.on_commit(tell_if_pending, robust=True)
    else:
        retire_or_tell.retires_pages = True
        transaction.on_commit(retire_or_tell, robust=True)


def tell_staff(message):
    notices = _notices.get()
    if notices is not None:
        notices.append(message)


def check():
    """Raise if the page cache cannot be read and written (for /readyz)."""
    data_version()
    page_cache().set(PROBE_KEY, 1, timeout=60)
    if page_cache().get(PROBE_KEY) != 1:
        raise PageCacheUnavailable("the page cache did not keep what it was given")


def data_changed_receiver(sender, action=None, **kwargs):
    if action and action.startswith("pre_"):
        return  # a many-to-many change: its post_ signal follows
    pages_changed()


def connect_signals(app_config):
    """Watch every model of the app, and the tables behind its many-to-many fields."""
    for model in app_config.get_models(include_auto_created=True):
        signals = (m2m_changed,) if model._meta.auto_created else (post_save, post_delete)
        for signal in signals:
            signal.connect(data_changed_receiver, sender=model, weak=False)


# Which requests and responses ---------------------------------------------------------------


def cacheable_view(request):
    """The URL match of a request the cache may answer, or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None  # a signed-in or mid-flow visitor may see something personal
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace not in PUBLIC_NAMESPACES:
        return None
    return match


def is_cacheable_request(request):
    return cacheable_view(request) is not None


def view_parameters(match):
    """The query parameters a view reads: its filters, and the page number if it pages."""
    view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", None)  # DRF
    names = set(getattr(getattr(view, "filterset_class", None), "base_filters", ()))
    if getattr(view, "paginate_by", None):
        names.add(getattr(view, "page_kwarg", "page"))
    names.update(getattr(view, "query_parameters", ()))  # the API's page and page_size
    return names


def normalized_query(request, match):
    """The query string in a fixed order, or None if it holds a parameter the view ignores.

    Every distinct address is a new entry, so a parameter the view never reads (or one given
    twice) is not cached: otherwise anyone could fill the cache with ``?fill=N``.
    """
    known = view_parameters(match)
    items = []
    for name, values in request.GET.lists():
        if name not in known or len(values) != 1:
            return None
        items.append((name, values[0]))
    return urlencode(sorted(items))


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def page_key(request, version, query=None):
    """Version, day ('upcoming' changes at midnight), language, site address and full path.

    Pages embed absolute links built from the request's scheme and host (canonical,
    hreflang, feed ids), so both are in the key: one host name's links are never served on
    another (ALLOWED_HOSTS bounds the names).
    """
    if query is None:
        query = request.META.get("QUERY_STRING", "")
    parts = [
        str(version),
        timezone.localdate().isoformat(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        f"{request.scheme}://{request.get_host()}",
        request.path,
        query,
    ]
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def etag_of(key):
    return f'"{key[5:37]}"'


# The middleware -----------------------------------------------------------------------------


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the shared cache; answer 304 when unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_cache_status = BYPASS
        match = cacheable_view(request)
        query = normalized_query(request, match) if match else None
        if query is None:
            return self.get_response(request)
        try:
            # Read the version before any data, so a page is never stored under a newer version.
            version = data_version()
            key = page_key(request, version, query)
            cached = page_cache().get(key)
        except Exception:
            logger.exception("The page cache cannot be read; serving %s uncached", request.path)
            return self.get_response(request)
        last_modified = version // SECOND
        if cached is not None:
            request.page_cache_status = HIT
            not_modified = get_conditional_response(
                request, etag=cached["ETag"], last_modified=last_modified
            )
            return cached if not_modified is None else not_modified
        request.page_cache_status = MISS
        response = self.get_response(request)
        if is_cacheable_response(response):
            response["ETag"] = etag_of(key)
            response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            try:
                page_cache().set(key, response)
            except Exception:
                logger.exception("The page cache cannot be written; %s not stored", request.path)
        return response


class RetirementNoticeMiddleware:
    """Tell the staff member whose change could not retire the cached public pages.

    Sits after MessageMiddleware, so that the message is stored with the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _notices.set([])
        try:
            response = self.get_response(request)
            notices = _notices.get()
        finally:
            _notices.reset(token)
        if notices and hasattr(request, "_messages"):
            messages.error(request, notices[-1])
        return response
