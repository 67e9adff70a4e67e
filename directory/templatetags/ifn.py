from django import template
from django.urls import translate_url

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
