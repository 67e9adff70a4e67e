"""Staff import a community list and export the listing in a real browser:
log in to the admin, upload, read the preview and its warnings, confirm."""

import pytest
from playwright.sync_api import expect

from directory.models import Business

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
COMMUNITY_LIST = (
    "nama;peran;tahap;provinsi;kabupaten/kota;sentra;telepon;instagram;kategori;skala usaha\n"
    "Sepatu Maju Jaya;producer;hilir;Jawa Barat;Kota Bandung;Cibaduyut;0812-3456-7890;@maju.jaya;sneakers;12\n"
    "Sol Karet Wedoro;Pemasok bahan & komponen;hulu;35;Sidoarjo;Wedoro;031 8901 234;;outsole;kecil\n"
    "Sandal Lorosari;brand;hilir;35;3515;;0812-3456-7890;;sandals;mikro\n"
)


def admin_page(browser, live_server):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("root@example.com")
    page.locator("#id_password").fill("root-password")
    page.locator("input[type=submit]").click()
    return page


def test_it_imports_a_community_list_after_a_preview(
    browser, live_server, superuser, reference, screenshots_dir, tmp_path
):
    community_list = tmp_path / "daftar-komunitas.csv"
    community_list.write_bytes(COMMUNITY_LIST.encode("cp1252"))
    page = admin_page(browser, live_server)
    page.goto(live_server.url + "/admin/directory/business/")
    page.get_by_role("link", name="Impor", exact=True).click()
    page.screenshot(path=screenshots_dir / "admin-import-form-1280.png", full_page=True)

    page.locator("#id_import_file").set_input_files(community_list)
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Periksa berkas").click()
    page.screenshot(path=screenshots_dir / "admin-import-preview-1280.png", full_page=True)
    expect(page.get_by_text("3 usaha siap diimpor")).to_be_visible()
    expect(page.get_by_text("sama dengan baris 2")).to_be_visible()  # Sandal Lorosari shares Maju Jaya's number.
    assert Business.objects.count() == 0

    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.get_by_text("3 usaha diimpor.")).to_be_visible()
    page.screenshot(path=screenshots_dir / "admin-import-done-1280.png", full_page=True)
    assert set(Business.objects.values_list("name", "status", "owner")) == {
        ("Sepatu Maju Jaya", "published", None),
        ("Sol Karet Wedoro", "published", None),
        ("Sandal Lorosari", "published", None),
    }

    page.goto(live_server.url + "/direktori/sepatu-maju-jaya/")
    expect(page.locator("h1")).to_have_text("Sepatu Maju Jaya")
    page.close()


def test_it_reports_every_bad_row_and_saves_nothing(
    browser, live_server, superuser, reference, screenshots_dir, tmp_path
):
    bad_list = tmp_path / "salah.csv"
    bad_list.write_text(
        "name,roles,stage,province,regency,phone\n"
        "Sepatu Satu,producer,hilir,32,Kota Atlantis,0812 3456 7890\n"
        "Sepatu Dua,penyihir,hilir,32,3273,12\n"
    )
    page = admin_page(browser, live_server)
    page.goto(live_server.url + "/admin/directory/business/import/")
    page.locator("#id_import_file").set_input_files(bad_list)
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("2 baris berisi kesalahan")).to_be_visible()
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_have_count(0)
    page.screenshot(path=screenshots_dir / "admin-import-errors-1280.png", full_page=True)
    assert Business.objects.count() == 0
    page.close()


def test_it_exports_the_filtered_list(browser, live_server, superuser, make_business, screenshots_dir):
    make_business(name="Sepatu Tapakrana")
    make_business(name="Sandal Lorosari", status="pending")
    page = admin_page(browser, live_server)
    page.goto(live_server.url + "/admin/directory/business/?status__exact=pending")
    page.get_by_role("link", name="Ekspor", exact=True).click()
    expect(page.get_by_text("1 usaha, sesuai penyaringan")).to_be_visible()
    page.screenshot(path=screenshots_dir / "admin-export-1280.png", full_page=True)
    page.locator("#id_format").select_option(label="xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.close()
