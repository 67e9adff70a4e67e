"""Every place that asks a signed-in person for their password checks it
under the sign-in limits: deleting the account, changing the password,
confirming it is them before changing the email address, and the admin's
password change. Past the limit the form says so and checks nothing, so even
the right password is refused until the window passes."""

import pytest
from allauth.account.models import EmailAddress

from directory.accounts.models import User

ATTACKER_IP = "203.0.113.9"
OWNER_IP = "198.51.100.20"
LIMIT = 5  # "5/5m/key" in settings.ACCOUNT_RATE_LIMITS["login_failed"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def checks(monkeypatch):
    """How many times a password was actually compared."""
    counted = []
    check_password = User.check_password

    def counting(self, raw_password):
        counted.append(raw_password)
        return check_password(self, raw_password)

    monkeypatch.setattr(User, "check_password", counting)
    return counted


@pytest.fixture
def signed_in(client, verified_owner):
    client.force_login(verified_owner)
    return client


@pytest.fixture
def no_whole_view_limits(settings):
    """allauth also limits every POST to the password change page (5 a
    minute); lifted here so that the form's own answer shows."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "change_password": "", "reauthenticate": ""}


def delete_account(client, password, ip=ATTACKER_IP, path="/dasbor/akun/hapus/"):
    return client.post(path, {"password": password, "understood": "on"}, REMOTE_ADDR=ip)


def change_password(client, password, ip=ATTACKER_IP):
    data = {"oldpassword": password, "password1": "a-new-Passw0rd!", "password2": "a-new-Passw0rd!"}
    return client.post("/akun/password/change/", data, REMOTE_ADDR=ip)


def test_it_checks_only_five_of_twenty_wrong_passwords_on_deletion(signed_in, verified_owner, checks):
    answers = [delete_account(signed_in, f"guess-{number}").text for number in range(20)]
    assert len(checks) == LIMIT
    assert all("Kata sandi ini salah" in text for text in answers[:LIMIT])
    assert all("Terlalu banyak kata sandi yang salah" in text for text in answers[LIMIT:])
    assert User.objects.filter(pk=verified_owner.pk).exists()


def test_it_refuses_the_right_password_on_deletion_past_the_limit(signed_in, verified_owner, checks):
    for number in range(LIMIT):
        delete_account(signed_in, f"guess-{number}")
    response = delete_account(signed_in, "alice-password")
    assert response.status_code == 200
    assert "Terlalu banyak kata sandi yang salah" in response.text
    assert User.objects.filter(pk=verified_owner.pk).exists()
    assert len(checks) == LIMIT


def test_it_says_so_in_english(signed_in, checks):
    for number in range(LIMIT + 1):
        response = delete_account(signed_in, f"guess-{number}", path="/en/dasbor/akun/hapus/")
    assert "Too many wrong passwords. Try again in a few minutes." in response.text
    assert "Terlalu banyak" not in response.text


def test_it_deletes_with_the_right_password_from_another_network(signed_in, verified_owner):
    for number in range(LIMIT + 3):
        delete_account(signed_in, f"guess-{number}")
    response = delete_account(signed_in, "alice-password", ip=OWNER_IP)
    assert response.status_code == 302
    assert not User.objects.filter(pk=verified_owner.pk).exists()


def test_it_gives_back_the_try_of_a_right_password(signed_in, checks, no_whole_view_limits):
    """A right password takes its try back out of the count, as at sign-in,
    but does not wipe the wrong ones before it."""
    for number in range(LIMIT - 1):
        delete_account(signed_in, f"guess-{number}")
    response = signed_in.post("/akun/reauthenticate/", {"password": "alice-password"}, REMOTE_ADDR=ATTACKER_IP)
    assert response.status_code == 302
    assert "Kata sandi ini salah" in delete_account(signed_in, "guess-last").text
    assert "Terlalu banyak kata sandi yang salah" in delete_account(signed_in, "guess-more").text


def test_it_counts_deletion_and_sign_in_together(client, verified_owner, checks):
    for number in range(LIMIT):
        client.post(
            "/akun/login/", {"login": verified_owner.email, "password": f"guess-{number}"}, REMOTE_ADDR=ATTACKER_IP
        )
    client.force_login(verified_owner)
    assert "Terlalu banyak kata sandi yang salah" in delete_account(client, "alice-password").text


def test_it_checks_only_five_of_twenty_wrong_passwords_on_password_change(
    signed_in, verified_owner, checks, no_whole_view_limits
):
    answers = [change_password(signed_in, f"guess-{number}").text for number in range(20)]
    assert len(checks) == LIMIT
    assert all("Terlalu banyak kata sandi yang salah" in text for text in answers[LIMIT:])
    response = change_password(signed_in, "alice-password")
    assert "Terlalu banyak kata sandi yang salah" in response.text
    assert len(checks) == LIMIT
    verified_owner.refresh_from_db()
    assert verified_owner.check_password("alice-password")


def test_it_changes_the_password_with_the_right_one(signed_in, verified_owner):
    response = change_password(signed_in, "alice-password")
    assert response.status_code == 302
    verified_owner.refresh_from_db()
    assert verified_owner.check_password("a-new-Passw0rd!")


def test_it_throttles_confirming_it_is_you(signed_in, checks, no_whole_view_limits):
    answers = [
        signed_in.post("/akun/reauthenticate/", {"password": f"guess-{number}"}, REMOTE_ADDR=ATTACKER_IP).text
        for number in range(20)
    ]
    assert len(checks) == LIMIT
    assert all("Terlalu banyak kata sandi yang salah" in text for text in answers[LIMIT:])
    response = signed_in.post("/akun/reauthenticate/", {"password": "alice-password"}, REMOTE_ADDR=ATTACKER_IP)
    assert response.status_code == 200
    assert len(checks) == LIMIT


def test_it_throttles_the_admins_password_change(client, superuser, checks):
    EmailAddress.objects.create(user=superuser, email=superuser.email, verified=True, primary=True)
    client.force_login(superuser)
    data = {"new_password1": "a-new-Passw0rd!", "new_password2": "a-new-Passw0rd!"}
    answers = [
        client.post("/admin/password_change/", {**data, "old_password": f"guess-{n}"}, REMOTE_ADDR=ATTACKER_IP).text
        for n in range(20)
    ]
    assert len(checks) == LIMIT
    assert all("Terlalu banyak kata sandi yang salah" in text for text in answers[LIMIT:])
