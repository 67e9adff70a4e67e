"""Every main page works under the Content-Security-Policy: the browser
refuses nothing on them, in public pages, the owner's dashboard or the admin."""

import datetime

import pytest
from django.utils import timezone

from directory.image_uploads import process_image
from directory.images import store_image
from directory.listings.editing import change_submit
from directory.models import BusinessPhoto, CollaborationPost, Sentra
from tests.listings.test_browser_dashboard import signed_in_page
from tests.listings.test_images import jpeg, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Scripts the test adds run outside the page's policy; the page's own do not.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def directory_with_everything(make_business, owner, other_owner):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    business = make_business(
        name="Sepatu Tapakrana", slug="sepatu-tapakrana", roles=["brand"], owner=owner, sentra=cibaduyut
    )
    store_image(business, "logo", process_image(upload(jpeg(size=(700, 700)))))
    photo = BusinessPhoto(business=business, alt_text="Bengkel", order=0, pending_review=False)
    store_image(photo, "image", process_image(upload(jpeg(size=(1600, 1200)))))
    make_business(name="Sandal Lorosari", owner=other_owner, status="pending")
    change_submit(business=business, user=owner, data={"tagline": "Sepatu kulit buatan tangan"})
    CollaborationPost.objects.create(
        business=business,
        kind=CollaborationPost.Kind.SEEK,
        title="Mencari pembuat outsole",
        description="Kami mencari mitra pembuat outsole karet untuk 500 pasang sebulan.",
        until=timezone.localdate() + datetime.timedelta(days=30),
        status="published",
        published_at=timezone.now(),
    )
    return business


def visit_all(page, base_url: str, paths: list[str], screenshots_dir, prefix: str) -> list[str]:
    """Problems seen on the way: refused resources, policy messages, script errors."""
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.add_init_script(RECORD_VIOLATIONS)
    for number, path in enumerate(paths, start=1):
        response = page.goto(base_url + path)
        assert response.status == 200, path
        assert response.headers.get("content-security-policy"), path
        page.wait_for_load_state("load")
        problems += [f"{path}: {violation}" for violation in page.evaluate("window.__violations")]
        page.screenshot(path=screenshots_dir / f"csp-{prefix}-{number:02d}.png", full_page=True)
    return problems


def test_it_breaks_no_public_page(browser, live_server, directory_with_everything, screenshots_dir):
    business = directory_with_everything
    post = CollaborationPost.objects.get()
    page = browser.new_page(viewport={"width": 360, "height": 740})
    paths = [
        "/",
        "/direktori/?role=brand&province=32&sort=name",
        business.get_absolute_url(),
        "/sentra/",
        "/sentra/cibaduyut/",
        "/statistik/",
        "/kolaborasi/",
        post.get_absolute_url(),
        "/akun/login/",
        "/en/",
    ]
    assert visit_all(page, live_server.url, paths, screenshots_dir, "public") == []
    # The profile's JSON-LD block is still there for search engines, with the page's nonce.
    page.goto(live_server.url + business.get_absolute_url())
    assert page.locator('script[type="application/ld+json"]').count() == 1
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["name"] == "Sepatu Tapakrana"
    page.close()


def test_it_breaks_no_dashboard_page(browser, live_server, directory_with_everything, owner, screenshots_dir):
    business = directory_with_everything
    page = signed_in_page(browser, live_server, owner, 360)
    paths = ["/dasbor/", f"/dasbor/usaha/{business.pk}/foto/", f"/dasbor/usaha/{business.pk}/kunjungan/"]
    assert visit_all(page, live_server.url, paths, screenshots_dir, "owner") == []
    page.close()


def test_it_breaks_no_admin_page(browser, live_server, directory_with_everything, superuser, screenshots_dir):
    business = directory_with_everything
    change = business.changes.get()
    page = signed_in_page(browser, live_server, superuser, 1280)
    paths = [
        "/admin/",
        "/admin/directory/business/",
        "/admin/directory/business/?status__exact=published",
        "/admin/directory/business/review/",
        f"/admin/directory/business/{business.pk}/change/",
        f"/admin/directory/businesschange/{change.pk}/change/",
        "/admin/directory/business/duplicates/",
        "/admin/directory/business/export/",
        "/admin/directory/business/import/",
    ]
    assert visit_all(page, live_server.url, paths, screenshots_dir, "admin") == []
    # The figures' bars are drawn without style attributes, at their share.
    page.goto(live_server.url + "/admin/")
    widths = page.eval_on_selector_all(
        ".stewardship .bar rect", "rects => rects.map(rect => rect.getBoundingClientRect().width)"
    )
    assert widths and max(widths) > 0
    page.close()
