"""Community lists in and out of the admin, with django-import-export.

A list is a CSV or XLSX file with one business a row and a header line of
column names (`COLUMNS`, or the names lists use: spellings.HEADER_SYNONYMS).
Every value is checked with the rules of the owner's forms (phone numbers
become +62 numbers, links must be http or https, social profiles become
handles) and looked up in the reference data by code, slug or name, after
the shorthands of hand-kept lists are read (spellings); each such reading
is shown in the preview. Repeated businesses: see import_repeats.

The file is read in the admin's dry run first (nothing is kept), then again
when staff confirm; `services.business_import()` commits all rows or none.
"""

import datetime
import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.results import RowResult
from taggit.utils import parse_tags

from directory.listings.fields import MAX_TAGS, TAG_MAX_LENGTH
from directory.listings.forms import DESCRIPTION_MAX_LENGTH, ContactsForm, YearField
from directory.listings.models import FIRST_FOUNDING_YEAR, Business, BusinessSize, ListingStatus
from directory.naming import unique_slug
from directory.places.models import Province, Regency, Sentra
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
    size_for_workers,
    stage_for_roles,
)
from directory.stewardship.import_numbers import NumberReading
from directory.stewardship.import_places import PlaceReading
from directory.stewardship.import_repeats import RepeatChecks
from directory.stewardship.list_files import MAX_ROWS, ImportFileError
from directory.stewardship.spellings import (
    IGNORED_HEADERS,
    ROLE_SEPARATORS,
    head_count,
    header_key,
    is_empty_marker,
    role_in,
    role_words,
)
from directory.taxonomy.models import Certification, ProductCategory, Role, Stage


