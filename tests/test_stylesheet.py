"""The stylesheet degrades where a browser lacks a feature it uses."""

import re
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


def blocks(css: str, header: str) -> list[str]:
    """The bodies of every block opened by `header` (an at-rule), braces matched."""
    bodies = []
    for match in re.finditer(re.escape(header) + r"\s*\{", css):
        depth, start = 1, match.end()
        for position in range(start, len(css)):
            depth += {"{": 1, "}": -1}.get(css[position], 0)
            if depth == 0:
                bodies.append(css[start:position])
                break
    return bodies


def test_it_hides_the_filters_button_only_where_css_can_open_the_filters():
    # A browser without ::details-content (Samsung Internet, Safari before
    # 18.4, Firefox before 143) would hide the button yet keep the filters
    # folded: on a wide screen nobody could reach them.
    css = CSS.read_text()
    hiding = re.compile(r"\.filters\s*>\s*summary\s*\{[^}]*display:\s*none")
    supported = "".join(blocks(css, "@supports selector(::details-content)"))
    assert hiding.search(supported)
    assert len(hiding.findall(css)) == len(hiding.findall(supported))
    assert "::details-content" not in css.replace(supported, "").replace("selector(::details-content)", "")
