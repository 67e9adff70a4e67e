"""An owner posts what they seek on a phone, staff approve it, a visitor
finds it on /kolaborasi/ and answers it; and the owner sees a partner."""

import datetime

import pytest
from playwright.sync_api import expect

from directory.connect.posts import post_approve
from directory.models import CollaborationPost, Province, Regency
from tests.conftest import fits
from tests.listings.test_browser_dashboard import SIZES, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_it_takes_a_post_from_an_owner_to_a_visitor(
    browser,
    live_server,
    make_business,
    owner,
    moderator,
    mail_folder,
    screenshots_dir,
    width,
):
    business = make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner, roles=["brand"])
    make_business(
        name="Karet Sidoarjo",
        roles=["supplier"],
        categories=["outsole"],
        province=Province.objects.get(code="35"),
        regency=Regency.objects.get(code="3515"),
    )
    page = signed_in_page(browser, live_server, owner, width)

    def shot(name):
        page.screenshot(path=screenshots_dir / f"collaboration-{name}-{width}.png", full_page=True)
        assert fits(page, width), name

    page.goto(live_server.url + "/dasbor/")
    page.get_by_role("link", name="Kolaborasi dan mitra").click()
    shot("owner-empty")
    page.get_by_role("link", name="Tulis pos").click()
    page.get_by_label("Mencari").check()
    page.locator("#id_title").fill("Mencari pembuat outsol karet")
    page.get_by_label("Outsol").check()
    page.locator("#id_description").fill("Untuk sneakers kanvas, sekitar 500 pasang sebulan.")
    page.get_by_label("Tampil sampai").fill((datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    shot("owner-form")
    page.get_by_role("button", name="Kirim untuk diperiksa").click()
    expect(page.get_by_text("Pos terkirim.")).to_be_visible()
    post = CollaborationPost.objects.get(business=business)
    assert post.status == "pending"
    post_approve(post=post, moderator=moderator)
    # Once the post is public, the supplier listing outsoles is suggested, with the reason.
    page.reload()
    expect(page.get_by_text("Menawarkan outsol")).to_be_visible()
    shot("owner-posts")

    visitor = browser.new_page(viewport={"width": width, "height": SIZES[width]})
    visitor.goto(live_server.url + "/kolaborasi/?kind=seek")
    # Measured once the post's page has replaced the list, not while it loads.
    with visitor.expect_navigation():
        visitor.get_by_role("link", name="Mencari pembuat outsol karet").click()
    assert fits(visitor, width)
    visitor.screenshot(path=screenshots_dir / f"collaboration-post-{width}.png", full_page=True)
    visitor.get_by_role("link", name="Tanggapi pos ini").click()
    assert "/direktori/sepatu-tapakrana/" in visitor.url

    visitor.goto(live_server.url + "/en/kolaborasi/")
    expect(visitor.get_by_role("heading", name="Collaboration", exact=True)).to_be_visible()
    expect(visitor.get_by_text("Seeking").first).to_be_visible()
    assert fits(visitor, width)
    visitor.screenshot(path=screenshots_dir / f"collaboration-list-en-{width}.png", full_page=True)
