"""The partner cards of a profile as HTML kept in the shared cache.

The profiles of one sentra suggest the same few neighbours, each with the
same reason: a card rendered for one profile serves the next in the same
language. A card is keyed by the public version (which every change the
public can see moves on: the business, its products, photos, capabilities,
the reference rows), the business and when it last changed, the language
and the reason, and holds nothing but what every visitor sees. Without a
shared cache each card is rendered for its page."""

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from directory.browse.card_html import card_html
from directory.caching import PAGE_SECONDS, public_cache_key
from directory.listings.models import Business
from directory.soft_cache import shared_cache


def render_card(business: Business) -> SafeString:
    return card_html(business, reason=business.partner_reason)


def with_card_html(partners: list[Business]) -> list[Business]:
    """`partners`, each with its card as `card_html`; in one round trip to
    the shared cache when there is one."""
    if not settings.PUBLIC_PAGE_CACHE:
        for partner in partners:
            partner.card_html = render_card(partner)
        return partners
    language = get_language()
    keys = {
        partner.pk: public_cache_key(
            "partner-card", language, str(partner.pk), partner.updated_at.isoformat(), partner.partner_reason
        )
        for partner in partners
    }
    found = shared_cache.get_many(list(keys.values())) if keys else {}
    rendered = {}
    for partner in partners:
        key = keys[partner.pk]
        if key in found:
            partner.card_html = mark_safe(found[key])
        else:
            partner.card_html = rendered[key] = render_card(partner)
    if rendered:
        shared_cache.set_many({key: str(html) for key, html in rendered.items()}, PAGE_SECONDS)
    return partners
