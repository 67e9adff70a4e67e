"""The URL security matrix: every URL pattern of the project, walked from the
resolver, answers each persona (anonymous, owner of the object in the URL,
another owner, a moderator, a superuser) as this table says. A pattern with
no entry fails the test by name, so a new page cannot go out without someone
deciding who may see it. The same walk checks that every view that takes a
POST refuses one without a CSRF token."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from taggit.models import Tag

from directory.capabilities.models import (
    Audience,
    ConstructionMethod,
    Country,
    FootwearType,
    KbliCode,
    Material,
    Service,
)
from directory.image_uploads import process_image
from directory.listings import photo_edits
from directory.models import (
    Business,
    BusinessChange,
    BusinessClaim,
    Certification,
    CollaborationPost,
    Inquiry,
    MarketplaceShop,
    ModerationLog,
    Product,
    ProductCategory,
    Sentra,
)
from directory.money.models import ExchangeRate
from directory.pages.models import SitePage
from directory.search.models import GlossaryTerm
from directory.sourcing.models import BlockedSender, Quote, RequestAttachment, SourcingRequest, SourcingSettings
from directory.sourcing.services import confirmation_token
from tests.conftest import image_bytes

PERSONAS = ("anonymous", "owner", "other_owner", "moderator", "superuser")

# Expected answers besides plain status codes.
LOGIN = "redirect to the sign-in page"
ADMIN_LOGIN = "redirect to the admin sign-in page"
REDIRECT = "redirect"


@dataclass(frozen=True)
class Entry:
    """What one URL pattern answers to GET for each persona, in PERSONAS
    order, and whether it takes a POST (for the CSRF check). `path` fills
    the pattern's arguments from the objects of `World`."""

    path: Callable
    get: tuple
    post: bool = False


def answers(anonymous, owner, other_owner, moderator, superuser) -> tuple:
    return (anonymous, owner, other_owner, moderator, superuser)


PUBLIC = answers(200, 200, 200, 200, 200)
OWNER_ONLY = answers(LOGIN, 200, 404, 404, 404)
OWNER_ONLY_POST = answers(LOGIN, 405, 405, 405, 405)
POST_ONLY = answers(405, 405, 405, 405, 405)
SIGNED_IN = answers(LOGIN, 200, 200, 200, 200)
NOBODY = answers(404, 404, 404, 404, 404)

