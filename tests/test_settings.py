import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ifn.settings import env_bool, env_int, env_list, env_str, parse_database_url

ROOT = Path(__file__).resolve().parent.parent
# Settings errors surface at django.setup(), as they would under gunicorn or manage.py.
SETUP = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ifn.settings'); django.setup()"


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("", False)])
def test_it_reads_booleans(monkeypatch, value, expected):
    monkeypatch.setenv("IFN_FLAG", value)
    assert env_bool("IFN_FLAG", not expected) is expected


def test_it_rejects_a_boolean_it_cannot_read(monkeypatch):
    monkeypatch.setenv("IFN_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="IFN_FLAG"):
        env_bool("IFN_FLAG", False)


def test_it_reads_whole_numbers_and_rejects_others(monkeypatch):
    monkeypatch.delenv("IFN_NUMBER", raising=False)
    assert env_int("IFN_NUMBER", 7) == 7
    monkeypatch.setenv("IFN_NUMBER", "42")
    assert env_int("IFN_NUMBER", 0) == 42
    monkeypatch.setenv("IFN_NUMBER", "4.2")
    with pytest.raises(ImproperlyConfigured, match="IFN_NUMBER"):
        env_int("IFN_NUMBER", 0)


def test_it_reads_lists_and_defaults(monkeypatch):
    monkeypatch.delenv("IFN_LIST", raising=False)
    assert env_list("IFN_LIST", ["a"]) == ["a"]
    monkeypatch.setenv("IFN_LIST", " ifn.example.id, www.ifn.example.id ,")
    assert env_list("IFN_LIST", []) == ["ifn.example.id", "www.ifn.example.id"]


def test_it_reads_strings_and_requires_those_without_default(monkeypatch):
    monkeypatch.delenv("IFN_REQUIRED", raising=False)
    assert env_str("IFN_REQUIRED", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match="IFN_REQUIRED"):
        env_str("IFN_REQUIRED")
    monkeypatch.setenv("IFN_REQUIRED", "set")
    assert env_str("IFN_REQUIRED") == "set"


def test_it_parses_a_postgresql_url(monkeypatch):
    monkeypatch.delenv("DATABASE_CONN_MAX_AGE", raising=False)
    database = parse_database_url("postgres://user:pw@host:5432/name")
    assert database["ENGINE"] == "ifn.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("name", "user", "pw")
    assert (database["HOST"], database["PORT"]) == ("host", "5432")
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0


def test_it_decodes_escaped_characters_in_a_database_url():
    database = parse_database_url("postgresql://ifn:s%40cret%2F1@db.internal/ifn_prod")
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("ifn_prod", "ifn", "s@cret/1")
    assert database["PORT"] == ""


def test_it_parses_a_sqlite_url():
    assert parse_database_url("sqlite:////var/lib/ifn/db.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/var/lib/ifn/db.sqlite3",
    }


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/ifn", "postgres://host:notaport/db", "postgres://host/", "nonsense", "sqlite://"]
)
def test_it_rejects_a_database_url_it_cannot_use(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url(url)


def environment_with(env: dict) -> dict:
    """This process's environment changed by `env` (None removes a variable)."""
    # pytest-django exports DJANGO_SETTINGS_MODULE; drop it so the command chooses, as manage.py does.
    environment = {key: value for key, value in os.environ.items() if key not in {*env, "DJANGO_SETTINGS_MODULE"}}
    environment.update({key: value for key, value in env.items() if value is not None})
    return environment


def run(command: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=environment_with(env), capture_output=True, text=True, timeout=120)


def start(**env):
    """Start Django in a fresh process with these variables (None removes one)."""
    return run([sys.executable, "-c", SETUP], env)


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = start(DEBUG=None, SECRET_KEY=None)
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY is required when DEBUG is off." in result.stderr


def test_it_refuses_to_start_with_a_malformed_database_url():
    result = start(DEBUG=None, SECRET_KEY="k", DATABASE_URL="mysql://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_it_refuses_to_start_with_an_unreadable_debug_flag():
    result = start(DEBUG="maybe", SECRET_KEY="k")
    assert result.returncode != 0
    assert "The environment variable DEBUG must be 1 or 0" in result.stderr


def test_it_starts_in_development_without_a_secret_key():
    result = start(DEBUG="1", SECRET_KEY=None, DATABASE_URL=None)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("private", ["/srv/ifn/media", "/srv/ifn/media/private"])
def test_it_refuses_to_keep_private_files_where_media_is_served(private):
    result = start(SECRET_KEY="k", MEDIA_ROOT="/srv/ifn/media", PRIVATE_MEDIA_ROOT=private)
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT must be a folder outside MEDIA_ROOT" in result.stderr


def test_it_keeps_private_files_beside_media():
    result = start(SECRET_KEY="k", MEDIA_ROOT="/srv/ifn/media", PRIVATE_MEDIA_ROOT="/srv/ifn/private")
    assert result.returncode == 0, result.stderr


# Production: DEBUG off, a real key, the host, and nothing that relaxes security.
PRODUCTION = {
    "DEBUG": None,
    "SECRET_KEY": "x7Kq2-production-like-key-for-the-deploy-check-0123456789abcdefgh",
    "ALLOWED_HOSTS": "ifn.example.id",
    "CSRF_TRUSTED_ORIGINS": "https://ifn.example.id",
    "SECURE_SSL_REDIRECT": None,
    "SECURE_COOKIES": None,
    "BEHIND_PROXY": None,
    "SECURE_HSTS_SECONDS": None,
    "REDIS_URL": None,
    "AWS_STORAGE_BUCKET_NAME": None,
    "DATABASE_URL": None,
    # Set by the browser tests' fixture in this process; never in production.
    "DJANGO_ALLOW_ASYNC_UNSAFE": None,
}


def settings_of(*names, **env):
    """The values of these settings in a fresh process started with `env`."""
    script = f"{SETUP}; import json; from django.conf import settings; " + (
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {list(names)!r}}}, default=str))"
    )
    result = run([sys.executable, "-c", script], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_passes_the_deployment_checks_in_production():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_turns_https_on_when_debug_is_off():
    values = settings_of(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        **PRODUCTION,
    )
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_it_leaves_https_off_in_development():
    values = settings_of(
        "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER", DEBUG="1"
    )
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_it_keeps_cache_in_redis_and_sessions_in_the_database_when_configured():
    values = settings_of(
        "CACHES",
        "SESSION_ENGINE",
        "IMPORT_EXPORT_TMP_STORAGE_CLASS",
        **PRODUCTION | {"REDIS_URL": "redis://127.0.0.1:6379/9"},
    )
    assert values["CACHES"]["default"]["BACKEND"] == "ifn.cache.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/9"
    # Whole pages beside the limits, under their own prefix, unless they have a Redis of their own.
    assert values["CACHES"]["pages"] == {
        "BACKEND": "ifn.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/9",
        "KEY_PREFIX": "pages",
    }
    # A Redis away or evicting signs nobody out and fails no signed-in page.
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    # An imported list waiting for confirmation is found by every machine.
    assert values["IMPORT_EXPORT_TMP_STORAGE_CLASS"] == "import_export.tmp_storages.CacheStorage"


def test_it_keeps_pages_in_their_own_redis_when_given_one():
    values = settings_of(
        "CACHES",
        **PRODUCTION | {"REDIS_URL": "redis://10.0.0.22:6379/0", "REDIS_PAGES_URL": "redis://10.0.0.23:6379/0"},
    )
    assert values["CACHES"]["default"]["LOCATION"] == "redis://10.0.0.22:6379/0"
    assert values["CACHES"]["pages"]["LOCATION"] == "redis://10.0.0.23:6379/0"


def test_it_keeps_cache_in_memory_and_sessions_in_the_database_without_redis():
    values = settings_of("CACHES", "SESSION_ENGINE", "IMPORT_EXPORT_TMP_STORAGE_CLASS", **PRODUCTION)
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["CACHES"]["pages"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert values["IMPORT_EXPORT_TMP_STORAGE_CLASS"] is None


def test_it_stores_uploads_on_disk_and_serves_them_by_default():
    values = settings_of("STORAGES", "SERVE_MEDIA", **PRODUCTION)
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["STORAGES"]["private"]["BACKEND"] == "directory.storage.PrivateStorage"
    assert values["SERVE_MEDIA"] is True


S3 = {
    "AWS_STORAGE_BUCKET_NAME": "ifn-media",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": "ifn-private",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.id",
    "AWS_ACCESS_KEY_ID": "key-id",
    "AWS_SECRET_ACCESS_KEY": "secret",
}


def test_it_stores_uploads_in_object_storage_when_configured():
    # Building a storage and an address needs no network: nothing is uploaded here.
    script = (
        f"{SETUP}; import json; from django.conf import settings; from django.core.files.storage import storages;"
        " from directory.storage import PrivateFiles;"
        " print(json.dumps({'default': type(storages['default']).__name__, 'bucket': storages['default'].bucket_name,"
        " 'private': isinstance(storages['private'], PrivateFiles), 'private_bucket': storages['private'].bucket_name,"
        " 'url': storages['default'].url('logos/a-256.webp'), 'serve': settings.SERVE_MEDIA,"
        " 'img_src': settings.SECURE_CSP['img-src']}))"
    )
    result = run([sys.executable, "-c", script], PRODUCTION | S3)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["default"] == "S3Storage"
    assert values["bucket"] == "ifn-media"
    assert values["private"] is True
    assert values["private_bucket"] == "ifn-private"
    assert values["url"].startswith("https://")
    assert "s3.example.id" in values["url"]
    assert "logos/a-256.webp" in values["url"]
    assert "Signature" not in values["url"]
    # The site stops answering /media/, and pages may show images from the bucket.
    assert values["serve"] is False
    assert "https://s3.example.id" in values["img_src"]


def test_it_refuses_object_storage_without_a_private_bucket():
    result = start(**PRODUCTION | S3 | {"AWS_PRIVATE_STORAGE_BUCKET_NAME": None})
    assert result.returncode != 0
    assert "AWS_PRIVATE_STORAGE_BUCKET_NAME" in result.stderr


def test_it_refuses_a_log_format_it_does_not_know():
    result = start(**PRODUCTION | {"LOG_FORMAT": "xml"})
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr
