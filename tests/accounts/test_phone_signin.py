"""Signing up and in with a WhatsApp number and a code sent to it: numbers as
people type them, codes that expire and allow three tries, limits per number
and per network, and a number or an address added to an existing account."""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.account.internal.flows import code_verification
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client

from directory.models import User

NUMBER = "+6281234567890"
OWNER_IP = "203.0.113.20"


def messages_to(settings, number: str = NUMBER) -> list[str]:
    folder = Path(settings.MESSAGES_FILE_PATH)
    if not folder.exists():
        return []
    return [path.read_text() for path in sorted(folder.iterdir()) if f"To: {number}\n" in path.read_text()]


def last_code(settings, number: str = NUMBER) -> str:
    return re.search(r"\b([0-9]{6})\b", messages_to(settings, number)[-1]).group(1)


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def sign_up(client, number="0812-3456-7890", prefix="", ip=OWNER_IP):
    return client.post(f"{prefix}/akun/signup/whatsapp/", {"phone": number, "name": "Pak Ujang"}, REMOTE_ADDR=ip)


def request_code(client, number="0812 3456 7890", ip=OWNER_IP, prefix=""):
    return client.post(f"{prefix}/akun/login/code/", {"phone": number}, REMOTE_ADDR=ip)


@pytest.fixture
def clock(monkeypatch):
    """The clock codes are timed by, moved on by hand: `clock.now += 60`."""
    steady = SimpleNamespace(now=1_800_000_000.0)
    monkeypatch.setattr(code_verification, "time", SimpleNamespace(time=lambda: steady.now))
    return steady


@pytest.fixture
def phone_owner(db):
    user = User.objects.create_user(None, phone=NUMBER, phone_verified=True, name="Pak Ujang")
    user.set_unusable_password()
    user.save()
    return user


# Signing up ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["0812-3456-7890", "62 812 3456 7890", "+62 812.3456.7890", "081234567890"])
def test_it_signs_up_with_a_number_as_people_type_it(client, settings, typed):
    response = sign_up(client, typed)
    assert response.status_code == 302
    assert response["Location"] == "/akun/phone/verify/"
    user = User.objects.get(phone=NUMBER)
    assert (user.email, user.phone_verified, user.has_usable_password(), user.name) == (None, False, False, "Pak Ujang")
    assert signed_in_user(client) is None
    text = messages_to(settings)[-1]
    assert "Kode IFN Anda" in text
    response = client.post("/akun/phone/verify/", {"code": last_code(settings)})
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"
    assert signed_in_user(client) == user
    user.refresh_from_db()
    assert user.phone_verified
    assert client.get("/dasbor/").status_code == 200
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_signs_up_in_english_and_writes_in_english(client, settings):
    response = sign_up(client, prefix="/en")
    assert response["Location"] == "/en/akun/phone/verify/"
    assert User.objects.get(phone=NUMBER).language == "en"
    assert "Your IFN code is" in messages_to(settings)[-1]
    page = client.get("/en/akun/phone/verify/")
    assert "Confirm your WhatsApp number" in page.text
    assert "+62 812-3456-7890" in page.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0812 3456 789O", "digits 0 to 9"),
        ("+1 415 555 0100", "Indonesian number"),
        ("022 540 1234", "mobile number"),
        ("٠٨١٢٣٤٥٦٧٨٩٠", "digits 0 to 9"),
        ("", "required"),
    ],
)
def test_it_refuses_what_is_not_a_mobile_number(client, settings, typed, message):
    response = client.post("/en/akun/signup/whatsapp/", {"phone": typed})
    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.exists()
    assert messages_to(settings) == []


@pytest.mark.django_db
def test_it_refuses_a_wrong_code_and_gives_up_after_three(client, settings):
    sign_up(client)
    response = client.post("/en/akun/phone/verify/", {"code": "WRONG1"})
    assert response.status_code == 200
    assert "This code is not right." in response.text
    client.post("/akun/phone/verify/", {"code": "WRONG2"})
    response = client.post("/akun/phone/verify/", {"code": "WRONG3"})
    assert response.status_code == 302
    assert signed_in_user(client) is None
    assert not User.objects.get(phone=NUMBER).phone_verified


