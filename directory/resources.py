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

import csv
import datetime
import re
from collections import defaultdict

import tablib
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.results import RowResult
from taggit.utils import parse_tags

from .forms import DESCRIPTION_MAX_LENGTH, MAX_TAGS, TAG_MAX_LENGTH, ContactsForm, normalize_phone
from .models import (
    FIRST_FOUNDING_YEAR,
    Business,
    BusinessSize,
    Certification,
    ListingStatus,
    ProductCategory,
    Province,
    Regency,
    Role,
    Sentra,
    Stage,
    unique_slug,
)
from .search import normalize

MAX_ROWS = 10_000
MAX_FILE_SIZE = 20 * 1024 * 1024  # 10,000 long rows fit easily
LIST_SEPARATORS = re.compile(r"\s*[;,\n]\s*")
REQUIRED_COLUMNS = ["name", "roles", "stage"]

# The columns, in the order an export writes them and the import page lists them.
COLUMNS = [
    "name",
    "roles",
    "stage",
    "province",
    "regency",
    "sentra",
    "address",
    "postal_code",
    "phone",
    "whatsapp",
    "email",
    "website",
    "instagram",
    "facebook",
    "youtube",
    "tiktok",
    "categories",
    "certifications",
    "tags",
    "tagline",
    "size",
    "founded_year",
    "monthly_capacity",
    "minimum_order",
    "export_ready",
    "export_markets",
    "description",
    "description_en",
]
# Only exported: staff's decisions and the listing's address on the site.
EXPORT_ONLY_COLUMNS = ["id", "slug", "status", "verified", "featured", "owner", "created_at", "updated_at"]

# Header names communities already use for the same columns.
COLUMN_ALIASES = {
    "nama": "name",
    "nama usaha": "name",
    "peran": "roles",
    "tahap": "stage",
    "provinsi": "province",
    "kabupaten/kota": "regency",
    "kabupaten": "regency",
    "kota": "regency",
    "alamat": "address",
    "kode pos": "postal_code",
    "telepon": "phone",
    "kategori": "categories",
    "sertifikasi": "certifications",
    "kata kunci": "tags",
    "skala usaha": "size",
    "tahun berdiri": "founded_year",
    "siap ekspor": "export_ready",
    "deskripsi": "description",
}

YES = {"1", "yes", "y", "ya", "true", "benar", "x", "✓"}
NO = {"", "0", "no", "n", "tidak", "false", "salah", "-"}


# Reading files ------------------------------------------------------------------------


class ImportFileError(ValueError):
    """A file that cannot be read as a table; the message is for staff."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without the byte-order mark Excel writes), else
    Windows-1252, the encoding of Excel's plain "CSV" on Windows."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The file is neither UTF-8 nor Windows-1252 text. Save it again as CSV UTF-8 or as XLSX."))


class CommunityCSV(base_formats.CSV):
    """CSV as Excel writes it: UTF-8 or Windows-1252, separated by commas or,
    where the decimal mark is a comma (as in Indonesia), semicolons. The file
    is kept as bytes until the encoding is known."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = decode(in_stream) if isinstance(in_stream, bytes) else in_stream
        if "\x00" in text:
            raise ImportFileError(_("This is not a CSV file (it holds binary data). Upload a .csv or .xlsx file."))
        first_line = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first_line.count)
        try:
            dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        except (csv.Error, tablib.InvalidDimensions) as error:
            raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error
        return require_rows(dataset)


def require_rows(dataset: tablib.Dataset) -> tablib.Dataset:
    if not len(dataset):
        raise ImportFileError(_("The file has no rows below the column names."))
    return dataset


