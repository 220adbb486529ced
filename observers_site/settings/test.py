"""The test suite: fast hashing, plain static storage, no debug."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Suites log in with client.login(), which has no request for django-axes to watch;
# tests/test_security.py turns axes back on to check the lockout.
AXES_ENABLED = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Files the tests upload go to a throwaway folder, never into media/.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STORAGES["default"]["OPTIONS"] = {"location": MEDIA_ROOT}  # noqa: F405
DOCUMENT_UPLOAD_DIR = BASE_DIR / "var" / "test-document-uploads"  # noqa: F405
# Serve static files from the app and project folders, as in development: no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# On SQLite, test in a file rather than in memory: the live server used by the browser
# tests then gives each request thread its own connection and closes it, where a shared
# in-memory connection leaves unclosed ones behind (a ResourceWarning on Python 3.13).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / "test-db.sqlite3"}  # noqa: F405
# Tests see every render; tests/test_caching.py switches the page cache (and the figures' cache)
# on where it matters.
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "figures": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "page-version": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# The API's rate limit would trip across the suite's many requests from one address;
# tests/test_api.py sets a low one where it checks the 429.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"}}  # noqa: F405
