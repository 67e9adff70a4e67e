"""A decision applies to what the moderator was shown: when the owner edits
a listing, change, photo, claim or post after the moderator opened it,
pressing a decision decides nothing and shows the item again, saying what
changed. Bulk decisions confirm on a page listing each item with its version."""

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from directory.connect import posts
from directory.listings import photo_edits
from directory.models import (
    Business,
    BusinessChange,
    BusinessClaim,
    CollaborationPost,
    ProductCategory,
    Role,
)
from tests.listings.test_gallery import add_photo

pytestmark = pytest.mark.django_db

REVIEWED = "Reviewed: sneakers kulit dari Cibaduyut"
UNREVIEWED = "Unreviewed: hubungi kami di nomor pribadi"


@pytest.fixture
def moderating(staff_moderator):
    client = Client()
    client.force_login(staff_moderator)
    return client


@pytest.fixture
def owning(owner):
    client = Client()
    client.force_login(owner)
    return client


def hidden_inputs(form_html: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form_html):
        fields.setdefault(name, []).append(html.unescape(value))
    return fields


def press(client, page_url: str, action: str, **extra):
    """Presses a decision's button on an item's admin page, as opened at `page_url`."""
    page = client.get(page_url).text
    forms = re.findall(r'<form method="post" action="([^"]+)" class="moderation-button">(.*?)</form>', page, re.S)
    for target, body in forms:
        fields = hidden_inputs(body)
        if fields.get("action") == [action]:
            return target, fields
    raise AssertionError(f"no {action} button on {page_url}")


def send(client, target: str, fields: dict, **extra):
    return client.post(target, {**fields, **extra})


def confirm(client, page_html: str, **extra):
    """Presses the confirmation page's button, with `extra` typed in."""
    target, body = re.search(
        r'<form method="post" class="reason-form decision-confirm" action="([^"]+)">(.*?)</form>', page_html, re.S
    ).groups()
    return client.post(target, {**hidden_inputs(body), **extra})


