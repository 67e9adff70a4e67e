"""Collaboration posts: the public pages /kolaborasi/, the owner's posts
under /dasbor/, and staff's moderation in admin."""

import datetime
import smtplib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from directory.connect import posts
from directory.models import CollaborationPost, ModerationLog, ProductCategory, Province, Regency
from directory.privacy.data_rights import account_export
from tests.conftest import versions_shown

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Mail leaves once a decision is committed; a test's transaction never
    commits, so the callbacks run as the block using this ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def business(make_business, owner):
    return make_business(name="Sepatu Tapakrana", slug="sepatu-tapakrana", owner=owner, roles=["brand"])


@pytest.fixture
def make_post():
    def make(business, *, categories=(), **fields):
        fields.setdefault("kind", CollaborationPost.Kind.SEEK)
        fields.setdefault("title", "Mencari pembuat outsol")
        fields.setdefault("description", "Kami mencari pembuat outsol karet untuk 500 pasang sebulan.")
        fields.setdefault("until", TODAY + datetime.timedelta(days=30))
        fields.setdefault("status", CollaborationPost.Status.PUBLISHED)
        if fields["status"] == CollaborationPost.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        if fields["status"] == CollaborationPost.Status.REJECTED:
            fields.setdefault("rejection_reason", "Kurang jelas.")
        post = CollaborationPost.objects.create(business=business, **fields)
        post.categories.set(ProductCategory.objects.filter(slug__in=categories))
        return post

    return make


def titles(response):
    return [post.title for post in response.context["page"].object_list]


# The public list and page -------------------------------------------------------------


def test_it_lists_only_live_posts_of_published_businesses(client, business, make_business, make_post):
    make_post(business, title="Terbit")
    make_post(business, title="Menunggu", status="pending")
    make_post(business, title="Draf", status="draft")
    make_post(business, title="Ditolak", status="rejected")
    make_post(business, title="Kedaluwarsa", until=TODAY - datetime.timedelta(days=1))
    make_post(business, title="Hari terakhir", until=TODAY)
    hidden = make_business(status="suspended")
    make_post(hidden, title="Usaha ditangguhkan")
    response = client.get("/kolaborasi/")
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Hari terakhir", "Terbit"]


def test_it_filters_posts_by_kind_category_and_province(client, business, make_business, make_post):
    east = make_business(
        name="Karet Sidoarjo", province=Province.objects.get(code="35"), regency=Regency.objects.get(code="3515")
    )
    make_post(business, title="Cari outsol", categories=["outsole"])
    make_post(business, title="Tawarkan maklon", kind="offer", categories=["private-label"])
    make_post(east, title="Tawarkan outsol", kind="offer", categories=["outsole", "rubber"])
    assert sorted(titles(client.get("/kolaborasi/?kind=offer"))) == ["Tawarkan maklon", "Tawarkan outsol"]
    assert sorted(titles(client.get("/kolaborasi/?category=outsole"))) == ["Cari outsol", "Tawarkan outsol"]
    assert titles(client.get("/kolaborasi/?province=35")) == ["Tawarkan outsol"]
    assert titles(client.get("/kolaborasi/?kind=offer&category=outsole&province=35")) == ["Tawarkan outsol"]


def test_it_explains_an_unknown_filter_value_instead_of_failing(client, business, make_post):
    make_post(business, title="Cari outsol")
    response = client.get("/kolaborasi/?kind=pinjam&category=tidak-ada")
    assert response.status_code == 200
    assert titles(response) == ["Cari outsol"]
    assert 'class="errorlist"' in response.text


def test_it_paginates_posts(client, business, make_post):
    for number in range(23):
        make_post(business, title=f"Pos {number:02d}")
    first = client.get("/kolaborasi/")
    assert len(titles(first)) == 20
    assert "?page=2" in first.text
    assert len(titles(client.get("/kolaborasi/?page=2"))) == 3
    assert len(titles(client.get("/kolaborasi/?page=abc"))) == 20


def test_it_lists_posts_in_a_fixed_number_of_queries(
    client, business, make_business, make_post, django_assert_num_queries
):
    for number in range(5):
        make_post(make_business(), title=f"Pos {number}", categories=["outsole", "leather"])
    client.get("/kolaborasi/")  # fills the cached filter options
    # The count, the page of posts with their businesses, their categories.
    with django_assert_num_queries(3):
        assert client.get("/kolaborasi/?category=outsole").status_code == 200


