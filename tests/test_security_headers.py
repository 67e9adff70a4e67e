"""The headers every page carries in production: a Content-Security-Policy
with a fresh nonce per response, and the rest of the browser's protections."""

import re

import pytest

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


def policy(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return dict(directives)


def script_nonces(response) -> list[str]:
    return re.findall(r'<script[^>]*\snonce="([^"]+)"', response.text)


def assert_protected(response):
    csp = policy(response)
    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp["script-src"]
    assert "unsafe-inline" not in csp["style-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment"]:
        assert f"{feature}=()" in permissions


def test_it_protects_a_public_page(client, make_business):
    make_business()
    assert_protected(client.get("/"))


def test_it_protects_the_admin(client, superuser):
    assert_protected(client.get("/admin/login/"))
    client.force_login(superuser)
    assert_protected(client.get("/admin/"))


def test_it_tells_browsers_to_keep_to_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_it_gives_every_response_its_own_nonce_matching_its_scripts(client, make_business):
    business = make_business()
    first = client.get(business.get_absolute_url())
    second = client.get(business.get_absolute_url())
    nonces = []
    for response in (first, second):
        (header_nonce,) = NONCE.findall(policy(response)["script-src"])
        assert script_nonces(response) == [header_nonce]  # the JSON-LD block
        nonces.append(header_nonce)
    assert nonces[0] != nonces[1]


def test_it_gives_a_page_from_the_cache_a_fresh_nonce(client, make_business, settings, django_assert_num_queries):
    settings.PUBLIC_PAGE_CACHE = True
    business = make_business()
    first = client.get(business.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(business.get_absolute_url())
    (first_nonce,) = NONCE.findall(policy(first)["script-src"])
    (second_nonce,) = NONCE.findall(policy(second)["script-src"])
    assert first_nonce != second_nonce
    assert script_nonces(second) == [second_nonce]
    assert second.text.replace(second_nonce, first_nonce) == first.text


def test_it_gives_the_admins_scripts_the_nonce(client, superuser, make_business):
    make_business()
    client.force_login(superuser)
    response = client.get("/admin/directory/business/")
    (header_nonce,) = NONCE.findall(policy(response)["script-src"])
    nonces = script_nonces(response)
    assert nonces
    assert set(nonces) == {header_nonce}


def test_it_writes_no_inline_style_on_the_admins_front_page(client, superuser, make_business):
    make_business()
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "style=" not in response.text
    assert "<style>" not in response.text
