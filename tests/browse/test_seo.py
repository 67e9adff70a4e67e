"""robots.txt, the sitemap, canonical and hreflang links."""

import re

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_it_serves_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_it_lists_public_pages_in_both_languages_in_the_sitemap(client, make_business):
    make_business(slug="sepatu-tapakrana")
    make_business(slug="draf-rahasia", status="draft")
    index = client.get("/sitemap.xml").text
    sections = re.findall(r"<loc>(.*?)</loc>", index)
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-sentra.xml",
        "http://testserver/sitemap-businesses.xml",
        "http://testserver/sitemap-posts.xml",
    ]
    businesses = client.get("/sitemap-businesses.xml").text
    assert "<loc>http://testserver/direktori/sepatu-tapakrana/</loc>" in businesses
    assert "<loc>http://testserver/en/direktori/sepatu-tapakrana/</loc>" in businesses
    assert 'hreflang="en" href="http://testserver/en/direktori/sepatu-tapakrana/"' in businesses
    assert "draf-rahasia" not in businesses
    sentra = client.get("/sitemap-sentra.xml").text
    assert "<loc>http://testserver/sentra/cibaduyut/</loc>" in sentra
    pages = client.get("/sitemap-pages.xml").text
    assert "<loc>http://testserver/direktori/</loc>" in pages


def test_it_links_each_page_to_its_other_language(client, make_business):
    make_business(slug="sepatu-tapakrana")
    page = client.get("/direktori/sepatu-tapakrana/").text
    assert '<link rel="canonical" href="http://testserver/direktori/sepatu-tapakrana/">' in page
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/direktori/sepatu-tapakrana/">' in page
    assert '<link rel="alternate" hreflang="id" href="http://testserver/direktori/sepatu-tapakrana/">' in page


def test_it_keeps_only_what_changes_the_page_in_canonical_links(client, make_business):
    make_business(slug="sepatu-tapakrana")
    profile = client.get("/direktori/sepatu-tapakrana/?utm_source=wa&fbclid=x1").text
    assert '<link rel="canonical" href="http://testserver/direktori/sepatu-tapakrana/">' in profile
    listing = client.get("/en/direktori/?utm_source=wa&role=brand&q=&page=1&role=producer&sort=name").text
    assert (
        '<link rel="canonical" href="http://testserver/en/direktori/?role=brand&amp;role=producer&amp;sort=name">'
        in listing
    )
    assert 'hreflang="id" href="http://testserver/direktori/?role=brand&amp;role=producer&amp;sort=name">' in listing
    second = client.get("/kolaborasi/?kind=seeking&page=2&ref=share").text
    assert '<link rel="canonical" href="http://testserver/kolaborasi/?kind=seeking&amp;page=2">' in second
    # The language switch is for people: it keeps the whole address.
    assert (
        '<a href="/direktori/?utm_source=wa&amp;role=brand&amp;q=&amp;page=1&amp;role=producer&amp;sort=name"'
        in listing
    )
