import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def translated_path(context, language: str) -> str:
    """The current page in another language, for the language switch."""
    home = "/en/" if language == "en" else "/"
    request = context.get("request")
    if request is None:
        return home
    path = request.get_full_path()
    if language == get_language():
        return path
    translated = translate_url(path, language)
    # A path that resolves to no page (a 404) cannot be translated: go home.
    return translated if translated != path else home


@register.simple_tag(takes_context=True)
def absolute_path(context, language: str) -> str:
    """The absolute address of this page in `language`, for hreflang links."""
    request = context.get("request")
    path = translated_path(context, language)
    return request.build_absolute_uri(path) if request else path


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


@register.filter
def json_ld(data: dict) -> str:
    """A schema.org JSON-LD block, escaped like json_script so no text in it
    can close the script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
