"""The value chain's words: stages (hulu, tengah, hilir), roles, product
categories and certifications, each named in both languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.naming import SlugNaturalKeyManager, TranslatedNameMixin

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
