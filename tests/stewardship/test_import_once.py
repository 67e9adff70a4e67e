"""Confirming the same upload twice (back button, double click, two tabs)
imports it once; the second confirmation says the list was already
imported, never a server error, one after the other or at the same time."""

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from directory.models import Business, ListImport, ModerationLog
from directory.stewardship.resource import BusinessResource

IMPORT_URL = reverse("admin:directory_business_import")
CONFIRM_URL = reverse("admin:directory_business_process_import")
LIST = "\n".join(
    [
        "Nama Usaha,Jenis Usaha,Kab/Kota,No. HP",
        "Sepatu Satu,produsen,Kota Bandung,0812 1111 2222",
        "Sandal Dua,toko,Sidoarjo,-",
    ]
)
ALREADY = "Daftar ini sudah diimpor"


def preview_and_confirmation(client) -> dict:
    upload = SimpleUploadedFile("daftar.csv", LIST.encode(), content_type="text/csv")
    preview = client.post(IMPORT_URL, {"import_file": upload, "status": "pending"})
    form = preview.context["confirm_form"]
    return {name: form.initial[name] for name in form.fields}


@pytest.mark.django_db
def test_confirming_twice_in_a_row_imports_once(client, staff_moderator, reference):
    client.force_login(staff_moderator)
    confirmation = preview_and_confirmation(client)
    first = client.post(CONFIRM_URL, confirmation, follow=True)
    assert "2 usaha diimpor." in first.text
    again = client.post(CONFIRM_URL, confirmation, follow=True)  # The back button, then confirm.
    assert again.status_code == 200
    assert f"{ALREADY} (2 usaha). Tidak ada yang diimpor dua kali." in again.text
    assert Business.objects.count() == 2 and ModerationLog.objects.filter(action="imported").count() == 2
    claim = ListImport.objects.get()
    assert (claim.file_name, claim.moderator, claim.businesses) == ("daftar.csv", staff_moderator, 2)
    assert claim.finished_at is not None


@pytest.mark.django_db
def test_the_preview_of_a_file_imported_before_says_so(client, staff_moderator, reference):
    """Going back past the preview makes the browser send the upload again:
    a new preview, which says that this very file was imported."""
    client.force_login(staff_moderator)
    client.post(CONFIRM_URL, preview_and_confirmation(client))
    upload = SimpleUploadedFile("daftar.csv", LIST.encode(), content_type="text/csv")
    preview = client.post(IMPORT_URL, {"import_file": upload, "status": "pending"})
    assert "Berkas yang sama persis sudah diimpor pada" in preview.text and "(2 usaha)" in preview.text
    other = SimpleUploadedFile("lain.csv", LIST.replace("Sandal Dua", "Sandal Tiga").encode(), content_type="text/csv")
    assert "Berkas yang sama persis" not in client.post(IMPORT_URL, {"import_file": other, "status": "pending"}).text


@pytest.mark.django_db
def test_a_confirmation_that_imported_nothing_can_be_made_again(client, staff_moderator, reference, monkeypatch):
    """A confirmation that failed gives its claim back, so staff are not told
    that a list nobody imported was imported."""
    client.force_login(staff_moderator)
    confirmation = preview_and_confirmation(client)
    original = BusinessResource.save_m2m

    def failing(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(BusinessResource, "save_m2m", failing)
    client.raise_request_exception = False
    assert client.post(CONFIRM_URL, confirmation).status_code == 200  # The error page of the file.
    assert Business.objects.count() == 0 and ListImport.objects.count() == 0
    monkeypatch.setattr(BusinessResource, "save_m2m", original)
    # The upload was removed with the failed attempt: upload it again, no 500.
    response = client.post(CONFIRM_URL, confirmation, follow=True)
    assert "Berkas yang diunggah sudah tidak ada di server. Unggah lagi." in response.text
    assert Business.objects.count() == 0 and ListImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_confirming_twice_at_once_imports_once(staff_moderator, reference, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; two requests at once are tested on PostgreSQL.")
    slow_start = BusinessResource.before_import

    def slow_before_import(self, *args, **kwargs):
        time.sleep(0.5)  # Long enough for the other confirmation to arrive meanwhile.
        return slow_start(self, *args, **kwargs)

    monkeypatch.setattr(BusinessResource, "before_import", slow_before_import)
    first = Client()
    first.force_login(staff_moderator)
    confirmation = preview_and_confirmation(first)
    second = Client()
    second.cookies = first.cookies  # The same moderator in another tab.
    start = threading.Barrier(2)
    responses = {}

    def confirm(name, client):
        try:
            start.wait()
            responses[name] = client.post(CONFIRM_URL, confirmation, follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(name, client)) for name, client in [(1, first), (2, second)]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(response.status_code for response in responses.values()) == [200, 200]
    texts = [response.text for response in responses.values()]
    assert sum("2 usaha diimpor." in text for text in texts) == 1
    assert sum(ALREADY in text for text in texts) == 1
    assert Business.objects.count() == 2 and ListImport.objects.count() == 1
