"""Importing community lists in the admin: CSV (UTF-8, with a BOM, or
Windows-1252) and XLSX, a preview with errors by line and lookalike
warnings, and a commit of every row or none."""

import io
import os
import tempfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Business, ModerationLog, Sentra
from directory.stewardship.importing import business_import

pytestmark = pytest.mark.django_db

# The admin speaks Indonesian, the default language, so the messages below are checked in it.

IMPORT_URL = reverse("admin:directory_business_import")
CONFIRM_URL = reverse("admin:directory_business_process_import")

HEADER = "name,roles,stage,province,regency,sentra,phone,whatsapp,website,instagram,categories,size,export_ready"
GOOD_ROWS = [
    "Sepatu Maju Jaya,producer;brand,hilir,32,3273,Cibaduyut,0812-3456-7890,,www.majujaya.id,@maju.jaya,sneakers,12,ya",
    "Sol Karet Wedoro,Pemasok bahan & komponen,hulu,Jawa Timur,Kabupaten Sidoarjo,,+62 31 8901 234,,,,outsole,kecil,no",
]


def csv_file(rows, header=HEADER, name="komunitas.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, "\r\n".join([header, *rows]).encode(encoding), content_type="text/csv")


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def staff_client(client, superuser, reference):
    client.force_login(superuser)
    return client


def check(client, upload, status="draft"):
    return client.post(IMPORT_URL, {"import_file": upload, "status": status})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {name: form.initial[name] for name in form.fields})


def test_it_imports_a_csv_after_a_preview(staff_client, superuser):
    preview = check(staff_client, csv_file(GOOD_ROWS), status="published")
    assert preview.status_code == 200
    assert "Sepatu Maju Jaya" in preview.text and "Sol Karet Wedoro" in preview.text
    assert Business.objects.count() == 0  # The preview keeps nothing.

    response = confirm(staff_client, preview)
    assert response.status_code == 302
    maju = Business.objects.get(name="Sepatu Maju Jaya")
    assert (maju.owner, maju.status, maju.slug) == (None, "published", "sepatu-maju-jaya")
    assert maju.published_at is not None
    assert sorted(maju.roles.values_list("slug", flat=True)) == ["brand", "producer"]
    assert (maju.province_id, maju.regency_id, maju.sentra.slug) == ("32", "3273", "cibaduyut")
    assert (maju.phone, maju.website, maju.instagram) == ("+6281234567890", "https://www.majujaya.id", "maju.jaya")
    assert (maju.size, maju.export_ready) == ("small", True)
    wedoro = Business.objects.get(name="Sol Karet Wedoro")
    assert (wedoro.province_id, wedoro.regency_id, wedoro.phone) == ("35", "3515", "+62318901234")
    assert list(wedoro.roles.values_list("slug", flat=True)) == ["supplier"]
    # Indexed for search and filters, and on the public listing.
    assert maju.search_name == "sepatu maju jaya" and "role:brand" in maju.facet_keys
    found = staff_client.get(reverse("directory:business_list"), {"q": "maju jaya"}).context["businesses"]
    assert [business.name for business in found] == ["Sepatu Maju Jaya"]
    entries = ModerationLog.objects.filter(action=ModerationLog.Action.IMPORTED)
    assert {(entry.business_id, entry.moderator, entry.reason) for entry in entries} == {
        (maju.pk, superuser, "komunitas.csv"),
        (wedoro.pk, superuser, "komunitas.csv"),
    }


def test_it_imports_an_xlsx_workbook_with_numbers_as_excel_stores_them(staff_client):
    data = xlsx_bytes(
        [
            ["Name", "Roles", "Stage", "Province", "Regency", "Phone", "Founded_year"],
            ["Sandal Lorosari", "producer", "hilir", 35, 3515, 81234567891, 1998],
            ["Sandal Wedoro", "producer", "hilir", 35, 3515, 81234567892, "th. 2004"],
            ["Sepatu Sejak", "producer", "hilir", 35, 3515, 81234567893, "sejak 2012"],
            [None, None, None, None, None, None, None],
        ]
    )
    preview = check(staff_client, SimpleUploadedFile("daftar.xlsx", data), status="pending")
    assert "Sandal Lorosari" in preview.text
    confirm(staff_client, preview)
    business = Business.objects.get(name="Sandal Lorosari")
    assert (business.regency_id, business.phone, business.founded_year, business.status) == (
        "3515",
        "+6281234567891",
        1998,
        "pending",
    )
    # Years as lists write them.
    assert sorted(Business.objects.values_list("founded_year", flat=True)) == [1998, 2004, 2012]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_it_reads_excel_csv_in_windows_1252_and_with_a_bom(staff_client, encoding):
    rows = ["Café Sepatu’s Workshop;producer;hilir;32;3273"]
    upload = csv_file(rows, header="name;roles;stage;province;regency", encoding=encoding)
    preview = check(staff_client, upload)
    assert "Café Sepatu’s Workshop" in preview.text
    confirm(staff_client, preview)
    assert Business.objects.get().name == "Café Sepatu’s Workshop"


