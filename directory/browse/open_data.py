"""Open data: the directory's listing as CSV (/direktori/ekspor.csv), with the
same filters and search as the listing page.

Only what a profile shows to everyone, and only the parts useful to someone
comparing businesses: name, address on the site, value-chain data, places,
size, export readiness, verification, and the business's public web presence
(website and social accounts). Phone numbers, WhatsApp numbers and email
addresses are left out on purpose: they are shown one profile at a time for a
visitor who wants to get in touch, not handed out by the thousand to
spammers. Owners, statuses, claims, reasons for rejection and the street
address never leave the site.
"""

import csv

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory.browse.filters import BusinessFilter
from directory.capabilities.open_data import (
    CAPABILITY_COLUMNS,
    capability_cells,
    capability_header,
    capability_names,
)
from directory.capabilities.reference import CAPABILITY_FACETS
from directory.listings.models import Business, BusinessSize
from directory.naming import localized
from directory.taxonomy.models import Stage
from directory.taxonomy.reference import reference_rows

# Anonymous visitors and ordinary accounts (free to open) get the first
# ANONYMOUS_ROWS businesses of a result; BPIPI staff get all of it.
ANONYMOUS_ROWS = 1_000
CHUNK_ROWS = 500
FIELDS = ["name", "slug", "stage", "size", "export_ready", "verified", "website", "instagram", "facebook", "youtube",
          "tiktok", "facet_keys", *CAPABILITY_COLUMNS]  # fmt: skip
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def row_cap(request: HttpRequest) -> int | None:
    """How many rows this person may download; None is no limit."""
    return None if request.user.is_staff else ANONYMOUS_ROWS


def safe_cell(value) -> str:
    """The cell as text that a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Echo:
    """A file-like object whose write() hands back what it was given, so that
    csv.writer produces one line at a time for a streamed response."""

    def write(self, value: str) -> str:
        return value


def header() -> list[str]:
    return [
        _("Name"),
        _("Profile"),
        _("Roles"),
        _("Value-chain stage"),
        _("Province"),
        _("Regency or city"),
        _("Sentra"),
        _("Product categories"),
        _("Certifications"),
        _("Business size"),
        _("Export ready"),
        _("Verified by BPIPI"),
        _("Website"),
        "Instagram",
        "Facebook",
        "YouTube",
        "TikTok",
        *capability_header(),
    ]


class Formatter:
    """Turns a row of FIELDS into the cells of one line. Everything that
    depends on the language is worked out when it is made, in the request:
    a streamed body is written after the request's language is switched off.
    Names come from the cached reference rows, so no row costs a query."""

    def __init__(self, request: HttpRequest):
        rows = reference_rows()
        self.names = {
            kind: {value: localized(name, name_en) for value, name, name_en in rows[kind]}
            for kind in ("role", "province", "regency", "sentra", "category", "certification", *CAPABILITY_FACETS)
        }
        # Places keep their official names in the data, in either language.
        for kind in ("province", "regency"):
            self.names[kind] = {value: name for value, name, _name_en in rows[kind]}
        self.positions = {
            kind: {value: index for index, value in enumerate(names)} for kind, names in self.names.items()
        }
        self.stages = {value: str(label) for value, label in Stage.choices}
        self.sizes = {value: str(label) for value, label in BusinessSize.choices}
        self.yes, self.no = _("yes"), _("no")
        # Export markets and supply units, named in the page's language.
        self.countries, self.units = capability_names()
        self.header = header()
        # Slugs are URL-safe, so a placeholder's address serves every profile.
        self.profile = request.build_absolute_uri(reverse("directory:business_detail", args=[SLUG_PLACEHOLDER]))

    def of(self, keys: dict, kind: str) -> str:
        names = self.names[kind]
        parts = (key.partition(":") for key in keys)
        values = [value for name, _colon, value in parts if name == kind and value in names]
        # In the reference order: roles by their order, categories by kind.
        return "; ".join(names[value] for value in sorted(values, key=self.positions[kind].__getitem__))

    def cells(self, row: tuple) -> list[str]:
        name, slug, stage, size, export_ready, verified, website, instagram, facebook, youtube, tiktok, keys, *more = (
            row
        )
        return [
            name,
            self.profile.replace(SLUG_PLACEHOLDER, slug),
            self.of(keys, "role"),
            self.stages.get(stage, stage),
            self.of(keys, "province"),
            self.of(keys, "regency"),
            self.of(keys, "sentra"),
            self.of(keys, "category"),
            self.of(keys, "certification"),
            self.sizes.get(size, ""),
            self.yes if export_ready else self.no,
            self.yes if verified else self.no,
            website,
            # Social accounts as the profile links them.
            f"https://www.instagram.com/{instagram.lstrip('@')}/" if instagram else "",
            facebook,
            youtube,
            f"https://www.tiktok.com/@{tiktok.lstrip('@')}" if tiktok else "",
            *capability_cells(self, keys, more),
        ]


SLUG_PLACEHOLDER = "slug-placeholder"


@require_GET
def business_export(request: HttpRequest) -> StreamingHttpResponse:
    """The listing's current result as CSV, in the listing's order, streamed."""
    filterset = BusinessFilter(request.GET, queryset=Business.objects.published(), request=request)
    # The listing's counts for these filters, usually still cached from the
    # page the link was on, choose the same plan as the listing; a search is
    # ranked over all its matches, not the listing's recent candidates.
    results = filterset.results(total=filterset.facets()["total"], estimated=False)
    cap = row_cap(request)
    if cap is not None:
        results = results[:cap]
    formatter = Formatter(request)
    businesses = results.values_list(*FIELDS).iterator(chunk_size=CHUNK_ROWS)
    writer = csv.writer(Echo())

    def lines():
        # A byte order mark, so that spreadsheets read the file as UTF-8.
        yield "\ufeff" + writer.writerow(formatter.header)
        for row in businesses:
            yield writer.writerow([safe_cell(cell) for cell in formatter.cells(row)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ifn-direktori-{timezone.localdate().isoformat()}.csv"'
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
