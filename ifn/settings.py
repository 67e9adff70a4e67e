"""Settings for the Indonesia Footwear Network directory.

One file, driven by environment variables. Every variable is read through one
of the small helpers below, which stop start-up with one clear sentence naming
the variable when its value cannot be used.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"The environment variable {name} must be 1 or 0 (true or false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"The environment variable {name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_database_url(url: str) -> dict:
    """Turn `postgres://user:password@host:port/name` or `sqlite:///path` into
    a Django DATABASES entry, refusing anything else by name."""
    problem = "The environment variable DATABASE_URL must look like postgres://user:password@host:5432/name"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{problem}; its port is not a number.") from None
    if parts.scheme == "sqlite":
        # sqlite:///relative.sqlite3 and sqlite:////absolute/path.sqlite3
        path = unquote(parts.path)[1:]
        if not path:
            raise ImproperlyConfigured(f"{problem}, or sqlite:///path/to/file.sqlite3; the SQLite path is missing.")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"{problem}; the scheme {parts.scheme!r} is not supported.")
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise ImproperlyConfigured(f"{problem}; the database name is missing.")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        # Keep connections between requests, and check them before reuse so a
        # restarted database costs one failed check rather than an error page.
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
            # JIT compiling costs more than it saves on a web request's queries.
            "options": "-c jit=off",
        },
    }


DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-key-for-local-development-only")
else:
    SECRET_KEY = env_str("SECRET_KEY", "")
    if not SECRET_KEY:
        raise ImproperlyConfigured("The environment variable SECRET_KEY is required when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "import_export",
    "allauth",
    "allauth.account",
    "directory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ifn.urls"
WSGI_APPLICATION = "ifn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": parse_database_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }

# One cache shared by every worker and machine when REDIS_URL is set (facet
# counts are computed once, not once per process); process memory otherwise.
if REDIS_URL := env_str("REDIS_URL", ""):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}

# Whole public pages are cached only in a cache every worker shares: with one
# cache per process, a worker that did not see a change (a listing suspended)
# would keep serving the old page.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", bool(REDIS_URL))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "directory.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first, without a URL prefix; English under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Evidence sent with claims (photos of permits, ID cards): kept outside
# MEDIA_ROOT so that /media/ can never serve it; staff read it through a view.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("The environment variable PRIVATE_MEDIA_ROOT must be a folder outside MEDIA_ROOT.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "directory.storage.PrivateStorage"},
    "staticfiles": {
        # Hashed, compressed names in production; plain files while developing.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Mail: EMAIL_BACKEND picks the backend; the file backend writes each message
# to a file in EMAIL_FILE_PATH, so a tester can read what was sent.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
if EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    MAILER_OPTIONS = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))}
elif EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILER_OPTIONS = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
else:
    MAILER_OPTIONS = {}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": MAILER_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IFN <noreply@localhost>")
# Where businesses write to be listed, shown on the "Daftarkan usaha Anda" page.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "ifn@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address (scheme and host) for links in mail sent outside a
# request: the daily reminders of remind_stale, moderation decisions,
# send_pending_mail retrying an inquiry's messages.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# HTTPS by default in production; SECURE_SSL_REDIRECT=0 serves plain http locally.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes /healthz over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Accounts (django-allauth, account part only). People sign in with their
# email address and must confirm it before they can sign in at all, so every
# signed-in owner has a working address for moderation news and resets.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# The owner dashboard, named so that it is reversed in the language of the
# page: after signing in, and after confirming the address a person signed up with.
LOGIN_REDIRECT_URL = "dashboard:home"
ACCOUNT_ADAPTER = "directory.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "directory.accounts.LoginForm",
    "signup": "directory.accounts.SignupForm",
    "reset_password": "directory.accounts.ResetPasswordForm",
    "reset_password_from_key": "directory.accounts.ResetPasswordKeyForm",
    "change_password": "directory.accounts.ChangePasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "directory:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[IFN] "
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Brute force is slowed without letting anyone lock a real owner out: failed
# sign-ins are counted per address (IP) and per address and account, never
# per account alone, so an attacker's failures from one address do not stop
# the owner signing in from another. Once one account has collected many
# failures from everywhere, each address gets one try a minute on it.
# `directory.accounts.AccountAdapter.pre_authenticate` applies them.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "30/h/key",
    "login_failed_account_under_attack": "1/m/key",
}
# Behind a proxy, the client's address is the last one it adds to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY", False) else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}
