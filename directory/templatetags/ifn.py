import re

from django import template
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_path(context, language: str) -> str:
    """The current page in another language, for the language switch."""
    home = "/en/" if language == "en" else "/"
    request = context.get("request")
    if request is None:
        return home
    path = request.get_full_path()
    translated = translate_url(path, language)
    # A path that resolves to no page (a 404) cannot be translated: go home.
    return translated if translated != path else home


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
