"""Settings for the Congrès national des Solidarités.

Every setting that differs between a laptop and production comes from an environment variable
with a safe development default. ``DJANGO_ENV=production`` switches to production mode, which
refuses to start without a real secret key, allowed hosts and a database URL.
"""

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

_INSECURE_KEY = "django-insecure-development-only-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", _INSECURE_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Reverse proxies in front of the application whose X-Forwarded-For is trusted (0: none, the
# client is REMOTE_ADDR). Used by login throttling and the API's rate limits.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

# Cache: throttling counters, cached pages. Per-process memory in development only: production
# needs one shared by all workers, CACHE_BACKEND=db (`manage.py createcachetable`) or REDIS_URL.
REDIS_URL = env("REDIS_URL", "")
CACHE_BACKEND = "redis" if REDIS_URL else env("CACHE_BACKEND", "memory")

# Sender of every email, and of the error reports sent to ADMINS.
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Congrès des Solidarités <congresdessolidarites@lemans.fr>"
)
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


def _is_local_sender(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].strip(" >").lower() if "@" in address else ""
    return domain in {"", "localhost", "localhost.localdomain"} or "." not in domain


if PRODUCTION:
    problems = []
    if SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY or "") < 50:
        problems.append("SECRET_KEY (at least 50 random characters)")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS (comma-separated host names)")
    if not env("DATABASE_URL"):
        problems.append("DATABASE_URL (postgres://user:password@host:5432/name)")
    if not env("EMAIL_HOST"):
        problems.append("EMAIL_HOST (SMTP server: confirmations and password resets are emails)")
    if not env("DEFAULT_FROM_EMAIL") or _is_local_sender(DEFAULT_FROM_EMAIL):
        problems.append("DEFAULT_FROM_EMAIL (the sender of every email, not a localhost address)")
    if _is_local_sender(SERVER_EMAIL):
        problems.append("SERVER_EMAIL (sender of error reports, not a localhost address)")
    if CACHE_BACKEND == "redis" and importlib.util.find_spec("redis") is None:
        problems.append("the `redis` package (REDIS_URL is set)")
    if CACHE_BACKEND not in {"db", "redis"}:
        problems.append(
            "CACHE_BACKEND=db (after manage.py createcachetable) or REDIS_URL: throttling "
            "counters must be shared by all workers"
        )
    if DEBUG:
        problems.append("DEBUG must be off")
    if problems:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_ENV=production) refuses to start. Set: " + "; ".join(problems)
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_bootstrap5",
    *("congress", "tracks", "proposals", "funding", "volunteers", "messaging", "reports"),
]

MIDDLEWARE = [
    # Answers /healthz/ before host validation and the HTTPS redirect: the load balancer probes
    # the backend by IP over plain HTTP.
    "congress.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # 413 for a body over the limits before anything reads it (JSON under /api/).
    "congress.core.middleware.RequestBodyLimitMiddleware",
    # 400 for NUL or non-UTF-8 bytes in the path, query string or form, before any view.
    "congress.core.middleware.RejectMalformedInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "congress.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "congress.core.middleware.EarlyPageMiddleware",  # kept public pages, before their views
]

ROOT_URLCONF = "congress.urls"
WSGI_APPLICATION = "congress.wsgi.application"
ASGI_APPLICATION = "congress.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congress.editions.context_processors.site",
            ],
            # Tags through which a lower sub-domain's page shows a higher one's data.
            "libraries": {"registrations": "congress.registrations.templatetags"},
            # French grammar (« de l'… », « au Mans », « 1er janvier »); its `date` replaces Django's.
            "builtins": ["congress.templatetags.french"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if CACHE_BACKEND == "redis":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
elif CACHE_BACKEND == "db":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": int(env("CACHE_MAX_ENTRIES", "20000"))},  # not 300
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "congress.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"
# Email confirmation links and invitations stay valid this many seconds.
EMAIL_CONFIRMATION_MAX_AGE = int(env("EMAIL_CONFIRMATION_MAX_AGE", str(3 * 24 * 3600)))
INVITATION_MAX_AGE_DAYS = int(env("INVITATION_MAX_AGE_DAYS", "14"))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Outside production, WhiteNoise serves straight from the app folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Private files (generated reports, uploaded documents) live outside MEDIA_ROOT and are served
# only by permission-checked views, as attachments. Never serve this folder.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
for _public in (MEDIA_ROOT, STATIC_ROOT):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(_public.resolve()):
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({PRIVATE_MEDIA_ROOT}) must not be inside a served folder "
            f"({_public})."
        )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "congress.core.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email (Django 6.1 MAILERS): console in development, a file folder with EMAIL_FILE_PATH,
