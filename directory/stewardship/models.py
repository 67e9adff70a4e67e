"""What stewardship stores: pairs of listings staff judged to be different
businesses."""

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
