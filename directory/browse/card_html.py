"""A business card as HTML, built in Python.

The card is the most rendered piece of the site: twenty on every listing
page, four under every profile, more on the home and sentra pages. Through
the template engine one card cost about 0.7 ms, mostly in looking up
variables and rendering translation tags; built here it costs a fraction of
that. The markup is the one `{% business_card %}` (templatetags.ifn) puts
wherever a card is shown:

    <article class="card">
      picture (browse.cards: product or gallery photo, else logo, else initial)
      <div class="card__body"> name, roles, tagline, matched product, place,
        minimum order and capacity, how promptly it answers, the reason a
        partner is suggested, badges </div>
    </article>
"""

from django.urls import get_script_prefix, reverse
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from directory.browse.cards import card_photo
from directory.caching import remembered
from directory.capabilities.models import SupplyUnit
from directory.connect.responsiveness import reply_line
from directory.images import image_tag
from directory.markup import escape
from directory.naming import localized
from directory.owner_text import owner_element, owner_text
from directory.taxonomy.reference import place_names, role_rows
from directory.templatetags.ifn import highlight

# The CSS box of a card's picture (6rem, 7.5rem on a wide screen), in pixels.
CARD_IMAGE_SIZES = "(min-width: 56rem) 120px, 96px"


def card_picture(business, *, eager: bool = False) -> str:
    """A card's picture: its photo (browse.cards), else the logo; "" when it
    has neither (the card shows the initial then). Lazily loaded, unless
    `eager` (the first card, on screen at once)."""
    photo = card_photo(business)
    if photo:
        image, alt = photo
        language = {"lang": alt.lang} if alt.lang else {}
        return image_tag(
            image, alt=alt.text, sizes=CARD_IMAGE_SIZES, lazy=not eager, largest=320, **{"class": "card__photo"},
            **language,
        )  # fmt: skip
    return image_tag(
        business.logo, alt="", sizes=CARD_IMAGE_SIZES, lazy=not eager, largest=320, **{"class": "card__logo"}
    )


def role_names(business) -> list[str]:
    """The names of a business's roles, read from its facet keys and the
    cached reference rows, so that a page of cards needs no query for them."""
    keys = business.facet_keys
    return [localized(name, name_en) for slug, name, name_en in role_rows() if f"role:{slug}" in keys]


_profile_paths: dict[tuple[str, str], str] = {}


def profile_path(slug: str) -> str:
    """Business.get_absolute_url() without resolving the URL again for
    every card: the profile's path in this language with the slug put in
    (a slug is letters, digits and hyphens, nothing a path must quote)."""
    key = (get_language(), get_script_prefix())
    pattern = _profile_paths.get(key)
    if pattern is None:
        pattern = _profile_paths[key] = reverse("directory:business_detail", args=["-"]).replace("/-/", "/{}/")
    return pattern.format(slug)


def grouped(number: int, thousands: str | None = None) -> str:
    """A whole number with the language's thousands separator, as intcomma
    writes it: 12.500 on Indonesian pages, 12,500 on English ones. A caller
    writing many numbers passes `separator()`, asked once."""
    return f"{number:,}".replace(",", separator() if thousands is None else thousands)


def separator() -> str:
    """The page's thousands separator, asked of the language's formats once
    per request and language: a listing writes two hundred numbers."""
    language = get_language()
    return remembered(f"thousands:{language}", lambda: get_format("THOUSAND_SEPARATOR"))


def translated(message: str, **values) -> str:
    """A translated sentence with its values escaped in, as blocktranslate
    gives it: the translation itself is trusted."""
    return gettext(message) % {name: escape(value) for name, value in values.items()}


def card_html(business, *, terms: str = "", eager: bool = False, reason: str = "") -> SafeString:
    """One card. `terms`: the searched words, marked in the name, tagline and
    matched product; `reason`: why a partner is suggested."""
    picture = card_picture(business, eager=eager) or (
        f'<span class="card__logo card__logo--empty" aria-hidden="true">{escape(business.name[:1])}</span>'
    )
    roles = "".join(f"<li>{escape(role)}</li>" for role in role_names(business))
    parts = [
        f'<article class="card">\n{picture}\n<div class="card__body">\n',
        f'<h3 class="card__name"><a href="{escape(profile_path(business.slug))}">'
        f"{highlight(business.name, terms)}</a></h3>\n",
        f'<ul class="card__roles">{roles}</ul>\n',
        tagline(business, terms),
        "\n",
    ]
    if business.matched_product:
        product = owner_text(business.matched_product, "name")
        inner = highlight(product.text, terms) if terms else None
        label = escape(gettext("Matching product:"))
        parts.append(f'<p class="card__match">{label} {owner_element(product, inner=inner)}</p>')
    names = place_names()
    place = escape(names.get(business.province_id, ""))
    if business.regency_id:
        place = f"{escape(names.get(business.regency_id, ''))}, {place}"
    parts.append(f'\n<p class="card__meta">{place}</p>\n')
    parts.append(figures(business))
    parts.append(reply(business))
    if reason:
        parts.append(f'<p class="card__reason">{escape(capfirst(reason))}</p>')
    parts.append(f"\n{badges(business)}\n</div>\n</article>\n")
    return mark_safe("".join(parts))


def tagline(business, terms: str) -> str:
    text = owner_text(business, "tagline")
    inner = highlight(text.text, terms) if terms else None
    return owner_element(text, element="p", css_class="card__tagline", inner=inner)


def figures(business) -> str:
    """Minimum order and monthly capacity, in pairs, and a supplier's
    smallest quantity in its unit, when the business said."""
    said, thousands = [], separator()
    if business.minimum_order:
        said.append(translated("Minimum order %(number)s pairs", number=grouped(business.minimum_order, thousands)))
    if business.monthly_capacity:
        said.append(translated("%(number)s pairs a month", number=grouped(business.monthly_capacity, thousands)))
    if business.supply_minimum and business.supply_unit:
        unit = SUPPLY_UNITS.get(business.supply_unit, "")
        number = grouped(business.supply_minimum, thousands)
        said.append(translated("Sells from %(number)s %(unit)s", number=number, unit=unit))
    pieces = " ".join(f"<span>{text}</span>" for text in said)
    return f'<p class="card__figures">{pieces}</p>\n' if pieces else "\n"


SUPPLY_UNITS = dict(SupplyUnit.choices)


def reply(business) -> str:
    """How promptly it answers, once enough messages were measured."""
    line = reply_line(business)
    if line is None:
        return "\n"
    typical = f"{escape(line.typical)} · " if line.typical else ""
    share = translated("%(percent)s%% of messages answered within 48 hours", percent=line.percent)
    return f'<p class="card__reply">{typical}{share}</p>\n'


def badges(business) -> str:
    if not (business.verified or business.export_ready or business.featured):
        return ""
    pieces = ""
    if business.verified:
        pieces += f'<span class="badge badge--verified">{escape(gettext("Verified by BPIPI"))}</span>'
    if business.export_ready:
        pieces += f' <span class="badge badge--export">{escape(gettext("Export ready"))}</span>'
    if business.featured:
        pieces += ' <span class="badge badge--featured">Indonesia Local Select</span>'
    return f'<p class="card__badges">{pieces}</p>'
