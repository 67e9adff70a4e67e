"""A card of the board of open requests as HTML, built in Python as the
business cards are (browse.card_html): twenty on every page of the board.
No buyer's name or address is on it, only what the request asks for."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from directory.markup import escape


def request_card(sourcing) -> SafeString:
    language = escape(sourcing.language)
    kinds = " · ".join(
        escape(term.display_name) for term in (sourcing.category, sourcing.construction, sourcing.segment) if term
    )
    pairs = ngettext("%(number)s pair", "%(number)s pairs", sourcing.quantity) % {
        "number": escape(intcomma(sourcing.quantity))
    }
    deadline = sourcing.deadline
    # One column, as the collaboration board's cards: the card's row layout
    # is for a picture beside the text, which a request has not.
    return mark_safe(
        '<article class="card">\n'
        '        <div class="card__body">\n'
        f'        <h3 class="card__name"><a href="{escape(sourcing.get_absolute_url())}" lang="{language}">'
        f"{escape(sourcing.title)}</a></h3>\n"
        f'        <p class="card__meta">{kinds}</p>\n'
        f'        <p class="card__meta">{pairs} · {escape(gettext("until"))} '
        f'<time datetime="{deadline.isoformat()}">{escape(date_format(deadline, "j M Y"))}</time>'
        f' · <span lang="{language}">{escape(sourcing.buyer_country)}</span></p>\n'
        "        </div>\n"
        "      </article>"
    )
