"""The capability words (construction methods, audiences, footwear types,
materials, services, countries, KBLI codes), each named in both languages,
the capability fields a business carries, and a held certificate with the
evidence staff checked."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.naming import SlugNaturalKeyManager, TranslatedNameMixin, localized

# Indonesian shoe sizes are the EU (Paris point) sizes: a baby's first shoe is
# about 15, the largest work boots about 50.
SMALLEST_SIZE = 15
LARGEST_SIZE = 50
LONGEST_LEAD_DAYS = 365


class CapabilityTerm(TranslatedNameMixin, models.Model):
    """One word of a capability list, in Indonesian and English; staff add
    more in the admin."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    description_en = models.CharField(_("description in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def display_description(self):
        return localized(self.description, self.description_en)


class ConstructionMethod(CapabilityTerm):
    """How the sole is joined to the upper: cemented, vulcanised, stitched..."""

    icon = models.CharField(
        _("picture"),
        max_length=60,
        blank=True,
        help_text=_("The file name of its picture under static/capabilities/, e.g. cemented.svg."),
    )

    class Meta(CapabilityTerm.Meta):
        verbose_name = _("construction method")
        verbose_name_plural = _("construction methods")


class Audience(CapabilityTerm):
    """Who wears the shoes: men, women, kids, everyone."""

    class Meta(CapabilityTerm.Meta):
        verbose_name = _("wearer")
        verbose_name_plural = _("wearers")


class FootwearType(CapabilityTerm):
    """What kind of shoes: formal, casual, sport, safety, school, sandals, boots."""

    class Meta(CapabilityTerm.Meta):
        verbose_name = _("kind of footwear")
        verbose_name_plural = _("kinds of footwear")


class Material(CapabilityTerm):
    """A material a workshop works with or a supplier sells."""

    class Meta(CapabilityTerm.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")


class Service(CapabilityTerm):
    """Work done for others: OEM, design, pattern making, sole moulding..."""

    class Meta(CapabilityTerm.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")


class Country(TranslatedNameMixin, models.Model):
    """An export market, by its ISO 3166-1 alpha-2 code."""

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. JP."))],
    )
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name


class KbliCode(TranslatedNameMixin, models.Model):
    """A line of business of the Indonesian standard classification (KBLI),
    the code a business registers under in OSS."""

    code = models.CharField(
        _("KBLI code"),
        max_length=5,
        primary_key=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A KBLI code has five digits."))],
    )
    name = models.CharField(_("title"), max_length=200)
    name_en = models.CharField(_("title in English"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("KBLI code")
        verbose_name_plural = _("KBLI codes")

    def __str__(self):
        return f"{self.code} {self.name}"


class Samples(models.TextChoices):
    FREE = "free", _("Free samples")
    PAID = "paid", _("Paid samples")
    NONE = "none", _("No samples")


class SupplyUnit(models.TextChoices):
    METRE = "metre", _("metres")
    SHEET = "sheet", _("sheets")
    KILOGRAM = "kg", _("kilograms")
    PAIR = "pair", _("pairs")
    PIECE = "piece", _("pieces")
    SQUARE_FOOT = "sqft", _("square feet")


class CapabilityFields(models.Model):
    """The capability fields of a business (listings.Business inherits them)."""

    construction_methods = models.ManyToManyField(
        ConstructionMethod, blank=True, related_name="businesses", verbose_name=_("construction methods")
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="businesses", verbose_name=_("made for"))
    footwear_types = models.ManyToManyField(
        FootwearType, blank=True, related_name="businesses", verbose_name=_("kinds of footwear")
    )
    materials = models.ManyToManyField(
        Material, blank=True, related_name="businesses", verbose_name=_("materials worked or supplied")
    )
    services = models.ManyToManyField(Service, blank=True, related_name="businesses", verbose_name=_("services"))
    export_countries = models.ManyToManyField(
        Country, blank=True, related_name="businesses", verbose_name=_("export countries")
    )
    kbli_codes = models.ManyToManyField(KbliCode, blank=True, related_name="businesses", verbose_name=_("KBLI codes"))
    size_from = models.PositiveSmallIntegerField(
        _("smallest size"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SMALLEST_SIZE), MaxValueValidator(LARGEST_SIZE)],
    )
    size_to = models.PositiveSmallIntegerField(
        _("largest size"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SMALLEST_SIZE), MaxValueValidator(LARGEST_SIZE)],
    )
    sample_lead_days = models.PositiveSmallIntegerField(
        _("days to make a sample"), null=True, blank=True, validators=[MaxValueValidator(LONGEST_LEAD_DAYS)]
    )
    order_lead_days = models.PositiveSmallIntegerField(
        _("days to deliver a first order"), null=True, blank=True, validators=[MaxValueValidator(LONGEST_LEAD_DAYS)]
    )
    samples = models.CharField(_("samples"), max_length=4, choices=Samples.choices, blank=True)
    supply_minimum = models.PositiveIntegerField(
        _("smallest quantity sold"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000_000)],
    )
    supply_unit = models.CharField(_("unit"), max_length=5, choices=SupplyUnit.choices, blank=True)
    nib = models.CharField(
        _("NIB (business identification number)"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{13}\Z", _("An NIB has exactly 13 digits."))],
    )

    class Meta:
        abstract = True


# The fields an owner proposes on their capability step, as a change holds them.
CAPABILITY_SCALARS = [
    "size_from",
    "size_to",
    "sample_lead_days",
    "order_lead_days",
    "samples",
    "supply_minimum",
    "supply_unit",
    "nib",
]
CAPABILITY_LISTS = {
    "construction_methods": ConstructionMethod,
    "audiences": Audience,
    "footwear_types": FootwearType,
    "materials": Material,
    "services": Service,
    "export_countries": Country,
    "kbli_codes": KbliCode,
}

# What the constraints of CapabilityFields refuse, in words (listings.Business lists them).
CAPABILITY_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(size_from__isnull=True) | Q(size_to__isnull=True) | Q(size_from__lte=F("size_to")),
        name="business_size_range_ordered",
        violation_error_message=_("The smallest size cannot be larger than the largest size."),
    ),
    models.CheckConstraint(
        condition=Q(samples="") | Q(samples__in=Samples.values),
        name="business_samples_valid",
        violation_error_message=_("Choose one of the listed answers about samples."),
    ),
]


class BusinessCertificate(models.Model):
    """A certificate a business holds: what the owner entered (number, expiry)
    and what BPIPI staff checked. The link table of Business.certifications,
    so ticking a certification keeps working as before."""

    business = models.ForeignKey("directory.Business", on_delete=models.CASCADE, verbose_name=_("business"))
    certification = models.ForeignKey(
        "directory.Certification", on_delete=models.CASCADE, verbose_name=_("certification")
    )
    number = models.CharField(_("certificate number"), max_length=60, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    evidence = models.CharField(
        _("what was checked"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the original certificate seen at a visit, or the issuer's register."),
    )
    # The expiry date the owner was last reminded of: the reminder runs daily
    # and writes once per certificate and expiry date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("held certificate")
        verbose_name_plural = _("held certificates")
        # The table Django made for the plain link, kept with its rows.
        db_table = "directory_business_certifications"
        unique_together = [("business", "certification")]

    def __str__(self):
        return f"{self.certification} ({self.number})" if self.number else str(self.certification)

    @property
    def expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


def valid_certificates(today=None) -> Q:
    """The held certificates the public sees: not expired."""
    today = today or timezone.localdate()
    return Q(expires_on__isnull=True) | Q(expires_on__gte=today)
