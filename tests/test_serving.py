"""How the site is served: gunicorn's configuration and the log lines, one
JSON object each, that the application and gunicorn write."""

import io
import json
import logging
import logging.config
import runpy
import sys
from pathlib import Path

import pytest

from ifn.logs import JsonFormatter

ROOT = Path(__file__).resolve().parent.parent


def test_it_loads_the_gunicorn_configuration(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "ifn.wsgi:application"
    assert config["bind"] == "127.0.0.1:8001"
    assert config["workers"] == 3
    assert config["timeout"] >= 120
    # gunicorn itself accepts every name the file sets.
    from gunicorn.config import Config

    known = Config().settings
    unknown = {name for name in config if not name.startswith("_") and name not in known}
    assert unknown <= {"multiprocessing", "os"}


def test_it_writes_gunicorns_own_messages_as_json():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    logging_config = config["logconfig_dict"]
    stream = io.StringIO()
    logging_config = {
        **logging_config,
        "handlers": {"console": {**logging_config["handlers"]["console"], "stream": stream}},
    }
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        logging.config.dictConfig(logging_config)
        logging.getLogger("gunicorn.error").info("Booting worker with pid: %s", 42)
        logging.getLogger("gunicorn.access").info("GET / 200")  # the application logs requests
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["logger"] == "gunicorn.error"
    assert entry["message"] == "Booting worker with pid: 42"
    assert entry["level"] == "INFO"


def test_it_formats_a_record_as_one_json_line():
    record = logging.LogRecord("ifn.test", logging.WARNING, __file__, 1, "Dipakai %s", ("ulang",), None)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Dipakai ulang"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "ifn.test"
    assert entry["time"].endswith("+00:00")


def test_it_keeps_a_traceback_inside_the_line():
    try:
        raise ValueError("rusak")
    except ValueError:
        record = logging.LogRecord("ifn.test", logging.ERROR, __file__, 1, "gagal", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: rusak" in entry["exception"]


@pytest.mark.django_db
def test_it_logs_each_request_with_method_path_status_and_duration(client, caplog, reference):
    with caplog.at_level(logging.INFO, logger="ifn.request"):
        client.get("/direktori/?q=sepatu+rahasia")
        client.get("/tidak-ada/")
    entries = [json.loads(JsonFormatter().format(record)) for record in caplog.records if record.name == "ifn.request"]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in entries] == [
        ("GET", "/direktori/", 200),
        ("GET", "/tidak-ada/", 404),
    ]
    assert all(entry["duration_ms"] >= 0 for entry in entries)
    # What someone searched for stays out of the logs.
    assert not any("rahasia" in entry["message"] for entry in entries)


@pytest.mark.django_db
def test_it_keeps_the_load_balancers_probes_out_of_the_log(client, caplog):
    with caplog.at_level(logging.INFO, logger="ifn.request"):
        assert client.get("/healthz").status_code == 200
    assert not [record for record in caplog.records if record.name == "ifn.request"]