# The site's own pages and what django-allauth adds under /akun/. Keys are the
# patterns' routes as the resolver spells them (the language prefix, which
# is empty for Indonesian, left out: /en/ serves the same patterns).
SITE = {
    "healthz": Entry(lambda w: "/healthz", PUBLIC),
    "robots.txt": Entry(lambda w: "/robots.txt", PUBLIC),
    "sitemap.xml": Entry(lambda w: "/sitemap.xml", PUBLIC),
    "sitemap-<section>.xml": Entry(lambda w: "/sitemap-businesses.xml", PUBLIC),
    "^media/(?P<path>.*)$": Entry(lambda w: f"/media/{w.photo.image.name}", PUBLIC),
    "": Entry(lambda w: "/", PUBLIC),
    "direktori/": Entry(lambda w: "/direktori/", PUBLIC),
    "direktori/ekspor.csv": Entry(lambda w: "/direktori/ekspor.csv", PUBLIC),
    "direktori/<slug:slug>/": Entry(lambda w: f"/direktori/{w.business.slug}/", PUBLIC),
    # A pending listing: a preview for its owner and staff, 404 for anyone else.
    "direktori/<slug:slug>/ pending": Entry(
        lambda w: f"/direktori/{w.pending.slug}/", answers(404, 200, 404, 200, 200)
    ),
    "direktori/<slug:slug>/hubungi/ pending": Entry(lambda w: f"/direktori/{w.pending.slug}/hubungi/", NOBODY),
    "direktori/<slug:slug>/klaim/ owned": Entry(
        lambda w: f"/direktori/{w.business.slug}/klaim/", answers(LOGIN, 200, 200, 200, 200)
    ),
    "direktori/<slug:slug>/klaim/": Entry(
        lambda w: f"/direktori/{w.unowned.slug}/klaim/", answers(LOGIN, 200, 200, 200, 200), post=True
    ),
    "direktori/<slug:slug>/hubungi/": Entry(lambda w: f"/direktori/{w.business.slug}/hubungi/", PUBLIC, post=True),
    # Shows a message only to the browser that just sent it; anyone else is
    # sent on to the profile.
    "direktori/<slug:slug>/hubungi/terkirim/": Entry(
        lambda w: f"/direktori/{w.business.slug}/hubungi/terkirim/", answers(*[REDIRECT] * 5)
    ),
    "direktori/<slug:slug>/hubungi/terkirim/ pending": Entry(
        lambda w: f"/direktori/{w.pending.slug}/hubungi/terkirim/", NOBODY
    ),
    "sentra/": Entry(lambda w: "/sentra/", PUBLIC),
    "sentra/<slug:slug>/": Entry(lambda w: f"/sentra/{w.sentra.slug}/", PUBLIC),
    "statistik/": Entry(lambda w: "/statistik/", PUBLIC),
    "daftar/": Entry(lambda w: "/daftar/", PUBLIC),
    "tentang/": Entry(lambda w: "/tentang/", PUBLIC),
    "kontak/": Entry(lambda w: "/kontak/", PUBLIC),
    "privasi/": Entry(lambda w: "/privasi/", PUBLIC),
    "ketentuan/": Entry(lambda w: "/ketentuan/", PUBLIC),
    "kolaborasi/": Entry(lambda w: "/kolaborasi/", PUBLIC),
    "kolaborasi/<int:pk>/": Entry(lambda w: f"/kolaborasi/{w.post.pk}/", PUBLIC),
    # Sourcing requests: the board and the form are public; the buyer's page
    # and its actions answer whoever holds the unguessable token.
    "permintaan/": Entry(lambda w: "/permintaan/", PUBLIC),
    "permintaan/angka.csv": Entry(lambda w: "/permintaan/angka.csv", PUBLIC),
    "permintaan/baru/": Entry(lambda w: "/permintaan/baru/", PUBLIC, post=True),
    "permintaan/baru/terkirim/": Entry(lambda w: "/permintaan/baru/terkirim/", answers(*[REDIRECT] * 5)),
    "permintaan/konfirmasi/<str:token>/": Entry(
        lambda w: f"/permintaan/konfirmasi/{w.confirmation}/", PUBLIC, post=True
    ),
    "permintaan/<int:pk>/": Entry(lambda w: f"/permintaan/{w.sourcing.pk}/", PUBLIC),
    "permintaan/<int:pk>/ pending": Entry(lambda w: f"/permintaan/{w.pending_request.pk}/", NOBODY),
    "permintaan/<slug:token>/": Entry(lambda w: f"/permintaan/{w.sourcing.token}/", PUBLIC),
    "permintaan/<slug:token>/ unconfirmed": Entry(lambda w: f"/permintaan/{w.unconfirmed.token}/", NOBODY),
    "permintaan/<slug:token>/tutup/": Entry(lambda w: f"/permintaan/{w.sourcing.token}/tutup/", POST_ONLY, post=True),
    "permintaan/<slug:token>/penawaran/<int:quote_pk>/<slug:action>/": Entry(
        lambda w: f"/permintaan/{w.sourcing.token}/penawaran/{w.quote.pk}/pilih/", POST_ONLY, post=True
    ),
    "permintaan/<slug:token>/berkas/<slug:kind>/<int:pk>/": Entry(
        lambda w: f"/permintaan/{w.sourcing.token}/berkas/lampiran/{w.attachment.pk}/", PUBLIC
    ),
    # An open request: every signed-in person may open it (the page says who may quote).
    "dasbor/permintaan/<int:pk>/": Entry(lambda w: f"/dasbor/permintaan/{w.sourcing.pk}/", SIGNED_IN, post=True),
    "dasbor/permintaan/<int:pk>/ pending": Entry(
        lambda w: f"/dasbor/permintaan/{w.pending_request.pk}/", answers(LOGIN, 404, 404, 404, 404)
    ),
    "dasbor/permintaan/<int:pk>/tolak/": Entry(
        lambda w: f"/dasbor/permintaan/{w.sourcing.pk}/tolak/", OWNER_ONLY_POST, post=True
    ),
    # The buyer's files: for owners of a published business.
    "dasbor/permintaan/<int:pk>/lampiran/<int:attachment_pk>/": Entry(
        lambda w: f"/dasbor/permintaan/{w.sourcing.pk}/lampiran/{w.attachment.pk}/", OWNER_ONLY
    ),
    "dasbor/usaha/<int:pk>/foto/": Entry(lambda w: f"/dasbor/usaha/{w.business.pk}/foto/", OWNER_ONLY, post=True),
    "dasbor/usaha/<int:pk>/foto/<int:photo_pk>/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/foto/{w.photo.pk}/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/foto/<int:photo_pk>/pindah/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/foto/{w.photo.pk}/pindah/", OWNER_ONLY_POST, post=True
    ),
    "dasbor/usaha/<int:pk>/foto/<int:photo_pk>/hapus/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/foto/{w.photo.pk}/hapus/", OWNER_ONLY, post=True
    ),
    "dasbor/akun/data/": Entry(lambda w: "/dasbor/akun/data/", SIGNED_IN),
    "dasbor/akun/hapus/": Entry(lambda w: "/dasbor/akun/hapus/", SIGNED_IN, post=True),
    "dasbor/": Entry(lambda w: "/dasbor/", SIGNED_IN),
    "dasbor/bantuan/": Entry(lambda w: "/dasbor/bantuan/", PUBLIC),
    "dasbor/usaha/baru/": Entry(lambda w: "/dasbor/usaha/baru/", SIGNED_IN, post=True),
    "dasbor/usaha/<int:pk>/ubah/<slug:step>/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/ubah/usaha/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/tinjau/": Entry(lambda w: f"/dasbor/usaha/{w.business.pk}/tinjau/", OWNER_ONLY),
    "dasbor/usaha/<int:pk>/kirim/": Entry(lambda w: f"/dasbor/usaha/{w.business.pk}/kirim/", POST_ONLY, post=True),
    "dasbor/usaha/<int:pk>/konfirmasi/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/konfirmasi/", POST_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/produk/": Entry(lambda w: f"/dasbor/usaha/{w.business.pk}/produk/", OWNER_ONLY),
    "dasbor/usaha/<int:pk>/produk/baru/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/produk/baru/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/produk/<int:product_pk>/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/produk/{w.product.pk}/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/produk/<int:product_pk>/hapus/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/produk/{w.product.pk}/hapus/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/produk/<int:product_pk>/pindah/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/produk/{w.product.pk}/pindah/", POST_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/kolaborasi/": Entry(lambda w: f"/dasbor/usaha/{w.business.pk}/kolaborasi/", OWNER_ONLY),
    "dasbor/usaha/<int:pk>/kolaborasi/baru/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/kolaborasi/baru/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/kolaborasi/<int:post_pk>/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/kolaborasi/{w.post.pk}/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/kolaborasi/<int:post_pk>/hapus/": Entry(
        lambda w: f"/dasbor/usaha/{w.business.pk}/kolaborasi/{w.post.pk}/hapus/", OWNER_ONLY, post=True
    ),
    "dasbor/usaha/<int:pk>/kunjungan/": Entry(lambda w: f"/dasbor/usaha/{w.business.pk}/kunjungan/", OWNER_ONLY),
    "dasbor/pesan/": Entry(lambda w: "/dasbor/pesan/", SIGNED_IN),
    # Each signed-in person's own sent messages; nobody else's can be named.
    "dasbor/pesan-terkirim/": Entry(lambda w: "/dasbor/pesan-terkirim/", SIGNED_IN),
    "dasbor/pesan/<int:pk>/": Entry(lambda w: f"/dasbor/pesan/{w.inquiry.pk}/", OWNER_ONLY),
    "dasbor/pesan/<int:pk>/<slug:action>/": Entry(
        lambda w: f"/dasbor/pesan/{w.inquiry.pk}/arsipkan/", OWNER_ONLY_POST, post=True
    ),
    # django-allauth's account pages. Signed-in people asking for sign-in or
    # sign-up pages are sent on to the dashboard.
    "akun/": Entry(lambda w: "/akun/", answers(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    "akun/login/": Entry(lambda w: "/akun/login/", answers(200, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True),
    "akun/logout/": Entry(lambda w: "/akun/logout/", answers(REDIRECT, 200, 200, 200, 200), post=True),
    "akun/inactive/": Entry(lambda w: "/akun/inactive/", PUBLIC),
    "akun/signup/": Entry(lambda w: "/akun/signup/", answers(200, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True),
    "akun/reauthenticate/": Entry(lambda w: "/akun/reauthenticate/", SIGNED_IN, post=True),
    "akun/email/": Entry(lambda w: "/akun/email/", SIGNED_IN, post=True),
    "akun/confirm-email/": Entry(lambda w: "/akun/confirm-email/", PUBLIC),
    "akun/password/change/": Entry(lambda w: "/akun/password/change/", SIGNED_IN, post=True),
    "akun/password/set/": Entry(
        lambda w: "/akun/password/set/", answers(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True
    ),
    "akun/password/reset/": Entry(lambda w: "/akun/password/reset/", PUBLIC, post=True),
    # Signing up and in with a WhatsApp number and a code.
    "akun/signup/whatsapp/": Entry(
        lambda w: "/akun/signup/whatsapp/", answers(200, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True
    ),
    "akun/login/code/": Entry(
        lambda w: "/akun/login/code/", answers(200, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True
    ),
    "akun/phone/change/": Entry(lambda w: "/akun/phone/change/", SIGNED_IN, post=True),
    # Without a code asked for, there is nothing to confirm.
    "akun/phone/verify/": Entry(
        lambda w: "/akun/phone/verify/", answers(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True
    ),
    "akun/login/code/confirm/": Entry(
        lambda w: "/akun/login/code/confirm/", answers(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT), post=True
    ),
    "akun/^confirm-email/(?P<key>[-:\\w]+)/$": Entry(lambda w: "/akun/confirm-email/no-such-key/", PUBLIC, post=True),
    "akun/password/reset/key/done/": Entry(lambda w: "/akun/password/reset/key/done/", PUBLIC),
    "akun/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Entry(
        lambda w: "/akun/password/reset/key/1-no-such-key/", PUBLIC, post=True
    ),
    "akun/password/reset/done/": Entry(lambda w: "/akun/password/reset/done/", PUBLIC),
}

# The admin's own pages and the project's additions to it. Everyone who is
# not staff is sent to the admin's sign-in page, whatever they ask for.
STAFF_ONLY = answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200)
ADMIN = {
    "admin/": Entry(lambda w: "/admin/", STAFF_ONLY),
    "admin/bahasa/": Entry(lambda w: "/admin/bahasa/", POST_ONLY, post=True),
    "admin/login/": Entry(lambda w: "/admin/login/", answers(200, 200, 200, REDIRECT, REDIRECT), post=True),
    # Signing out takes a POST; anyone but staff is sent to the admin's front page.
    "admin/logout/": Entry(lambda w: "/admin/logout/", answers(REDIRECT, REDIRECT, REDIRECT, 405, 405), post=True),
    "admin/password_change/": Entry(lambda w: "/admin/password_change/", STAFF_ONLY, post=True),
    "admin/password_change/done/": Entry(lambda w: "/admin/password_change/done/", STAFF_ONLY),
    # Without its parameters the autocomplete refuses; with them, the field's
    # model admin decides (covered by the admin's own tests).
    "admin/autocomplete/": Entry(
        lambda w: "/admin/autocomplete/", answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 403)
    ),
    "admin/jsi18n/": Entry(lambda w: "/admin/jsi18n/", STAFF_ONLY),
    "admin/r/<path:content_type_id>/<path:object_id>/": Entry(
        lambda w: f"/admin/r/{w.business_type.pk}/{w.business.pk}/",
        answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, REDIRECT, REDIRECT),
    ),
    "admin/<app_label>/": Entry(lambda w: "/admin/directory/", STAFF_ONLY),
    # Moderators manage neither accounts nor tags.
    "admin/<app_label>/ auth": Entry(
        lambda w: "/admin/auth/", answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 404, 200)
    ),
    "admin/(?P<url>.*)$": Entry(
        lambda w: "/admin/no-such-page/", answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 404, 404)
    ),
    "admin/taggit/tag/merge-tags/": Entry(
        lambda w: "/admin/taggit/tag/merge-tags/", answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 200), post=True
    ),
    "admin/directory/user/<id>/password/": Entry(
        lambda w: f"/admin/directory/user/{w.other_owner.pk}/password/",
        answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
        post=True,
    ),
    "admin/directory/business/process_import/": Entry(
        lambda w: "/admin/directory/business/process_import/",
        answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 405, 405),
        post=True,
    ),
    "admin/directory/business/import/": Entry(lambda w: "/admin/directory/business/import/", STAFF_ONLY, post=True),
    "admin/directory/business/export/": Entry(lambda w: "/admin/directory/business/export/", STAFF_ONLY, post=True),
    "admin/directory/business/duplicates/": Entry(lambda w: "/admin/directory/business/duplicates/", STAFF_ONLY),
    "admin/directory/business/duplicates/dismiss/<int:first>/<int:second>/": Entry(
        lambda w: f"/admin/directory/business/duplicates/dismiss/{w.business.pk}/{w.twin.pk}/",
        answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 405, 405),
        post=True,
    ),
    # Moderators merge duplicates: the right to merge, not the right to delete.
    "admin/directory/business/duplicates/merge/<int:keep>/<int:duplicate>/": Entry(
        lambda w: f"/admin/directory/business/duplicates/merge/{w.business.pk}/{w.twin.pk}/",
        STAFF_ONLY,
        post=True,
    ),
    "admin/directory/business/review/": Entry(lambda w: "/admin/directory/business/review/", STAFF_ONLY),
    "admin/directory/sourcingrequest/lampiran/<int:pk>/": Entry(
        lambda w: f"/admin/directory/sourcingrequest/lampiran/{w.attachment.pk}/", STAFF_ONLY
    ),
    "admin/directory/quote/lampiran/<int:pk>/": Entry(
        lambda w: f"/admin/directory/quote/lampiran/{w.quote.pk}/", STAFF_ONLY
    ),
    "admin/directory/businessclaim/<int:pk>/dokumen/": Entry(
        lambda w: f"/admin/directory/businessclaim/{w.claim.pk}/dokumen/", STAFF_ONLY
    ),
}

