"""The listing's filter options, a hundred and more on a page: written in
Python (browse.facet_html) instead of an included template per group, whose
rendering cost a fifth of the page's time."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from directory.browse.facet_html import group_html, option_html
from directory.owner_text import OWNERS_LANGUAGE, text_in

register = template.Library()


@register.simple_tag
def facet_group(group: dict) -> SafeString:
    """{% facet_group group %}: one filter group with its options."""
    return group_html(group)


@register.simple_tag
def facet_option(name: str, option: dict, value: str = "") -> SafeString:
    """One checkbox with its label and how many results it gives."""
    owners = text_in(OWNERS_LANGUAGE) if name == "tag" else ""
    return mark_safe(option_html(name, option, value, owners=owners))
