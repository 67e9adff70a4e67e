"""Partner suggestions: the ranking on a small hand-made set, on the owner's
collaboration page and on the public profile."""

import datetime

import pytest
from django.utils import timezone, translation

from directory.connect.partners import Candidate, partner_suggestions, rank
from directory.connect.posts import post_approve
from directory.connect.ranked_partners import partners_changed
from directory.models import CollaborationPost, ProductCategory, Province, Regency, Sentra

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
LATER = (TODAY + datetime.timedelta(days=30)).isoformat()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()


def keys(*items):
    return dict.fromkeys(items, 1)


CIBADUYUT = ("province:32", "regency:3273", "sentra:cibaduyut")
BANDUNG_ELSEWHERE = ("province:32", "regency:3204")
SIDOARJO = ("province:35", "regency:3515")


@pytest.fixture
def brand():
    """A local brand in Cibaduyut that seeks outsoles and makes sneakers."""
    return Candidate(1, keys("role:brand", "category:sneakers", *CIBADUYUT), f"seek:outsole:{LATER}")


@pytest.fixture
def candidates():
    return [
        Candidate(10, keys("role:supplier", *SIDOARJO), f"offer:outsole:{LATER}"),
        Candidate(11, keys("role:supplier", "category:outsole", *SIDOARJO)),
        Candidate(12, keys("role:organisation", *CIBADUYUT)),
        Candidate(13, keys("role:producer", *BANDUNG_ELSEWHERE)),
        Candidate(14, keys("role:producer", *CIBADUYUT)),
        Candidate(15, keys("role:supplier", *SIDOARJO)),
        Candidate(16, keys("role:supplier", *SIDOARJO), f"offer:outsole:{YESTERDAY}"),
        Candidate(17, keys("role:brand", *SIDOARJO), f"seek:sneakers:{LATER}"),
        Candidate(1, keys("role:brand", *CIBADUYUT)),
    ]


def test_it_ranks_what_one_seeks_and_another_offers_then_roles_then_nearness(reference, brand, candidates):
    ranked = rank(brand, candidates, limit=10)
    assert [(s.pk, s.reason) for s in ranked] == [
        # A post answered: by a post first, then by the categories a business lists.
        (10, "menawarkan outsol"),
        (17, "mencari sneakers"),
        (11, "menawarkan outsol"),
        # A complementary role: in the same sentra before the same province.
        (14, "produsen / maklon, satu sentra"),
        (13, "produsen / maklon, satu provinsi"),
        # Only near.
        (12, "satu sentra"),
    ]
    # Nothing in common (15), an expired post (16) and the business itself (1) are left out.


def test_it_gives_the_reasons_in_english(reference, brand, candidates):
    with translation.override("en"):
        ranked = rank(brand, candidates, limit=4)
    assert [s.reason for s in ranked] == [
        "offers outsoles",
        "seeks sneakers",
        "offers outsoles",
        "producer, same sentra",
    ]


def test_it_keeps_the_given_order_among_equals(reference, brand):
    equals = [Candidate(pk, keys("role:organisation", *CIBADUYUT)) for pk in (30, 20, 40)]
    assert [s.pk for s in rank(brand, equals, limit=2)] == [30, 20]


@pytest.fixture
def post(db):
    def make(business, kind, *categories, until=None):
        post = CollaborationPost.objects.create(
            business=business,
            kind=kind,
            title=f"{kind} {' '.join(categories)}",
            description="…",
            until=until or TODAY + datetime.timedelta(days=30),
            status="published",
            published_at=timezone.now(),
        )
        post.categories.set(ProductCategory.objects.filter(slug__in=categories))
        # As approving a post does.
        partners_changed([business.pk])
        return post

    return make


@pytest.fixture
def cibaduyut_brand(make_business, owner):
    return make_business(
        name="Sepatu Tapakrana",
        owner=owner,
        roles=["brand"],
        categories=["sneakers"],
        sentra=Sentra.objects.get(slug="cibaduyut"),
    )


def sidoarjo(make_business, **fields):
    return make_business(province=Province.objects.get(code="35"), regency=Regency.objects.get(code="3515"), **fields)


def test_it_suggests_partners_across_the_network_for_the_owner(
    cibaduyut_brand, make_business, post, owner, other_owner
):
    post(cibaduyut_brand, "seek", "outsole")
    far_offer = sidoarjo(make_business, name="Karet Sidoarjo", roles=["supplier"], owner=other_owner)
    post(far_offer, "offer", "outsole")
    far_lister = sidoarjo(make_business, name="Outsol Jaya", roles=["supplier"], categories=["outsole"])
    neighbour = make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut_brand.sentra)
    sidoarjo(make_business, name="Tidak Cocok", roles=["supplier"])
    hidden = sidoarjo(make_business, name="Belum Terbit", roles=["supplier"], status="pending")
    post(hidden, "offer", "outsole")
    make_business(name="Usaha Lain Alice", roles=["producer"], owner=owner, sentra=cibaduyut_brand.sentra)
    suggestions = partner_suggestions(cibaduyut_brand)
    assert [(business.name, business.partner_reason) for business in suggestions] == [
        (far_offer.name, "menawarkan outsol"),
        (far_lister.name, "menawarkan outsol"),
        (neighbour.name, "produsen / maklon, satu sentra"),
    ]


