"""A visitor finds a business on a phone and on a desktop screen."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from directory.models import Sentra
from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listed(make_business):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    make_business(
        name="Sepatu Tapakrana", slug="sepatu-tapakrana", roles=["brand"], sentra=cibaduyut, tagline="Sneakers kanvas"
    )
    make_business(name="Karet Gandasoli", slug="karet-gandasoli", roles=["supplier"], categories=["outsole"])
    make_business(name="Sandal Lorosari", slug="sandal-lorosari", roles=["producer"], categories=["sandals"])


def card_names(page):
    page.wait_for_load_state("domcontentloaded")  # a click that navigates returns before the page is parsed
    return sorted(page.locator(".card__name").all_inner_texts())


def test_it_filters_behind_one_button_on_a_phone(browser, live_server, listed, screenshots_dir):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + "/direktori/")
    assert card_names(page) == ["Karet Gandasoli", "Sandal Lorosari", "Sepatu Tapakrana"]
    brand = page.get_by_label("Merek lokal")
    assert not brand.is_visible()
    page.get_by_text("Filter", exact=True).click()
    brand.check()
    page.get_by_role("button", name="Terapkan filter").click()
    assert "role=brand" in page.url
    assert card_names(page) == ["Sepatu Tapakrana"]
    assert fits(page, 360)
    page.screenshot(path=screenshots_dir / "directory-filtered-360.png", full_page=True)
    page.get_by_role("link", name="Hapus filter Peran: Merek lokal").click()
    assert len(card_names(page)) == 3
    page.close()


def test_it_shows_the_filters_beside_the_results_on_a_desktop(browser, live_server, listed, screenshots_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/direktori/")
    expect(page.get_by_label("Merek lokal")).to_be_visible()
    page.get_by_label("Pemasok bahan & komponen").check()
    page.get_by_label("Produsen / maklon").check()
    page.get_by_role("button", name="Terapkan filter").click()
    assert card_names(page) == ["Karet Gandasoli", "Sandal Lorosari"]
    page.screenshot(path=screenshots_dir / "directory-filtered-1280.png", full_page=True)
    page.close()


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 800)])
def test_it_searches_opens_a_profile_and_switches_language(
    browser, live_server, listed, screenshots_dir, width, height
):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(live_server.url + "/")
    page.get_by_label("Cari usaha").fill("tapakrana")
    page.get_by_role("button", name="Cari").click()
    assert card_names(page) == ["Sepatu Tapakrana"]
    expect(page.locator(".card__name mark")).to_have_text("Tapakrana")
    page.get_by_role("link", name="Sepatu Tapakrana").click()
    assert page.url == live_server.url + "/direktori/sepatu-tapakrana/"
    expect(page.locator("h1")).to_have_text("Sepatu Tapakrana")
    assert fits(page, width)
    page.screenshot(path=screenshots_dir / f"profile-{width}.png", full_page=True)
    page.get_by_role("link", name="English").click()
    assert page.url == live_server.url + "/en/direktori/sepatu-tapakrana/"
    expect(page.get_by_role("heading", name="Contact")).to_be_visible()
    page.close()


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def test_it_fits_the_open_filters_in_two_screens_of_a_phone(browser, live_server, demo, screenshots_dir):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + "/direktori/")
    page.get_by_text("Filter", exact=True).click()
    panel = page.locator(".filters__form").bounding_box()
    # Before: 81 options one under the other, about 3,400 px.
    assert panel["height"] <= 2 * 740, panel["height"]
    apply = page.get_by_role("button", name="Terapkan filter")
    for scrolled in (0, 600):
        page.mouse.wheel(0, scrolled)
        page.wait_for_timeout(100)
        box = apply.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, (scrolled, box)
    assert fits(page, 360)
    page.screenshot(path=screenshots_dir / "directory-filters-360.png", full_page=True)
    page.close()


def test_it_keeps_apply_in_sight_beside_the_filters_on_a_desktop(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/direktori/?province=32")
    box = page.get_by_role("button", name="Terapkan filter").bounding_box()
    # Before: at y 3,650, below every option.
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    page.close()


def test_it_narrows_a_long_list_as_one_types(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server.url + "/en/direktori/")
    provinces = page.locator("fieldset", has=page.locator("legend", has_text="Province"))
    narrow = provinces.get_by_role("searchbox", name="Find a province")
    # Looking behind "show all" too.
    narrow.fill("sumat")
    expect(provinces.get_by_label("North Sumatra")).to_be_visible()
    expect(provinces.get_by_label("West Java")).to_be_hidden()
    narrow.fill("")
    expect(provinces.get_by_label("West Java")).to_be_visible()
    page.close()


def test_it_shows_every_option_without_javascript(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/direktori/")
    tags = page.locator("fieldset", has=page.locator("legend", has_text="Tag"))
    hidden = tags.locator(".facet__more label").first
    expect(hidden).to_be_hidden()
    tags.locator("summary").click()
    expect(hidden).to_be_visible()
    hidden.click()
    page.get_by_role("button", name="Terapkan filter").click()
    page.wait_for_load_state("domcontentloaded")
    assert "tag=" in page.url
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_long_typed_word_wraps_on_a_phone(browser, live_server, listed, prefix):
    """A pasted address or a word of fifty letters, with and without results,
    wraps in the chips, the notices and the no-result page."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    word = "sepatukulitasligarutcibaduyutbandungjawabaratindonesia" * 2
    for query in (f"?q={word}&role=brand", f"?q=sepatu+{word}", f"?q=https://example.com/{word}"):
        page.goto(live_server.url + prefix + "/direktori/" + query)
        assert fits(page, 360), query
    page.close()
