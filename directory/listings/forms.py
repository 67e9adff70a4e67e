"""The owner's forms: the listing in short steps and a product.

None of them has `owner`, `status`, `verified` or `featured`: the view sets the
owner, staff decide the rest. Every value a visitor could type is checked here
with a message in the owner's language: phone numbers become +62 numbers,
social profiles become handles, links must be http or https.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags

from directory.image_uploads import ImagesField
from directory.listings.amounts import PAIRS, AmountField
from directory.listings.fields import (
    HandleField,
    ModelMultipleIdField,
    PhoneField,
    ShopsField,
    TagsField,
    WebAddressField,
    limit_length,
)
from directory.listings.models import (
    FIRST_FOUNDING_YEAR,
    Business,
    BusinessPhoto,
    BusinessSize,
    MarketplaceShop,
    Product,
)
from directory.places.models import Province, Regency, Sentra
from directory.taxonomy.models import Certification, ProductCategory, Role, Stage

DESCRIPTION_MAX_LENGTH = 5000
PRICE_MAX = 1_000_000_000  # Rp 1 billion: more is a typo


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

    def save_unreviewed(self, business: Business) -> None:
        """Saves what never waits for review, whatever the listing's status."""


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


STAGE_EXPLAINED = {
    Stage.HULU: _("Upstream (hulu): raw materials, such as leather and rubber"),
    Stage.TENGAH: _("Midstream (tengah): components and services, such as soles, glue and stitching"),
    Stage.HILIR: _("Downstream (hilir): finished shoes and brands"),
}