def test_it_refuses_wrong_columns_and_saves_nothing(staff_client):
    preview = check(staff_client, csv_file(["Sepatu,producer,hilir"], header="nama usaha,peran,phne"))
    assert "confirm_form" not in preview.context
    assert "Kolom tidak dikenal: “phne”" in preview.text
    assert "Kolom yang belum ada: “province”" in preview.text  # The stage follows from the roles.
    assert Business.objects.count() == 0


@pytest.mark.parametrize("name", ["acak.csv", "acak.xlsx"])
def test_it_refuses_a_file_that_is_not_a_table(staff_client, name):
    preview = check(staff_client, SimpleUploadedFile(name, os.urandom(4000)))
    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    assert preview.context["form"].errors or preview.context["result"].has_errors()
    assert Business.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data"), [("kosong.csv", HEADER.encode()), ("kosong.xlsx", xlsx_bytes([HEADER.split(",")]))]
)
def test_it_refuses_a_file_without_rows(staff_client, name, data):
    preview = check(staff_client, SimpleUploadedFile(name, data))
    assert "Berkas ini tidak berisi baris di bawah nama kolom." in preview.text


def test_it_refuses_other_kinds_of_file(staff_client):
    preview = check(staff_client, SimpleUploadedFile("daftar.pdf", b"%PDF-1.4"))
    assert "Unggah berkas .csv atau .xlsx." in preview.text


def test_it_lists_every_bad_row_and_commits_none(staff_client):
    rows = [
        GOOD_ROWS[0],
        "Sepatu Dua,producer,hilir,32,Kota Atlantis,,,,,,,,",
        "Sepatu Tiga,wizard,hilir,99,,,12345,,ftp://x,,,,",
    ]
    preview = check(staff_client, csv_file(rows))
    assert "confirm_form" not in preview.context
    text = preview.text
    assert "2 baris berisi kesalahan" in text
    assert "Kabupaten/kota “Kota Atlantis” tidak dikenal" in text
    assert "Peran “wizard” tidak dikenal" in text
    assert "Provinsi “99” tidak dikenal" in text
    assert "tidak tampak seperti nomor telepon" in text
    assert Business.objects.count() == 0
    # The service refuses the file too, however it is reached.
    assert business_import(dataset=_dataset(rows), status="draft", moderator=None).has_validation_errors()
    assert Business.objects.count() == 0


def _dataset(rows, header=HEADER):
    from directory.stewardship.list_files import CommunityCSV

    return CommunityCSV().create_dataset("\n".join([header, *rows]).encode())


def test_it_refuses_a_business_listed_twice_in_the_file(staff_client):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0].replace("Sepatu Maju Jaya", "SEPATU MAJU-JAYA")]
    preview = check(staff_client, csv_file(rows))
    assert "confirm_form" not in preview.context
    assert "Baris 4 mengulang baris 2" in preview.text
    assert Business.objects.count() == 0


def test_it_warns_about_lookalikes_but_lets_staff_import_them(staff_client, make_business):
    make_business(name="Sepatu Maju Jaya", regency_id="3273", phone="")
    make_business(name="Toko Lain", province_id="35", regency_id="3515", phone="+62318901234")
    rows = [*GOOD_ROWS, "Maju Jaya Cabang,producer,hilir,32,3273,,0812 3456 7890,,,,,,"]
    preview = check(staff_client, csv_file(rows))
    warnings = dict(preview.context["result"].warnings)
    assert "sudah terdaftar di tempat yang sama" in warnings[2]
    assert "+62318901234 sudah menjadi nomor Toko Lain" in warnings[3]
    assert "(+6281234567890) sama dengan baris 2" in warnings[4]
    assert "Peringatan" in preview.text
    confirm(staff_client, preview)
    assert Business.objects.filter(name="Sepatu Maju Jaya").count() == 2


def test_it_rolls_back_every_row_when_one_fails_to_save(reference, monkeypatch):
    """All or nothing also when the database refuses a row after others were saved."""
    from directory.stewardship.resource import BusinessResource

    original = BusinessResource.save_m2m
    calls = []

    def failing_save_m2m(self, instance, row, **kwargs):
        calls.append(instance.name)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(self, instance, row, **kwargs)

    monkeypatch.setattr(BusinessResource, "save_m2m", failing_save_m2m)
    result = business_import(dataset=_dataset(GOOD_ROWS), status="published", moderator=None)
    assert result.has_errors()
    assert Business.objects.count() == 0 and ModerationLog.objects.count() == 0


