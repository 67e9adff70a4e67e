"""remind_unanswered: owners hear of a message left unanswered for 48 hours,
once per message, in their language, with a link to their inbox."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from directory.connect.inquiries import inquiry_send_mail
from directory.connect.reminders import unanswered_remind
from directory.models import Inquiry

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Maju", owner=owner)


@pytest.fixture
def write(business):
    now = timezone.now()

    def make(ago, **fields):
        fields.setdefault("business", business)
        fields.setdefault("name", "Jane Buyer")
        return Inquiry.objects.create(
            email="jane@example.com",
            sender_type="buyer",
            country="Singapore",
            message="500 pairs of loafers, please.",
            created_at=now - ago,
            **fields,
        )

    return make


def test_it_reminds_the_owner_once_per_message(write, owner, mailoutbox, settings):
    inquiry = write(ago=49 * HOUR)
    assert [(user, [item.pk for item in items]) for user, items in unanswered_remind()] == [(owner, [inquiry.pk])]
    [mail] = mailoutbox
    assert mail.to == ["alice@example.com"]
    assert mail.subject == "[IFN] 1 pesan sudah 2 hari menunggu balasan Anda"
    assert "Jane Buyer → Sepatu Maju" in mail.body
    assert f"Kotak masuk Anda: {settings.SITE_URL}/dasbor/pesan/\n" in mail.body
    assert f"/dasbor/pesan/{inquiry.pk}/" in mail.body
    assert "Tandai sudah dibalas" in mail.body
    inquiry.refresh_from_db()
    assert inquiry.reminded_at is not None
    assert unanswered_remind() == []
    assert len(mailoutbox) == 1


def test_it_writes_in_the_owners_language(write, owner, mailoutbox):
    owner.language = "en"
    owner.save()
    write(ago=3 * DAY)
    write(ago=4 * DAY, name="Lena Fischer")
    unanswered_remind()
    [mail] = mailoutbox
    assert mail.subject == "[IFN] 2 messages have been waiting for your answer for 2 days"
    assert "These messages to your business" in mail.body
    assert "/en/dasbor/pesan/" in mail.body
    assert "Lena Fischer" in mail.body and "Jane Buyer" in mail.body
    assert "Hello," in mail.body


def test_it_sends_one_mail_per_owner(write, make_business, other_owner, mailoutbox):
    write(ago=3 * DAY)
    write(ago=3 * DAY, business=make_business(owner=other_owner))
    unanswered_remind()
    assert sorted(mail.to[0] for mail in mailoutbox) == ["alice@example.com", "bob@example.com"]


def test_it_leaves_alone_what_needs_no_reminder(write, business, make_business, owner, mailoutbox):
    now = timezone.now()
    write(ago=47 * HOUR)  # not 48 hours yet
    write(ago=8 * DAY)  # long past
    write(ago=3 * DAY, replied_at=now)
    write(ago=3 * DAY, archived_at=now)
    write(ago=3 * DAY, held_at=now)  # held for staff: the owner has not seen it
    write(ago=3 * DAY, business=make_business())  # nobody's: no inbox to answer from
    assert unanswered_remind() == []
    owner.is_active = False
    owner.save()
    write(ago=3 * DAY)
    assert unanswered_remind() == []
    assert mailoutbox == []


def test_it_tries_again_when_the_mail_fails(write, mailoutbox):
    inquiry = write(ago=3 * DAY)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("down")):
        assert unanswered_remind() == []
    inquiry.refresh_from_db()
    assert inquiry.reminded_at is None
    assert len(unanswered_remind()) == 1
    assert len(mailoutbox) == 1


def test_it_tells_an_account_without_email_on_its_number_without_the_senders_words(write, owner, mailoutbox):
    owner.email = None
    owner.phone = "+6281234567890"
    owner.phone_verified = True
    owner.save()
    write(ago=3 * DAY)
    with mock.patch("directory.connect.reminders.notify_by_phone") as notify:
        assert len(unanswered_remind()) == 1
    text = notify.call_args.kwargs["text"]
    assert "menunggu balasan Anda" in text and "/dasbor/pesan/" in text
    assert "Jane" not in text
    assert mailoutbox == []


def test_the_command_says_whom_it_reminded(write, capsys):
    write(ago=3 * DAY)
    call_command("remind_unanswered")
    out = capsys.readouterr().out
    assert "Reminded alice@example.com of 1 unanswered message(s)." in out
    assert "1 owner(s) reminded." in out
    call_command("remind_unanswered")
    assert "0 owner(s) reminded." in capsys.readouterr().out


def test_the_inquiry_mail_asks_the_owner_to_mark_the_answer(write, mailoutbox):
    inquiry = write(ago=HOUR)
    assert inquiry_send_mail(inquiry=inquiry)
    [mail] = mailoutbox
    assert "Tandai sudah dibalas" in mail.body
    assert f"/dasbor/pesan/{inquiry.pk}/" in mail.body
