"""The duplicates view: probable duplicate pairs and the merge that keeps
the history."""

import re

import pytest
from django.db import connection
from django.utils import translation

from directory.models import Business, DuplicateDismissal, Regency
from directory.stewardship import duplicates, merge

pytestmark = pytest.mark.django_db


POSTGRES = connection.vendor == "postgresql"


def pairs_of(regency_id=None):
    return {(pair.first_id, pair.second_id): pair for pair in duplicates.duplicate_pairs(regency_id=regency_id)}


def key(first, second):
    return tuple(sorted([first.pk, second.pk]))


def test_it_pairs_businesses_sharing_a_phone_number_written_differently(make_business):
    first = make_business(name="Tapakrana", phone="+62 812-3456-7890")
    second = make_business(name="Wiralangkah", regency=Regency.objects.get(code="3204"), whatsapp="0812 3456 7890")
    make_business(name="Langkahsari", phone="0812 9999 0000")
    pairs = pairs_of()
    assert list(pairs) == [key(first, second)]
    assert pairs[key(first, second)].reasons == {"phone"}


def test_it_pairs_the_same_email_in_any_case_and_the_same_website_without_www(make_business):
    first = make_business(name="Tapakrana", email="Halo@Tapakrana.test", website="https://www.tapakrana.test/katalog")
    second = make_business(name="Wiralangkah", email="halo@tapakrana.test", website="http://tapakrana.test")
    pair = pairs_of()[key(first, second)]
    assert pair.reasons == {"email", "website"}
    with translation.override("en"):
        assert pair.reason_labels == ["same email address", "same website"]


WORDS = ["Tapakrana", "Wiralangkah", "Jejakmulia", "Sulurbumi", "Kencanapada"]
WORDS += ["Pelangkuda", "Rimbasepat", "Gandaruki", "Mayangsole", "Purnacarma", "Bentalaya", "Oxivatu"]


def test_it_ignores_a_value_shared_by_many_businesses(make_business):
    for number in range(duplicates.MAX_SHARED + 1):
        make_business(name=WORDS[number], email="info@asosiasi.test")
    assert pairs_of() == {}


def test_it_pairs_equal_names_in_one_regency_only(make_business):
    first = make_business(name="Sepatu Kulit Tapakrana")
    second = make_business(name="Sepatu Kulit Tapakrana.")
    third = make_business(name="Sepatu Kulit Tapakrana", regency=Regency.objects.get(code="3204"))
    make_business(name="Sandal Wiralangkah")
    pairs = pairs_of()
    assert list(pairs) == [key(first, second)]
    assert pairs[key(first, second)].reasons == {"name"}
    assert pairs[key(first, second)].percent == 100
    assert third.pk not in {pk for pair in pairs for pk in pair}


@pytest.mark.skipif(POSTGRES, reason="SQLite's fallback; PostgreSQL compares trigrams")
def test_it_compares_names_with_difflib_on_sqlite(make_business):
    first = make_business(name="Sepatu Tapakrana")
    second = make_business(name="Sepatu Tapakrane")
    make_business(name="Karet Wiralangkah")
    assert pairs_of() == {}
    pair = pairs_of("3273")[key(first, second)]
    assert pair.reasons == {"name"}
    assert 0.9 < pair.similarity < 1


@pytest.mark.skipif(not POSTGRES, reason="pg_trgm exists on PostgreSQL only")
def test_it_compares_names_by_trigram_similarity_on_postgresql(make_business):
    first = make_business(name="Sepatu Kulit Tapakrana")
    second = make_business(name="Sepatu Kulit Tapakrane")
    make_business(name="Karet Wiralangkah")
    assert pairs_of() == {}
    pair = pairs_of("3273")[key(first, second)]
    assert pair.reasons == {"name"}
    assert duplicates.NAME_SIMILARITY <= pair.similarity < 1


def test_it_shows_only_pairs_touching_the_chosen_regency(make_business):
    bandung = [make_business(name="Tapakrana", email="a@b.test"), make_business(name="Wiralangkah", email="a@b.test")]
    garut = Regency.objects.get(code="3205")
    make_business(name="Jejakmulia", regency=garut, email="c@d.test")
    make_business(name="Sulurbumi", regency=garut, email="c@d.test")
    assert len(pairs_of()) == 2
    assert list(pairs_of("3273")) == [key(*bandung)]


def test_it_puts_pairs_with_more_reasons_first(make_business):
    weak = [
        make_business(name="Tapakrana", phone="081200000001"),
        make_business(name="Wiralangkah", phone="081200000001"),
    ]
    strong = [
        make_business(name="Langkahsari", email="a@b.test", phone="081200000002"),
        make_business(name="Jejakmulia", email="A@B.test", phone="081200000002"),
    ]
    assert [(pair.first_id, pair.second_id) for pair in duplicates.duplicate_pairs()] == [key(*strong), key(*weak)]


