"""Load the reference data and the fictional demo businesses; with --count N,
also make sure N synthetic published businesses exist, for load tests."""

import datetime
import random
import time
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.capabilities.models import CAPABILITY_LISTS
from directory.connect.inquiries import form_digest
from directory.connect.models import CollaborationPost, Inquiry, PostStatus
from directory.connect.ranked_partners import rank_partners
from directory.connect.responsiveness import responsiveness_refresh
from directory.demo import archetypes, capabilities, details, pictures
from directory.image_uploads import ProcessedImage, process_image
from directory.images import store_image
from directory.listings.models import Business, BusinessPhoto, MarketplaceShop, Product
from directory.places.models import Province, Regency, Sentra
from directory.search.index import (
    add_to_vocabulary,
    facet_keys_for,
    refresh_search_index,
    refresh_search_vectors,
    search_columns,
    search_sources,
    words_of,
)
from directory.search.models import SearchWord
from directory.sourcing.demo import seed_demo_requests, seed_synthetic_requests
from directory.taxonomy.models import Certification, ProductCategory, Role

REFERENCE_FIXTURES = ["regions", "taxonomy", "capabilities", "sentra"]
DEMO_BUSINESS_COUNT = 64
SYNTHETIC_SLUG_REGEX = r"-s[0-9]{7}$"
BATCH_SIZE = 1000
DEMO_ADMIN_EMAIL = "admin@ifn.test"
DEMO_ADMIN_PASSWORD = "ifn-demo-admin"


