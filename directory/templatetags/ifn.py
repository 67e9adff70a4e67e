from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_path(context, language: str) -> str:
    """The current page in another language, for the language switch."""
    request = context.get("request")
    if request is None:
        return "/en/" if language == "en" else "/"
    return translate_url(request.get_full_path(), language)
