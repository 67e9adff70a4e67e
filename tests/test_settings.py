import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ifn.settings import env_bool, env_int, env_list, env_str, parse_database_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("", False)])
def test_it_reads_booleans(monkeypatch, value, expected):
    monkeypatch.setenv("IFN_FLAG", value)
    assert env_bool("IFN_FLAG", not expected) is expected


def test_it_rejects_a_boolean_it_cannot_read(monkeypatch):
    monkeypatch.setenv("IFN_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="IFN_FLAG"):
        env_bool("IFN_FLAG", False)


def test_it_reads_whole_numbers_and_rejects_others(monkeypatch):
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


def test_it_requires_a_variable_without_default(monkeypatch):
    monkeypatch.delenv("IFN_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="IFN_REQUIRED"):
        env_str("IFN_REQUIRED")


def test_it_parses_a_postgresql_url():
    database = parse_database_url("postgres://ifn:s%40cret@db.internal:6543/ifn_prod")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("ifn_prod", "ifn", "s@cret")
    assert (database["HOST"], database["PORT"]) == ("db.internal", "6543")
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0


def test_it_parses_a_sqlite_url():
    assert parse_database_url("sqlite:////var/lib/ifn/db.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/var/lib/ifn/db.sqlite3",
    }


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/ifn", "postgres://localhost:notaport/ifn", "postgres://localhost/", "nonsense"]
)
def test_it_rejects_a_database_url_it_cannot_use(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url(url)


def start(**env):
    """Start Django in a fresh process with these variables (None removes one)."""
    environment = {key: value for key, value in os.environ.items() if key not in env}
    environment.update({key: value for key, value in env.items() if value is not None})
    environment["DJANGO_SETTINGS_MODULE"] = "ifn.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
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
    result = start(SECRET_KEY="k", DATABASE_URL="mysql://root@localhost/ifn")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_it_refuses_to_start_with_an_unreadable_debug_flag():
    result = start(DEBUG="maybe", SECRET_KEY="k")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_it_starts_in_development_without_a_secret_key():
    result = start(DEBUG="1", SECRET_KEY=None, DATABASE_URL=None)
    assert result.returncode == 0, result.stderr
