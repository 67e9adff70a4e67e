"""The owner's step "Production capabilities": plain checks with messages,
drafts saved in place, a published listing's edit waiting for review,
certificate numbers saved at once, and completeness."""

import datetime
import re

import pytest
from django.urls import reverse

from directory.capabilities.forms import CapabilitiesForm
from directory.listings.dashboard import completeness
from directory.models import BusinessCertificate, BusinessChange, Certification, ConstructionMethod, Country, KbliCode
from directory.review.decisions import change_approve
from tests.listings.test_listing_wizard import post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"nib": "123456789012"}, "nib"),  # twelve digits
        ({"nib": "12345678901234"}, "nib"),  # fourteen
        ({"nib": "١٢٣٤٥٦٧٨٩٠١٢٣"}, "nib"),  # thirteen digits, but not ASCII
        ({"nib": "12345678901a3"}, "nib"),
        ({"size_from": "14"}, "size_from"),
        ({"size_to": "51"}, "size_to"),
        ({"size_from": "44", "size_to": "36"}, "size_to"),
        ({"sample_lead_days": "366"}, "sample_lead_days"),
        ({"supply_minimum": "100"}, "supply_unit"),
        ({"samples": "maybe"}, "samples"),
        ({"monthly_capacity": "-5"}, "monthly_capacity"),
        ({"monthly_capacity": "999999999999999999999"}, "monthly_capacity"),
        ({"minimum_order": "0"}, "minimum_order"),
        ({"export_countries": ["XX"]}, "export_countries"),
        ({"kbli_codes": ["99999"]}, "kbli_codes"),
    ],
)
def test_it_refuses_impossible_answers_with_a_message(reference, data, field):
    form = CapabilitiesForm(data=data)
    assert not form.is_valid()
    assert field in form.errors


