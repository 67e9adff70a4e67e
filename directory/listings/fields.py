"""Form fields for what owners type: phone numbers, web addresses, social
handles, marketplace shops and tags, each read as people write it and
checked with a message in the owner's language."""

import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from directory.listings.models import MarketplaceShop
from directory.phones import national_display, normalize_phone, phone_text  # noqa: F401 (other forms import them from here)

MAX_TAGS = 20
TAG_MAX_LENGTH = 50
MAX_SHOPS = 10


# Phone numbers -----------------------------------------------------------------


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # Shown back as the owner wrote it, not in the stored +62 form.
        return national_display(value) if isinstance(value, str) else value

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else ""


# Links and social profiles -------------------------------------------------------


class WebAddressField(forms.URLField):
    """http or https only; `www.example.id` is taken as https://www.example.id.
    With `hosts`, the address must be on one of those sites."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, *, hosts: tuple[str, ...] = (), host_message: str = "", **kwargs):
        self.hosts = hosts
        self.host_message = host_message
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and self.hosts:
            host = (urlsplit(value).hostname or "").lower()
            if not any(host == allowed or host.endswith("." + allowed) for allowed in self.hosts):
                raise ValidationError(self.host_message, code="wrong_site")
        return value


class HandleField(forms.CharField):
    """A social media handle. A pasted profile address on `site` is reduced to
    its handle: https://www.instagram.com/sepatu.maju/?hl=id -> sepatu.maju."""

    def __init__(self, *, site: str, pattern: str, message: str, **kwargs):
        self.site = site
        self.pattern = re.compile(pattern)
        self.message = message
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return ""
        if "/" in value or value.lower().startswith(("http", "www.", self.site)):
            address = value if "://" in value else "https://" + value
            parts = urlsplit(address)
            host = (parts.hostname or "").lower()
            if not (host == self.site or host.endswith("." + self.site)):
                raise ValidationError(self.message, code="wrong_site")
            segments = [segment for segment in parts.path.split("/") if segment]
            value = segments[0] if segments else ""
        handle = value.lstrip("@")
        if not self.pattern.fullmatch(handle):
            raise ValidationError(self.message, code="invalid_handle")
        return handle.lower()


def shop_marketplace(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for marketplace, site in [
        ("tokopedia", "tokopedia.com"),
        ("shopee", "shopee.co.id"),
        ("shopee", "shopee.com"),
        ("lazada", "lazada.co.id"),
        ("blibli", "blibli.com"),
        ("bukalapak", "bukalapak.com"),
        ("tiktok-shop", "tiktok.com"),
    ]:
        if host == site or host.endswith("." + site):
            return marketplace
    return MarketplaceShop.Marketplace.OTHER


class ShopsField(forms.CharField):
    """Marketplace shops, one address a line; the marketplace is recognised
    from the address. Cleans to a list of {"marketplace", "url"}."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        value = super().clean(value)
        lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
        if len(lines) > MAX_SHOPS:
            raise ValidationError(_("At most %(count)d shops.") % {"count": MAX_SHOPS}, code="too_many")
        field = WebAddressField()
        shops, seen = [], set()
        for line in lines:
            try:
                url = field.clean(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(line)s” is not a shop address. Paste the whole address, one shop a line.") % {"line": line},
                    code="invalid_shop",
                ) from None
            if url not in seen:
                seen.add(url)
                shops.append({"marketplace": shop_marketplace(url), "url": url})
        return sorted(shops, key=lambda shop: shop["url"])


class TagsField(forms.CharField):
    """Free keywords separated by commas; cleans to a sorted list of names."""

    def clean(self, value):
        value = super().clean(value)
        names = parse_tags(value or "")
        if len(names) > MAX_TAGS:
            raise ValidationError(_("At most %(count)d keywords.") % {"count": MAX_TAGS}, code="too_many")
        if any(len(name) > TAG_MAX_LENGTH for name in names):
            raise ValidationError(
                _("A keyword can have at most %(count)d characters.") % {"count": TAG_MAX_LENGTH}, code="too_long"
            )
        return names


def limit_length(field: forms.CharField, limit: int) -> None:
    """Bounds a text field the model leaves unbounded."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """Refuses ids that are not whole numbers a database column can hold
    before asking the database (SQLite raises OverflowError on them)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)

    def label_from_instance(self, obj):
        # Roles and certifications in the page's language.
        return getattr(obj, "display_name", None) or str(obj)