# Every model registered in the admin gets the same six pages; who may open
# them is the model's permissions (a moderator's come from the Moderator group).
MODEL_PAGE = re.compile(
    r"^admin/(?P<app>\w+)/(?P<model>\w+)/(?:(?P<add>add/)|<path:object_id>/(?:(?P<page>history|delete|change)/)?)?$"
)

# Where a model admin takes away what the permission would give, and why.
ADMIN_NARROWED = {
    ("moderationlog", "add"): "the record of who decided what is written by decisions only",
    ("moderationlog", "delete"): "the record of who decided what is kept",
    ("businessclaim", "add"): "claims come from claimants, through the public form",
    ("businessclaim", "delete"): "a claim is the record of a decision",
    ("businesschange", "add"): "changes come from owners, through the dashboard",
    ("collaborationpost", "add"): "posts come from owners, through the dashboard",
    ("collaborationpost", "delete"): "staff reject or let posts expire; the owner removes them",
    ("inquiry", "add"): "inquiries come from visitors, through the contact form",
    ("sourcingrequest", "add"): "requests come from buyers, through the public form",
    ("quote", "add"): "quotes come from suppliers, through the dashboard",
    ("sourcingsettings", "add"): "the settings are one row, made when staff first open them",
    ("sourcingsettings", "delete"): "the settings are one row, which stays",
    ("sitepage", "add"): "the basic pages have fixed addresses; their rows come with the site",
    ("sitepage", "delete"): "the basic pages have fixed addresses; their rows come with the site",
}