def test_it_accepts_an_empty_step_and_an_nib_typed_with_spaces(reference):
    assert CapabilitiesForm(data={}).is_valid()
    form = CapabilitiesForm(data={"nib": "1234 5678 9012 3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nib"] == "1234567890123"


def test_it_says_why_an_nib_is_refused_in_the_owners_language(reference):
    assert "tepat 13 angka" in CapabilitiesForm(data={"nib": "123"}).errors["nib"][0]


def capability_data():
    return {
        "construction_methods": [ConstructionMethod.objects.get(slug="vulcanised").pk],
        "export_countries": ["JP", "MY"],
        "kbli_codes": ["15201"],
        "size_from": "36",
        "size_to": "44",
        "minimum_order": "120",
        "monthly_capacity": "3000",
        "sample_lead_days": "7",
        "order_lead_days": "30",
        "samples": "paid",
        "nib": "1234567890123",
    }


def test_it_saves_a_draft_in_place(client, owner, make_business):
    business = make_business(owner=owner, status="draft")
    client.force_login(owner)
    response = post_step(client, business, "kemampuan", capability_data())
    assert response.status_code == 302
    business.refresh_from_db()
    assert (business.size_from, business.size_to, business.minimum_order, business.nib) == (
        36,
        44,
        120,
        "1234567890123",
    )
    assert sorted(business.export_countries.values_list("code", flat=True)) == ["JP", "MY"]
    assert "construction:vulcanised" in business.facet_keys


def test_it_sends_a_published_listings_edit_for_review(client, owner, make_business, staff_moderator):
    business = make_business(owner=owner)
    client.force_login(owner)
    post_step(client, business, "kemampuan", capability_data())
    business.refresh_from_db()
    assert business.size_from is None and not business.construction_methods.exists()
    assert "construction:vulcanised" not in business.facet_keys
    change = BusinessChange.objects.get()
    assert change.data["export_countries"] == ["JP", "MY"]
    assert change.data["kbli_codes"] == ["15201"]
    # The review page names what the owner proposed.
    review = client.get(reverse("dashboard:listing_review", args=[business.pk]))
    assert "Vulkanisir" in review.text and "Sampel berbayar" in review.text

    change_approve(change=change, moderator=staff_moderator)
    business.refresh_from_db()
    assert business.size_to == 44
    assert list(business.kbli_codes.all()) == [KbliCode.objects.get(code="15201")]
    assert set(business.export_countries.all()) == set(Country.objects.filter(code__in=["JP", "MY"]))
    assert "construction:vulcanised" in business.facet_keys


def test_it_saves_certificate_numbers_at_once_and_asks_for_a_new_check(client, owner, make_business, moderator):
    business = make_business(owner=owner, certifications=["sni"])
    held = BusinessCertificate.objects.get(business=business)
    held.number, held.checked_on, held.checked_by = "SNI-1", datetime.date(2026, 1, 5), moderator
    held.save()
    client.force_login(owner)
    response = post_step(
        client,
        business,
        "kemampuan",
        {f"certificate_{held.pk}_number": "SNI-2", f"certificate_{held.pk}_expires_on": "2028-03-31"},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.number, held.expires_on) == ("SNI-2", datetime.date(2028, 3, 31))
    assert held.checked_on is None and held.checked_by is None
    assert not BusinessChange.objects.exists()  # nothing else changed


def test_it_leaves_a_check_standing_when_the_numbers_did_not_change(client, owner, make_business, moderator):
    business = make_business(owner=owner, certifications=["sni"], status="draft")
    held = BusinessCertificate.objects.get(business=business)
    held.number, held.checked_on, held.checked_by = "SNI-1", datetime.date(2026, 1, 5), moderator
    held.save()
    client.force_login(owner)
    post_step(client, business, "kemampuan", {f"certificate_{held.pk}_number": "SNI-1"})
    held.refresh_from_db()
    assert held.checked_by == moderator


def test_it_shows_the_step_with_a_picture_for_each_construction_method(client, owner, make_business):
    business = make_business(owner=owner, status="draft")
    client.force_login(owner)
    page = client.get(step_url(business, "kemampuan")).text
    assert "Kemampuan produksi" in page
    for method in ConstructionMethod.objects.all():
        assert f"/static/capabilities/{method.icon}" in page


def test_it_keeps_other_owners_out(client, other_owner, make_business, owner):
    business = make_business(owner=owner, status="draft")
    client.force_login(other_owner)
    assert client.get(step_url(business, "kemampuan")).status_code == 404


def test_it_counts_capabilities_in_completeness(owner, make_business):
    bare = make_business(owner=owner)
    capable = make_business(owner=owner, construction_methods=["cemented"], minimum_order=24)
    missing = {item["label"] for item in completeness(bare)["missing"]}
    assert {"Kemampuan produksi", "Pesanan terkecil per model (pasang)"} <= missing
    assert completeness(capable)["percent"] > completeness(bare)["percent"]
    assert "/ubah/kemampuan/" in next(
        item["url"] for item in completeness(bare)["missing"] if item["label"] == "Kemampuan produksi"
    )


def test_it_speaks_english_on_the_english_step(client, owner, make_business):
    business = make_business(owner=owner, status="draft")
    client.force_login(owner)
    page = client.get("/en" + step_url(business, "kemampuan")).text
    assert "Indonesian (EU) sizes, from 15 to 50." in page
    assert "Ukuran" not in page and "Jepang" not in page
    # Countries in English alphabetical order.
    assert page.index("Australia") < page.index("Japan") < page.index("Vietnam")


def test_an_expiry_date_moved_into_the_past_leaves_the_filters_at_once(
    client, owner, make_business, django_capture_on_commit_callbacks
):
    business = make_business(owner=owner, certifications=["sni"])
    held = BusinessCertificate.objects.get(business=business)
    assert client.get("/direktori/", {"certification": "sni"}).context["total"] == 1
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, business, "kemampuan", {f"certificate_{held.pk}_expires_on": "2026-01-01"})
    business.refresh_from_db()
    assert "certification:sni" not in business.facet_keys
    assert client.get("/direktori/", {"certification": "sni"}).context["total"] == 0


def test_it_reads_sizes_pairs_and_weeks_as_owners_write_them(reference):
    from django.utils import translation

    data = {
        "size_from": "38-45",
        "monthly_capacity": "5.000 pasang",
        "minimum_order": "100 psg",
        "sample_lead_days": "2 minggu",
        "order_lead_days": "30 hari",
    }
    with translation.override("id"):
        form = CapabilitiesForm(data=data)
        assert form.is_valid(), form.errors
    cleaned = form.cleaned_data
    assert (cleaned["size_from"], cleaned["size_to"]) == (38, 45)
    assert (cleaned["monthly_capacity"], cleaned["minimum_order"]) == (5000, 100)
    assert (cleaned["sample_lead_days"], cleaned["order_lead_days"]) == (14, 30)
    # A month of lead time, as suppliers often write it, counts thirty days.
    with translation.override("id"):
        form = CapabilitiesForm(data={"order_lead_days": "2 bulan", "sample_lead_days": "1 bln"})
        assert form.is_valid(), form.errors
    assert (form.cleaned_data["order_lead_days"], form.cleaned_data["sample_lead_days"]) == (60, 30)
    with translation.override("id"):
        form = CapabilitiesForm(data={"order_lead_days": "lama", "size_to": "besar"})
        assert not form.is_valid()
    assert "minggu atau bulan" in form.errors["order_lead_days"][0]
    assert "39-44" in form.errors["size_to"][0]