class BasicsForm(ListingStepForm):
    class Meta:
        model = Business
        fields = ["name", "roles", "stage", "categories", "tagline", "tagline_en"]
        field_classes = {"roles": ModelMultipleIdField, "categories": ModelMultipleIdField}
        widgets = {
            "roles": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
            "stage": forms.RadioSelect,
        }
        help_texts = {
            "roles": _(
                "What your business does, e.g. manufacturer, material supplier or brand owner. Choose all that apply."
            ),
            "stage": _(
                "Where your business stands between raw material and the finished shoe. Choose what you do most."
            ),
            "tagline": _("One short sentence about what you make or offer."),
            "tagline_en": _("Optional: the same sentence in English, for foreign buyers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].min_length = 2
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["roles"].queryset = Role.objects.all()
        self.fields["categories"].queryset = ProductCategory.objects.all()
        self.fields["categories"].choices = grouped_categories()
        # No empty radio button; each stage says what it means, with examples.
        self.fields["stage"].choices = [(value, STAGE_EXPLAINED.get(value, label)) for value, label in Stage.choices]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(character.isalnum() for character in name):
            raise ValidationError(_("Write the name of your business."), code="invalid_name")
        return name


# Every listing has a province: an empty or unknown one is named in words,
# on the owner's steps and in the admin alike.
PROVINCE_ERRORS = {
    "required": _("Choose the province the business is in."),
    "invalid_choice": _("Choose a province from the list."),
}


class CreateListingForm(BasicsForm):
    """Step 1 of a new listing also asks the province: a listing always has one."""

    class Meta(BasicsForm.Meta):
        fields = [*BasicsForm.Meta.fields, "province"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.all()
        self.fields["province"].empty_label = _("Choose a province")
        self.fields["province"].error_messages.update(PROVINCE_ERRORS)


class YearField(AmountField):
    """A year as owners write it: "1998", "thn 1998", "th. 1998", "sejak 1998"."""

    WORDS = re.compile(r"^\s*(?:tahun|thn|th|sejak|since|year)\.?\s*", re.IGNORECASE)

    def to_python(self, value):
        return super().to_python(self.WORDS.sub("", str(value)) if value else value)


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
            "export_ready",
            "export_markets",
            "certifications",
        ]
        field_classes = {
            "certifications": ModelMultipleIdField,
            "founded_year": YearField,
        }
        widgets = {
            "certifications": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "size": _("How big the business is, by the number of people working in it, you included."),
            "description": _("What you make, since when, for whom; what makes your work special."),
            "description_en": _("Optional, for foreign buyers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("description", "description_en"):
            limit_length(self.fields[name], DESCRIPTION_MAX_LENGTH)
        this_year = datetime.date.today().year
        year = self.fields["founded_year"]
        year.validators = [
            MinValueValidator(
                FIRST_FOUNDING_YEAR, _("Write the whole year the business started, like 1998 (from %(limit_value)s).")
            ),
            MaxValueValidator(this_year, _("The year cannot be later than this year, %(limit_value)s.")),
        ]
        year.grouped = False
        year.words = False
        year.widget.attrs["inputmode"] = "numeric"
        self.fields["certifications"].queryset = Certification.objects.all()
        self.fields["size"].choices = [("", _("Choose the number of workers")), *BusinessSize.choices]
        # Export markets are the countries ticked under production capabilities.
        # Words written before (or imported) stay here to be corrected or
        # cleared, only while the listing holds some.
        written = (self.instance.export_markets if self.instance.pk else "") or self.initial.get("export_markets")
        if written or "export_markets" in self.data:
            self.fields["export_markets"].label = _("Export markets, as written before")
            self.fields["export_markets"].help_text = _(
                "Tick the countries under production capabilities, then clear this."
            )
        else:
            del self.fields["export_markets"]

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
            "sentra": _(
                "A sentra is an area where many shoemakers work close together, e.g. Cibaduyut in Bandung. "
                "Choose “None” if yours is not in one."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.all()
        self.fields["province"].empty_label = _("Choose a province")
        self.fields["province"].error_messages.update(PROVINCE_ERRORS)
        self.fields["province"].widget.attrs["data-regencies"] = "regency-choices"
        # Only the chosen province's regencies and sentra: the province was
        # asked before this step, so without JavaScript the list already fits.
        # (With JavaScript, the list follows a changed province at once.)
        code = str(self["province"].value() or "")
        # Typed junk (a NUL byte, a long string) must not reach the database.
        self.province_code = code if code.isascii() and code.isdigit() and len(code) <= 4 else ""
        regencies = Regency.objects.filter(province_id=self.province_code).order_by("name")
        self.fields["regency"].queryset = Regency.objects.all()
        self.fields["regency"].choices = [
            ("", _("Choose a regency or city")),
            *((regency.code, regency.display_name) for regency in regencies),
        ]
        self.fields["regency"].required = True
        sentra = Sentra.objects.filter(regency__province_id=self.province_code).select_related("regency")
        self.fields["sentra"].queryset = Sentra.objects.all()
        self.fields["sentra"].choices = [("", _("None"))] + [
            (item.pk, f"{item.display_name} ({item.regency.display_name})") for item in sentra.order_by("name")
        ]
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        # One line of text: "street-address" is only valid on a multi-line textarea.
        self.fields["address"].widget.attrs["autocomplete"] = "address-line1"

    def clean(self):
        cleaned = super().clean()
        province, regency, sentra = cleaned.get("province"), cleaned.get("regency"), cleaned.get("sentra")
        if province and regency and regency.province_id != province.pk:
            self.add_error(
                "regency",
                _(
                    "This regency or city is not in %(province)s. "
                    "Choose one from the list, which now shows its regencies."
                )
                % {"province": province.display_name},
            )
        elif regency and sentra and sentra.regency_id != regency.pk:
            self.add_error(
                "sentra",
                _("%(sentra)s is in %(place)s, not in %(chosen)s: choose %(place)s above, or another sentra.")
                % {"sentra": sentra.name, "place": sentra.regency.display_name, "chosen": regency.display_name},
            )
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
        fields = [
            "name",
            "name_en",
            "category",
            "photo",
            "material",
            "description",
            "description_en",
            "price_min",
            "price_max",
            "minimum_order",
        ]
        field_classes = {"price_min": AmountField, "price_max": AmountField, "minimum_order": AmountField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name_en": _("Optional: the name in English, for foreign buyers."),
            "description_en": _("Optional: the description in English, for foreign buyers."),
            "price_min": _("In rupiah, as you would write it: 350,000, 350k or 1.5 million."),
            "price_max": _("In rupiah, as you would write it: 350,000, 350k or 1.5 million."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ProductCategory.objects.all()
        self.fields["category"].empty_label = _("Choose a category")
        # Named in the page's language.
        self.fields["category"].label_from_instance = lambda category: category.display_name
        for name in ("description", "description_en"):
            limit_length(self.fields[name], 2000)
        for name in ("price_min", "price_max"):
            self.fields[name].validators.append(MaxValueValidator(PRICE_MAX))
        self.fields["minimum_order"].validators.append(MaxValueValidator(10_000_000))
        # "12 pasang", "1.000 psg", as in the capabilities step.
        self.fields["minimum_order"].units = PAIRS

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price cannot be lower than the lowest price."))
        return cleaned


def alt_text_field() -> forms.CharField:
    return forms.CharField(
        label=_("What the photo shows"),
        max_length=BusinessPhoto._meta.get_field("alt_text").max_length,
        help_text=_(
            "A short description for people who cannot see the photo, e.g. “Sewing the uppers in our workshop”."
        ),
    )


class PhotoUploadForm(forms.Form):
    """One or several photos with one description. Each file is checked on
    its own: `photos` are the good ones, `refused` names each other file with
    the reason, so one bad file does not turn away the rest."""

    image = ImagesField(
        label=_("Photos"),
        help_text=_("Take a photo or choose several at once. JPEG, PNG or WebP, at most 10 MB each."),
    )
    alt_text = alt_text_field()

    def __init__(self, *args, room: int = BusinessPhoto.MAX_PER_BUSINESS, **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        self.photos: list = []
        self.refused: list[str] = []

    def clean_image(self):
        checked = self.cleaned_data["image"]
        self.photos = [image for _name, image in checked if not isinstance(image, ValidationError)]
        self.refused = [
            _("%(file)s: %(reason)s") % {"file": name, "reason": " ".join(image.messages)}
            for name, image in checked
            if isinstance(image, ValidationError)
        ]
        # A full gallery is told by the gallery itself (photo_edits.GalleryError).
        if 0 < self.room < len(self.photos):
            raise ValidationError(
                _("You chose %(chosen)d photos, but the gallery has room for %(room)d more. Choose fewer photos.")
                % {"chosen": len(self.photos), "room": self.room},
                code="too_many",
            )
        if not self.photos:
            raise ValidationError(self.refused)
        return checked


class PhotoEditForm(forms.Form):
    alt_text = alt_text_field()


class PhotoMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Move earlier")), ("down", _("Move later"))])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1
