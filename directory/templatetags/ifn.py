"""The site's template tags: role names for cards, the page's address in the
other language, canonical parameters, search-term highlighting, JSON-LD,
responsive images and the owner's dashboard link."""

import functools
import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import resolve_url
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.http import escape_leading_slashes
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from directory.browse.number_field import plain_numbers
from directory.images import image_tag
from directory.listings.amounts import PAIRS

register = template.Library()


@register.simple_tag
def business_card(business, *, eager: bool = False, terms: str = "", reason: str = "") -> str:
    """{% business_card business eager=forloop.first terms=terms %}: one card
    (browse.card_html); the card says why a partner is suggested with `reason`."""
    from directory.browse.card_html import card_html

    return card_html(business, terms=terms or "", eager=bool(eager), reason=reason or "")


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def translated_path(context, language: str) -> str:
    """The current page in another language, for the language switch."""
    home = "/en/" if language == "en" else "/"
    request = context.get("request")
    if request is None:
        return home
    # Asked for five times by a page (language switch, canonical and
    # hreflang links), each a resolving of the path: once per language.
    known = request.__dict__.setdefault("_translated_paths", {})
    key = (language, get_language())
    if key not in known:
        # A path asked for as //host/... would otherwise come back as a link
        # to that host, here and in the hreflang addresses.
        path = escape_leading_slashes(request.get_full_path())
        if language == get_language():
            known[key] = path
        else:
            # Numbers read in this page's language, written so the other reads them alike.
            plain = plain_numbers(path, number_units())
            translated = translate_url(plain, language)
            # A path that resolves to no page (a 404) cannot be translated: go home.
            known[key] = translated if translated != plain else home
    return known[key]


@functools.cache
def number_units() -> dict[str, dict]:
    """The listing's number filters and the units each may be written in."""
    from directory.browse.filters import RANGES

    return {name: item.extra.get("units", PAIRS) for name, item in RANGES.items()}


@register.simple_tag(takes_context=True)
def absolute_path(context, language: str) -> str:
    """The address of this page in `language` for search engines (canonical
    and hreflang links): absolute, and with only the query parameters that
    change what the page shows."""
    request = context.get("request")
    path = page_address(translated_path(context, language))
    return request.build_absolute_uri(path) if request else path


def page_address(path: str) -> str:
    """`path` without the query parameters that show the same page: a
    campaign's or an app's (utm_source, fbclid), unknown ones, empty ones and
    page 1."""
    parts = urlsplit(path)
    if not parts.query:
        return path
    shown = page_parameters()
    kept = [
        (name, value)
        for name, value in parse_qsl(parts.query)
        if name in shown and not (name == "page" and value == "1")
    ]
    return urlunsplit(parts._replace(query=urlencode(kept)))


@functools.cache
def page_parameters() -> frozenset[str]:
    """The query parameters that change what a public page shows: the
    directory's and the collaboration board's filters, and the page."""
    from directory.browse.filters import BusinessFilter
    from directory.connect.filters import CollaborationPostFilter

    return frozenset({*BusinessFilter.base_filters, *CollaborationPostFilter.base_filters, "page"})


@register.filter(needs_autoescape=True)
def highlight(text: str, terms: str, autoescape=True) -> str:
    """Wrap the words of `text` that start like a searched word in <mark>."""
    escape = conditional_escape if autoescape else (lambda value: value)
    words = [re.escape(word) for word in (terms or "").split() if len(word) >= 2]
    if not text or not words:
        return escape(text or "")
    pattern = re.compile(r"\b(" + "|".join(words) + r")\w*", re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(str(text)):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(str(piece) for piece in pieces))


@register.simple_tag(takes_context=True)
def json_ld(context, data: dict) -> str:
    """A schema.org JSON-LD block, escaped like json_script so no text in it
    can close the script element. It carries the page's CSP nonce, as every
    inline script does, though browsers do not run data blocks."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    if (nonce := context.get("csp_nonce")) is not None:
        return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(text))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def responsive_image(image, *, alt: str = "", sizes: str = "100vw", lazy: bool = True, **attributes) -> str:
    """{% responsive_image business.logo sizes="56px" alt="" class="card__logo" %}: see images.image_tag."""
    return image_tag(image, alt=alt, sizes=sizes, lazy=lazy, **attributes)


@register.simple_tag
def dashboard_url() -> str:
    """The owner dashboard, where signing in leads, in the page's language."""
    return translate_url(resolve_url(settings.LOGIN_REDIRECT_URL), get_language())


@register.filter
def phone(value) -> str:
    """A stored +62 number grouped for reading: {{ business.phone|phone }}."""
    from directory.phones import phone_display

    return phone_display(str(value or ""))


