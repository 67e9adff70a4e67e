"""{% url %} as Django writes it, with the addresses that take no arguments
worked out once per process and language: a page names the directory, the
sentra, the sign-in and a dozen more in its header and footer, and reversing
each one again on every page cost about 0.4 ms a profile. Loaded as a
built-in (settings.TEMPLATES), so every template's {% url %} is this one."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

_known: dict[tuple, str] = {}


class RememberedURLNode(URLNode):
    def render(self, context):
        if self.args or self.kwargs or self.asvar:
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None) or getattr(
            getattr(request, "resolver_match", None), "namespace", None
        )
        key = (
            self.view_name.resolve(context),
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            current_app,
            context.autoescape,
        )
        found = _known.get(key)
        if found is None:
            found = _known[key] = super().render(context)
        return found


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
