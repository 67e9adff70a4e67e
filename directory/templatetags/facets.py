"""The listing's filter options, a hundred and more on a page: each is
written here in one call instead of an included template, whose rendering
cost more than a tenth of the page's time."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.safestring import SafeString

from directory.templatetags.ifn import owner_lang

register = template.Library()


@register.simple_tag
def facet_option(name: str, option: dict, value: str = "") -> SafeString:
    """One checkbox with its label and how many results it gives; tags are
    owners' words, marked with their language."""
    label = option["label"]
    if name == "tag":
        label = format_html('<span class="facet__label"{}>{}</span>', owner_lang(), label)
    return format_html(
        '<label><input type="checkbox" name="{}" value="{}"{}> {} <span>{}</span></label>\n',
        name,
        value or option["value"],
        " checked" if option["selected"] else "",
        label,
        intcomma(option["count"]),
    )