def model_page_answers(world, route: str) -> Entry | None:
    match = MODEL_PAGE.match(route)
    if not match:
        return None
    app, model = match["app"], match["model"]
    target = world.admin_objects[model]
    path = "/" + route.replace("<path:object_id>", str(target.pk))
    if match["add"]:
        action = "add"
    elif match["page"] in ("history", "change", None) and "<path:object_id>" in route:
        action = "change" if match["page"] in ("change", None) else "view"
    elif match["page"] == "delete":
        action = "delete"
    else:
        action = "view"

    def staff_answer(user) -> object:
        if "<path:object_id>" in route and match["page"] is None:
            return REDIRECT  # the old address of the change page
        if (model, action) in ADMIN_NARROWED:
            return 403
        if action == "change":
            # A change page shows read-only to those who may only view.
            allowed = user.has_perm(f"{app}.change_{model}") or user.has_perm(f"{app}.view_{model}")
        elif action == "view":
            allowed = user.has_perm(f"{app}.change_{model}") or user.has_perm(f"{app}.view_{model}")
        else:
            allowed = user.has_perm(f"{app}.{action}_{model}")
        return 200 if allowed else 403

    return Entry(
        lambda w: path,
        answers(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, staff_answer(world.moderator), staff_answer(world.superuser)),
        post=match["page"] != "history",
    )


