"""The bilingual glossary: loaded with its first terms, kept by moderators in
the admin, and read by search and by pages that show terms in English."""

import pytest
from django.urls import reverse

from directory.caching import public_data_changed
from directory.search.glossary import english_term, glossary, glossary_changed
from directory.search.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def test_it_gives_an_indonesian_terms_english_equivalent():
    assert english_term("Sepatu") == "shoes"
    assert english_term("penyamakan kulit") == "tannery"
    assert english_term("klt") == "leather"
    assert english_term("Tapakrana") is None


def test_it_covers_the_trade_in_both_languages():
    fields = GlossaryTerm.objects.values_list("english", "indonesian", "abbreviations")
    words = {term.strip().lower() for row in fields for field in row for term in field.split(",")}
    for term in ["goodyear welt", "vulkanisir", "injeksi", "mokasin", "kulit kerbau", "maklon", "ortopedi", "alas kaki",
                 "pemasok", "penyamakan", "bengkel", "industri rumahan", "pengrajin", "acuan", "lestan", "tpr", "eva",
                 "spt", "sdl", "klt", "kemasan", "pola", "strobel", "private label", "odm", "suede"]:  # fmt: skip
        assert term in words, term


def test_moderators_add_terms_that_search_uses_at_once(client, staff_moderator, make_business):
    make_business(name="Bengkel Wiralangkah", tagline="Terompah kayu tradisional")
    assert client.get("/en/direktori/", {"q": "clogs"}).context["total"] == 0
    client.force_login(staff_moderator)
    response = client.post(
        reverse("admin:directory_glossaryterm_add"), {"english": "clogs", "indonesian": "terompah, bakiak"}
    )
    assert response.status_code == 302
    client.logout()
    assert [b.name for b in client.get("/en/direktori/", {"q": "clogs"}).context["businesses"]] == [
        "Bengkel Wiralangkah"
    ]


def test_it_reads_the_glossary_once_per_version_of_it(django_assert_num_queries):
    first = glossary()
    # A change of the businesses is no change of the glossary.
    public_data_changed()
    with django_assert_num_queries(0):
        assert glossary() is first
    glossary_changed()
    with django_assert_num_queries(1):
        assert glossary() is not first
