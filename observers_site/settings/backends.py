"""The page cache and the file storage, chosen from the environment (see README "Production").

Both are plain functions of their inputs so that a test can build the settings two servers
would have.
"""

import hashlib
from pathlib import Path

PAGE_TIMEOUT = 24 * 3600
PAGE_MAX_ENTRIES = 20000
# Redis answers in microseconds; a cache that does not answer in this long counts as down.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def database_namespace(database):
    """A short name for the database a page was rendered from: engine, host, port and name."""
    parts = [database.get(key) or "" for key in ("ENGINE", "HOST", "PORT", "NAME")]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def page_caches(database, cache_url, cache_dir):
    """The ``pages`` cache and the ``page-version`` cache that holds their data version.

    Both are namespaced by the database: keys carry its name as a prefix and the file cache
    (the default, without ``cache_url``) lives in a directory of its own per database. The
    version sits apart from the pages, where no cull of pages can reach it: a directory of
    its own, or a Redis key without expiry (Redis evicts only expiring keys under
    ``maxmemory-policy volatile-lru``).
    """
    namespace = database_namespace(database)
    if cache_url:
        if not cache_url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(f"DJANGO_CACHE_URL must be a redis:// address, not {cache_url!r}")
        redis = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": cache_url,
            "KEY_PREFIX": f"observers:{namespace}",
            "OPTIONS": dict(REDIS_TIMEOUTS),
        }
        return {
            "pages": {**redis, "TIMEOUT": PAGE_TIMEOUT},
            "page-version": {**redis, "TIMEOUT": None},
        }
    folder = Path(cache_dir) / namespace
    return {
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder / "pages"),
            "KEY_PREFIX": namespace,
            "TIMEOUT": PAGE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": PAGE_MAX_ENTRIES},
        },
        "page-version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder / "version"),
            "KEY_PREFIX": namespace,
            "TIMEOUT": None,
        },
    }


def default_storage(environ, media_root):
    """Files on S3-compatible storage when DJANGO_S3_BUCKET is set, else on local disk.

    Objects are private; a link to one is a signed URL valid for DJANGO_S3_URL_SECONDS (300).
    The keys come from boto3's own sources (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
    or an instance role), never from these settings.
    """
    bucket = environ.get("DJANGO_S3_BUCKET")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root)},
        }
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("DJANGO_S3_REGION") or None,
            "location": environ.get("DJANGO_S3_PREFIX", ""),
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "querystring_expire": int(environ.get("DJANGO_S3_URL_SECONDS", "300")),
            "file_overwrite": False,
            # Short timeouts and one retry: a storage that does not answer fails /readyz fast.
            "client_config": Config(
                signature_version="s3v4",
                connect_timeout=2,
                read_timeout=5,
                retries={"mode": "standard", "total_max_attempts": 2},
            ),
        },
    }
