"""The owner's forms: the listing in five short steps and a product.

None of them has `owner`, `status`, `verified` or `featured`: the view sets the
owner, staff decide the rest. Every value a visitor could type is checked here
with a message in the owner's language: phone numbers become +62 numbers,
social profiles become handles, links must be http or https.
"""

import datetime
import hashlib
import re
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, URLValidator
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags, parse_tags

from .images import ImageUploadField
from .models import (
    Business,
    BusinessClaim,
    BusinessPhoto,
    BusinessSize,
    Certification,
    CollaborationPost,
    MarketplaceShop,
    Product,
    ProductCategory,
    Province,
    Regency,
    Role,
    Sentra,
)

DESCRIPTION_MAX_LENGTH = 5000
MAX_TAGS = 20
TAG_MAX_LENGTH = 50
MAX_SHOPS = 10
PRICE_MAX = 1_000_000_000  # Rp 1 billion: more is a typo
PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")


# Phone numbers -----------------------------------------------------------------


def normalize_phone(value: str) -> str:
    """An Indonesian phone number in +62 form: `0812-3456-7890`,
    `62 812 3456 7890` and `+62 812-3456-7890` all become `+6281234567890`.
    Raises ValidationError for anything that is not such a number."""
    number = PHONE_SEPARATORS.sub("", value or "")
    if number.startswith("+"):
        if not number.startswith("+62"):
            raise ValidationError(
                _("Enter an Indonesian number, starting with 0, 62 or +62, for example 0812 3456 7890."),
                code="foreign_phone",
            )
        national = number[3:]
    elif number.startswith("62"):
        national = number[2:]
    elif number.startswith("0"):
        national = number[1:]
    else:
        national = number
    if not national.isdigit() or national.startswith("0") or not 8 <= len(national) <= 12:
        raise ValidationError(
            _("This does not look like a phone number. Write it like 0812 3456 7890 or +62 22 1234 5678."),
            code="invalid_phone",
        )
    return "+62" + national


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 25)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

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


# The listing, step by step ---------------------------------------------------------