def test_it_shows_the_list_in_english(client, business, make_post):
    make_post(business, title="Cari outsol", categories=["outsole"])
    response = client.get("/en/kolaborasi/")
    assert response.status_code == 200
    assert "Seeking" in response.text and "Outsoles" in response.text
    assert "Mencari" in client.get("/kolaborasi/").text


def test_it_shows_a_post_with_an_answer_link(client, business, make_post):
    post = make_post(business, categories=["outsole"])
    response = client.get(f"/kolaborasi/{post.pk}/")
    assert response.status_code == 200
    assert "Mencari pembuat outsol" in response.text
    assert "Outsol" in response.text
    # Until the inquiry form exists, "answer" leads to the profile's contacts.
    assert response.context["answer_url"] in (
        "/direktori/sepatu-tapakrana/#contact-heading",
        f"/direktori/sepatu-tapakrana/hubungi/?post={post.pk}",
    )
    assert response.context["answer_url"] in response.text


@pytest.mark.parametrize(
    ("state", "persona", "expected"),
    [
        ({"status": "pending"}, "anonymous", 404),
        ({"status": "draft"}, "other_owner", 404),
        ({"status": "rejected"}, "anonymous", 404),
        ({"until": TODAY - datetime.timedelta(days=1)}, "anonymous", 404),
        ({"status": "pending"}, "owner", 200),
        ({"until": TODAY - datetime.timedelta(days=1)}, "owner", 200),
        ({"status": "pending"}, "moderator", 200),
    ],
)
def test_it_shows_a_hidden_post_only_to_its_owner_and_staff(
    client, business, make_post, state, persona, expected, request
):
    post = make_post(business, **state)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/kolaborasi/{post.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert '<meta name="robots" content="noindex">' in response.text


def test_it_hides_the_posts_of_a_business_no_longer_published(client, business, make_post):
    post = make_post(business)
    business.status = "suspended"
    business.save()
    assert client.get(f"/kolaborasi/{post.pk}/").status_code == 404


def test_it_lists_live_posts_in_the_sitemap(client, business, make_post):
    live = make_post(business)
    expired = make_post(business, until=TODAY - datetime.timedelta(days=1))
    pending = make_post(business, status="pending")
    posts = client.get("/sitemap-posts.xml").text
    assert f"<loc>http://testserver/kolaborasi/{live.pk}/</loc>" in posts
    assert f"<loc>http://testserver/en/kolaborasi/{live.pk}/</loc>" in posts
    assert f"/kolaborasi/{expired.pk}/" not in posts and f"/kolaborasi/{pending.pk}/" not in posts
    assert "<loc>http://testserver/kolaborasi/</loc>" in client.get("/sitemap-pages.xml").text


# The owner's posts ---------------------------------------------------------------------


def post_data(**overrides):
    outsole = ProductCategory.objects.get(slug="outsole")
    data = {
        "kind": "seek",
        "title": "Mencari pembuat outsol",
        "categories": [str(outsole.pk)],
        "description": "Outsol karet untuk sneakers, 500 pasang sebulan.",
        "until": (TODAY + datetime.timedelta(days=60)).isoformat(),
        "submit": "1",
    }
    data.update(overrides)
    return data


def test_it_lets_an_owner_send_a_post_for_review(client, owner, business):
    client.force_login(owner)
    response = client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/baru/", post_data())
    assert response.status_code == 302
    post = CollaborationPost.objects.get()
    assert post.business == business
    assert post.status == "pending"
    assert [category.slug for category in post.categories.all()] == ["outsole"]
    # Not public until staff approve it.
    client.logout()
    assert client.get(f"/kolaborasi/{post.pk}/").status_code == 404


def test_it_saves_a_draft(client, owner, business):
    client.force_login(owner)
    data = post_data()
    del data["submit"]
    data["draft"] = "1"
    client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/baru/", data)
    assert CollaborationPost.objects.get().status == "draft"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"until": (TODAY - datetime.timedelta(days=1)).isoformat()}, "Pilih hari ini atau hari sesudahnya."),
        ({"until": (TODAY + datetime.timedelta(days=400)).isoformat()}, "paling lama setahun"),
        ({"title": ""}, "Bidang ini tidak boleh kosong."),
        ({"description": "x" * 3001}, "3000"),
    ],
)
def test_it_explains_what_is_wrong_with_a_post(client, owner, business, overrides, message):
    client.force_login(owner)
    response = client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/baru/", post_data(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not CollaborationPost.objects.exists()


