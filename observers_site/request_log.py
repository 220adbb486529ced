"""Request ids and request logs: every request gets an id, which every log line written
while it runs names, the response carries and the 500 page shows; with DJANGO_LOG_FORMAT=json
each request also writes one line (method, path, status, duration, id, page cache)."""

import contextvars
import logging
import re
import sys
import time
import uuid

from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"  # request.headers[HEADER] (request.headers reads all of META)
# An id a proxy sent is kept only if it is this short and this plain; otherwise a new one.
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

current = contextvars.ContextVar("current_request", default=None)  # (request id, path)
access_log = logging.getLogger("observers_site.requests")


def request_id_for(request):
    incoming = request.META.get(META_KEY, "")
    return incoming if SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Give the request an id (request.request_id, the X-Request-ID response header) and log
    the request's line to observers_site.requests once it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = current.set((request.request_id, request.path))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request.request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "cache": getattr(request, "page_cache_status", "bypass"),
                },
            )
            return response
        finally:
            current.reset(token)


class StderrHandler(logging.StreamHandler):
    """Write to sys.stderr as it is at each record (a test runner may swap it)."""

    def __init__(self, level=logging.NOTSET):
        logging.Handler.__init__(self, level)

    @property
    def stream(self):
        return sys.stderr


class RequestFilter(logging.Filter):
    """Add request_id and path (of the request being answered, or "-") to every record."""

    def filter(self, record):
        request_id, path = current.get() or ("-", "-")
        record.request_id = request_id
        record.path = path
        return True


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page, with the request's id for a staff member to quote."""
    template = loader.get_template(template_name)
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(template.render(context))
