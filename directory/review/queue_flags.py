"""What staff should look at twice before approving: prices no footwear
business asks, links in an owner's text that lead away from the business,
a listing without a single photo. Each check reads values already loaded,
so the queue flags every row without a query per row."""

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from directory.money.prices import rupiah_range

# Per pair, in rupiah: below the cheapest sandal or above any bespoke shoe.
PRICE_LOWEST = 5_000
PRICE_HIGHEST = 50_000_000
# A price below PRICE_LOWEST that becomes plausible times a thousand was
# probably typed without its thousands ("350" for Rp 350.000).
TYPO_FACTOR = 1_000

# A link in text: with a scheme, starting with www., or a bare host with a
# path or a well-known ending (bit.ly/x, toko.com, wa.me/62...).
LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|id|net|org|co|me|ly|io|shop|store|biz|info|link|site)"
    r"(?:/[^\s<>\"']*)?\b",
    re.IGNORECASE,
)


def rupiah(amount: int) -> str:
    """Rp 350.000 in Indonesian, Rp 350,000 in English, as on the public pages."""
    return rupiah_range(amount, None)


def price_problems(products: Iterable) -> list[str]:
    """One line per product whose prices look wrong, naming the product. (A
    lowest price above the highest cannot be stored: a constraint refuses it.)"""
    problems = []
    for product in products:
        prices = [price for price in (product.price_min, product.price_max) if price is not None]
        for price in prices:
            if price < PRICE_LOWEST and PRICE_LOWEST <= price * TYPO_FACTOR <= PRICE_HIGHEST:
                problems.append(
                    _("%(product)s: %(price)s, perhaps %(meant)s?")
                    % {"product": product.name, "price": rupiah(price), "meant": rupiah(price * TYPO_FACTOR)}
                )
            elif price < PRICE_LOWEST:
                problems.append(
                    _("%(product)s: %(price)s is below %(lowest)s a pair")
                    % {"product": product.name, "price": rupiah(price), "lowest": rupiah(PRICE_LOWEST)}
                )
            elif price > PRICE_HIGHEST:
                problems.append(
                    _("%(product)s: %(price)s is above %(highest)s a pair")
                    % {"product": product.name, "price": rupiah(price), "highest": rupiah(PRICE_HIGHEST)}
                )
            else:
                continue
            break
    return problems


def _address(url: str) -> tuple[str, str]:
    """(host without www., path without its trailing slash), lower case."""
    url = url.strip().lower()
    parts = urlsplit(url if "//" in url else f"//{url}")
    return (parts.hostname or "").removeprefix("www."), parts.path.rstrip("/")


def own_addresses(business) -> list[tuple[str, str]]:
    """The business's own website (any page of it) and shops and pages (their
    own address and below)."""
    own = []
    if business.website:
        own.append((_address(business.website)[0], ""))
    pages = [business.facebook, business.youtube]
    pages += [shop.url for shop in business.marketplace_shops.all()]
    if business.instagram:
        pages.append(f"instagram.com/{business.instagram.lstrip('@')}")
    if business.tiktok:
        pages.append(f"tiktok.com/@{business.tiktok.lstrip('@')}")
    own += [_address(page) for page in pages if page]
    return [(host, path) for host, path in own if host]


def outside_links(texts: Iterable[str], own: list[tuple[str, str]]) -> list[str]:
    """Links in these texts that lead neither to the business's website nor
    to one of its own shops or pages, each once, in order."""
    found = []
    for text in texts:
        for match in LINK.finditer(text or ""):
            link = match.group(0).rstrip(".,;:!?)")
            host, path = _address(link)
            if not host or "@" in text[max(0, match.start() - 1) : match.start()]:
                continue  # the host of an email address
            if any(host == own_host and (path + "/").startswith(own_path + "/") for own_host, own_path in own):
                continue
            if link not in found:
                found.append(link)
    return found