def edit_tagline(client, business: Business, tagline: str):
    """The owner edits the first step of their listing, as the dashboard does."""
    url = reverse("dashboard:listing_step", args=[business.pk, "usaha"])
    token = re.search(r'name="loaded" value="([^"]+)"', client.get(url).text).group(1)
    data = {
        "name": business.name,
        "roles": [Role.objects.get(slug="producer").pk],
        "stage": "hilir",
        "categories": [ProductCategory.objects.get(slug="sneakers").pk],
        "tagline": tagline,
        "loaded": token,
        "go": "next",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content


# The race as staff met it --------------------------------------------------------------


def test_it_approves_no_change_the_moderator_did_not_see(moderating, owning, make_business, owner):
    listing = make_business(name="Sepatu Tapakrana", owner=owner, roles=["producer"], tagline="Sepatu kulit")
    edit_tagline(owning, listing, REVIEWED)
    change = BusinessChange.objects.get(business=listing, status="pending")
    change_page = reverse("admin:directory_businesschange_change", args=[change.pk])
    target, fields = press(moderating, change_page, "approve_changes")  # the moderator reads "Reviewed…"
    edit_tagline(owning, listing, UNREVIEWED)  # the owner edits again meanwhile

    response = send(moderating, target, fields)

    assert response.status_code == 302 and response["Location"] == change_page
    change.refresh_from_db()
    assert change.status == "pending"
    shown_again = moderating.get(response["Location"]).text
    assert "berubah setelah Anda membukanya (Slogan singkat)" in shown_again
    assert UNREVIEWED in shown_again
    public = moderating.get(listing.get_absolute_url()).text
    assert UNREVIEWED not in public and "Sepatu kulit" in public
    # Approved on the page that shows it, it is published.
    target, fields = press(moderating, change_page, "approve_changes")
    send(moderating, target, fields)
    assert UNREVIEWED in moderating.get(listing.get_absolute_url()).text


def test_it_approves_no_new_listing_the_moderator_did_not_see(moderating, owning, make_business, owner):
    listing = make_business(name="Sepatu Tapakrana", owner=owner, status="pending", tagline=REVIEWED)
    page = reverse("admin:directory_business_change", args=[listing.pk])
    target, fields = press(moderating, page, "approve")
    edit_tagline(owning, listing, UNREVIEWED)  # a pending listing is edited in place

    response = send(moderating, target, fields)

    assert response["Location"] == page
    listing.refresh_from_db()
    assert (listing.status, listing.tagline) == ("pending", UNREVIEWED)
    assert "Slogan singkat" in moderating.get(page).text
    target, fields = press(moderating, page, "approve")
    send(moderating, target, fields)
    listing.refresh_from_db()
    assert listing.status == "published"


# Every kind of item and decision --------------------------------------------------------


def pending_listing(make_business, owner, other_owner):
    listing = make_business(owner=owner, status="pending", tagline=REVIEWED)
    return listing, reverse("admin:directory_business_change", args=[listing.pk])


def edit_listing(listing):
    Business.objects.filter(pk=listing.pk).update(tagline=UNREVIEWED)


def pending_change(make_business, owner, other_owner):
    listing = make_business(owner=owner)
    change = BusinessChange.objects.create(business=listing, submitted_by=owner, data={"tagline": REVIEWED})
    return change, reverse("admin:directory_businesschange_change", args=[change.pk])


def edit_change(change):
    BusinessChange.objects.filter(pk=change.pk).update(data={"tagline": UNREVIEWED})


def pending_claim(make_business, owner, other_owner):
    claim = BusinessClaim.objects.create(
        business=make_business(), claimant=other_owner, position="Pemilik", note="Bengkel saya sejak 2010."
    )
    return claim, reverse("admin:directory_businessclaim_change", args=[claim.pk])


def edit_claim(claim):
    BusinessClaim.objects.filter(pk=claim.pk).update(note="Saya karyawan, bukan pemilik.")


def pending_post(make_business, owner, other_owner):
    post = CollaborationPost.objects.create(
        business=make_business(owner=owner),
        kind="seek",
        title="Mencari pembuat outsol",
        description="Outsol karet, 500 pasang sebulan.",
        until=datetime.date.today() + datetime.timedelta(days=30),
        status="pending",
    )
    return post, reverse("admin:directory_collaborationpost_change", args=[post.pk])


def edit_post(post):
    posts.post_save(
        business=post.business,
        user=post.business.owner,
        kind="offer",
        title=post.title,
        description="Kami juga menjual kulit imitasi.",
        until=post.until,
        post=post,
        submit=True,
    )


def decided(item) -> bool:
    """Every kind here waits with the status "pending" until decided."""
    return type(item).objects.get(pk=item.pk).status != "pending"


KINDS = {
    "listing": (pending_listing, edit_listing, ["approve", "reject", "request_changes"], "Slogan singkat"),
    "change": (pending_change, edit_change, ["approve_changes", "reject_changes"], "Slogan singkat"),
    "claim": (pending_claim, edit_claim, ["approve_claims", "reject_claims"], "Catatan bukti"),
    "post": (pending_post, edit_post, ["approve_posts", "reject_posts"], "Jenis"),
}
CASES = [(kind, action) for kind, (_make, _edit, actions, _label) in KINDS.items() for action in actions]


@pytest.mark.parametrize(("kind", "action"), CASES)
def test_it_decides_nothing_on_an_item_edited_after_it_was_shown(
    moderating, make_business, owner, other_owner, kind, action
):
    make, edit, _actions, label = KINDS[kind]
    item, page = make(make_business, owner, other_owner)
    target, fields = press(moderating, page, action)
    edit(item)
    if action.startswith(("reject", "request")):
        # The reason page carries the version of the item's page along.
        asked = send(moderating, target, fields)
        assert asked.status_code == 200
        response = confirm(moderating, asked.text, reason="Kurang jelas.")
    else:
        response = send(moderating, target, fields)
    assert response.status_code == 302 and response["Location"] == page
    assert not decided(item)
    message = moderating.get(page).text
    assert "Tidak ada yang diputuskan" in message and label in message


@pytest.mark.parametrize(("kind", "action"), CASES)
def test_it_decides_an_item_unchanged_since_it_was_shown(moderating, make_business, owner, other_owner, kind, action):
    make, _edit, _actions, _label = KINDS[kind]
    item, page = make(make_business, owner, other_owner)
    target, fields = press(moderating, page, action)
    if action.startswith(("reject", "request")):
        response = confirm(moderating, send(moderating, target, fields).text, reason="Kurang jelas.")
    else:
        response = send(moderating, target, fields)
    assert response.status_code == 302
    if action != "request_changes" or kind != "listing":
        assert decided(item)
    else:
        item.refresh_from_db()
        assert item.status == "rejected"


@pytest.mark.parametrize("action", ["approve_photos", "reject_photos"])
def test_it_decides_nothing_on_a_photo_redescribed_after_it_was_shown(moderating, make_business, owner, action):
    business = make_business(owner=owner)
    photo = add_photo(business, alt_text="Etalase kami")
    changelist = reverse("admin:directory_businessphoto_changelist")
    shown = moderating.post(changelist, {"action": action, "_selected_action": [photo.pk]})
    assert "Etalase kami" in shown.text
    photo_edits.photo_update(photo=photo, alt_text="Nomor pribadi 0812")
    response = confirm(moderating, shown.text, reason="Foto memuat nomor pribadi.")
    assert response["Location"] == reverse("admin:directory_businessphoto_change", args=[photo.pk])
    photo.refresh_from_db()
    assert photo.pending_review
    assert "Keterangan foto" in moderating.get(response["Location"]).text


# Bulk decisions ------------------------------------------------------------------------


def test_it_confirms_a_bulk_decision_on_a_page_listing_what_will_be_decided(moderating, make_business, owner):
    first = make_business(name="Sepatu Satu", owner=owner, status="pending", tagline="Sandal kulit")
    second = make_business(name="Sepatu Dua", owner=owner, status="pending", tagline=REVIEWED)
    changelist = reverse("admin:directory_business_changelist")

    shown = moderating.post(changelist, {"action": "approve", "_selected_action": [first.pk, second.pk]})

    assert shown.status_code == 200
    assert "Sandal kulit" in shown.text and REVIEWED in shown.text
    assert Business.objects.filter(status="pending").count() == 2  # nothing decided yet
    Business.objects.filter(pk=second.pk).update(tagline=UNREVIEWED)
    again = confirm(moderating, shown.text)
    # The unchanged listing is decided; the edited one is shown again with its new text.
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("published", "pending")
    assert again.status_code == 200
    assert UNREVIEWED in again.text and "Sandal kulit" not in again.text
    assert "Slogan singkat" in again.text
    confirm(moderating, again.text)
    second.refresh_from_db()
    assert second.status == "published"


def test_it_decides_nothing_with_a_forged_version(moderating, make_business, owner):
    listing = make_business(owner=owner, status="pending")
    changelist = reverse("admin:directory_business_changelist")
    page = moderating.post(changelist, {"action": "approve", "_selected_action": [listing.pk], "seen": ["forged"]})
    assert page.status_code == 200
    listing.refresh_from_db()
    assert listing.status == "pending"


def test_it_keeps_a_version_for_its_own_row_only(moderating, make_business, owner):
    shown, other = make_business(owner=owner, status="pending"), make_business(owner=owner, status="pending")
    target, fields = press(moderating, reverse("admin:directory_business_change", args=[shown.pk]), "approve")
    response = send(moderating, target, {**fields, "_selected_action": [other.pk]})
    assert response.status_code == 200  # the other listing was never shown: confirm it first
    other.refresh_from_db()
    assert other.status == "pending"