@register.filter
def tel(value) -> str:
    """The tel: address that keeps a number's plain digits: href="{{ business.phone|tel }}"."""
    from directory.phones import tel_uri

    return tel_uri(str(value or ""))


@register.simple_tag
def owner_text(obj, field: str, **options) -> str:
    """Owner-written text in the page's language, in its element, marked with
    `lang` when it is not (directory.owner_text):

        {% owner_text business "tagline" element="p" class="lead" %}
        {% owner_text business "description" element="div" class="prose" paragraphs=True %}
        {% owner_text post "description" element="p" truncate=160 %}
        {% owner_text product "description" element="p" breaks=True %}
        {% owner_text business "tagline" element="p" highlight=terms %}
    """
    from directory.owner_text import owner_element
    from directory.owner_text import owner_text as text_of

    text = text_of(obj, field)
    terms = options.get("highlight")
    return owner_element(
        text,
        element=options.get("element", "span"),
        css_class=options.get("class", ""),
        paragraphs=options.get("paragraphs", False),
        breaks=options.get("breaks", False),
        truncate=options.get("truncate", 0),
        inner=highlight(text.text, terms) if terms else None,
    )


@register.simple_tag
def owner_lang(attribute: bool = True) -> str:
    """For owner-written text that has no English version (keywords, export
    markets, a photo's description): ` lang="id"` on pages in another
    language, nothing on Indonesian ones. `attribute=False` gives the bare
    value, for a tag's argument: {% owner_lang False as photo_lang %}."""
    from directory.owner_text import OWNERS_LANGUAGE, text_in

    lang = text_in(OWNERS_LANGUAGE)
    if not attribute:
        return lang
    return format_html(' lang="{}"', lang) if lang else ""


@register.filter
def owner_plain(obj, field: str) -> str:
    """The owner's text in the page's language, without its element, for
    attributes that cannot carry `lang` (meta descriptions)."""
    from directory.owner_text import owner_text as text_of

    return text_of(obj, field).text


@register.simple_tag
def price(product) -> str:
    """A product's price range in rupiah, written the page's way, and on
    English pages the indicative dollar range at the latest rate staff set
    (none without a rate): {% price product %}."""
    from directory.money.prices import dollar_note, rupiah_range
    from directory.money.rates import current_rate

    rupiah = rupiah_range(product.price_min, product.price_max)
    if not rupiah:
        return ""
    rate = current_rate() if get_language() == "en" else None
    note = dollar_note(product.price_min, product.price_max, rate) if rate else ""
    if not note:
        return format_html('<span class="price__rupiah">{}</span>', rupiah)
    return format_html('<span class="price__rupiah">{}</span> <span class="price__dollars">{}</span>', rupiah, note)


@register.simple_tag
def material_text(material: str) -> str:
    """A product's material, which owners write in their own words: on an
    English page the glossary's English term when the words are a known
    footwear term ("Kulit sapi" -> "cow leather"), else the owner's words
    marked lang="id"; as written on Indonesian pages."""
    from directory.owner_text import OWNERS_LANGUAGE, text_in
    from directory.search.glossary import english_term

    material = (material or "").strip()
    lang = text_in(OWNERS_LANGUAGE)
    if not material or not lang:
        return material
    english = english_term(material) if get_language() == "en" else None
    if english:
        return english[:1].upper() + english[1:]
    return format_html('<span lang="{}">{}</span>', lang, material)


class SharedFragmentNode(template.Node):
    def __init__(self, name: str, business: template.base.FilterExpression, nodelist: template.NodeList):
        self.name, self.business, self.nodelist = name, business, nodelist

    def render(self, context) -> str:
        from directory.caching import PAGE_SECONDS, public_cache_key
        from directory.soft_cache import shared_cache

        business = self.business.resolve(context)
        if not settings.PUBLIC_PAGE_CACHE or not business.is_published:
            return self.nodelist.render(context)
        key = public_cache_key("fragment", self.name, get_language(), str(business.pk), business.updated_at.isoformat())
        html = shared_cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            shared_cache.set(key, str(html), PAGE_SECONDS)
        return mark_safe(html)


@register.tag
def shared_fragment(parser, token):
    """{% shared_fragment "profile-main" business %}…{% endshared_fragment %}:
    what every visitor of a published business sees alike, kept rendered in
    the shared cache under the public version (which any change the public
    can see moves on: the business, its products, photos, capabilities, the
    reference rows, the exchange rate), the business, when it last changed
    and the language. Nothing that depends on who asks may be inside. Without
    a shared cache, or for a business not published, it is rendered each time."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and a business")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return SharedFragmentNode(name, parser.compile_filter(bits[2]), nodelist)
