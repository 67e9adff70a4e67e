"""Moderation in the admin: the review queue, single and bulk decisions, the
reason page, the before/after view of a change, and the Moderator group."""

import datetime
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from directory.image_uploads import process_image
from directory.listings import editing, history
from directory.models import (
    Business,
    BusinessChange,
    BusinessClaim,
    BusinessPhoto,
    CollaborationPost,
    ModerationLog,
    Role,
)
from tests.conftest import image_bytes, versions_shown

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/directory/business/"
QUEUE = "/admin/directory/business/review/"
# Session, user, the moderator's permissions (user, then group), the roles
# and province filter lists, filtered and total counts, the page itself, and
# the date hierarchy's range and its days.
MODERATOR_CHANGELIST_QUERIES = 11
# Session, user, permissions (user, group), the six kinds of waiting items
# and their six counts, the rows' businesses with their six related lists,
# the change's reference names, the waiting photos, the probable duplicates
# (the directory's state, then its contact groups and its names once cached)
# and the filters' choices.
QUEUE_QUERIES = 29


@pytest.fixture
def moderating(client, staff_moderator):
    client.force_login(staff_moderator)
    return client


@pytest.fixture
def act(moderating, django_capture_on_commit_callbacks):
    """Runs an admin action as the moderator, and sends the mail it sends
    once committed."""

    def run(action, *objects, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return run_action(moderating, action, *objects, **extra)

    return run


@pytest.fixture
def pending(make_business, owner):
    return make_business(name="Sepatu Tapakrana", owner=owner, status=Business.Status.PENDING)


def run_action(client, action, *objects, url=CHANGELIST, **extra):
    """Posts a decision as its page does, with the versions of the rows shown."""
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], "seen": versions_shown(*objects)}
    return client.post(url, {**data, **extra})


# The Moderator group -------------------------------------------------------------------


def test_it_creates_the_moderator_group_in_a_reversible_migration():
    migration = import_module("directory.migrations.0010_moderator_group")
    apps = MigrationLoader(connection).project_state(("directory", "0010_moderator_group")).apps
    Group.objects.filter(name="Moderator").delete()
    migration.create_moderator_group(apps, None)
    group = Group.objects.get(name="Moderator")
    assert group.permissions.count() == len(migration.PERMISSIONS["directory"])
    migration.delete_moderator_group(apps, None)
    assert not Group.objects.filter(name="Moderator").exists()


def test_it_gives_moderators_no_account_rights_and_no_deletes(moderator_group):
    codenames = set(moderator_group.permissions.values_list("codename", flat=True))
    assert {"view_business", "change_business", "change_businesschange", "change_businessclaim"} <= codenames
    assert "view_moderationlog" in codenames
    assert not any(codename.startswith("delete_") for codename in codenames)
    # They add businesses only by importing community lists, terms to the search glossary, exchange rates,
    # and the addresses and domains they block from sourcing requests.
    assert {codename for codename in codenames if codename.startswith("add_")} == {
        "add_blockedsender",
        "add_business",
        "add_exchangerate",
        "add_glossaryterm",
    }
    assert not Permission.objects.filter(group__name="Moderator", content_type__app_label="auth").exists()
    assert not {"view_user", "change_user"} & codenames


def test_it_lets_moderators_import_a_community_list(client, staff_moderator, reference):
    client.force_login(staff_moderator)
    assert client.get("/admin/directory/business/import/").status_code == 200
    assert "/admin/directory/business/import/" in client.get("/admin/directory/business/").text