# SMTP when EMAIL_HOST is set.
if env("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST"),
                "port": int(env("EMAIL_PORT", "587")),
                "username": env("EMAIL_HOST_USER", ""),
                "password": env("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
elif env("EMAIL_FILE_PATH"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env("EMAIL_FILE_PATH")},
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON in, JSON out; a view that takes file uploads adds MultiPartParser itself.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_PAGINATION_CLASS": "congress.core.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "congress.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "congress.core.api.MemberRateThrottle",
    ],
    # The client behind TRUSTED_PROXY_COUNT proxies (never the spoofable left of X-Forwarded-For).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "120/minute"),
        "user": env("API_THROTTLE_USER", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Congrès national des Solidarités API",
    "DESCRIPTION": "Editions, tracks, venues, organisations, registrations, proposals and programme.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "congress.core.openapi.add_error_responses",
    ],
}

# Content Security Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Largest request body outside file uploads (JSON, forms); more gets a 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(env("DATA_UPLOAD_MAX_MEMORY_SIZE", str(1024 * 1024)))

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The health check answers plain HTTP (the load balancer probes the backend directly).
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    # Both bind other sites of the domain (and, for preload, browsers for months): opt in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # check --deploy warns when they are off: off is a decision here, documented in README.md.
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]

# Stripe (card payments). Without keys, card payment is shown as unavailable.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")  # only for tests against a local fake
DEMO_SITE = env_bool("DEMO_SITE", False)  # demo data loaded (scripts/serve.sh): a banner says so

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# Absolute address of the site, used in emails.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# Unpaid card orders release their places after this delay (manage.py expire_orders). Stripe
# keeps a Checkout page open at least 30 minutes: the order then holds its places that long.
ORDER_PAYMENT_DELAY_MINUTES = int(env("ORDER_PAYMENT_DELAY_MINUTES", "30"))
# Most people one order may register (larger delegations place several orders).
ORDER_MAX_DELEGATES = int(env("ORDER_MAX_DELEGATES", "50"))
# A place offered from the waitlist is held this long, then passed on.
WAITLIST_OFFER_HOURS = int(env("WAITLIST_OFFER_HOURS", "48"))
STRIPE_MAX_NETWORK_RETRIES = int(env("STRIPE_MAX_NETWORK_RETRIES", "2"))
# Bank details printed on invoices when the edition has none of its own.
BILLING_IBAN = env("BILLING_IBAN", "")
BILLING_BIC = env("BILLING_BIC", "")
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    InvoiceKindEnum="congress.payments.models.InvoiceKind",
    OrganisationKindEnum="congress.organisations.models.OrganisationKind",
)

# Retention of participants' personal data (manage.py purge_personal_data, run daily).
RETENTION_SENSITIVE_DAYS = int(env("RETENTION_SENSITIVE_DAYS", "30"))
RETENTION_PERSONAL_DAYS = int(env("RETENTION_PERSONAL_DAYS", str(3 * 365)))

# Names of the outcomes' choice sets in the API schema.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "CongressStatusEnum": "congress.editions.models.CongressStatus",
    "OutcomeStatusEnum": "proposals.outcomes.models.OutcomeStatus",
    "PolicyStatusEnum": "proposals.outcomes.models.PolicyStatus",
    "FollowUpStatusEnum": "proposals.outcomes.models.FollowUpStatus",
}

# Django's tasks framework with the database backend: `python manage.py db_worker` runs them.
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
REPORT_PDF_SPLIT = env_bool("REPORT_PDF_SPLIT", True)  # final report in parts: reports/pdfsplit.py
REPORT_PDF_WORKERS = int(env("REPORT_PDF_WORKERS", "2"))
# WeasyPrint logs every page it lays out at INFO level; reports/pdf.py listens to it itself.
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})
