"""Escaping probes: a business whose every text field holds script and
quote-breaking strings renders inert everywhere it is shown: the listing,
its profile (the JSON-LD block included), the owner's pages, the admin and
its review queue, the mail the site sends and the CSV downloads."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from directory.connect import inquiries
from directory.image_uploads import process_image
from directory.listings import photo_edits
from directory.models import (
    Business,
    BusinessChange,
    BusinessClaim,
    CollaborationPost,
    Inquiry,
    MarketplaceShop,
    Product,
    ProductCategory,
    Sentra,
)
from directory.review import decisions
from tests.conftest import image_bytes, versions_shown

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
QUOTE = "'-alert(1)-'"
CLOSE_SCRIPT = "</script><script>alert(1)</script>"
PAYLOADS = [SCRIPT, ATTRIBUTE, QUOTE, CLOSE_SCRIPT]
EVERYTHING = "".join(PAYLOADS)  # 103 characters
SHORTER = SCRIPT + ATTRIBUTE + QUOTE  # for fields of at most 100 characters
# What must never reach a page whole, in any of the payloads.
DANGEROUS = [*PAYLOADS, "<script>alert", "<img src=x"]

JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


@pytest.fixture
def probe(make_business, owner, other_owner):
    """A published, featured business of the owner's with a payload in every
    text field, and a payload in everything around it that is shown."""
    sentra = Sentra.objects.get(slug="cibaduyut")
    Sentra.objects.filter(pk=sentra.pk).update(name=EVERYTHING, name_en=EVERYTHING, description=EVERYTHING)
    business = make_business(
        owner=owner,
        slug="probe",
        name=EVERYTHING,
        roles=["brand", "producer"],
        tags=[SHORTER, "=1+1"],
        categories=["sneakers"],
        tagline=EVERYTHING,
        tagline_en=EVERYTHING,
        description=EVERYTHING,
        description_en=EVERYTHING,
        address=EVERYTHING,
        export_ready=True,
        export_markets=EVERYTHING,
        sentra=sentra,
        phone=QUOTE,
        whatsapp="+6281200000001",
        email="probe@example.com",
        website=f"https://probe.example/{CLOSE_SCRIPT}",
        instagram=ATTRIBUTE,
        facebook=f"https://facebook.com/{QUOTE}",
        youtube=f"https://youtube.com/{ATTRIBUTE}",
        tiktok=QUOTE,
        featured=True,
        verified=True,
        published_at=timezone.now(),
    )
    MarketplaceShop.objects.create(business=business, marketplace="shopee", url=f"https://shopee.co.id/{ATTRIBUTE}")
    Product.objects.create(
        business=business,
        name=EVERYTHING,
        name_en=EVERYTHING,
        category=ProductCategory.objects.get(slug="sneakers"),
        material=EVERYTHING,
        description=EVERYTHING,
        description_en=EVERYTHING,
        price_min=350_000,
    )
    photo_edits.photo_add(
        business=business, image=process_image(ContentFile(image_bytes(), name="a.jpg")), alt_text=EVERYTHING
    )
    CollaborationPost.objects.create(
        business=business,
        kind=CollaborationPost.Kind.SEEK,
        title=EVERYTHING,
        title_en=EVERYTHING,
        description=EVERYTHING,
        description_en=EVERYTHING,
        until=timezone.localdate() + datetime.timedelta(days=30),
        status=CollaborationPost.Status.PUBLISHED,
    )
    # What waits for staff: a changed tagline, a post, a claim on another listing.
    BusinessChange.objects.create(business=business, submitted_by=owner, data={"tagline": EVERYTHING})
    CollaborationPost.objects.create(
        business=business,
        kind=CollaborationPost.Kind.OFFER,
        title=EVERYTHING,
        description=EVERYTHING,
        until=timezone.localdate() + datetime.timedelta(days=30),
        status=CollaborationPost.Status.PENDING,
    )
    unowned = make_business(slug="tanpa-pemilik", name=EVERYTHING)
    BusinessClaim.objects.create(business=unowned, claimant=other_owner, position=SHORTER, note=EVERYTHING)
    make_business(slug="menunggu", name=EVERYTHING, status=Business.Status.PENDING, owner=other_owner)
    Inquiry.objects.create(
        business=business,
        name=ATTRIBUTE + SCRIPT,
        email="jane@example.com",
        company=EVERYTHING,
        sender_type="buyer",
        country=CLOSE_SCRIPT + QUOTE,
        message=EVERYTHING,
    )
    return business


def assert_inert(response, where: str) -> str:
    """No payload is in the page whole, outside the JSON-LD blocks (which
    are checked on their own: JSON keeps quotes as they are)."""
    assert response.status_code == 200, where
    text = response.content.decode()
    outside_json_ld = JSON_LD.sub("", text)
    for payload in DANGEROUS:
        assert payload not in outside_json_ld, f"{payload!r} unescaped in {where}"
    return text


def public_pages(probe) -> list[str]:
    post = probe.collaboration_posts.get(status=CollaborationPost.Status.PUBLISHED)
    pages = ["/", "/direktori/", "/sentra/", f"/sentra/{probe.sentra.slug}/", "/kolaborasi/", f"/kolaborasi/{post.pk}/"]
    pages += [f"/direktori/{probe.slug}/", f"/direktori/{probe.slug}/hubungi/", "/statistik/"]
    return pages + [f"/en{page}" for page in pages]


def test_it_shows_every_public_page_inert(client, probe):
    for page in public_pages(probe):
        assert_inert(client.get(page), page)


@pytest.mark.parametrize("query", [SCRIPT, ATTRIBUTE, QUOTE, "alert script img"])
def test_it_shows_a_search_for_a_payload_inert(client, probe, query):
    response = client.get("/direktori/", {"q": query})
    text = assert_inert(response, f"the listing searched for {query!r}")
    assert "/direktori/probe/" in text


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_it_keeps_the_json_ld_block_closed_and_the_name_whole(client, probe, prefix):
    text = client.get(f"{prefix}/direktori/{probe.slug}/").content.decode()
    [block] = JSON_LD.findall(text)
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["name"] == EVERYTHING
    assert data["address"]["streetAddress"] == EVERYTHING
    assert data["description"] == EVERYTHING
    assert f"https://probe.example/{CLOSE_SCRIPT}" in data["sameAs"]


def test_it_shows_the_owners_pages_inert(client, probe, owner):
    client.force_login(owner)
    inquiry = probe.inquiries.get()
    post = probe.collaboration_posts.first()
    product = probe.products.get()
    photo = probe.photos.get()
    pages = [
        "/dasbor/",
        f"/dasbor/usaha/{probe.pk}/tinjau/",
        f"/dasbor/usaha/{probe.pk}/produk/",
        f"/dasbor/usaha/{probe.pk}/produk/{product.pk}/",
        f"/dasbor/usaha/{probe.pk}/kolaborasi/",
        f"/dasbor/usaha/{probe.pk}/kolaborasi/{post.pk}/",
        f"/dasbor/usaha/{probe.pk}/foto/",
        f"/dasbor/usaha/{probe.pk}/foto/{photo.pk}/",
        f"/dasbor/usaha/{probe.pk}/kunjungan/",
        "/dasbor/pesan/",
        f"/dasbor/pesan/{inquiry.pk}/",
    ]
    pages += [f"/dasbor/usaha/{probe.pk}/ubah/{step}/" for step in ("usaha", "profil", "lokasi", "kontak", "logo")]
    for page in pages:
        assert_inert(client.get(page), page)


def test_it_shows_the_admin_inert(client, probe, superuser):
    client.force_login(superuser)
    claim = BusinessClaim.objects.get()
    change = BusinessChange.objects.get()
    pending_post = probe.collaboration_posts.get(status=CollaborationPost.Status.PENDING)
    pages = [
        "/admin/",
        "/admin/directory/business/",
        f"/admin/directory/business/?q={SCRIPT}",
        f"/admin/directory/business/{probe.pk}/change/",
        "/admin/directory/business/review/",
        "/admin/directory/business/duplicates/",
        f"/admin/directory/businesschange/{change.pk}/change/",
        f"/admin/directory/businessclaim/{claim.pk}/change/",
        "/admin/directory/businessclaim/",
        f"/admin/directory/collaborationpost/{pending_post.pk}/change/",
        "/admin/directory/collaborationpost/",
        "/admin/directory/product/",
        "/admin/directory/businessphoto/",
        "/admin/directory/inquiry/",
        f"/admin/directory/inquiry/{probe.inquiries.get().pk}/change/",
        "/admin/directory/sentra/",
        "/admin/taggit/tag/",
        "/admin/directory/moderationlog/",
    ]
    for page in pages:
        assert_inert(client.get(page), page)


def test_it_shows_a_reason_page_inert(client, probe, superuser):
    client.force_login(superuser)
    response = client.post("/admin/directory/business/", {"action": "suspend", "_selected_action": [probe.pk]})
    assert_inert(response, "the page that asks for a reason")


def assert_plain_and_single_line(message) -> None:
    """Mail is plain text, where markup is only characters, and its subject
    is one header line."""
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])
    assert "\n" not in message.subject and "\r" not in message.subject


def test_it_mails_an_inquiry_as_plain_text(probe, owner, mailoutbox, django_capture_on_commit_callbacks):
    inquiry = probe.inquiries.get()
    inquiries.inquiry_send_mail(inquiry=inquiry)
    # Only the owner is mailed: the sender's address has proven nothing.
    [to_owner] = mailoutbox
    assert to_owner.to == [owner.email]
    assert_plain_and_single_line(to_owner)
    # The owner reads the words the visitor typed, not entities.
    assert EVERYTHING in to_owner.body
    assert "&lt;" not in to_owner.body and "&quot;" not in to_owner.body


def test_it_mails_a_moderation_decision_as_plain_text(probe, superuser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decisions.business_request_changes(business=probe, moderator=superuser, reason=EVERYTHING)
    [message] = mail.outbox
    assert_plain_and_single_line(message)
    assert EVERYTHING in message.body and EVERYTHING in message.subject
    assert "&lt;" not in message.body


FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture
def formulas(make_business):
    """A listing whose exported cells would start formulas."""
    return make_business(
        slug="formula",
        name='=HYPERLINK("https://evil.example/","klik")',
        instagram="@evil",
        tiktok="+6281200000002",
        website="https://probe.example/-1",
        tags=["-2+3"],
    )


def cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def assert_no_formulas(rows: list[list[str]]) -> None:
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), f"{cell!r} would run as a formula"


def test_it_neutralises_formulas_in_the_public_csv(client, probe, formulas):
    response = client.get("/direktori/ekspor.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = cells(b"".join(response.streaming_content))
    assert_no_formulas(rows)
    assert any("'=HYPERLINK(" in cell for row in rows for cell in row)
    # Other payloads are text in a cell, which a spreadsheet never runs.
    assert any(cell == EVERYTHING for row in rows for cell in row)


def test_it_neutralises_formulas_in_the_admin_export(client, probe, formulas, superuser):
    client.force_login(superuser)
    response = client.post("/admin/directory/business/export/", {"format": "0", "resource": "0"})
    assert response.status_code == 200
    rows = cells(response.content)
    assert_no_formulas(rows)
    assert any(cell.startswith("'=HYPERLINK(") for row in rows for cell in row)
    assert any(cell.startswith("'@evil") for row in rows for cell in row)


def test_it_serves_the_owners_data_as_json_not_as_a_page(client, probe, owner):
    client.force_login(owner)
    assert_inert(client.get("/dasbor/akun/data/"), "the page about the owner's data")
    response = client.post("/dasbor/akun/data/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    [business] = json.loads(response.content)["businesses"]
    assert business["name"] == EVERYTHING


LINE_BREAK = "Sepatu\r\nBcc: evil@example.com"


def test_it_mails_a_decision_on_a_name_with_a_line_break_in_one_subject_line(
    make_business, owner, superuser, django_capture_on_commit_callbacks
):
    """Names from an imported list may hold line breaks; the mail about them
    is still sent, with the name on one line and no header added."""
    business = make_business(owner=owner, name=LINE_BREAK, status=Business.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.business_approve(business=business, moderator=superuser)
    [message] = mail.outbox
    assert_plain_and_single_line(message)
    assert "Sepatu Bcc: evil@example.com" in message.subject
    assert message.bcc == []


def test_it_mails_a_post_decision_with_a_line_break_in_the_title_in_one_subject_line(
    client, probe, superuser, django_capture_on_commit_callbacks
):
    post = probe.collaboration_posts.get(status=CollaborationPost.Status.PENDING)
    CollaborationPost.objects.filter(pk=post.pk).update(title=LINE_BREAK)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/directory/collaborationpost/",
            {"action": "approve_posts", "_selected_action": [post.pk], "seen": versions_shown(post)},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert_plain_and_single_line(message)
    assert "Sepatu Bcc: evil@example.com" in message.subject


def test_it_shows_an_imported_list_inert_in_its_preview(client, superuser, reference):
    """Community lists come from outside: their cells are shown, never run,
    whether the row is good or has errors."""
    client.force_login(superuser)
    quoted = EVERYTHING.replace('"', '""')
    rows = [
        "name,roles,stage,province,regency,tags,tagline",
        f'"{quoted}",producer,hilir,32,3273,"{SHORTER.replace(chr(34), 2 * chr(34))}","{quoted}"',
        f'"{quoted}2",{SCRIPT},hilir,{ATTRIBUTE.replace(chr(34), "")},3273,,',
    ]
    upload = ContentFile("\r\n".join(rows).encode(), name="komunitas.csv")
    response = client.post("/admin/directory/business/import/", {"import_file": upload, "status": "draft"})
    text = assert_inert(response, "the import preview")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
