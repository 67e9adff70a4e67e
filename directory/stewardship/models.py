"""What stewardship stores: pairs of listings staff judged to be different
businesses, and the community lists staff confirmed for import."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Business


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


class ListImport(models.Model):
    """One confirmed upload of a community list, claimed before its rows are
    imported. Its token (the name the upload waits under between the preview
    and the confirmation) is unique, so a second confirmation of the same
    upload, from the back button, a double click or another tab, finds this
    row and imports nothing, however close behind the first it comes."""

    token = models.CharField(_("upload"), max_length=255, unique=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    started_at = models.DateTimeField(_("confirmed"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("imported"), null=True, blank=True)
    businesses = models.PositiveIntegerField(_("businesses imported"), default=0)
    # The file's SHA-256: the preview of the same file uploaded again (the
    # browser sends the upload once more when staff go back past the
    # preview) says when it was imported.
    digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("imported list")
        verbose_name_plural = _("imported lists")

    def __str__(self):
        return self.file_name or self.token


class MergedSlug(models.Model):
    """The address of a listing merged into another: links to it (shared in
    chats, kept by search engines) lead to the kept listing instead of a 404."""

    slug = models.SlugField(
        _("address of the merged listing"), max_length=Business._meta.get_field("slug").max_length, unique=True
    )
    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="merged_slugs", verbose_name=_("kept listing")
    )
    merged_at = models.DateTimeField(_("merged"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("address of a merged listing")
        verbose_name_plural = _("addresses of merged listings")

    def __str__(self):
        return f"{self.slug} → #{self.business_id}"
