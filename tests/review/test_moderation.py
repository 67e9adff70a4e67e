"""Staff's decisions on a listing (review.decisions): each one changes the
listing, writes a moderation log entry and emails the owner in their language."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from directory.listings import editing
from directory.models import Business, BusinessChange, BusinessClaim, ModerationLog
from directory.review import claims, decisions

pytestmark = pytest.mark.django_db

Action = ModerationLog.Action


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """Runs a decision and the mail it sends once committed."""

    def run(function, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**arguments)

    return run


@pytest.fixture
def pending(make_business, owner):
    return make_business(name="Sepatu Tapakrana", owner=owner, status=Business.Status.PENDING)


@pytest.fixture
def published(make_business, owner):
    return make_business(name="Sandal Lorosari", owner=owner, status=Business.Status.PUBLISHED)


def only_entry(business):
    entry = ModerationLog.objects.get(business=business)
    return entry.action, entry.moderator, entry.reason


def test_it_publishes_an_approved_listing(decide, pending, moderator, owner):
    decide(decisions.business_approve, business=pending, moderator=moderator)
    pending.refresh_from_db()
    assert pending.status == "published" and pending.published_at is not None
    assert Business.objects.published().filter(pk=pending.pk).exists()
    assert only_entry(pending) == (Action.APPROVED, moderator, "")
    [message] = mail.outbox
    assert message.to == [owner.email]
    assert message.subject == "[IFN] Usaha Anda Sepatu Tapakrana sudah tayang"
    assert "Sepatu Tapakrana" in message.body
    assert "http://localhost:8000/dasbor/" in message.body


def test_it_writes_to_the_owner_in_their_language(decide, pending, moderator, owner):
    owner.language = "en"
    owner.save()
    decide(decisions.business_reject, business=pending, moderator=moderator, reason="Foto buram.")
    [message] = mail.outbox
    assert message.subject == "[IFN] Your listing Sepatu Tapakrana was not published"
    assert "Foto buram." in message.body
    assert "Hello Alice Ratnasari," in message.body
    assert "http://localhost:8000/en/dasbor/" in message.body


def test_it_rejects_a_listing_with_the_reason(decide, pending, moderator):
    decide(decisions.business_reject, business=pending, moderator=moderator, reason="  Foto buram.  ")
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Foto buram.")
    assert only_entry(pending) == (Action.REJECTED, moderator, "Foto buram.")
    assert "Foto buram." in mail.outbox[0].body


@pytest.mark.parametrize(
    "function", [decisions.business_reject, decisions.business_request_changes, decisions.business_suspend]
)
def test_it_refuses_a_decision_without_a_reason(decide, make_business, owner, moderator, function):
    business = make_business(owner=owner, status="pending" if function != decisions.business_suspend else "published")
    before = business.status
    with pytest.raises(ValidationError) as error:
        decide(function, business=business, moderator=moderator, reason="   ")
    assert error.value.code == "reason_required"
    business.refresh_from_db()
    assert business.status == before
    assert not ModerationLog.objects.exists()
    assert mail.outbox == []


def test_it_sends_a_listing_back_to_its_owner_for_changes(decide, pending, moderator):
    decide(decisions.business_request_changes, business=pending, moderator=moderator, reason="Tambahkan alamat.")
    pending.refresh_from_db()
    # The owner's dashboard shows a rejected listing with its reason, editable and submittable again.
    assert (pending.status, pending.rejection_reason) == ("rejected", "Tambahkan alamat.")
    assert only_entry(pending) == (Action.CHANGES_REQUESTED, moderator, "Tambahkan alamat.")
    assert "Tambahkan alamat." in mail.outbox[0].body


def test_it_keeps_a_published_listing_public_when_asking_for_changes(decide, published, moderator):
    decide(decisions.business_request_changes, business=published, moderator=moderator, reason="Nomor WA salah.")
    published.refresh_from_db()
    assert published.status == "published"
    assert only_entry(published) == (Action.CHANGES_REQUESTED, moderator, "Nomor WA salah.")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("function", "field", "before", "after", "action"),
    [
        (decisions.business_verify, "verified", False, True, Action.VERIFIED),
        (decisions.business_unverify, "verified", True, False, Action.UNVERIFIED),
        (decisions.business_feature, "featured", False, True, Action.FEATURED),
        (decisions.business_unfeature, "featured", True, False, Action.UNFEATURED),
    ],
)
def test_it_sets_the_flags_staff_decide(
    decide, make_business, owner, moderator, function, field, before, after, action
):
    business = make_business(owner=owner, **{field: before})
    decide(function, business=business, moderator=moderator)
    business.refresh_from_db()
    assert getattr(business, field) is after
    if field == "verified":
        # The directory filters by it through the stored facet keys.
        assert ("verified:1" in business.facet_keys) is after
    assert only_entry(business) == (action, moderator, "")
    assert len(mail.outbox) == 1
    with pytest.raises(decisions.ModerationError):
        decide(function, business=business, moderator=moderator)
    assert ModerationLog.objects.count() == 1


def test_it_suspends_and_restores_a_listing(decide, published, moderator):
    decide(decisions.business_suspend, business=published, moderator=moderator, reason="Laporan penipuan.")
    published.refresh_from_db()
    assert published.status == "suspended"
    assert not Business.objects.published().filter(pk=published.pk).exists()
    decide(decisions.business_restore, business=published, moderator=moderator)
    published.refresh_from_db()
    assert published.status == "published"
    entries = list(ModerationLog.objects.order_by("created_at", "id").values_list("action", "reason"))
    assert entries == [(Action.SUSPENDED, "Laporan penipuan."), (Action.RESTORED, "")]
    assert "Laporan penipuan." in mail.outbox[0].body
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("function", "status"),
    [
        (decisions.business_approve, "published"),
        (decisions.business_approve, "draft"),
        (decisions.business_restore, "published"),
    ],
)
def test_it_refuses_a_decision_that_does_not_fit_the_status(decide, make_business, moderator, function, status):
    business = make_business(status=status)
    with pytest.raises(decisions.ModerationError):
        decide(function, business=business, moderator=moderator)
    assert not ModerationLog.objects.exists()


def test_it_refuses_to_suspend_a_listing_that_is_not_public(decide, pending, moderator):
    with pytest.raises(decisions.ModerationError):
        decide(decisions.business_suspend, business=pending, moderator=moderator, reason="Spam")


def test_it_sends_no_mail_to_a_business_without_an_owner(decide, make_business, moderator):
    business = make_business(owner=None, status="pending")
    decide(decisions.business_approve, business=business, moderator=moderator)
    assert only_entry(business) == (Action.APPROVED, moderator, "")
    assert mail.outbox == []


def test_it_sends_nothing_when_the_decision_is_rolled_back(pending, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decisions.business_approve(business=pending, moderator=moderator)
    assert sum("moderation_mail" in callback.__qualname__ for callback in callbacks) == 1
    assert mail.outbox == []


def test_it_logs_when_the_owner_submits(make_business, owner):
    business = make_business(owner=owner, status="draft", description="Sneakers.", phone="+6281200000001")
    editing.listing_submit(business=business, user=owner)
    assert only_entry(business) == (Action.SUBMITTED, None, "")


def test_it_logs_and_mails_decisions_on_changes(decide, published, owner, moderator):
    change = editing.change_submit(business=published, user=owner, data={"name": "Lorosari Footwear"})
    decide(decisions.change_approve, change=change, moderator=moderator)
    assert only_entry(published) == (Action.CHANGE_APPROVED, moderator, "")
    second = editing.change_submit(business=published, user=owner, data={"tagline": "Sandal jepit"})
    decide(decisions.change_reject, change=second, moderator=moderator, reason="Tagline kurang jelas.")
    assert ModerationLog.objects.filter(action=Action.CHANGE_REJECTED, reason="Tagline kurang jelas.").exists()
    assert [message.to for message in mail.outbox] == [[owner.email], [owner.email]]
    assert "Tagline kurang jelas." in mail.outbox[1].body
    assert BusinessChange.objects.filter(status="rejected").count() == 1


def test_it_logs_and_mails_decisions_on_claims(decide, make_business, owner, other_owner, moderator):
    business = make_business(owner=None, name="Sepatu Lawas")
    chosen = BusinessClaim.objects.create(business=business, claimant=owner, position="Pemilik")
    rival = BusinessClaim.objects.create(business=business, claimant=other_owner, position="Pemilik")
    decide(claims.claim_approve, claim=chosen, moderator=moderator)
    actions = sorted(ModerationLog.objects.values_list("action", flat=True))
    assert actions == [Action.CLAIM_APPROVED, Action.CLAIM_REJECTED]
    assert sorted(message.to[0] for message in mail.outbox) == [owner.email, other_owner.email]
    rival.refresh_from_db()
    assert rival.status == "rejected"


def test_it_logs_and_mails_a_rejected_claim(decide, make_business, other_owner, moderator):
    business = make_business(owner=None)
    claim = BusinessClaim.objects.create(business=business, claimant=other_owner, position="Pemilik")
    decide(claims.claim_reject, claim=claim, moderator=moderator, reason="Bukti kurang.")
    assert only_entry(business) == (Action.CLAIM_REJECTED, moderator, "Bukti kurang.")
    assert "Bukti kurang." in mail.outbox[0].body
    assert mail.outbox[0].to == [other_owner.email]


def test_it_keeps_the_decision_when_the_mail_server_is_down(decide, pending, moderator, monkeypatch, caplog):
    def refuse(message, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    decide(decisions.business_reject, business=pending, moderator=moderator, reason="Foto buram.")
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert only_entry(pending) == (Action.REJECTED, moderator, "Foto buram.")
    assert "Could not email alice@example.com about rejected on Sepatu Tapakrana." in caplog.text