@pytest.mark.parametrize("typed", ["1234-5678-9012-3", "1234 5678 9012 3", "1234.5678.9012.3"])
def test_it_reads_an_nib_written_in_groups(reference, typed):
    form = CapabilitiesForm(data={"nib": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nib"] == "1234567890123"


def test_a_step_that_was_not_saved_says_so_at_the_top_with_links_to_each_problem(client, owner, make_business):
    business = make_business(owner=owner, status="draft")
    client.force_login(owner)
    response = post_step(client, business, "kemampuan", {**capability_data(), "order_lead_days": "1 abad"})
    assert response.status_code == 200
    text = response.content.decode()
    summary = text.index("Belum tersimpan")
    assert summary < text.index('name="order_lead_days"')
    assert 'href="#id_order_lead_days"' in text[summary:]
    assert 'value="1 abad"' in text


def test_it_says_where_the_numbers_of_certificates_waiting_for_review_go(client, owner, make_business):
    business = make_business(owner=owner)
    client.force_login(owner)
    sni = Certification.objects.get(slug="sni")
    post_step(client, business, "profil", {"description": "Kami membuat sepatu.", "certifications": [sni.pk]})
    assert BusinessChange.objects.exists()
    page = client.get(step_url(business, "kemampuan")).content.decode()
    assert "setelah BPIPI menyetujui" in page


def test_a_range_typed_in_one_box_replaces_the_size_saved_in_the_other(client, owner, make_business):
    business = make_business(owner=owner, status="draft", size_from=36, size_to=42)
    client.force_login(owner)
    post_step(client, business, "kemampuan", {"size_from": "38-45", "size_to": "42"})
    business.refresh_from_db()
    assert (business.size_from, business.size_to) == (38, 45)


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        ("Jepang, Malaysia dan USA", ["JP", "MY", "US"]),
        ("Japan; the Netherlands; U.S.A.", ["JP", "US"]),
        ("Korea Selatan / Inggris & UAE", ["KR", "GB", "AE"]),
        ("Singapura\nsingapore, Eropa", ["SG"]),
        ("ke seluruh dunia", []),
    ],
)
def test_it_reads_the_countries_an_export_markets_text_names(reference, written, codes):
    from directory.capabilities.country_words import countries_named

    assert countries_named(written) == codes


def test_it_ticks_the_countries_the_listing_already_named_and_asks_only_once(client, owner, make_business, reference):
    business = make_business(owner=owner, status="draft", export_ready=True, export_markets="Jepang, Malaysia")
    client.force_login(owner)
    page = client.get(step_url(business, "kemampuan")).content.decode()
    for code in ("JP", "MY"):
        assert re.search(rf'<input[^>]*value="{code}"[^>]*checked', page), code
    assert not re.search(r'<input[^>]*value="NL"[^>]*checked', page)
    # Words written before stay on the profile step, to be cleared...
    profile = client.get(step_url(business, "profil")).content.decode()
    assert 'name="export_markets"' in profile and "Pasar ekspor, seperti ditulis sebelumnya" in profile
    assert "Jepang, Malaysia" in client.get(f"/dasbor/usaha/{business.pk}/tinjau/").text
    # ...and a listing without them is asked for countries once, as a list,
    # and its review page does not show the old words' empty row.
    business.export_markets = ""
    business.save(update_fields=["export_markets"])
    assert 'name="export_markets"' not in client.get(step_url(business, "profil")).content.decode()
    review = client.get(f"/dasbor/usaha/{business.pk}/tinjau/").text
    assert "Negara tujuan ekspor" not in review and "Pasar ekspor" not in review
    chosen = make_business(owner=owner, status="draft", export_markets="Jepang")
    chosen.export_countries.set(["NL"])
    page = client.get(step_url(chosen, "kemampuan")).content.decode()
    assert re.search(r'<input[^>]*value="NL"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="JP"[^>]*checked', page)


def test_countries_sold_to_make_a_listing_export_ready(client, owner, make_business, reference):
    draft = make_business(owner=owner, status="draft", export_ready=False)
    client.force_login(owner)
    post_step(client, draft, "kemampuan", {"export_countries": ["JP"]})
    draft.refresh_from_db()
    assert draft.export_ready and "export:1" in draft.facet_keys
    published = make_business(owner=owner, export_ready=False)
    post_step(client, published, "kemampuan", {"export_countries": ["MY"]})
    change = BusinessChange.objects.get(business=published)
    assert change.data["export_ready"] is True and change.data["export_countries"] == ["MY"]
