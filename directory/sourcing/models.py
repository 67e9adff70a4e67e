"""A buyer's sourcing request, its attachments, the suppliers invited to
answer it, their quotes, the addresses staff block, and the staff settings."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.capabilities.models import (
    LARGEST_SIZE,
    LONGEST_LEAD_DAYS,
    SMALLEST_SIZE,
    ConstructionMethod,
    FootwearType,
    Material,
    Samples,
)
from directory.listings.models import Business
from directory.naming import GeneratedName
from directory.storage import private_storage
from directory.taxonomy.models import ProductCategory

MAX_PAIRS = 10_000_000
PRICE_DIGITS = 15  # up to a trillion, with cents


@deconstructible
class AttachmentName(GeneratedName):
    """A random name that keeps `.pdf` as well as the image extensions."""

    EXTENSIONS = {*GeneratedName.EXTENSIONS, ".pdf"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Currency(models.TextChoices):
    IDR = "IDR", _("rupiah")
    USD = "USD", _("US dollars")


class RequestStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Email not yet confirmed")
    PENDING = "pending", _("Waiting for review")
    OPEN = "open", _("Open")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed by the buyer")
    EXPIRED = "expired", _("Expired")


class SourcingRequestQuerySet(models.QuerySet):
    def open(self, today=None):
        """The requests suppliers may answer and the public board shows:
        approved, not closed, and not past their deadline (a request expires
        by its date alone; `expire_requests` only records it)."""
        return self.filter(status=RequestStatus.OPEN, deadline__gte=today or timezone.localdate())


class SourcingRequest(models.Model):
    """What a buyer needs, written without an account. Nothing happens until
    the buyer confirms the e-mail address by the link mailed to it; then
    staff review it, and once approved it is matched and shown on the board,
    without the buyer's contact details."""

    Status = RequestStatus

    token = models.CharField(max_length=48, unique=True, default=new_token, editable=False)
    title = models.CharField(_("what you need, in a few words"), max_length=120)
    category = models.ForeignKey(
        ProductCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("product category")
    )
    construction = models.ForeignKey(
        ConstructionMethod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("construction"),
    )
    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("material")
    )
    segment = models.ForeignKey(
        FootwearType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("segment")
    )
    quantity = models.PositiveIntegerField(
        _("quantity in pairs"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PAIRS)]
    )
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
    # Decimals with two places: US-dollar prices have cents; rupiah are whole (see prices.py).
    target_price = models.DecimalField(
        _("target price per pair"), max_digits=PRICE_DIGITS, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.IDR)
    delivery_place = models.CharField(_("delivery place or country"), max_length=120)
    deadline = models.DateField(_("deadline"))
    description = models.TextField(_("description"), max_length=3000)
    buyer_name = models.CharField(_("name"), max_length=100)
    buyer_company = models.CharField(_("company"), max_length=150, blank=True)
    buyer_country = models.CharField(_("country"), max_length=80)
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.UNCONFIRMED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    form_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = SourcingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at", "-id"]
        verbose_name = _("sourcing request")
        verbose_name_plural = _("sourcing requests")
        indexes = [
            # The board: open requests, newest first, by category.
            models.Index(fields=["status", "deadline"], name="request_status_deadline"),
            models.Index(fields=["status", "category", "-approved_at"], name="request_status_category"),
            # The board's first pages: read in order, twenty rows, not the
            # whole board sorted (5 ms with 3,000 open requests; 0.2 ms so).
            models.Index(fields=["-approved_at", "-id"], condition=models.Q(status="open"), name="request_open_newest"),
            models.Index(fields=["email", "created_at"], name="request_email_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="request_status_valid"),
            models.CheckConstraint(condition=Q(currency__in=Currency.values), name="request_currency_valid"),
            models.CheckConstraint(
                condition=Q(target_price__isnull=True) | Q(target_price__gt=0), name="request_target_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(size_from__isnull=True) | Q(size_to__isnull=True) | Q(size_from__lte=models.F("size_to")),
                name="request_size_range_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.REJECTED) | ~Q(rejection_reason=""),
                name="request_rejection_has_reason",
            ),
            models.UniqueConstraint(
                fields=["form_digest"], condition=~Q(form_digest=""), name="request_form_used_once"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("directory:request_detail", kwargs={"pk": self.pk})

    def get_buyer_url(self):
        return reverse("directory:request_buyer", kwargs={"token": self.token})

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN and self.deadline >= timezone.localdate()


class RequestAttachment(models.Model):
    """A picture (cleaned and stored as WebP) or a PDF (checked) the buyer
    added; in private storage, shown to the buyer, staff and suppliers."""

    request = models.ForeignKey(
        SourcingRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("request")
    )
    file = models.FileField(_("file"), upload_to=AttachmentName("requests"), storage=private_storage)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.file.name

    @property
    def is_pdf(self) -> bool:
        return self.file.name.endswith(".pdf")


class Invitation(models.Model):
    """A supplier the matching chose for a request, with its rank and the
    reasons it fits. `invited_at` and `answered_at` (its first quote or
    decline) measure how fast suppliers answer."""

    request = models.ForeignKey(
        SourcingRequest, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("request")
    )
    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="request_invitations", verbose_name=_("business")
    )
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    reasons = models.JSONField(_("why it fits"), default=dict, blank=True)
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "rank"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["request", "business"], name="invitation_once_per_business")]
        indexes = [models.Index(fields=["business", "-invited_at"], name="invitation_business_newest")]

    def __str__(self):
        return f"{self.request} → {self.business}"


