"""The basic pages: about, contact, privacy notice and terms, in both
languages, linked from every footer, edited by staff in the admin."""

import pytest

from directory.pages.markup import render_markup
from directory.pages.models import SitePage

pytestmark = pytest.mark.django_db
PAGES = {
    "/tentang/": ("Tentang IFN", "About IFN"),
    "/kontak/": ("Kontak", "Contact"),
    "/privasi/": ("Pemberitahuan privasi", "Privacy notice"),
    "/ketentuan/": ("Ketentuan penggunaan", "Terms of use"),
}


@pytest.mark.parametrize("path", PAGES)
def test_each_page_speaks_both_languages(client, path):
    indonesian, english = PAGES[path]
    page = client.get(path)
    assert page.status_code == 200
    assert f"<h1>{indonesian}</h1>" in page.text
    page = client.get("/en" + path)
    assert page.status_code == 200
    assert f"<h1>{english}</h1>" in page.text
    assert '<html lang="en">' in page.text


@pytest.mark.parametrize("path", ["/", "/direktori/", "/sentra/", "/statistik/", "/tentang/", "/akun/login/"])
def test_every_footer_links_the_pages(client, path):
    text = client.get(path, follow=True).text
    footer = text[text.index('<footer class="site-footer">') :]
    for link in ("/tentang/", "/kontak/", "/privasi/", "/ketentuan/"):
        assert f'href="{link}"' in footer
    english = client.get("/en" + path, follow=True).text
    assert 'href="/en/privasi/"' in english[english.index('<footer class="site-footer">') :]


def test_the_privacy_notice_names_the_law_the_rights_and_how_to_use_them(client, settings):
    settings.CONTACT_EMAIL = "ifn@bpipi.test"
    text = client.get("/en/privasi/").text
    assert "Law No. 27 of 2022" in text
    assert 'href="/en/dasbor/akun/data/"' in text
    assert 'href="/en/dasbor/akun/hapus/"' in text
    assert 'href="mailto:ifn@bpipi.test"' in text
    assert 'href="/dasbor/akun/hapus/"' in client.get("/privasi/").text


def test_the_contact_page_shows_the_settings_channels(client, settings):
    settings.CONTACT_EMAIL = "ifn@bpipi.test"
    settings.HELPLINE_WHATSAPP = "6281234567890"
    text = client.get("/kontak/").text
    assert 'href="mailto:ifn@bpipi.test"' in text
    assert '<a href="https://wa.me/6281234567890">+62 812-3456-7890</a>' in text
    assert "Sidoarjo" in text


def test_the_pages_are_in_the_sitemap(client):
    text = client.get("/sitemap-pages.xml").text
    for path in PAGES:
        assert f"http://testserver{path}</loc>" in text
        assert f"http://testserver/en{path}</loc>" in text


def test_staff_edits_show_at_once_despite_the_page_cache(client, superuser, settings):
    settings.PUBLIC_PAGE_CACHE = True
    assert "Teks baru dari staf." not in client.get("/tentang/").text
    page = SitePage.objects.get(slug="tentang")
    staff = client.__class__()
    staff.force_login(superuser)
    response = staff.post(
        f"/admin/directory/sitepage/{page.pk}/change/",
        {
            "title_id": page.title_id,
            "title_en": page.title_en,
            "body_id": "Teks baru dari staf.",
            "body_en": page.body_en,
        },
    )
    assert response.status_code == 302
    assert "Teks baru dari staf." in client.get("/tentang/").text


def test_the_text_can_carry_no_html():
    html = render_markup("<script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://bpipi.id/)")
    assert "<script>" not in html
    assert 'href="javascript' not in html
    assert '<a href="https://bpipi.id/">ok</a>' in html


def test_headings_lists_and_paragraphs():
    html = render_markup("## Hak\n\n- satu\n- dua\n\nBaris a\nbaris b")
    assert html == "<h2>Hak</h2>\n<ul><li>satu</li><li>dua</li></ul>\n<p>Baris a<br>baris b</p>"


def test_a_page_without_its_row_shows_its_first_text(client):
    SitePage.objects.all().delete()
    assert "<h1>Privacy notice</h1>" in client.get("/en/privasi/").text
    assert client.get("/en/tidak-ada/").status_code == 404


def test_moderators_may_edit_the_text_but_not_add_pages(client, staff_moderator):
    client.force_login(staff_moderator)
    page = SitePage.objects.get(slug="kontak")
    assert client.get(f"/admin/directory/sitepage/{page.pk}/change/").status_code == 200
    assert client.get("/admin/directory/sitepage/add/").status_code == 403
