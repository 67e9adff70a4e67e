"""Production capabilities of the demo businesses, by archetype: what each
kind of workshop plausibly does, from which `seed_demo` picks for every
business, so the listing's capability filters have something to count."""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Capabilities:
    construction: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    sizes: tuple[int, int] | None = None
    sample_days: tuple[int, int] | None = None
    order_days: tuple[int, int] | None = None
    supply_unit: str = ""
    kbli: tuple[str, ...] = ()


SHOEMAKER_SERVICES = ("oem", "private-label", "pattern-making", "finishing", "packaging")
BY_ARCHETYPE = {
    "sneakers-brand": Capabilities(
        ("cemented", "vulcanised", "strobel"), ("men", "women", "unisex"), ("casual", "sport", "school"),
        ("canvas", "synthetic", "rubber", "eva", "suede"), ("odm", "private-label"), (36, 45), (5, 14), (21, 45),
        kbli=("15201", "15202"),
    ),
    "pantofel-workshop": Capabilities(
        ("cemented", "goodyear-welt", "blake", "handmade"), ("men", "women"), ("formal", "casual", "boots"),
        ("cow-leather", "goat-leather", "buffalo-leather", "suede"), SHOEMAKER_SERVICES, (38, 46), (3, 10), (14, 40),
        kbli=("15201",),
    ),
    "sandal-maker": Capabilities(
        ("cemented", "injection-moulded", "handmade"), ("men", "women", "kids", "unisex"), ("sandals",),
        ("synthetic", "eva", "rubber", "tpr"), SHOEMAKER_SERVICES, (25, 44), (2, 7), (7, 30), kbli=("15209",),
    ),
    "womens-brand": Capabilities(
        ("cemented", "moccasin", "handmade"), ("women",), ("formal", "casual", "sandals"),
        ("sheep-leather", "goat-leather", "synthetic", "suede"), ("odm", "private-label"), (35, 41), (5, 14), (21, 45),
        kbli=("15201",),
    ),
    "safety-factory": Capabilities(
        ("injection-moulded", "goodyear-welt", "cemented"), ("men", "unisex"), ("safety", "boots"),
        ("cow-leather", "buffalo-leather", "rubber", "synthetic"), ("oem", "private-label"), (38, 47), (7, 21),
        (30, 60), kbli=("15203",),
    ),
    "kids-brand": Capabilities(
        ("cemented", "strobel", "vulcanised"), ("kids",), ("school", "casual", "sandals"),
        ("synthetic", "canvas", "eva", "tpr"), ("odm", "private-label"), (20, 37), (5, 14), (21, 45),
        kbli=("15201",),
    ),
    "outsole-supplier": Capabilities(
        materials=("rubber", "eva", "tpr"), services=("sole-moulding",), sample_days=(5, 14), order_days=(14, 30),
        supply_unit="pair", kbli=("22192",),
    ),
    "last-maker": Capabilities(services=("last-making",), sample_days=(3, 10), supply_unit="pair", kbli=("15209",)),
    "leather-trader": Capabilities(
        materials=("cow-leather", "goat-leather", "sheep-leather", "suede", "synthetic", "canvas"),
        supply_unit="sqft", kbli=("46419",),
    ),
    "accessories-packaging": Capabilities(services=("packaging",), supply_unit="piece", kbli=("22299",)),
    "machinery": Capabilities(supply_unit="piece", kbli=("28263",)),
    "tannery": Capabilities(
        materials=("cow-leather", "goat-leather", "buffalo-leather", "sheep-leather", "suede"), supply_unit="sqft",
        kbli=("15111", "15112"),
    ),
    "rubber-estate": Capabilities(materials=("rubber",), supply_unit="kg", kbli=("22199",)),
    "design-studio": Capabilities(services=("odm", "pattern-making", "last-making"), sample_days=(7, 21)),
    "lab-training": Capabilities(),
    "organisation": Capabilities(),
}  # fmt: skip
EXPORT_COUNTRIES = ("MY", "SG", "JP", "NL", "AU", "AE", "US", "DE", "KR", "BN")
SUPPLY_MINIMUMS = {"pair": (50, 500), "sqft": (100, 2000), "kg": (100, 5000), "piece": (10, 1000)}


def pick(archetype_key: str, rng: random.Random, *, export_ready: bool) -> dict:
    """The capability values of one business: its words (by slug), numbers
    and export countries (by code), drawn from its archetype."""
    profile = BY_ARCHETYPE.get(archetype_key, Capabilities())

    def some(options: tuple[str, ...]) -> list[str]:
        return rng.sample(options, rng.randint(1, len(options))) if options else []

    values = {
        "construction_methods": some(profile.construction)[:3],
        "audiences": some(profile.audiences),
        "footwear_types": some(profile.types),
        "materials": some(profile.materials)[:4],
        "services": some(profile.services)[:3],
        "kbli_codes": list(profile.kbli),
        "export_countries": rng.sample(EXPORT_COUNTRIES, rng.randint(1, 3)) if export_ready else [],
        "fields": {},
    }
    fields = values["fields"]
    if profile.sizes:
        low, high = profile.sizes
        fields["size_from"] = rng.randint(low, low + 2)
        fields["size_to"] = rng.randint(high - 2, high)
    if profile.sample_days:
        fields["sample_lead_days"] = rng.randint(*profile.sample_days)
        fields["samples"] = rng.choice(["free", "paid", "paid"])
    if profile.order_days:
        fields["order_lead_days"] = rng.randint(*profile.order_days)
    if profile.supply_unit:
        fields["supply_unit"] = profile.supply_unit
        fields["supply_minimum"] = rng.randrange(*SUPPLY_MINIMUMS[profile.supply_unit], 10)
    return values
