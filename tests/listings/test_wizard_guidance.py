"""A listing form that explains itself: a step count that matches the steps,
plain explanations of the trade's words, the province asked once with the
regency list narrowed to it, and buttons that say where they go."""

import re

import pytest
from django.urls import reverse

from directory.listings.steps import STEPS
from directory.models import Business
from tests.listings.test_listing_wizard import create, post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner, reference):
    client.force_login(owner)
    return client


@pytest.fixture
def draft(signed_in):
    create(signed_in)
    return Business.objects.get()


def regency_options(text: str) -> set[str]:
    select = re.search(r'<select name="regency".*?</select>', text, re.S).group(0)
    return set(re.findall(r'<option value="(\d+)"', select))


def test_it_counts_the_steps_it_has(signed_in):
    text = signed_in.get(reverse("dashboard:listing_new")).text
    total = len(STEPS) + 1  # the steps, then checking and submitting
    assert f"Langkah 1 dari {total}" in text
    assert f"{total} langkah singkat" in text
    assert "Lima langkah" not in text


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        (
            "",
            [
                "Hulu: bahan baku, seperti kulit dan karet",
                "Tengah: komponen dan jasa",
                "Hilir: sepatu jadi dan merek",
                "Peran:",
            ],
        ),
        ("/en", ["Upstream (hulu): raw materials, such as leather and rubber", "Downstream (hilir): finished shoes"]),
    ],
)
def test_it_explains_the_value_chain_and_roles_with_examples(signed_in, prefix, words):
    text = signed_in.get(prefix + reverse("dashboard:listing_new")).text
    for line in words:
        assert line in text


def test_it_explains_sentra_and_business_size(signed_in, draft):
    assert "Sentra adalah kawasan tempat banyak perajin" in signed_in.get(step_url(draft, "lokasi")).text
    assert "Skala usaha: besar kecilnya usaha" in signed_in.get(step_url(draft, "profil")).text


def test_it_offers_only_the_regencies_of_the_province_chosen_before(signed_in, draft):
    text = signed_in.get(step_url(draft, "lokasi")).text
    regencies = regency_options(text)
    assert "3273" in regencies  # Kota Bandung, Jawa Barat
    assert "3578" not in regencies  # Kota Surabaya, Jawa Timur
    # The province chosen in the first step is shown, not asked again.
    assert '<details class="province-change">' in text
    assert "Jawa Barat" in re.search(r"<summary>.*?</summary>", text, re.S).group(0)


def test_it_refuses_a_regency_outside_a_changed_province_before_saving(signed_in, draft):
    response = post_step(signed_in, draft, "lokasi", {"province": "35", "regency": "3273"})
    assert response.status_code == 200
    assert "tidak berada di provinsi Jawa Timur" in response.text
    assert "3578" in regency_options(response.text) and "3273" not in regency_options(response.text)
    draft.refresh_from_db()
    assert (draft.province_id, draft.regency_id) == ("32", None)


def test_it_narrows_the_regencies_at_once_with_javascript(signed_in, draft):
    text = signed_in.get(step_url(draft, "lokasi")).text
    assert 'src="/static/directory/regency_choices.js"' in text
    assert '<script id="regency-choices" type="application/json">' in text
    assert 'data-regencies="regency-choices"' in text
    assert "<script>" not in text


@pytest.mark.parametrize(
    ("prefix", "step", "buttons"),
    [
        (
            "",
            "lokasi",
            ["Simpan, lanjut ke Kontak", "Simpan, kembali ke Kemampuan produksi", "Simpan, selesaikan nanti"],
        ),
        ("", "logo", ["Simpan, lanjut ke Periksa dan kirim"]),
        (
            "/en",
            "lokasi",
            ["Save, continue to Contacts", "Save, back to Production capabilities", "Save, finish later"],
        ),
    ],
)
def test_it_names_where_each_button_goes(signed_in, draft, prefix, step, buttons):
    text = signed_in.get(prefix + step_url(draft, step)).text
    for button in buttons:
        assert button in text


def test_it_saves_and_returns_to_the_dashboard_to_finish_later(signed_in, draft):
    response = post_step(signed_in, draft, "lokasi", {"province": "32", "regency": "3273"}, go="later")
    assert response["Location"] == reverse("dashboard:home")
    draft.refresh_from_db()
    assert draft.regency_id == "3273"
