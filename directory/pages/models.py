"""A basic page of the site in both languages, edited by staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.naming import localized


class SitePage(models.Model):
    """About, contact, privacy notice and terms of use. The body is plain text
    with a few marks (see pages.markup), never HTML, so what staff type
    cannot run in a visitor's browser."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    title_id = models.CharField(_("title in Indonesian"), max_length=120)
    title_en = models.CharField(_("title in English"), max_length=120)
    body_id = models.TextField(
        _("text in Indonesian"),
        help_text=_(
            "Plain text. A blank line starts a new paragraph; a line starting with ## is a heading, "
            "with - a list item; [words](https://...) is a link."
        ),
    )
    body_en = models.TextField(_("text in English"))
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    def __str__(self):
        return self.title_id

    @property
    def title(self) -> str:
        return localized(self.title_id, self.title_en)

    @property
    def body(self) -> str:
        return localized(self.body_id, self.body_en)