class CommunityXLSX(base_formats.XLSX):
    """The first sheet of an Excel workbook."""

    def create_dataset(self, in_stream):
        try:
            dataset = super().create_dataset(in_stream)
        except Exception as error:
            # openpyxl raises many kinds of error on a damaged or foreign file.
            raise ImportFileError(
                _("This is not an Excel (.xlsx) workbook, or it is damaged. Save it again as .xlsx or as CSV.")
            ) from error
        return require_rows(dataset)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """A text cell that a spreadsheet would run as a formula (an owner may
    name a business "=HYPERLINK(...)") is written with a leading apostrophe,
    which spreadsheets show as text; the import takes it off again."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExport:
    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append([escape_formula(value) for value in row])
        return super().export_data(safe, **kwargs)


class ExportCSV(FormulaSafeExport, base_formats.CSV):
    pass


class ExportXLSX(FormulaSafeExport, base_formats.XLSX):
    pass


IMPORT_FORMATS = [CommunityCSV, CommunityXLSX]
EXPORT_FORMATS = [ExportCSV, ExportXLSX]
EXTENSIONS = {".csv": 0, ".xlsx": 1}


IMPORT_STATUSES = [
    (ListingStatus.DRAFT, _("Draft (hidden, staff finish the listings first)")),
    (ListingStatus.PENDING, _("Pending review")),
    (ListingStatus.PUBLISHED, _("Published (public at once)")),
]


class BusinessImportForm(ImportForm):
    """The file and the status every imported business gets. The format
    follows from the file name, so the form works without JavaScript."""

    status = forms.ChoiceField(label=_("Status of the imported businesses"), choices=IMPORT_STATUSES)
    field_order = ["resource", "import_file", "status", "format"]

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = _("CSV or XLSX file")
        self.fields["import_file"].help_text = _(
            "One business a row, column names in the first row. CSV may be UTF-8 or Windows-1252 "
            "(Excel), separated by commas or semicolons."
        )
        self.fields["import_file"].widget.attrs["accept"] = ".csv,.xlsx"
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()

    @property
    def media(self):
        return forms.Media(js=["directory/admin_import.js"])

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload:
            extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in EXTENSIONS:
                self.add_error("import_file", _("Upload a .csv or .xlsx file."))
            elif upload.size > MAX_FILE_SIZE:
                self.add_error(
                    "import_file",
                    _("The file is larger than %(size)d MB; split it into smaller lists.")
                    % {"size": MAX_FILE_SIZE // (1024 * 1024)},
                )
            else:
                cleaned["format"] = str(EXTENSIONS[extension])
        return cleaned


class BusinessConfirmImportForm(ConfirmImportForm):
    status = forms.ChoiceField(choices=IMPORT_STATUSES, widget=forms.HiddenInput())

    @property
    def media(self):
        return forms.Media(js=["directory/admin_import.js"])


class BusinessExportForm(ExportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = _("File format")
        self.fields["format"].choices = self.fields["format"].choices[1:]  # no empty choice
        self.fields["format"].initial = str(EXPORT_FORMATS.index(ExportXLSX))
        self.fields["format"].help_text = _("XLSX opens in Excel as it is; CSV suits other programs.")


# Looking values up ----------------------------------------------------------------------


def plain(value) -> str:
    """A cell as text: Excel gives numbers (3273.0, 81234567890) and dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.isoformat()
    value = str(value).strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        value = value[1:]  # Written so by the export (escape_formula).
    return value


def key(text: str) -> str:
    return " ".join(plain(text).lower().split())


def regency_key(name: str) -> str:
    """`Kab. Bandung` and `Kabupaten Bandung` alike."""
    name = key(name)
    return re.sub(r"^kab\.?\s+", "kabupaten ", name)


def short_regency_name(name: str) -> str:
    return re.sub(r"^(kabupaten|kota)\s+", "", regency_key(name))


class ReferenceData:
    """Every reference row by each of its keys, loaded once per import."""

    def __init__(self):
        self.roles = self._index(Role.objects.all(), "slug", "name", "name_en")
        self.categories = self._index(ProductCategory.objects.all(), "slug", "name", "name_en")
        self.certifications = self._index(Certification.objects.all(), "slug", "name", "name_en")
        self.provinces = self._index(Province.objects.all(), "code", "name")
        regencies = list(Regency.objects.all())
        self.regencies_by_code = {regency.code: regency for regency in regencies}
        self.regencies_by_name = defaultdict(list)
        for regency in regencies:
            self.regencies_by_name[regency_key(regency.name)].append(regency)
            self.regencies_by_name[short_regency_name(regency.name)].append(regency)
        sentra = list(Sentra.objects.all())
        self.sentra_by_slug = {item.slug: item for item in sentra}
        self.sentra_by_name = defaultdict(list)
        for item in sentra:
            for name in {key(item.name), key(item.name_en)} - {""}:
                self.sentra_by_name[name].append(item)

    @staticmethod
    def _index(queryset, *attributes) -> dict:
        index = {}
        for row in queryset:
            for attribute in attributes:
                value = key(getattr(row, attribute))
                if value:
                    index.setdefault(value, row)
        return index


def choice_lookup(choices, *extra: tuple[str, str]) -> dict:
    lookup = {}
    for value, label in choices:
        lookup[key(value)] = value
        lookup[key(str(label))] = value
    for alias, value in extra:
        lookup[alias] = value
    return lookup


STAGES = choice_lookup(
    Stage.choices, ("upstream", "hulu"), ("midstream", "tengah"), ("downstream", "hilir"), ("hilir", "hilir")
)
SIZES = choice_lookup(
    BusinessSize.choices, ("mikro", "micro"), ("kecil", "small"), ("menengah", "medium"), ("besar", "large")
)


def size_for_workers(workers: int) -> str:
    if workers < 5:
        return BusinessSize.MICRO
    if workers < 20:
        return BusinessSize.SMALL
    if workers < 100:
        return BusinessSize.MEDIUM
    return BusinessSize.LARGE


def quoted(values) -> str:
    return ", ".join(f"“{value}”" for value in values)


# The resource ----------------------------------------------------------------------------


class NamesWidget(widgets.ManyToManyWidget):
    """Exports many-to-many rows as their slugs, separated by semicolons."""

    def __init__(self, model):
        super().__init__(model, separator=";", field="slug")

    def render(self, value, obj=None, **kwargs):
        return "; ".join(sorted(getattr(row, self.field) for row in value.all())) if value is not None else ""


class TagsWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return "; ".join(sorted(tag.name for tag in value.all())) if value is not None else ""


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
