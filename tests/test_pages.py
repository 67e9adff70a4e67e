import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_it_serves_the_home_page_in_indonesian_and_english(client, reference):
    indonesian = client.get("/")
    assert indonesian.status_code == 200
    assert '<html lang="id">' in indonesian.text
    assert "Rantai nilai" in indonesian.text
    english = client.get("/en/")
    assert '<html lang="en">' in english.text
    assert "The value chain" in english.text


def test_it_links_to_the_same_page_in_the_other_language(client, make_business):
    business = make_business(slug="sandal-lorosari")
    assert 'href="/en/direktori/sandal-lorosari/"' in client.get("/direktori/sandal-lorosari/").text
    assert 'href="/direktori/sandal-lorosari/"' in client.get("/en/direktori/sandal-lorosari/").text
    assert business


def test_it_offers_a_skip_link_to_the_main_content(client, reference):
    page = client.get("/").text
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page


def test_it_counts_only_published_businesses_on_the_home_page(client, make_business):
    for _ in range(3):
        make_business()
    make_business(status="draft")
    make_business(status="pending")
    assert "3 usaha terdaftar" in client.get("/").text


def test_it_keeps_the_home_page_queries_constant(client, make_business, django_assert_num_queries):
    make_business()
    with django_assert_num_queries(3):
        client.get("/")
    for _ in range(10):
        make_business(roles=["brand", "supplier"])
    with django_assert_num_queries(3):
        client.get("/")


def test_it_shows_a_published_profile(client, make_business, django_assert_num_queries):
    business = make_business(tagline="Sneakers lokal dari Bandung")
    with django_assert_num_queries(1):
        response = client.get(business.get_absolute_url())
    assert response.status_code == 200
    assert "Sneakers lokal dari Bandung" in response.text


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
def test_it_hides_an_unpublished_profile(client, make_business, status):
    business = make_business(status=status, rejection_reason="Foto belum ada." if status == "rejected" else "")
    assert client.get(business.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("path", "text", "home"),
    [("/tidak-ada/", "Halaman tidak ditemukan", "/"), ("/en/nothing/", "Page not found", "/en/")],
)
def test_it_answers_unknown_pages_with_a_friendly_404(client, reference, path, text, home):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.text
    assert 'class="site-header"' in response.text
    assert f'class="button" href="{home}"' in response.text


def test_it_renders_the_500_page_without_a_request():
    with translation.override("id"):
        page = render_to_string("500.html")
    assert "Terjadi kesalahan" in page
    assert "Kembali ke beranda" in page


def test_it_answers_a_crash_with_the_friendly_500_page(reference, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("directory.views.render", crash)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.text
