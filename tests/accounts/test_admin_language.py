"""The admin speaks one language: the staff member's own, chosen in its
header, and every string on an Indonesian admin page is Indonesian,
Django's and the libraries' included."""

import ast
import gettext
from html.parser import HTMLParser
from pathlib import Path

import django
import django_filters
import import_export
import pytest
import taggit
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import trans_real

from directory.models import Business

# Catalogues whose strings an admin page can show.
DJANGO = Path(django.__file__).parent
SOURCE_CATALOGUES = [
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
]
LIBRARIES = [taggit, import_export, django_filters]


def msgids(path: Path) -> set[str]:
    """The msgids of a .po file (a compiled .mo leaves untranslated ones out),
    with their context as gettext keys them ("context\x04msgid")."""
    found: set[str] = set()
    entry: dict[str, str] = {}
    field = None

    def finish():
        if entry.get("msgid"):
            context = entry.get("msgctxt")
            found.add(f"{context}\x04{entry['msgid']}" if context else entry["msgid"])

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith('"'):
            if field:
                entry[field] += ast.literal_eval(line)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and "msgid" in entry):
            finish()
            entry = {}
        field = keyword if keyword in ("msgctxt", "msgid") else None
        if field:
            entry[field] = ast.literal_eval(rest)
    finish()
    return found


def library_msgids() -> set[str]:
    """Every string a library has ever given its translators, in any language."""
    found = set()
    for library in LIBRARIES:
        for path in (Path(library.__file__).parent / "locale").glob("*/LC_MESSAGES/django.po"):
            found |= msgids(path)
    return found


def indonesian_catalogue() -> dict:
    trans_real._translations.pop("id", None)
    return trans_real.translation("id")._catalog


def test_every_string_of_django_and_the_libraries_has_an_indonesian_entry():
    catalogue = indonesian_catalogue()
    # A TranslationCatalog has keys() but no iteration of its own.
    known = {key[0] if isinstance(key, tuple) else key for key in catalogue.keys()}  # noqa: SIM118
    wanted = library_msgids().union(*(msgids(path) for path in SOURCE_CATALOGUES))
    assert sorted(wanted - known) == []


def test_the_library_catalogue_changes_words_rather_than_echoing_them():
    """An entry that only repeats the English would pass the test above and
    leave the page in English."""
    path = Path(__file__).parents[2] / "ifn/library_translations/id/LC_MESSAGES/django.mo"
    with path.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    same = sorted(key for key, value in catalogue.items() if key and key == value)
    # Words Indonesian shares with English, and technical names.
    assert same == [", ", "Format"]


class Texts(HTMLParser):
    """The text a person reads on a page: text nodes, button and option
    labels, placeholders and titles."""

    def __init__(self):
        super().__init__()
        self.texts: set[str] = set()
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("placeholder", "title", "aria-label", "alt") and value:
                self.texts.add(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.add(" ".join(data.split()))


@pytest.fixture
def admin_pages(make_business, staff_moderator, client):
    business = make_business(name="Sepatu Kulit Cibaduyut")
    staff_moderator.language = "id"
    staff_moderator.save()
    client.force_login(staff_moderator)
    pages = [reverse("admin:index"), reverse("admin:directory_business_duplicates")]
    request = client.get(reverse("admin:index")).wsgi_request
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        if model_admin.has_view_permission(request):
            pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
    pages.append(reverse("admin:directory_business_change", args=[business.pk]))
    pages.append(reverse("admin:directory_business_import"))
    return pages


def test_no_english_string_of_django_or_the_libraries_is_left_on_indonesian_admin_pages(client, admin_pages):
    english = library_msgids().union(*(msgids(path) for path in SOURCE_CATALOGUES))
    catalogue = indonesian_catalogue()
    # Strings Indonesian writes the same way ("Filter", "Format") are not left over.
    english = {text for text in english if catalogue.get(text) != text}
    left = {}
    for url in admin_pages:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        parser = Texts()
        parser.feed(response.content.decode())
        if found := sorted(parser.texts & english):
            left[url] = found
    assert left == {}


def test_it_shows_the_admin_in_the_staff_members_language_whatever_the_browser_asks(client, staff_moderator):
    client.force_login(staff_moderator)
    staff_moderator.language = "en"
    staff_moderator.save()
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="en"' in page and "Log out" in page
    staff_moderator.language = "id"
    staff_moderator.save()
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id"' in page and "Keluar" in page


@pytest.mark.parametrize(("asked", "shown"), [("en-GB,en;q=0.9", "en"), ("id-ID,id;q=0.9,en;q=0.5", "id"), ("", "id")])
def test_the_admin_sign_in_follows_the_browser(client, asked, shown):
    page = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE=asked).content.decode()
    assert f'<html lang="{shown}"' in page


def test_a_staff_member_chooses_the_admin_language_in_its_header(client, staff_moderator):
    client.force_login(staff_moderator)
    changelist = reverse("admin:directory_business_changelist")
    page = client.get(changelist).content.decode()
    assert f'action="{reverse("admin_language")}"' in page
    response = client.post(reverse("admin_language"), {"language": "en", "next": changelist})
    assert response.status_code == 302 and response["Location"] == changelist
    staff_moderator.refresh_from_db()
    assert staff_moderator.language == "en"
    assert "Select business to change" in client.get(changelist).content.decode()


@pytest.mark.parametrize(
    "posted",
    [{"language": "fr"}, {"language": ""}, {}],
)
def test_it_keeps_the_language_when_the_choice_is_not_one_the_site_speaks(client, staff_moderator, posted):
    client.force_login(staff_moderator)
    response = client.post(reverse("admin_language"), posted)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    staff_moderator.refresh_from_db()
    assert staff_moderator.language == "id"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"])
def test_it_returns_only_to_a_page_of_the_site(client, staff_moderator, next_url):
    client.force_login(staff_moderator)
    response = client.post(reverse("admin_language"), {"language": "en", "next": next_url})
    assert response["Location"] == reverse("admin:index")


def test_only_staff_choose_an_admin_language(client, owner):
    client.force_login(owner)
    response = client.post(reverse("admin_language"), {"language": "en"})
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    owner.refresh_from_db()
    assert owner.language == "id"
    assert client.get(reverse("admin_language")).status_code == 405


def test_the_public_site_keeps_following_its_address(client, staff_moderator, make_business):
    business: Business = make_business()
    staff_moderator.language = "en"
    staff_moderator.save()
    client.force_login(staff_moderator)
    page = client.get(business.get_absolute_url()).content.decode()
    assert '<html lang="id"' in page


def test_the_business_page_names_its_terms_in_the_staff_members_language(client, staff_moderator, make_business):
    business = make_business(name="Sepatu Kulit Cibaduyut", roles=["producer"], construction_methods=["cemented"])
    staff_moderator.language = "en"
    staff_moderator.save()
    client.force_login(staff_moderator)
    page = client.get(reverse("admin:directory_business_change", args=[business.pk])).content.decode()
    assert ">Producer<" in page and "Produsen / maklon" not in page
    assert ">Cemented<" in page and "Lem (cementing)" not in page