@pytest.mark.django_db
def test_it_refuses_an_expired_code(client, settings, clock):
    sign_up(client)
    code = last_code(settings)
    clock.now += 11 * 60
    response = client.post("/akun/phone/verify/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] != "/dasbor/"
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_a_second_sign_up_with_a_known_number_sends_a_sign_in_code(client, settings, phone_owner):
    response = sign_up(client)
    assert response["Location"] == "/akun/login/code/confirm/"
    assert User.objects.count() == 1
    response = client.post("/akun/login/code/confirm/", {"code": last_code(settings)})
    assert response["Location"] == "/dasbor/"
    assert signed_in_user(client) == phone_owner


@pytest.mark.django_db
def test_an_unfinished_sign_up_can_start_again(client, settings):
    sign_up(client)
    client.cookies.clear()
    cache.clear()
    response = sign_up(client)
    assert response["Location"] == "/akun/phone/verify/"
    client.post("/akun/phone/verify/", {"code": last_code(settings)})
    assert User.objects.count() == 1
    assert signed_in_user(client).phone_verified


# Signing in --------------------------------------------------------------------


@pytest.mark.django_db
def test_it_signs_in_with_a_code(client, settings, phone_owner):
    response = request_code(client)
    assert response["Location"] == "/akun/login/code/confirm/"
    assert "Kode IFN Anda" in messages_to(settings)[-1]
    response = client.post("/akun/login/code/confirm/", {"code": last_code(settings)})
    assert response["Location"] == "/dasbor/"
    assert signed_in_user(client) == phone_owner


@pytest.mark.django_db
def test_it_sends_nothing_to_a_number_without_an_account(client, settings, phone_owner):
    response = request_code(client, "0813 0000 1111")
    assert response["Location"] == "/akun/login/code/confirm/"
    assert messages_to(settings, "+6281300001111") == []


@pytest.mark.django_db
def test_it_refuses_a_wrong_sign_in_code(client, settings, phone_owner):
    request_code(client)
    response = client.post("/en/akun/login/code/confirm/", {"code": "NOPE00"})
    assert "This code is not right." in response.text
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_it_refuses_an_expired_sign_in_code(client, settings, phone_owner, clock):
    request_code(client)
    code = last_code(settings)
    clock.now += 6 * 60
    client.post("/akun/login/code/confirm/", {"code": code})
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_it_counts_codes_per_number(settings, phone_owner):
    request_code(Client(), ip="198.51.100.1")
    response = request_code(Client(), ip="198.51.100.2", prefix="/en")
    assert response.status_code == 200
    assert "Too many codes were asked for this number" in response.text
    assert len(messages_to(settings)) == 1


@pytest.mark.django_db
def test_it_counts_codes_per_network(settings):
    numbers = [f"+62813000011{n:02d}" for n in range(12)]
    answers = [request_code(Client(), number, ip="198.51.100.9").status_code for number in numbers]
    assert answers == [302] * 10 + [200, 200]
    assert request_code(Client(), numbers[11], ip="198.51.100.10").status_code == 302


@pytest.mark.django_db
def test_email_accounts_still_sign_in_with_their_password(client, verified_owner):
    response = client.post("/akun/login/", {"login": verified_owner.email, "password": "alice-password"})
    assert response["Location"] == "/dasbor/"
    assert signed_in_user(client) == verified_owner


@pytest.mark.django_db
def test_a_phone_account_has_no_password_to_guess(client, phone_owner):
    response = client.post("/en/akun/login/", {"login": NUMBER, "password": "anything"}, REMOTE_ADDR=OWNER_IP)
    assert response.status_code == 200
    assert signed_in_user(client) is None


# A number for an email account, an address for a number's account --------------


@pytest.mark.django_db
def test_an_email_owner_adds_a_number_and_then_signs_in_with_it(client, settings, verified_owner):
    client.force_login(verified_owner)
    client.post("/akun/reauthenticate/", {"password": "alice-password"})
    response = client.post("/akun/phone/change/", {"phone": "0812 3456 7890"})
    assert response["Location"] == "/akun/phone/verify/"
    verified_owner.refresh_from_db()
    assert verified_owner.phone is None
    response = client.post("/akun/phone/verify/", {"code": last_code(settings)})
    verified_owner.refresh_from_db()
    assert (verified_owner.phone, verified_owner.phone_verified) == (NUMBER, True)
    client.logout()
    request_code(client)
    client.post("/akun/login/code/confirm/", {"code": last_code(settings)})
    assert signed_in_user(client) == verified_owner


@pytest.mark.django_db
def test_a_number_taken_by_another_account_is_refused(client, settings, verified_owner, phone_owner):
    client.force_login(verified_owner)
    client.post("/akun/reauthenticate/", {"password": "alice-password"})
    client.post("/en/akun/phone/change/", {"phone": NUMBER})
    response = client.post("/en/akun/phone/verify/", {"code": last_code(settings)})
    assert "Another account already uses this WhatsApp number." in response.text
    verified_owner.refresh_from_db()
    assert verified_owner.phone is None
    phone_owner.refresh_from_db()
    assert phone_owner.phone == NUMBER


@pytest.mark.django_db
def test_a_number_owner_adds_an_email_address(client, phone_owner):
    client.force_login(phone_owner)
    response = client.post("/akun/email/", {"action_add": "", "email": "ujang@example.com"})
    assert response.status_code == 302
    phone_owner.refresh_from_db()
    assert phone_owner.email is None
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    client.post(path)
    phone_owner.refresh_from_db()
    assert phone_owner.email == "ujang@example.com"
    assert EmailAddress.objects.get(user=phone_owner).verified


@pytest.mark.django_db
def test_staff_see_and_correct_a_number_account_in_the_admin(client, superuser, phone_owner):
    client.force_login(superuser)
    listing = client.get("/admin/directory/user/?q=6281234567890")
    assert listing.status_code == 200
    assert "+6281234567890" in listing.text
    page = client.get(f"/admin/directory/user/{phone_owner.pk}/change/")
    assert page.status_code == 200
    form = {
        "email": "",
        "phone": "0813-1111-2222",
        "phone_verified": "on",
        "name": "Pak Ujang",
        "language": "id",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(f"/admin/directory/user/{phone_owner.pk}/change/", form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    phone_owner.refresh_from_db()
    assert (phone_owner.phone, phone_owner.email) == ("+6281311112222", None)


@pytest.mark.django_db
def test_a_number_account_downloads_its_data_and_deletes_itself(client, phone_owner):
    client.force_login(phone_owner)
    data = client.post("/dasbor/akun/data/")
    assert json.loads(data.content)["account"]["phone"] == NUMBER
    page = client.get("/en/dasbor/akun/hapus/")
    assert "Your WhatsApp number" in page.text
    wrong = client.post("/en/dasbor/akun/hapus/", {"password": "0813 0000 0000", "understood": "on"})
    assert "This is not your account" in wrong.text
    response = client.post("/dasbor/akun/hapus/", {"password": "0812-3456-7890", "understood": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=phone_owner.pk).exists()


@pytest.mark.django_db
def test_a_number_account_may_set_a_password(client, phone_owner):
    client.force_login(phone_owner)
    page = client.get("/en/akun/password/set/")
    assert "Not needed to sign in with WhatsApp" in page.text
    response = client.post(
        "/akun/password/set/", {"password1": "sepatu-kulit-ciomas", "password2": "sepatu-kulit-ciomas"}
    )
    assert response.status_code == 302
    phone_owner.refresh_from_db()
    assert phone_owner.check_password("sepatu-kulit-ciomas")


@pytest.mark.django_db
def test_a_new_code_waits_a_minute(client, settings, clock):
    sign_up(client)
    response = client.post("/en/akun/phone/verify/", {"action": "resend"}, follow=True)
    assert "Too many requests. Please wait a moment and try again." in response.text
    assert len(messages_to(settings)) == 1
