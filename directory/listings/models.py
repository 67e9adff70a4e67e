"""The directory's data: regions, the value-chain taxonomy, businesses and
what they show (photos, products, marketplace shops)."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Left
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from directory.capabilities.models import CAPABILITY_CONSTRAINTS, CapabilityFields
from directory.images import LOGO_WIDTHS, PHOTO_WIDTHS, ResponsiveImageField
from directory.naming import GeneratedName, localized
from directory.places.models import Province, Regency, Sentra
from directory.taxonomy.models import Certification, ProductCategory, Role, Stage

FIRST_FOUNDING_YEAR = 1900


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


class VerificationMethod(models.TextChoices):
    """What BPIPI staff checked when they verified a business, told on its profile."""

    DOCUMENT = "document", _("document seen")
    VISIT = "visit", _("site visit")
    LAB = "lab", _("test at BPIPI's lab")


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
        """The columns a business card shows (browse.card_html) and nothing
        else, 23 of the business's 61: a page of twenty cards with their
        photos is read and built in a sixth less time (docs/speed.md)."""
        return self.only(*CARD_COLUMNS)


# What a card reads of a business (browse.card_html). Its roles come from
# the facet keys, its place's name from the cached reference rows
# (taxonomy.reference.place_names), the product a search matched from the
# products' words (search.query.Search.mark_matched_products).
CARD_COLUMNS = [
    "name", "slug", "status", "tagline", "tagline_en", "logo", "logo_width", "logo_height", "logo_widths",
    "province_id", "regency_id", "minimum_order", "monthly_capacity", "supply_minimum", "supply_unit",
    "responses_counted", "responses_within_48h", "response_median", "verified", "export_ready", "featured",
    "facet_keys", "search_products",
]  # fmt: skip


class Business(CapabilityFields):
    """One company, workshop, brand or organisation: a listing, with what it
    can make (capabilities.models.CapabilityFields)."""

    Status = ListingStatus
    Size = BusinessSize
    # The product a search matched, set on its cards (search.query); None
    # here, so that a card's template finds the attribute on every business
    # (a missing one costs the template engine a search through dir()).
    matched_product = None

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
    tagline_en = models.CharField(_("tagline (English)"), max_length=160, blank=True)
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
        Certification,
        blank=True,
        related_name="businesses",
        verbose_name=_("certifications"),
        through="directory.BusinessCertificate",
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
    verification_method = models.CharField(
        _("how it was verified"), max_length=10, choices=VerificationMethod.choices, blank=True
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
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
    # How the business answers its messages over the last 90 days, kept by
    # connect.responsiveness (when an answer is recorded, and by
    # measure_responsiveness) and stored here so that a card or a profile
    # shows it without a query.
    responses_counted = models.PositiveIntegerField(_("messages measured"), default=0, editable=False)
    responses_within_48h = models.PositiveIntegerField(
        _("messages answered within 48 hours"), default=0, editable=False
    )
    response_median = models.DurationField(_("median time to a first answer"), null=True, blank=True, editable=False)

    # Kept by search.index.refresh_search_index(): the normalised name, the
    # words of the name, products, tagline and places, and the rest (with the
    # roots of affixed words) that search matches and ranks by, and on
    # PostgreSQL the weighted full-text vector.
    search_name = models.CharField(max_length=150, blank=True, default="", editable=False)
    search_title = models.TextField(blank=True, default="", editable=False)
    search_products = models.TextField(blank=True, default="", editable=False)
    search_document = models.TextField(blank=True, default="", editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
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
        # Merging deletes the duplicate, but it is no free delete: the
        # duplicate's products, photos, claims and record move to the kept
        # listing first. Moderators may merge without the right to delete.
        permissions = [("merge_business", _("Can merge duplicate businesses"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="business_status_published"),
            models.Index(fields=["status", "name"], name="business_status_name"),
            models.Index(fields=["status", "-updated_at"], name="business_status_updated"),
            models.Index(fields=["status", "province"], name="business_status_province"),
            models.Index(fields=["status", "regency"], name="business_status_regency"),
            models.Index(fields=["search_name"], condition=PUBLIC, name="business_public_search_name"),
            # The listing's number filters, combined with the facet and word
            # indexes: without them a filter such as "capacity at least
            # 30,000" read the whole table.
            models.Index(fields=["minimum_order"], condition=PUBLIC, name="business_public_minimum_order"),
            models.Index(fields=["monthly_capacity"], condition=PUBLIC, name="business_public_capacity"),
            models.Index(fields=["sample_lead_days"], condition=PUBLIC, name="business_public_sample_days"),
            models.Index(fields=["order_lead_days"], condition=PUBLIC, name="business_public_order_days"),
        ]
        # Each constraint says in words what it refuses: a form that breaks
        # one shows that message (Django validates constraints in forms).
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ListingStatus.values),
                name="business_status_valid",
                violation_error_message=_("Choose one of the listed statuses."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="business_stage_valid",
                violation_error_message=_("Choose a stage of the value chain: upstream, midstream or downstream."),
            ),
            models.CheckConstraint(
                condition=Q(size="") | Q(size__in=BusinessSize.values),
                name="business_size_valid",
                violation_error_message=_("Choose one of the listed business sizes."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ListingStatus.REJECTED) | ~Q(rejection_reason=""),
                name="business_rejection_has_reason",
                violation_error_message=_("Give the owner a reason for the rejection."),
            ),
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True) | Q(founded_year__gte=FIRST_FOUNDING_YEAR),
                name="business_founded_year_plausible",
                violation_error_message=_("The year founded cannot be before 1900."),
            ),
            models.CheckConstraint(
                condition=Q(minimum_order__isnull=True) | Q(minimum_order__gte=1),
                name="business_minimum_order_positive",
                violation_error_message=_("The minimum order is at least one pair."),
            ),
            # Region codes nest: regency 3273 (Kota Bandung) lies in province 32.
            # Written as a lookup on province_id, not as Exact(..., F("province_id")):
            # Django finds the fields a lookup's right-hand F() refers to only
            # when it is an expression, so a form whose province failed (empty,
            # unknown) would still run this check without a province and fail
            # with FieldError instead of skipping it.
            models.CheckConstraint(
                condition=Q(regency__isnull=True) | Q(province_id=Left("regency_id", 2)),
                name="business_regency_within_province",
                violation_error_message=_("This regency or city is not in the chosen province."),
            ),
            *CAPABILITY_CONSTRAINTS,
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
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
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
    description_en = models.TextField(_("description (English)"), blank=True)
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
