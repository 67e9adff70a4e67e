"""Public pages are served from the cache to anonymous visitors, and a change
made by staff shows at once."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from directory.caching import (
    READ_TOGETHER,
    REFERENCE_CACHE_KEY,
    RequestMemoryMiddleware,
    public_data_changed,
    public_version,
    shared_get,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    # As in production with Redis: every worker shares the page cache.
    settings.PUBLIC_PAGE_CACHE = True


PUBLIC_PAGES = ["/", "/direktori/", "/direktori/?role=brand", "/sentra/", "/sentra/cibaduyut/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_it_serves_a_second_visit_from_the_cache(client, make_business, django_assert_num_queries, path):
    make_business(roles=["brand"])
    first = client.get(path)
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second.content == first.content


def test_it_caches_a_profile_separately_per_language(client, make_business, django_assert_num_queries):
    business = make_business(description="Bahasa Indonesia", description_en="In English")
    client.get(business.get_absolute_url())
    with django_assert_num_queries(0):
        assert "Bahasa Indonesia" in client.get(business.get_absolute_url()).text
    assert "In English" in client.get("/en" + business.get_absolute_url()).text


def test_it_gives_signed_in_people_a_fresh_page(client, make_business, owner, django_assert_max_num_queries):
    business = make_business(owner=owner)
    client.get(business.get_absolute_url())
    client.force_login(owner)
    with django_assert_max_num_queries(30) as queries:
        client.get(business.get_absolute_url())
    assert len(queries.captured_queries) > 2


def test_it_shows_a_change_made_in_admin_at_once(client, make_business, superuser):
    business = make_business(name="Sepatu Lama", slug="sepatu-lama")
    assert "Sepatu Lama" in client.get("/direktori/").text
    staff = type(client)()
    staff.force_login(superuser)
    change = reverse("admin:directory_business_change", args=[business.pk])
    form = staff.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "logo" and not isinstance(value, list)
    }
    data.update(
        name="Sepatu Baru",
        roles=[role.pk for role in business.roles.all()],
        tags="",
        status="published",
        created_at_0="2026-01-01",
        created_at_1="00:00:00",
    )
    for prefix in ["businesscertificate_set", "marketplace_shops", "photos", "products", "moderation_log"]:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = staff.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    business.refresh_from_db()
    assert business.published_at is not None
    assert "Sepatu Baru" in client.get("/direktori/").text
    assert "Sepatu Baru" in client.get("/direktori/sepatu-lama/").text


def test_it_renders_every_visit_without_a_shared_cache(client, make_business, settings, django_assert_num_queries):
    settings.PUBLIC_PAGE_CACHE = False
    business = make_business()
    client.get(business.get_absolute_url())
    business.status = "suspended"
    business.save()
    # No stale copy survives in another worker's memory: the change shows at once.
    assert client.get(business.get_absolute_url()).status_code == 404


@pytest.fixture
def shared_reads(monkeypatch):
    """The keys read from the shared cache one by one, and those read together."""
    reads, rounds = [], []
    shared = caches["default"]
    real_get = shared.get

    def get_many(keys):
        # One round trip on Redis; Django's memory cache asks get() for each.
        rounds.append(list(keys))
        return {key: value for key in keys if (value := real_get(key)) is not None}

    monkeypatch.setattr(shared, "get", lambda key, *args, **kwargs: reads.append(key) or real_get(key, *args, **kwargs))
    monkeypatch.setattr(shared, "get_many", get_many)
    return reads, rounds


def test_it_asks_the_shared_cache_a_few_times_for_a_page_of_cards(client, make_business, shared_reads):
    for number in range(25):
        make_business(name=f"Usaha {number}", roles=["brand", "producer"])
    reads, rounds = shared_reads
    assert len(client.get("/direktori/").context["businesses"]) == 20
    # The small values together, then the page and the counts: a few round
    # trips, whatever the number of cards.
    assert len(reads) + len(rounds) <= 5, (reads, rounds)


@pytest.mark.parametrize("path", ["/direktori/", "/en/direktori/?q=sepatu+kulit", "/direktori/?q=sepatunya&page=2"])
def test_it_asks_for_the_small_values_of_a_page_in_one_round_trip(client, make_business, shared_reads, path):
    for number in range(25):
        make_business(name=f"Usaha Sepatu Kulit {number}", roles=["brand", "producer"])
    client.get(path)
    reads, rounds = shared_reads
    reads.clear(), rounds.clear()
    # The page made again, the values it reads kept.
    caches["pages"].clear()
    assert client.get(path).status_code == 200
    # The version number, the tokens of the rows held in memory, the roles,
    # the table's size, the words and the glossary: one round trip for all.
    assert [keys for keys in rounds if keys == READ_TOGETHER] == [READ_TOGETHER]
    assert not set(reads) & set(READ_TOGETHER), reads


def test_a_value_read_together_is_given_once():
    shared = caches["default"]
    shared.set(REFERENCE_CACHE_KEY, "first", None)

    def view(request):
        given = [shared_get(REFERENCE_CACHE_KEY)]
        shared.set(REFERENCE_CACHE_KEY, "second", None)
        # Asked again, it is read again: a value stored since is seen.
        given.append(shared_get(REFERENCE_CACHE_KEY))
        return HttpResponse(" ".join(given))

    assert RequestMemoryMiddleware(view)(RequestFactory().get("/")).content == b"first second"


def test_it_sees_a_change_made_earlier_in_the_same_request():
    def view(request):
        before = public_version()
        public_data_changed()
        return HttpResponse(f"{before} {public_version()}")

    before, after = RequestMemoryMiddleware(view)(RequestFactory().get("/")).content.split()
    assert int(after) > int(before)


def pages_kept() -> int:
    return len(caches["pages"]._cache)


def test_it_keeps_no_page_for_made_up_parameters(client, make_business):
    make_business(roles=["brand"])
    first = client.get("/direktori/")
    kept = pages_kept()
    for junk in ["?x=1", "?x=2", "?utm_source=mail&fbclid=abc", "?zz=<b>"]:
        response = client.get("/direktori/" + junk)
        assert response.content == first.content, junk
    assert pages_kept() == kept
    assert client.get("/sitemap.xml?x=1").status_code == 200
    client.get("/sitemap.xml?x=2")
    assert pages_kept() == kept + 1


def test_it_renders_a_page_as_if_made_up_parameters_were_absent(client, make_business):
    make_business(roles=["brand"])
    # The first visitor's junk must not end up in the links served to the next.
    page = client.get("/direktori/?role=brand&evil=planted").text
    assert "planted" not in page
    assert "role=brand" in page


def test_it_keeps_a_page_per_filter_value(client, make_business):
    make_business(roles=["brand"], name="Merek Satu")
    make_business(roles=["producer"], name="Pabrik Dua")
    client.get("/direktori/")
    kept = pages_kept()
    brands = client.get("/direktori/?role=brand").text
    assert pages_kept() == kept + 1
    assert "Merek Satu" in brands and "Pabrik Dua" not in brands
    # The order of the parameters makes no new page.
    client.get("/direktori/?role=brand&sort=name")
    client.get("/direktori/?sort=name&role=brand")
    assert pages_kept() == kept + 2


def test_it_keeps_a_page_per_host(client, make_business, settings):
    settings.ALLOWED_HOSTS = ["ifn.example.id", "other.example.id"]
    business = make_business()
    other = client.get(business.get_absolute_url(), headers={"host": "other.example.id"}).text
    page = client.get(business.get_absolute_url(), headers={"host": "ifn.example.id"}).text
    assert f'rel="canonical" href="http://ifn.example.id{business.get_absolute_url()}"' in page
    assert "other.example.id" not in page
    assert "other.example.id" in other
