"""The filter options fit a phone whatever their labels and counts: in two
columns on a 360 px screen, a count of five or six digits beside a label of
long words ("Terverifikasi BPIPI 30.227", as at 100,000 businesses) went
past the edge of the screen; it goes under the label instead."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from directory.browse.facet_html import group_html, option_html
from tests.conftest import fits

pytestmark = pytest.mark.browser

OPTIONS = [
    ("verified", "Terverifikasi BPIPI", 30227),
    ("cemented", "Lem (cementing)", 24301),
    ("goodyear", "Goodyear welt (dijahit)", 123456),
    ("handmade", "Buatan tangan", 11855),
    ("sukaregang", "Sukaregang", 7),
    ("craft", "Pengrajin sepatu kulit", 99999),
]


def option(value: str, label: str, count: int) -> dict:
    return {"value": value, "label": label, "count": count, "selected": False, "used": 0}


def filters_page(language: str) -> str:
    """The filter form as the listing nests it, with the site's stylesheet."""
    options = [option(*values) for values in OPTIONS]
    with translation.override(language):
        group = group_html(
            {"name": "construction", "label": "Metode konstruksi", "options": options, "shown": options,
             "more": [], "narrow": False}
        )  # fmt: skip
        switch = option_html("verified", option("1", "Terverifikasi BPIPI", 30227))
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    return (
        f'<!doctype html><html lang="{language}"><head><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><style>{css}</style></head><body><main><div class="wrap section listing">'
        '<div class="listing__layout"><details class="filters" open><summary>Filter</summary>'
        f'<form class="filters__form">{group}<fieldset class="facet"><legend>Lainnya</legend>{switch}{switch}'
        "</fieldset></form></details></div></div></main></body></html>"
    )


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("width", [320, 360, 412, 1280])
def test_long_labels_and_large_counts_stay_on_the_screen(browser, width, language):
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.set_content(filters_page(language))
    assert fits(page, width)
    past_their_group = page.evaluate(
        """Array.from(document.querySelectorAll('.facet label')).filter(label => {
            const group = label.closest('fieldset').getBoundingClientRect();
            return Array.from(label.children).some(part => part.getBoundingClientRect().right > group.right + 0.5);
        }).map(label => label.textContent.trim())"""
    )
    assert past_their_group == []
    # The label and its count are still read together, the count after it.
    count = "30.227" if language == "id" else "30,227"
    assert page.locator(".facet label").first.inner_text().split() == ["Terverifikasi", "BPIPI", count]
    page.close()
