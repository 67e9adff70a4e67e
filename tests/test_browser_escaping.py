"""A listing full of script and quote-breaking text, opened in a real
browser: no alert dialog ever opens."""

import pytest

from tests import test_escaping
from tests.test_escaping import ATTRIBUTE, EVERYTHING, SCRIPT

# The same listing as the escaping tests without a browser.
probe = test_escaping.probe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_opens_no_dialog_on_any_page_of_the_listing(browser, live_server, probe, screenshots_dir):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    paths = [
        "/",
        "/direktori/",
        f"/direktori/?q={SCRIPT}",
        f"/direktori/?q={ATTRIBUTE}",
        "/direktori/probe/",
        "/en/direktori/probe/",
        "/kolaborasi/",
        "/sentra/cibaduyut/",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert not dialogs, f"a dialog opened on {path}: {dialogs}"
    page.goto(live_server.url + "/direktori/probe/")
    assert page.locator("h1").first.inner_text() == EVERYTHING
    name = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent).name")
    assert name == EVERYTHING
    page.screenshot(path=screenshots_dir / "escaping-profile-360.png", full_page=True)
    page.goto(live_server.url + "/direktori/")
    page.screenshot(path=screenshots_dir / "escaping-listing-360.png", full_page=True)
    assert not dialogs
