"""What connects businesses with buyers and partners: collaboration posts,
inquiries from visitors, and the daily count of profile views."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Business, ListingStatus
from directory.taxonomy.models import ProductCategory

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
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    categories = models.ManyToManyField(
        ProductCategory, blank=True, related_name="collaboration_posts", verbose_name=_("product categories")
    )
    description = models.TextField(_("description"), max_length=3000)
    description_en = models.TextField(_("description (English)"), max_length=3000, blank=True)
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

    def delivered(self):
        """What the business may see: everything but the messages held for staff."""
        return self.filter(held_at__isnull=True)

    def mail_pending(self):
        return self.filter(owner_mailed_at__isnull=True, held_at__isnull=True)


class Inquiry(models.Model):
    """A message from a visitor to a business. It is stored before any mail
    is attempted, so a mail server that is down loses nothing. It is mailed
    to the business only, never to the address the visitor typed, which has
    not proven to be theirs. A message beyond a business's daily volume is
    held until staff release it. The sender's network address is never
    stored; the digest of the form's start token is, so that one form sends
    one message."""

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
    # When the owner was reminded of it, unanswered after 48 hours: once per message.
    reminded_at = models.DateTimeField(_("owner reminded"), null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries_sent",
        verbose_name=_("signed-in sender"),
    )
    held_at = models.DateTimeField(_("held for review since"), null=True, blank=True)
    form_digest = models.CharField(_("form used"), max_length=64, blank=True, editable=False)
    owner_mailed_at = models.DateTimeField(_("mailed to the business"), null=True, blank=True)
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
                condition=Q(owner_mailed_at__isnull=True, held_at__isnull=True),
            ),
            models.Index(
                fields=["created_at"],
                name="inquiry_unanswered",
                condition=Q(replied_at__isnull=True, reminded_at__isnull=True),
            ),
        ]
        # One form, one message: a second post of the same form, even at
        # the same moment on another machine, fails here.
        constraints = [
            models.UniqueConstraint(fields=["form_digest"], condition=~Q(form_digest=""), name="inquiry_form_used_once")
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


class RankedPartners(models.Model):
    """The partners a published business's profile suggests, ranked ahead of
    the request (connect.ranked_partners): `partners` is a list of [id,
    [reason codes]], strongest first. The reasons are codes, worded in the
    page's language when shown; the profile shows only the partners still
    published."""

    business = models.OneToOneField(
        Business,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ranked_partners",
        verbose_name=_("business"),
    )
    partners = models.JSONField(_("partners"), default=list)
    ranked_at = models.DateTimeField(_("ranked"), default=timezone.now)

    class Meta:
        verbose_name = _("ranked partners")
        verbose_name_plural = _("ranked partners")

    def __str__(self):
        return f"{self.business_id}: {[pk for pk, _reasons in self.partners]}"
