"""The moderation record: every decision about a business, kept even when the
business or the moderator's account is gone, and never edited in the admin."""

import pytest
from django.utils import translation

from directory.listings.history import log_moderation
from directory.models import ModerationLog

pytestmark = pytest.mark.django_db


def test_it_records_who_did_what_and_why(make_business, superuser):
    business = make_business(name="Sepatu Tapakrana")
    entry = log_moderation(
        business=business, moderator=superuser, action=ModerationLog.Action.REJECTED, reason="Foto buram."
    )
    assert (entry.business, entry.business_name, entry.moderator, entry.reason) == (
        business,
        "Sepatu Tapakrana",
        superuser,
        "Foto buram.",
    )
    assert str(entry) == "Sepatu Tapakrana: ditolak"
    with translation.override("en"):
        assert str(entry) == "Sepatu Tapakrana: rejected"
    with translation.override("en"):
        assert str(entry) == "Sepatu Tapakrana: rejected"
    assert str(entry) == "Sepatu Tapakrana: ditolak"


def test_it_keeps_the_record_when_the_business_is_deleted(make_business, superuser):
    business = make_business(name="Sepatu Tapakrana")
    log_moderation(business=business, moderator=superuser, action=ModerationLog.Action.APPROVED)
    business.delete()
    entry = ModerationLog.objects.get()
    assert (entry.business, entry.business_name) == (None, "Sepatu Tapakrana")


def test_it_shows_the_record_on_the_business_admin_page(client, make_business, superuser):
    business = make_business(name="Sepatu Tapakrana")
    log_moderation(business=business, moderator=superuser, action=ModerationLog.Action.REJECTED, reason="Foto buram.")
    client.force_login(superuser)
    response = client.get(f"/admin/directory/business/{business.pk}/change/")
    assert response.status_code == 200
    assert "Foto buram." in response.text


def test_it_never_edits_or_deletes_the_record_in_the_admin(client, make_business, superuser):
    business = make_business(name="Sepatu Tapakrana")
    entry = log_moderation(business=business, moderator=superuser, action=ModerationLog.Action.APPROVED)
    client.force_login(superuser)
    assert client.get("/admin/directory/moderationlog/").status_code == 200
    assert client.get("/admin/directory/moderationlog/add/").status_code == 403
    assert client.get(f"/admin/directory/moderationlog/{entry.pk}/delete/").status_code == 403
    response = client.post(f"/admin/directory/moderationlog/{entry.pk}/change/", {"reason": "changed"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.reason == ""
