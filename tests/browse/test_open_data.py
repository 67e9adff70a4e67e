"""Open data, /direktori/ekspor.csv: the listing's filters, public fields
only, streamed, capped for anonymous visitors, safe in a spreadsheet."""

import csv
import io

import pytest
from django.utils import translation

from directory.browse import open_data
from directory.models import Province, Regency, Sentra

pytestmark = pytest.mark.django_db
URL = "/direktori/ekspor.csv"


def download(client, url=URL) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def catalogue(make_business, owner):
    jatim = Province.objects.get(code="35")
    make_business(
        name="Sepatu Tapakrana",
        slug="sepatu-tapakrana",
        roles=["brand", "producer"],
        categories=["sneakers"],
        certifications=["sni"],
        size="small",
        export_ready=True,
        verified=True,
        owner=owner,
        phone="022-555-0101",
        whatsapp="0812-0000-1111",
        email="kontak@tapakrana.example",
        address="Jalan Rahasia 7",
        postal_code="40222",
        website="https://tapakrana.example",
        instagram="@tapakrana",
        monthly_capacity=4200,
        construction_methods=["vulcanised"],
        footwear_types=["school", "casual"],
        materials=["canvas"],
        size_from=36,
        size_to=44,
        order_lead_days=21,
        samples="paid",
    )
    make_business(name="Sandal Lorosari", roles=["producer"], categories=["sandals"])
    make_business(
        name="Karet Gandasoli",
        roles=["supplier"],
        stage="tengah",
        province=jatim,
        regency=Regency.objects.get(code="3515"),
        sentra=Sentra.objects.get(slug="tanggulangin"),
    )
    make_business(name="Draf Tersembunyi", status="draft", roles=["brand"])
    make_business(name="Ditolak Diam", status="rejected", rejection_reason="Bukan usaha alas kaki", roles=["brand"])
    make_business(name="Dibekukan Lama", status="suspended", roles=["producer"])


