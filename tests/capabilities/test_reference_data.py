"""The capability words come in both languages, load twice without
duplicates, and staff extend them in the admin."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from directory.capabilities.reference import capability_rows
from directory.models import Audience, ConstructionMethod, Country, FootwearType, KbliCode, Material, Service

pytestmark = pytest.mark.django_db


def test_it_names_every_word_in_both_languages(reference):
    for model in (ConstructionMethod, Audience, FootwearType, Material, Service, Country, KbliCode):
        assert model.objects.exists()
        assert not model.objects.filter(name_en="").exists(), model
    assert set(Audience.objects.values_list("slug", flat=True)) == {"men", "women", "kids", "unisex"}
    assert {"15201", "15202", "15209", "15121", "15111", "22192", "28263"} <= set(
        KbliCode.objects.values_list("code", flat=True)
    )
    with translation.override("en"):
        assert ConstructionMethod.objects.get(slug="vulcanised").display_name == "Vulcanised"
    assert ConstructionMethod.objects.get(slug="vulcanised").display_name == "Vulkanisir"


def test_it_loads_twice_without_duplicates(reference):
    before = ConstructionMethod.objects.count(), Country.objects.count()
    call_command("loaddata", "capabilities", verbosity=0)
    assert (ConstructionMethod.objects.count(), Country.objects.count()) == before


def test_it_reads_every_word_in_one_query(reference, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = capability_rows()
    assert rows["construction"][0] == ("cemented", "Lem (cementing)", "Cemented")
    assert set(rows) == {"construction", "audience", "segment", "material", "service"}


def test_it_lets_staff_add_a_word_that_the_filters_offer_at_once(client, superuser, make_business):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:directory_constructionmethod_add"),
        {"slug": "opanka", "name": "Opanka", "name_en": "Opanka", "order": 9},
    )
    assert response.status_code == 302
    make_business(construction_methods=["opanka"])
    page = client.get("/direktori/").text
    assert 'name="construction" value="opanka"' in page
