import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db

# Published count, roles with their counts, featured cards, the role names
# and the provinces and regencies the cards name (2), sentra, newest cards:
# the same for 3 businesses as for 10.
HOME_QUERIES = 8


def test_it_serves_the_home_page_in_indonesian_and_english(client, reference):
    indonesian = client.get("/")
    assert indonesian.status_code == 200
    assert '<html lang="id">' in indonesian.text
    assert "Rantai nilai" in indonesian.text
    english = client.get("/en/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert "The value chain" in english.text


def test_it_offers_a_skip_link_to_the_main_content(client, reference):
    page = client.get("/").text
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page


def test_it_links_to_the_same_page_in_the_other_language(client, make_business):
    make_business(slug="sandal-lorosari")
    assert 'href="/en/direktori/sandal-lorosari/"' in client.get("/direktori/sandal-lorosari/").text
    assert 'href="/direktori/sandal-lorosari/"' in client.get("/en/direktori/sandal-lorosari/").text


def test_it_counts_only_published_businesses_on_the_home_page(client, make_business):
    for _ in range(3):
        make_business()
    make_business(status="draft")
    make_business(status="pending")
    assert "3 usaha terdaftar" in client.get("/").text
    assert "3 businesses listed" in client.get("/en/").text


@pytest.mark.parametrize("count", [3, 10])
def test_it_keeps_the_home_page_queries_constant(client, make_business, django_assert_num_queries, count):
    # Featured ones too, so both card sections render and prefetch.
    for number in range(count):
        make_business(roles=["brand", "producer"], featured=number % 2 == 0)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert f"{count} usaha terdaftar" in response.text


def test_it_shows_a_published_profile(client, make_business):
    business = make_business(tagline="Sneakers lokal dari Bandung")
    response = client.get(business.get_absolute_url())
    assert response.status_code == 200
    assert "Sneakers lokal dari Bandung" in response.text


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
def test_it_hides_an_unpublished_profile(client, make_business, status):
    business = make_business(status=status, rejection_reason="Foto belum ada." if status == "rejected" else "")
    assert client.get(business.get_absolute_url()).status_code == 404
    assert client.get(f"/en{business.get_absolute_url()}").status_code == 404


@pytest.mark.parametrize(
    ("path", "lang", "text", "home"),
    [
        ("/tidak-ada/", "id", "Halaman tidak ditemukan", "/"),
        ("/en/nothing-here/", "en", "Page not found", "/en/"),
    ],
)
def test_it_answers_unknown_pages_with_a_friendly_404(client, reference, path, lang, text, home):
    response = client.get(path)
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.text
    assert f"<h1>{text}</h1>" in response.text
    assert '<header class="site-header">' in response.text
    assert f'<a class="button" href="{home}">' in response.text


def test_it_renders_the_500_page_without_a_request():
    # Django renders 500.html with an empty context: no request, no context processors.
    with translation.override("id"):
        page = render_to_string("500.html")
    assert "<h1>Terjadi kesalahan</h1>" in page
    assert 'href="/"' in page


def test_it_answers_a_crash_with_the_friendly_500_page(client, reference, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("directory.browse.home.render", crash)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "<h1>Terjadi kesalahan</h1>" in response.text
