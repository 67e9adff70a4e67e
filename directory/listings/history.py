"""A listing's history: owners' changes waiting for review, and the log of
every submission and decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import User
from directory.listings.models import Business


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


def log_moderation(*, business: Business, moderator: User | None, action: str, reason: str = "") -> ModerationLog:
    """One entry in the business's moderation record; `moderator` is empty
    when the site acted on its own (a scheduled job, say)."""
    return ModerationLog.objects.create(
        business=business, business_name=business.name, moderator=moderator, action=action, reason=reason
    )


Action = ModerationLog.Action
