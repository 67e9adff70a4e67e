"""No open redirect: every place that takes a `next` address (signing in,
up and out on the site and in the admin, the moderation buttons, the
language switch) refuses one that leaves the site and goes to its own
default instead."""

import pytest

from directory.models import Business

# Addresses that browsers read as another host, or as script.
FOREIGN = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)//",
]


def assert_goes_to(response, default: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == default


def assert_stays_on_site(response) -> None:
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/")
    assert not location.startswith(("//", "/\\"))
    assert "evil.example" not in location


def assert_never_shows(response, target: str) -> None:
    """The address is not in the page as a link or a form's destination."""
    text = response.content.decode()
    for attribute in ("href", "action", "formaction"):
        assert f'{attribute}="{target}' not in text


@pytest.mark.parametrize("target", FOREIGN)
def test_it_signs_in_to_the_dashboard_whatever_the_next_address(client, verified_owner, target):
    response = client.post(
        "/akun/login/", {"login": verified_owner.email, "password": "alice-password", "next": target}
    )
    assert_goes_to(response, "/dasbor/")


@pytest.mark.parametrize("target", FOREIGN)
def test_it_keeps_links_on_the_sign_in_page_on_this_site(client, target):
    response = client.get("/akun/login/", {"next": target})
    assert response.status_code == 200
    assert_never_shows(response, target)


@pytest.mark.parametrize("target", FOREIGN)
def test_it_signs_up_to_the_confirmation_page_whatever_the_next_address(client, db, target):
    password = "sepatu-kulit-cibaduyut"
    response = client.post(
        "/akun/signup/", {"email": "new@example.com", "password1": password, "password2": password, "next": target}
    )
    assert_goes_to(response, "/akun/confirm-email/")


@pytest.mark.parametrize("target", FOREIGN)
def test_it_signs_out_to_the_home_page_whatever_the_next_address(client, owner, target):
    client.force_login(owner)
    assert_goes_to(client.post("/akun/logout/", {"next": target}), "/")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("target", FOREIGN)
def test_it_changes_a_password_and_stays_on_this_site(client, verified_owner, target):
    client.force_login(verified_owner)
    response = client.post(
        "/akun/password/change/",
        {
            "oldpassword": "alice-password",
            "password1": "kulit-sapi-tanggulangin",
            "password2": "kulit-sapi-tanggulangin",
        }
        | {"next": target},
    )
    assert_stays_on_site(response)


def test_it_follows_a_next_path_on_this_site(client, verified_owner):
    response = client.post(
        "/akun/login/", {"login": verified_owner.email, "password": "alice-password", "next": "/kolaborasi/"}
    )
    assert_goes_to(response, "/kolaborasi/")


@pytest.mark.parametrize("target", FOREIGN)
def test_it_signs_staff_in_on_this_site_whatever_the_next_address(client, superuser, target):
    response = client.post("/admin/login/", {"username": superuser.email, "password": "root-password", "next": target})
    assert_stays_on_site(response)
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("target", FOREIGN)
def test_it_keeps_the_admin_sign_in_form_on_this_site(client, target):
    response = client.get("/admin/login/", {"next": target})
    assert response.status_code == 200
    assert_never_shows(response, target)


@pytest.mark.parametrize("target", FOREIGN)
def test_it_signs_staff_out_of_the_admin_without_leaving_the_site(client, superuser, target):
    client.force_login(superuser)
    response = client.post("/admin/logout/", {"next": target})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "evil.example" not in response["Location"]
    assert_never_shows(response, target)


def moderate(client, business, target, **extra):
    return client.post(
        "/admin/directory/business/",
        {
            "action": "verify",
            "_selected_action": [business.pk],
            "next": target,
            "apply": "1",
            "method": "visit",
            "checked_on": "2025-01-22",
            **extra,
        },
    )


@pytest.mark.parametrize("target", FOREIGN)
def test_it_returns_from_a_moderation_button_to_the_list_whatever_the_next_address(
    client, staff_moderator, make_business, target
):
    business = make_business()
    client.force_login(staff_moderator)
    response = moderate(client, business, target)
    assert_goes_to(response, "/admin/directory/business/")
    business.refresh_from_db()
    assert business.verified


@pytest.mark.parametrize("target", FOREIGN)
def test_it_keeps_the_cancel_link_of_a_reason_page_on_this_site(client, staff_moderator, make_business, target):
    business = make_business(status=Business.Status.PENDING)
    client.force_login(staff_moderator)
    response = client.post(
        "/admin/directory/business/", {"action": "reject", "_selected_action": [business.pk], "next": target}
    )
    assert response.status_code == 200
    assert_never_shows(response, target)
    assert f'value="{target}"' not in response.content.decode()


def test_it_returns_from_a_moderation_button_to_the_page_it_came_from(client, staff_moderator, make_business):
    business = make_business()
    client.force_login(staff_moderator)
    back = f"/admin/directory/business/{business.pk}/change/"
    assert_goes_to(moderate(client, business, back), back)


@pytest.mark.parametrize("path", ["//evil.example/", "//evil.example/direktori/", "/\\evil.example/"])
def test_it_keeps_the_language_switch_on_this_site(client, db, path):
    """A page asked for with a path a browser would read as another host (a
    404 here) still links its languages to this site."""
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    text = response.content.decode()
    assert "evil.example" not in text.split("lang-switch", 1)[-1].split("</nav>", 1)[0]
    assert 'href="//' not in text
