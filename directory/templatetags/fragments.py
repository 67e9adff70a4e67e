"""{% constant_fragment %}…{% endconstant_fragment %}: a part of a page that
is the same on every page in one language (the site's header links, its
footer), rendered once per process and language and then written as it is.
The header and footer cost every page about 0.25 ms in looking up variables,
translating and escaping the same words again.

Nothing inside may depend on the request, the person or the page: no
`request`, `user`, CSRF token, nonce or page variable. What it does depend
on is in its key: the language, the script prefix, the URL configuration
and the autoescape mode. A changed setting (in tests) forgets every kept
rendering, since addresses of static files and pages follow settings."""

from django import template
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

# Moved on by every changed setting: a rendering kept under an older one is not used.
_generation = [0]


def _forget(**kwargs) -> None:
    _generation[0] += 1


setting_changed.connect(_forget)


class ConstantFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist
        self.generation, self.kept = _generation[0], {}

    def render(self, context) -> str:
        if self.generation != _generation[0]:
            # A new dict, not a cleared one: another thread may be reading this one.
            self.generation, self.kept = _generation[0], {}
        kept = self.kept
        key = (get_language(), get_script_prefix(), get_urlconf(), context.autoescape)
        html = kept.get(key)
        if html is None:
            # Safe as rendered (NodeList.render marks it), and kept so.
            html = kept[key] = self.nodelist.render(context)
        return html


@register.tag
def constant_fragment(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("constant_fragment takes no arguments")
    nodelist = parser.parse(("endconstant_fragment",))
    parser.delete_first_token()
    return ConstantFragmentNode(nodelist)