def test_it_limits_the_categories_of_a_post(client, owner, business):
    client.force_login(owner)
    many = [str(pk) for pk in ProductCategory.objects.values_list("pk", flat=True)[:6]]
    response = client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/baru/", post_data(categories=many))
    assert response.status_code == 200
    assert not CollaborationPost.objects.exists()


def test_it_refuses_posts_for_an_unpublished_business(client, owner, business):
    business.status = "pending"
    business.save()
    client.force_login(owner)
    response = client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/baru/", post_data(), follow=True)
    assert not CollaborationPost.objects.exists()
    assert "harus sudah terbit" in response.text
    with pytest.raises(posts.PostError):
        posts.post_save(
            business=business, user=owner, kind="seek", title="A", description="B", until=TODAY, submit=True
        )


def test_it_takes_an_edited_post_off_the_public_pages_until_reviewed(client, owner, business, make_post):
    post = make_post(business)
    client.force_login(owner)
    response = client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/{post.pk}/", post_data(title="Judul baru"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.status) == ("Judul baru", "pending")
    client.logout()
    assert titles(client.get("/kolaborasi/")) == []


def test_it_deletes_a_post(client, owner, business, make_post):
    post = make_post(business)
    client.force_login(owner)
    assert client.get(f"/dasbor/usaha/{business.pk}/kolaborasi/{post.pk}/hapus/").status_code == 200
    client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/{post.pk}/hapus/")
    assert not CollaborationPost.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/dasbor/usaha/{business}/kolaborasi/",
        "/dasbor/usaha/{business}/kolaborasi/baru/",
        "/dasbor/usaha/{business}/kolaborasi/{post}/",
        "/dasbor/usaha/{business}/kolaborasi/{post}/hapus/",
    ],
)
@pytest.mark.parametrize(("persona", "expected"), [("owner", 200), ("other_owner", 404), ("moderator", 404)])
def test_it_checks_ownership_of_posts(client, business, make_post, path, persona, expected, request):
    post = make_post(business)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(path.format(business=business.pk, post=post.pk)).status_code == expected
    if expected == 404:
        client.post(path.format(business=business.pk, post=post.pk), post_data())
        assert CollaborationPost.objects.get().title == "Mencari pembuat outsol"


def test_it_does_not_find_another_businesss_post_under_ones_own(
    client, owner, other_owner, business, make_business, make_post
):
    others = make_business(owner=other_owner)
    post = make_post(others)
    client.force_login(owner)
    assert client.get(f"/dasbor/usaha/{business.pk}/kolaborasi/{post.pk}/").status_code == 404
    client.post(f"/dasbor/usaha/{business.pk}/kolaborasi/{post.pk}/hapus/")
    assert CollaborationPost.objects.filter(pk=post.pk).exists()


def test_it_sends_anonymous_visitors_of_the_owner_pages_to_sign_in(client, business):
    response = client.get(f"/dasbor/usaha/{business.pk}/kolaborasi/")
    assert response.status_code == 302
    assert "/akun/login/" in response["Location"]


def test_it_shows_the_owner_the_state_of_each_post(client, owner, business, make_post):
    make_post(business, title="Ditolak", status="rejected", rejection_reason="Judul kurang jelas.")
    make_post(business, title="Lewat", until=TODAY - datetime.timedelta(days=3))
    client.force_login(owner)
    page = client.get(f"/dasbor/usaha/{business.pk}/kolaborasi/").text
    assert "Judul kurang jelas." in page
    assert "Kedaluwarsa" in page
    assert f"/dasbor/usaha/{business.pk}/kolaborasi/" in client.get("/dasbor/").text


# Moderation --------------------------------------------------------------------------


