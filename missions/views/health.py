"""Health checks: /healthz for liveness (one trivial query), /readyz for readiness.

Neither renders a template, reads a session or is cached. /readyz names what fails and
never why: the reason (which may hold an address or a key) goes to the log.
"""

import logging
import os
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from missions import cache

logger = logging.getLogger(__name__)
STORAGE_PROBE = "readiness-probe"


@never_cache
@require_safe
def healthz(request):
    try:
        check_database()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_storage():
    """The file storage answers (S3: a HEAD of a missing key); local disk is writable."""
    default_storage.exists(STORAGE_PROBE)
    if isinstance(default_storage, FileSystemStorage):
        location = Path(default_storage.location)
        while not location.exists() and location != location.parent:
            location = location.parent  # the folder is created with the first file
        if not os.access(location, os.W_OK):
            raise PermissionError(f"{location} is not writable")


# Each check runs under its client's own short timeout (settings: database connect_timeout,
# Redis socket timeouts, the S3 client config).
CHECKS = {"database": check_database, "cache": cache.check, "storage": check_storage}


@never_cache
@require_safe
def readyz(request):
    results = {}
    for name, run in CHECKS.items():
        try:
            run()
        except Exception:
            logger.exception("Readiness check failed: %s", name)
            results[name] = "failing"
        else:
            results[name] = "ok"
    failing = [name for name, result in results.items() if result != "ok"]
    if failing:
        body = {"status": "unavailable", "failing": failing, "checks": results}
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ok", "checks": results})
