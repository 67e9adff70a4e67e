"""HTML built in Python, escaped as the template engine escapes, for the
pieces rendered too often to go through templates (browse.card_html,
sourcing.board_cards)."""

import html

from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe


def escape(value) -> str:
    """Safe strings as they are, anything else through html.escape (what
    django.utils.html.escape does, without its lazy-string wrapper, which
    cost more than the escaping)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def paragraphs(text: str) -> SafeString:
    """Someone's text as HTML paragraphs, escaped: what `|linebreaks` gives
    in a template, for a summary built with format_html."""
    return mark_safe(linebreaks(str(text or ""), autoescape=True))