def test_it_looks_further_than_a_sentra_of_one_trade(make_business, owner):
    """A supplier in a sentra of suppliers only: producers elsewhere in the
    province come first, then the sentra's other suppliers."""
    sentra = Sentra.objects.get(slug="cibaduyut")
    supplier = make_business(name="Karet Cibaduyut", roles=["supplier"], sentra=sentra, owner=owner)
    make_business(name="Karet Tetangga", roles=["supplier"], sentra=sentra)
    make_business(name="Maklon Bandung", roles=["producer"], regency=Regency.objects.get(code="3204"))
    sidoarjo(make_business, name="Maklon Sidoarjo", roles=["producer"])
    suggestions = partner_suggestions(supplier)
    assert [(business.name, business.partner_reason) for business in suggestions] == [
        ("Maklon Bandung", "produsen / maklon, satu provinsi"),
        ("Karet Tetangga", "satu sentra"),
    ]


def test_it_shows_suggestions_on_the_owners_collaboration_page(client, cibaduyut_brand, make_business, post, owner):
    post(cibaduyut_brand, "seek", "outsole")
    post(sidoarjo(make_business, name="Karet Sidoarjo", roles=["supplier"]), "offer", "outsole")
    client.force_login(owner)
    page = client.get(f"/dasbor/usaha/{cibaduyut_brand.pk}/kolaborasi/").text
    assert "Karet Sidoarjo" in page and "Menawarkan outsol" in page
    english = client.get(f"/en/dasbor/usaha/{cibaduyut_brand.pk}/kolaborasi/").text
    assert "Offers outsoles" in english


def test_it_suggests_nothing_for_an_unpublished_business(client, cibaduyut_brand, make_business, owner):
    make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=cibaduyut_brand.sentra)
    cibaduyut_brand.status = "pending"
    cibaduyut_brand.save()
    client.force_login(owner)
    assert client.get(f"/dasbor/usaha/{cibaduyut_brand.pk}/kolaborasi/").context["partners"] == []


def test_it_ranks_a_neighbour_answering_a_post_first_on_the_profile(client, cibaduyut_brand, make_business, post):
    sentra = cibaduyut_brand.sentra
    make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=sentra)
    outsoles = make_business(name="Outsol Cibaduyut", roles=["organisation"], sentra=sentra)
    post(outsoles, "offer", "outsole")
    expired = make_business(name="Kedaluwarsa", roles=["organisation"], sentra=sentra)
    post(expired, "offer", "outsole", until=TODAY - datetime.timedelta(days=1))
    post(cibaduyut_brand, "seek", "outsole")
    response = client.get(cibaduyut_brand.get_absolute_url())
    assert [(b.name, b.partner_reason) for b in response.context["related"]] == [
        ("Outsol Cibaduyut", "menawarkan outsol, satu sentra"),
        ("Maklon Cibaduyut", "produsen / maklon, satu sentra"),
        ("Kedaluwarsa", "satu sentra"),
    ]
    assert "Menawarkan outsol, satu sentra" in response.text


@pytest.mark.parametrize("shared_cache", [True, False])
def test_it_ranks_partners_on_a_profile_without_more_queries(
    client, cibaduyut_brand, make_business, post, django_assert_num_queries, settings, shared_cache
):
    """One query, as a profile without posts, photos, products or shops
    (test_business_detail): the partners were ranked before the request."""
    settings.PUBLIC_PAGE_CACHE = shared_cache
    post(cibaduyut_brand, "seek", "outsole")
    neighbours = [
        make_business(name=f"Tetangga {number}", roles=["supplier"], sentra=cibaduyut_brand.sentra)
        for number in range(6)
    ]
    for neighbour in neighbours[:3]:
        post(neighbour, "offer", "outsole", "rubber")
    assert client.get(neighbours[5].get_absolute_url()).status_code == 200
    with django_assert_num_queries(1):
        response = client.get(cibaduyut_brand.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["related"]) == 4


def test_it_ranks_a_post_approved_after_the_profile_was_shown(
    client, cibaduyut_brand, make_business, post, moderator, settings
):
    """Approving a post ranks its neighbourhood again: the next visitor of a
    profile is shown the post's answer first."""
    settings.PUBLIC_PAGE_CACHE = True
    sentra = cibaduyut_brand.sentra
    make_business(name="Maklon Cibaduyut", roles=["producer"], sentra=sentra)
    outsoles = make_business(name="Outsol Cibaduyut", roles=["organisation"], sentra=sentra)
    post(cibaduyut_brand, "seek", "outsole")
    offer = post(outsoles, "offer", "outsole")
    offer.status = "pending"
    offer.save()
    partners_changed([outsoles.pk])  # as a post leaving does
    first = client.get(cibaduyut_brand.get_absolute_url())
    assert [b.name for b in first.context["related"]] == ["Maklon Cibaduyut", "Outsol Cibaduyut"]

    post_approve(post=offer, moderator=moderator)
    again = client.get(cibaduyut_brand.get_absolute_url())
    assert [(b.name, b.partner_reason) for b in again.context["related"]] == [
        ("Outsol Cibaduyut", "menawarkan outsol, satu sentra"),
        ("Maklon Cibaduyut", "produsen / maklon, satu sentra"),
    ]


@pytest.mark.parametrize("shared", [True, False])
def test_it_shows_partner_cards_with_their_reason(
    client, cibaduyut_brand, make_business, settings, other_owner, shared
):
    """Each partner's card says why it is suggested, in the page's language,
    with or without a shared cache (cards cost less to build than to fetch)."""
    settings.PUBLIC_PAGE_CACHE = shared
    sentra = cibaduyut_brand.sentra
    partners = [make_business(name=f"Maklon {n}", roles=["producer"], sentra=sentra) for n in (1, 2)]
    # Signed in, so that the page cache does not answer.
    client.force_login(other_owner)
    page = client.get(cibaduyut_brand.get_absolute_url()).text
    assert page.count('class="card"') == 2 and all(partner.name in page for partner in partners)
    english = client.get(f"/en{cibaduyut_brand.get_absolute_url()}").text
    assert english.count('<p class="card__reason">Producer, same sentra</p>') == 2
