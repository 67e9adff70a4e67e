"""The exchange rate staff set, from which English pages show prices in US dollars."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class ExchangeRate(models.Model):
    """Rupiah per US dollar on a date, set by staff. The latest date applies;
    without any rate no dollar amount is shown."""

    rupiah_per_dollar = models.DecimalField(
        _("rupiah per US dollar"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(1)],
        help_text=_("For example 16500: what one US dollar costs in rupiah on that date."),
    )
    date = models.DateField(_("date of the rate"), default=timezone.localdate, unique=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rupiah_per_dollar__gte=1),
                name="exchange_rate_positive",
                violation_error_message=_("A US dollar costs at least one rupiah."),
            )
        ]

    def __str__(self):
        rupiah = formats.number_format(self.rupiah_per_dollar.normalize(), use_l10n=True, force_grouping=True)
        return f"{self.date:%Y-%m-%d}: Rp {rupiah} / US$ 1"
