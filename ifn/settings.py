"""Settings for the Indonesia Footwear Network directory.

One file, driven by environment variables. Every variable is read through one
of the small helpers below, which stop start-up with one clear sentence naming
the variable when its value cannot be used.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
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
        # Django's, with a health check that costs no round trip.
        "ENGINE": "ifn.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        # Keep connections between requests, and check them before reuse so a
        # restarted database costs a new connection rather than an error page.
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
            # JIT compiling costs more than it saves on a web request's queries.
            "options": "-c jit=off",
        },
    }


# The profile's query is prepared once per connection (directory.prepared);
# off behind a connection pooler in transaction mode.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)

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
    # First, so that the duration it logs covers every other middleware too.
    "ifn.middleware.RequestLogMiddleware",
    "directory.caching.RequestMemoryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "directory.accounts.admin_language.AdminLanguageMiddleware",
    # Inside authentication, so it knows who is signed in.
    "directory.private_pages.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A code that could not be sent is a message to the person, not an error page.
    "directory.accounts.phone_signin.MessageNotSentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ifn.middleware.PermissionsPolicyMiddleware",
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
                "django.template.context_processors.csp",
                "directory.pages.owner_help.owner_help",
            ],
            # {% url %} remembering the addresses without arguments.
            "builtins": ["directory.templatetags.remembered_urls"],
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

# Two caches, shared by every worker and machine when REDIS_URL is set (facet
# counts are computed once, not once per process); process memory otherwise.
# "default" holds small state that must not vanish early: rate-limit counters,
# the directory's version number, facet counts. "pages" holds whole public
# pages, the bulk of the memory: in the Redis of REDIS_PAGES_URL, which may
# evict as it likes (docs/deploy.md), or beside the rest under its own prefix.
if REDIS_URL := env_str("REDIS_URL", ""):
    CACHES = {
        "default": {"BACKEND": "ifn.cache.RedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "ifn.cache.RedisCache",
            "LOCATION": env_str("REDIS_PAGES_URL", "") or REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
# Sessions live in the database alone, Redis or not: a Redis that is away or
# evicting must neither sign anyone out nor fail their pages, and with one
# copy per worker a sign-out not seen by one would keep the person signed in.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# An imported list waits between its check and its confirmation: with Redis
# it waits there (a day at most), so the confirmation may reach any worker on
# any machine; otherwise in this machine's temporary folder.
if REDIS_URL:
    IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

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
# The project's own strings, then Indonesian for the strings of Django and the
# libraries that their catalogues lack (the first path wins where both have one).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "ifn" / "library_translations"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Evidence sent with claims (photos of permits, ID cards): kept outside
# MEDIA_ROOT so that /media/ can never serve it; staff read it through a view.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("The environment variable PRIVATE_MEDIA_ROOT must be a folder outside MEDIA_ROOT.")

STATICFILES_STORAGE_BACKEND = (
    # Hashed, compressed names in production; plain files while developing.
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env_bool("STATIC_MANIFEST", not DEBUG)
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)

# Uploads live on this machine's disk, or, when AWS_STORAGE_BUCKET_NAME is set,
# in S3-compatible object storage that several app machines share (AWS S3,
# MinIO, Ceph, or an Indonesian cloud's object storage through AWS_S3_ENDPOINT_URL).
if AWS_STORAGE_BUCKET_NAME := env_str("AWS_STORAGE_BUCKET_NAME", ""):
    S3_OPTIONS = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
        "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
        # Keys may also come from the machine's role or ~/.aws, as boto3 finds them.
        "access_key": env_str("AWS_ACCESS_KEY_ID", "") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY", "") or None,
        # A public-read bucket (or a CDN in front of it, AWS_S3_CUSTOM_DOMAIN)
        # gives uploads plain, cacheable addresses; every name is new, never rewritten.
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "max-age=31536000, immutable"},
    }
    # Claim evidence: its own bucket, private, read only through the staff view.
    PRIVATE_S3_OPTIONS = {
        **S3_OPTIONS,
        "bucket_name": env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME"),
        "custom_domain": None,
        "default_acl": "private",
        "object_parameters": {},
    }
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": S3_OPTIONS},
        "private": {"BACKEND": "directory.object_storage.PrivateS3Storage", "OPTIONS": PRIVATE_S3_OPTIONS},
        "staticfiles": {"BACKEND": STATICFILES_STORAGE_BACKEND},
    }
    # Where the browser fetches uploads from, for the Content-Security-Policy:
    # the custom domain, or the endpoint with the bucket in its path or host name.
    if S3_OPTIONS["custom_domain"]:
        MEDIA_ORIGINS = [f"https://{S3_OPTIONS['custom_domain']}"]
    elif S3_OPTIONS["endpoint_url"]:
        endpoint = urlsplit(S3_OPTIONS["endpoint_url"])
        MEDIA_ORIGINS = [f"{endpoint.scheme}://{endpoint.netloc}", f"{endpoint.scheme}://*.{endpoint.netloc}"]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "directory.storage.PrivateStorage"},
        "staticfiles": {"BACKEND": STATICFILES_STORAGE_BACKEND},
    }
    MEDIA_ORIGINS = []
# The site answers /media/ itself on one machine (nginx may serve it first);
# object storage has addresses of its own.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)

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
# BPIPI's helpline on WhatsApp, digits only with the country code (6281234567890),
# shown on /kontak/ when set.
HELPLINE_WHATSAPP = env_str("HELPLINE_WHATSAPP", "")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address (scheme and host) for links in mail sent outside a
# request: the daily reminders of remind_stale, moderation decisions,
# send_pending_mail retrying an inquiry's messages.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# HTTPS by default in production; SECURE_SSL_REDIRECT=0 serves plain http locally.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes /healthz over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Browsers remember for a year to use https only (sent on https responses only).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# In production nginx (or a load balancer) ends TLS and says so in
# X-Forwarded-Proto, which it must set itself, never pass on from the client.
BEHIND_PROXY = env_bool("BEHIND_PROXY", not DEBUG)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only what the pages use: no inline script or style without the page's nonce,
# no plugins, no <base>, no framing. Uploaded images may come from object storage.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Features no page uses, switched off for the page and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

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
ACCOUNT_ADAPTER = "directory.accounts.signin.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "directory.accounts.signin.LoginForm",
    "signup": "directory.accounts.signin.SignupForm",
    "reset_password": "directory.accounts.signin.ResetPasswordForm",
    "reset_password_from_key": "directory.accounts.signin.ResetPasswordKeyForm",
    "change_password": "directory.accounts.signin.ChangePasswordForm",
    "set_password": "directory.accounts.signin.SetPasswordForm",
    "request_login_code": "directory.accounts.phone_signin.RequestLoginCodeForm",
    "confirm_login_code": "directory.accounts.phone_signin.ConfirmLoginCodeForm",
    "verify_phone": "directory.accounts.phone_signin.VerifyPhoneForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
# The sign-up form asks for an email address and a password; signing up with
# a WhatsApp number has its own page (accounts.phone_signin.PhoneSignupView).
# "phone" (optional) gives allauth's pages to confirm and change a number.
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
# Changing the email address (where password resets go) asks for the password
# again unless the person typed it in the last five minutes; that check is
# throttled like sign-in (AccountAdapter.reauthenticate).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_REDIRECT_URL = "directory:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[IFN] "
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Brute force is slowed without letting anyone lock a real owner out: failed
# sign-ins are counted per address (IP) and per address and account, never
# per account alone, so an attacker's failures from one address do not stop
# the owner signing in from another. Once one account has collected many
# failures from everywhere, each address gets one try a minute on it.
# `directory.accounts.signin.AccountAdapter.pre_authenticate` applies them.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "30/h/key",
    "login_failed_account_under_attack": "1/m/key",
}
# Signing up and in with a WhatsApp number: a one-time code is sent to the
# number (directory.messaging); a number is stored as +62… and proven by
# typing the code back. A proven number counts as a confirmed address for
# signing in (accounts.phone_signin.EmailOrPhoneVerificationStage), so an
# owner who signed up with a number may add an email address later, or never.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 5 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 10 * 60
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 3
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
# Six digits: typed on a phone's number pad, and accepted in the copy-code
# button of a WhatsApp authentication template.
ACCOUNT_LOGIN_BY_CODE_FORMAT = ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "dashed": False, "length": 6}
# Every code costs a message: counted per number ("key") and per network ("ip").
ACCOUNT_RATE_LIMITS |= {
    "request_login_code": "10/m/ip,1/m/key,5/h/key",
    "verify_phone": "1/m/key,5/h/key,5/m/ip",
    "change_phone": "1/m/user,5/h/user",
    "signup": "10/m/ip",
}

# Messages to a phone number (sign-in codes). OTP_SENDER chooses the sender:
# "file" writes each message to MESSAGES_FILE_PATH (development, tests),
# "whatsapp" uses the WhatsApp Business Platform's Cloud API with an approved
# authentication template, "sms" posts to an SMS gateway.
OTP_SENDER = env_str("OTP_SENDER", "file")
if OTP_SENDER not in {"file", "whatsapp", "sms"}:
    raise ImproperlyConfigured(
        f"The environment variable OTP_SENDER must be file, whatsapp or sms, not {OTP_SENDER!r}."
    )
MESSAGES_FILE_PATH = env_str("MESSAGES_FILE_PATH", str(BASE_DIR / "var" / "messages"))
MESSAGES_TIMEOUT = env_int("MESSAGES_TIMEOUT", 10)
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com/v23.0")
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN", "" if OTP_SENDER != "whatsapp" else None)
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID", "" if OTP_SENDER != "whatsapp" else None)
WHATSAPP_TEMPLATE = env_str("WHATSAPP_TEMPLATE", "" if OTP_SENDER != "whatsapp" else None)
WHATSAPP_LANGUAGE = env_str("WHATSAPP_LANGUAGE", "id")
# An approved utility template with one body parameter, for notices to owners
# without an email address (a listing published...); none: no such notices.
WHATSAPP_NOTICE_TEMPLATE = env_str("WHATSAPP_NOTICE_TEMPLATE", "")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "" if OTP_SENDER != "sms" else None)
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "" if OTP_SENDER != "sms" else None)

# Behind a proxy, the client's address is the last one it adds to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)

# One JSON object a line on standard output, for journald or a log collector;
# plain text while developing, for people reading a terminal.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"The environment variable LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ifn.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # ifn.request logs every request once, with its duration; django.request
        # would log errors a second time, without it. Tracebacks still come through.
        "django.request": {"level": "ERROR"},
    },
}
