"""A search or filters without result are never a dead end: the page says
what was searched, keeps the search box and the filters, and offers ways on."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db
URL = "/direktori/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def catalogue(make_business):
    make_business(name="Sandal Lorosari", roles=["producer"], categories=["sandals"])
    make_business(name="Sandal Jepit Kirana", roles=["producer"], categories=["slippers"])
    make_business(name="Sepatu Tapakrana", roles=["brand"], categories=["sneakers"])
    make_business(name="Kulit Lakonsari", roles=["supplier"], categories=["leather"], province_id="35", regency=None)


def test_it_says_what_was_searched_and_keeps_the_search_and_the_filters(client, catalogue):
    # Not one word of it is anywhere in the directory (one that is would
    # find the businesses that have it).
    response = client.get(URL, {"q": "qwxz zzyzx"})
    text = response.text
    assert response.context["total"] == 0
    assert "Tidak ada hasil untuk “qwxz zzyzx”." in text
    # Only searched: not a word about filters.
    assert "filter ini" not in text and "Hapus salah satu filter" not in text
    assert 'name="q" value="qwxz zzyzx"' in text
    # The filter form stays whole, its options counted (0) and ranked by use.
    producer = 'name="role" value="producer"> <span class="facet__label">Produsen / maklon</span> <span>0</span>'
    assert response.context["groups"] and producer in text
    assert 'type="submit">Terapkan filter</button>' in text


def test_it_offers_categories_near_the_words_then_the_most_used(client, catalogue):
    # Sandals, but none in East Java.
    response = client.get(URL, {"q": "sandal", "province": "35"})
    assert response.context["total"] == 0
    related = [category["value"] for category in response.context["related"]]
    # "Sandal" and "Sandal jepit & selop" share the word; then the most used.
    assert related[:2] == ["sandals", "slippers"]
    assert set(related[2:]) == {"sneakers", "leather"}
    assert 'href="?category=sandals">Sandal</a>' in response.text


def test_it_points_to_the_collaboration_board_and_sourcing_requests(client, catalogue):
    text = client.get(URL, {"q": "zzyzx"}).text
    assert 'href="/kolaborasi/">papan kolaborasi</a>' in text
    assert 'href="/permintaan/baru/">kirim permintaan pengadaan</a>' in text
    text = client.get("/en" + URL, {"q": "zzyzx"}).text
    assert 'href="/en/kolaborasi/">collaboration board</a>' in text
    assert 'href="/en/permintaan/baru/">post a sourcing request</a>' in text


def test_it_offers_removing_each_filter_when_filters_are_set(client, catalogue):
    response = client.get(URL, {"q": "sandal", "province": "35", "role": "producer"})
    text = response.text
    assert response.context["total"] == 0
    assert "Tidak ada hasil untuk “sandal” dengan filter ini." in text
    assert 'href="?q=sandal&amp;role=producer">Tanpa Provinsi: Jawa Timur</a>' in text
    assert 'href="?q=sandal&amp;province=35">Tanpa Peran: Produsen / maklon</a>' in text
    assert 'href="?q=sandal">Cari “sandal” tanpa filter</a>' in text
    # The chosen options stay ticked in the filter form.
    assert 'name="province" value="35" checked' in text


def test_it_speaks_of_filters_alone_when_nothing_was_searched(client, catalogue):
    response = client.get("/en" + URL, {"province": "35", "role": "brand"})
    text = response.text
    assert "No business matches these filters." in text
    assert "No results for" not in text and "without filters" not in text
    assert 'href="?role=brand">Without Province: East Java</a>' in text


def test_it_links_the_corrected_search_the_search_offers(client, catalogue):
    response = client.get(URL, {"q": "sandl", "role": "producer"})
    assert 'Mungkin maksud Anda <a href="?q=sandal&amp;role=producer">sandal</a>?' in response.text
    english = client.get("/en" + URL, {"q": "sandl"})
    assert 'Did you mean <a href="?q=sandal">sandal</a>?' in english.text


def test_it_offers_no_correction_the_search_does_not_give(client, catalogue):
    assert "Mungkin maksud Anda" not in client.get(URL, {"q": "sandal"}).text
    assert "Mungkin maksud Anda" not in client.get(URL, {"q": "qwxz zzyzx"}).text


def test_owners_tags_in_chips_and_removals_are_marked_on_english_pages(client, make_business):
    make_business(name="Sandal Wedoro", tags=["grosir"])
    english = client.get("/en" + URL, {"q": "zzyzx", "tag": "grosir"}).text
    assert '<span lang="id">grosir</span> <span aria-hidden="true">×</span>' in english
    assert 'Without Tag: <span lang="id">grosir</span></a>' in english
    indonesian = client.get(URL, {"q": "zzyzx", "tag": "grosir"}).text
    assert 'lang="id">grosir' not in indonesian
    assert "Tanpa Tag: grosir</a>" in indonesian


@pytest.mark.parametrize("q", ["!!!", "👟", "%", "* _ ?", "日本"])
def test_a_search_with_nothing_to_look_for_says_it_was_left_out(client, make_business, q):
    make_business(name="Sandal Wedoro")
    response = client.get("/en" + URL, {"q": q})
    assert response.status_code == 200 and response.context["total"] == 1
    assert f"The search “{q}” has no words this directory can look for, so it was left out." in response.text
    text = client.get(URL, {"q": q}).text
    assert f"Pencarian “{q}” tidak berisi kata yang bisa dicari di direktori ini, jadi tidak dipakai." in text
    assert "left out" not in client.get(URL, {"q": "sandal"}).text


def test_a_number_filter_is_named_once_in_its_removal(client, catalogue):
    text = client.get("/en" + URL, {"role": "brand", "max_order_days": "2 weeks", "province": "35"}).text
    assert ">Without First order within (days): 14</a>" in text
    # The chip itself still says which filter it is.
    assert "First order within (days): 14 <span aria-hidden" in text
