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
    assert database["ENGINE"] == "django.db.backends.postgresql"
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


def start(**env):
    """Start Django in a fresh process with these variables (None removes one)."""
    # pytest-django exports DJANGO_SETTINGS_MODULE; drop it so the command chooses, as manage.py does.
    environment = {key: value for key, value in os.environ.items() if key not in {*env, "DJANGO_SETTINGS_MODULE"}}
    environment.update({key: value for key, value in env.items() if value is not None})
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


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
