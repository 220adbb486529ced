"""Settings shared by every environment; what differs comes from DJANGO_* variables."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from .backends import default_storage, page_caches

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that its admin classes can patch it
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "reversion",
    "import_export",
    "nested_admin",  # members and counterparts inside the mission page
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "missions",
    "axes",
]

MIDDLEWARE = [
    "observers_site.request_log.RequestIdMiddleware",  # first: every response has an id
    "corsheaders.middleware.CorsMiddleware",  # /api/ only (CORS_URLS_REGEX)
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "observers_site.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "missions.cache.PublicPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "missions.cache.RetirementNoticeMiddleware",
    "missions.public_flags.BatchedFlagsMiddleware",  # after the notices: they are told at commit
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "observers_site.urls"
WSGI_APPLICATION = "observers_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The mission page's body and the charts (missions/jinja.py: Django's escaping, filters and
        # messages).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "missions.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
# Behind a pooler in transaction mode (PgBouncer before 1.21): no server-side cursors, and no
# statements prepared on the server (missions.prepared), which a pooled connection would lose.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = (
    os.environ.get("DJANGO_DB_TRANSACTION_POOLING", "") == "1"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one staff member writes; IMMEDIATE takes the write lock
    # at BEGIN so two writers queue on the busy timeout instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # A database that does not answer fails /readyz in seconds instead of hanging it.
    options.setdefault("connect_timeout", 5)
    # No JIT: the visibility queries' cost estimates pass jit_above_cost, and compiling them
    # took 4.2 of the countries index's 5.7 s at 2,000 missions (docs/performance.md).
    options["options"] = (options.get("options", "") + " -c jit=off").strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["observers_site.formats"]
# Translated content: English is the language every record has; Russian falls back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded document files (PDF, DOCX, ODT): local media/, or S3-compatible storage when
# DJANGO_S3_BUCKET is set (settings/backends.py). They are never served from the storage
# directly: a view checks that the mission is public.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": default_storage(os.environ, MEDIA_ROOT),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Let the web server send document files once the view has allowed them (README "Production"):
# "" (off: Django streams them), "x-accel-redirect" (nginx) or "x-sendfile" (Apache, lighttpd).
DOCUMENT_FILES_OFFLOAD = os.environ.get("DJANGO_FILES_OFFLOAD", "")
if DOCUMENT_FILES_OFFLOAD not in ("", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured(
        f"DJANGO_FILES_OFFLOAD is {DOCUMENT_FILES_OFFLOAD!r}: use x-accel-redirect, x-sendfile "
        "or leave it empty."
    )
# For x-accel-redirect: the nginx `internal` location that maps to MEDIA_ROOT.
DOCUMENT_FILES_OFFLOAD_PREFIX = os.environ.get("DJANGO_FILES_OFFLOAD_PREFIX", "/protected-files/")

SITE_NAME = "Election Observation Archive"

# Roster uploads wait here between preview and confirmation (missions/admin/roster.py).
# Spreadsheet exports neutralise formulas themselves (missions/spreadsheets.py).
ROSTER_UPLOAD_DIR = Path(
    os.environ.get("DJANGO_ROSTER_UPLOAD_DIR", BASE_DIR / "var" / "roster-uploads")
)
# A mission document whose preview failed waits here, for the same session, two hours at most
# (missions/admin/documents.py).
DOCUMENT_UPLOAD_DIR = Path(
    os.environ.get("DJANGO_DOCUMENT_UPLOAD_DIR", BASE_DIR / "var" / "document-uploads")
)

# Security: headers and cookies for every environment; production.py adds HTTPS-only settings.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True

# Staff login: django-axes locks a username on one address out after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Axes records failures in the database (its default handler), so a lockout holds on every
# server; sessions too live in the database (Django's default), read by whichever server
# answers. Neither needs the cache, so a cache outage logs nobody out.

LOGIN_REDIRECT_URL = "admin:index"  # after a login that names no page to return to

# Anonymous public pages (missions/cache.py): in Redis shared by every server when
# DJANGO_CACHE_URL is set, else in files shared by the workers of one host; per database.
# The statistics' figures (missions/aggregates.py): in each process, under the data version.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "figures",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
    **page_caches(
        DATABASES["default"],
        os.environ.get("DJANGO_CACHE_URL", ""),
        os.environ.get("DJANGO_PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
    ),
}

# Logs: warnings and errors to standard error, each line with the request's id and path
# (observers_site/request_log.py). DJANGO_LOG_FORMAT=json writes one JSON object a line and
# adds a line per request.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "observers_site.request_log.RequestFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(path)s] %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "runserver": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "stderr": {
            "class": "observers_site.request_log.StderrHandler",
            "filters": ["request"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        "runserver": {"class": "logging.StreamHandler", "formatter": "runserver"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": [], "level": "WARNING", "propagate": True},
        # runserver's own line per request, as Django logs it by default
        "django.server": {"handlers": ["runserver"], "level": "INFO", "propagate": False},
        "observers_site.requests": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# Open data (missions/api/, missions/downloads.py): the licence shown with every API answer
# and download, and the API's rate limit per client address.
DATA_LICENSE = os.environ.get("DJANGO_DATA_LICENSE", "")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "120/minute")},
    # Behind the TLS proxy the client is the last address it adds to X-Forwarded-For.
    "NUM_PROXIES": int(os.environ.get("DJANGO_API_PROXIES", "0")),
    "DEFAULT_PAGINATION_CLASS": "missions.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Election Observation Archive API",
    "DESCRIPTION": (
        "Published observation missions and what they name, read-only. A translated field "
        "`x` holds the English text and `x_ru` the Russian; either may be empty."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        f"{model}KindEnum": f"missions.models.{model}.Kind"
        for model in ("Election", "ElectionRound", "Organization", "Meeting", "Document", "Region")
    }
    | {"MonitoringEnum": "missions.models.Mission.Monitoring"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "missions.api.schema.document_errors",
    ],
}
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
