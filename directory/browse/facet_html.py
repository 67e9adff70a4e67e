"""The listing's filter groups as HTML, built in Python.

A listing page offers a hundred and more options; through the template
engine (an included template per group, a tag per option) they cost about a
fifth of the page's time, in looking up variables and escaping. The markup is
what `{% facet_group %}` and `{% facet_option %}` (templatetags.facets) put
in the filter form:

    <fieldset class="facet" [data-narrow="Find a province"]>
      <legend>Province</legend>
      <label><input type="checkbox" name="province" value="32" checked>
        <span class="facet__label">Jawa Barat</span> <span>1.234</span></label>
      ... the most used options, then <details class="facet__more"> with the rest
    </fieldset>
"""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from directory.browse.card_html import grouped, separator, translated
from directory.markup import escape
from directory.owner_text import OWNERS_LANGUAGE, text_in

FIND = gettext_noop("Find a %(group)s")
SHOW_ALL = gettext_noop("Show all %(count)s")


def option_html(name: str, option: dict, value: str = "", *, owners: str = "", thousands: str | None = None) -> str:
    """One checkbox with its label and how many results it gives. Tags are
    owners' words: `owners` is their language on a page in another one.
    `thousands`: the page's thousands separator (card_html.separator)."""
    # In its own box, so that a count not fitting beside it goes under it.
    lang = f' lang="{escape(owners)}"' if name == "tag" and owners else ""
    label = f'<span class="facet__label"{lang}>{escape(option["label"])}</span>'
    checked = " checked" if option["selected"] else ""
    return (
        f'<label><input type="checkbox" name="{escape(name)}" value="{escape(value or option["value"])}"{checked}> '
        f"{label} <span>{grouped(option['count'], thousands)}</span></label>\n"
    )


def group_html(group: dict) -> SafeString:
    """One filter group (listing.facet_groups): its shown options, and the
    rest behind "Show all N"."""
    name = group["name"]
    owners = text_in(OWNERS_LANGUAGE) if name == "tag" else ""
    thousands = separator()
    narrow = ""
    if group["narrow"]:
        narrow = f' data-narrow="{translated(FIND, group=str(group["label"]).lower())}"'
    parts = [f'<fieldset class="facet"{narrow}>\n  <legend>{escape(group["label"])}</legend>\n  ']
    parts += [option_html(name, option, owners=owners, thousands=thousands) for option in group["shown"]]
    parts.append("\n  ")
    if group["more"]:
        parts.append(
            f'<details class="facet__more"><summary>{translated(SHOW_ALL, count=len(group["options"]))}</summary>\n  '
        )
        parts += [option_html(name, option, owners=owners, thousands=thousands) for option in group["more"]]
        parts.append("</details>")
    parts.append("\n</fieldset>\n")
    return mark_safe("".join(parts))
