"""Freshness: listings their owner has not confirmed for 12 months are
flagged in the admin and their owners reminded by `remind_stale`; after 18
months the verified badge goes, with a log entry and a mail."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.models import Business, ModerationLog, months_before
from directory.stewardship import freshness

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 0))


def ago(**kwargs):
    return NOW - datetime.timedelta(**kwargs)


def test_it_counts_calendar_months():
    assert months_before(NOW, 12) == NOW.replace(year=2025)
    march_31 = timezone.make_aware(datetime.datetime(2026, 3, 31, 12, 0))
    assert months_before(march_31, 1).date() == datetime.date(2026, 2, 28)
    assert months_before(march_31, 18).date() == datetime.date(2024, 9, 30)


def test_it_falls_back_to_the_publication_then_the_creation_date(make_business):
    confirmed = make_business(last_confirmed_at=ago(days=10), published_at=ago(days=900))
    published = make_business(published_at=ago(days=400))
    created = make_business(created_at=ago(days=30))
    stale = Business.objects.unconfirmed_since(months_before(NOW, 12))
    assert list(stale) == [published]
    dates = dict(Business.objects.with_confirmed_on().values_list("pk", "confirmed_on"))
    assert dates[confirmed.pk] == ago(days=10)
    assert dates[created.pk] == ago(days=30)


# Reminders --------------------------------------------------------------------


def test_it_reminds_the_owner_once_in_their_language_with_a_link(make_business, owner):
    owner.language = "en"
    owner.save()
    business = make_business(owner=owner, name="Sepatu Tapakrana", published_at=ago(days=400))
    reminded = freshness.stale_remind(now=NOW)
    assert reminded == [business]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert message.subject == "[IFN] Is the listing of Sepatu Tapakrana still correct?"
    assert "http://localhost:8000/en/dasbor/" in message.body
    business.refresh_from_db()
    assert business.stale_reminder_sent_at == NOW
    entry = ModerationLog.objects.get()
    assert (entry.business, entry.action, entry.moderator) == (business, ModerationLog.Action.REMINDED, None)


def test_it_writes_to_an_indonesian_owner_in_indonesian(make_business, owner):
    make_business(owner=owner, name="Sepatu Tapakrana", published_at=ago(days=400))
    freshness.stale_remind(now=NOW)
    assert "/dasbor/" in mail.outbox[0].body and "/en/" not in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[IFN] Apakah")


def test_it_sends_nothing_new_on_a_second_run_and_again_after_the_period(make_business, owner):
    make_business(owner=owner, published_at=ago(days=400))
    assert len(freshness.stale_remind(now=NOW)) == 1
    assert freshness.stale_remind(now=NOW + datetime.timedelta(hours=1)) == []
    assert freshness.stale_remind(now=NOW + datetime.timedelta(days=29)) == []
    assert len(mail.outbox) == 1
    assert len(freshness.stale_remind(now=NOW + freshness.REMINDER_PERIOD)) == 1
    assert len(mail.outbox) == 2
    assert ModerationLog.objects.filter(action=ModerationLog.Action.REMINDED).count() == 2


def test_it_reminds_only_owners_of_stale_published_listings(make_business, owner, other_owner):
    make_business(owner=owner, published_at=ago(days=400), last_confirmed_at=ago(days=100))
    make_business(owner=owner, status=Business.Status.DRAFT, created_at=ago(days=400))
    make_business(owner=None, published_at=ago(days=400))
    other_owner.is_active = False
    other_owner.save()
    make_business(owner=other_owner, published_at=ago(days=400))
    assert freshness.stale_remind(now=NOW) == []
    assert mail.outbox == []


# Losing the verified badge ------------------------------------------------------------


def test_it_removes_the_badge_after_18_months_with_a_log_entry_and_a_mail(make_business, owner):
    business = make_business(
        owner=owner, name="Sepatu Tapakrana", verified=True, published_at=ago(days=900), last_confirmed_at=ago(days=560)
    )
    recent = make_business(owner=owner, verified=True, last_confirmed_at=ago(days=500))
    assert freshness.stale_unverify(now=NOW) == [business]
    business.refresh_from_db()
    assert business.verified is False
    assert "verified:1" not in business.facet_keys
    recent.refresh_from_db()
    assert recent.verified is True
    entry = ModerationLog.objects.get()
    assert (entry.business, entry.action, entry.moderator) == (business, ModerationLog.Action.UNVERIFIED, None)
    assert "18" in entry.reason
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "Sepatu Tapakrana" in mail.outbox[0].subject
    # Idempotent: nothing more on a second run.
    assert freshness.stale_unverify(now=NOW) == []
    assert len(mail.outbox) == 1


def test_it_removes_the_badge_of_a_listing_without_an_owner_without_mail(make_business):
    business = make_business(verified=True, published_at=ago(days=600))
    assert freshness.stale_unverify(now=NOW) == [business]
    assert mail.outbox == []


# The command ------------------------------------------------------------------


def run_command() -> str:
    out = io.StringIO()
    call_command("remind_stale", stdout=out)
    return out.getvalue()


def test_the_command_reports_what_it_did_and_is_idempotent(make_business, owner, other_owner):
    now = timezone.now()
    make_business(owner=owner, name="Sepatu Tapakrana", published_at=now - datetime.timedelta(days=400))
    make_business(
        owner=other_owner, name="Sandal Wiralangkah", verified=True, published_at=now - datetime.timedelta(days=600)
    )
    output = run_command()
    assert "Removed the verified badge from “Sandal Wiralangkah”" in output
    assert "Reminded alice@example.com to confirm “Sepatu Tapakrana”" in output
    assert "1 owner(s) reminded, 1 listing(s) no longer verified." in output
    # The owner who lost the badge got one mail, which asks to confirm too.
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@example.com", "bob@example.com"]
    assert "0 owner(s) reminded, 0 listing(s) no longer verified." in run_command()
    assert len(mail.outbox) == 2


# The admin --------------------------------------------------------------------


def test_it_flags_and_filters_stale_listings_in_the_changelist(
    client, superuser, make_business, django_assert_max_num_queries
):
    now = timezone.now()
    for number in range(3):
        make_business(name=f"Lama {number}", published_at=now - datetime.timedelta(days=400))
    make_business(name="Segar", last_confirmed_at=now - datetime.timedelta(days=3))
    client.force_login(superuser)
    url = "/admin/directory/business/"
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.text.count('title="Tidak dikonfirmasi selama 12 bulan"') == 3
    response = client.get(url, {"stale": "1"})
    assert "Lama 2" in response.text and "Segar" not in response.text
    response = client.get(url, {"stale": "0"})
    assert "Segar" in response.text and "Lama 2" not in response.text
    assert client.get(url, {"o": "-11"}).status_code == 200  # sorted by the confirmation column
