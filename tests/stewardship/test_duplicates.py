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


def test_it_pairs_matching_names_in_one_place_only(make_business):
    first = make_business(name="Sepatu Kulit Tapakrana")
    second = make_business(name="Sepatu Kulit Tapakrana.")
    make_business(name="Sepatu Kulit Tapakrana", regency=Regency.objects.get(code="3205"))  # Garut
    make_business(name="Sandal Wiralangkah")
    pairs = pairs_of()
    assert list(pairs) == [key(first, second)]
    assert pairs[key(first, second)].reasons == {"name"}
    assert pairs[key(first, second)].percent == 100


def test_it_pairs_names_written_differently_across_every_regency(make_business):
    """Legal form moved or dropped, shorthand, old spelling, one typo: found
    without choosing a regency, on both databases alike."""
    written = [
        ("CV. Sepatu Tapakrana", "Sepatu Tapakrana, CV"),
        ("Koperasi Sandal Wiralangkah", "Kop. Sdl Wiralangkah"),
        ("UD Sepatu Kulit Jejakmulia", "Spt Klt Jejakmulia"),
        ("Sepatoe Djajamulia", "Sepatu Jayamulia"),
        ("Sepatu Kencanapada Abadi", "Sepatu Kencanapada Abdi"),
    ]
    expected = set()
    for first_name, second_name in written:
        expected.add(key(make_business(name=first_name), make_business(name=second_name)))
    pairs = pairs_of()
    assert set(pairs) == expected
    assert all(pair.reasons == {"name"} and 0 < pair.confidence < 1 for pair in pairs.values())


def test_it_ignores_a_name_borne_by_many_listings_of_one_place(make_business):
    """Eleven "Jaya" workshops in one city are not one business."""
    for number in range(duplicates.MAX_SHARED + 1):
        make_business(name=["Sepatu Jaya", "CV Jaya", "Jaya Shoes", "Sandal Jaya"][number % 4] + " " * number)
    first = make_business(name="Sepatu Jaya", regency=Regency.objects.get(code="3205"))
    second = make_business(name="Jaya Shoes", regency=Regency.objects.get(code="3205"))
    assert list(pairs_of()) == [key(first, second)]


def test_it_tells_apart_workshops_whose_names_differ_by_a_word(make_business):
    for first_name, second_name in [
        ("Sepatu Jaya Abadi", "Sepatu Jaya Makmur"),
        ("Sandal Putra Mandiri", "Sandal Putri Mandiri"),
        ("Rina Collection", "Rini Collection"),
        ("Sinar Jaya", "Sinar Jaya 2"),
        ("Berkah Shoes", "Berkah Jaya Shoes"),
    ]:
        make_business(name=first_name, address="Jl. Cibaduyut Raya")
        make_business(name=second_name, address="Jl. Cibaduyut Raya")
    assert pairs_of() == {}


def test_it_counts_the_regency_and_the_city_of_one_name_as_one_place(make_business):
    """From the regions reference data: every province's Kabupaten X and
    Kota X, and no other neighbours."""
    names = {}
    for regency in Regency.objects.all():
        names.setdefault((regency.province_id, regency.name.split(" ", 1)[1]), []).append(regency)
    twins = [regencies for regencies in names.values() if len(regencies) == 2]
    assert len(twins) > 20
    expected = set()
    for number, (first, second) in enumerate(twins):
        word = WORDS[number % len(WORDS)] + "x" * (number // len(WORDS))
        expected.add(
            key(
                make_business(name=word, province=first.province, regency=first),
                make_business(name=f"PT {word}", province=second.province, regency=second),
            )
        )
    make_business(name="Purnacarma", regency=Regency.objects.get(code="3217"))  # Kabupaten Bandung Barat
    make_business(name="Purnacarma", regency=Regency.objects.get(code="3277"))  # Kota Cimahi
    pairs = pairs_of()
    assert set(pairs) == expected
    assert {reason for pair in pairs.values() for reason in pair.reasons} == {"name_nearby"}


def test_it_shows_only_pairs_touching_the_chosen_regency(make_business):
    bandung = [make_business(name="Tapakrana", email="a@b.test"), make_business(name="Wiralangkah", email="a@b.test")]
    garut = Regency.objects.get(code="3205")
    make_business(name="Jejakmulia", regency=garut, email="c@d.test")
    make_business(name="Sulurbumi", regency=garut, email="c@d.test")
    assert len(pairs_of()) == 2
    assert list(pairs_of("3273")) == [key(*bandung)]


def test_it_puts_the_strongest_pairs_first(make_business):
    name_only = [make_business(name="Sepatu Langkahsari"), make_business(name="Spt Langkahsri")]
    phone = [
        make_business(name="Tapakrana", phone="081200000001"),
        make_business(name="Wiralangkah", phone="081200000001"),
    ]
    phone_and_email = [
        make_business(name="Gandaruki", email="a@b.test", phone="081200000002"),
        make_business(name="Jejakmulia", email="A@B.test", phone="081200000002"),
    ]
    phone_and_name = [
        make_business(name="CV Mayangsole", phone="081200000003"),
        make_business(name="Mayangsole", whatsapp="+62 812 0000 0003"),
    ]
    pairs = duplicates.duplicate_pairs()
    assert [(pair.first_id, pair.second_id) for pair in pairs] == [
        key(*phone_and_email),
        key(*phone_and_name),
        key(*phone),
        key(*name_only),
    ]
    assert [pair.confidence_percent for pair in pairs] == [96, 96, 80, 68]
    with translation.override("en"):
        assert pairs[1].reason_labels == ["same phone or WhatsApp number", "similar name in the same regency or city"]


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
    # session, user, the names and places, the shared values, the dismissed
    # pairs, the regencies to choose from, the page's businesses
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.status_code == 200
    # The next page reuses the pairs found.
    with django_assert_num_queries(5):
        client.get(URL, {"page": "2"})
    # The staff's admin is in Indonesian.
    assert response.text.count("/duplicates/merge/") == 6
    assert "Sulurbumi" in response.text and "Alamat email sama" in response.text


def test_it_shows_similar_names_with_reason_and_confidence_in_every_regency(client, staff_moderator, make_business):
    make_business(name="Sepatu Kulit Tapakrana")
    make_business(name="CV. Spt Klt Tapakrna")
    make_business(name="Sandal Wiralangkah", regency=Regency.objects.get(code="3205"), email="a@b.test")
    make_business(name="Sendal Wiralangkah", regency=Regency.objects.get(code="3205"), email="a@b.test")
    client.force_login(staff_moderator)
    response = client.get(URL)
    assert response.text.count("/duplicates/dismiss/") == 2  # A moderator may not merge, only dismiss.
    assert re.search(r"Nama mirip di kabupaten/kota yang sama \(kemiripan nama \d+%\)", response.text)
    assert re.search(r"keyakinan \d+%", response.text)
    # The likeliest first: the shared email and the name before the name alone.
    assert response.text.index("Wiralangkah") < response.text.index("Tapakrana")
    response = client.get(URL, {"regency": "3273"})
    assert response.text.count("/duplicates/dismiss/") == 1 and "Wiralangkah" not in response.text
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
