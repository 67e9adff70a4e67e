"""The few marks a page's text may carry, turned into HTML with everything
else escaped: paragraphs, ## headings, - lists, [links](address) and
{placeholders} for settings (the contact address)."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|mailto:|/)[^)\s]*)\)")


def _inline(text: str) -> str:
    parts, position = [], 0
    for match in LINK.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', match.group(2), match.group(1)))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def render_markup(text: str, values: dict[str, str] | None = None) -> SafeString:
    """Blocks separated by blank lines; {name} is replaced by values[name]."""
    for name, value in (values or {}).items():
        text = text.replace("{" + name + "}", value)
    html = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            html.append(f"<h2>{_inline(lines[0][3:])}</h2>")
            lines = lines[1:]
        if lines and all(line.startswith("- ") for line in lines):
            html.append("<ul>" + "".join(f"<li>{_inline(line[2:])}</li>" for line in lines) + "</ul>")
        elif lines:
            html.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return mark_safe("\n".join(html))
