"""Held certificates: what staff checked, expired ones no longer shown nor
found, and the owner reminded a month before, once per expiry date."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.capabilities import reminders
from directory.models import BusinessCertificate

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 6)


def holding(make_business, owner, *, expires_on, **fields):
    business = make_business(owner=owner, certifications=["sni"], **fields)
    held = BusinessCertificate.objects.get(business=business)
    held.number, held.expires_on = "SNI-0042", expires_on
    held.save()
    return business, held


def test_it_reminds_the_owner_a_month_before_once_per_expiry_date(make_business, owner):
    _business, held = holding(make_business, owner, expires_on=TODAY + datetime.timedelta(days=30))
    holding(make_business, owner, expires_on=TODAY + datetime.timedelta(days=31))  # not yet
    assert reminders.certificates_remind(today=TODAY) == [held]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "SNI" in mail.outbox[0].subject and "/ubah/kemampuan/" in mail.outbox[0].body
    assert reminders.certificates_remind(today=TODAY) == []
    assert reminders.certificates_remind(today=TODAY + datetime.timedelta(days=1)) != [held]
    # Renewed: the new date gets its own reminder, in its time.
    held.refresh_from_db()
    held.expires_on = TODAY + datetime.timedelta(days=400)
    held.save()
    assert reminders.certificates_remind(today=TODAY + datetime.timedelta(days=371)) == [held]


def test_it_writes_the_reminder_in_the_owners_language(make_business, owner):
    owner.language = "en"
    owner.save()
    holding(make_business, owner, expires_on=TODAY + datetime.timedelta(days=10))
    reminders.certificates_remind(today=TODAY)
    assert "expires soon" in mail.outbox[0].subject


def test_it_runs_daily_as_a_command_that_sends_nothing_new_the_second_time(make_business, owner):
    holding(make_business, owner, expires_on=timezone.localdate() + datetime.timedelta(days=5))
    call_command("remind_certificates", verbosity=0)
    call_command("remind_certificates", verbosity=0)
    assert len(mail.outbox) == 1


def test_it_stops_showing_and_finding_an_expired_certificate(client, make_business, owner, moderator):
    # The profile judges by the real date: valid until tomorrow, whatever day the test runs.
    today = timezone.localdate()
    business, held = holding(make_business, owner, expires_on=today + datetime.timedelta(days=1))
    held.checked_on, held.checked_by = today, moderator
    held.save()
    assert "certification:sni" in type(business).objects.get(pk=business.pk).facet_keys
    page = client.get(business.get_absolute_url()).text
    assert "SNI-0042" in page and "diperiksa BPIPI" in page

    # Two days later the certificate has expired; the daily job refreshes the listing.
    later = today + datetime.timedelta(days=2)
    assert reminders.expired_refresh(today=later) == [business.pk]
    held.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    held.save()
    reminders.expired_refresh()
    business.refresh_from_db()
    assert "certification:sni" not in business.facet_keys
    assert "SNI-0042" not in client.get(business.get_absolute_url()).text
    assert client.get("/direktori/", {"certification": "sni"}).context["total"] == 0


def test_it_shows_an_unchecked_certificate_without_its_number(client, make_business, owner):
    business, _held = holding(make_business, owner, expires_on=None)
    page = client.get(business.get_absolute_url()).text
    assert "SNI" in page and "SNI-0042" not in page


def test_it_records_which_moderator_checked_a_certificate(client, staff_moderator, make_business, owner):
    _business, held = holding(make_business, owner, expires_on=TODAY + datetime.timedelta(days=300))
    client.force_login(staff_moderator)
    url = reverse("admin:directory_businesscertificate_change", args=[held.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "business": held.business_id,
            "certification": held.certification_id,
            "number": held.number,
            "expires_on": held.expires_on.isoformat(),
            "checked_on": TODAY.isoformat(),
            "evidence": "Sertifikat asli dilihat saat kunjungan.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    held.refresh_from_db()
    assert held.checked_by == staff_moderator and held.checked_on == TODAY


def test_it_lets_moderators_read_the_words_and_record_checks_but_not_add_or_delete(client, staff_moderator):
    client.force_login(staff_moderator)
    assert client.get(reverse("admin:directory_constructionmethod_changelist")).status_code == 200
    assert client.get(reverse("admin:directory_constructionmethod_add")).status_code == 403
    assert client.get(reverse("admin:directory_businesscertificate_add")).status_code == 403
    codenames = set(staff_moderator.get_all_permissions())
    assert "directory.change_businesscertificate" in codenames
    assert not any(name.startswith("directory.delete_") for name in codenames)


def test_the_daily_job_takes_out_a_certificate_that_expired_long_ago_and_is_still_named(make_business, owner):
    business, held = holding(make_business, owner, expires_on=TODAY + datetime.timedelta(days=300))
    # Expired long before the job last looked, yet still in the facet keys.
    BusinessCertificate.objects.filter(pk=held.pk).update(expires_on=TODAY - datetime.timedelta(days=90))
    assert reminders.expired_refresh(today=TODAY) == [business.pk]
    business.refresh_from_db()
    assert "certification:sni" not in business.facet_keys
    # Once taken out, nothing is left to do.
    assert reminders.expired_refresh(today=TODAY) == []


def test_staff_filter_certificates_by_validity(client, staff_moderator, make_business, owner):
    today = timezone.localdate()
    holding(make_business, owner, expires_on=today - datetime.timedelta(days=3), name="Sudah Lewat")
    holding(make_business, owner, expires_on=today + datetime.timedelta(days=20), name="Segera Habis")
    holding(make_business, owner, expires_on=today + datetime.timedelta(days=200), name="Masih Lama")
    client.force_login(staff_moderator)
    url = reverse("admin:directory_businesscertificate_changelist")

    def listed(validity):
        return {row.business.name for row in client.get(url, {"validity": validity}).context["cl"].result_list}

    assert listed("expired") == {"Sudah Lewat"}
    assert listed("soon") == {"Segera Habis"}
    assert listed("valid") == {"Segera Habis", "Masih Lama"}
