"""Aggregates over the archive kept per process under the data version (missions/cache.py).

The statistics page's figures count every published mission of a selection. A page cache
miss (another host name, a new day, a signed-in staff member, a CSV of the same selection)
would count them again; this keeps each figure until the next change to the data, which
replaces the version, so no figure outlives a publish or an unpublish. It fails open like the
page cache: when the version or the cache cannot be read, the figure is counted afresh.
"""

import hashlib
import logging

from django.core.cache import caches

from .cache import data_version

logger = logging.getLogger(__name__)

CACHE_ALIAS = "figures"


def kept(name, build):
    """build()'s result, computed once per data version and name."""
    try:
        # The version is read before any data, so a result never outlives its version.
        key = "figure:" + hashlib.sha256(f"{data_version()}|{name}".encode()).hexdigest()
        found = caches[CACHE_ALIAS].get(key)
    except Exception:
        logger.exception("The figures cache cannot be read; counting %s afresh", name)
        return build()
    if found is not None:
        return found
    value = build()
    try:
        caches[CACHE_ALIAS].set(key, value)
    except Exception:
        logger.exception("The figures cache cannot be written; %s not kept", name)
    return value