def test_it_approves_a_post_logs_it_and_tells_the_owner_in_their_language(
    business, owner, moderator, make_post, mailoutbox, committed
):
    owner.language = "en"
    owner.save()
    post = make_post(business, status="pending", title="Looking for outsoles")
    with committed():
        posts.post_approve(post=post, moderator=moderator, base_url="https://ifn.test")
    post.refresh_from_db()
    assert post.status == "published" and post.published_at
    entry = ModerationLog.objects.get()
    assert (entry.action, entry.moderator, entry.business) == ("post_approved", moderator, business)
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert "is published" in message.subject
    assert f"https://ifn.test/en/kolaborasi/{post.pk}/" in message.body


def test_it_rejects_a_post_with_a_reason_in_indonesian(business, moderator, make_post, mailoutbox, committed):
    post = make_post(business, status="pending")
    with pytest.raises(ValidationError):
        posts.post_reject(post=post, moderator=moderator, reason="  ")
    with committed():
        posts.post_reject(post=post, moderator=moderator, reason="Judul kurang jelas.")
    post.refresh_from_db()
    assert (post.status, post.rejection_reason) == ("rejected", "Judul kurang jelas.")
    assert ModerationLog.objects.get().action == "post_rejected"
    [message] = mailoutbox
    assert "tidak diterbitkan" in message.subject
    assert "Judul kurang jelas." in message.body


def test_it_refuses_to_approve_a_post_twice(business, moderator, make_post, mailoutbox):
    post = make_post(business, status="published")
    with pytest.raises(posts.PostError):
        posts.post_approve(post=post, moderator=moderator)
    assert not ModerationLog.objects.exists() and not mailoutbox


def test_it_keeps_the_decision_when_the_mail_server_fails(business, moderator, make_post, monkeypatch, committed):
    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(posts, "send_mail", broken)
    post = make_post(business, status="pending")
    with committed():
        posts.post_approve(post=post, moderator=moderator)
    post.refresh_from_db()
    assert post.status == "published"


def test_it_shows_a_post_the_moment_staff_approve_it(client, business, moderator, make_post, settings, mailoutbox):
    settings.PUBLIC_PAGE_CACHE = True
    post = make_post(business, status="pending")
    assert titles(client.get("/kolaborasi/")) == []
    posts.post_approve(post=post, moderator=moderator)
    assert titles(client.get("/kolaborasi/")) == [post.title]


def test_it_approves_and_rejects_posts_from_the_admin(client, superuser, business, make_post, mailoutbox, committed):
    first = make_post(business, status="pending", title="Pertama")
    second = make_post(business, status="pending", title="Kedua")
    client.force_login(superuser)
    changelist = "/admin/directory/collaborationpost/"
    with committed():
        client.post(
            changelist, {"action": "approve_posts", "_selected_action": [first.pk], "seen": versions_shown(first)}
        )
    asked = client.post(changelist, {"action": "reject_posts", "_selected_action": [second.pk]})
    assert asked.status_code == 200 and "Kedua" in asked.text
    with committed():
        client.post(
            changelist,
            {
                "action": "reject_posts",
                "_selected_action": [second.pk],
                "seen": versions_shown(second),
                "apply": "1",
                "reason": "Kurang jelas.",
            },
        )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.rejection_reason) == ("published", "rejected", "Kurang jelas.")
    assert len(mailoutbox) == 2


def test_it_lists_posts_for_staff_oldest_waiting_first(
    client, superuser, business, make_business, make_post, django_assert_num_queries
):
    now = timezone.now()
    for number in range(4):
        make_post(
            make_business(),
            status="pending",
            title=f"Pos {number}",
            submitted_at=now - datetime.timedelta(days=number),
        )
    client.force_login(superuser)
    client.get("/admin/directory/collaborationpost/")
    with django_assert_num_queries(8):
        response = client.get("/admin/directory/collaborationpost/?status__exact=pending")
    assert response.status_code == 200
    assert [post.title for post in response.context["cl"].result_list] == ["Pos 3", "Pos 2", "Pos 1", "Pos 0"]


def test_it_gives_the_owner_their_posts_in_the_data_export(owner, business, make_post):
    make_post(business, title="Mencari pembuat outsol")
    [exported] = account_export(user=owner)["businesses"]
    assert [post["title"] for post in exported["collaboration_posts"]] == ["Mencari pembuat outsol"]
