"""Merging a duplicate into the listing staff keep: everything that belongs
to the duplicate moves, nothing of its history is lost."""

import pytest
from django.core.cache import cache
from django.utils import translation

from directory.caching import VERSION_KEY, public_version
from directory.listings import history
from directory.models import (
    Business,
    BusinessChange,
    BusinessClaim,
    BusinessPhoto,
    MarketplaceShop,
    ModerationLog,
    Product,
    ProductCategory,
)
from directory.stewardship import merge

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_business, owner):
    keep = make_business(
        name="Sepatu Tapakrana", roles=["producer"], tags=["kulit"], certifications=["sni"], phone="0812345678"
    )
    duplicate = make_business(
        name="CV Sepatu Tapakrana",
        owner=owner,
        roles=["brand"],
        categories=["sneakers"],
        tags=["kanvas"],
        tagline="Sepatu kulit dari Cibaduyut",
        phone="0899999999",
        email="halo@tapakrana.test",
        verified=True,
    )
    return keep, duplicate


def test_it_moves_everything_of_the_duplicate_to_the_kept_listing(pair, superuser, other_owner):
    keep, duplicate = pair
    category = ProductCategory.objects.get(slug="sneakers")
    Product.objects.create(business=keep, name="Pantofel", category=category, order=0)
    Product.objects.create(business=duplicate, name="Sneakers", category=category, order=0)
    BusinessPhoto.objects.create(business=duplicate, image="photos/a.webp", alt_text="Bengkel")
    MarketplaceShop.objects.create(business=keep, marketplace="shopee", url="https://shopee.co.id/tapakrana")
    MarketplaceShop.objects.create(business=duplicate, marketplace="shopee", url="https://shopee.co.id/tapakrana")
    MarketplaceShop.objects.create(business=duplicate, marketplace="tokopedia", url="https://tokopedia.com/tapakrana")
    change = BusinessChange.objects.create(business=duplicate, data={"tagline": "Baru"})
    claim = BusinessClaim.objects.create(business=duplicate, claimant=other_owner)
    old_entry = history.log_moderation(business=duplicate, moderator=superuser, action=ModerationLog.Action.APPROVED)
    duplicate_id = duplicate.pk

    kept = merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)

    assert not Business.objects.filter(pk=duplicate_id).exists()
    assert list(kept.products.values_list("name", "order")) == [("Pantofel", 0), ("Sneakers", 1)]
    assert kept.photos.count() == 1
    assert sorted(kept.marketplace_shops.values_list("url", flat=True)) == [
        "https://shopee.co.id/tapakrana",
        "https://tokopedia.com/tapakrana",
    ]
    change.refresh_from_db()
    assert (change.business, change.status, change.decided_by) == (kept, "rejected", superuser)
    claim.refresh_from_db()
    # The kept listing now has an owner: nobody can claim it any more.
    assert (claim.business, claim.status) == (kept, "rejected")
    old_entry.refresh_from_db()
    assert (old_entry.business, old_entry.business_name) == (kept, "CV Sepatu Tapakrana")
    merged = kept.moderation_log.get(action=ModerationLog.Action.MERGED)
    assert merged.moderator == superuser
    assert "CV Sepatu Tapakrana" in merged.reason and f"#{duplicate_id}" in merged.reason


def test_it_combines_the_taxonomy_and_fills_empty_fields_only(pair, superuser, owner):
    keep, duplicate = pair
    kept = merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    kept.refresh_from_db()
    assert sorted(kept.roles.values_list("slug", flat=True)) == ["brand", "producer"]
    assert list(kept.categories.values_list("slug", flat=True)) == ["sneakers"]
    assert sorted(kept.tags.names()) == ["kanvas", "kulit"]
    assert list(kept.certifications.values_list("slug", flat=True)) == ["sni"]
    assert kept.name == "Sepatu Tapakrana"
    assert kept.phone == "0812345678"  # its own value stays
    assert (kept.tagline, kept.email) == ("Sepatu kulit dari Cibaduyut", "halo@tapakrana.test")
    assert kept.owner == owner
    assert kept.verified is True


def test_it_refreshes_the_search_index_and_the_public_pages(pair, superuser):
    keep, duplicate = pair
    public_version()
    before = cache.get(VERSION_KEY)
    merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    keep.refresh_from_db()
    assert {"role:brand", "category:sneakers", "tag:kanvas", "verified:1"} <= set(keep.facet_keys)
    assert "cibaduyut" in keep.search_document
    assert cache.get(VERSION_KEY) > before


def test_it_refuses_when_both_have_different_owners(pair, superuser, other_owner):
    keep, duplicate = pair
    keep.owner = other_owner
    keep.save()
    with translation.override("en"), pytest.raises(merge.MergeError, match="different owners"):
        merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    assert Business.objects.count() == 2
    assert not ModerationLog.objects.exists()


def test_it_refuses_to_merge_a_business_into_itself(pair, superuser):
    keep, _duplicate = pair
    with pytest.raises(merge.MergeError):
        merge.business_merge(keep=keep, duplicate=keep, moderator=superuser)
    assert Business.objects.filter(pk=keep.pk).exists()


def test_it_keeps_the_duplicates_logo_files_for_the_kept_listing(pair, superuser):
    keep, duplicate = pair
    Business.objects.filter(pk=duplicate.pk).update(logo="logos/x-160.webp", logo_widths=[160])
    duplicate.refresh_from_db()
    kept = merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    kept.refresh_from_db()
    assert (kept.logo.name, kept.logo_widths) == ("logos/x-160.webp", [160])


