"""While Redis is out of reach, public pages come from the database, signed-in
owners keep working, forms whose limits cannot be counted are refused with
the 503 page, and /healthz says so without leaving the balancer."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from ifn.cache import outage
from tests.connect.test_inquiries import BROWSER, form_data

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once.
UNREACHABLE = "redis://127.0.0.1:1/0"
REDIS_DOWN = {
    "default": {"BACKEND": "ifn.cache.RedisCache", "LOCATION": UNREACHABLE},
    "pages": {"BACKEND": "ifn.cache.RedisCache", "LOCATION": UNREACHABLE, "KEY_PREFIX": "pages"},
}


@pytest.fixture
def redis_down():
    with override_settings(CACHES=REDIS_DOWN, PUBLIC_PAGE_CACHE=True):
        yield
    outage.forget()


@pytest.fixture
def visitor(client):
    # As in production: an error becomes the error page instead of being raised in the test.
    client.raise_request_exception = False
    return client


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Maju", slug="sepatu-maju", owner=owner, roles=["brand"])


def public_pages(business) -> list[str]:
    pages = [
        "/",
        "/direktori/",
        "/direktori/?role=brand&q=sepatu",
        business.get_absolute_url(),
        "/sentra/",
        "/statistik/",
        "/kolaborasi/",
        "/sitemap.xml",
        "/sitemap-businesses.xml",
    ]
    return pages + ["/en" + page for page in pages if not page.startswith("/sitemap")]


def test_it_renders_public_pages_from_the_database(visitor, business, redis_down):
    started = time.monotonic()
    for page in public_pages(business):
        response = visitor.get(page)
        assert response.status_code == 200, page
    assert "Sepatu Maju" in visitor.get("/direktori/").text
    # Refused connections cost no waiting, and after the first the cache rests.
    assert time.monotonic() - started < 10


def test_it_keeps_a_signed_in_owner_working(visitor, business, owner, redis_down):
    visitor.force_login(owner)
    for page in ["/dasbor/", "/dasbor/pesan/", "/dasbor/pesan-terkirim/", f"/dasbor/usaha/{business.pk}/produk/"]:
        assert visitor.get(page).status_code == 200, page
    # Saving a change marks the public pages out of date, in a cache that is away.
    response = visitor.post(f"/dasbor/usaha/{business.pk}/konfirmasi/")
    assert response.status_code in (200, 302)
    assert visitor.get(business.get_absolute_url()).status_code == 200


def test_it_refuses_a_sign_in_it_cannot_count(visitor, owner, redis_down):
    response = visitor.post("/akun/login/", {"login": owner.email, "password": "wrong password"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sebentar lagi kembali" in response.text


def test_it_refuses_a_message_it_cannot_count(visitor, business, redis_down):
    response = visitor.post(
        reverse("directory:inquiry_new", args=[business.slug]), form_data(), headers={"user-agent": BROWSER}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Jika Anda sedang mengirim formulir" in response.text


def test_it_reports_the_cache_on_healthz(visitor, redis_down):
    response = visitor.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\ncache: unavailable\n"