class QuoteStatus(models.TextChoices):
    # Not "Diterima", which also reads "accepted".
    SENT = "sent", pgettext_lazy("quote status", "Received")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    DECLINED = "declined", _("Declined")


class QuoteQuerySet(models.QuerySet):
    def from_public_suppliers(self):
        """The quotes the buyer sees and answers: those of businesses still
        public. A quote stays stored when its business is unpublished, but
        unpublished content is never shown, so the buyer's page names it no
        more and it cannot be shortlisted or declined."""
        return self.filter(business__in=Business.objects.published())


class Quote(models.Model):
    """A supplier's answer to a request: one per business and request."""

    Status = QuoteStatus

    request = models.ForeignKey(
        SourcingRequest, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("request")
    )
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("business"))
    price = models.DecimalField(_("price per pair"), max_digits=PRICE_DIGITS, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.IDR)
    minimum_order = models.PositiveIntegerField(
        _("minimum order (pairs)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PAIRS)]
    )
    lead_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), validators=[MinValueValidator(1), MaxValueValidator(LONGEST_LEAD_DAYS)]
    )
    samples = models.CharField(_("samples"), max_length=4, choices=Samples.choices)
    message = models.TextField(_("message"), max_length=3000)
    attachment = models.FileField(
        _("attachment"), upload_to=AttachmentName("quotes"), storage=private_storage, blank=True
    )
    status = models.CharField(_("status"), max_length=12, choices=QuoteStatus.choices, default=QuoteStatus.SENT)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided by the buyer"), null=True, blank=True)
    buyer_mailed_at = models.DateTimeField(_("mailed to the buyer"), null=True, blank=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.UniqueConstraint(fields=["request", "business"], name="quote_once_per_business"),
            models.CheckConstraint(condition=Q(status__in=QuoteStatus.values), name="quote_status_valid"),
            models.CheckConstraint(condition=Q(currency__in=Currency.values), name="quote_currency_valid"),
            models.CheckConstraint(condition=Q(price__gt=0), name="quote_price_positive"),
        ]

    def __str__(self):
        return f"{self.business} → {self.request}"


class BlockedSender(models.Model):
    """An e-mail address, or a whole domain, staff no longer accept requests from."""

    value = models.CharField(
        _("address or domain"),
        max_length=254,
        unique=True,
        help_text=_("A whole address (name@example.com) or a domain (example.com), in lower case."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("blocked since"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["value"]
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")

    def __str__(self):
        return self.value

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class SourcingSettings(models.Model):
    """The staff's settings for sourcing requests: one row."""

    auto_approve_returning = models.BooleanField(
        _("approve returning buyers at once"),
        default=False,
        help_text=_("A confirmed request from an address with an earlier approved request skips the review."),
    )
    max_invitations = models.PositiveSmallIntegerField(
        _("suppliers invited per request"), default=20, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    daily_cap = models.PositiveSmallIntegerField(
        _("requests per address and day"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )

    class Meta:
        verbose_name = _("sourcing settings")
        verbose_name_plural = _("sourcing settings")

    def __str__(self):
        return str(_("Sourcing settings"))

    @classmethod
    def current(cls) -> "SourcingSettings":
        settings_row = cls.objects.filter(pk=1).first()
        return settings_row or cls(pk=1)
