"""Community lists in and out of the admin, with django-import-export.

A list is a CSV or XLSX file with one business a row and a header line of
plain column names (`COLUMNS`; a few Indonesian names are understood too).
Every value is checked with the rules of the owner's forms (phone numbers
become +62 numbers, links must be http or https, social profiles become
handles) and looked up in the reference data by code, slug or name. A row
whose name repeats an earlier row's in the same regency is an error: the
same business typed twice would become two listings. A row that only looks
like a business already in the directory (same name in the same regency,
or the same phone or WhatsApp number), or that shares a number with another
row, is a warning: cooperatives share numbers, and staff decide.

The file is read in the admin's dry run first (nothing is kept), then again
when staff confirm; `services.business_import()` commits all rows or none.
"""

import datetime
import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.results import RowResult
from taggit.utils import parse_tags

from directory.listings.fields import MAX_TAGS, TAG_MAX_LENGTH, normalize_phone
from directory.listings.forms import DESCRIPTION_MAX_LENGTH, ContactsForm
from directory.listings.models import FIRST_FOUNDING_YEAR, Business, BusinessSize, ListingStatus
from directory.naming import unique_slug
from directory.places.models import Province, Regency, Sentra
from directory.search.index import normalize
from directory.stewardship.columns import (
    COLUMN_ALIASES,
    COLUMNS,
    EXPORT_ONLY_COLUMNS,
    LIST_SEPARATORS,
    NO,
    REQUIRED_COLUMNS,
    SIZES,
    STAGES,
    YES,
    NamesWidget,
    ReferenceData,
    TagsWidget,
    key,
    plain,
    quoted,
    regency_key,
    short_regency_name,
    size_for_workers,
)
from directory.stewardship.list_files import MAX_ROWS, ImportFileError
from directory.taxonomy.models import Certification, ProductCategory, Role, Stage


