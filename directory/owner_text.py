"""Text that owners write, shown in the page's language when they gave it in
that language, and otherwise honestly labelled.

An owner writes in Indonesian (`tagline`, `description`, a product's
`name`...) and may add an English version in the field of the same name
ending in `_en`. An English page shows the English version when there is
one; otherwise it shows the Indonesian text with `lang="id"` on its element,
so browsers offer to translate it and screen readers pronounce it as
Indonesian. Text the owners wrote without an English field (a photo's
description, keywords, export markets) is marked the same way.
"""

from dataclasses import dataclass

from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

OWNERS_LANGUAGE = "id"


@dataclass(frozen=True)
class OwnerText:
    text: str
    # The language of `text` when it differs from the page's, else "".
    lang: str = ""

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def page_language() -> str:
    return (get_language() or OWNERS_LANGUAGE).split("-")[0]


def text_in(language: str) -> str:
    """The `lang` a text in `language` needs on the current page ("" when
    it is the page's own)."""
    return "" if language == page_language() else language


def owner_text(obj, field: str) -> OwnerText:
    """`obj.<field>` in the page's language: the English version
    (`<field>_en`) on an English page when it has one, else the Indonesian;
    the English one on an Indonesian page only when there is no Indonesian."""
    indonesian = (getattr(obj, field, "") or "").strip()
    english = (getattr(obj, f"{field}_en", "") or "").strip()
    if english and (page_language() == "en" or not indonesian):
        return OwnerText(english, text_in("en"))
    return OwnerText(indonesian, text_in(OWNERS_LANGUAGE) if indonesian else "")


def owner_element(
    text: OwnerText,
    *,
    element: str = "span",
    css_class: str = "",
    paragraphs: bool = False,
    breaks: bool = False,
    truncate: int = 0,
    inner: str | SafeString | None = None,
) -> SafeString:
    """`text` in its element with `lang` when it needs one: <p class="lead"
    lang="id">…</p>. `paragraphs` renders blank-line paragraphs (linebreaks);
    `breaks` turns line breaks into <br>; `inner` replaces the escaped text (e.g. with search terms marked)."""
    if not text:
        return mark_safe("")
    content = text.text
    if truncate:
        content = Truncator(content).chars(truncate)
    if inner is not None:
        body = inner
    elif paragraphs:
        body = mark_safe(linebreaks(content, autoescape=True))
    elif breaks:
        body = linebreaksbr(content, autoescape=True)
    else:
        body = format_html("{}", content)
    attributes = format_html(' class="{}"', css_class) if css_class else mark_safe("")
    if text.lang:
        attributes += format_html(' lang="{}"', text.lang)
    return format_html("<{0}{1}>{2}</{0}>", mark_safe(element), attributes, body)
