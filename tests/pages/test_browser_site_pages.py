"""The basic pages in a real browser: axe-core and the Nu checker, on a phone
and a desktop screen, in both languages, without horizontal scrolling."""

import pytest

from tests.conftest import fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_basic_pages_pass_the_checks(browser, live_server, reference, watch, screenshots_dir, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    checked = watch(page)
    for path in ("/tentang/", "/kontak/", "/privasi/", "/ketentuan/"):
        for prefix in ("", "/en"):
            page.goto(live_server.url + prefix + path)
            checked.check()
            assert fits(page, width), prefix + path
            name = (prefix + path).strip("/").replace("/", "-")
            page.screenshot(path=screenshots_dir / f"site-page-{name}-{width}.png", full_page=True)
    page.close()
