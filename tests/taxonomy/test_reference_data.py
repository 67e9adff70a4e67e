import pytest
from django.core.management import call_command

from directory.models import Certification, ProductCategory, Province, Regency, Role, Sentra

pytestmark = pytest.mark.django_db

WELL_KNOWN_SENTRA = {
    "cibaduyut": "3273",  # Kota Bandung
    "tanggulangin": "3515",  # Kabupaten Sidoarjo
    "ciomas": "3201",  # Kabupaten Bogor
    "mojokerto": "3576",  # Kota Mojokerto
    "magetan": "3520",  # Kabupaten Magetan
    "sukaregang": "3205",  # Kabupaten Garut
}


def test_it_has_every_province_and_regency(regions):
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=Regency.Kind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=Regency.Kind.KOTA).count() == 98


def test_it_keys_regions_by_their_official_codes(regions):
    assert Province.objects.get(code="32").name == "Jawa Barat"
    assert Regency.objects.get(code="3273").name == "Kota Bandung"
    misplaced = [
        code
        for code, province in Regency.objects.values_list("code", "province_id")
        if not (len(code) == 4 and code.isdigit() and code.startswith(province))
    ]
    assert misplaced == []
    assert list(Province.objects.filter(regencies=None)) == []


def test_it_places_every_sentra_in_a_known_regency(reference):
    regencies = set(Regency.objects.values_list("code", flat=True))
    assert Sentra.objects.exists()
    assert set(Sentra.objects.values_list("regency_id", flat=True)) <= regencies
    placed = dict(Sentra.objects.filter(slug__in=WELL_KNOWN_SENTRA).values_list("slug", "regency_id"))
    assert placed == WELL_KNOWN_SENTRA


def test_it_describes_every_sentra_in_both_languages(reference):
    for sentra in Sentra.objects.all():
        assert sentra.description and sentra.description_en, sentra.slug


def test_it_has_the_value_chain_taxonomy(reference):
    assert set(Role.objects.values_list("slug", flat=True)) == {
        "brand",
        "producer",
        "supplier",
        "material-source",
        "service",
        "organisation",
    }
    categories = set(ProductCategory.objects.values_list("slug", flat=True))
    assert {"sneakers", "sandals", "outsole"} <= categories
    assert set(ProductCategory.objects.values_list("kind", flat=True)) == set(ProductCategory.Kind.values)
    assert {"sni", "iso-9001", "halal"} <= set(Certification.objects.values_list("slug", flat=True))
    # The English pages fall back to Indonesian names, which would go unnoticed.
    for model in (Role, ProductCategory, Certification):
        assert not model.objects.filter(name_en="").exists(), model.__name__


def test_it_loads_the_fixtures_again_without_duplicates(reference):
    models = (Province, Regency, Sentra, Role, ProductCategory, Certification)
    before = {model.__name__: model.objects.count() for model in models}
    call_command("loaddata", "regions", "taxonomy", "sentra", verbosity=0)
    assert {model.__name__: model.objects.count() for model in models} == before
