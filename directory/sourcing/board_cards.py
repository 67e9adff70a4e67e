"""The cards of a page of the board of open requests as HTML, built in
Python as the business cards are (browse.card_html): twenty on every page of
the board. No buyer's name or address is on it, only what the request asks
for."""

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from directory.markup import escape
from directory.sourcing.board import term_names
from directory.sourcing.quantities import pairs_text

# A number no request has, replaced by each request's own in its address.
_MARK = "918273645"


def board_cards(rows) -> list[SafeString]:
    """One card per row of `board.board_requests`, in order: the terms'
    names, the requests' address and each date are worked out once a page."""
    rows = list(rows)
    names = term_names(rows)
    head, tail = reverse("directory:request_detail", args=[_MARK]).split(_MARK)
    until = escape(gettext("until"))
    dates = {}
    cards = []
    for row in rows:
        if row.deadline not in dates:
            dates[row.deadline] = (
                f'<time datetime="{row.deadline.isoformat()}">{escape(date_format(row.deadline, "j M Y"))}</time>'
            )
        terms = (("kategori", row.category_id), ("konstruksi", row.construction_id), ("jenis", row.segment_id))
        kinds = " · ".join(escape(names[term]) for term in terms if term in names)
        pairs = escape(pairs_text(row.quantity))
        language = escape(row.language)
        # One column, as the collaboration board's cards: the card's row
        # layout is for a picture beside the text, which a request has not.
        cards.append(
            mark_safe(
                '<article class="card">\n'
                '        <div class="card__body">\n'
                f'        <h3 class="card__name"><a href="{head}{row.pk}{tail}" lang="{language}">'
                f"{escape(row.title)}</a></h3>\n"
                f'        <p class="card__meta">{kinds}</p>\n'
                f'        <p class="card__meta">{pairs} · {until} {dates[row.deadline]}'
                f' · <span lang="{language}">{escape(row.buyer_country)}</span></p>\n'
                "        </div>\n"
                "      </article>"
            )
        )
    return cards
