"""The base layout in a real browser, on a phone and on a desktop screen."""

import pytest
from playwright.sync_api import expect

from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(360, 740), (1280, 800)]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_it_lays_out_the_home_page_without_horizontal_scrolling(
    browser, live_server, make_business, screenshots_dir, width, height
):
    make_business(name="Sepatu Tapakrana", roles=["brand"])
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("lang") == "id"
    expect(page.locator("h1")).to_be_visible()
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"home-{width}.png", full_page=True)
    page.close()


def test_it_moves_focus_to_the_content_with_the_skip_link(browser, live_server, reference):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_it_switches_language_and_keeps_the_page(browser, live_server, make_business):
    business = make_business(name="Sandal Lorosari")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + business.get_absolute_url())
    page.get_by_role("link", name="English").click()
    assert page.url == live_server.url + "/en" + business.get_absolute_url()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert page.url == live_server.url + business.get_absolute_url()
    page.close()
