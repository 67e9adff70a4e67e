"""Profiles with owner text in Indonesian only and in both languages, and a
catalogue with prices and the dollar range, in a real browser: axe-core and
the Nu checker, on a phone and a desktop screen, in both languages."""

import datetime

import pytest
from django.test import Client

from directory.models import ExchangeRate, Product, ProductCategory, Sentra
from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def catalogue(business):
    for order, (name, name_en, category, low, high) in enumerate(
        [
            ("Sepatu pantofel pria", "Men's formal shoes", "formal-shoes", 350_000, 450_000),
            ("Sandal jepit spons", "Foam flip-flops", "slippers", 8_000, 15_000),
            ("Chelsea boots kulit", "", "boots", 1_250_000, 1_250_000),
        ]
    ):
        Product.objects.create(
            business=business,
            name=name,
            name_en=name_en if business.tagline_en else "",
            description="Dijahit tangan oleh perajin Cibaduyut.",
            description_en="Hand-stitched by Cibaduyut craftspeople." if business.tagline_en else "",
            category=ProductCategory.objects.get(slug=category),
            material="Kulit sapi",
            price_min=low,
            price_max=high,
            order=order,
        )


@pytest.mark.parametrize("width", [360, 1280])
def test_profiles_and_prices_pass_the_checks(browser, live_server, make_business, owner, watch, screenshots_dir, width):
    ExchangeRate.objects.create(rupiah_per_dollar=16500, date=datetime.date(2026, 12, 1))
    common = {
        "roles": ["producer"],
        "categories": ["formal-shoes"],
        "tags": ["sepatu kulit", "handmade"],
        "sentra": Sentra.objects.get(slug="cibaduyut"),
        "monthly_capacity": 2800,
        "minimum_order": 24,
        "export_ready": True,
        "export_markets": "Jepang, Belanda",
    }
    only_indonesian = make_business(
        name="Tapakrana",
        slug="tapakrana",
        owner=owner,
        tagline="Sepatu kulit buatan tangan dari Cibaduyut",
        description="Kami membuat sepatu kulit sejak 1998, sekitar 2.800 pasang per bulan.",
        **common,
    )
    both = make_business(
        name="Wiralangkah",
        slug="wiralangkah",
        tagline="Sepatu kulit buatan tangan dari Cibaduyut",
        tagline_en="Handmade leather shoes from Cibaduyut",
        description="Kami membuat sepatu kulit sejak 1998, sekitar 2.800 pasang per bulan.",
        description_en="We have made leather shoes since 1998, about 2,800 pairs a month.",
        **common,
    )
    catalogue(only_indonesian)
    catalogue(both)
    client = Client()
    client.force_login(owner)
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    checked = watch(page)
    for prefix in ("", "/en"):
        for path, name in [
            ("/direktori/tapakrana/", "profile-indonesian-only"),
            ("/direktori/wiralangkah/", "profile-both-languages"),
            (f"/dasbor/usaha/{only_indonesian.pk}/produk/", "owner-products"),
        ]:
            page.goto(live_server.url + prefix + path)
            checked.check()
            assert fits(page, width), prefix + path
            language = "en" if prefix else "id"
            page.screenshot(path=screenshots_dir / f"{name}-{language}-{width}.png", full_page=True)
    page.goto(live_server.url + "/en/direktori/tapakrana/")
    checked.check()
    assert page.locator(".lead").get_attribute("lang") == "id"
    assert "≈ US$\xa021–27 at the rate of 1 December 2026" in page.locator(".products").inner_text()
    context.close()
