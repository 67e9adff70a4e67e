"""Responsive images in a real browser: the `sizes` each page gives make
Chromium pick a variant that is sharp enough and no bigger than needed."""

import re

import pytest

from directory.image_uploads import process_image
from directory.images import store_image
from directory.models import BusinessPhoto, Product, ProductCategory
from tests.conftest import fits, wait_until_true
from tests.listings.test_images import jpeg, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The stored widths of a 1600-pixel photo and of a 700-pixel logo.
PHOTO_WIDTHS = [320, 640, 1280]
LOGO_WIDTHS = [160, 320, 640]


@pytest.fixture
def business_with_images(make_business):
    business = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana")
    store_image(business, "logo", process_image(upload(jpeg(size=(700, 700)))))
    for order in range(3):
        photo = BusinessPhoto(business=business, alt_text=f"Bengkel {order}", order=order)
        store_image(photo, "image", process_image(upload(jpeg(size=(1600, 1200)))))
    product = Product(business=business, name="Sneakers", category=ProductCategory.objects.get(slug="sneakers"))
    store_image(product, "photo", process_image(upload(jpeg(size=(1600, 1200)))))
    return business


def chosen_images(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        "images => images.map(image => ({src: image.currentSrc, shown: image.getBoundingClientRect().width,"
        " loading: image.getAttribute('loading')}))",
    )


def assert_well_chosen(image: dict, widths: list[int], density: int) -> None:
    """The variant chosen covers the shown size at this pixel density, and
    the next smaller one would not have."""
    chosen = int(re.search(r"-(\d+)\.webp$", image["src"]).group(1))
    needed = image["shown"] * density
    assert chosen >= needed * 0.9 or chosen == widths[-1], image
    smaller = [width for width in widths if width < chosen]
    assert not smaller or smaller[-1] < needed, image


@pytest.mark.parametrize(("width", "density"), [(360, 2), (360, 3), (1280, 1), (1280, 2)])
def test_it_picks_a_fitting_variant_on_the_profile(browser, live_server, business_with_images, width, density):
    page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=density)
    page.goto(live_server.url + business_with_images.get_absolute_url())
    for image in page.locator("img[loading=lazy]").all():
        image.scroll_into_view_if_needed()
    wait_until_true(page, "[...document.images].every(image => image.complete && image.currentSrc)")

    logo = chosen_images(page, ".profile__logo")
    assert len(logo) == 1 and logo[0]["loading"] is None
    assert_well_chosen(logo[0], LOGO_WIDTHS, density)
    gallery = chosen_images(page, ".gallery img, .product img")
    assert len(gallery) == 4
    for image in gallery:
        assert image["loading"] == "lazy"
        assert_well_chosen(image, PHOTO_WIDTHS, density)
    assert fits(page, width)
    page.close()


@pytest.mark.parametrize(("width", "density", "logo_variant"), [(360, 2, 320), (1280, 1, 160)])
def test_it_picks_the_smallest_pictures_on_the_listing(
    browser, live_server, business_with_images, make_business, width, density, logo_variant
):
    logo_only = make_business(name="Karet Gandasoli", slug="karet-gandasoli")
    store_image(logo_only, "logo", process_image(upload(jpeg(size=(700, 700)))))
    page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=density)
    page.goto(live_server.url + "/direktori/?sort=name")
    # Pictures are lazy: on a 360 px screen the filters come first, so the
    # cards may start below the fold. Bring them into view and let them load.
    for image in page.locator(".card img").all():
        image.scroll_into_view_if_needed()
    wait_until_true(page, "[...document.querySelectorAll('.card img')].every(image => image.complete)")
    [logo] = chosen_images(page, ".card__logo")
    [photo] = chosen_images(page, ".card__photo")
    assert logo["shown"] == photo["shown"] == (96 if width < 900 else 120)
    assert logo["src"].endswith(f"-{logo_variant}.webp")
    # The product photo is offered at 320 pixels only, enough for 3x screens.
    assert photo["src"].endswith("-320.webp")
    page.close()