# The admin's index of one app lists the registered apps in its pattern.
APP_INDEX = re.compile(r"\^\(\?P<app_label>[\w|]+\)/\$$")


def url_patterns(patterns=None, prefix="") -> list[tuple[str, object]]:
    """Every concrete pattern of the project as (route, callback), the routes
    of included patterns joined to their prefixes."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append((APP_INDEX.sub("<app_label>/", route), pattern.callback))
    return found


def table_entries(world, route: str) -> list[tuple[str, Entry]]:
    """The entries that check `route`: its own, and for a shared pattern (the
    admin's app index) one per case."""
    cases = [(key, entry) for key, entry in {**SITE, **ADMIN}.items() if key.split(" ")[0] == route]
    if cases:
        return cases
    entry = model_page_answers(world, route) if route.startswith("admin/") else None
    return [(route, entry)] if entry else []


def has_entry(route: str) -> bool:
    return any(key.split(" ")[0] == route for key in {**SITE, **ADMIN}) or bool(MODEL_PAGE.match(route))


def test_it_has_an_entry_for_every_url_pattern():
    missing = [route for route, _view in url_patterns() if not has_entry(route)]
    assert not missing, "URL patterns without an expected answer per persona:\n" + "\n".join(missing)


def test_it_has_no_entry_for_a_pattern_that_is_gone():
    routes = {route for route, _view in url_patterns()}
    stale = [key for key in {**SITE, **ADMIN} if key.split(" ")[0] not in routes]
    assert not stale, "Entries for URL patterns that no longer exist:\n" + "\n".join(stale)


# The objects the URLs point at ------------------------------------------------------------


class World:
    """One of each thing a URL can name, owned by the owner persona."""


@pytest.fixture
def world(make_business, owner, other_owner, staff_moderator, superuser):
    w = World()
    w.owner, w.other_owner, w.moderator, w.superuser = owner, other_owner, staff_moderator, superuser
    w.business = make_business(owner=owner, name="Sepatu Alice", slug="sepatu-alice", tags=["kulit"])
    w.pending = make_business(owner=owner, slug="alice-baru", status=Business.Status.PENDING)
    w.unowned = make_business(slug="tanpa-pemilik")
    w.twin = make_business(slug="sepatu-alice-2", name="Sepatu Alice")
    w.sentra = Sentra.objects.first()
    w.photo = photo_edits.photo_add(
        business=w.business, image=process_image(ContentFile(image_bytes(), name="foto.jpg")), alt_text="Bengkel"
    )
    w.product = Product.objects.create(business=w.business, name="Pantofel", category=ProductCategory.objects.first())
    w.post = CollaborationPost.objects.create(
        business=w.business,
        kind=CollaborationPost.Kind.SEEK,
        title="Mencari pembuat outsol",
        description="Kami mencari pembuat outsol karet.",
        until=timezone.localdate() + datetime.timedelta(days=30),
        status=CollaborationPost.Status.PUBLISHED,
    )
    w.inquiry = Inquiry.objects.create(
        business=w.business,
        name="Jane Buyer",
        email="jane@example.com",
        sender_type="buyer",
        country="Singapore",
        message="We need 500 pairs of loafers by March.",
    )
    w.claim = BusinessClaim.objects.create(
        business=w.unowned,
        claimant=other_owner,
        position="Pemilik",
        document=ContentFile(image_bytes(), name="izin.jpg"),
    )
    w.shop = MarketplaceShop.objects.create(
        business=w.business, marketplace="tokopedia", url="https://www.tokopedia.com/sepatu-alice"
    )
    w.change = BusinessChange.objects.create(business=w.business, submitted_by=owner, data={"tagline": "Baru"})
    w.log = ModerationLog.objects.create(
        business=w.business, business_name=w.business.name, moderator=superuser, action="approved"
    )
    w.sourcing = SourcingRequest.objects.create(
        title="Canvas sneakers",
        category=ProductCategory.objects.get(slug="sneakers"),
        quantity=1000,
        delivery_place="Singapore",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        description="Vulcanised canvas sneakers, white.",
        buyer_name="Jane Buyer",
        buyer_country="Singapore",
        email="jane@example.com",
        status="open",
        approved_at=timezone.now(),
    )
    w.pending_request = SourcingRequest.objects.create(
        **{**model_to_dict(w.sourcing, exclude=["id", "token", "category", "status"]), "category": w.sourcing.category},
        status="pending",
        token="pending-token",
    )
    w.unconfirmed = SourcingRequest.objects.create(
        **{**model_to_dict(w.sourcing, exclude=["id", "token", "category", "status"]), "category": w.sourcing.category},
        status="unconfirmed",
        token="unconfirmed-token",
    )
    w.confirmation = confirmation_token(w.unconfirmed)
    w.attachment = RequestAttachment.objects.create(
        request=w.sourcing, file=ContentFile(image_bytes(), name="brief.webp")
    )
    w.quote = Quote.objects.create(
        request=w.sourcing,
        business=w.business,
        price=150000,
        minimum_order=500,
        lead_days=30,
        samples="paid",
        message="Kami bisa.",
        attachment=ContentFile(image_bytes(), name="quote.webp"),
    )
    w.business_type = ContentType.objects.get_for_model(Business)
    w.admin_objects = {
        "group": staff_moderator.groups.get(),
        "tag": Tag.objects.get(name="kulit"),
        "emailaddress": EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True),
        "user": other_owner,
        "province": w.business.province,
        "regency": w.business.regency,
        "sentra": w.sentra,
        "role": w.business.roles.get(),
        "productcategory": w.product.category,
        "certification": Certification.objects.first(),
        "business": w.business,
        "businessphoto": w.photo,
        "businessclaim": w.claim,
        "product": w.product,
        "marketplaceshop": w.shop,
        "businesschange": w.change,
        "moderationlog": w.log,
        "collaborationpost": w.post,
        "inquiry": w.inquiry,
        "sitepage": SitePage.objects.get(slug="tentang"),
        "exchangerate": ExchangeRate.objects.create(rupiah_per_dollar=16500, date=datetime.date(2026, 12, 1)),
        "glossaryterm": GlossaryTerm.objects.create(english="clogs", indonesian="bakiak"),
        "constructionmethod": ConstructionMethod.objects.first(),
        "audience": Audience.objects.first(),
        "footweartype": FootwearType.objects.first(),
        "material": Material.objects.first(),
        "service": Service.objects.first(),
        "country": Country.objects.first(),
        "kblicode": KbliCode.objects.first(),
        "sourcingrequest": w.sourcing,
        "quote": w.quote,
        "blockedsender": BlockedSender.objects.create(value="spam.example"),
        "sourcingsettings": SourcingSettings.objects.create(pk=1),
        "businesscertificate": w.business.businesscertificate_set.create(certification=Certification.objects.first()),
    }
    return w


