"""Prices per pair in rupiah (whole numbers) and in US dollars (with cents),
read as people type them on Indonesian and English pages, stored exactly,
and shown with cents only when there are some."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from directory.sourcing import services
from directory.sourcing.models import Quote, SourcingRequest
from directory.sourcing.prices import parse_price, price_text

D = Decimal

# (typed, currency, page language, amount)
READ = [
    # The letter O for a zero.
    ("4.2O", "USD", "en", D("4.20")),
    ("Rp 85.OOO", "IDR", "id", D("85000")),
    # Dollars: one or two decimals after either separator.
    ("12.50", "USD", "en", D("12.50")),
    ("12.50", "USD", "id", D("12.50")),
    ("12,50", "USD", "en", D("12.50")),
    ("12,50", "USD", "id", D("12.50")),
    ("12,5", "USD", "id", D("12.50")),
    ("12.5", "USD", "en", D("12.50")),
    ("0.99", "USD", "en", D("0.99")),
    ("0,05", "USD", "id", D("0.05")),
    ("US$ 12.50", "USD", "en", D("12.50")),
    ("US$12,50", "USD", "id", D("12.50")),
    ("us $ 12.50", "USD", "en", D("12.50")),
    ("$12.50", "USD", "en", D("12.50")),
    ("USD 12.50", "USD", "en", D("12.50")),
    ("12.50 USD", "USD", "en", D("12.50")),
    ("12 dollars", "USD", "en", D("12")),
    ("US$ 12", "USD", "id", D("12")),
    ("US$ 12,-", "USD", "id", D("12")),
    ("12.00", "USD", "en", D("12")),
    ("  12.50  ", "USD", "en", D("12.50")),
    # Dollars: a comma before three digits groups thousands, on both pages.
    ("1,250", "USD", "en", D("1250")),
    ("1,250", "USD", "id", D("1250")),
    ("12,500", "USD", "en", D("12500")),
    ("1,250,000", "USD", "en", D("1250000")),
    # Dollars: both separators, the last one is the decimal point.
    ("1,250.50", "USD", "en", D("1250.50")),
    ("1,250.50", "USD", "id", D("1250.50")),
    ("1.250,50", "USD", "id", D("1250.50")),
    ("1.250,50", "USD", "en", D("1250.50")),
    ("US$ 1.250,5", "USD", "id", D("1250.50")),
    ("1,250,000.75", "USD", "en", D("1250000.75")),
    ("1.250.000,00", "USD", "id", D("1250000")),
    # Dollars: a dot before three digits groups thousands the Indonesian way.
    ("1.250", "USD", "id", D("1250")),
    ("1.250.000", "USD", "en", D("1250000")),
    ("1 250", "USD", "en", D("1250")),
    # Dollars with a word after the number.
    ("1.5k", "USD", "en", D("1500")),
    ("2 thousand", "USD", "en", D("2000")),
    # Rupiah: whole numbers, thousands grouped either way.
    ("350.000", "IDR", "id", D("350000")),
    ("350.000", "IDR", "en", D("350000")),
    ("Rp 350.000", "IDR", "id", D("350000")),
    ("Rp350.000", "IDR", "en", D("350000")),
    ("Rp. 350.000,-", "IDR", "id", D("350000")),
    ("Rp 350.000,00", "IDR", "id", D("350000")),
    ("IDR 350,000", "IDR", "en", D("350000")),
    ("350,000", "IDR", "id", D("350000")),
    ("350000", "IDR", "id", D("350000")),
    ("350 000", "IDR", "id", D("350000")),
    ("1.250.000", "IDR", "id", D("1250000")),
    ("350rb", "IDR", "id", D("350000")),
    ("350 ribu", "IDR", "id", D("350000")),
    ("1,5 jt", "IDR", "id", D("1500000")),
    ("1.5 million", "IDR", "en", D("1500000")),
    ("350k", "IDR", "en", D("350000")),
    ("350.000 rupiah", "IDR", "id", D("350000")),
    ("185000", "IDR", "en", D("185000")),
    # Empty is no price.
    ("", "USD", "en", None),
    ("   ", "IDR", "id", None),
]

# (typed, currency, page language, error code, words of the message)
REFUSED = [
    # More than two decimals in dollars.
    ("12.505", "USD", "en", "cents", "For thousands, write 12,505."),
    ("1.250", "USD", "en", "cents", "For thousands, write 1,250."),
    ("12.5055", "USD", "en", "cents", "at most two decimals (cents). Write it like 12.50 or 1,250."),
    ("12,5055", "USD", "id", "cents", "paling banyak dua desimal (sen). Tulis seperti 12,50 atau 1.250."),
    ("0.125", "USD", "en", "cents", "at most two decimals"),
    ("1,250.505", "USD", "en", "cents", "at most two decimals"),
    ("1.250,505", "USD", "id", "cents", "paling banyak dua desimal"),
    ("0.001", "USD", "en", "cents", "at most two decimals"),
    # Any decimals in rupiah.
    ("12.50", "IDR", "en", "fraction", "A price in rupiah is a whole number, without decimals."),
    ("12,50", "IDR", "id", "fraction", "Harga dalam rupiah berupa bilangan bulat, tanpa desimal."),
    ("350.000,50", "IDR", "id", "fraction", "tanpa desimal"),
    ("350,000.5", "IDR", "en", "fraction", "without decimals"),
    ("0,5", "IDR", "id", "fraction", "tanpa desimal"),
    # Garbage.
    ("12.5.5", "USD", "en", "unreadable", "“12.5.5” is not a number we can read."),
    ("12.5.5", "IDR", "id", "unreadable", "“12.5.5” tidak terbaca sebagai angka."),
    ("12,50,5", "USD", "id", "unreadable", "tidak terbaca"),
    ("12,50.5", "USD", "en", "unreadable", "is not a number"),
    ("1.2.3,45", "USD", "id", "unreadable", "tidak terbaca"),
    ("abc", "USD", "en", "unreadable", "“abc” is not a number we can read. Write it like 12.50 or 1,250."),
    ("abc", "IDR", "id", "unreadable", "“abc” tidak terbaca sebagai angka. Tulis seperti 350.000 atau 350rb."),
    ("$", "USD", "en", "unreadable", "is not a number"),
    ("1e5", "USD", "en", "unreadable", "is not a number"),
    ("12 50 5", "USD", "en", "unreadable", "is not a number"),
    ("twelve", "USD", "en", "unreadable", "is not a number"),
    ("12 euro", "USD", "en", "unknown_word", "“euro” is not a word we can read after a number."),
    ("€12", "USD", "en", "characters", "digits 0 to 9 only"),
    ("١٢", "IDR", "id", "characters", "angka 0 sampai 9"),
    # Negative, zero, huge.
    ("-12", "USD", "en", "negative", "A price cannot be negative."),
    ("US$ -12.50", "USD", "en", "negative", "cannot be negative"),
    ("-350.000", "IDR", "id", "negative", "Harga tidak boleh negatif."),
    ("0", "USD", "en", "zero", "Enter a price above zero."),
    ("0,00", "USD", "id", "zero", "Masukkan harga di atas nol."),
    ("Rp 0", "IDR", "id", "zero", "di atas nol"),
    ("99999999999999999999", "USD", "en", "too_large", "This number is too large."),
    ("1.000.000.000.001", "IDR", "id", "too_large", "Angka ini terlalu besar."),
    ("2 billion billion", "USD", "en", "unreadable", "is not a number"),
    # The currency written is not the one chosen.
    ("Rp 350.000", "USD", "en", "currency", "This price is written in rupiah, but the currency chosen is US dollars."),
    ("US$ 12.50", "IDR", "id", "currency", "Harga ini ditulis dalam dolar AS, tetapi mata uang yang dipilih rupiah."),
    ("12 usd", "IDR", "en", "currency", "written in US dollars"),
]


@pytest.mark.parametrize(("typed", "currency", "language", "amount"), READ)
def test_it_reads_a_price_as_people_write_it(typed, currency, language, amount):
    with translation.override(language):
        assert parse_price(typed, currency) == amount


@pytest.mark.parametrize(("typed", "currency", "language", "code", "words"), REFUSED)
def test_it_refuses_what_is_no_price_with_a_message_in_the_pages_language(typed, currency, language, code, words):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        parse_price(typed, currency)
    assert refused.value.code == code
    assert words in refused.value.messages[0]


SHOWN = [
    (D("12.50"), "USD", "en", "US$\xa012.50"),
    (D("12.50"), "USD", "id", "US$\xa012,50"),
    (D("12.00"), "USD", "en", "US$\xa012"),
    (D("12"), "USD", "id", "US$\xa012"),
    (D("0.05"), "USD", "en", "US$\xa00.05"),
    (D("1250.50"), "USD", "en", "US$\xa01,250.50"),
    (D("1250.50"), "USD", "id", "US$\xa01.250,50"),
    (D("350000.00"), "IDR", "id", "Rp\xa0350.000"),
    (D("350000.00"), "IDR", "en", "Rp\xa0350,000"),
    (185_000, "IDR", "en", "Rp\xa0185,000"),
    (None, "USD", "en", ""),
]


@pytest.mark.parametrize(("amount", "currency", "language", "text"), SHOWN)
def test_it_shows_cents_only_when_there_are_some(amount, currency, language, text):
    assert price_text(amount, currency, language) == text


# The forms -------------------------------------------------------------------------


@pytest.fixture
def data(data):
    return {**data, "quantity": "2000", "target_price": "12,50"}


@pytest.mark.parametrize("prefix", ["/en", ""])
@pytest.mark.parametrize(
    ("typed", "currency", "stored"),
    [("12,50", "USD", D("12.50")), ("US$ 12.50", "USD", D("12.50")), ("Rp 350.000", "IDR", D("350000"))],
)
def test_it_stores_the_target_price_exactly(send, data, prefix, typed, currency, stored):
    response = send(f"{prefix}/permintaan/baru/", {**data, "target_price": typed, "currency": currency})
    assert response.status_code == 302
    assert SourcingRequest.objects.get().target_price == stored


def test_it_takes_a_request_without_a_target_price(send, data):
    send("/en/permintaan/baru/", {**data, "target_price": ""})
    assert SourcingRequest.objects.get().target_price is None


@pytest.mark.parametrize(
    ("prefix", "typed", "currency", "message"),
    [
        ("/en", "12.505", "USD", "For thousands, write 12,505."),
        ("", "12,505,5", "USD", "tidak terbaca sebagai angka"),
        ("", "12,50", "IDR", "Harga dalam rupiah berupa bilangan bulat, tanpa desimal."),
        ("/en", "-3", "USD", "A price cannot be negative."),
    ],
)
def test_it_explains_a_target_price_it_cannot_read(client, data, prefix, typed, currency, message):
    response = client.post(f"{prefix}/permintaan/baru/", {**data, "target_price": typed, "currency": currency})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'value="{typed}"' in response.content.decode()
    assert not SourcingRequest.objects.exists()


QUOTE = {"minimum_order": "500", "lead_days": "45", "samples": "paid", "message": "We can make these in six weeks."}


@pytest.fixture
def open_request(make_request, fitting_supplier, django_capture_on_commit_callbacks):
    sourcing = make_request(target_price=D("14.50"), currency="USD")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(request=sourcing, moderator=None)
    mail.outbox.clear()
    return sourcing


def test_it_stores_a_quote_in_dollars_and_cents_and_shows_it_everywhere(client, send, owner, open_request, superuser):
    client.force_login(owner)
    supplier_page = client.get(f"/en/dasbor/permintaan/{open_request.pk}/").content.decode()
    assert "US$&nbsp;14.50" in supplier_page
    send(f"/en/dasbor/permintaan/{open_request.pk}/", {**QUOTE, "price": "US$ 12,50", "currency": "USD"})
    quote = Quote.objects.get()
    assert quote.price == D("12.50")
    # The buyer's mail and the supplier's own page.
    assert "US$\xa012.50" in mail.outbox[0].body
    assert "US$&nbsp;12.50" in client.get(f"/en/dasbor/permintaan/{open_request.pk}/").content.decode()
    assert "US$&nbsp;12,50" in client.get(f"/dasbor/permintaan/{open_request.pk}/").content.decode()
    # The buyer's comparison page, in both languages.
    client.logout()
    assert "US$&nbsp;12.50" in client.get(f"/en/permintaan/{open_request.token}/").content.decode()
    buyer_page = client.get(f"/permintaan/{open_request.token}/").content.decode()
    assert "US$&nbsp;12,50" in buyer_page and "US$&nbsp;14,50" in buyer_page
    # The admin, in Indonesian.
    client.force_login(superuser)
    assert "US$\xa012,50" in client.get("/admin/directory/quote/").content.decode()
    assert "US$\xa012,50" in client.get(f"/admin/directory/quote/{quote.pk}/change/").content.decode()
    assert "US$\xa014,50" in client.get(f"/admin/directory/sourcingrequest/{open_request.pk}/change/").text


def test_it_shows_whole_dollars_and_rupiah_without_cents(client, open_request, fitting_supplier):
    Quote.objects.create(
        request=open_request,
        business=fitting_supplier,
        price=D("12.00"),
        currency="USD",
        minimum_order=500,
        lead_days=45,
        samples="paid",
        message="Bisa.",
    )
    text = client.get(f"/en/permintaan/{open_request.token}/").content.decode()
    assert "US$&nbsp;12<" in text and "12.00" not in text
    services.mail_quote(Quote.objects.get())
    assert "US$\xa012\n" in mail.outbox[0].body


def test_it_refuses_a_quote_with_cents_in_rupiah_in_indonesian(client, owner, open_request):
    client.force_login(owner)
    data = {**QUOTE, "price": "185.000,50", "currency": "IDR"}
    response = client.post(f"/dasbor/permintaan/{open_request.pk}/", data)
    assert "Harga dalam rupiah berupa bilangan bulat, tanpa desimal." in response.content.decode()
    assert not Quote.objects.exists()


def test_it_refuses_a_quote_whose_price_names_another_currency_than_the_one_chosen(client, owner, open_request):
    client.force_login(owner)
    # The request asks in dollars, so the form offers dollars: choosing
    # rupiah and typing dollars is questioned.
    data = {**QUOTE, "price": "US$ 12", "currency": "IDR"}
    response = client.post(f"/en/dasbor/permintaan/{open_request.pk}/", data)
    assert "This price is written in US dollars, but the currency chosen is rupiah." in response.content.decode()
    assert not Quote.objects.exists()


def test_a_quote_that_names_its_currency_takes_it_when_the_offered_one_was_left(client, owner, open_request):
    client.force_login(owner)
    data = {**QUOTE, "price": "Rp 185.000", "currency": "USD"}
    client.post(f"/en/dasbor/permintaan/{open_request.pk}/", data)
    quote = Quote.objects.get()
    assert (quote.currency, quote.price) == ("IDR", 185_000)


@pytest.mark.parametrize(
    ("prefix", "typed", "currency", "words"),
    [
        # Rupiah typed with the dollars the request offered left chosen.
        ("", "85.000", "USD", "US$\xa085.000 untuk satu pasang lebih dari harga sepasang sepatu mana pun"),
        ("/en", "85,000", "USD", "US$\xa085,000 for one pair is more than any pair of shoes costs"),
        # The whole order's price, marked as dollars.
        ("/en", "US$ 12,000", "USD", "not of the whole order"),
        # Dollars typed with rupiah chosen.
        ("/en", "4", "IDR", "Rp\xa04 for one pair is less than any pair of shoes costs. If you meant US dollars"),
        ("", "25", "IDR", "Jika maksud Anda dolar AS, pilih dolar AS."),
    ],
)
def test_it_asks_about_a_price_no_pair_of_shoes_costs(client, owner, open_request, prefix, typed, currency, words):
    client.force_login(owner)
    response = client.post(
        f"{prefix}/dasbor/permintaan/{open_request.pk}/", {**QUOTE, "price": typed, "currency": currency}
    )
    assert words in response.content.decode()
    assert not Quote.objects.exists()


def test_it_asks_about_a_target_price_no_pair_costs(client, data):
    response = client.post("/en/permintaan/baru/", {**data, "currency": "USD", "target_price": "85.000,00"})
    assert "for one pair is more than any pair of shoes costs" in response.content.decode()
    assert not SourcingRequest.objects.exists()


def test_a_second_quote_from_another_tab_is_refused_with_a_message(client, owner, open_request, fitting_supplier):
    client.force_login(owner)
    client.post(f"/en/dasbor/permintaan/{open_request.pk}/", {**QUOTE, "price": "12", "currency": "USD"})
    response = client.post(
        f"/en/dasbor/permintaan/{open_request.pk}/", {**QUOTE, "price": "11", "currency": "USD"}, follow=True
    )
    assert "had already quoted: this second quote was not sent" in response.content.decode()
    assert [quote.price for quote in Quote.objects.all()] == [D("12.00")]
