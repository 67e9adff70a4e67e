"""A moderator clears the review queue in the admin: a new listing approved,
another rejected (first without a reason, refused), an owner's change approved."""

import pytest
from playwright.sync_api import expect

from directory.listings.editing import change_submit
from directory.models import Business, BusinessChange, ModerationLog
from tests.listings.test_browser_dashboard import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_a_moderator_clear_the_queue(
    browser, live_server, make_business, owner, other_owner, staff_moderator, screenshots_dir
):
    make_business(name="Sepatu Tapakrana", owner=owner, status="pending")
    make_business(name="Sandal Asal Jadi", owner=other_owner, status="pending")
    published = make_business(name="Kulit Lorosari", owner=other_owner)
    change_submit(business=published, user=other_owner, data={"name": "Lorosari Leather", "tagline": "Kulit sapi"})
    page = signed_in_page(browser, live_server, staff_moderator, 1280)

    def shot(name):
        page.screenshot(path=screenshots_dir / f"moderation-{name}-1280.png", full_page=True)

    page.goto(live_server.url + "/admin/")
    shot("index")
    page.get_by_role("link", name="Buka antrean tinjauan").click()
    expect(page.locator("table.review-queue tbody tr")).to_have_count(3)
    shot("queue")

    # Approve a new listing: open it from the queue, one button, back in the queue.
    page.get_by_role("link", name="Sepatu Tapakrana").click()
    shot("listing")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator(".messagelist")).to_contain_text("1 usaha disetujui.")
    expect(page.locator("table.review-queue tbody tr")).to_have_count(2)

    # Reject without a reason: refused, nothing changes; then with a reason.
    page.get_by_role("link", name="Sandal Asal Jadi").click()
    page.get_by_role("button", name="Tolak…").click()
    reason = page.get_by_label("Alasan, dikirim kepada pemilik")
    page.get_by_role("button", name="Tolak", exact=True).click()
    assert reason.evaluate("field => field.validity.valueMissing")  # the browser stops an empty reason
    reason.fill("   ")
    page.get_by_role("button", name="Tolak", exact=True).click()
    expect(page.locator(".errorlist")).to_be_visible()  # and the server one made of spaces
    shot("reject-refused")
    assert Business.objects.get(name="Sandal Asal Jadi").status == "pending"
    reason.fill("Bukan usaha alas kaki.")
    page.get_by_role("button", name="Tolak", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("1 usaha ditolak.")
    assert Business.objects.get(name="Sandal Asal Jadi").rejection_reason == "Bukan usaha alas kaki."

    # Approve the owner's change after reading it field by field.
    page.locator("table.review-queue").get_by_role("link", name="Kulit Lorosari").click()
    expect(page.locator("table.moderation-diff")).to_be_visible()
    shot("change")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator(".messagelist")).to_contain_text("1 perubahan disetujui.")
    expect(page.locator("#content-main")).to_contain_text("Tidak ada yang menunggu keputusan.")
    shot("queue-empty")
    assert BusinessChange.objects.get().status == "approved"
    assert ModerationLog.objects.filter(moderator=staff_moderator).count() == 3
