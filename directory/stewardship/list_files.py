"""Community list files in and out of the admin: CSV and XLSX read safely,
exports that spreadsheets cannot turn into formulas, and the forms of the
import and export pages."""

import csv

import tablib
from django import forms
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from directory.listings.models import ListingStatus

MAX_ROWS = 10_000
MAX_FILE_SIZE = 20 * 1024 * 1024  # 10,000 long rows fit easily


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