class BusinessResource(PlaceReading, NumberReading, RepeatChecks, resources.ModelResource):
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
        # What the file wrote and what the import read it as, for the preview.
        self.row_readings: dict[str, str] = {}
        self.readings: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.header_readings: list[tuple[str, str]] = []
        self.ignored_headers: list[str] = []

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
        written = [plain(header) for header in dataset.headers or []]
        ignored = [header for header in written if header and header_key(header) in IGNORED_HEADERS]
        for header in ignored:
            # A row number, the owner's own name, coordinators' notes: not
            # kept by the directory, and no reason to refuse the list.
            del dataset[header]
        written = [header for header in written if header not in ignored]
        headers = [COLUMN_ALIASES.get(header_key(header), key(header).replace(" ", "_")) for header in written]
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
        self.roles_by_word = role_words()
        self.reset_repeats()
        self.ignored_headers = ignored
        self.header_readings = [
            (header, column) for header, column in zip(written, headers, strict=True) if header != column
        ]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Spreadsheets often end with rows that look empty, or hold only "-".
        return not any((text := plain(value)) and not is_empty_marker(text, column) for column, value in row.items())

    def note(self, column: str, written: str, read_as: str) -> None:
        """Record that the row's `column` said `written` and was read as
        `read_as`: the preview shows both."""
        self.row_readings[column] = read_as

    def import_instance(self, instance, row, **kwargs):
        line = kwargs["row_number"] + 1
        errors: dict[str, list] = {}
        cleaned: dict = {}
        self.row_readings = {}
        for column in COLUMNS:
            if column not in self.present_columns:
                continue
            value = plain(row.get(column))
            if value and is_empty_marker(value, column):
                self.note(column, value, gettext("(empty)"))
                value = ""
            try:
                cleaned[column] = getattr(self, f"clean_{column}", self.clean_text)(value)
            except ValidationError as error:
                errors.setdefault(column, []).extend(error.messages)
        if not cleaned.get("stage") and cleaned.get("roles"):
            cleaned["stage"] = stage_for_roles({role.slug for role in cleaned["roles"]})
            self.note("stage", plain(row.get("stage")), Stage(cleaned["stage"]).label)
        elif "stage" not in cleaned and "roles" not in errors:
            errors.setdefault("stage", []).append(gettext("This column cannot be empty."))
        self.clean_places(cleaned, errors)
        self.clean_numbers(cleaned, errors, line)
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
            line = kwargs["row_number"] + 1
            for column, read_as in self.row_readings.items():
                self.readings[column, plain(row.get(column)), str(read_as)].append(line)
        readings = self.row_readings if row_result.import_type == RowResult.IMPORT_TYPE_NEW else {}
        # The preview's cells: what the file says, and what it was read as.
        row_result.cells = [(plain(row.get(column)), readings.get(column)) for column in row]

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.diff_headers = list(dataset.headers or [])
        if not result.has_errors() and not result.has_validation_errors():
            self.find_lookalikes()
        result.warnings = sorted(set(self.warnings))
        # By column, so that staff read every province, then every regency...
        readings = sorted(self.readings.items(), key=lambda item: (COLUMNS.index(item[0][0]), item[1][0]))
        result.readings = [(line_ranges(lines), *reading) for reading, lines in readings]
        result.header_readings = self.header_readings
        result.ignored_headers = self.ignored_headers

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
        if value.startswith("="):
            # What a spreadsheet runs, such as =HYPERLINK(…): never a business's name.
            raise ValidationError(gettext("This is a spreadsheet formula, not a name: write the name itself."))
        return value

    def clean_tagline(self, value):
        return self.bounded(value, "tagline")

    def clean_tagline_en(self, value):
        return self.bounded(value, "tagline_en")

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

    def _many(self, value: str, index: dict, message: str, read=None) -> list:
        """The reference rows a list of names or codes names; `read(name)`
        gives the rows of a name the index does not know, if it can."""
        found, unknown = [], []
        for name in LIST_SEPARATORS.split(value):
            if not name:
                continue
            row = index.get(key(name))
            rows = [row] if row else (read(name) if read else [])
            if not rows:
                unknown.append(name)
            found.extend(row for row in rows if row not in found)
        if unknown:
            known = ", ".join(sorted({row.slug for row in index.values()}))
            raise ValidationError(message % {"values": quoted(unknown), "known": known})
        return found

    def clean_roles(self, value):
        roles = self._many(
            self.required(value),
            self.reference.roles,
            gettext("Unknown role %(values)s. Use the names or these codes: %(known)s."),
            read=self.read_role,
        )
        if not roles:
            raise ValidationError(gettext("This column cannot be empty."))
        if any(key(name) not in self.reference.roles for name in LIST_SEPARATORS.split(value) if name):
            self.note("roles", value, "; ".join(role.display_name for role in roles))
        return roles

    def read_role(self, name: str) -> list:
        """Roles in a list's own words: "produsen", "pengrajin sepatu",
        "toko / pemasok bahan" (spellings.ROLE_WORDS)."""
        roles = []
        for part in ROLE_SEPARATORS.split(name):
            if not part:
                continue
            role = self.reference.roles.get(key(part))
            code = None if role else role_in(part, self.roles_by_word)
            role = role or self.reference.roles.get(code or "")
            if role is None:
                return []  # One unknown word: the whole name is unknown.
            roles.append(role)
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
        # A trailing comma keeps "sepatu kulit pria" one keyword, as lists mean it.
        names = parse_tags(value.replace(";", ",") + ",") if value else []
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
        return self._choice(value, STAGES, Stage.values) if value else ""  # Else from the roles.

    def clean_size(self, value):
        if not value:
            return ""
        if key(value) in SIZES:
            return SIZES[key(value)]
        workers = head_count(value)
        if workers is None:
            return self._choice(value, SIZES, [*BusinessSize.values, gettext("or the number of workers")])
        size = size_for_workers(max(workers, 1))
        self.note("size", value, BusinessSize(size).label)
        return size

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
        # "th. 1998", "sejak 2012": the words the owner's form reads too.
        written = YearField.WORDS.sub("", str(value)) if value else value
        return self._number(written, FIRST_FOUNDING_YEAR, datetime.date.today().year)

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
        return value  # Read with the WhatsApp column in clean_numbers().

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


def line_ranges(lines: list[int], most: int = 12) -> str:
    """`2, 5, 7-9` (with an en dash): the lines a reading was made on, the first `most`
    runs of them and then how many lines in all."""
    runs: list[list[int]] = []
    for line in sorted(set(lines)):
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    text = ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs[:most])
    if len(runs) > most:
        text += " … " + ngettext("(%d line)", "(%d lines)", len(set(lines))) % len(set(lines))
    return text
