"""{% constant_fragment %} renders the site's header and footer once per
language and process, and writes them as they were rendered."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from directory.templatetags import remembered_urls

PAGE = (
    "{% load i18n fragments %}{% constant_fragment %}{% translate 'Directory' %} {{ word }}{% endconstant_fragment %}"
)


def test_a_fragment_is_rendered_once_per_language():
    page = Template(PAGE)
    written = {}
    for language, word in [("id", "first"), ("en", "first"), ("id", "second"), ("en", "second")]:
        with translation.override(language):
            written.setdefault(language, []).append(page.render(Context({"word": word})))
    # Rendered on the first page in each language; the later pages get that rendering.
    assert written == {"id": ["Direktori first", "Direktori first"], "en": ["Directory first", "Directory first"]}


def test_a_changed_setting_renders_it_again():
    page = Template(PAGE)
    with translation.override("en"):
        assert page.render(Context({"word": "before"})) == "Directory before"
        with override_settings(SITE_URL="https://example.test"):
            assert page.render(Context({"word": "after"})) == "Directory after"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_show_the_header_and_footer_of_their_language(client, prefix, reference):
    remembered_urls._known.clear()
    english = prefix == "/en"
    for path in ["/", "/direktori/", "/sentra/"]:
        page = client.get(f"{prefix}{path}").content.decode()
        assert ("Skip to main content" in page) is english
        assert ("Langsung ke konten utama" in page) is not english
        assert f'href="{prefix}/direktori/">{"Directory" if english else "Direktori"}</a>' in page
        assert f'<a href="{prefix}/akun/login/">{"Sign in" if english else "Masuk"}</a>' in page
        assert f'<a href="{prefix}/ketentuan/">{"Terms of use" if english else "Ketentuan penggunaan"}</a>' in page


@pytest.mark.django_db
def test_a_signed_in_person_gets_their_own_account_links(client, owner):
    client.get("/direktori/")
    client.force_login(owner)
    page = client.get("/direktori/").content.decode()
    assert '<form method="post" action="/akun/logout/">' in page
    assert "/akun/login/" not in page and "account-nav__signup" not in page


def test_renderings_from_before_a_changed_setting_are_let_go():
    node = Template(PAGE).nodelist[-1]
    with translation.override("en"):
        node.render(Context({"word": "one"}))
        with override_settings(SITE_URL="https://example.test"):
            node.render(Context({"word": "two"}))
    assert list(node.kept.values()) == ["Directory two"]
