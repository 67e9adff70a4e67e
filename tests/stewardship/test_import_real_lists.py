"""Community lists as coordinators keep them: "-" for nothing, "Jatim",
"Kab.Garut", "produsen", "10 orang", "0813 2244 6688 (WA)", headers such as
"No. HP" and "Nama Pemilik". The list in data/ has 120 businesses written
so, four of them genuinely broken; everything else is read, and each reading
is shown in the preview before anything is saved."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from directory.models import Business
from directory.stewardship.importing import business_import
from directory.stewardship.list_files import CommunityCSV

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:directory_business_import")
CONFIRM_URL = reverse("admin:directory_business_process_import")
COMMUNITY_LIST = Path(__file__).parent / "data" / "daftar-anggota-komunitas.csv"
# Spreadsheet lines (the header is line 1) no reading can save: no name, a
# city that does not exist, a number too short to call, and "Tasikmalaya",
# which is a city and a regency, without a sentra to say which.
BROKEN_LINES = {42: {"name"}, 63: {"regency"}, 90: {"phone"}, 106: {"regency"}}


@pytest.fixture
def moderator_client(client, staff_moderator, reference):
    client.force_login(staff_moderator)
    return client


def upload(lines: list[str], name="daftar-anggota-komunitas.csv"):
    return SimpleUploadedFile(name, "\n".join(lines).encode(), content_type="text/csv")


def community_lines(*, without_broken=False) -> list[str]:
    lines = COMMUNITY_LIST.read_text(encoding="utf-8").splitlines()
    return [line for number, line in enumerate(lines, 1) if not (without_broken and number in BROKEN_LINES)]


def check(client, lines):
    return client.post(IMPORT_URL, {"import_file": upload(lines), "status": "draft"})


def readings(preview) -> set[tuple[str, str]]:
    return {(written, read_as) for _lines, _column, written, read_as in preview.context["result"].readings}


def test_a_community_list_is_refused_only_for_its_broken_rows(moderator_client):
    preview = check(moderator_client, community_lines())
    result = preview.context["result"]
    assert {row.number + 1: set(row.field_specific_errors) for row in result.invalid_rows} == BROKEN_LINES
    assert not result.base_errors and "confirm_form" not in preview.context
    assert "“Tasikmalaya” bisa berarti “Kabupaten Tasikmalaya (3206)”, “Kota Tasikmalaya (3278)”" in preview.text
    assert Business.objects.count() == 0


EXPECTED_READINGS = [
    # Provinces by short name, abbreviation or with dots.
    ("Jatim", "Jawa Timur"),
    ("JABAR", "Jawa Barat"),
    ("DKI Jakarta", "Daerah Khusus Ibukota Jakarta"),
    ("D.K.I. Jakarta", "Daerah Khusus Ibukota Jakarta"),
    ("DI Yogyakarta", "Daerah Istimewa Yogyakarta"),
    ("DIY", "Daerah Istimewa Yogyakarta"),
    ("Jogja", "Daerah Istimewa Yogyakarta"),
    ("Sumbar", "Sumatera Barat"),
    ("Sulsel", "Sulawesi Selatan"),
    ("Kalbar", "Kalimantan Barat"),
    ("NTB", "Nusa Tenggara Barat"),
    ("NTT", "Nusa Tenggara Timur"),
    # Regencies and cities with any prefix, or settled by the sentra.
    ("Kab.Garut", "Kabupaten Garut"),
    ("Kab Garut", "Kabupaten Garut"),
    ("Kodya Surabaya", "Kota Surabaya"),
    ("Jakarta Timur", "Kota Administrasi Jakarta Timur"),
    ("Kota Adm. Jakarta Timur", "Kota Administrasi Jakarta Timur"),
    ("Jaktim", "Kota Administrasi Jakarta Timur"),
    ("Solo", "Kota Surakarta"),
    ("Bandung", "Kota Bandung (dari sentra Cibaduyut)"),
    ("Mojokerto", "Kota Mojokerto (dari sentra Mojokerto)"),
    ("Bogor", "Kabupaten Bogor (dari sentra Ciomas)"),
    # Roles in the lists' own words.
    ("produsen", "Produsen / maklon"),
    ("pengrajin", "Produsen / maklon"),
    ("pabrik", "Produsen / maklon"),
    ("toko", "Merek lokal"),
    ("distributor", "Pemasok bahan & komponen"),
    ("toko bahan", "Pemasok bahan & komponen"),
    ("penyamakan kulit", "Sumber bahan baku"),
    ("Koperasi", "Organisasi"),
    ("Produsen dan pemasok", "Produsen / maklon; Pemasok bahan & komponen"),
    # Head counts.
    ("10 orang", "Kecil (5–19 pekerja)"),
    ("5 org", "Kecil (5–19 pekerja)"),
    ("25 pekerja", "Menengah (20–99 pekerja)"),
    ("±30", "Menengah (20–99 pekerja)"),
    ("2 orang", "Mikro (1–4 pekerja)"),
    ("100 pekerja", "Besar (100+ pekerja)"),
    # Numbers: marked WhatsApp, a landline and a mobile, "the same".
    ("0813 0011 8359 (WA)", "WhatsApp +6281300118359"),
    ("WA 0813 0010 2918", "WhatsApp +6281300102918"),
    ("022-5400001 / 0852 0001 1791", "telepon +62225400001, WhatsApp +6285200011791"),
    ("sama", "WhatsApp +6281200037499"),
    # Empty markers, and the stage the roles give.
    ("-", "(kosong)"),
    ("tidak ada", "(kosong)"),
    ("tdk ada", "(kosong)"),
    ("belum ada", "(kosong)"),
    ("n/a", "(kosong)"),
    ("0", "(kosong)"),
    ("", "Hilir"),
    ("", "Hulu"),
]


def test_a_community_list_imports_with_every_reading_in_the_preview(moderator_client, staff_moderator):
    lines = community_lines(without_broken=True)
    preview = check(moderator_client, lines)
    result = preview.context["result"]
    assert not result.invalid_rows and "confirm_form" in preview.context
    found = readings(preview)
    assert [pair for pair in EXPECTED_READINGS if pair not in found] == []
    for written, read_as in EXPECTED_READINGS:
        assert f"<td>{escape(written or '—')}</td><td>→ {escape(read_as)}</td>" in preview.text
    # The preview's cells show the reading beside what the file says.
    assert 'Kab.Garut <span class="read-as">→ Kabupaten Garut</span>' in preview.text
    assert {("No. HP", "phone"), ("No. WA", "whatsapp"), ("Situs Web", "website"), ("Jenis Usaha", "roles")} <= set(
        result.header_readings
    )
    assert result.ignored_headers == ["No.", "Nama Pemilik", "Keterangan"]
    assert "“Nama Pemilik”" in preview.text

    form = preview.context["confirm_form"]
    response = moderator_client.post(CONFIRM_URL, {name: form.initial[name] for name in form.fields})
    assert response.status_code == 302
    assert Business.objects.count() == 120 - len(BROKEN_LINES)
    assert Business.objects.filter(owner=None, status="draft").count() == Business.objects.count()
    sandal = Business.objects.get(name="Sandal Indah")  # "bandung", "jabar ", "cibaduyut"
    assert (sandal.province_id, sandal.regency_id, sandal.sentra.slug) == ("32", "3273", "cibaduyut")
    assert (sandal.stage, list(sandal.roles.values_list("slug", flat=True))) == ("hilir", ["producer"])
    karya = Business.objects.get(name="Konveksi Sepatu Karya Mandiri")  # "0813 0011 8359 (WA)", "-"
    assert (karya.phone, karya.whatsapp, karya.size, karya.email) == ("", "+6281300118359", "micro", "")
    cahaya = Business.objects.get(name="UD Cahaya Baru")  # "022-5400001 / 0852 0001 1791"
    assert (cahaya.phone, cahaya.whatsapp) == ("+62225400001", "+6285200011791")
    pulogadung = Business.objects.filter(regency_id="3175")
    assert pulogadung.count() == 9 and {business.province_id for business in pulogadung} == {"31"}
    assert Business.objects.get(name__iexact="industri sandal indah").tags.get().name == "tas & sepatu"


def dry_run(header: str, *rows: str):
    dataset = CommunityCSV().create_dataset("\n".join([header, *rows]).encode())
    return business_import(dataset=dataset, status="draft", moderator=None, dry_run=True)


def test_a_sentra_settles_a_place_name_two_regencies_share(reference):
    settled = dry_run("nama,peran,kota,sentra", "Sepatu Satu,produsen,Bandung,Cibaduyut")
    assert not settled.invalid_rows
    assert ("Bandung", "Kota Bandung (dari sentra Cibaduyut)") in {(w, r) for _l, _c, w, r in settled.readings}
    unsettled = dry_run("nama,peran,kota", "Sepatu Satu,produsen,Bandung")
    assert set(unsettled.invalid_rows[0].field_specific_errors) == {"regency"}


def test_it_warns_about_a_listed_business_with_a_similar_name_in_the_same_place(moderator_client, make_business):
    listed = make_business(name="CV Sepatu Maju Jaya", regency_id="3273", phone="")
    make_business(name="Sepatu Maju Jaya", province_id="35", regency_id="3515", phone="")
    preview = check(
        moderator_client,
        ["Nama Usaha,Jenis Usaha,Kab/Kota", "Sepatu Maju Jaya,produsen,Kota Bandung", "Sepatu Lain,toko,Kota Bandung"],
    )
    warnings = preview.context["result"].warnings
    assert warnings == [
        (2, f"Usaha dengan nama mirip sudah terdaftar di tempat yang sama: CV Sepatu Maju Jaya ({listed.slug}).")
    ]
    assert "confirm_form" in preview.context  # A warning: staff decide.