def test_it_normalises_phone_numbers_and_websites():
    assert duplicates.normalized_phone("+62 (812) 3456-7890") == "081234567890"
    assert duplicates.normalized_phone("812 3456 7890") == "081234567890"
    assert duplicates.normalized_phone("12-34") == ""
    assert duplicates.website_host("https://WWW.Sepatu.co.id/katalog?a=1") == "sepatu.co.id"
    assert duplicates.website_host("sepatu.co.id") == "sepatu.co.id"
    assert duplicates.website_host("") == ""


# The view --------------------------------------------------------------------

URL = "/admin/directory/business/duplicates/"


def test_it_lists_the_pairs_for_staff_in_a_fixed_number_of_queries(
    client, superuser, make_business, django_assert_num_queries
):
    for number in range(3):
        make_business(name=WORDS[2 * number], email=f"halo{number}@tapakrana.test")
        make_business(name=WORDS[2 * number + 1], email=f"HALO{number}@tapakrana.test")
    client.force_login(superuser)
    # session, user, the shared values, the dismissed pairs, the regencies to
    # choose from, the page's businesses
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.status_code == 200
    # The next page reuses the pairs found.
    with django_assert_num_queries(5):
        client.get(URL, {"page": "2"})
    # The staff's admin is in Indonesian.
    assert response.text.count("/duplicates/merge/") == 6
    assert "Sulurbumi" in response.text and "Alamat email sama" in response.text


def test_it_compares_similar_names_in_the_chosen_regency(client, superuser, make_business):
    make_business(name="Sepatu Kulit Tapakrana")
    make_business(name="Sepatu Kulit Tapakrane")
    client.force_login(superuser)
    assert "/duplicates/merge/" not in client.get(URL).text
    response = client.get(URL, {"regency": "3273"})
    assert response.text.count("/duplicates/merge/") == 2 and "Kemiripan nama" not in response.text
    assert re.search(r"Nama mirip \(kemiripan nama \d+%\)", response.text)
    for malformed in ["32\x0073", "x" * 500, "9999"]:
        assert client.get(URL, {"regency": malformed}).status_code == 200


def test_it_finds_the_pairs_again_after_a_public_change(client, superuser, make_business):
    first = make_business(name="Tapakrana", email="a@b.test")
    second = make_business(name="Wiralangkah", email="a@b.test")
    client.force_login(superuser)
    assert client.get(URL).text.count("/duplicates/merge/") == 2
    merge.business_merge(keep=first, duplicate=second, moderator=superuser)
    assert "/duplicates/merge/" not in client.get(URL).text


def test_it_is_linked_from_the_admin_index(client, superuser, reference):
    client.force_login(superuser)
    assert URL in client.get("/admin/").text


def test_it_is_for_staff_only(client, owner, moderator, make_business):
    assert client.get(URL).status_code == 302
    client.force_login(owner)
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response.url
    client.force_login(moderator)  # staff without permissions on businesses
    assert client.get(URL).status_code == 403


def test_it_offers_no_merge_without_the_permission_to_delete(client, moderator, make_business):
    from django.contrib.auth.models import Permission

    moderator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_business", "change_business"], content_type__app_label="directory"
        )
    )
    first = make_business(email="a@b.test")
    second = make_business(email="a@b.test")
    client.force_login(moderator)
    response = client.get(URL)
    assert response.status_code == 200 and "/duplicates/merge/" not in response.text
    assert client.post(f"{URL}merge/{first.pk}/{second.pk}/").status_code == 403
    assert Business.objects.count() == 2


# "Not a duplicate" ------------------------------------------------------------


def test_it_stops_pairing_businesses_staff_call_distinct(client, superuser, make_business):
    first = make_business(name="Tapakrana", email="a@b.test")
    second = make_business(name="Wiralangkah", email="a@b.test")
    client.force_login(superuser)
    assert client.get(URL).text.count("/duplicates/merge/") == 2
    response = client.post(f"{URL}dismiss/{second.pk}/{first.pk}/", {"query": "regency=3273&page=1"})
    assert response.status_code == 302 and response.url == f"{URL}?regency=3273&page=1"
    dismissal = DuplicateDismissal.objects.get()
    assert (dismissal.first, dismissal.second, dismissal.dismissed_by) == (first, second, superuser)
    assert "/duplicates/merge/" not in client.get(URL).text
    # Twice is the same as once; a foreign address is not followed.
    response = client.post(f"{URL}dismiss/{first.pk}/{second.pk}/", {"query": "//evil.test/"})
    assert response.url == URL
    assert DuplicateDismissal.objects.count() == 1


def test_it_dismisses_on_post_only_and_for_staff_who_may_change_businesses(client, moderator, make_business):
    first = make_business(email="a@b.test")
    second = make_business(email="a@b.test")
    url = f"{URL}dismiss/{first.pk}/{second.pk}/"
    client.force_login(moderator)
    assert client.post(url).status_code == 403
    from django.contrib.auth.models import Permission

    moderator.user_permissions.add(
        Permission.objects.get(codename="change_business", content_type__app_label="directory")
    )
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert DuplicateDismissal.objects.count() == 1
