"""The profile's facts with their evidence: what BPIPI checked and when, the
owner's confirmation only when there is an owner, the claim offer only when
there is none, and dates in words in the page's language."""

import datetime
import html

import pytest
from django.utils import timezone

from directory.models import months_before
from directory.stewardship import freshness

pytestmark = pytest.mark.django_db


def page(client, business, language="id") -> str:
    path = f"/direktori/{business.slug}/"
    return html.unescape(client.get(path if language == "id" else "/en" + path).text)


CHECKED = datetime.date(2025, 1, 22)


@pytest.mark.parametrize(
    ("method", "indonesian", "english"),
    [
        (
            "document",
            "Staf BPIPI memeriksa dokumen usaha ini pada 22 Januari 2025.",
            "BPIPI staff saw this business's documents on 22 January 2025.",
        ),
        (
            "visit",
            "Staf BPIPI mengunjungi usaha ini pada 22 Januari 2025.",
            "BPIPI staff visited this business on 22 January 2025.",
        ),
        (
            "lab",
            "Laboratorium BPIPI menguji produk usaha ini pada 22 Januari 2025.",
            "BPIPI's laboratory tested this business's products on 22 January 2025.",
        ),
    ],
)
def test_the_badge_says_what_was_checked_and_when(client, make_business, method, indonesian, english):
    business = make_business(verified=True, verification_method=method, verified_on=CHECKED)
    assert indonesian in page(client, business)
    assert english in page(client, business, "en")


def test_a_badge_without_recorded_evidence_keeps_the_general_sentence(client, make_business):
    business = make_business(verified=True)
    assert "BPIPI staff have checked that this business exists." in page(client, business, "en")


def test_the_badge_and_its_evidence_drop_with_the_18_month_rule(client, make_business, owner):
    now = timezone.now()
    business = make_business(
        owner=owner,
        verified=True,
        verification_method="visit",
        verified_on=CHECKED,
        last_confirmed_at=months_before(now, 19),
    )
    assert freshness.stale_unverify(now=now) == [business]
    text = page(client, business, "en")
    assert "Verified by BPIPI" not in text
    assert "visited this business" not in text


def test_the_owner_confirmation_shows_only_with_an_owner(client, make_business, owner):
    confirmed = timezone.make_aware(datetime.datetime(2025, 1, 22, 10))
    owned = make_business(owner=owner, last_confirmed_at=confirmed)
    orphan = make_business(last_confirmed_at=confirmed)
    owned_page = page(client, owned, "en")
    orphan_page = page(client, orphan, "en")
    assert "Confirmed by its owner" in owned_page and "22 January 2025" in owned_page
    assert "Confirmed by its owner" not in orphan_page
    assert "22 Januari 2025" in page(client, owned)


def test_the_claim_offer_shows_only_without_an_owner(client, make_business, owner):
    owned = make_business(owner=owner)
    orphan = make_business()
    assert "claim it" not in page(client, owned, "en")
    assert "claim it" in page(client, orphan, "en")