# The admin pages --------------------------------------------------------------


def merge_url(keep, duplicate):
    return f"/admin/directory/business/duplicates/merge/{keep.pk}/{duplicate.pk}/"


def test_it_asks_for_confirmation_before_merging(client, pair, superuser):
    keep, duplicate = pair
    client.force_login(superuser)
    response = client.get(merge_url(keep, duplicate))
    assert response.status_code == 200
    assert "Sepatu kulit dari Cibaduyut" in response.text  # a field it fills
    assert Business.objects.count() == 2


def test_it_merges_on_post_and_goes_to_the_kept_listing(client, pair, superuser):
    keep, duplicate = pair
    client.force_login(superuser)
    response = client.post(merge_url(keep, duplicate))
    assert response.status_code == 302
    assert response.url == f"/admin/directory/business/{keep.pk}/change/"
    assert list(Business.objects.values_list("pk", flat=True)) == [keep.pk]
    assert ModerationLog.objects.get().moderator == superuser


def test_it_explains_a_refusal_on_the_page(client, pair, superuser, other_owner):
    keep, duplicate = pair
    Business.objects.filter(pk=keep.pk).update(owner=other_owner)
    client.force_login(superuser)
    response = client.post(merge_url(keep, duplicate))
    assert response.status_code == 409
    assert "pemilik yang berbeda" in response.text
    assert Business.objects.count() == 2


def test_it_says_a_business_is_gone_when_the_merge_is_asked_again(client, pair, superuser):
    keep, duplicate = pair
    client.force_login(superuser)
    url = merge_url(keep, duplicate)
    merged = client.post(url, follow=True).content.decode()
    assert f"(#{duplicate.pk}) telah digabungkan ke" in merged and f"(#{keep.pk})" in merged
    # The back button, or a second tab: the same merge again is explained.
    for again in (client.get(url, follow=True), client.post(url, follow=True)):
        assert again.status_code == 200
        assert "mungkin sudah digabungkan" in again.content.decode()


def test_it_folds_what_the_tables_allow_once_per_business(make_business, superuser):
    import datetime

    from directory.models import BusinessCertificate, ProfileViewDay

    keep = make_business(name="Sandal Lorosari", certifications=["sni"])
    duplicate = make_business(name="CV Sandal Lorosari", certifications=["sni", "iso-9001"])
    BusinessCertificate.objects.filter(business=duplicate, certification__slug="sni").update(number="SNI-7")
    day = datetime.date(2026, 12, 1)
    ProfileViewDay.objects.create(business=keep, day=day, views=3)
    ProfileViewDay.objects.create(business=duplicate, day=day, views=4)
    ProfileViewDay.objects.create(business=duplicate, day=day - datetime.timedelta(days=1), views=2)
    kept = merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    held = {row.certification.slug: row.number for row in BusinessCertificate.objects.filter(business=kept)}
    assert held == {"sni": "SNI-7", "iso-9001": ""}
    views = dict(ProfileViewDay.objects.filter(business=kept).values_list("day", "views"))
    assert views == {day: 7, day - datetime.timedelta(days=1): 2}
    # Merging the other way round works alike.
    other = make_business(name="UD Sandal Lorosari", certifications=["sni"])
    merge.business_merge(keep=other, duplicate=kept, moderator=superuser)
    assert BusinessCertificate.objects.filter(business=other).count() == 2


def test_it_warns_before_a_merge_takes_a_public_listing_off_the_site(client, make_business, staff_moderator):
    draft = make_business(name="C.V Hastaraga Sol", status="draft")
    public = make_business(name="Hastaraga Sol")
    staff_moderator.language = "en"
    staff_moderator.save()
    client.force_login(staff_moderator)
    page = client.get(merge_url(draft, public)).text
    assert "no longer shown on the site" in page
    assert f'href="{merge_url(public, draft)}"' in page
    assert "no longer shown on the site" not in client.get(merge_url(public, draft)).text
    kept = merge.business_merge(keep=draft, duplicate=public, moderator=staff_moderator)
    kept.refresh_from_db()
    # A kept draft is not published by the merge, nor dated as if it were.
    assert kept.status == "draft" and kept.published_at is None


def test_the_merged_listings_address_leads_to_the_kept_one(client, pair, superuser, make_business):
    keep, duplicate = pair
    old = duplicate.slug
    merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/direktori/{old}/")
        assert response.status_code == 301 and response["Location"] == f"{prefix}/direktori/{keep.slug}/"
    # Merged again into a third listing, the first address follows along.
    third = make_business(name="Tapakrana Cibaduyut")
    merge.business_merge(keep=third, duplicate=keep, moderator=superuser)
    assert client.get(f"/direktori/{old}/")["Location"] == f"/direktori/{third.slug}/"
    assert client.get(f"/direktori/{keep.slug}/")["Location"] == f"/direktori/{third.slug}/"
    # Never to a listing the public may not see, and an unknown address stays a 404.
    third.status = Business.Status.SUSPENDED
    third.save(update_fields=["status"])
    assert client.get(f"/direktori/{old}/").status_code == 404
    assert client.get("/direktori/nobody-ever/").status_code == 404


def test_a_new_listing_never_takes_over_a_merged_address(client, pair, superuser, make_business):
    from directory.naming import unique_slug

    keep, duplicate = pair
    old = duplicate.slug
    merge.business_merge(keep=keep, duplicate=duplicate, moderator=superuser)
    assert unique_slug(Business, old) == f"{old}-2"
    assert client.get(f"/direktori/{old}/").status_code == 301
