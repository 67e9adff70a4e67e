"""Accounts under /akun/: sign-up, email confirmation, sign-in and its
throttling, sign-out, password reset and change, in both languages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from directory.models import User

ATTACKER_IP = "198.51.100.7"
OWNER_IP = "203.0.113.20"
PASSWORD = "sepatu-kulit-cibaduyut"


def sign_in(client, email, password, ip=OWNER_IP, prefix=""):
    return client.post(f"{prefix}/akun/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def sign_up(client, email, prefix=""):
    return client.post(f"{prefix}/akun/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def signed_in_email(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).email if user_id else None


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


# Sign-up and confirmation ---------------------------------------------------


@pytest.mark.django_db
def test_it_signs_up_and_sends_the_confirmation_in_indonesian(client):
    response = sign_up(client, "Dewi@Example.com")
    assert response.status_code == 302
    assert response["Location"] == "/akun/confirm-email/"
    user = User.objects.get(email="dewi@example.com")
    assert user.language == "id"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dewi@example.com"]
    assert "Konfirmasi alamat email Anda" in message.subject
    assert "Halo," in message.body
    assert path_of(link_in(message)).startswith("/akun/confirm-email/")


@pytest.mark.django_db
def test_it_shows_each_message_once_on_an_account_page(client):
    sign_up(client, "dewi@example.com")
    page = client.get("/akun/confirm-email/")
    assert page.text.count("Kami telah mengirimkan tautan konfirmasi ke dewi@example.com.") == 1


@pytest.mark.django_db
def test_it_signs_up_in_english_and_writes_in_english(client):
    response = sign_up(client, "dewi@example.com", prefix="/en")
    assert response["Location"] == "/en/akun/confirm-email/"
    assert User.objects.get(email="dewi@example.com").language == "en"
    message = mail.outbox[0]
    assert "Confirm your email address" in message.subject
    assert "Hello," in message.body
    assert path_of(link_in(message)).startswith("/en/akun/confirm-email/")


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_it_confirms_the_address_and_signs_in(client, prefix):
    sign_up(client, "dewi@example.com", prefix=prefix)
    confirm = path_of(link_in(mail.outbox[0]))
    page = client.get(confirm)
    assert page.status_code == 200
    assert "dewi@example.com" in page.text
    assert signed_in_email(client) is None  # opening the link alone changes nothing
    response = client.post(confirm)
    assert response.status_code == 302
    # Onwards to the dashboard in the language the person signed up in.
    assert response["Location"] == prefix + "/dasbor/"
    assert signed_in_email(client) == "dewi@example.com"
    assert EmailAddress.objects.get(email="dewi@example.com").verified


@pytest.mark.django_db
def test_it_rejects_a_bad_confirmation_link(client):
    response = client.get("/akun/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "tidak valid" in response.text


@pytest.mark.django_db
def test_it_keeps_unconfirmed_accounts_out(client):
    sign_up(client, "dewi@example.com")
    client.logout()
    response = sign_in(client, "dewi@example.com", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/akun/confirm-email/"
    assert signed_in_email(client) is None


@pytest.mark.django_db
def test_it_shows_sign_up_errors_next_to_the_fields(client):
    response = client.post("/akun/signup/", {"email": "not-an-email", "password1": "123", "password2": "456"})
    assert response.status_code == 200
    assert "Masukkan alamat email yang valid." in response.text
    assert "Kata sandi terlalu pendek" in response.text
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_does_not_reveal_that_an_address_has_an_account(client, verified_owner):
    response = sign_up(client, verified_owner.email)
    assert response["Location"] == "/akun/confirm-email/"
    assert User.objects.filter(email=verified_owner.email).count() == 1
    assert "Anda sudah punya akun" in mail.outbox[0].subject


# Sign-in ---------------------------------------------------------------------


@pytest.mark.django_db
def test_it_signs_in_and_goes_to_the_dashboard(client, verified_owner):
    response = sign_in(client, "ALICE@example.com", "alice-password")
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"
    assert signed_in_email(client) == "alice@example.com"


@pytest.mark.django_db
def test_it_explains_a_wrong_password_in_the_page_language(client, verified_owner):
    response = sign_in(client, verified_owner.email, "wrong-password")
    assert response.status_code == 200
    assert "Alamat email atau kata sandi tidak benar." in response.text
    response = sign_in(client, verified_owner.email, "wrong-password", prefix="/en")
    assert "The email address or password is not correct." in response.text
    assert signed_in_email(client) is None


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "https:evil.example"])
def test_it_ignores_a_next_address_on_another_host(client, verified_owner, target):
    credentials = {"login": verified_owner.email, "password": "alice-password", "next": target}
    response = client.post("/akun/login/", credentials, REMOTE_ADDR=OWNER_IP)
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"


@pytest.mark.django_db
def test_it_follows_a_next_path_on_this_site(client, verified_owner):
    response = client.post(
        "/akun/login/", {"login": verified_owner.email, "password": "alice-password", "next": "/direktori/"}
    )
    assert response["Location"] == "/direktori/"


# Throttling ------------------------------------------------------------------


@pytest.mark.django_db
def test_it_limits_failures_per_address_and_account(client, verified_owner):
    for _attempt in range(5):
        assert "tidak benar" in sign_in(client, verified_owner.email, "guess", ip=ATTACKER_IP).text
    # From the attacker's address even the right password is refused now...
    response = sign_in(client, verified_owner.email, "alice-password", ip=ATTACKER_IP)
    assert "Terlalu banyak percobaan masuk yang gagal" in response.text
    assert signed_in_email(client) is None
    # ...but the owner, from her own address, signs in.
    assert sign_in(client, verified_owner.email, "alice-password", ip=OWNER_IP)["Location"] == "/dasbor/"


@pytest.mark.django_db
def test_it_limits_failures_per_address_across_accounts(client, verified_owner):
    for number in range(10):
        sign_in(client, f"someone{number}@example.com", "guess", ip=ATTACKER_IP)
    response = sign_in(client, "another@example.com", "guess", ip=ATTACKER_IP)
    assert "Terlalu banyak percobaan masuk yang gagal" in response.text
    assert sign_in(client, verified_owner.email, "alice-password", ip=OWNER_IP)["Location"] == "/dasbor/"


@pytest.mark.django_db
def test_it_never_locks_the_owner_out_of_an_account_under_attack(client, verified_owner):
    # 50 failures on Alice's account from 50 addresses: the account is under attack.
    for number in range(50):
        sign_in(client, verified_owner.email, "guess", ip=f"198.51.100.{number + 1}")
    # A fresh attacker address now gets one failure, then waits.
    assert "tidak benar" in sign_in(client, verified_owner.email, "guess", ip="192.0.2.1").text
    assert "Terlalu banyak" in sign_in(client, verified_owner.email, "guess", ip="192.0.2.1").text
    # Alice, from her own address, still signs in.
    assert sign_in(client, verified_owner.email, "alice-password", ip=OWNER_IP)["Location"] == "/dasbor/"


@pytest.mark.django_db
def test_it_does_not_count_successful_sign_ins(client, verified_owner):
    for _attempt in range(4):
        sign_in(client, verified_owner.email, "typo", ip=OWNER_IP)
    # Four failures of five allowed; sign-ins that succeed take nothing more.
    for _round in range(3):
        assert sign_in(client, verified_owner.email, "alice-password", ip=OWNER_IP)["Location"] == "/dasbor/"
        client.post("/akun/logout/")


def admin_sign_in(client, email, password, ip):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_it_throttles_the_admin_sign_in_too(client, superuser):
    # An account made with createsuperuser: no confirmed address needed here.
    superuser.set_password("staff-password")
    superuser.save()
    for _attempt in range(5):
        response = admin_sign_in(client, superuser.email, "guess", ip=ATTACKER_IP)
        [error] = response.context["form"].non_field_errors()
        assert "Terlalu banyak" not in error
    response = admin_sign_in(client, superuser.email, "staff-password", ip=ATTACKER_IP)
    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk yang gagal" in response.text
    assert signed_in_email(client) is None
    response = admin_sign_in(client, superuser.email, "staff-password", ip=OWNER_IP)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert signed_in_email(client) == superuser.email


@pytest.mark.django_db
def test_it_counts_ipv6_failures_by_network(client, verified_owner):
    for number in range(5):
        sign_in(client, verified_owner.email, "guess", ip=f"2001:db8:1:2::{number + 1}")
    response = sign_in(client, verified_owner.email, "alice-password", ip="2001:db8:1:2::ff")
    assert "Terlalu banyak" in response.text
    assert sign_in(client, verified_owner.email, "alice-password", ip="2001:db8:9:9::1")["Location"] == "/dasbor/"


# Sign-out ----------------------------------------------------------------------


@pytest.mark.django_db
def test_it_signs_out_only_on_post(client, verified_owner):
    client.force_login(verified_owner)
    response = client.get("/akun/logout/")
    assert response.status_code == 200
    assert signed_in_email(client) == verified_owner.email
    response = client.post("/akun/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_email(client) is None


@pytest.mark.django_db
def test_it_signs_out_to_the_english_home(client, verified_owner):
    client.force_login(verified_owner)
    assert client.post("/en/akun/logout/")["Location"] == "/en/"


# Password reset and change ---------------------------------------------------


@pytest.mark.django_db
def test_it_resets_a_password_by_email_in_the_account_language(client, verified_owner):
    verified_owner.language = "en"
    verified_owner.save()
    response = client.post("/akun/password/reset/", {"email": verified_owner.email})
    assert response["Location"] == "/akun/password/reset/done/"
    message = mail.outbox[0]
    assert message.to == [verified_owner.email]
    assert "Reset your password" in message.subject
    link = path_of(link_in(message))
    assert link.startswith("/en/akun/password/reset/key/")
    # allauth moves the key out of the address before showing the form.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0]
    response = client.post(action, {"password1": "kata-sandi-baru-99", "password2": "kata-sandi-baru-99"})
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, verified_owner.email, "kata-sandi-baru-99")["Location"] == "/dasbor/"


@pytest.mark.django_db
def test_it_answers_the_same_for_an_unknown_address(client):
    response = client.post("/akun/password/reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/akun/password/reset/done/"
    assert "Tidak ada akun" in mail.outbox[0].subject


@pytest.mark.django_db
def test_it_rejects_a_bad_reset_link(client, verified_owner):
    response = client.get("/akun/password/reset/key/1-not-a-token/", follow=True)
    assert response.status_code == 200
    assert "Tautan ini tidak berlaku lagi" in response.text


@pytest.mark.django_db
def test_it_changes_a_password(client, verified_owner):
    client.force_login(verified_owner)
    response = client.post(
        "/akun/password/change/",
        {"oldpassword": "alice-password", "password1": "kata-sandi-baru-99", "password2": "kata-sandi-baru-99"},
    )
    assert response.status_code == 302
    verified_owner.refresh_from_db()
    assert verified_owner.check_password("kata-sandi-baru-99")


@pytest.mark.django_db
def test_it_requires_sign_in_to_change_a_password(client):
    response = client.get("/akun/password/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/?next=")


# Pages and header ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(
    "path", ["login/", "signup/", "password/reset/", "password/reset/done/", "confirm-email/", "logout/"]
)
def test_it_answers_every_account_page_in_both_languages(client, prefix, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(f"{prefix}/akun/{path}")
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert f'lang="{"en" if prefix else "id"}"' in response.text
        assert 'class="site-header"' in response.text


@pytest.mark.django_db
def test_it_labels_the_forms_in_indonesian(client):
    text = client.get("/akun/signup/").text
    assert '<label for="id_email">Alamat email' in text
    assert "Ulangi kata sandi" in text
    text = client.get("/en/akun/login/").text
    assert '<label for="id_login">Email address' in text


@pytest.mark.django_db
def test_it_shows_sign_in_and_sign_up_to_visitors(client):
    text = client.get("/").text
    assert 'href="/akun/login/"' in text
    assert 'href="/akun/signup/"' in text
    assert "Keluar" not in text


@pytest.mark.django_db
def test_it_shows_the_dashboard_and_sign_out_to_owners(client, verified_owner):
    client.force_login(verified_owner)
    text = client.get("/en/").text
    assert 'href="/dasbor/"' in text or 'href="/en/dasbor/"' in text
    assert 'action="/en/akun/logout/"' in text
    assert "Sign out" in text


@pytest.mark.django_db
def test_it_links_the_join_page_to_sign_up(client):
    assert 'href="/akun/signup/"' in client.get("/daftar/").text


@pytest.mark.django_db
def test_it_answers_a_flood_of_sign_ins_with_a_page_in_the_site_language(client):
    for _attempt in range(30):
        client.post("/akun/login/", {"login": "", "password": ""}, REMOTE_ADDR=ATTACKER_IP)
    response = client.post("/akun/login/", {"login": "", "password": ""}, REMOTE_ADDR=ATTACKER_IP)
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.text
    assert 'class="site-header"' in response.text


@pytest.mark.django_db
def test_it_sends_the_account_root_to_sign_in_or_the_dashboard(client, verified_owner):
    assert client.get("/akun/")["Location"] == "/akun/login/"
    assert client.get("/en/akun/")["Location"] == "/en/akun/login/"
    client.force_login(verified_owner)
    assert client.get("/akun/login/")["Location"] == "/dasbor/"


@pytest.mark.django_db
def test_it_asks_the_password_again_before_changing_the_email_address(client, verified_owner):
    client.force_login(verified_owner)
    response = client.post("/akun/email/", {"action_add": "", "email": "alice.baru@example.com"})
    assert response["Location"].startswith("/akun/reauthenticate/")
    assert not mail.outbox
    response = client.post(response["Location"], {"password": "alice-password"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["alice.baru@example.com"]


@pytest.mark.django_db
def test_it_does_not_change_the_email_address_with_a_wrong_password(client, verified_owner):
    client.force_login(verified_owner)
    location = client.post("/akun/email/", {"action_add": "", "email": "alice.baru@example.com"})["Location"]
    response = client.post(location, {"password": "guess"})
    assert response.status_code == 200
    assert not mail.outbox
    assert not EmailAddress.objects.filter(email="alice.baru@example.com").exists()


@pytest.mark.django_db
def test_it_changes_the_email_address_after_confirming_the_new_one(client, verified_owner):
    client.force_login(verified_owner)
    assert client.get("/akun/email/").status_code == 200
    client.post("/akun/reauthenticate/", {"password": "alice-password"})
    response = client.post("/akun/email/", {"action_add": "", "email": "alice.baru@example.com"})
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.to == ["alice.baru@example.com"]
    assert "Konfirmasi alamat email Anda" in message.subject
    verified_owner.refresh_from_db()
    assert verified_owner.email == "alice@example.com"  # until the new one is confirmed
    assert "alice.baru@example.com" in client.get("/akun/email/").text
    client.post(path_of(link_in(message)))
    verified_owner.refresh_from_db()
    assert verified_owner.email == "alice.baru@example.com"


@pytest.mark.django_db
def test_it_does_not_hand_over_an_address_another_account_uses(client, verified_owner, other_owner):
    EmailAddress.objects.create(user=other_owner, email=other_owner.email, verified=True, primary=True)
    client.force_login(verified_owner)
    client.post("/akun/reauthenticate/", {"password": "alice-password"})
    client.post("/akun/email/", {"action_add": "", "email": other_owner.email})
    # The page does not say whether the address has an account...
    assert "bob@example.com" in client.get("/akun/email/").text
    # ...but the address can never be confirmed for Alice.
    for message in mail.outbox:
        if "/confirm-email/" in message.body:
            response = client.post(path_of(link_in(message)))
            assert response.status_code in {200, 302}
    verified_owner.refresh_from_db()
    assert verified_owner.email == "alice@example.com"
    assert EmailAddress.objects.get(email=other_owner.email, verified=True).user == other_owner


@pytest.mark.django_db
def test_it_resends_the_confirmation_in_the_account_language(client, owner):
    owner.language = "en"
    owner.save()
    EmailAddress.objects.create(user=owner, email=owner.email, verified=False, primary=True)
    response = sign_in(client, owner.email, "alice-password")
    assert response["Location"] == "/akun/confirm-email/"
    message = mail.outbox[0]
    assert "Confirm your email address" in message.subject
    assert path_of(link_in(message)).startswith("/en/akun/confirm-email/")


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["\x00", "a" * 10_000, "alice@example.com\x00", "<script>@example.com", " "])
def test_it_answers_bad_input_with_a_form_error(client, verified_owner, value):
    response = client.post("/akun/login/", {"login": value, "password": value})
    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    response = client.post("/akun/signup/", {"email": value, "password1": value, "password2": value})
    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    response = client.post("/akun/password/reset/", {"email": value})
    assert response.status_code == 200
    assert signed_in_email(client) is None
