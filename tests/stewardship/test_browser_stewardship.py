"""Staff's stewardship pages in a real browser at 1280 px: the admin's front
page figures, the duplicates view and a merge from start to end, the stale
flag in the business list."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Business, ModerationLog
from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(browser, live_server, superuser):
    client = Client()
    client.force_login(superuser)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_it_merges_a_duplicate_from_the_admin_front_page(staff_page, live_server, make_business, screenshots_dir):
    page = staff_page
    long_ago = timezone.now() - datetime.timedelta(days=400)
    keep = make_business(name="Sepatu Kulit Tapakrana", phone="022 123 4567", published_at=long_ago)
    make_business(
        name="CV Sepatu Kulit Tapakrana", whatsapp="+62 22 1234567", tagline="Sepatu kulit Cibaduyut", roles=["brand"]
    )
    make_business(name="Sandal Wiralangkah", status=Business.Status.PENDING)

    page.goto(live_server.url + "/admin/")
    page.screenshot(path=screenshots_dir / "admin-dashboard-1280.png", full_page=True)
    assert fits(page, 1280)
    expect(page.get_by_role("table", name="Profil menurut status")).to_be_visible()
    expect(page.get_by_text("Sandal Wiralangkah")).to_be_visible()

    page.get_by_role("link", name="Kemungkinan duplikat").click()
    page.screenshot(path=screenshots_dir / "admin-duplicates-1280.png", full_page=True)
    assert fits(page, 1280)
    pair = page.locator(".duplicate-pair")
    expect(pair).to_have_count(1)
    expect(pair.locator("h2")).to_contain_text("Nomor telepon atau WhatsApp sama")

    pair.locator("dl").first.get_by_role("link", name="Gabungkan ke profil ini").click()
    page.screenshot(path=screenshots_dir / "admin-merge-1280.png", full_page=True)
    assert "Sepatu kulit Cibaduyut" in page.content()
    page.get_by_role("button", name="Gabungkan dan hapus duplikatnya").click()
    page.screenshot(path=screenshots_dir / "admin-merged-1280.png", full_page=True)
    assert page.url.endswith(f"/admin/directory/business/{keep.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("digabungkan")
    assert Business.objects.filter(name__startswith="CV ").count() == 0
    assert ModerationLog.objects.get(action=ModerationLog.Action.MERGED).business_id == keep.pk

    page.goto(live_server.url + "/admin/directory/business/?stale=1")
    page.screenshot(path=screenshots_dir / "admin-stale-1280.png", full_page=True)
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.get_by_title("Tidak dikonfirmasi selama 12 bulan")).to_have_count(1)
