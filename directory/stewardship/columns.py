"""The columns of a community list: their names and the aliases people write,
and how each cell is read (places, roles, sizes, yes/no, tags)."""

import datetime
import re
from collections import defaultdict

from import_export import widgets

from directory.listings.models import BusinessSize
from directory.places.models import Province, Regency, Sentra
from directory.stewardship.list_files import FORMULA_STARTS
from directory.stewardship.spellings import header_aliases, place_key, province_aliases, regency_parts
from directory.taxonomy.models import Certification, ProductCategory, Role, Stage

LIST_SEPARATORS = re.compile(r"\s*[;,\n]\s*")
# Stage may be left out: it follows from the roles (stage_for_roles).
REQUIRED_COLUMNS = ["name", "roles"]

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
    "tagline_en",
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

# Header names communities already use for the same columns (spellings.HEADER_SYNONYMS).
COLUMN_ALIASES = header_aliases(COLUMNS)

YES = {"1", "yes", "y", "ya", "true", "benar", "x", "✓", "v", "sudah", "siap", "ada"}
NO = {"", "0", "no", "n", "tidak", "false", "salah", "-"}


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


class ReferenceData:
    """Every reference row by each of its keys, loaded once per import."""

    def __init__(self):
        self.roles = self._index(Role.objects.all(), "slug", "name", "name_en")
        self.categories = self._index(ProductCategory.objects.all(), "slug", "name", "name_en")
        self.certifications = self._index(Certification.objects.all(), "slug", "name", "name_en")
        self.provinces = {province.code: province for province in Province.objects.all()}
        self.provinces_by_name = {place_key(province.name): province for province in self.provinces.values()}
        for alias, code in province_aliases().items():
            if code in self.provinces:
                self.provinces_by_name.setdefault(alias, self.provinces[code])
        regencies = list(Regency.objects.all())
        self.regencies_by_code = {regency.code: regency for regency in regencies}
        # By (kind, name) and by ("", name): "Kota Bandung" is one city,
        # "Bandung" the city or the regency.
        self.regencies_by_name = defaultdict(list)
        for regency in regencies:
            kind, name = regency_parts(regency.name)
            self.regencies_by_name[kind, name].append(regency)
            self.regencies_by_name["", name].append(regency)
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


def stage_for_roles(slugs: set[str]) -> str:
    """The stage a list leaves out: material sources are upstream,
    suppliers midstream, makers, brands and the rest downstream."""
    if slugs and slugs <= {"material-source", "supplier"}:
        return Stage.HULU if "material-source" in slugs else Stage.TENGAH
    return Stage.HILIR


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
