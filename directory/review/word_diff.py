"""Which words an owner changed: a word-level diff of two texts, marked with
<ins> and <del>, for staff who would otherwise compare two paragraphs by eye.

Owners write the text, so every word is escaped before it is marked; only
the marks themselves are HTML."""

import difflib
import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Words and single punctuation marks, each with the white space after it: a
# changed comma marks the comma, not the word before it, and spaces are
# never a match on their own.
TOKENS = re.compile(r"(\w+|[^\w\s])(\s*)", re.UNICODE)
# Unchanged stretches longer than this many tokens on each side of a change
# are shortened to an ellipsis, so a one-word edit of a long description
# reads in a line.
CONTEXT = 12


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The words compared, and the same words with their trailing space as shown."""
    pieces = TOKENS.findall((text or "").lstrip())
    return [word for word, _space in pieces], [word + space for word, space in pieces]


def _marked(tag: str, words: list[str]) -> str:
    """Changed words in `tag`, the white space around them left outside."""
    text = "".join(words)
    core = text.strip()
    if not core:
        return escape(text)
    start = text.index(core)
    return format_html("{}<{}>{}</{}>{}", text[:start], tag, core, tag, text[start + len(core) :])


def _shortened(words: list[str], *, first: bool, last: bool, context: int) -> str:
    """An unchanged stretch, with only `context` tokens kept next to each change."""
    head = 0 if first else context
    tail = 0 if last else context
    if context <= 0 or (first and last) or len(words) <= head + tail + 1:
        return escape("".join(words))
    return escape("".join(words[:head])) + "…" + escape("".join(words[len(words) - tail :]))


def word_diff(before: str, after: str, *, context: int = CONTEXT) -> SafeString:
    """`after` with the words taken out of `before` in <del> and the words
    added in <ins>, everything else escaped; long unchanged stretches are
    shortened unless `context` is 0."""
    (old_words, old), (new_words, new) = tokens(before), tokens(after)
    opcodes = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
    parts = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            first, last = index == 0, index == len(opcodes) - 1
            parts.append(_shortened(new[j1:j2], first=first, last=last, context=context))
            continue
        if op in ("delete", "replace"):
            parts.append(_marked("del", old[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(_marked("ins", new[j1:j2]))
    return mark_safe("".join(parts))  # every part was escaped above


def marked_sides(before: str, after: str) -> tuple[SafeString, SafeString]:
    """The two texts for a side-by-side view: deletions marked in the first,
    insertions in the second, nothing shortened."""
    (old_words, old), (new_words, new) = tokens(before), tokens(after)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(escape("".join(old[i1:i2])))
            right.append(escape("".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(_marked("del", old[i1:i2]))
        if j2 > j1:
            right.append(_marked("ins", new[j1:j2]))
    return mark_safe("".join(left)), mark_safe("".join(right))  # escaped above
