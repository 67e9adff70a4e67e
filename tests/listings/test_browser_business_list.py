"""The admin's business list as a moderator reads it at 1280 px: every
column in view, a long business name on two lines at most, the header's
language choice working."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from directory.models import Business, Regency, User
from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAMES = [
    "Koperasi Industri Kecil Sepatu Kulit Cibaduyut Bandung Makmur Sejahtera",
    "CV Sentra Kerajinan Alas Kaki dan Sandal Kulit Tanggulangin Sidoarjo",
    "UD Pengrajin Sepatu Pantofel Kulit Asli Manding Bantul Yogyakarta",
]


@pytest.fixture
def moderator_page(browser, live_server, staff_moderator):
    client = Client()
    client.force_login(staff_moderator)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_it_shows_every_column_and_long_names_on_two_lines_at_1280(
    moderator_page, live_server, make_business, screenshots_dir
):
    page = moderator_page
    jakarta = Regency.objects.get(name="Kota Administrasi Jakarta Timur")
    for number, name in enumerate(LONG_NAMES * 4):
        owner = User.objects.create_user(f"pemilik.usaha.sepatu.kulit.nomor{number}@gmail.example.com", "x")
        make_business(
            name=name,
            slug=f"usaha-{number}",
            owner=owner,
            status=Business.Status.PENDING if number % 2 else Business.Status.PUBLISHED,
            province=jakarta.province,
            regency=jakarta,
        )

    page.goto(live_server.url + "/admin/directory/business/")
    page.screenshot(path=screenshots_dir / "admin-business-list-1280.png", full_page=True)
    assert fits(page, 1280)
    results = page.locator(".results")
    assert results.evaluate("element => element.scrollWidth <= element.clientWidth")
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [header.strip() for header in headers[1:]] == [
        "NAMA",
        "STATUS",
        "DIVERIFIKASI",
        "TAHAP",
        "TEMPAT",
        "PEMILIK",
        "DIKONFIRMASI",
    ]
    lines = page.locator("#result_list .field-name a").evaluate_all(
        "links => links.map(link => link.getClientRects().length)"
    )
    assert len(lines) == 12 and max(lines) <= 2


def test_a_moderator_switches_the_admin_to_english_and_back(moderator_page, live_server, staff_moderator):
    page = moderator_page
    page.goto(live_server.url + "/admin/directory/business/")
    expect(page.get_by_role("heading", name="Pilih usaha untuk diubah")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Select business to change")).to_be_visible()
    assert page.url == live_server.url + "/admin/directory/business/"
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", name="Pilih usaha untuk diubah")).to_be_visible()
    staff_moderator.refresh_from_db()
    assert staff_moderator.language == "id"
