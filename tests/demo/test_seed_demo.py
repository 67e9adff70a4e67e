import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from directory.connect.responsiveness import MIN_MESSAGES, reply_line
from directory.models import (
    Business,
    BusinessCertificate,
    BusinessPhoto,
    CollaborationPost,
    Inquiry,
    Product,
    Province,
    RankedPartners,
    Regency,
    Role,
    Sentra,
    Stage,
)

SYNTHETIC = r"-s[0-9]{7}$"


def synthetic():
    return Business.objects.filter(slug__regex=SYNTHETIC)


def counts():
    return {
        "businesses": Business.objects.count(),
        "photos": BusinessPhoto.objects.count(),
        "products": Product.objects.count(),
        "regencies": Regency.objects.count(),
        "sentra": Sentra.objects.count(),
        "roles": Role.objects.count(),
        "posts": CollaborationPost.objects.count(),
    }


@pytest.mark.django_db
def test_it_seeds_a_realistic_fictional_demo_and_is_idempotent():
    call_command("seed_demo", verbosity=0)
    first = counts()

    assert Province.objects.count() == 38
    assert first["regencies"] == 514
    businesses = Business.objects.all()
    assert businesses.count() >= 60
    assert set(businesses.values_list("roles__slug", flat=True)) == set(Role.objects.values_list("slug", flat=True))
    assert set(businesses.values_list("stage", flat=True)) == set(Stage.values)
    assert set(businesses.values_list("status", flat=True)) == set(Business.Status.values)
    assert businesses.values("province").distinct().count() >= 10
    assert businesses.filter(featured=True).exists()
    assert businesses.filter(verified=True).exists()
    assert not businesses.filter(status="rejected", rejection_reason="").exists()
    # The published demo profiles suggest partners, ranked ahead of the
    # request (all but those alone in their province, with nothing in common).
    published = businesses.filter(status="published")
    assert RankedPartners.objects.filter(business__in=published).count() >= published.count() * 3 // 4

    # Clearly fictional: reserved .test addresses, a note in every description.
    for business in businesses:
        assert business.email.endswith(".test")
        assert "fiktif" in business.description
        assert business.logo, business.name
        assert business.logo_widths == [160, 256]
        with Image.open(business.logo.path) as logo:
            assert logo.format == "WEBP"
    # Drawn images go through the upload pipeline: WebP variants for srcset.
    for photo in BusinessPhoto.objects.all()[:5]:
        assert photo.image_widths == [320, 640]
        with Image.open(photo.image.path) as image:
            assert image.format == "WEBP"
            assert (image.width, image.height) == (photo.width, photo.height)
            assert photo.alt_text
    assert not Product.objects.filter(photo_widths=[]).exists()
    # The collaboration page has live posts, each from a different business.
    posts = CollaborationPost.objects.published()
    assert posts.count() == first["posts"] == 4
    assert len(set(posts.values_list("business", flat=True))) == 4
    assert set(posts.values_list("kind", flat=True)) == {"seek", "offer"}

    # Production capabilities, so the listing's capability filters count something.
    published = Business.objects.published()
    assert published.filter(construction_methods__slug="vulcanised").exists()
    assert published.filter(footwear_types__slug="safety").exists()
    assert published.filter(materials__slug="rubber").exists()
    assert published.filter(services__slug="oem").exists()
    assert published.filter(export_countries__isnull=False).exists()
    assert published.filter(size_from__isnull=False, order_lead_days__isnull=False).exists()
    keys = [key for row in published.values_list("facet_keys", flat=True) for key in row]
    assert any(key.startswith("construction:") for key in keys)
    assert BusinessCertificate.objects.filter(number__gt="", checked_on__isnull=False).exists()
    first["capabilities"] = Business.construction_methods.through.objects.count()
    # Some demo businesses have answered enough messages for their cards to say how promptly.
    replying = published.filter(responses_counted__gte=MIN_MESSAGES)
    assert replying.count() >= 5
    assert {reply_line(business).typical for business in replying} >= {
        "Biasanya membalas dalam beberapa jam",
        "Biasanya membalas dalam 1 hari",
    }
    first["inquiries"] = Inquiry.objects.count()

    call_command("seed_demo", verbosity=0)
    assert {
        **counts(),
        "capabilities": Business.construction_methods.through.objects.count(),
        "inquiries": Inquiry.objects.count(),
    } == first


@pytest.mark.django_db
def test_it_shows_owner_text_in_both_languages_and_indonesian_alone():
    call_command("seed_demo", verbosity=0)
    demo = Business.objects.exclude(slug__regex=SYNTHETIC)
    in_english = demo.exclude(tagline_en="")
    # Some businesses write in English too, the others only in Indonesian:
    # `make run` shows both cases on English pages.
    assert 0 < in_english.count() < demo.count()
    assert demo.filter(tagline_en="", description_en="").exists()
    assert Product.objects.exclude(name_en="").exists()
    assert Product.objects.filter(name_en="").exists()
    assert CollaborationPost.objects.exclude(title_en="").exists()
    assert CollaborationPost.objects.filter(title_en="").exists()
    # Each language writes its numbers its own way.
    for business in in_english.filter(description_en__contains="pairs a month"):
        capacity = business.monthly_capacity
        assert f"{capacity:,} pairs" in business.description_en
        assert f"{capacity:,}".replace(",", ".") + " pasang" in business.description


@pytest.mark.django_db
def test_it_adds_synthetic_businesses_up_to_the_count_and_prints_progress(capsys):
    call_command("loaddata", "regions", "taxonomy", "capabilities", "sentra", verbosity=0)
    call_command("seed_demo", "--count", "25")
    out = capsys.readouterr().out
    assert "25 / 25 added" in out
    assert "Demo businesses: 64 created" in out
    assert synthetic().count() == 25
    assert synthetic().published().count() == 25
    assert not synthetic().filter(roles=None).exists()
    for business in synthetic():
        assert business.regency_id.startswith(business.province_id)
    # Capabilities too, in the rows and in the facet keys the filters read.
    with_methods = synthetic().filter(construction_methods__isnull=False).distinct()
    assert with_methods.exists()
    for business in with_methods:
        slugs = set(business.construction_methods.values_list("slug", flat=True))
        assert {key.partition(":")[2] for key in business.facet_keys if key.startswith("construction:")} == slugs

    call_command("seed_demo", "--count", "25", verbosity=0)
    assert synthetic().count() == 25

    call_command("seed_demo", "--count", "30", verbosity=0)
    assert synthetic().count() == 30
    assert Business.objects.values("slug").distinct().count() == Business.objects.count()


def uses(word: str) -> int:
    """How many published businesses the search's vocabulary says use `word`."""
    from directory.search.models import SearchWord

    return SearchWord.objects.get(word=word).businesses


@pytest.mark.django_db
def test_the_vocabulary_counts_the_synthetic_businesses_too(make_business):
    call_command("loaddata", "regions", "taxonomy", "capabilities", "sentra", verbosity=0)
    call_command("seed_demo", verbosity=0)
    demo = uses("sepatu")
    call_command("seed_demo", "--count", "40", verbosity=0)
    # The search weighs a word by how many businesses use it: the synthetic
    # ones (most of which say "sepatu") count with the demo's.
    assert demo + 10 < uses("sepatu") <= demo + 40


@pytest.mark.django_db
def test_it_rejects_a_negative_count():
    with pytest.raises(CommandError, match="--count"):
        call_command("seed_demo", "--count", "-1", verbosity=0)