class Command(BaseCommand):
    help = (
        "Loads regions, the value-chain taxonomy and sentra, then the fictional demo businesses. "
        "Safe to run again: nothing is duplicated. --count N makes sure N synthetic published "
        "businesses exist (adding only the missing ones)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=0,
            help="how many synthetic published businesses should exist, e.g. 100000",
        )

    def handle(self, *args, count: int, verbosity: int, **options):
        if count < 0:
            raise CommandError("--count must be zero or more.")
        self.verbosity = verbosity
        started = time.monotonic()
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        self.say(f"Reference data: {Regency.objects.count()} regencies, {Sentra.objects.count()} sentra.")
        created = self.seed_demo_businesses()
        self.say(f"Demo businesses: {created} created, {DEMO_BUSINESS_COUNT - created} already there.")
        self.say(f"Collaboration posts: {self.seed_demo_posts()} shown until {self.posts_until:%d %B %Y}.")
        self.say(f"Answered messages: {self.seed_demo_replies()} demo businesses show how promptly they reply.")
        self.say(f"Sourcing requests: {seed_demo_requests()}.")
        if settings.DEBUG:
            self.seed_demo_admin()
        if count:
            self.seed_synthetic(count)
            self.say(f"Synthetic open requests: {seed_synthetic_requests(count):,} on the board.")
        self.say(f"Partners ranked for {rank_partners():,} published businesses.")
        public_data_changed(withdraws=False)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner ignores the new search indexes;
            # and the rows just added moved from the GIN indexes' pending
            # lists into the indexes proper, which every search would
            # otherwise read through until autovacuum came by. Synthetic rows
            # are written twice (inserted, then given their search vectors):
            # FULL packs the table as a restored copy would be, instead of
            # leaving every other row's space empty. VACUUM cannot run inside
            # a transaction (as in a test).
            vacuum = "VACUUM FULL ANALYZE" if count else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else vacuum} directory_business")
        self.say(f"Done in {time.monotonic() - started:.1f} s.")

    def say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    # The hand-shaped demo ------------------------------------------------------------

    def seed_demo_admin(self) -> None:
        """Only on a development machine: an account to try the admin with."""
        if not User.objects.filter(email=DEMO_ADMIN_EMAIL).exists():
            User.objects.create_superuser(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, name="Admin Demo")
        self.say(f"Admin (development only): {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}")

    def seed_demo_businesses(self) -> int:
        rng = random.Random(2026)
        roles = {role.slug: role for role in Role.objects.all()}
        categories = {category.slug: category for category in ProductCategory.objects.all()}
        certifications = {item.slug: item for item in Certification.objects.all()}
        known = capability_words()
        regencies = Regency.objects.in_bulk({code for archetype in archetypes.ARCHETYPES for code in archetype.places})
        sentra_by_regency = {}
        for sentra in Sentra.objects.order_by("slug"):
            sentra_by_regency.setdefault(sentra.regency_id, []).append(sentra)

        created_ids = []
        statuses = ["published"] * (DEMO_BUSINESS_COUNT - len(details.OTHER_STATUSES)) + details.OTHER_STATUSES
        rng.shuffle(statuses)
        now = timezone.now()
        created_count = 0
        for number in range(DEMO_BUSINESS_COUNT):
            archetype = archetypes.ARCHETYPES[number % len(archetypes.ARCHETYPES)]
            word = archetypes.WORDS[number % len(archetypes.WORDS)]
            # Each word is used once per name pattern, so every name is distinct.
            name = archetype.names[(number // len(archetypes.WORDS)) % len(archetype.names)].format(w=word)
            regency = regencies[rng.choice(archetype.places)]
            in_sentra = regency.code in sentra_by_regency and rng.random() < 0.8
            sentra = rng.choice(sentra_by_regency[regency.code]) if in_sentra else None
            place = sentra.name if sentra else regency.name.removeprefix("Kabupaten ").removeprefix("Kota ")
            year = rng.randint(1975, 2022)
            capacity = rng.randrange(*archetype.capacity, 50) if archetype.capacity else None
            moq = rng.randrange(*archetype.minimum_order, 6) if archetype.minimum_order else None
            words = {
                "name": name,
                "place": place,
                "year": year,
                "capacity": f"{capacity or 0:,}".replace(",", "."),
                "moq": moq or 1,
            }
            # Each language writes its numbers its own way: 2.800 pasang, 2,800 pairs.
            words_en = {**words, "capacity": f"{capacity or 0:,}"}
            # Two businesses in three write in English too; the others show
            # their Indonesian text, marked as such, on English pages.
            in_english = bool(number % 3)
            status = statuses[number]
            created_at = now - datetime.timedelta(days=rng.randint(30, 900))
            published = status in ("published", "suspended")
            slug = slugify(name)
            fields = {
                "name": name,
                "stage": archetype.stage,
                "tagline": archetype.tagline_id.format(**words),
                "tagline_en": archetype.tagline_en.format(**words_en) if in_english else "",
                "description": f"{archetype.description_id.format(**words)}\n\n{archetypes.FICTION_NOTE_ID}",
                "description_en": (
                    f"{archetype.description_en.format(**words_en)}\n\n{archetypes.FICTION_NOTE_EN}"
                    if in_english
                    else ""
                ),
                "founded_year": year,
                "size": rng.choice(archetype.sizes) if archetype.sizes else "",
                "monthly_capacity": capacity,
                "minimum_order": moq,
                "export_ready": rng.random() < archetype.export_chance,
                "address": f"Jl. Contoh Perajin No. {number + 1}",
                "province_id": regency.province_id,
                "regency": regency,
                "sentra": sentra,
                "postal_code": "",
                "phone": f"+6281200{number + 1:06d}",
                "whatsapp": f"+6281200{number + 1:06d}",
                "email": f"halo@{slug}.test",
                "website": f"https://{slug}.test/" if number % 2 else "",
                "instagram": slug.replace("-", "")[:30] if number % 4 != 3 else "",
                "status": status,
                "rejection_reason": details.REJECTION_REASON if status == "rejected" else "",
                "verified": published and number % 5 < 2,
                "featured": status == "published" and number % 8 == 0,
                "created_at": created_at,
                "published_at": created_at + datetime.timedelta(days=3) if published else None,
                "last_confirmed_at": created_at + datetime.timedelta(days=rng.randint(3, 25)),
            }
            if fields["export_ready"]:
                fields["export_markets"] = ", ".join(
                    rng.sample(["Malaysia", "Singapura", "Jepang", "Belanda", "Australia", "Uni Emirat Arab"], 2)
                )
            # A generator of its own, so the rest of the demo stays as it was.
            capable = capabilities.pick(archetype.key, random.Random(number), export_ready=fields["export_ready"])
            fields.update(capable.pop("fields"))
            with transaction.atomic():
                business, created = Business.objects.get_or_create(slug=slug, defaults=fields)
                if not created:
                    continue
                created_count += 1
                created_ids.append(business.pk)
                business.roles.set([roles[slug] for slug in archetype.roles])
                business.categories.set([categories[slug] for slug in archetype.categories])
                business.certifications.set([certifications[slug] for slug in archetype.certifications])
                for name, values in capable.items():
                    getattr(business, name).set(known[name][value] for value in values)
                self.add_certificate_numbers(business, number, checked=fields["verified"])
                business.tags.set(rng.sample(archetype.tags, min(3, len(archetype.tags))))
                self.add_media(business, archetype, categories, number, rng, in_english)
        refresh_search_index(created_ids)
        return created_count

    def seed_demo_posts(self) -> int:
        """A few approved posts of published demo businesses, so the
        collaboration page and partner suggestions have something to show.
        Each run moves their last day forward again."""
        self.posts_until = timezone.localdate() + datetime.timedelta(days=details.POST_DAYS)
        now = timezone.now()
        # The demo businesses come first, so the lowest keys are theirs.
        published = Business.objects.published().order_by("pk")
        used = set()
        for role, kind, title, category_slugs, description in details.POSTS:
            business = published.filter(roles__slug=role).exclude(pk__in=used).first()
            if business is None:
                continue
            used.add(business.pk)
            title_en, description_en = details.POSTS_EN.get(title, ("", ""))
            post, _created = CollaborationPost.objects.update_or_create(
                business=business,
                title=title,
                defaults={
                    "kind": kind,
                    "title_en": title_en,
                    "description": description,
                    "description_en": description_en,
                    "until": self.posts_until,
                    "status": PostStatus.PUBLISHED,
                    "submitted_at": now,
                    "published_at": now,
                },
            )
            post.categories.set(ProductCategory.objects.filter(slug__in=category_slugs))
        return len(used)

    def seed_demo_replies(self) -> int:
        """Messages from fictional buyers to every seventh published demo
        business, answered after the hours of details.REPLY_HOURS, received
        over the last 80 days. Each run makes them recent again."""
        now = timezone.now()
        demo = Business.objects.published().exclude(slug__regex=SYNTHETIC_SLUG_REGEX).order_by("pk")
        businesses = list(demo[:DEMO_BUSINESS_COUNT])[::7]
        for number, business in enumerate(businesses):
            hours = details.REPLY_HOURS[number % len(details.REPLY_HOURS)]
            for index, (name, country, sender_type, message) in enumerate(details.INQUIRY_SENDERS):
                received = now - datetime.timedelta(days=3 + index * 10, hours=number)
                replied = None if hours[index] is None else received + datetime.timedelta(hours=hours[index])
                Inquiry.objects.update_or_create(
                    form_digest=form_digest(f"demo-reply-{business.slug}-{index}"),
                    defaults={
                        "business": business,
                        "name": name,
                        "email": f"{slugify(name)}@example.test",
                        "sender_type": sender_type,
                        "country": country,
                        "message": message,
                        "created_at": received,
                        "owner_mailed_at": received,
                        "read_at": received,
                        "replied_at": replied,
                        # Long past: nothing to remind anybody of.
                        "reminded_at": None if replied else received,
                    },
                )
        responsiveness_refresh(business_ids=[business.pk for business in businesses], now=now)
        return len(businesses)

    def add_certificate_numbers(self, business, number: int, *, checked: bool) -> None:
        """Numbers and expiry dates for the demo's certificates; a verified
        business's were checked by staff, so the profile shows them."""
        today = timezone.localdate()
        for held in business.businesscertificate_set.all():
            held.number = f"{held.certification.slug.upper()}-{2020 + number % 5}-{number:05d}"
            held.expires_on = today + datetime.timedelta(days=20 + 37 * number)
            held.checked_on = today - datetime.timedelta(days=number) if checked else None
            held.evidence = "Sertifikat asli dilihat saat kunjungan (data contoh)." if checked else ""
            held.save()

    def add_media(self, business, archetype, categories, number, rng, in_english: bool) -> None:
        """The drawn logo and photos go through the upload pipeline, so the
        demo stores WebP variants and its pages show srcset."""
        color = pictures.PALETTE[number % len(pictures.PALETTE)]
        store_image(business, "logo", demo_upload(pictures.logo_image(business.name, color)))
        captions = ["Bengkel kami", "Proses menjahit", "Produk siap kirim"]
        for order, caption in enumerate(captions[: 1 + number % 3]):
            photo = BusinessPhoto(business=business, alt_text=f"{caption} di {business.name}", order=order)
            store_image(photo, "image", demo_upload(pictures.photo_image(caption, color, number * 10 + order)))
        for order, (name, category_slug, material) in enumerate(archetype.products):
            low, high = details.PRICE_RANGES.get(category_slug, (50_000, 150_000))
            price_min = rng.randrange(low, high, 5_000)
            product = Product(
                business=business,
                name=name,
                name_en=details.PRODUCT_NAMES_EN.get(name, "") if in_english else "",
                category=categories[category_slug],
                material=material,
                price_min=price_min,
                price_max=price_min + rng.randrange(0, high - low + 5_000, 5_000),
                minimum_order=business.minimum_order,
                order=order,
            )
            store_image(product, "photo", demo_upload(pictures.photo_image(name, color, number * 10 + 5 + order)))
        if number % 3 == 0:
            MarketplaceShop.objects.create(
                business=business, marketplace="tokopedia", url=f"https://tokopedia.test/{business.slug}"
            )

    # Synthetic volume ------------------------------------------------------------------

    def seed_synthetic(self, target: int) -> None:
        """Bulk-inserts published businesses until `target` synthetic ones exist.
        Numbered slugs (`...-s0000123`) make the run resumable and idempotent."""
        existing = Business.objects.filter(slug__regex=SYNTHETIC_SLUG_REGEX).count()
        missing = target - existing
        if missing <= 0:
            self.say(f"Synthetic businesses: {existing:,} already there, none added.")
            return
        rng = random.Random(existing)
        regencies = [
            (code, province, name.removeprefix("Kabupaten ").removeprefix("Kota "), name)
            for code, province, name in Regency.objects.values_list("code", "province_id", "name")
        ]
        # Most of the industry sits in Java's footwear provinces.
        footwear_provinces = {"31", "32", "33", "34", "35", "36"}
        java = [item for item in regencies if item[1] in footwear_provinces]
        sentra_by_regency = {}
        for regency_id, sentra_id in Sentra.objects.order_by("slug").values_list("regency_id", "id"):
            sentra_by_regency.setdefault(regency_id, []).append(sentra_id)
        role_rows = Role.objects.in_bulk(field_name="slug")
        categories = list(ProductCategory.objects.all())
        tags = self.synthetic_tags()
        provinces = dict(Province.objects.values_list("code", "name"))
        sentra_rows = Sentra.objects.in_bulk()
        sentra_names = {pk: sentra.name for pk, sentra in sentra_rows.items()}
        content_type = ContentType.objects.get_for_model(Business)
        stage_for_role = {
            "material-source": "hulu",
            "supplier": "tengah",
            "service": "tengah",
            "organisation": "tengah",
            "brand": "hilir",
            "producer": "hilir",
        }
        sizes = ["micro"] * 5 + ["small"] * 3 + ["medium"] + ["large"]
        known = {name: {key: row.pk for key, row in rows.items()} for name, rows in capability_words().items()}
        through = {name: getattr(Business, name).through for name in CAPABILITY_LISTS}
        now = timezone.now()
        started = time.monotonic()
        self.say(f"Synthetic businesses: adding {missing:,} to the {existing:,} there.")

        done, words = 0, Counter()
        while done < missing:
            batch = min(BATCH_SIZE, missing - done)
            businesses, roles_of, categories_of, tags_of, capable_of = [], [], [], [], []
            for offset in range(batch):
                number = existing + done + offset + 1
                archetype = archetypes.ARCHETYPES[number % len(archetypes.ARCHETYPES)]
                word = archetypes.WORDS[rng.randrange(len(archetypes.WORDS))]
                name = rng.choice(archetype.names).format(w=word)
                code, province, place, regency_name = rng.choice(java) if rng.random() < 0.75 else rng.choice(regencies)
                sentra_id = rng.choice(sentra_by_regency[code]) if code in sentra_by_regency else None
                chosen_categories = rng.sample(categories, rng.randint(1, 3))
                chosen_tags = rng.sample(tags, 2)
                first_role = archetype.roles[0]
                export_ready = rng.random() < archetype.export_chance
                capable = capabilities.pick(archetype.key, random.Random(number), export_ready=export_ready)
                published_at = now - datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
                businesses.append(
                    Business(
                        name=name,
                        slug=f"{slugify(name)}-s{number:07d}",
                        stage=stage_for_role[first_role],
                        tagline=archetype.tagline_id.format(place=place),
                        tagline_en=archetype.tagline_en.format(place=place) if number % 3 else "",
                        description=archetype.description_id.format(
                            name=name,
                            place=place,
                            year=rng.randint(1975, 2024),
                            capacity=rng.randrange(100, 20000),
                            moq=rng.randrange(6, 500),
                        ),
                        founded_year=rng.randint(1975, 2024),
                        size=rng.choice(sizes),
                        monthly_capacity=rng.randrange(100, 50000, 50),
                        minimum_order=rng.randrange(6, 600, 6),
                        export_ready=export_ready,
                        province_id=province,
                        regency_id=code,
                        sentra_id=sentra_id,
                        whatsapp=f"+628130{number:07d}",
                        status=Business.Status.PUBLISHED,
                        verified=rng.random() < 0.3,
                        created_at=published_at,
                        published_at=published_at,
                        last_confirmed_at=published_at,
                        **capable.pop("fields"),
                    )
                )
                capable_of.append(capable)
                business = businesses[-1]
                sources = search_sources(
                    business,
                    categories=chosen_categories,
                    roles=[role_rows[slug] for slug in archetype.roles],
                    tags=chosen_tags,
                    places=[sentra_names.get(sentra_id, ""), regency_name, provinces[province]],
                )
                for column, value in search_columns(sources, name).items():
                    setattr(business, column, value)
                words.update(words_of(sources))
                business.sentra = sentra_rows.get(sentra_id)
                business.facet_keys = facet_keys_for(
                    business,
                    roles=[role_rows[slug] for slug in archetype.roles],
                    categories=chosen_categories,
                    tags=chosen_tags,
                    capabilities=synthetic_keys(capable),
                )
                roles_of.append([role_rows[slug].pk for slug in archetype.roles])
                categories_of.append([category.pk for category in chosen_categories])
                tags_of.append([tag.pk for tag in chosen_tags])
            with transaction.atomic():
                created = Business.objects.bulk_create(businesses, batch_size=BATCH_SIZE)
                Business.roles.through.objects.bulk_create(
                    Business.roles.through(business_id=b.pk, role_id=role)
                    for b, roles in zip(created, roles_of, strict=True)
                    for role in roles
                )
                Business.categories.through.objects.bulk_create(
                    Business.categories.through(business_id=b.pk, productcategory_id=category)
                    for b, cats in zip(created, categories_of, strict=True)
                    for category in cats
                )
                TaggedItem.objects.bulk_create(
                    TaggedItem(content_type=content_type, object_id=b.pk, tag_id=tag)
                    for b, tags in zip(created, tags_of, strict=True)
                    for tag in tags
                )
                for name, model in through.items():
                    source, target = (field.attname for field in model._meta.fields[1:3])
                    model.objects.bulk_create(
                        model(**{source: b.pk, target: known[name][value]})
                        for b, capable in zip(created, capable_of, strict=True)
                        for value in capable[name]
                    )
                refresh_search_vectors([b.pk for b in created])
            done += batch
            if self.verbosity and (done % (BATCH_SIZE * 10) == 0 or done == missing):
                elapsed = time.monotonic() - started
                self.stdout.write(f"  {done:,} / {missing:,} added ({elapsed:.0f} s)")
        # Counted with the words already there: adding only new words kept
        # the demo's counts for the words every synthetic business uses, and
        # the search weighed "sepatu" as a word a few dozen businesses use.
        words.update(dict(SearchWord.objects.values_list("word", "businesses")))
        add_to_vocabulary(words, replace=True)

    def synthetic_tags(self) -> list[Tag]:
        names = sorted({tag for archetype in archetypes.ARCHETYPES for tag in archetype.tags})
        for name in names:
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
        return list(Tag.objects.filter(name__in=names))


def synthetic_keys(capable: dict) -> dict[str, list[str]]:
    """A synthetic business's capability facet keys, as search.index writes them."""
    return {
        "construction": capable["construction_methods"],
        "audience": capable["audiences"],
        "segment": capable["footwear_types"],
        "material": capable["materials"],
        "service": capable["services"],
        "country": capable["export_countries"],
        "kbli": capable["kbli_codes"],
    }


def capability_words() -> dict[str, dict[str, object]]:
    """Every capability row by slug (countries and KBLI codes by code), per field."""
    return {
        name: model.objects.in_bulk(field_name="slug" if hasattr(model, "slug") else "pk")
        for name, model in CAPABILITY_LISTS.items()
    }


def demo_upload(data: bytes) -> ProcessedImage:
    return process_image(ContentFile(data, name="demo.png"))