def test_it_streams_public_fields_of_published_businesses(client, catalogue):
    response = client.get(URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ifn-direktori-')
    assert response.streaming
    rows = download(client)
    assert len(rows) == 3
    tapakrana = next(row for row in rows if row["Nama"] == "Sepatu Tapakrana")
    assert tapakrana == {
        "Nama": "Sepatu Tapakrana",
        "Profil": "http://testserver/direktori/sepatu-tapakrana/",
        "Peran": "Merek lokal; Produsen / maklon",
        "Tahap rantai nilai": "Hilir",
        "Provinsi": "Jawa Barat",
        "Kabupaten/kota": "Kota Bandung",
        "Sentra": "",
        "Kategori produk": "Sneakers",
        "Sertifikasi": "SNI",
        "Skala usaha": "Kecil (5–19 pekerja)",
        "Siap ekspor": "ya",
        "Terverifikasi BPIPI": "ya",
        "Situs web": "https://tapakrana.example",
        "Instagram": "https://www.instagram.com/tapakrana/",
        "Facebook": "",
        "YouTube": "",
        "TikTok": "",
        "Metode konstruksi": "Vulkanisir",
        "Untuk": "",
        "Jenis alas kaki": "Kasual; Sekolah",
        "Bahan": "Kanvas dan tekstil",
        "Jasa": "",
        "Pesanan minimum (pasang per model)": "",
        "Kapasitas per bulan (pasang)": "4200",
        "Ukuran terkecil": "36",
        "Ukuran terbesar": "44",
        "Hari untuk membuat sampel": "",
        "Hari untuk mengirim pesanan pertama": "21",
        "Sampel": "Sampel berbayar",
        "Jumlah terkecil yang dijual (pemasok)": "",
        "Satuan jumlah itu": "",
        "Negara tujuan ekspor": "",
        "kode KBLI": "",
        "NIB": "",
    }


def test_it_never_includes_private_fields_or_unpublished_businesses(client, catalogue, superuser):
    client.force_login(superuser)
    text = b"".join(client.get(URL).streaming_content).decode()
    for private in [
        "alice@example.com",
        "022-555-0101",
        "0812-0000-1111",
        "kontak@tapakrana.example",
        "Jalan Rahasia",
        "40222",
        "published",
        "Draf Tersembunyi",
        "Ditolak Diam",
        "Bukan usaha alas kaki",
        "Dibekukan Lama",
    ]:
        assert private not in text


def test_it_applies_the_listings_filters(client, catalogue):
    assert [row["Nama"] for row in download(client, URL + "?role=producer&sort=name")] == [
        "Sandal Lorosari",
        "Sepatu Tapakrana",
    ]
    assert [row["Nama"] for row in download(client, URL + "?province=35")] == ["Karet Gandasoli"]
    assert [row["Nama"] for row in download(client, URL + "?q=lorosari")] == ["Sandal Lorosari"]
    assert [row["Nama"] for row in download(client, URL + "?export=1&verified=1")] == ["Sepatu Tapakrana"]
    assert download(client, URL + "?role=organisation") == []


def test_it_matches_the_listing_page(client, catalogue):
    query = "?category=sneakers&category=sandals&sort=name"
    listing = client.get("/direktori/" + query).text
    names = [row["Nama"] for row in download(client, URL + query)]
    assert names == ["Sandal Lorosari", "Sepatu Tapakrana"]
    positions = [listing.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)


def test_it_ignores_unknown_filter_values(client, catalogue):
    assert len(download(client, URL + "?role=nonsense&sort=DROP")) == 3


def test_it_caps_rows_for_anonymous_visitors_and_accounts(client, catalogue, owner, monkeypatch):
    monkeypatch.setattr(open_data, "ANONYMOUS_ROWS", 2)
    assert len(download(client)) == 2
    client.force_login(owner)
    assert len(download(client)) == 2


def test_it_gives_staff_every_row(client, catalogue, moderator, monkeypatch):
    monkeypatch.setattr(open_data, "ANONYMOUS_ROWS", 2)
    client.force_login(moderator)
    assert len(download(client)) == 3


def test_it_defuses_spreadsheet_formulas(client, make_business):
    make_business(name='=HYPERLINK("http://evil.example")', website="https://ok.example")
    make_business(name="+62 Sepatu", slug="plus")
    make_business(name="@Sandal", slug="at")
    make_business(name="-Karet", slug="minus")
    names = {row["Nama"] for row in download(client)}
    assert names == {'\'=HYPERLINK("http://evil.example")', "'+62 Sepatu", "'@Sandal", "'-Karet"}


def test_it_reads_a_fixed_number_of_queries(client, catalogue, make_business, django_assert_num_queries):
    # The listing page has counted these filters already.
    client.get("/direktori/?role=producer")
    for number in range(5):
        make_business(roles=["producer", "brand"], categories=["sneakers", "sandals"], tags=[f"tag{number}"])
    # The export markets' names, once, then kept like the other reference rows.
    download(client, URL + "?role=producer")
    with django_assert_num_queries(1):
        download(client, URL + "?role=producer")


def test_it_speaks_english_under_en(client, catalogue):
    response = client.get("/en" + URL + "?province=35")
    # A streamed body is written after the request, whatever language is active then.
    translation.activate("id")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert rows[0]["Name"] == "Karet Gandasoli"
    assert rows[0]["Profile"] == "http://testserver/en/direktori/usaha-contoh-3/"
    assert rows[0]["Value-chain stage"] == "Midstream (tengah)"
    assert rows[0]["Sentra"] == "Tanggulangin"
    # Places keep their official names in the data.
    assert rows[0]["Province"] == "Jawa Timur"


def test_it_refuses_post(client, catalogue):
    assert client.post(URL).status_code == 405


def test_it_is_linked_from_the_listing_with_its_filters(client, catalogue):
    listing = client.get("/direktori/?role=producer&page=1").text
    assert 'href="/direktori/ekspor.csv?role=producer"' in listing
    assert "Unduh CSV" in listing


def test_it_tells_anonymous_visitors_about_the_cap(client, catalogue, moderator, monkeypatch):
    monkeypatch.setattr(open_data, "ANONYMOUS_ROWS", 2)
    assert "2 yang pertama" in client.get("/direktori/").text
    client.force_login(moderator)
    assert "2 yang pertama" not in client.get("/direktori/").text


def test_it_is_kept_out_of_search_engines(client):
    robots = client.get("/robots.txt").text
    assert "Disallow: /direktori/ekspor.csv" in robots
    assert "Disallow: /en/direktori/ekspor.csv" in robots


def test_it_gives_the_registrations_and_export_markets_in_the_page_s_language(client, make_business):
    make_business(
        name="Kemasan Ekspor",
        export_countries=["JP", "NL"],
        kbli_codes=["15201"],
        nib="1234567890123",
        supply_minimum=500,
        supply_unit="piece",
    )
    row = download(client, "/en" + URL)[0]
    assert row["Export countries"] == "Japan; Netherlands"
    assert row["KBLI codes"] == "15201" and row["NIB"] == "1234567890123"
    assert (row["Smallest quantity sold (suppliers)"], row["Unit of that quantity"]) == ("500", "pieces")
