import pytest

from directory.models import Sentra

pytestmark = pytest.mark.django_db


def test_it_lists_every_sentra_with_its_published_members(client, make_business, django_assert_num_queries):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    make_business(sentra=cibaduyut)
    make_business(sentra=cibaduyut, status="draft")
    with django_assert_num_queries(1):
        response = client.get("/sentra/")
    assert response.status_code == 200
    counts = {sentra.slug: sentra.published_count for sentra in response.context["sentra_list"]}
    assert counts["cibaduyut"] == 1
    assert len(counts) == Sentra.objects.count()
    assert 'href="/sentra/cibaduyut/"' in response.text


def test_it_shows_a_sentra_and_only_its_published_members(client, make_business, django_assert_num_queries):
    cibaduyut = Sentra.objects.get(slug="cibaduyut")
    for number in range(5):
        make_business(name=f"Anggota {number}", sentra=cibaduyut)
    make_business(name="Draf Tersembunyi", sentra=cibaduyut, status="draft")
    make_business(name="Di Tempat Lain")
    # The sentra, its member count, its members, and the role names and the
    # places (provinces, regencies) the cards name.
    with django_assert_num_queries(6):
        response = client.get("/sentra/cibaduyut/")
    assert response.status_code == 200
    assert "Bojongloa Kidul" in response.text
    names = {business.name for business in response.context["members"]}
    assert names == {f"Anggota {number}" for number in range(5)}


def test_it_describes_a_sentra_in_english_under_en(client, reference):
    response = client.get("/en/sentra/cibaduyut/")
    assert "Bandung&#x27;s largest shoe centre" in response.text


def test_it_answers_404_for_an_unknown_sentra(client, reference):
    assert client.get("/sentra/atlantis/").status_code == 404
