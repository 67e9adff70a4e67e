"""The figures page and the CSV download in a real browser, on a phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Province, Regency
from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(360, 740), (1280, 800)]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_it_draws_the_figures_without_horizontal_scrolling(
    browser, live_server, make_business, screenshots_dir, width, height
):
    now = timezone.now()
    jatim = Province.objects.get(code="35")
    for number in range(6):
        make_business(
            roles=["producer", "brand"] if number % 2 else ["supplier"],
            categories=["sneakers"] if number % 3 else ["outsole", "rubber"],
            size=["micro", "small", "medium"][number % 3],
            export_ready=number % 2 == 0,
            province=jatim if number > 3 else Province.objects.get(code="32"),
            regency=Regency.objects.get(code="3515") if number > 3 else Regency.objects.get(code="3273"),
            published_at=now - datetime.timedelta(days=40 * number),
        )
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(live_server.url + "/en/statistik/")
    expect(page.get_by_role("heading", name="The network in figures")).to_be_visible()
    expect(page.get_by_role("img", name="Businesses by role in the value chain")).to_be_visible()
    expect(page.get_by_role("table", name="Businesses by province")).to_be_visible()
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"figures-{width}.png", full_page=True)
    page.close()


def test_it_downloads_the_filtered_listing_as_csv(browser, live_server, make_business):
    make_business(name="Sepatu Tapakrana", roles=["brand"])
    make_business(name="Karet Gandasoli", roles=["supplier"])
    page = browser.new_page(viewport={"width": 360, "height": 740}, accept_downloads=True)
    page.goto(live_server.url + "/direktori/?role=supplier")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "Karet Gandasoli" in text
    assert "Sepatu Tapakrana" not in text
    assert download.value.suggested_filename.startswith("ifn-direktori-")
    page.close()