def test_it_keeps_moderators_out_of_account_administration(client, staff_moderator, make_business):
    entry = history.log_moderation(
        business=make_business(), moderator=staff_moderator, action=ModerationLog.Action.APPROVED
    )
    client.force_login(staff_moderator)
    assert client.get("/admin/directory/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get(f"/admin/directory/moderationlog/{entry.pk}/delete/").status_code == 403
    assert client.post(f"/admin/directory/moderationlog/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ModerationLog.objects.filter(pk=entry.pk).exists()
    assert client.get("/admin/directory/moderationlog/").status_code == 200


def test_it_lets_moderators_open_what_they_moderate(client, staff_moderator, pending):
    client.force_login(staff_moderator)
    for url in [
        "/admin/",
        QUEUE,
        CHANGELIST,
        f"/admin/directory/business/{pending.pk}/change/",
        "/admin/directory/businesschange/",
        "/admin/directory/businessclaim/",
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["anonymous", "owner"])
def test_it_sends_people_without_staff_rights_to_the_login(client, owner, pending, persona):
    if persona == "owner":
        client.force_login(owner)
    for url in ["/admin/", QUEUE, f"/admin/directory/business/{pending.pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url
    response = run_action(client, "approve", pending)
    assert response["Location"].startswith("/admin/login/")
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_it_refuses_the_queue_to_staff_who_may_not_moderate(client, moderator):
    client.force_login(moderator)  # staff, but in no group
    assert client.get(QUEUE).status_code == 403


# Decisions -----------------------------------------------------------------------------


def test_it_approves_listings_in_bulk(moderating, act, make_business, owner, staff_moderator):
    first, second = make_business(owner=owner, status="pending"), make_business(owner=owner, status="pending")
    response = act("approve", first, second)
    assert response.status_code == 302
    assert set(Business.objects.values_list("status", flat=True)) == {"published"}
    assert ModerationLog.objects.filter(action="approved", moderator=staff_moderator).count() == 2
    assert len(mail.outbox) == 2
    assert "2 usaha disetujui." in moderating.get(response["Location"]).text


def test_it_names_the_rows_a_decision_does_not_fit(moderating, act, make_business):
    published = make_business(name="Sandal Lorosari", status="published")
    page = moderating.get(act("approve", published)["Location"]).text
    assert "Sandal Lorosari" in page
    assert not ModerationLog.objects.exists()


def test_it_asks_for_a_reason_before_rejecting(moderating, act, pending):
    page = act("reject", pending)
    assert page.status_code == 200
    assert "Sepatu Tapakrana" in page.text
    assert 'name="reason"' in page.text
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_it_refuses_to_reject_without_a_reason(moderating, act, pending):
    page = act("reject", pending, apply="1", reason="   ")
    assert page.status_code == 200
    assert "errorlist" in page.text
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not ModerationLog.objects.exists()
    assert mail.outbox == []


def test_it_rejects_with_the_reason(moderating, act, pending, staff_moderator, owner):
    response = act("reject", pending, apply="1", reason="Foto produk buram.")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Foto produk buram.")
    entry = ModerationLog.objects.get()
    assert (entry.action, entry.moderator, entry.reason) == ("rejected", staff_moderator, "Foto produk buram.")
    assert mail.outbox[0].to == [owner.email]


@pytest.mark.parametrize(
    ("action", "status", "fields", "expected"),
    [
        ("unverify", "published", {"verified": True}, {"verified": False}),
        ("feature", "published", {}, {"featured": True}),
        ("unfeature", "published", {"featured": True}, {"featured": False}),
        ("restore", "suspended", {}, {"status": "published"}),
    ],
)
def test_it_runs_each_decision_without_a_reason(
    moderating, act, make_business, owner, action, status, fields, expected
):
    business = make_business(owner=owner, status=status, **fields)
    assert act(action, business).status_code == 302
    business.refresh_from_db()
    assert {name: getattr(business, name) for name in expected} == expected
    assert ModerationLog.objects.filter(business=business).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("action", "status", "expected"),
    [("request_changes", "pending", "rejected"), ("suspend", "published", "suspended")],
)
def test_it_runs_each_decision_with_a_reason(moderating, act, make_business, owner, action, status, expected):
    business = make_business(owner=owner, status=status)
    assert act(action, business, apply="1", reason="").status_code == 200
    assert act(action, business, apply="1", reason="Alamat kurang.").status_code == 302
    business.refresh_from_db()
    assert business.status == expected
    assert ModerationLog.objects.get(business=business).reason == "Alamat kurang."


EVIDENCE = {"apply": "1", "method": "visit", "checked_on": "2025-01-22"}


def test_it_asks_what_was_checked_before_verifying(moderating, act, make_business):
    business = make_business(name="Sepatu Tapakrana")
    page = act("verify", business)
    assert page.status_code == 200
    assert 'name="method"' in page.text and 'name="checked_on"' in page.text
    assert act("verify", business, apply="1", method="visit", checked_on="2999-01-01").status_code == 200
    assert act("verify", business, apply="1", method="magic", checked_on="2025-01-22").status_code == 200
    business.refresh_from_db()
    assert not business.verified


def test_it_records_the_evidence_with_the_verification(moderating, act, make_business, owner):
    business = make_business(owner=owner)
    assert act("verify", business, apply="1", method="lab", checked_on="2025-01-22").status_code == 302
    business.refresh_from_db()
    assert (business.verified, business.verification_method) == (True, "lab")
    assert business.verified_on == datetime.date(2025, 1, 22)
    assert ModerationLog.objects.filter(business=business, action="verified").count() == 1
    assert len(mail.outbox) == 1


def test_it_returns_to_the_queue_after_a_decision_from_a_business_page(moderating, act, pending):
    page = moderating.get(f"/admin/directory/business/{pending.pk}/change/").text
    assert 'value="approve"' in page and 'value="reject"' in page and 'value="suspend"' not in page
    assert f'name="next" value="{QUEUE}"' in page
    response = act("approve", pending, next=QUEUE)
    assert response["Location"] == QUEUE
    response = act("verify", pending, next="https://evil.example/", **EVIDENCE)
    assert response["Location"] == CHANGELIST


def test_it_leaves_decisions_to_the_actions_for_moderators(moderating, pending):
    page = moderating.get(f"/admin/directory/business/{pending.pk}/change/").text
    assert 'name="status"' not in page and 'name="verified"' not in page and 'name="featured"' not in page
    assert 'name="description"' in page


def test_it_shows_the_moderation_log_on_the_business_page(moderating, act, pending):
    act("reject", pending, apply="1", reason="Foto produk buram.")
    page = moderating.get(f"/admin/directory/business/{pending.pk}/change/").text
    assert "Foto produk buram." in page
    assert "dewi@example.com" in page


# Owners' changes and claims ------------------------------------------------------------


@pytest.fixture
def change(make_business, owner):
    business = make_business(name="Sandal Lorosari", owner=owner, roles=["producer"])
    logo = editing.logo_value(business, process_image(SimpleUploadedFile("l.png", image_bytes("PNG", (200, 200)))))
    return editing.change_submit(
        business=business,
        user=owner,
        data={"name": "Lorosari Footwear", "roles": [Role.objects.get(slug="brand").pk], "logo": logo},
    )


def test_it_shows_a_change_field_by_field_with_names_and_logos(moderating, change):
    page = moderating.get(f"/admin/directory/businesschange/{change.pk}/change/").text
    assert "<del>Sandal</del> Lorosari" in page and "Lorosari <ins>Footwear</ins>" in page
    producer, brand = Role.objects.get(slug="producer"), Role.objects.get(slug="brand")
    assert producer.name in page and brand.name in page
    assert change.data["logo"]["name"].removesuffix(".webp") in page
    assert 'value="approve_changes"' in page and 'value="reject_changes"' in page


def test_it_approves_a_change_from_its_page(moderating, act, change, owner):
    response = act("approve_changes", change, url="/admin/directory/businesschange/", next=QUEUE)
    assert response["Location"] == QUEUE
    change.refresh_from_db()
    assert change.status == "approved"
    assert Business.objects.get().name == "Lorosari Footwear"
    assert ModerationLog.objects.get().action == "change_approved"
    assert mail.outbox[0].to == [owner.email]


def test_it_rejects_a_change_only_with_a_reason(moderating, act, change):
    url = "/admin/directory/businesschange/"
    assert act("reject_changes", change, url=url, apply="1", reason="").status_code == 200
    change.refresh_from_db()
    assert change.status == "pending"
    act("reject_changes", change, url=url, apply="1", reason="Nama tidak sesuai izin.")
    change.refresh_from_db()
    assert (change.status, change.reason) == ("rejected", "Nama tidak sesuai izin.")


def test_it_approves_a_claim_from_its_page(moderating, act, make_business, other_owner):
    business = make_business(owner=None)
    claim = BusinessClaim.objects.create(business=business, claimant=other_owner, position="Pemilik")
    page = moderating.get(f"/admin/directory/businessclaim/{claim.pk}/change/").text
    assert 'value="approve_claims"' in page
    act("approve_claims", claim, url="/admin/directory/businessclaim/")
    business.refresh_from_db()
    assert business.owner == other_owner
    assert ModerationLog.objects.get().action == "claim_approved"


# The review queue ----------------------------------------------------------------------


def test_it_lists_everything_waiting_oldest_first_with_its_age(
    client, staff_moderator, make_business, owner, other_owner
):
    now = timezone.now()
    listing = make_business(name="Usaha Baru", owner=owner, status="pending")
    ModerationLog.objects.create(
        business=listing, business_name=listing.name, action="submitted", created_at=now - datetime.timedelta(days=3)
    )
    published = make_business(name="Usaha Lama", owner=other_owner)
    change = editing.change_submit(business=published, user=other_owner, data={"tagline": "Sandal kulit"})
    BusinessChange.objects.filter(pk=change.pk).update(created_at=now - datetime.timedelta(days=5))
    unclaimed = make_business(name="Usaha Tanpa Pemilik", owner=None)
    claim = BusinessClaim.objects.create(business=unclaimed, claimant=owner, position="Pemilik")
    BusinessClaim.objects.filter(pk=claim.pk).update(created_at=now - datetime.timedelta(hours=2))
    make_business(name="Usaha Terbit")  # published, nothing to decide
    with_photos = make_business(name="Usaha Berfoto", owner=other_owner)
    for _ in range(2):
        BusinessPhoto.objects.create(
            business=with_photos,
            image=SimpleUploadedFile("toko.jpg", image_bytes()),
            alt_text="Etalase",
            pending_review=True,
            created_at=now - datetime.timedelta(days=1),
        )

    post = CollaborationPost.objects.create(
        business=make_business(name="Usaha Berkolaborasi", owner=other_owner),
        kind="seek",
        title="Mencari pembuat outsol",
        description="Untuk 500 pasang per bulan.",
        until=now.date() + datetime.timedelta(days=30),
        status="pending",
        submitted_at=now - datetime.timedelta(days=4),
    )

    client.force_login(staff_moderator)
    page = client.get(QUEUE).text
    names = ["Usaha Lama", "Usaha Berkolaborasi", "Usaha Baru", "Usaha Berfoto", "Usaha Tanpa Pemilik"]
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Usaha Terbit" not in page
    assert "5\xa0hari" in page and "3\xa0hari" in page and "2\xa0jam" in page
    assert f"/admin/directory/businesschange/{change.pk}/change/" in page
    assert f"/admin/directory/business/{listing.pk}/change/" in page
    assert f"/admin/directory/businessclaim/{claim.pk}/change/" in page
    assert "Slogan singkat" in page  # what the change is about
    assert "/admin/directory/businessphoto/?pending_review__exact=1&amp;q=Usaha+Berfoto" in page
    assert "<strong>2</strong> foto" in page
    assert f"/admin/directory/collaborationpost/{post.pk}/change/" in page and "Mencari pembuat outsol" in page
    # A moderator may open the post to decide on it.
    assert client.get(f"/admin/directory/collaborationpost/{post.pk}/change/").status_code == 200


def test_it_links_the_queue_from_the_admin_front_page(client, staff_moderator, make_business):
    from directory.sourcing.models import RequestStatus, SourcingRequest
    from directory.taxonomy.models import ProductCategory

    make_business(status="pending")
    for status in (RequestStatus.PENDING, RequestStatus.UNCONFIRMED):
        SourcingRequest.objects.create(
            title="Boots", category=ProductCategory.objects.first(), quantity=500, delivery_place="Perth",
            deadline="2099-01-01", description="Boots.", buyer_name="B", buyer_country="AU",
            email="b@example.org", status=status,
        )  # fmt: skip
    client.force_login(staff_moderator)
    page = client.get("/admin/").text
    assert QUEUE in page
    assert "usaha baru 1" in page and "pos kolaborasi 0" in page
    # A request waits for staff once its buyer confirmed it, not before.
    assert "permintaan pengadaan 1" in page


@pytest.mark.parametrize("count", [2, 20])
def test_it_shows_the_queue_in_a_constant_number_of_queries(
    client, staff_moderator, make_business, owner, django_assert_num_queries, count
):
    for number in range(count):
        make_business(owner=owner, status="pending")
        published = make_business(owner=owner)
        editing.change_submit(business=published, user=owner, data={"tagline": f"Tagline {number}"})
        BusinessClaim.objects.create(business=make_business(owner=None), claimant=owner, position="Pemilik")
        BusinessPhoto.objects.create(
            business=published,
            image=SimpleUploadedFile("toko.jpg", image_bytes()),
            alt_text="Toko",
            pending_review=True,
        )
    client.force_login(staff_moderator)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_it_lists_businesses_for_a_moderator_in_a_constant_number_of_queries(
    client, staff_moderator, make_business, owner, django_assert_num_queries, count
):
    for _ in range(count):
        make_business(roles=["brand", "producer"], owner=owner, status="pending")
    client.force_login(staff_moderator)
    with django_assert_num_queries(MODERATOR_CHANGELIST_QUERIES):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert 'value="approve"' in response.text
