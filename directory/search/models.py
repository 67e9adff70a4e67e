"""What search keeps besides the businesses' own columns: the bilingual
glossary staff edit, and the vocabulary of the directory's words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GlossaryTerm(models.Model):
    """One group of equivalent footwear terms in both languages: a search for
    any of them finds what is written with any other. Several terms are
    separated by commas; the first English term names the group in English."""

    english = models.CharField(
        _("English terms"), max_length=300, help_text=_("Separated by commas, the usual one first.")
    )
    indonesian = models.CharField(
        _("Indonesian terms"), max_length=300, help_text=_("Separated by commas, the usual one first.")
    )
    abbreviations = models.CharField(
        _("abbreviations and other spellings"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, e.g. spt, sptu."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["english"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        return f"{self.english} / {self.indonesian}"


class SearchWord(models.Model):
    """A word that published businesses use, and in how many of them, as of
    the last full rebuild (`manage.py rebuild_search_index`): what a
    misspelt word of a query is corrected to."""

    word = models.CharField(max_length=40, unique=True)
    businesses = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.word
