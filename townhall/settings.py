"""Townhall settings: read once, from TOWNHALL_* environment variables only.

Every variable is documented in docs/configuration.md next to its default.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from townhall.core.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent

ENVIRONMENT = env_choice("TOWNHALL_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("TOWNHALL_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("TOWNHALL_DEBUG must be false when TOWNHALL_ENV=production")

DATA_DIR = Path(env_str("TOWNHALL_DATA_DIR", str(BASE_DIR / "var"))).resolve()


def _development_secret_key() -> str:
    # Outside production a key is made once per installation and kept beside
    # the database, so sessions survive restarts and no key lives in the code.
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key)
        return key
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"TOWNHALL_DATA_DIR: cannot write {path} ({exc.strerror})"
        ) from None


SECRET_KEY = (
    env_str("TOWNHALL_SECRET_KEY", required=True)
    if PRODUCTION
    else env_str("TOWNHALL_SECRET_KEY", "") or _development_secret_key()
)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("TOWNHALL_SECRET_KEY must be at least 50 characters long")

ALLOWED_HOSTS = env_list(
    "TOWNHALL_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("TOWNHALL_ALLOWED_HOSTS must be set when TOWNHALL_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("TOWNHALL_CSRF_TRUSTED_ORIGINS", [])

CITY_NAME = env_str("TOWNHALL_CITY_NAME", "Riverside")
# Empty means "<city> Council services" in each person's language.
SERVICE_NAME = env_str("TOWNHALL_SERVICE_NAME", "")
DEMO_EMAIL_DOMAIN = env_str("TOWNHALL_DEMO_EMAIL_DOMAIN", f"{CITY_NAME.lower()}.example")
SITE_URL = env_str("TOWNHALL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CONTACT_EMAIL = env_str("TOWNHALL_CONTACT_EMAIL", f"help@{DEMO_EMAIL_DOMAIN}")
CONTACT_PHONE = env_str("TOWNHALL_CONTACT_PHONE", "+1 555 0100")
PHASE = env_choice("TOWNHALL_PHASE", "beta", ("alpha", "beta", "live"))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "townhall.core",
    "townhall.accounts",
    "townhall.ledger",
    "townhall.privacy",
    "townhall.catalog",
    "townhall.cases",
    "townhall.records",
    "townhall.notify",
    "townhall.engagement",
    "townhall.safety",
    "townhall.analytics",
    "townhall.assistant",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "townhall.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "townhall.urls"
WSGI_APPLICATION = "townhall.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "townhall.core.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env_str("TOWNHALL_DATABASE_URL", f"sqlite:///{DATA_DIR / 'townhall.sqlite3'}")
try:
    _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60)
except (ValueError, KeyError) as exc:
    raise ImproperlyConfigured(f"TOWNHALL_DATABASE_URL is not a database URL ({exc})") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        # WAL lets readers work while one writer commits; IMMEDIATE takes the
        # write lock at BEGIN so concurrent writers queue instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too, so they exercise WAL and concurrent writers as
    # production does (an in-memory database fails concurrent writers at once).
    # One file per process, so parallel test runs never share a database.
    _database["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"townhall-test-{os.getpid()}.sqlite3")
    }
    if _database["NAME"] not in ("", ":memory:"):
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif _database["ENGINE"] not in ("django.db.backends.postgresql",):
    raise ImproperlyConfigured(
        f"TOWNHALL_DATABASE_URL must be a sqlite:// or postgres:// URL, not {_database['ENGINE']}"
    )
# Connections are kept between requests (for up to CONN_MAX_AGE seconds), on
# SQLite too: opening one and running its pragmas costs more than a page's
# queries. The health check replaces a connection the server has dropped.
_database["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The layout's {% cache %} fragments (core/base.html): words and links that
    # depend on the language only. Kept in each process, so that one release
    # never serves a fragment rendered by another.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "townhall-template-fragments",
        "TIMEOUT": None,
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
OTP_TOTP_ISSUER = SERVICE_NAME or f"{CITY_NAME} Council"

AXES_FAILURE_LIMIT = env_int("TOWNHALL_SIGNIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("TOWNHALL_SIGNIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("TOWNHALL_PROXY_COUNT", 0, minimum=0)

LANGUAGE_CODE = env_choice("TOWNHALL_LANGUAGE", "en", ("en", "es", "fr"))
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
LANGUAGE_COOKIE_NAME = "townhall_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TOWNHALL_TIME_ZONE", "UTC")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(
        f"TOWNHALL_TIME_ZONE must be an IANA time zone like Europe/Madrid, not {TIME_ZONE!r}"
    )
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
if not PRODUCTION:
    # WhiteNoise expects the folder even when it serves from the apps.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("TOWNHALL_MEDIA_DIR", str(DATA_DIR / "media")))
# Uploaded documents hold personal data: readable by the service account only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
UPLOAD_MAX_MB = env_int("TOWNHALL_UPLOAD_MAX_MB", 20, minimum=1)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production static files are served straight from the apps, so a
# checkout runs without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS[
    env_choice(
        "TOWNHALL_EMAIL_BACKEND", "smtp" if PRODUCTION else "console", tuple(_EMAIL_BACKENDS)
    )
]
EMAIL_HOST = env_str("TOWNHALL_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TOWNHALL_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("TOWNHALL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("TOWNHALL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TOWNHALL_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 15
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("TOWNHALL_DEFAULT_FROM_EMAIL", f"no-reply@{DEMO_EMAIL_DOMAIN}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS_BACKEND = env_choice("TOWNHALL_TASKS_BACKEND", "immediate", ("immediate", "database", "rq"))
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
        }[TASKS_BACKEND]
    }
}
# RQ workers take tasks from Redis (docs/notify.md); read only when chosen, so
# one machine without Redis never needs the variable.
REDIS_URL = env_str("TOWNHALL_REDIS_URL", "redis://127.0.0.1:6379/0")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"token": "20/minute"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Townhall API",
    "DESCRIPTION": "Public-services platform API: services, applications, cases.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SESSION_COOKIE_NAME = "townhall_session"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "townhall_csrf"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("TOWNHALL_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("TOWNHALL_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("TOWNHALL_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TOWNHALL_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("TOWNHALL_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("TOWNHALL_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
    # WeasyPrint logs every step of every PDF letter at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# --- Ledger ---
# The transparency log (townhall/ledger, docs/ledger.md). The signing key lives
# only in LEDGER_KEY_FILE, never in the database, so a database dump cannot
# forge checkpoints.
from townhall.core.env import env_float  # noqa: E402 - kept inside the ledger block

LEDGER_ORIGIN = env_str(
    "TOWNHALL_LEDGER_ORIGIN", SITE_URL.split("://", 1)[-1].split("/", 1)[0] + "/ledger"
)
if not LEDGER_ORIGIN or any(c.isspace() or c == "+" for c in LEDGER_ORIGIN):
    raise ImproperlyConfigured("TOWNHALL_LEDGER_ORIGIN must not be empty or contain spaces or '+'")
LEDGER_KEY_FILE = Path(env_str("TOWNHALL_LEDGER_KEY_FILE", str(DATA_DIR / "ledger-signing.key")))
LEDGER_CHECKPOINT_INTERVAL = env_float("TOWNHALL_LEDGER_CHECKPOINT_INTERVAL", 2.0, minimum=0)
LEDGER_WITNESS_KEYS = env_list("TOWNHALL_LEDGER_WITNESS_KEYS", [])
# --- end Ledger ---

# --- Privacy ---
# Keys that encrypt personal data at rest (townhall/privacy, docs/privacy.md).
# Never in the database: a copy of the database without this file is unreadable.
DATA_KEY_FILE = Path(env_str("TOWNHALL_DATA_KEY_FILE", str(DATA_DIR / "data-keys.json")))
# --- end Privacy ---

# --- Records ---
# Digitised records (townhall/records, docs/records.md). TOWNHALL_STORAGE=s3
# moves every stored file (records and case documents) to an S3-compatible
# bucket through django-storages; the filesystem under MEDIA_ROOT otherwise.
RECORDS_MAX_MB = env_int("TOWNHALL_RECORDS_MAX_MB", 100, minimum=1)
RECORDS_OCR_LANGUAGES = env_str("TOWNHALL_RECORDS_OCR_LANGUAGES", "eng")
if not all(part.replace("_", "").isalnum() for part in RECORDS_OCR_LANGUAGES.split("+")):
    raise ImproperlyConfigured(
        "TOWNHALL_RECORDS_OCR_LANGUAGES must be Tesseract language codes joined by '+', "
        f"like eng+spa, not {RECORDS_OCR_LANGUAGES!r}"
    )
if env_choice("TOWNHALL_STORAGE", "filesystem", ("filesystem", "s3")) == "s3":
    import importlib.util  # noqa: E402 - only when S3 is asked for

    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "TOWNHALL_STORAGE=s3 needs django-storages: pip install 'townhall[s3]'"
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("TOWNHALL_S3_BUCKET", required=True),
            "endpoint_url": env_str("TOWNHALL_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("TOWNHALL_S3_REGION", "") or None,
            "access_key": env_str("TOWNHALL_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("TOWNHALL_S3_SECRET_ACCESS_KEY", "") or None,
            # Documents hold personal data: never public, links that expire.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# --- end Records ---

# --- Notify ---
# Email, SMS and in-app messages (townhall/notify, docs/notify.md).
SMS_PROVIDER = env_choice("TOWNHALL_SMS_PROVIDER", "logging", ("logging",))
NOTIFY_MAX_ATTEMPTS = env_int("TOWNHALL_NOTIFY_MAX_ATTEMPTS", 6, minimum=1)
NOTIFY_RETRY_SECONDS = env_int("TOWNHALL_NOTIFY_RETRY_SECONDS", 60, minimum=1)
NOTIFY_LEASE_SECONDS = env_int("TOWNHALL_NOTIFY_LEASE_SECONDS", 300, minimum=30)
NOTIFY_SWEEP_SECONDS = env_int("TOWNHALL_NOTIFY_SWEEP_SECONDS", 30, minimum=1)
# --- end Notify ---

# --- Cases ---
# Decision time targets (townhall/cases/sla.py, docs/cases.md): due dates count
# working days, skipping weekends and these public holidays.
from datetime import date as _date  # noqa: E402 - kept inside the cases block

PUBLIC_HOLIDAYS: list[_date] = []
for _holiday in env_list("TOWNHALL_PUBLIC_HOLIDAYS", []):
    try:
        PUBLIC_HOLIDAYS.append(_date.fromisoformat(_holiday))
    except ValueError:
        raise ImproperlyConfigured(
            "TOWNHALL_PUBLIC_HOLIDAYS must be dates like 2026-12-25 separated by commas, "
            f"not {_holiday!r}"
        ) from None
SLA_AT_RISK_DAYS = env_int("TOWNHALL_SLA_AT_RISK_DAYS", 3, minimum=0)
# --- end Cases ---

# --- Assistant (townhall/assistant, docs/assistant.md) ---
# An OpenAI-compatible chat endpoint that only rephrases retrieved guidance; empty = off.
ASSISTANT_LLM_URL = env_str("TOWNHALL_LLM_URL", "")
ASSISTANT_LLM_MODEL = env_str("TOWNHALL_LLM_MODEL", "llama3.2")
ASSISTANT_RETENTION_DAYS = env_int("TOWNHALL_ASSISTANT_RETENTION_DAYS", 30, minimum=1)
# --- end Assistant ---

# --- Analytics (townhall/analytics, docs/analytics.md) ---
# Public performance pages withhold any figure resting on fewer people than this.
ANALYTICS_MIN_COUNT = env_int("TOWNHALL_ANALYTICS_MIN_COUNT", 10, minimum=1)
# --- end Analytics ---

# --- Safety (townhall/safety, docs/safety.md) ---
# The city's map (boundary, districts, river, roads) as GeoJSON; empty = the bundled demo city.
CITY_GEOJSON = env_str("TOWNHALL_CITY_GEOJSON", "")
# The MQTT broker `townhall safety mqtt` subscribes to (mqtt://user:password@host:port)
# and the topic filter it subscribes to; the sensor id may also come from the topic.
SAFETY_MQTT_URL = env_str("TOWNHALL_MQTT_URL", "mqtt://127.0.0.1:1883")
SAFETY_MQTT_TOPIC = env_str("TOWNHALL_MQTT_TOPIC", "townhall/sensors/+/readings")
# Raw readings are kept this many days, then folded into hourly summaries.
SAFETY_RAW_DAYS = env_int("TOWNHALL_SAFETY_RAW_DAYS", 90, minimum=1)
# An alert joins an open incident of the same type in the same area when that
# incident's last alert is at most this many minutes old.
SAFETY_INCIDENT_MERGE_MINUTES = env_int("TOWNHALL_SAFETY_INCIDENT_MERGE_MINUTES", 120, minimum=1)
# The most readings one HTTP or MQTT batch may carry.
SAFETY_MAX_BATCH = env_int("TOWNHALL_SAFETY_MAX_BATCH", 10_000, minimum=1)
# --- end Safety ---