class BusinessResource(resources.ModelResource):
    """A business as a row of plain words. Importing only creates businesses,
    never updates one: each gets no owner (so its owner can claim it), the
    status chosen on the import form and a new unique slug."""

    province = fields.Field(attribute="province", column_name="province", widget=widgets.ForeignKeyWidget(Province))
    regency = fields.Field(attribute="regency", column_name="regency", widget=widgets.ForeignKeyWidget(Regency))
    sentra = fields.Field(attribute="sentra", column_name="sentra", widget=widgets.ForeignKeyWidget(Sentra, "slug"))
    roles = fields.Field(attribute="roles", column_name="roles", widget=NamesWidget(Role))
    categories = fields.Field(attribute="categories", column_name="categories", widget=NamesWidget(ProductCategory))
    certifications = fields.Field(
        attribute="certifications", column_name="certifications", widget=NamesWidget(Certification)
    )
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())
    owner = fields.Field(attribute="owner__email", column_name="owner", readonly=True)

    class Meta:
        model = Business
        name = _("Businesses")
        fields = [*COLUMNS, *EXPORT_ONLY_COLUMNS]
        export_order = [*EXPORT_ONLY_COLUMNS[:3], *COLUMNS, *EXPORT_ONLY_COLUMNS[3:]]
        import_order = COLUMNS
        use_transactions = True
        # The preview shows the file's own values (see the import template);
        # a diff of 5,000 new rows would cost a query per related field and row.
        skip_diff = True
        store_row_values = True

    def __init__(self, status: str = ListingStatus.DRAFT, **kwargs):
        super().__init__(**kwargs)
        self.status = status
        self.warnings: list[tuple[int, str]] = []
        self.keys: dict[int, dict] = {}

    # Export ----------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("province", "regency", "sentra", "owner").prefetch_related(
            "roles", "categories", "certifications", "tags"
        )

    # Import ----------------------------------------------------------------------

    def get_import_fields(self):
        present = getattr(self, "present_columns", None)
        return [field for field in super().get_import_fields() if present is None or field.column_name in present]

    def get_user_visible_fields(self):
        return [self.fields[name] for name in COLUMNS]

    def get_instance(self, instance_loader, row):
        return None  # Imports only add businesses.

    def before_import(self, dataset, **kwargs):
        headers = [COLUMN_ALIASES.get(key(header), key(header).replace(" ", "_")) for header in dataset.headers or []]
        problems = []
        if len(dataset) > MAX_ROWS:
            problems.append(
                gettext("The file has %(count)d rows; import at most %(max)d at a time.")
                % {"count": len(dataset), "max": MAX_ROWS}
            )
        unknown = [header for header in headers if header and header not in COLUMNS]
        if unknown:
            problems.append(gettext("Unknown columns: %(columns)s.") % {"columns": quoted(unknown)})
        repeated = sorted({header for header in headers if header and headers.count(header) > 1})
        if repeated:
            problems.append(gettext("Columns that appear twice: %(columns)s.") % {"columns": quoted(repeated)})
        missing = [column for column in REQUIRED_COLUMNS if column not in headers]
        if "province" not in headers and "regency" not in headers:
            missing.append("province")
        if missing:
            problems.append(gettext("Missing columns: %(columns)s.") % {"columns": quoted(missing)})
        if problems:
            # No row is read when the columns are wrong: one clear message
            # instead of the same error on every row.
            dataset.wipe()
            problems.append(gettext("The columns are: %(columns)s.") % {"columns": ", ".join(COLUMNS)})
            raise ImportFileError(" ".join(problems))
        dataset.headers = headers
        self.present_columns = set(headers)
        self.reference = ReferenceData()
        self.seen_names: dict[tuple[str, str], int] = {}
        self.seen_numbers: dict[str, int] = {}
        self.keys: dict[int, dict] = {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Spreadsheets often end with rows that look empty.
        return not any(plain(value) for value in row.values())

    def import_instance(self, instance, row, **kwargs):
        line = kwargs["row_number"] + 1
        errors: dict[str, list] = {}
        cleaned: dict = {}
        for column in COLUMNS:
            if column not in self.present_columns:
                continue
            try:
                cleaned[column] = getattr(self, f"clean_{column}", self.clean_text)(plain(row.get(column)))
            except ValidationError as error:
                errors.setdefault(column, []).extend(error.messages)
        self.clean_places(cleaned, errors)
        if errors:
            raise ValidationError(errors)
        self.m2m_values = {name: cleaned.pop(name, []) for name in ("roles", "categories", "certifications", "tags")}
        for name, value in cleaned.items():
            setattr(instance, name, value)
        if instance.export_markets:
            instance.export_ready = True
        instance.owner = None
        instance.status = self.status
        instance.slug = unique_slug(Business, instance.name)
        self.check_repeats(instance, line)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            # The row's values were not assigned: the model's own checks
            # would only add noise.
            raise ValidationError(import_validation_errors)
        # Field rules (lengths, choices, addresses) and the model's clean().
        # Not full_clean(): places were just looked up, the slug just chosen
        # free, and the database enforces the constraints on insert anyway;
        # asking it again costs ten queries a row.
        try:
            instance.clean_fields(exclude={"owner", "province", "regency", "sentra", "slug"})
            instance.clean()
        except ValidationError as error:
            raise ValidationError(error.update_error_dict({})) from None

    def before_save_instance(self, instance, row, **kwargs):
        if instance.status == ListingStatus.PUBLISHED:
            instance.published_at = instance.created_at

    def save_m2m(self, instance, row, **kwargs):
        # The business is new: add() what the row names, skip what it leaves empty.
        for name, values in self.m2m_values.items():
            if values:
                getattr(instance, name).add(*values)

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            self.keys[row_result.object_id] = self.current_keys

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.diff_headers = list(dataset.headers or [])
        if not result.has_errors() and not result.has_validation_errors():
            self.find_lookalikes()
        result.warnings = sorted(set(self.warnings))

    # Checking a row ---------------------------------------------------------------

    def required(self, value: str) -> str:
        if not value:
            raise ValidationError(gettext("This column cannot be empty."))
        return value

    def clean_text(self, value: str) -> str:
        return " ".join(value.split())

    def bounded(self, value: str, field: str, multiline: bool = False) -> str:
        limit = Business._meta.get_field(field).max_length or DESCRIPTION_MAX_LENGTH
        value = value.replace("\r\n", "\n").strip() if multiline else " ".join(value.split())
        if len(value) > limit:
            raise ValidationError(
                gettext("At most %(limit)d characters (this has %(count)d).") % {"limit": limit, "count": len(value)}
            )
        return value

    def clean_name(self, value):
        value = self.bounded(self.required(value), "name")
        if not any(character.isalnum() for character in value):
            raise ValidationError(gettext("Write the name of the business."))
        return value

    def clean_tagline(self, value):
        return self.bounded(value, "tagline")

    def clean_address(self, value):
        return self.bounded(value, "address")

    def clean_export_markets(self, value):
        return self.bounded(value, "export_markets")

    def clean_description(self, value):
        return self.bounded(value, "description", multiline=True)

    def clean_description_en(self, value):
        return self.bounded(value, "description_en", multiline=True)

    def clean_postal_code(self, value):
        if value and not re.fullmatch(r"[0-9]{5}", value):
            raise ValidationError(gettext("A postal code has five digits, not “%(value)s”.") % {"value": value})
        return value

    def _many(self, value: str, index: dict, message: str) -> list:
        found, unknown = [], []
        for name in LIST_SEPARATORS.split(value):
            if not name:
                continue
            row = index.get(key(name))
            if row is None:
                unknown.append(name)
            elif row not in found:
                found.append(row)
        if unknown:
            known = ", ".join(sorted({row.slug for row in index.values()}))
            raise ValidationError(message % {"values": quoted(unknown), "known": known})
        return found

    def clean_roles(self, value):
        roles = self._many(
            self.required(value),
            self.reference.roles,
            gettext("Unknown role %(values)s. Use the names or these codes: %(known)s."),
        )
        if not roles:
            raise ValidationError(gettext("This column cannot be empty."))
        return roles

    def clean_categories(self, value):
        return self._many(
            value,
            self.reference.categories,
            gettext("Unknown product category %(values)s. Use the names or these codes: %(known)s."),
        )

    def clean_certifications(self, value):
        return self._many(
            value,
            self.reference.certifications,
            gettext("Unknown certification %(values)s. Use the names or these codes: %(known)s."),
        )

    def clean_tags(self, value):
        names = parse_tags(value.replace(";", ","))
        if len(names) > MAX_TAGS:
            raise ValidationError(gettext("At most %(count)d keywords.") % {"count": MAX_TAGS})
        if any(len(name) > TAG_MAX_LENGTH for name in names):
            raise ValidationError(
                gettext("A keyword can have at most %(count)d characters.") % {"count": TAG_MAX_LENGTH}
            )
        return names

    def _choice(self, value: str, lookup: dict, allowed) -> str:
        choice = lookup.get(key(value))
        if choice is None:
            raise ValidationError(
                gettext("Unknown value “%(value)s”. Use one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)}
            )
        return choice

    def clean_stage(self, value):
        return self._choice(self.required(value), STAGES, Stage.values)

    def clean_size(self, value):
        if not value:
            return ""
        if value.isdigit():
            return size_for_workers(int(value))
        return self._choice(value, SIZES, [*BusinessSize.values, gettext("or the number of workers")])

    def _number(self, value: str, low: int, high: int) -> int | None:
        if not value:
            return None
        digits = value.replace(".", "").replace(",", "").replace(" ", "")
        if not digits.isdigit() or not low <= int(digits) <= high:
            raise ValidationError(
                gettext("Write a whole number from %(low)d to %(high)d, not “%(value)s”.")
                % {"low": low, "high": high, "value": value}
            )
        return int(digits)

    def clean_founded_year(self, value):
        return self._number(value, FIRST_FOUNDING_YEAR, datetime.date.today().year)

    def clean_monthly_capacity(self, value):
        return self._number(value, 0, 100_000_000)

    def clean_minimum_order(self, value):
        return self._number(value, 1, 10_000_000)

    def clean_export_ready(self, value):
        if key(value) in YES:
            return True
        if key(value) in NO:
            return False
        raise ValidationError(gettext("Write yes or no, not “%(value)s”.") % {"value": value})

    def clean_phone(self, value):
        return normalize_phone(value) if value else ""

    clean_whatsapp = clean_phone

    def clean_email(self, value):
        if value:
            EmailValidator(message=gettext("“%(value)s” is not an email address.") % {"value": value})(value)
        return value.lower()

    def _contact(self, name: str, value: str) -> str:
        """The owner's contact form's own field, so a link or handle is
        checked and reduced exactly as when an owner types it."""
        return ContactsForm.base_fields[name].clean(value) if value else ""

    def clean_website(self, value):
        return self._contact("website", value)

    def clean_instagram(self, value):
        return self._contact("instagram", value)

    def clean_facebook(self, value):
        return self._contact("facebook", value)

    def clean_youtube(self, value):
        return self._contact("youtube", value)

    def clean_tiktok(self, value):
        return self._contact("tiktok", value)

    def clean_province(self, value):
        return value  # Looked up with the regency in clean_places().

    clean_regency = clean_sentra = clean_province

    def clean_places(self, cleaned: dict, errors: dict) -> None:
        """Province, regency and sentra, by code or name; each may be left
        out when a narrower one names it (a sentra lies in one regency, a
        regency in one province)."""
        reference = self.reference
        province = regency = sentra = None
        province_text, regency_text, sentra_text = (cleaned.get(name, "") for name in ("province", "regency", "sentra"))
        if province_text:
            province = reference.provinces.get(
                key(province_text).zfill(2) if province_text.isdigit() else key(province_text)
            )
            if province is None:
                errors.setdefault("province", []).append(
                    gettext("Unknown province “%(value)s”. Use its two-digit code or its name.")
                    % {"value": province_text}
                )
        if regency_text:
            if regency_text.isdigit():
                regency = reference.regencies_by_code.get(regency_text.replace(".", ""))
                candidates = [regency] if regency else []
            else:
                candidates = reference.regencies_by_name.get(
                    regency_key(regency_text), []
                ) or reference.regencies_by_name.get(short_regency_name(regency_text), [])
                candidates = list(dict.fromkeys(candidates))
                if province and len(candidates) > 1:
                    candidates = [item for item in candidates if item.province_id == province.code]
            if len(candidates) == 1:
                regency = candidates[0]
            elif candidates:
                errors.setdefault("regency", []).append(
                    gettext("“%(value)s” could be %(options)s. Write the full name or the four-digit code.")
                    % {"value": regency_text, "options": quoted(f"{item.name} ({item.code})" for item in candidates)}
                )
            else:
                errors.setdefault("regency", []).append(
                    gettext("Unknown regency or city “%(value)s”. Use its four-digit code or its name.")
                    % {"value": regency_text}
                )
        if sentra_text:
            sentra = reference.sentra_by_slug.get(key(sentra_text))
            options = [sentra] if sentra else reference.sentra_by_name.get(key(sentra_text), [])
            if regency and len(options) > 1:
                options = [item for item in options if item.regency_id == regency.code]
            if len(options) == 1:
                sentra = options[0]
            else:
                errors.setdefault("sentra", []).append(gettext("Unknown sentra “%(value)s”.") % {"value": sentra_text})
        if sentra and regency and sentra.regency_id != regency.code:
            errors.setdefault("sentra", []).append(gettext("This sentra is not in the chosen regency or city."))
        regency = regency or (sentra.regency if sentra else None)
        if regency and province and regency.province_id != province.code:
            errors.setdefault("regency", []).append(gettext("This regency or city is not in the chosen province."))
        province = province or (reference.provinces.get(regency.province_id) if regency else None)
        if not province and not errors.get("province") and not errors.get("regency"):
            errors.setdefault("province", []).append(gettext("Give the province or the regency or city."))
        cleaned.update(province=province, regency=regency, sentra=sentra)

    # Duplicates -------------------------------------------------------------------

    def check_repeats(self, instance: Business, line: int) -> None:
        """Within the file: the same name in the same regency is an error,
        the same number a warning."""
        name_key = (normalize(instance.name), instance.regency_id or instance.province_id)
        numbers = sorted({number for number in (instance.phone, instance.whatsapp) if number})
        self.current_keys = {"line": line, "name": name_key, "numbers": numbers}
        earlier = self.seen_names.get(name_key)
        if earlier:
            raise ValidationError(
                {
                    "name": gettext(
                        "Line %(line)d repeats line %(earlier)d: the same name in the same regency or city."
                    )
                    % {"line": line, "earlier": earlier}
                }
            )
        self.seen_names[name_key] = line
        for number in numbers:
            if number in self.seen_numbers:
                self.warnings.append(
                    (
                        line,
                        gettext("Has the same phone or WhatsApp number (%(number)s) as line %(earlier)d.")
                        % {"number": number, "earlier": self.seen_numbers[number]},
                    )
                )
            else:
                self.seen_numbers[number] = line

    def find_lookalikes(self) -> None:
        """Businesses already in the directory that a row may repeat: a few
        queries for the whole file, not one a row."""
        names, numbers = defaultdict(list), defaultdict(list)
        for keys in self.keys.values():
            names[keys["name"][0]].append(keys)
            for number in keys["numbers"]:
                numbers[number].append(keys)
        existing = Business.objects.exclude(pk__in=list(self.keys)).only(
            "name", "search_name", "regency_id", "province_id", "phone", "whatsapp", "slug"
        )
        name_list, number_list = list(names), list(numbers)
        for start in range(0, max(len(name_list), len(number_list)), 500):
            batch_names, batch_numbers = name_list[start : start + 500], number_list[start : start + 500]
            condition = Q(search_name__in=batch_names) | Q(phone__in=batch_numbers) | Q(whatsapp__in=batch_numbers)
            for business in existing.filter(condition):
                place = business.regency_id or business.province_id
                for keys in names.get(business.search_name, []):
                    if keys["name"][1] == place:
                        self.warnings.append(
                            (
                                keys["line"],
                                gettext(
                                    "A business with this name is already listed in this place: %(name)s (%(slug)s)."
                                )
                                % {"name": business.name, "slug": business.slug},
                            )
                        )
                for number in {business.phone, business.whatsapp} - {""}:
                    for keys in numbers.get(number, []):
                        self.warnings.append(
                            (
                                keys["line"],
                                gettext("%(number)s is already the number of %(name)s (%(slug)s).")
                                % {"number": number, "name": business.name, "slug": business.slug},
                            )
                        )