def test_it_imports_a_large_file_in_one_pass(reference, superuser):
    """Five hundred rows checked, then imported, at a fixed cost in queries per
    row (the time a 5,000-row file takes is in the README, measured by hand)."""
    rows = [
        f"Usaha Komunitas {number},producer,hilir,32,3273,,08{number:010d},,,,sneakers,,no" for number in range(500)
    ]
    with CaptureQueriesContext(connection) as checking:
        preview = business_import(dataset=_dataset(rows), status="draft", moderator=superuser, dry_run=True)
    assert not preview.has_errors() and not preview.has_validation_errors(), preview.invalid_rows[:3]
    assert Business.objects.count() == 0
    with CaptureQueriesContext(connection) as importing:
        result = business_import(dataset=_dataset(rows), status="draft", moderator=superuser, file_name="besar.csv")
    assert not result.has_errors() and not result.has_validation_errors()
    assert Business.objects.count() == 500
    assert Business.objects.filter(search_name="usaha komunitas 499", facet_keys__has_key="category:sneakers").exists()
    assert ModerationLog.objects.filter(action="imported").count() == 500
    assert len(checking) <= 7 * len(rows) and len(importing) <= 7 * len(rows)


def test_it_previews_a_large_file_in_the_admin(staff_client):
    rows = [f"Usaha Komunitas {number},producer,hilir,32,3273,,,,,,,," for number in range(300)]
    preview = check(staff_client, csv_file(rows))
    assert "100 baris pertama dari 300 baris." in preview.text
    assert preview.text.count("Usaha Komunitas ") <= 110


@pytest.mark.parametrize("persona", ["anonymous", "owner"])
def test_it_lets_no_one_but_staff_import(client, owner, reference, persona):
    if persona == "owner":
        client.force_login(owner)
    assert client.get(IMPORT_URL).status_code == 302
    response = client.post(IMPORT_URL, {"import_file": csv_file(GOOD_ROWS), "status": "published"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Business.objects.count() == 0


def test_it_needs_the_add_permission_to_import(client, moderator, reference):
    client.force_login(moderator)  # Staff, without permissions on businesses.
    assert client.get(IMPORT_URL).status_code == 403


def test_it_shows_errors_found_only_at_confirmation_and_saves_nothing(staff_client, make_business):
    preview = check(staff_client, csv_file(GOOD_ROWS))
    # Meanwhile the sentra the file names is renamed.
    Sentra.objects.filter(slug="cibaduyut").update(name="Cibaduyut Baru", slug="cibaduyut-baru")
    response = confirm(staff_client, preview)
    assert response.status_code == 200
    assert "Sentra “Cibaduyut” tidak dikenal." in response.text
    assert Business.objects.count() == 0


def test_it_removes_the_upload_of_a_refused_file(staff_client, tmp_path, monkeypatch):
    # A temporary folder of this test's own: a browser test running beside it
    # makes its own temporary folders in the system's.
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    check(staff_client, csv_file(["Sepatu,wizard,hilir,32,,,,,,,,,"]))
    assert os.listdir(folder) == []


def test_a_business_listed_twice_with_its_legal_form_written_two_ways_is_flagged(staff_client):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0].replace("Sepatu Maju Jaya", "U.D. Sepatu Maju Jaya ")]
    rows[0] = rows[0].replace("Sepatu Maju Jaya", "UD Sepatu Maju Jaya")
    preview = check(staff_client, csv_file(rows))
    # Both can be imported and merged later, keeping what each row adds.
    assert "confirm_form" in preview.context
    assert "Mirip baris 2" in preview.text


def test_it_refuses_a_spreadsheet_formula_as_a_name(staff_client):
    rows = [GOOD_ROWS[0].replace("Sepatu Maju Jaya", '"=HYPERLINK(""http://x.test"",""Klik"")"')]
    preview = check(staff_client, csv_file(rows))
    assert "confirm_form" not in preview.context
    assert "Ini rumus lembar kerja, bukan nama" in preview.text
    assert Business.objects.count() == 0


def test_the_readings_name_roles_in_the_staff_member_s_language(staff_client, superuser):
    superuser.language = "en"
    superuser.save()
    rows = [GOOD_ROWS[0].replace("producer;brand", "pemasok")]
    preview = check(staff_client, csv_file(rows))
    readings = {(written, read_as) for _lines, column, written, read_as in preview.context["result"].readings}
    assert ("pemasok", "Supplier") in readings
