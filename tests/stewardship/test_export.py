"""Exporting the business changelist, as filtered, to CSV and XLSX."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import Business
from directory.stewardship.columns import COLUMNS

pytestmark = pytest.mark.django_db

EXPORT_URL = reverse("admin:directory_business_export")
FORMATS = {"csv": "0", "xlsx": "1"}


def export(client, file_format, query=""):
    return client.post(f"{EXPORT_URL}{query}", {"format": FORMATS[file_format], "resource": "0"})


def rows_of(response, file_format) -> list[dict]:
    if file_format == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def listed(make_business, owner):
    make_business(
        name="Sepatu Tapakrana",
        owner=owner,
        roles=["brand", "producer"],
        categories=["sneakers"],
        tags=["kanvas"],
        phone="+6281234567890",
        tagline_en="Handmade canvas sneakers",
    )
    make_business(name="Sandal Lorosari", status="pending", province_id="35", regency_id="3515")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_it_exports_only_the_filtered_businesses(client, superuser, listed, file_format):
    client.force_login(superuser)
    response = export(client, file_format, "?status__exact=published")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    rows = rows_of(response, file_format)
    assert [row["name"] for row in rows] == ["Sepatu Tapakrana"]
    row = rows[0]
    assert (row["roles"], row["categories"], row["tags"]) == ("brand; producer", "sneakers", "kanvas")
    assert (str(row["province"]), str(row["regency"]), row["status"], row["owner"]) == (
        "32",
        "3273",
        "published",
        "alice@example.com",
    )
    # A leading + or = would make a spreadsheet compute the cell.
    assert row["phone"] == "'+6281234567890"


def test_it_keeps_spreadsheets_from_running_formulas(client, superuser, make_business):
    make_business(name='=HYPERLINK("http://jahat.example")', tagline="@SUM(1+1)")
    client.force_login(superuser)
    for file_format in ["csv", "xlsx"]:
        row = rows_of(export(client, file_format), file_format)[0]
        assert row["name"] == '\'=HYPERLINK("http://jahat.example")'
        assert row["tagline"] == "'@SUM(1+1)"


def test_it_exports_a_search_too(client, superuser, listed):
    client.force_login(superuser)
    rows = rows_of(export(client, "csv", "?q=lorosari"), "csv")
    assert [row["name"] for row in rows] == ["Sandal Lorosari"]


def test_it_exports_in_a_fixed_number_of_queries(client, superuser, make_business, django_assert_max_num_queries):
    for _ in range(20):
        make_business(roles=["brand", "producer"], categories=["sneakers"], tags=["kulit"])
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        response = export(client, "csv")
    assert len(rows_of(response, "csv")) == 20


def test_it_writes_a_file_the_import_reads_back(client, superuser, listed):
    """What staff export, they can correct and import again as new listings."""
    client.force_login(superuser)
    exported = export(client, "csv", "?status__exact=published").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({**row, "name": "Sepatu Tapakrana Dua"} for row in rows)
    upload = SimpleUploadedFile("ulang.csv", buffer.getvalue().encode())
    preview = client.post(reverse("admin:directory_business_import"), {"import_file": upload, "status": "draft"})
    form = preview.context["confirm_form"]
    client.post(reverse("admin:directory_business_process_import"), {name: form.initial[name] for name in form.fields})
    copy = Business.objects.get(name="Sepatu Tapakrana Dua")
    assert (copy.phone, copy.regency_id, copy.owner) == ("+6281234567890", "3273", None)
    assert sorted(copy.roles.values_list("slug", flat=True)) == ["brand", "producer"]
    assert list(copy.tags.names()) == ["kanvas"]
    assert copy.tagline_en == "Handmade canvas sneakers"


@pytest.mark.parametrize("persona", ["anonymous", "owner"])
def test_it_exports_nothing_to_people_without_staff_rights(client, owner, listed, persona):
    if persona == "owner":
        client.force_login(owner)
    response = export(client, "csv")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert b"Tapakrana" not in response.content


def test_it_shows_import_and_export_on_the_changelist(client, superuser, listed):
    client.force_login(superuser)
    page = client.get(reverse("admin:directory_business_changelist"), {"status__exact": "published"}).text
    assert reverse("admin:directory_business_import") in page
    assert f"{EXPORT_URL}?status__exact=published" in page
    form = client.get(EXPORT_URL, {"status__exact": "published"}).text
    assert "1 usaha, sesuai penyaringan dan pencarian daftar saat ini." in form
