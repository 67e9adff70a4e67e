"""The directory's data: regions, the value-chain taxonomy, businesses and
what they show (photos, products, marketplace shops)."""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, router, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Left, Lower
from django.db.models.lookups import Exact
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .images import LOGO_WIDTHS, PHOTO_WIDTHS, ResponsiveImageField
from .storage import private_storage

FIRST_FOUNDING_YEAR = 1900


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Users must have an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """An account. People sign in with their email address; there is no
    username. `language` is the one their emails are written in."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


def localized(indonesian: str, english: str) -> str:
    """The English text on English pages when there is one, else the Indonesian."""
    return english if english and get_language() == "en" else indonesian


class TranslatedNameMixin:
    """Reference data carries its Indonesian `name` and an optional `name_en`;
    pages show the one for the active language."""

    @property
    def display_name(self):
        return localized(self.name, self.name_en)


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to reference rows by slug, so loading them twice
    updates rows instead of duplicating them."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# Regions ---------------------------------------------------------------------


class Province(models.Model):
    """One of Indonesia's 38 provinces, keyed by its two-digit official code."""

    code = models.CharField(
        _("code"),
        max_length=2,
        primary_key=True,
        validators=[RegexValidator(r"^[0-9]{2}$", _("A province code has two digits."))],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Regency(models.Model):
    """A regency (kabupaten) or city (kota), keyed by its four-digit official
    code, whose first two digits are its province's code."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("regency")
        KOTA = "kota", _("city")

    code = models.CharField(
        _("code"),
        max_length=4,
        primary_key=True,
        validators=[RegexValidator(r"^[0-9]{4}$", _("A regency code has four digits."))],
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("regency or city")
        verbose_name_plural = _("regencies and cities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith=F("province_id")),
                name="regency_code_within_province",
            ),
            models.UniqueConstraint(fields=["province", "name"], name="regency_name_unique_in_province"),
        ]

    def __str__(self):
        return self.name


class Sentra(TranslatedNameMixin, models.Model):
    """A production centre: a cluster of footwear businesses in one regency."""

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="sentra", verbose_name=_("regency or city")
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sentra")
        verbose_name_plural = _("sentra")
        constraints = [
            models.UniqueConstraint(fields=["regency", "name"], name="sentra_name_unique_in_regency"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def display_description(self):
        return localized(self.description, self.description_en)


# The value chain -------------------------------------------------------------


class Stage(models.TextChoices):
    HULU = "hulu", _("Upstream (hulu)")
    TENGAH = "tengah", _("Midstream (tengah)")
    HILIR = "hilir", _("Downstream (hilir)")


class Role(TranslatedNameMixin, models.Model):
    """A business's place in the value chain: brand, producer, supplier,
    material source, service or organisation."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ProductCategory(TranslatedNameMixin, models.Model):
    class Kind(models.TextChoices):
        FOOTWEAR = "footwear", _("Finished footwear")
        COMPONENT = "component", _("Components")
        MATERIAL = "material", _("Materials")
        SERVICE = "service", _("Services")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["kind", "order", "slug"]
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Certification(TranslatedNameMixin, models.Model):
    """A certificate a business can hold (SNI, ISO 9001, halal, ...); staff
    add new ones in admin."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


# Businesses ------------------------------------------------------------------


@deconstructible
class GeneratedName:
    """Stores uploads under a random name in `folder`, keeping only a known
    image extension: an uploader's file name never reaches the disk."""

    EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = PurePath(filename).suffix.lower()
        if extension not in self.EXTENSIONS:
            extension = ".bin"
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class BusinessSize(models.TextChoices):
    """Skala usaha by number of workers, as Indonesian statistics define it."""

    MICRO = "micro", _("Micro (1–4 workers)")
    SMALL = "small", _("Small (5–19 workers)")
    MEDIUM = "medium", _("Medium (20–99 workers)")
    LARGE = "large", _("Large (100+ workers)")


PUBLIC = Q(status=ListingStatus.PUBLISHED)


# Freshness: a listing whose data its owner has not confirmed for STALE_MONTHS
# is flagged for staff and its owner reminded; after UNVERIFY_MONTHS it loses
# the verified badge, since nobody vouches for the data any more.
STALE_MONTHS = 12
UNVERIFY_MONTHS = 18


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (the month's
    last day when that day does not exist: 31 March -> 28 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


class BusinessQuerySet(models.QuerySet):
    def published(self):
        """The only businesses the public may see."""
        return self.filter(PUBLIC)

    def with_confirmed_on(self):
        """Annotates `confirmed_on`: when the owner last confirmed the data.
        A listing never confirmed counts from its first publication (staff
        checked it then), or else from its creation, so a new listing is not
        stale on its first day."""
        return self.annotate(confirmed_on=Coalesce("last_confirmed_at", "published_at", "created_at"))

    def unconfirmed_since(self, moment: datetime.datetime):
        """Listings whose data nobody has confirmed since `moment`."""
        return self.with_confirmed_on().filter(confirmed_on__lt=moment)

    def for_cards(self):
        """Everything a business card shows, in a fixed number of queries,
        without the long texts a card does not show."""
        # Roles come from the facet keys (templatetags.ifn.role_names).
        return self.select_related("province", "regency").defer(
            "description", "description_en", "search_vector", "search_document"
        )


class Business(models.Model):
    """One company, workshop, brand or organisation: a listing."""

    Status = ListingStatus
    Size = BusinessSize

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="businesses",
        verbose_name=_("owner"),
        help_text=_("Empty for a business imported by staff that nobody has claimed yet."),
    )

    roles = models.ManyToManyField(Role, related_name="businesses", verbose_name=_("roles"))
    stage = models.CharField(_("value-chain stage"), max_length=10, choices=Stage.choices)
    categories = models.ManyToManyField(
        ProductCategory, blank=True, related_name="businesses", verbose_name=_("product categories")
    )
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Free keywords, separated by commas."))

    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    description = models.TextField(_("description (Indonesian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_FOUNDING_YEAR)],
    )
    size = models.CharField(_("business size"), max_length=10, choices=BusinessSize.choices, blank=True)
    monthly_capacity = models.PositiveIntegerField(
        _("monthly capacity (pairs)"), null=True, blank=True, validators=[MaxValueValidator(100_000_000)]
    )
    minimum_order = models.PositiveIntegerField(
        _("minimum order (pairs)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000_000)],
    )
    export_ready = models.BooleanField(_("export ready"), default=False)
    export_markets = models.CharField(
        _("export markets"), max_length=300, blank=True, help_text=_("Countries, separated by commas.")
    )
    certifications = models.ManyToManyField(
        Certification, blank=True, related_name="businesses", verbose_name=_("certifications")
    )

    address = models.CharField(_("street address"), max_length=255, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="businesses", verbose_name=_("province")
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="businesses",
        verbose_name=_("regency or city"),
    )
    sentra = models.ForeignKey(
        Sentra,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="businesses",
        verbose_name=_("sentra"),
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A postal code has five digits."))],
    )

    phone = models.CharField(_("phone"), max_length=20, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    instagram = models.CharField(_("Instagram"), max_length=60, blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    tiktok = models.CharField(_("TikTok"), max_length=60, blank=True)

    # Images are stored as WebP variants (directory.images); their sizes are
    # stored when an image is saved, never read back from the file when a row
    # is loaded: a page must not touch storage to render.
    logo = ResponsiveImageField(
        _("logo"),
        upload_to=GeneratedName("logos"),
        blank=True,
        widths=LOGO_WIDTHS,
        width_field_name="logo_width",
        height_field_name="logo_height",
        widths_field_name="logo_widths",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_widths = models.JSONField(default=list, blank=True, editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified = models.BooleanField(
        _("verified by BPIPI"), default=False, help_text=_("Staff have checked that the business exists.")
    )
    featured = models.BooleanField(
        _("featured (Indonesia Local Select)"), default=False, help_text=_("Chosen by staff for promotion.")
    )

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("last confirmed by owner"), null=True, blank=True)
    # When remind_stale last asked the owner to confirm: the command runs daily
    # and must not write again before the reminder period has passed.
    stale_reminder_sent_at = models.DateTimeField(_("last reminded to confirm"), null=True, blank=True, editable=False)

    # Kept by directory.search.refresh_search_index(): the normalised name and
    # keywords (name, tagline, categories, tags, places) for substring and
    # trigram matching, and on PostgreSQL the weighted full-text vector.
    search_name = models.CharField(max_length=150, blank=True, default="", editable=False)
    search_document = models.TextField(blank=True, default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Every value the listing filters by (stage, places, size, flags, roles,
    # categories, certifications, tags) as keys of one JSON object, such as
    # {"stage:hilir": 1, "role:producer": 1}, kept with the search columns:
    # the filters match them through one GIN index on PostgreSQL, and the
    # listing counts every option in one pass over them.
    facet_keys = models.JSONField(default=dict, blank=True, editable=False)

    objects = BusinessQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="business_status_published"),
            models.Index(fields=["status", "name"], name="business_status_name"),
            models.Index(fields=["status", "-updated_at"], name="business_status_updated"),
            models.Index(fields=["status", "province"], name="business_status_province"),
            models.Index(fields=["status", "regency"], name="business_status_regency"),
            models.Index(fields=["search_name"], condition=PUBLIC, name="business_public_search_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ListingStatus.values),
                name="business_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="business_stage_valid",
            ),
            models.CheckConstraint(
                condition=Q(size="") | Q(size__in=BusinessSize.values),
                name="business_size_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=ListingStatus.REJECTED) | ~Q(rejection_reason=""),
                name="business_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True) | Q(founded_year__gte=FIRST_FOUNDING_YEAR),
                name="business_founded_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(minimum_order__isnull=True) | Q(minimum_order__gte=1),
                name="business_minimum_order_positive",
            ),
            # Region codes nest: regency 3273 (Kota Bandung) lies in province 32.
            models.CheckConstraint(
                condition=Q(regency__isnull=True) | Q(Exact(Left("regency_id", 2), F("province_id"))),
                name="business_regency_within_province",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:business_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def display_description(self):
        return localized(self.description, self.description_en)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.founded_year and self.founded_year > datetime.date.today().year:
            errors["founded_year"] = _("The year founded cannot be in the future.")
        if self.regency_id and self.province_id and not self.regency_id.startswith(self.province_id):
            errors["regency"] = _("This regency or city is not in the chosen province.")
        if self.sentra_id and self.regency_id and self.sentra.regency_id != self.regency_id:
            errors["sentra"] = _("This sentra is not in the chosen regency or city.")
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Give the owner a reason for the rejection.")
        if errors:
            raise ValidationError(errors)


class MarketplaceShop(models.Model):
    """A business's shop on an online marketplace."""

    class Marketplace(models.TextChoices):
        TOKOPEDIA = "tokopedia", "Tokopedia"
        SHOPEE = "shopee", "Shopee"
        LAZADA = "lazada", "Lazada"
        BLIBLI = "blibli", "Blibli"
        BUKALAPAK = "bukalapak", "Bukalapak"
        TIKTOK_SHOP = "tiktok-shop", "TikTok Shop"
        OTHER = "other", _("Other")

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="marketplace_shops", verbose_name=_("business")
    )
    marketplace = models.CharField(_("marketplace"), max_length=20, choices=Marketplace.choices)
    url = models.URLField(_("shop address"))

    class Meta:
        ordering = ["marketplace", "id"]
        verbose_name = _("marketplace shop")
        verbose_name_plural = _("marketplace shops")
        constraints = [
            models.UniqueConstraint(fields=["business", "url"], name="marketplace_shop_unique_url"),
        ]

    def __str__(self):
        return f"{self.get_marketplace_display()}: {self.url}"


class BusinessPhotoQuerySet(models.QuerySet):
    def public(self):
        """Photos the public may see on a published listing."""
        return self.filter(pending_review=False)


class BusinessPhoto(models.Model):
    """A photo in a business's gallery; at most MAX_PER_BUSINESS each."""

    MAX_PER_BUSINESS = 12

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="photos", verbose_name=_("business"))
    image = ResponsiveImageField(
        _("photo"),
        upload_to=GeneratedName("photos"),
        widths=PHOTO_WIDTHS,
        width_field_name="width",
        height_field_name="height",
        widths_field_name="image_widths",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_widths = models.JSONField(default=list, blank=True, editable=False)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # A photo added to, or re-described on, a published listing waits for
    # staff before the public sees it (the rest of the listing stays public).
    pending_review = models.BooleanField(
        _("waiting for review"), default=False, help_text=_("Hidden from the public until staff approve it.")
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    objects = BusinessPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["business", "order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_text


class Product(models.Model):
    """An item in a business's product catalogue."""

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="products", verbose_name=_("business")
    )
    name = models.CharField(_("name"), max_length=150)
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("category"),
    )
    photo = ResponsiveImageField(
        _("photo"),
        upload_to=GeneratedName("products"),
        blank=True,
        widths=PHOTO_WIDTHS,
        width_field_name="photo_width",
        height_field_name="photo_height",
        widths_field_name="photo_widths",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_widths = models.JSONField(default=list, blank=True, editable=False)
    material = models.CharField(_("material"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    price_min = models.PositiveBigIntegerField(_("lowest price (Rp)"), null=True, blank=True)
    price_max = models.PositiveBigIntegerField(_("highest price (Rp)"), null=True, blank=True)
    minimum_order = models.PositiveIntegerField(
        _("minimum order (pairs)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["business", "order", "id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True) | Q(price_max__isnull=True) | Q(price_min__lte=F("price_max")),
                name="product_price_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(minimum_order__isnull=True) | Q(minimum_order__gte=1),
                name="product_minimum_order_positive",
            ),
        ]

    def __str__(self):
        return self.name


class BusinessChange(models.Model):
    """An owner's edit of a published listing, waiting for staff. The proposed
    values are stored as JSON (many-to-many fields as lists of ids, tags as
    names) and applied to the business only when staff approve; until then
    the public keeps seeing the published version. A business has at most one
    pending change: further edits update it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="changes", verbose_name=_("business"))
    data = models.JSONField(_("proposed values"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reason = models.TextField(_("reason for rejection"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change to a listing")
        verbose_name_plural = _("changes to listings")
        constraints = [
            models.UniqueConstraint(
                fields=["business"],
                condition=Q(status="pending"),
                name="business_change_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected"]),
                name="business_change_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="business_change_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.business} ({self.get_status_display()})"


# Claims ----------------------------------------------------------------------


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class BusinessClaim(models.Model):
    """Someone says that a business imported by staff (without an owner) is
    theirs. Staff check the evidence; on approval the claimant becomes the
    owner. Rows are kept as the moderation record, even after the claimant's
    account is deleted (then with the personal fields emptied)."""

    Status = ClaimStatus

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="claims", verbose_name=_("business"))
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("claimant"),
        help_text=_("Empty when the claimant has deleted their account."),
    )
    position = models.CharField(_("position in the business"), max_length=100, blank=True)
    phone = models.CharField(_("contact number"), max_length=20, blank=True)
    note = models.TextField(_("evidence note"), max_length=2000, blank=True)
    document = models.FileField(
        _("photo of a document"),
        upload_to=GeneratedName("claims"),
        storage=private_storage,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING, db_index=True
    )
    reason = models.TextField(_("reason for the decision"), blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "claimant"],
                condition=Q(status=ClaimStatus.PENDING),
                name="claim_one_pending_per_claimant",
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.REJECTED) | ~Q(reason=""),
                name="claim_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=ClaimStatus.PENDING) | Q(decided_at__isnull=False),
                name="claim_decision_dated",
            ),
        ]

    def __str__(self):
        return f"{self.business} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING


def delete_claim_document(sender, instance: BusinessClaim, **kwargs) -> None:
    """The evidence is personal data, kept for the claim's sake only: it goes
    with its claim, also when the claim goes with its business (deleted, or
    merged into another), once the deletion is committed."""
    name = instance.document.name
    if name:
        storage = instance.document.storage
        transaction.on_commit(lambda: storage.delete(name), using=router.db_for_write(sender, instance=instance))


post_delete.connect(delete_claim_document, sender=BusinessClaim)


class ModerationLog(models.Model):
    """What staff (or the site itself, when `moderator` is empty) decided about
    a business, and why. Rows are never edited; they outlive the business and
    its owner's account, so the name is kept as written at the time."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        VERIFIED = "verified", _("verified")
        UNVERIFIED = "unverified", _("verification removed")
        FEATURED = "featured", _("featured")
        UNFEATURED = "unfeatured", _("no longer featured")
        SUSPENDED = "suspended", _("suspended")
        RESTORED = "restored", _("restored")
        CHANGE_APPROVED = "change_approved", _("change approved")
        CHANGE_REJECTED = "change_rejected", _("change rejected")
        CLAIM_APPROVED = "claim_approved", _("claim approved")
        CLAIM_REJECTED = "claim_rejected", _("claim rejected")
        IMPORTED = "imported", _("imported")
        MERGED = "merged", _("merged")
        REMINDED = "reminded", _("reminded to confirm")
        POST_APPROVED = "post_approved", _("collaboration post approved")
        POST_REJECTED = "post_rejected", _("collaboration post rejected")
        OWNER_LEFT = "owner_left", _("owner deleted their account")
        PHOTO_REJECTED = "photo_rejected", _("photo removed")

    business = models.ForeignKey(
        Business,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_log",
        verbose_name=_("business"),
    )
    business_name = models.CharField(_("business name"), max_length=150)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.business_name}: {self.get_action_display()}"


class DuplicateDismissal(models.Model):
    """Staff said that two businesses the duplicates view paired are not one
    business: the view no longer shows the pair. `first` has the lower id."""

    first = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+", verbose_name=_("business"))
    second = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+", verbose_name=_("other business"))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("pair that is not a duplicate")
        verbose_name_plural = _("pairs that are not duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_dismissal_unique_pair"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="duplicate_dismissal_ordered_pair"),
        ]

    def __str__(self):
        return f"#{self.first_id} ≠ #{self.second_id}"


def unique_slug(model, text: str, max_length: int = 160) -> str:
    """A slug for `text` that no row of `model` uses yet: `sepatu-maju`,
    then `sepatu-maju-2`, `sepatu-maju-3`..."""
    base = slugify(text)[:max_length].strip("-") or "usaha"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# Collaboration ---------------------------------------------------------------


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class CollaborationPostQuerySet(models.QuerySet):
    def published(self, today: datetime.date | None = None):
        """The only posts the public may see: approved, of a published
        business, and not past their date. A post expires by its date alone,
        so nothing has to run at midnight to hide it."""
        return self.filter(
            status=PostStatus.PUBLISHED,
            until__gte=today or timezone.localdate(),
            business__status=ListingStatus.PUBLISHED,
        )


class CollaborationPost(models.Model):
    """What a business seeks ("looking for an outsole maker") or offers
    ("open for private-label orders"), public once staff approve it and
    until its date has passed."""

    class Kind(models.TextChoices):
        SEEK = "seek", _("Seeking")
        OFFER = "offer", _("Offering")

    Status = PostStatus
    MAX_CATEGORIES = 5
    MAX_DAYS = 365

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="collaboration_posts", verbose_name=_("business")
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    categories = models.ManyToManyField(
        ProductCategory, blank=True, related_name="collaboration_posts", verbose_name=_("product categories")
    )
    description = models.TextField(_("description"), max_length=3000)
    until = models.DateField(_("shown until"))
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = CollaborationPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("collaboration post")
        verbose_name_plural = _("collaboration posts")
        indexes = [
            models.Index(fields=["status", "until"], name="post_status_until"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PostStatus.values), name="post_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=["seek", "offer"]), name="post_kind_valid"),
            models.CheckConstraint(
                condition=~Q(status=PostStatus.REJECTED) | ~Q(rejection_reason=""),
                name="post_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("directory:post_detail", kwargs={"pk": self.pk})

    @property
    def is_expired(self) -> bool:
        return self.until < timezone.localdate()

    @property
    def is_public(self) -> bool:
        return self.status == PostStatus.PUBLISHED and not self.is_expired and self.business.is_published


# Inquiries and profile views ----------------------------------------------------------


class InquiryQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True, archived_at__isnull=True)

    def mail_pending(self):
        return self.filter(Q(owner_mailed_at__isnull=True) | Q(sender_mailed_at__isnull=True))


class Inquiry(models.Model):
    """A message from a visitor to a business. It is stored before any mail
    is attempted, so a mail server that is down loses nothing: the two
    timestamps say which of the two messages still has to go out. The
    sender's network address is never stored."""

    class SenderType(models.TextChoices):
        BUYER = "buyer", _("buyer")
        INVESTOR = "investor", _("investor")
        TRADER = "trader", _("trader")
        OTHER = "other", _("other")

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="inquiries", verbose_name=_("business")
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email address"))
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True)
    company = models.CharField(_("company"), max_length=150, blank=True)
    sender_type = models.CharField(_("who you are"), max_length=10, choices=SenderType.choices)
    country = models.CharField(_("country"), max_length=80)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    owner_mailed_at = models.DateTimeField(_("mailed to the business"), null=True, blank=True)
    sender_mailed_at = models.DateTimeField(_("copy mailed to the sender"), null=True, blank=True)
    mail_attempts = models.PositiveSmallIntegerField(_("mail attempts"), default=0)
    mail_error = models.CharField(_("last mail error"), max_length=255, blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            models.Index(fields=["business", "-created_at"], name="inquiry_business_newest"),
            models.Index(
                fields=["created_at"],
                name="inquiry_mail_pending",
                condition=Q(owner_mailed_at__isnull=True) | Q(sender_mailed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.name} → {self.business}"


class ProfileViewDay(models.Model):
    """How many times a business's public profile was seen on one day. Only
    the count is kept: nothing about who looked."""

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="view_days", verbose_name=_("business")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("profile views on a day")
        verbose_name_plural = _("profile views per day")
        constraints = [models.UniqueConstraint(fields=["business", "day"], name="profile_view_day_unique")]

    def __str__(self):
        return f"{self.business_id} {self.day}: {self.views}"