def describe(response) -> object:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(("/akun/login/", "/en/akun/login/")):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def persona_clients(world) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for persona in PERSONAS[1:]:
        clients[persona] = Client()
        clients[persona].force_login(getattr(world, persona))
    return clients


def test_it_answers_every_persona_as_the_matrix_says(world):
    clients = persona_clients(world)
    wrong = []
    for route, _view in url_patterns():
        entries = table_entries(world, route)
        if not entries:
            wrong.append(f"{route}: no expected answers")
        for key, entry in entries:
            path = entry.path(world)
            for persona, expected in zip(PERSONAS, entry.get, strict=True):
                actual = describe(clients[persona].get(path))
                if actual != expected:
                    wrong.append(f"{key} ({path}) as {persona}: expected {expected}, got {actual}")
    assert not wrong, "\n".join(wrong)


def test_it_answers_the_same_in_english(world):
    """The site's pages under /en/ are the same patterns with the same rules."""
    clients = persona_clients(world)
    wrong = []
    for key, entry in SITE.items():
        path = entry.path(world)
        english = f"/en{path}"
        if resolve_or_none(english) is None:
            continue
        for persona, expected in zip(PERSONAS, entry.get, strict=True):
            actual = describe(clients[persona].get(english))
            if actual != expected:
                wrong.append(f"{key} ({english}) as {persona}: expected {expected}, got {actual}")
    assert not wrong, "\n".join(wrong)


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


