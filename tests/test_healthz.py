from unittest import mock

import pytest
from django.db import OperationalError

from ifn.cache import CacheUnavailable

pytestmark = pytest.mark.django_db


def test_it_answers_ok_after_a_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\ncache: ok\n"
    # A cached "ok" would hide an outage from the load balancer.
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("directory.site.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_it_reports_a_cache_out_of_reach_and_stays_in_the_balancer(client):
    # Without the cache the site is slower, not down: taking every machine
    # out of the balancer would turn that into an outage.
    with mock.patch("django.core.cache.backends.locmem.LocMemCache.get", side_effect=CacheUnavailable):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\ncache: unavailable\n"


def test_it_stays_on_plain_http_for_the_load_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
