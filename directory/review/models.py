"""Claims: someone says that a listing imported by staff is theirs, with a
document as evidence, kept in private storage."""

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Business
from directory.naming import GeneratedName
from directory.storage import private_storage

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
