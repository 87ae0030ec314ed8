"""Settings for the site, read from the environment.

Local use needs nothing set. A production server (DEBUG off, HTTPS on) must set SECRET_KEY and
ALLOWED_HOSTS; `.env.example` documents every variable.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", False)
# HTTPS decides the transport-security settings: on by default when DEBUG is off, so a production
# server cannot forget them; `make run` turns it off to serve plain HTTP on 127.0.0.1.
HTTPS = env_bool("HTTPS", not DEBUG)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string (see .env.example), "
            "or set DEBUG=true for local development."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "Kratom Help")
# Blank: "the <SITE_NAME> editorial team", in the language of each page.
PUBLISHER = os.environ.get("PUBLISHER", "")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
# A neutral site for the "Exit this page" control.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.weather.gov/")

INSTALLED_APPS = [
    # Django's admin on the site's own admin site: second factor, editorial queues (staff.sites).
    "staff.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "csp",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "staff",
    "articles",
    "assessment",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A stored content page is answered here, before the rest of the stack runs (articles.cache).
    "articles.cache.PageCacheMiddleware",
    # Every admin response: no-store and noindex.
    "staff.middleware.AdminHeadersMiddleware",
    "relay_site.middleware.PathLanguageMiddleware",
    "relay_site.middleware.RequestSizeLimitMiddleware",
    "relay_site.middleware.PermissionsPolicyMiddleware",
    "relay_site.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Below CSRF, so that it sees whether the page used a token (see the class).
    "relay_site.middleware.PrivateFormPagesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "relay_site.middleware.DatabaseUnavailableMiddleware",
    # Turns a locked-out sign-in into the lockout page; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "relay_site.urls"
WSGI_APPLICATION = "relay_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "relay_site.context_processors.site",
                "relay_site.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        # Off by default: checking a kept connection costs a query per request (about a tenth of a
        # self-check submission on PostgreSQL). Without it, the first request a worker serves after a
        # database restart gets the 503 page, and the worker reconnects for the next one.
        conn_health_checks=env_bool("DB_HEALTH_CHECKS", False),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a write (an admin edit, a self-check count) is in flight.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "relay",
            "TIMEOUT": 60 * 60 * 24,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Content pages tell a shared cache in front (an nginx edge, a CDN) that it may keep them this long, then
# serve them stale this much longer while it fetches a fresh copy: an edit reaches every reader within the
# sum. Browsers always revalidate. Forms, results, plans and the admin are never marked shareable.
EDGE_CACHE_SECONDS = env_int("EDGE_CACHE_SECONDS", 60)
EDGE_STALE_SECONDS = env_int("EDGE_STALE_SECONDS", 60)

# The admin (README, "Securing the admin"). Its address, with a trailing slash: a less obvious one turns away
# scripted guessing, but it is no secret (the pages still say noindex, and deploy/nginx.conf bypasses /admin/).
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip().strip("/") + "/"
if ADMIN_URL == "/" or not re.fullmatch(r"[A-Za-z0-9._~/-]+/", ADMIN_URL):
    raise ImproperlyConfigured(f"ADMIN_URL must be a path such as admin/ or staff-7f3a/, not {ADMIN_URL!r}.")
# Staff sign in with a password and a code from an authenticator app (django-otp, time-based codes); on by
# default whenever DEBUG is off. `manage.py enrol_totp USERNAME` sets up an account's app.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # never show a device's key or QR code in the admin
# Lockout (django-axes): after this many failed sign-ins in a row, an account and, separately, an address are
# refused for ADMIN_LOCKOUT_MINUTES (0: until `manage.py axes_reset`). A wrong code counts as a failure.
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("ADMIN_LOCKOUT_MINUTES", 30)) or None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/staff_locked_out.html"
AXES_CLIENT_IP_CALLABLE = "staff.addresses.client_address"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "csrfmiddlewaretoken"]
AXES_VERBOSE = False
# Proxies in front that each add the address they saw to X-Forwarded-For (the nginx edge is one; a load
# balancer in front of it makes two). 0: the address connecting to gunicorn is the client's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AUTHENTICATION_BACKENDS = ["staff.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
# Only staff have sessions. Each request renews one; after this many idle minutes it is gone.
SESSION_COOKIE_AGE = env_int("ADMIN_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the site's root, Spanish under /es/: the address alone chooses the language, never the
# browser's Accept-Language or a cookie (relay_site.middleware.PathLanguageMiddleware).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed names never change content, so browsers and CDNs may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Request bodies: the self-check is a dozen short fields; the admin needs a little more.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_BYTES", 1024 * 1024)

CSRF_FAILURE_VIEW = "relay_site.errors.csrf_failure"

CRISPY_TEMPLATE_PACK = "relay"
CRISPY_ALLOWED_TEMPLATE_PACKS = ("relay",)

# Security headers. The policy allows this origin only: no inline script or style, no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=(), payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line for every 4xx and 5xx: method, status and path. Never the query string or the body,
        # so neither search words nor self-check answers reach a log.
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Sign-ins, failures, sign-outs and lockouts, one line each, never a password (staff.signals).
        "staff.signins": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # django-axes repeats those lines; its lockout warnings are enough.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
