"""Indonesia's provinces and regencies (kabupaten/kota) with their official
codes, and the sentra: production centres, each in one regency."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from directory.naming import SlugNaturalKeyManager, TranslatedNameMixin, localized

# Regions ---------------------------------------------------------------------


class Province(TranslatedNameMixin, models.Model):
    """One of Indonesia's 38 provinces, keyed by its two-digit official code."""

    code = models.CharField(
        _("code"),
        max_length=2,
        primary_key=True,
        validators=[RegexValidator(r"^[0-9]{2}$", _("A province code has two digits."))],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Regency(TranslatedNameMixin, models.Model):
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
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
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
