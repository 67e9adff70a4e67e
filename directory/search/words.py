"""Words as search sees them: normalised tokens, legal forms set aside, and
the stems of Indonesian affixed words, the same on every database.

A light stemmer: it proposes every plausible root of an affixed word
(`penyamakan` -> `penyamak`, `samak`; `sepatunya` -> `sepatu`), and both a
business's words and a query's words carry their roots, so any two forms of
one root meet. It never strips `se-` (`sepatu`) and keeps roots of four
letters or more, so short words are left as they are.
"""

import re
import unicodedata

NON_WORD = re.compile(r"[^0-9a-z]+")
# Legal forms say nothing about what a business does: `PT.`, `C.V.`, `UD`.
LEGAL_FORMS = frozenset({"pt", "cv", "ud", "pd", "tbk", "fa", "persero"})
# A cooperative's form says what it is (its members' own enterprise), and
# buyers look for one ("koperasi", "cooperative"): searched like any word,
# and still set aside when a whole name is compared.
COOPERATIVE_FORMS = frozenset({"koperasi", "kud"})
MIN_ROOT = 4
# Words that carry the sentence, not the request: a buyer who writes "we are
# looking for a factory that can make sports shoes" asks for a factory and
# sports shoes. Left out of what is searched when other words remain.
ENGLISH_STOP_WORDS = """
a an the of for and or in at from with by into about is are be am was were it its this that these those
there here where what which who how can could would will do does did i we you my our your me us please
need needs want wants looking look find finding buy buying recommend recommended any some help know tell
info information
"""
INDONESIAN_STOP_WORDS = """
yang di ke dari dan atau untuk dengan pada oleh saya kami kita anda aku ini itu ada bisa dapat mau ingin
cari mencari carikan butuh membutuhkan perlu mohon tolong minta info informasi apakah dimana mana siapa
bagaimana tentang juga
"""
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS.split() + INDONESIAN_STOP_WORDS.split())

PARTICLES = ("lah", "kah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
DERIVATIONAL = ("kan", "an")
# Plain prefixes, removed as they are (`pe-`, `me-` only before l, r, w, y).
PREFIXES = ("ber", "ter", "per", "di", "ke")
SHORT_PREFIXES = ("pe", "me")
# Nasal prefixes: me-/pe- with the root's first letter dropped before a vowel.
NASALS = (
    ("meng", ("", "k")),
    ("peng", ("", "k")),
    ("meny", ("s",)),
    ("peny", ("s",)),
    ("mem", ("p",)),
    ("pem", ("p",)),
    ("men", ("t",)),
    ("pen", ("t",)),
)
VOWELS = "aiueo"


def normalize(text: str) -> str:
    """`PT. Sepatu-Kú` -> `pt sepatu ku`."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return NON_WORD.sub(" ", ascii_text.lower()).strip()


def tokens(text: str) -> list[str]:
    """The words of `text`, normalised, with runs of single letters joined
    (`C.V.` -> `cv`, `P T` -> `pt`) and legal forms left out."""
    words, letters = [], []
    for word in normalize(text).split():
        if len(word) == 1 and word.isalpha():
            letters.append(word)
            continue
        if letters:
            words.append("".join(letters))
            letters = []
        words.append(word)
    if letters:
        words.append("".join(letters))
    return [word for word in words if word not in LEGAL_FORMS]


def without_suffixes(word: str) -> list[str]:
    forms = [word]
    for group in (PARTICLES, POSSESSIVES, DERIVATIONAL):
        for current in list(forms):
            for suffix in group:
                if current.endswith(suffix) and len(current) - len(suffix) >= MIN_ROOT:
                    forms.append(current[: -len(suffix)])
    return forms


def without_prefixes(word: str) -> list[str]:
    roots = []
    for prefix, first_letters in NASALS:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest:
            roots += [first + rest for first in first_letters] if rest[0] in VOWELS else [rest]
    roots += [word[len(prefix) :] for prefix in PREFIXES if word.startswith(prefix)]
    roots += [word[2:] for prefix in SHORT_PREFIXES if word.startswith(prefix) and word[2:3] in ("l", "r", "w", "y")]
    if word.startswith("be") and word[2:3] not in ("", "r", *VOWELS):
        roots.append(word[2:])
    return [root for root in roots if len(root) >= MIN_ROOT]


def stems(word: str) -> set[str]:
    """The possible roots of an affixed word, itself excluded."""
    if len(word) <= MIN_ROOT or not word.isalpha():
        return set()
    found = set()
    for form in without_suffixes(word):
        found.add(form)
        found.update(without_prefixes(form))
    found.discard(word)
    return found


def indexed(text: str) -> str:
    """A column's content: its words in order, then the roots of its affixed
    words, padded with spaces so that ` word ` matches whole words."""
    words = tokens(text)
    roots = sorted({root for word in set(words) for root in stems(word)} - set(words))
    return f" {' '.join(words + roots)} " if words else ""
