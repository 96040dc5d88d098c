"""Settings shared by every environment, safe for production as they stand.

Everything that differs between machines is read from the environment.
"""

import os
from pathlib import Path

import dj_database_url

from config.languages import DEFAULT_LANGUAGES, language_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    """Read a boolean such as DEBUG=1 / DEBUG=false from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    """Read a comma-separated list such as ALLOWED_HOSTS=a.example,b.example."""
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "delivery",
    "editorial",
    "home",
    "articles",
    "search",
    "newsletter",
    "comments",
    "blog_import",
    "api",
    "wagtail_localize",
    # Wagtail's own Locales admin rather than wagtail-localize's, whose "synchronise content
    # from another locale" makes aliases that each publication of the source republishes.
    "wagtail.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
]

MIDDLEWARE = [
    "core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "delivery.caching.CacheHeadersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.addresses.SiteAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# One line chooses the database: SQLite next to the code unless DATABASE_URL says otherwise.
# Connections are kept between requests and checked before reuse, so the site
# reconnects by itself once a database that went away is back.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (and show the 503 page) rather than hang when PostgreSQL is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
# SQLite, the embedded default, serves the web server's threads and the task worker at
# once: each transaction that may write takes the write lock as it begins (IMMEDIATE), so
# two saves that meet wait their turn (up to `timeout` seconds) instead of failing with
# "database is locked"; readers never wait for the writer (WAL). bench/sqlite_writers.py
# measures it.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when configured, is the cache shared by every app server: sessions, rate limits,
# Wagtail's own caches. The backend fails soft: with Redis down or refusing writes, the
# site still serves. Pages are cached by the caching proxy, not here; parts of pages
# (template fragments) are, in Redis only (docs/caching.md).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "carnet"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    # The template fragments of pages (delivery/fragments.py), in the same Redis.
    CACHES["template_fragments"] = {
        **CACHES["default"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":fragments",
    }
    # Sessions read from Redis and written through to the database, which still has
    # them if Redis is lost.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # One cache per process: fragments, which the task worker could not drop, are not kept.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
# How long a template fragment is kept at most; a purge of what it shows drops it sooner.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))

# The caching proxy (Varnish) in front of the app servers (delivery/, docs/caching.md).
# Anonymous pages say it may keep them this many seconds (`s-maxage`)...
PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "3600"))
# ...and each publication purges what shows it from every proxy listed here (their base
# URLs, comma-separated, e.g. http://127.0.0.1:6081); none: nothing to purge.
CACHE_PROXY_URLS = env_list("CACHE_PROXY_URLS")
CACHE_PURGE_TIMEOUT = float(os.environ.get("CACHE_PURGE_TIMEOUT", "5"))
# A purge a proxy refused is tried again after this many seconds, doubled each time.
CACHE_PURGE_RETRY_SECONDS = float(os.environ.get("CACHE_PURGE_RETRY_SECONDS", "2"))
CACHE_PURGE_RETRY_MAX_SECONDS = float(os.environ.get("CACHE_PURGE_RETRY_MAX_SECONDS", "300"))
# The content API (api/, docs/api.md): the origins of the other sites whose pages may read
# it from a browser (CORS; none unless listed, e.g. https://app.example.org), and how
# many requests one network address may make in a window of seconds.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))
# Cookies that make a request personal, besides the session's and the messages'.
PERSONAL_COOKIES = env_list("PERSONAL_COOKIES")

# Work that may wait (purges, e-mails, digests, Wagtail's own index updates) goes through
# Django's Tasks API. The database backend writes each task as a row of the transaction
# that enqueues it; `manage.py db_worker` runs them (see docs/workers.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: CARNET_LANGUAGES=fr,en,es (the first is the default and the usual source of
# translations) gives LANGUAGE_CODE, LANGUAGES and WAGTAIL_CONTENT_LANGUAGES (config/languages.py,
# docs/languages.md). `migrate` creates a Wagtail locale for each language.
_languages = language_settings(os.environ.get("CARNET_LANGUAGES", DEFAULT_LANGUAGES))
LANGUAGE_CODE = _languages["LANGUAGE_CODE"]
LANGUAGES = _languages["LANGUAGES"]
WAGTAIL_CONTENT_LANGUAGES = _languages["WAGTAIL_CONTENT_LANGUAGES"]
WAGTAIL_I18N_ENABLED = True
# locale/ holds the catalogues; build/locale/ the English ones that `compile_catalogues` makes
# for a language of CARNET_LANGUAGES without a catalogue yet (core/catalogues.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "build" / "locale"]
# Dates follow each language's DATE_FORMAT (Django's), except where config/formats/ says.
FORMAT_MODULE_PATH = ["config.formats"]
# A new translation starts as a draft, live or not its source: it goes live through review.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor: DeepL when DEEPL_API_KEY is set (a key
# ending in ":fx" uses DeepL's free API), none otherwise, and then the editor offers none.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": os.environ["DEEPL_API_KEY"],
            "TIMEOUT": int(os.environ.get("DEEPL_TIMEOUT", "30")),
        },
    }
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Carnet"
# Addresses in ASCII: "Qui possède…" gives qui-possede-…, never percent-encoded letters.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The site's public address: every absolute link (canonical, hreflang, feeds, e-mails, the
# admin's notifications) starts with it, computed in one place (core/addresses.py).
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
# Whether a request's own host and port come before BASE_URL (development only: a
# production site answers with its configured address, whatever Host a request names).
BASE_URL_FROM_REQUEST = env_bool("BASE_URL_FROM_REQUEST", False)
# Wagtail's database search, language-aware on PostgreSQL (French and English stemming, French
# without accents); on SQLite, Wagtail's database backend as it is. See search/backends/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Editors' avatars are uploaded or default, never fetched from Gravatar (no third party
# learns who uses the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Uploads: what editors may send, and how big. No SVG images: they can carry scripts.
MEGABYTE = 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * MEGABYTE
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "20")) * MEGABYTE
# Form fields other than files (an article's body…); files are limited above.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * MEGABYTE

# Admin login: after this many failures for one address and username (or this many for
# one address, whatever the usernames), wait this long.
ADMIN_LOGIN_MAX_FAILURES = int(os.environ.get("ADMIN_LOGIN_MAX_FAILURES", "5"))
ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS", "20")
)
ADMIN_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("ADMIN_LOGIN_LOCKOUT_SECONDS", str(15 * 60)))
# How many proxies of ours (nginx, a load balancer) add to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# The newsletter (newsletter/): double opt-in sign-ups and the digest of new articles.
NEWSLETTER_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 7  # seconds a confirmation link stays valid
NEWSLETTER_UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365  # seconds an unsubscribe link stays valid
NEWSLETTER_RESEND_INTERVAL = 60 * 15  # at most one sign-up e-mail per address in this time
NEWSLETTER_SIGNUP_RATE_LIMIT = 5  # sign-ups accepted from one network address...
NEWSLETTER_SIGNUP_RATE_WINDOW = 60 * 15  # ...in this many seconds
NEWSLETTER_DIGEST_PAGE_MODEL = "articles.ArticlePage"  # the pages a digest announces
NEWSLETTER_DIGEST_LOOKBACK_DAYS = 14  # a digest announces pages published in these last days

# Comments (comments/): readers' comments under articles, shown once a reviewer approves.
COMMENTS_MIN_SECONDS = 3  # a comment sent sooner after its form appeared is refused
COMMENTS_TICKET_MAX_AGE = 60 * 60 * 24  # seconds a form's ticket stays valid
COMMENTS_RATE_LIMIT = 5  # comments accepted from one network address...
COMMENTS_RATE_WINDOW = 60 * 10  # ...in this many seconds
COMMENTS_NOTIFY_SECONDS = 60 * 15  # at most one e-mail to reviewers in this many seconds

# E-mail: every message the site sends (ours, Wagtail's workflow notifications, password
# resets) is queued as a task (core/mail.py); the worker sends it through
# QUEUED_EMAIL_BACKEND: the console in development, EMAIL_HOST in production. A failed
# send is tried again after each of these delays in turn (seconds), then given up and
# logged, the message kept in the task's row (docs/workers.md).
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
QUEUED_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
QUEUED_EMAIL_RETRY_DELAYS = [60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60, 12 * 60 * 60]
# Wagtail's workflow notifications reach the reviewers when a page is submitted and its
# editor when it is approved or sent back; superusers get them by joining the Reviewers group.
# Wagtail's notifications leave from DEFAULT_FROM_EMAIL unless
# WAGTAILADMIN_NOTIFICATION_FROM_EMAIL is set (production.py derives both from BASE_URL).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Carnet <noreply@localhost>")
if os.environ.get("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"):
    WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ["WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"]
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (core.middleware.SecurityHeadersMiddleware). Public pages run
# no inline script; the admin needs inline scripts and styles, so it has its own policy.
ADMIN_PATH_PREFIX = "/admin/"
EMBED_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CSP_MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES")  # e.g. the object storage or CDN origin
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *CSP_MEDIA_SOURCES],
    "media-src": ["'self'", *CSP_MEDIA_SOURCES],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *CSP_MEDIA_SOURCES],
    "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

# Logs: JSON lines on stdout, one per request from carnet.requests.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.log_format.JsonFormatter"}},
    "filters": {"client_errors": {"()": "core.log_format.ClientErrorsAsWarnings"}},
    "handlers": {
        "json": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
        "json_client_errors": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["client_errors"],
        },
    },
    "root": {"handlers": ["json"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's reports of suspicious requests (a disallowed host, an oversized body).
        "django.security": {
            "handlers": ["json_client_errors"],
            "level": "WARNING",
            "propagate": False,
        },
        "carnet.requests": {
            "handlers": ["json"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
