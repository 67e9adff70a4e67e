"""The "Production capabilities" block of a public profile: the words from
the business's facet keys and the cached reference rows, the countries and
KBLI titles from one cached list, and the certificates (one query, only
when the business holds one that has not expired)."""

from django.templatetags.static import static

from directory.caching import PAGE_SECONDS, cached, public_cache_key
from directory.capabilities.models import BusinessCertificate, Country, KbliCode, valid_certificates
from directory.capabilities.reference import CAPABILITY_FACETS
from directory.naming import localized

# The pictures shipped in static/capabilities/, by construction method.
PICTURES = {
    "cemented",
    "vulcanised",
    "injection-moulded",
    "goodyear-welt",
    "blake",
    "strobel",
    "moccasin",
    "handmade",
}


# The business's own fields the block shows.
ANSWERS = [
    "size_from",
    "size_to",
    "minimum_order",
    "monthly_capacity",
    "sample_lead_days",
    "order_lead_days",
    "samples",
    "supply_minimum",
    "nib",
]


def country_and_code_names() -> dict[str, dict[str, tuple[str, str]]]:
    """{"country": {"JP": ("Jepang", "Japan")}, "kbli": {"15201": (...)}},
    cached until public data changes."""

    def load():
        return {
            "country": {
                code: (name, name_en) for code, name, name_en in Country.objects.values_list("code", "name", "name_en")
            },
            "kbli": {
                code: (name, name_en) for code, name, name_en in KbliCode.objects.values_list("code", "name", "name_en")
            },
        }

    return cached(public_cache_key("capability-lists"), load, PAGE_SECONDS)


def capability_block(business, taxonomy: dict) -> dict:
    """What the block shows; empty values are left out by the template.
    `taxonomy` is the profile's terms by kind (browse.profile.taxonomy),
    capability words included."""
    keys = business.facet_keys
    block = {name: taxonomy.get(name, []) for name in CAPABILITY_FACETS}
    # Every key the template asks for is there: a missing one costs the
    # template engine an expensive search for an attribute of that name.
    block.update(countries=[], kbli=[], certificates=[])
    block["methods"] = [
        (term, static(f"capabilities/{term.slug}.svg") if term.slug in PICTURES else "")
        for term in block["construction"]
    ]
    wanted = {
        kind: [key.partition(":")[2] for key in keys if key.startswith(f"{kind}:")] for kind in ("country", "kbli")
    }
    if any(wanted.values()):
        names = country_and_code_names()
        block["countries"] = [
            localized(*names["country"][code]) for code in wanted["country"] if code in names["country"]
        ]
        block["kbli"] = [
            (code, localized(*names["kbli"][code])) for code in sorted(wanted["kbli"]) if code in names["kbli"]
        ]
    if any(key.startswith("certification:") for key in keys):
        block["certificates"] = list(
            BusinessCertificate.objects.filter(valid_certificates(), business=business)
            .select_related("certification")
            .order_by("certification__name")
        )
    answered = [getattr(business, name) for name in ANSWERS]
    block["filled"] = any(value not in (None, "") for value in answered) or any(
        block.get(name) for name in [*CAPABILITY_FACETS, "countries", "kbli", "certificates"]
    )
    return block


def capability_json_ld(business, block: dict) -> dict:
    """What schema.org has a place for: the construction methods, materials
    and services as `knowsAbout`, the NIB as an `identifier`, each KBLI
    code's ISIC class (KBLI follows ISIC rev. 4 in its first four digits) as
    `isicV4`, and certificates staff checked as `hasCredential`."""
    data = {}
    known = [term.name for name in ("construction", "material", "service") for term in block.get(name, [])]
    if known:
        data["knowsAbout"] = known
    if business.nib:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "NIB", "value": business.nib}
    classes = sorted({code[:4] for code, _title in block.get("kbli", [])})
    if classes:
        data["isicV4"] = classes[0] if len(classes) == 1 else classes
    checked = [held for held in block.get("certificates", []) if held.checked_on]
    if checked:
        data["hasCredential"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "name": held.certification.display_name,
                "credentialCategory": "certificate",
                **({"identifier": held.number} if held.number else {}),
                **({"validUntil": held.expires_on.isoformat()} if held.expires_on else {}),
            }
            for held in checked
        ]
    return data