class ListingStepForm(forms.ModelForm):
    """One step of the listing. `extra_initial` holds values that are not the
    business's own fields (tags, shops) or that override them (the values of
    a pending change, so the owner continues from their last edit)."""

    required_css_class = "required"

    def __init__(self, *args, overrides: dict | None = None, **kwargs):
        instance = kwargs.get("instance")
        initial = dict(self.initial_extras(instance) if instance and instance.pk else {})
        initial.update(overrides or {})
        initial.update(kwargs.pop("initial", None) or {})
        super().__init__(*args, initial=initial, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def initial_extras(self, business: Business) -> dict:
        return {}

    def proposed_values(self) -> dict:
        """The cleaned values as JSON, the way a BusinessChange stores them
        (an uploaded logo is left to `services.logo_value()`)."""
        return {name: value if name == "logo" else to_json(value) for name, value in self.cleaned_data.items()}

    def save_related(self, business: Business) -> None:
        """Saves what is not a column of the business (tags, shops)."""


def to_json(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        items = [to_json(item) for item in value]
        return items if items and isinstance(items[0], dict) else sorted(items)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def grouped_categories() -> list:
    """Product categories under their kind (footwear, components...), so a
    phone shows short groups rather than one long list."""
    groups: dict[str, list] = {}
    for category in ProductCategory.objects.all():
        groups.setdefault(category.get_kind_display(), []).append((category.pk, category.display_name))
    return list(groups.items())


class BasicsForm(ListingStepForm):
    class Meta:
        model = Business
        fields = ["name", "roles", "stage", "categories", "tagline"]
        field_classes = {"roles": ModelMultipleIdField, "categories": ModelMultipleIdField}
        widgets = {
            "roles": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
            "stage": forms.RadioSelect,
        }
        help_texts = {
            "roles": _("Choose every role your business plays in the footwear value chain."),
            "tagline": _("One short sentence about what you make or offer."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].min_length = 2
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["roles"].queryset = Role.objects.all()
        self.fields["categories"].queryset = ProductCategory.objects.all()
        self.fields["categories"].choices = grouped_categories()
        self.fields["stage"].choices = self.fields["stage"].choices[1:]  # no empty radio button

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(character.isalnum() for character in name):
            raise ValidationError(_("Write the name of your business."), code="invalid_name")
        return name


class CreateListingForm(BasicsForm):
    """Step 1 of a new listing also asks the province: a listing always has one."""

    class Meta(BasicsForm.Meta):
        fields = [*BasicsForm.Meta.fields, "province"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.all()
        self.fields["province"].empty_label = _("Choose a province")


class ProfileForm(ListingStepForm):
    tags = TagsField(
        label=_("keywords"),
        required=False,
        max_length=1000,
        help_text=_("Words buyers may search for, separated by commas, e.g. kulit sapi, handmade, pantofel."),
    )

    class Meta:
        model = Business
        fields = [
            "description",
            "description_en",
            "founded_year",
            "size",
            "monthly_capacity",
            "minimum_order",
            "export_ready",
            "export_markets",
            "certifications",
        ]
        field_classes = {"certifications": ModelMultipleIdField}
        widgets = {
            "certifications": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": _("What you make, since when, for whom; what makes your work special."),
            "description_en": _("Optional, for foreign buyers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("description", "description_en"):
            limit_length(self.fields[name], DESCRIPTION_MAX_LENGTH)
        this_year = datetime.date.today().year
        self.fields["founded_year"].validators.append(MaxValueValidator(this_year))
        self.fields["founded_year"].widget.attrs.update({"max": this_year, "inputmode": "numeric"})
        self.fields["certifications"].queryset = Certification.objects.all()
        self.fields["size"].choices = [("", _("Choose the number of workers")), *BusinessSize.choices]

    def initial_extras(self, business: Business) -> dict:
        return {"tags": edit_string_for_tags(list(business.tags.all()))}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("export_markets") and not cleaned.get("export_ready"):
            cleaned["export_ready"] = True
        return cleaned

    def save_related(self, business: Business) -> None:
        business.tags.set(self.cleaned_data["tags"], clear=True)


class LocationForm(ListingStepForm):
    class Meta:
        model = Business
        fields = ["province", "regency", "sentra", "address", "postal_code"]
        help_texts = {
            "sentra": _("The production centre your workshop belongs to, if any."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.all()
        self.fields["province"].empty_label = _("Choose a province")
        # The chosen province's regencies first: without JavaScript the list
        # cannot follow the province field, so the likely answers lead.
        chosen = str(self["province"].value() or "")
        regencies = Regency.objects.select_related("province").order_by("province", "name")
        groups: dict[str, list] = {}
        for regency in sorted(regencies, key=lambda regency: regency.province_id != chosen):
            groups.setdefault(regency.province.name, []).append((regency.code, regency.name))
        self.fields["regency"].queryset = Regency.objects.all()
        self.fields["regency"].choices = [("", _("Choose a regency or city")), *groups.items()]
        self.fields["regency"].required = True
        sentra = Sentra.objects.select_related("regency").order_by("name")
        self.fields["sentra"].queryset = Sentra.objects.all()
        self.fields["sentra"].choices = [("", _("None"))] + [
            (item.pk, f"{item.display_name} ({item.regency.name})") for item in sentra
        ]
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        # One line of text: "street-address" is only valid on a multi-line textarea.
        self.fields["address"].widget.attrs["autocomplete"] = "address-line1"

    def clean(self):
        cleaned = super().clean()
        province, regency, sentra = cleaned.get("province"), cleaned.get("regency"), cleaned.get("sentra")
        if province and regency and regency.province_id != province.pk:
            self.add_error("regency", _("This regency or city is not in the chosen province."))
        elif regency and sentra and sentra.regency_id != regency.pk:
            self.add_error("sentra", _("This sentra is not in the chosen regency or city."))
        return cleaned


INSTAGRAM_HANDLE = r"(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_][A-Za-z0-9_.]{0,29}"
TIKTOK_HANDLE = r"(?!.*\.$)[A-Za-z0-9_.]{2,24}"


class ContactsForm(ListingStepForm):
    phone = PhoneField(label=_("phone"), required=False, help_text=_("E.g. 022 1234 5678 or 0812 3456 7890."))
    whatsapp = PhoneField(label=_("WhatsApp"), required=False, help_text=_("The number buyers can chat with."))
    website = WebAddressField(label=_("website"), required=False)
    instagram = HandleField(
        label=_("Instagram"),
        required=False,
        site="instagram.com",
        pattern=INSTAGRAM_HANDLE,
        message=_(
            "Write the Instagram name (letters, numbers, full stops and underscores, at most 30) "
            "or paste the profile address."
        ),
        help_text=_("Your @name or the address of your profile."),
    )
    facebook = WebAddressField(
        label=_("Facebook"),
        required=False,
        hosts=("facebook.com", "fb.com", "fb.me"),
        host_message=_("Paste the address of your Facebook page, e.g. https://www.facebook.com/yourpage."),
    )
    youtube = WebAddressField(
        label=_("YouTube"),
        required=False,
        hosts=("youtube.com", "youtu.be"),
        host_message=_("Paste the address of your YouTube channel, e.g. https://www.youtube.com/@yourchannel."),
    )
    tiktok = HandleField(
        label=_("TikTok"),
        required=False,
        site="tiktok.com",
        pattern=TIKTOK_HANDLE,
        message=_(
            "Write the TikTok name (letters, numbers, full stops and underscores, 2 to 24) "
            "or paste the profile address."
        ),
        help_text=_("Your @name or the address of your profile."),
    )
    shops = ShopsField(
        label=_("marketplace shops"),
        required=False,
        max_length=3000,
        help_text=_("Addresses of your shops on Tokopedia, Shopee, Lazada and others, one a line."),
    )

    class Meta:
        model = Business
        fields = ["phone", "whatsapp", "email", "website", "instagram", "facebook", "youtube", "tiktok", "shops"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def initial_extras(self, business: Business) -> dict:
        return {"shops": "\n".join(shop.url for shop in business.marketplace_shops.all())}

    def save_related(self, business: Business) -> None:
        replace_shops(business, self.cleaned_data["shops"])


def replace_shops(business: Business, shops: list[dict]) -> None:
    business.marketplace_shops.all().delete()
    MarketplaceShop.objects.bulk_create(
        MarketplaceShop(business=business, marketplace=shop["marketplace"], url=shop["url"]) for shop in shops
    )


class LogoForm(ListingStepForm):
    class Meta:
        model = Business
        fields = ["logo"]
        help_texts = {"logo": _("A square JPEG, PNG or WebP picture works best.")}


# Products ---------------------------------------------------------------------------


class ProductForm(forms.ModelForm):
    required_css_class = "required"

    class Meta:
        model = Product
        fields = ["name", "category", "photo", "material", "description", "price_min", "price_max", "minimum_order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"price_min": _("In rupiah, without dots."), "price_max": _("In rupiah, without dots.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ProductCategory.objects.all()
        self.fields["category"].empty_label = _("Choose a category")
        limit_length(self.fields["description"], 2000)
        for name in ("price_min", "price_max"):
            self.fields[name].validators.append(MaxValueValidator(PRICE_MAX))
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "max": PRICE_MAX})
        self.fields["minimum_order"].validators.append(MaxValueValidator(10_000_000))

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price cannot be lower than the lowest price."))
        return cleaned


# Stale forms ----------------------------------------------------------------------------

SNAPSHOT_SALT = "directory.forms.snapshot"


def fingerprint(value) -> str:
    if isinstance(value, QuerySet | list | tuple | set):
        items = sorted(str(getattr(item, "pk", item)) for item in value)
    elif value is None or value == "":
        items = [""]
    elif hasattr(value, "name") and not isinstance(value, Model):  # a stored file
        items = [str(value.name or "")]
    else:
        items = [str(getattr(value, "pk", value))]
    return hashlib.sha256("\x1f".join(items).encode()).hexdigest()[:12]


def form_snapshot(form: forms.BaseForm) -> dict[str, str]:
    """A short fingerprint of every value the form was loaded with."""
    return {name: fingerprint(form[name].initial) for name in form.fields}


def snapshot_token(form: forms.BaseForm) -> str:
    """The hidden `loaded` field: what the form showed when it was loaded, signed."""
    return signing.dumps(form_snapshot(form), salt=SNAPSHOT_SALT, compress=True)


def stale_fields(form: forms.BaseForm, token: str) -> list[str]:
    """The fields whose stored value changed since the form was loaded (in
    another tab, by another person): saving now would overwrite them. A
    missing or forged token counts as every field changed."""
    try:
        loaded = signing.loads(token or "", salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return list(form.fields)
    if not isinstance(loaded, dict):
        return list(form.fields)
    return [name for name, value in form_snapshot(form).items() if loaded.get(name) != value]


class ClaimForm(forms.Form):
    position = forms.CharField(
        label=_("Your position in the business"),
        max_length=BusinessClaim._meta.get_field("position").max_length,
        help_text=_("For example: owner, director, manager."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = PhoneField(
        label=_("Contact number"),
        help_text=_("BPIPI staff may call you to check the claim. Not shown on the site."),
    )
    note = forms.CharField(
        label=_("Evidence"),
        min_length=20,
        max_length=BusinessClaim._meta.get_field("note").max_length,
        help_text=_(
            "Tell us how you are connected to the business: since when, your business permit (NIB) number, "
            "where the workshop is. At least 20 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document = ImageUploadField(
        label=_("Photo of a document (optional)"),
        required=False,
        help_text=_(
            "For example your business permit (NIB) or a letterhead. Only BPIPI staff see it. "
            "JPEG, PNG or WebP, at most 10 MB."
        ),
    )


def alt_text_field() -> forms.CharField:
    return forms.CharField(
        label=_("What the photo shows"),
        max_length=BusinessPhoto._meta.get_field("alt_text").max_length,
        help_text=_(
            "A short description for people who cannot see the photo, e.g. “Sewing the uppers in our workshop”."
        ),
    )


class ClaimRejectionForm(forms.Form):
    """Staff's reason for rejecting claims, shown to the claimants."""

    reason = forms.CharField(
        label=_("Reason, shown to the claimant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


class PhotoUploadForm(forms.Form):
    image = ImageUploadField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 10 MB."))
    alt_text = alt_text_field()


class PhotoEditForm(forms.Form):
    alt_text = alt_text_field()


class PhotoMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Move earlier")), ("down", _("Move later"))])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account is deleted for good and my businesses are removed from the directory."),
        error_messages={"required": _("Tick this box to confirm that you want to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This password is not correct."), code="password_incorrect")
        return password


class CollaborationPostForm(forms.ModelForm):
    """What an owner seeks or offers. The business and the status are set by
    the view and the services, never by this form."""

    categories = forms.TypedMultipleChoiceField(
        label=_("Product categories"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CollaborationPost
        fields = ["kind", "title", "categories", "description", "until"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title": _("For example: “Looking for an outsole maker” or “Open for private-label orders”."),
            "until": _("The post is hidden after this day (at most a year from today)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CollaborationPost.Kind.choices
        self.fields["categories"].help_text = _("At most %(count)d; partners are matched by them.") % {
            "count": CollaborationPost.MAX_CATEGORIES
        }
        self.fields["categories"].choices = [
            (category.pk, category.display_name) for category in ProductCategory.objects.all()
        ]
        if self.instance.pk:
            self.initial["categories"] = [category.pk for category in self.instance.categories.all()]

    def clean_categories(self):
        chosen = self.cleaned_data["categories"]
        if len(chosen) > CollaborationPost.MAX_CATEGORIES:
            raise forms.ValidationError(
                _("Choose at most %(count)d categories.") % {"count": CollaborationPost.MAX_CATEGORIES}
            )
        return list(ProductCategory.objects.filter(pk__in=chosen))

    def clean_until(self):
        until = self.cleaned_data["until"]
        today = timezone.localdate()
        if until < today:
            raise forms.ValidationError(_("Choose today or a later day."))
        if until > today + datetime.timedelta(days=CollaborationPost.MAX_DAYS):
            raise forms.ValidationError(_("Choose a day at most a year from today."))
        return until


class PostRejectionForm(forms.Form):
    """Staff's reason for rejecting collaboration posts, emailed to the owners."""

    reason = forms.CharField(
        label=_("Reason, sent to the owner"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
