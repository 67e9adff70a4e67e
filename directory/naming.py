"""Names in two languages and the slugs and generated columns built from them,
shared by every capability's models."""

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import get_language


def localized(indonesian: str, english: str) -> str:
    """The English text on English pages when there is one, else the Indonesian."""
    return english if english and get_language() == "en" else indonesian


class TranslatedNameMixin:
    """Reference data carries its Indonesian `name` and an optional `name_en`;
    pages show the one for the active language."""

    @property
    def display_name(self):
        return localized(self.name, self.name_en)


class SlugNaturalKeyManager(models.Manager):
    """Lets fixtures refer to reference rows by slug, so loading them twice
    updates rows instead of duplicating them."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# Businesses ------------------------------------------------------------------


@deconstructible
class GeneratedName:
    """Stores uploads under a random name in `folder`, keeping only a known
    image extension: an uploader's file name never reaches the disk."""

    EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = PurePath(filename).suffix.lower()
        if extension not in self.EXTENSIONS:
            extension = ".bin"
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder


def unique_slug(model, text: str, max_length: int = 160) -> str:
    """A slug for `text` that no row of `model` uses yet, nor any address
    kept for one merged away: `sepatu-maju`, then `sepatu-maju-2`..."""
    base = slugify(text)[:max_length].strip("-") or "usaha"
    used = model.objects.filter(slug__startswith=base).order_by().values_list("slug", flat=True)
    if any(relation.name == "merged_slugs" for relation in model._meta.related_objects):
        # The address of a listing merged away leads to the kept one: a new
        # listing never takes it over (read in the same query).
        kept = model._meta.get_field("merged_slugs").related_model.objects
        used = used.union(kept.filter(slug__startswith=base).order_by().values_list("slug", flat=True)).order_by()
    taken = set(used)
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
