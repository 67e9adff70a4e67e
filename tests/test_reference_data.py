import pytest
from django.core.management import call_command

from directory.models import Certification, ProductCategory, Province, Regency, Role, Sentra

pytestmark = pytest.mark.django_db


def test_it_has_every_province_and_regency(reference):
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=Regency.Kind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=Regency.Kind.KOTA).count() == 98


def test_it_keys_regions_by_their_official_codes(reference):
    assert Province.objects.get(code="32").name == "Jawa Barat"
    assert Regency.objects.get(code="3273").name == "Kota Bandung"
    for regency in Regency.objects.all():
        assert len(regency.code) == 4 and regency.code.isdigit()
        assert regency.code.startswith(regency.province_id)
    assert not Province.objects.filter(regencies=None).exists()


@pytest.mark.parametrize(
    ("slug", "regency"),
    [
        ("cibaduyut", "3273"),
        ("tanggulangin", "3515"),
        ("ciomas", "3201"),
        ("mojokerto", "3576"),
        ("magetan", "3520"),
        ("sukaregang", "3205"),
    ],
)
def test_it_places_the_well_known_sentra_in_their_regencies(reference, slug, regency):
    assert Sentra.objects.get(slug=slug).regency_id == regency


def test_it_describes_every_sentra(reference):
    for sentra in Sentra.objects.all():
        assert sentra.description and sentra.description_en


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
    assert {"sneakers", "sandals", "outsole", "leather", "design"} <= categories
    assert set(ProductCategory.objects.values_list("kind", flat=True)) == set(ProductCategory.Kind.values)
    assert {"sni", "iso-9001", "halal"} <= set(Certification.objects.values_list("slug", flat=True))
    for model in (Role, ProductCategory, Certification):
        assert not model.objects.filter(name_en="").exists()


def test_it_loads_the_fixtures_again_without_duplicates(reference):
    models = (Province, Regency, Sentra, Role, ProductCategory, Certification)
    before = [model.objects.count() for model in models]
    call_command("loaddata", "regions", "taxonomy", "sentra", verbosity=0)
    assert [model.objects.count() for model in models] == before
