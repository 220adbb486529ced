"""Settings the benchmark serves the site with: production, minus collectstatic and secrets."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from observers_site.settings.production import *  # noqa: E402,F403

# Pages render {% static %} without a collectstatic manifest; static files are not measured.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True  # no scan of an absent STATIC_ROOT at start-up

if os.environ.get("BENCH_PAGE_CACHE") == "off":  # the "uncached" run: every request renders
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "missions.cache.PublicPageCacheMiddleware"]  # noqa: F405
    # The sitemap keeps its own copy in the pages cache: off too, so it renders every time.
    CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405

# The benchmark speaks plain HTTP to 127.0.0.1, as the TLS-terminating proxy of a deployment
# does; production's redirect to https would turn every page into a 301.
SECURE_SSL_REDIRECT = False
