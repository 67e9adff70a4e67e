"""Staff approve a confirmed request (on what they were shown), the fitting
suppliers are invited and answer from their inbox, the buyer compares the
quotes, shortlists or declines (the supplier is told) and closes."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from directory import seen
from directory.sourcing import services
from directory.sourcing.matching import match_request
from directory.sourcing.models import Invitation, Quote, RequestStatus, SourcingSettings
from directory.taxonomy.models import ProductCategory


def approve_in_admin(client, send, sourcing, moderator):
    client.force_login(moderator)
    token = seen.version_token(sourcing, services.request_shown(sourcing))
    return send(
        "/admin/directory/sourcingrequest/",
        {"action": "approve_requests", "_selected_action": [sourcing.pk], seen.FIELD: token},
        as_client=client,
    )


def test_it_lets_a_moderator_approve_and_invites_the_fitting_suppliers(
    client, send, make_request, fitting_supplier, make_business, staff_moderator
):
    make_business(slug="tidak-cocok", categories=["sandals"])
    sourcing = make_request()
    approve_in_admin(client, send, sourcing, staff_moderator)
    sourcing.refresh_from_db()
    assert sourcing.status == RequestStatus.OPEN and sourcing.decided_by == staff_moderator
    invitation = Invitation.objects.get()
    assert invitation.business == fitting_supplier and invitation.invited_at
    assert "capacity 5,000 pairs/month" in invitation.reasons["en"]
    assert "Cimahi" in invitation.reasons["en"] or invitation.reasons["en"]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([fitting_supplier.owner.email, "jane@example.com"])
    # The request's admin history says who decided what.
    history = client.get(f"/admin/directory/sourcingrequest/{sourcing.pk}/history/").text
    assert "Setujui permintaan pengadaan" in history and "dewi@example.com" in history


def test_the_plain_text_mails_carry_what_the_buyer_wrote_as_written(
    client, send, make_request, fitting_supplier, staff_moderator
):
    sourcing = make_request(title="Boots & sandals <Men's>", description='FOB Jakarta/Surabaya & "say" 5% off.')
    approve_in_admin(client, send, sourcing, staff_moderator)
    invitation = next(message for message in mail.outbox if fitting_supplier.owner.email in message.to)
    assert "Boots & sandals <Men's>" in invitation.subject + invitation.body
    assert 'FOB Jakarta/Surabaya & "say" 5% off.' in invitation.body
    assert "&amp;" not in invitation.body and "&#x27;" not in invitation.body
    assert "3,000 pairs" in invitation.body or "3.000 pasang" in invitation.body


def test_the_decision_page_shows_the_buyers_text_as_paragraphs_and_pairs_grouped(client, make_request, staff_moderator):
    sourcing = make_request(quantity=12000, description="First line <script>x()</script>\n\nSecond & last.")
    client.force_login(staff_moderator)
    page = client.post(
        "/admin/directory/sourcingrequest/", {"action": "reject_requests", "_selected_action": [sourcing.pk]}
    ).text
    assert "<p>First line &lt;script&gt;x()&lt;/script&gt;</p>" in page and "<p>Second &amp; last.</p>" in page
    assert "&lt;p&gt;" not in page and "<script>x()" not in page
    assert "12.000 pasang" in page
    assert "12.000 pasang" in client.get("/admin/directory/sourcingrequest/").text
    assert "12.000 pasang" in client.get(f"/admin/directory/sourcingrequest/{sourcing.pk}/change/").text


def test_every_plain_text_mail_is_written_unescaped():
    from pathlib import Path

    mails = list(Path("templates").glob("*/email/*.txt"))
    assert len(mails) > 30
    for path in mails:
        assert "{% autoescape off %}" in path.read_text(), path


def test_it_refuses_a_decision_on_a_request_changed_since_it_was_shown(
    client, send, make_request, staff_moderator, reference
):
    sourcing = make_request()
    client.force_login(staff_moderator)
    token = seen.version_token(sourcing, services.request_shown(sourcing))
    sourcing.quantity = 9000
    sourcing.save()
    send(
        "/admin/directory/sourcingrequest/",
        {"action": "approve_requests", "_selected_action": [sourcing.pk], seen.FIELD: token},
        as_client=client,
    )
    sourcing.refresh_from_db()
    assert sourcing.status == RequestStatus.PENDING


def test_it_rejects_with_a_reason_mailed_to_the_buyer(
    make_request, staff_moderator, django_capture_on_commit_callbacks
):
    sourcing = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reject(request=sourcing, moderator=staff_moderator, reason="Not footwear.")
    assert mail.outbox[0].to == ["jane@example.com"] and "Not footwear." in mail.outbox[0].body


def test_it_auto_approves_a_returning_buyer_when_staff_allow_it(make_request, fitting_supplier):
    SourcingSettings.objects.create(pk=1, auto_approve_returning=True)
    make_request(status=RequestStatus.CLOSED, approved_at=timezone.now())
    sourcing = make_request(status=RequestStatus.UNCONFIRMED)
    assert services.request_confirm(request=sourcing).status == RequestStatus.OPEN
    assert Invitation.objects.filter(request=sourcing).count() == 1


def test_it_waits_for_review_without_the_setting(make_request):
    make_request(status=RequestStatus.CLOSED, approved_at=timezone.now())
    sourcing = make_request(status=RequestStatus.UNCONFIRMED)
    assert services.request_confirm(request=sourcing).status == RequestStatus.PENDING


def test_it_matches_by_capability_capacity_and_minimum_order(make_request, make_business):
    best = make_business(
        slug="terbaik",
        categories=["sneakers"],
        construction_methods=["injection-moulded"],
        footwear_types=["sport"],
        materials=["synthetic"],
        verified=True,
        monthly_capacity=4000,
    )
    plain = make_business(slug="biasa", categories=["sneakers"], construction_methods=["injection-moulded"])
    make_business(slug="cetak-lain", categories=["sneakers"], construction_methods=["cemented"])
    make_business(
        slug="minimum-besar", categories=["sneakers"], construction_methods=["injection-moulded"], minimum_order=5000
    )
    make_business(
        slug="kecil", categories=["sneakers"], construction_methods=["injection-moulded"], monthly_capacity=100
    )
    make_business(slug="draf", categories=["sneakers"], construction_methods=["injection-moulded"], status="draft")
    matches = match_request(make_request(), limit=20)
    assert [match.business for match in matches] == [best, plain]


def test_it_invites_at_most_the_configured_number(make_request, make_business):
    SourcingSettings.objects.create(pk=1, max_invitations=2)
    for number in range(4):
        make_business(slug=f"pabrik-{number}", categories=["sneakers"], construction_methods=["injection-moulded"])
    sourcing = make_request()
    services.request_approve(request=sourcing, moderator=None)
    assert Invitation.objects.filter(request=sourcing).count() == 2


@pytest.fixture
def open_request(make_request, fitting_supplier, django_capture_on_commit_callbacks):
    sourcing = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(request=sourcing, moderator=None)
    mail.outbox.clear()
    sourcing.refresh_from_db()
    return sourcing


QUOTE = {
    "price": "185.000",
    "currency": "IDR",
    "minimum_order": "500",
    "lead_days": "45",
    "samples": "paid",
    "message": "Kami bisa membuat sepatu ini dengan sol injeksi PVC.",
}


def test_it_shows_the_invitation_in_the_inbox(client, owner, open_request, django_assert_max_num_queries):
    client.force_login(owner)
    with django_assert_max_num_queries(12):
        response = client.get("/dasbor/pesan/")
    assert open_request.title in response.content.decode()


def test_an_unopened_invitation_counts_as_an_unread_message(client, owner, open_request, fitting_supplier):
    from directory.connect.models import Inquiry

    Inquiry.objects.create(
        business=fitting_supplier, name="Held", email="x@example.org", message="m" * 30, held_at=timezone.now()
    )
    client.force_login(owner)
    assert "1 unread message" in client.get("/en/dasbor/pesan/").text
    assert "1 belum dibaca" in client.get("/dasbor/").text
    client.get(f"/dasbor/permintaan/{open_request.pk}/")  # opened
    assert "0 unread messages" in client.get("/en/dasbor/pesan/").text


def test_a_request_quoted_from_the_board_is_kept_in_the_inbox(client, owner, make_request, make_business, send):
    board_only = make_business(owner=owner, name="Sepatu Papan", slug="sepatu-papan", categories=["boots"])
    sourcing = make_request(status=RequestStatus.OPEN, title="Boots for a ranch")
    client.force_login(owner)
    send(
        f"/dasbor/permintaan/{sourcing.pk}/?usaha={board_only.pk}", {**QUOTE, "usaha": board_only.pk}, as_client=client
    )
    assert Quote.objects.filter(business=board_only).exists()
    inbox = client.get("/en/dasbor/pesan/").text
    assert "Requests you quoted from the board" in inbox and "Boots for a ranch" in inbox
    assert f"/dasbor/permintaan/{sourcing.pk}/?usaha={board_only.pk}" in inbox


def test_it_takes_a_quote_from_the_inbox_and_mails_it_to_the_buyer(client, send, owner, open_request):
    client.force_login(owner)
    page = client.get(f"/dasbor/permintaan/{open_request.pk}/")
    assert page.status_code == 200 and "capacity" not in page.content.decode()  # Indonesian page
    send(f"/dasbor/permintaan/{open_request.pk}/", QUOTE, as_client=client)
    quote = Quote.objects.get()
    assert quote.price == 185_000 and quote.language == "id"
    invitation = Invitation.objects.get()
    assert invitation.answered_at and invitation.read_at
    assert mail.outbox[0].to == ["jane@example.com"] and "185,000" in mail.outbox[0].body


def test_it_lets_a_supplier_decline(client, send, owner, open_request, fitting_supplier):
    client.force_login(owner)
    send(f"/dasbor/permintaan/{open_request.pk}/tolak/", {"usaha": fitting_supplier.pk}, as_client=client)
    invitation = Invitation.objects.get()
    assert invitation.declined_at and invitation.answered_at == invitation.declined_at


def test_it_hides_a_pending_request_from_suppliers(client, owner, make_request, fitting_supplier):
    client.force_login(owner)
    assert client.get(f"/dasbor/permintaan/{make_request().pk}/").status_code == 404


def test_it_lets_any_published_supplier_answer_from_the_board(client, send, other_owner, open_request, make_business):
    make_business(owner=other_owner, slug="lain", categories=["sandals"])
    client.force_login(other_owner)
    send(f"/dasbor/permintaan/{open_request.pk}/", QUOTE, as_client=client)
    assert Quote.objects.get().business.owner == other_owner


def test_it_compares_quotes_side_by_side_and_shortlists(
    client, send, open_request, make_business, other_owner, django_assert_max_num_queries
):
    supplier = Invitation.objects.get().business
    Quote.objects.create(
        request=open_request,
        business=supplier,
        price=185_000,
        minimum_order=500,
        lead_days=45,
        samples="paid",
        message="Bisa.",
    )
    second = make_business(owner=other_owner, slug="kedua")
    other = Quote.objects.create(
        request=open_request,
        business=second,
        price=12,
        currency="USD",
        minimum_order=800,
        lead_days=30,
        samples="free",
        message="We can.",
    )
    with django_assert_max_num_queries(8):
        page = client.get(f"/en/permintaan/{open_request.token}/")
    text = page.content.decode()
    assert "Rp&nbsp;185,000" in text and "US$&nbsp;12" in text and 'lang="id"' in text
    send(f"/en/permintaan/{open_request.token}/penawaran/{other.pk}/pilih/")
    other.refresh_from_db()
    assert other.status == "shortlisted"
    assert mail.outbox[0].to == [other_owner.email] and "daftar pilihan" in mail.outbox[0].subject


def test_it_keeps_another_requests_quote_out_of_reach(client, open_request, make_request, make_business):
    stranger = make_request(status=RequestStatus.OPEN)
    quote = Quote.objects.create(
        request=stranger,
        business=make_business(slug="x"),
        price=1,
        minimum_order=1,
        lead_days=1,
        samples="none",
        message="m",
    )
    response = client.post(f"/en/permintaan/{open_request.token}/penawaran/{quote.pk}/pilih/")
    assert response.status_code == 404


def test_it_closes_and_then_refuses_quotes(client, send, owner, open_request):
    # Closing cannot be undone: without the box ticked, nothing closes.
    refused = client.post(f"/en/permintaan/{open_request.token}/tutup/", follow=True)
    assert "tick the box" in refused.content.decode()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.OPEN
    send(f"/en/permintaan/{open_request.token}/tutup/", {"confirm": "1"})
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.CLOSED
    client.force_login(owner)
    client.post(f"/dasbor/permintaan/{open_request.pk}/", QUOTE)
    assert not Quote.objects.exists()
    # The supplier's inbox says so, whatever the supplier did.
    invitation = Invitation.objects.get()
    invitation.answered_at = timezone.now()
    invitation.save()
    inbox = client.get("/en/dasbor/pesan/").content.decode()
    assert "Quoted" in inbox and "Closed" in inbox


def test_it_expires_requests_past_their_deadline(make_request, client):
    sourcing = make_request(status=RequestStatus.OPEN, deadline=timezone.localdate() + datetime.timedelta(days=1))
    assert client.get(f"/en/permintaan/{sourcing.pk}/").status_code == 200
    later = timezone.localdate() + datetime.timedelta(days=2)
    assert services.expire_requests(today=later) == 1
    sourcing.refresh_from_db()
    assert sourcing.status == RequestStatus.EXPIRED
    # Shown once on the board, it says it is closed, and no more of it.
    gone = client.get(f"/en/permintaan/{sourcing.pk}/")
    assert gone.status_code == 410 and "This request is closed" in gone.text and sourcing.title not in gone.text


def test_a_request_never_public_is_not_found_and_its_buyer_is_told_what_comes(client, make_request, owner):
    for status in (RequestStatus.PENDING, RequestStatus.REJECTED, RequestStatus.UNCONFIRMED):
        sourcing = make_request(status=status, rejection_reason="Not footwear.")
        assert client.get(f"/en/permintaan/{sourcing.pk}/").status_code == 404
        buyer_page = client.get(f"/en/permintaan/{sourcing.token}/").text
        assert "No quote yet" not in buyer_page
        if status == RequestStatus.REJECTED:
            assert 'class="status status--rejected"' in buyer_page
    assert (
        "Suppliers can quote once BPIPI staff have opened your request"
        in client.get(f"/en/permintaan/{make_request().token}/").text
    )
    public = make_request(status=RequestStatus.OPEN)
    assert "you sign in first" in client.get(f"/en/permintaan/{public.pk}/").text
    client.force_login(owner)
    assert "you sign in first" not in client.get(f"/en/permintaan/{public.pk}/").text


def test_it_lists_open_requests_on_the_board_without_contact_details(client, make_request, django_assert_num_queries):
    for number in range(5):
        make_request(title=f"Request {number}", status=RequestStatus.OPEN, approved_at=timezone.now())
    make_request(title="Waiting one")
    client.get("/en/permintaan/")
    # The count and the page of requests; the filters' choices are cached.
    with django_assert_num_queries(2):
        response = client.get("/en/permintaan/?jenis=nothing")
    text = response.content.decode()
    assert "Request 4" in text and "Waiting one" not in text
    assert "jane@example.com" not in text and "Jane Buyer" not in text
    detail = client.get(f"/en/permintaan/{make_request(status=RequestStatus.OPEN).pk}/").content.decode()
    assert "jane@example.com" not in detail and "Jane Buyer" not in detail


def test_the_board_names_each_requests_terms_in_the_pages_language(client, make_request):
    from directory.taxonomy.models import ProductCategory

    make_request(title="Boots", status=RequestStatus.OPEN, category=ProductCategory.objects.get(slug="boots"))
    # Staff may give a request a category the board's filter does not offer.
    make_request(title="Soles", status=RequestStatus.OPEN, category=ProductCategory.objects.get(slug="outsole"))
    english = client.get("/en/permintaan/").content.decode()
    assert "Boots · Injection-moulded · Sport" in english and "Outsoles · Injection-moulded" in english
    indonesian = client.get("/permintaan/").content.decode()
    assert "Outsol · " in indonesian and "Outsoles" not in indonesian
    assert re.search(r'<a href="/en/permintaan/\d+/" lang="en">Soles</a>', english)
    # A kind of footwear added since the board's choices were cached is named too.
    from directory.capabilities.models import FootwearType

    newest = FootwearType.objects.create(slug="brand-new", name="Baru sekali", name_en="Brand new")
    make_request(title="New kind", status=RequestStatus.OPEN, segment=newest)
    assert "Boots · Injection-moulded · Sport" in client.get("/en/permintaan/").content.decode()
    assert "Injection-moulded · Brand new" in client.get("/en/permintaan/").content.decode()


def test_it_escapes_what_buyers_wrote_on_the_board(client, make_request):
    make_request(title="<b>Boots</b> & laces", buyer_country="<i>Nederland</i>", status=RequestStatus.OPEN)
    text = client.get("/en/permintaan/").content.decode()
    assert "&lt;b&gt;Boots&lt;/b&gt; &amp; laces" in text and "<b>Boots" not in text
    assert "&lt;i&gt;Nederland&lt;/i&gt;" in text and "<i>Nederland" not in text
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} \w{3} \d{4}</time>', text)


def test_it_filters_the_board(client, make_request):
    make_request(title="Sneakers wanted", status=RequestStatus.OPEN)
    from directory.taxonomy.models import ProductCategory

    make_request(title="Boots wanted", status=RequestStatus.OPEN, category=ProductCategory.objects.get(slug="boots"))
    text = client.get("/en/permintaan/?kategori=boots&jumlah=sedang").content.decode()
    assert "Boots wanted" in text and "Sneakers wanted" not in text
    assert '<option value="boots" selected>' in text and '<option value="sedang" selected>' in text
    # A value that is no choice is no filter, and the select shows "all".
    text = client.get("/en/permintaan/?kategori=nothing&jumlah=lots").content.decode()
    assert "Boots wanted" in text and "Sneakers wanted" in text and " selected>" not in text
    assert client.get("/en/permintaan/?kategori=nothing&halaman=99").status_code == 200


def test_it_lists_a_confirmed_request_in_the_review_queue(
    client, make_request, make_request_unconfirmed, staff_moderator
):
    make_request(title="Waiting for staff")
    make_request_unconfirmed(title="Not yet confirmed")
    client.force_login(staff_moderator)
    text = client.get("/admin/directory/business/review/").text
    assert "Waiting for staff" in text and "Not yet confirmed" not in text
    assert "Waiting for staff" in client.get("/admin/directory/business/review/?kind=request").text
    assert "Waiting for staff" not in client.get("/admin/directory/business/review/?province=32").text


@pytest.fixture
def make_request_unconfirmed(make_request):
    return lambda **fields: make_request(status=RequestStatus.UNCONFIRMED, **fields)


def test_it_keeps_indonesian_off_the_english_pages_but_the_buyers_words(
    client, send, owner, make_request, fitting_supplier, django_capture_on_commit_callbacks
):
    from tests.browse.test_owner_text import unmarked_indonesian

    # A proper name, but one the scanner would take for the word "sepatu".
    fitting_supplier.name = "Tapak Alice"
    fitting_supplier.save()
    sourcing = make_request(
        title="Sepatu olahraga injeksi", description="Sepatu lari putih, ukuran 38 sampai 45.", language="id"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(request=sourcing, moderator=None)
    Quote.objects.create(
        request=sourcing,
        business=fitting_supplier,
        price=185_000,
        minimum_order=500,
        lead_days=45,
        samples="paid",
        message="Kami bisa membuat sepatu ini dengan sol karet.",
    )
    pages = ["/en/permintaan/", f"/en/permintaan/{sourcing.pk}/", f"/en/permintaan/{sourcing.token}/"]
    for path in pages:
        assert unmarked_indonesian(client.get(path).text) == set(), path
    client.force_login(owner)
    for path in ["/en/dasbor/pesan/", f"/en/dasbor/permintaan/{sourcing.pk}/"]:
        assert unmarked_indonesian(client.get(path).text) == set(), path


def test_it_answers_a_decline_for_no_business_with_a_404(client, owner, open_request):
    client.force_login(owner)
    assert client.post(f"/dasbor/permintaan/{open_request.pk}/tolak/", {"usaha": "abc"}).status_code == 404
    assert not Invitation.objects.filter(declined_at__isnull=False).exists()


def test_it_counts_an_answered_invitation_in_the_suppliers_responsiveness(
    client, send, owner, open_request, fitting_supplier, django_capture_on_commit_callbacks
):
    Invitation.objects.update(invited_at=timezone.now() - datetime.timedelta(hours=3))
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        send(f"/dasbor/permintaan/{open_request.pk}/tolak/", {"usaha": fitting_supplier.pk}, as_client=client)
    fitting_supplier.refresh_from_db()
    assert (fitting_supplier.responses_counted, fitting_supplier.responses_within_48h) == (1, 1)
    assert datetime.timedelta(hours=2) < fitting_supplier.response_median < datetime.timedelta(hours=4)


def approved(make_request, capture, **fields):
    sourcing = make_request(**fields)
    with capture(execute=True):
        services.request_approve(request=sourcing, moderator=None)
    return sourcing


def test_it_mails_the_invited_supplier_the_target_price(
    make_request, fitting_supplier, django_capture_on_commit_callbacks
):
    approved(make_request, django_capture_on_commit_callbacks, target_price=Decimal("14.50"), currency="USD")
    approved(make_request, django_capture_on_commit_callbacks, title="Sepatu kerja tanpa harga")
    with_price, without = [message for message in mail.outbox if message.to != ["jane@example.com"]]
    # The supplier reads it in Indonesian: the buyer's price in the buyer's currency.
    assert "Harga sasaran per pasang: US$\xa014,50" in with_price.body
    assert "Harga sasaran" not in without.body


def test_it_asks_the_quote_in_the_currency_of_the_buyer_s_target_price(
    client, owner, make_request, fitting_supplier, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dollars = approved(make_request, capture, currency="USD", target_price=Decimal("11"))
    rupiah = approved(make_request, capture, title="Sepatu kerja")
    client.force_login(owner)
    chosen = re.compile(r'<option value="(\w+)" selected>')
    assert chosen.findall(client.get(f"/dasbor/permintaan/{dollars.pk}/").text)[:1] == ["USD"]
    assert chosen.findall(client.get(f"/dasbor/permintaan/{rupiah.pk}/").text)[:1] == ["IDR"]


def test_the_quote_mail_answers_to_the_supplier_and_reads_a_lead_time_in_words(client, send, owner, open_request):
    client.force_login(owner)
    send(f"/dasbor/permintaan/{open_request.pk}/", {**QUOTE, "lead_days": "45 hari"}, as_client=client)
    assert Quote.objects.get().lead_days == 45
    message = mail.outbox[0]
    # The buyer is told to answer the mail: the answer reaches the supplier.
    assert message.reply_to == [owner.email]
    assert "answer this email" in message.body


def test_staff_cannot_approve_a_request_of_an_address_blocked_since(
    client, send, make_request, fitting_supplier, staff_moderator
):
    from directory.sourcing.models import BlockedSender

    sourcing = make_request()
    BlockedSender.objects.create(value="example.com")
    response = approve_in_admin(client, send, sourcing, staff_moderator)
    sourcing.refresh_from_db()
    assert sourcing.status == RequestStatus.PENDING and not Invitation.objects.exists()
    assert response.status_code in (200, 302)
    with pytest.raises(services.RequestError):
        services.request_approve(request=sourcing, moderator=staff_moderator)


def test_a_returning_buyer_blocked_since_is_not_approved_at_once(make_request, fitting_supplier):
    from directory.sourcing.models import BlockedSender

    SourcingSettings.objects.update_or_create(pk=1, defaults={"auto_approve_returning": True})
    make_request(status=RequestStatus.CLOSED, approved_at=timezone.now())
    sourcing = make_request(status=RequestStatus.UNCONFIRMED)
    BlockedSender.objects.create(value="jane@example.com")
    with pytest.raises(services.RequestError):
        services.request_confirm(request=sourcing)
    sourcing.refresh_from_db()
    assert sourcing.status == RequestStatus.UNCONFIRMED


def test_the_admin_shows_a_request_and_its_quote_in_the_moderator_s_language(
    client, send, owner, open_request, staff_moderator, make_request
):
    from django.core.files.base import ContentFile

    from tests.conftest import image_bytes

    client.force_login(owner)
    send(f"/dasbor/permintaan/{open_request.pk}/", QUOTE, as_client=client)
    quote = Quote.objects.get()
    quote.attachment.save("offer.webp", ContentFile(image_bytes()))
    staff_moderator.language = "en"
    staff_moderator.save()
    client.force_login(staff_moderator)
    page = client.get(f"/admin/directory/quote/{quote.pk}/change/")
    assert page.status_code == 200
    link = re.search(r'href="(/admin/directory/quote/lampiran/\d+/)"', page.content.decode())[1]
    assert client.get(link).status_code == 200
    assert client.get("/admin/directory/sourcingrequest/lampiran/999999/").status_code == 404
    request_page = client.get(f"/admin/directory/sourcingrequest/{open_request.pk}/change/").content.decode()
    # Why the supplier was invited, as text, not the stored JSON of both languages.
    assert '{"id":' not in request_page and "capacity 5,000 pairs/month" in request_page
    open_request.category = ProductCategory.objects.get(slug="formal-shoes")
    open_request.save()
    listing = client.get("/admin/directory/sourcingrequest/").content.decode()
    assert "Formal shoes" in listing and "Sepatu formal" not in listing
    # An open request has a page on the site; one waiting for review has none.
    assert "viewsitelink" in request_page
    waiting = make_request(title="Waiting for review")
    assert "viewsitelink" not in client.get(f"/admin/directory/sourcingrequest/{waiting.pk}/change/").content.decode()


def test_the_buyer_s_answers_go_to_the_business_s_public_address_said_before_sending(
    client, send, owner, open_request, fitting_supplier
):
    fitting_supplier.email = "penjualan@alice.example"
    fitting_supplier.save()
    client.force_login(owner)
    form_page = client.get(f"/en/dasbor/permintaan/{open_request.pk}/").content.decode()
    assert "answers go to penjualan@alice.example." in form_page
    send(f"/dasbor/permintaan/{open_request.pk}/", QUOTE, as_client=client)
    # The account's sign-in address stays private.
    assert mail.outbox[0].reply_to == ["penjualan@alice.example"]
    assert owner.email not in str(mail.outbox[0].message())


def test_a_quote_just_sent_is_not_called_accepted_in_indonesian():
    from django.utils import translation

    from directory.sourcing.models import QuoteStatus

    with translation.override("id"):
        assert str(QuoteStatus.SENT.label) == "Masuk"
        assert str(QuoteStatus.SHORTLISTED.label) != "Diterima"
    with translation.override("en"):
        assert str(QuoteStatus.SENT.label) == "Received"