# Views that may take a POST without a CSRF token, each with the reason. None
# does today; a view made exempt without an entry here fails the test below.
CSRF_EXEMPT: dict[str, str] = {}


def test_it_has_no_csrf_exempt_view_without_a_reason():
    exempt = [route for route, view in url_patterns() if getattr(view, "csrf_exempt", False)]
    unexplained = [route for route in exempt if route not in CSRF_EXEMPT]
    assert not unexplained, "Views exempt from CSRF checks with no reason given:\n" + "\n".join(unexplained)


def test_it_refuses_every_post_without_a_csrf_token(world):
    """Signed in as someone the view serves (and signed out), a POST without
    the token is refused before the view runs, so it changes nothing."""
    anonymous = Client(enforce_csrf_checks=True)
    signed_in = {}
    for persona in ("owner", "superuser"):
        signed_in[persona] = Client(enforce_csrf_checks=True)
        signed_in[persona].force_login(getattr(world, persona))
    accepted = []
    checked = 0
    for route, _view in url_patterns():
        if route in CSRF_EXEMPT:
            continue
        for key, entry in table_entries(world, route):
            if not entry.post:
                continue
            path = entry.path(world)
            clients = {"superuser": signed_in["superuser"]} if route.startswith("admin/") else {"anonymous": anonymous}
            if not route.startswith("admin/"):
                clients["owner"] = signed_in["owner"]
            for persona, client in clients.items():
                checked += 1
                response = client.post(path, {"name": "x", "reason": "x", "next": "/"})
                if response.status_code != 403:
                    accepted.append(f"{key} ({path}) as {persona}: {response.status_code}")
    assert checked > 100
    assert not accepted, "POSTs without a CSRF token that were not refused:\n" + "\n".join(accepted)
    assert Business.objects.filter(pk=world.business.pk, status=Business.Status.PUBLISHED).exists()
