"""Business names as staff compare them when they look for one business
listed twice, and the places in which two listings count as one.

Community lists write the same business in many ways: the legal form before
or after the name or not at all ("CV. Sepatu Jaya", "Sepatu Jaya, CV"), old
spelling ("Sepatoe Djaja"), shorthand ("Spt", "Klt", "Kop."), a typo. A name
is therefore reduced to its words without punctuation, legal forms and
honorifics, with shorthand written out, and split into the words that say
what the business sells (generic: sepatu, kulit, shoes...) and the words
that tell it apart (distinctive: "jaya abadi"). Two names match when their
distinctive words are equal or one typo apart; a different distinctive word
("Jaya Abadi" and "Jaya Makmur", "Putra" and "Putri") means another
business, which is what a street of one sentra is full of.
"""

import re
import unicodedata
from dataclasses import dataclass

# Legal forms and kinds of enterprise, as words of a normalised name (after
# single letters are joined: "C.V." -> "cv"). Longer forms first.
LEGAL_FORMS = [
    "perseroan terbatas",
    "persekutuan komanditer",
    "commanditaire vennootschap",
    "usaha dagang",
    "perusahaan dagang",
    "industri rumah tangga",
    "industri kecil menengah",
    "industri kecil dan menengah",
    "home industry",
    "home industri",
    "kelompok usaha bersama",
    "koperasi serba usaha",
    "koperasi produsen",
    "pt",
    "cv",
    "ud",
    "pd",
    "fa",
    "firma",
    "tbk",
    "persero",
    "perusahaan",
    "usaha",
    "koperasi",
    "kop",
    "kopinkra",
    "ksu",
    "kub",
    "ikm",
    "ukm",
    "umkm",
    "irt",
    "pirt",
    "toko",
    "tk",
    "gerai",
    "industri",
    "ind",
    "grup",
    "group",
]
# Words that name a person's standing, not the business: "Sepatu Pak Asep".
HONORIFICS = {"pak", "bapak", "bpk", "bu", "ibu", "h", "hj", "haji", "hajjah", "mas", "mbak", "kang", "teh", "bang"}
# Little words that lists keep or drop at will.
FILLERS = {"dan", "n", "and", "the", "of", "di"}
# Shorthand, written out. Not other spellings of whole words (Barokah and
# Berkah, Rizki and Rejeki): those are often the names of other businesses,
# and a typo in them is caught as a typo.
ABBREVIATIONS = {
    "spt": "sepatu",
    "sptu": "sepatu",
    "sepatoe": "sepatu",
    "sdl": "sandal",
    "sndl": "sandal",
    "sendal": "sandal",
    "klt": "kulit",
    "kul": "kulit",
    "krj": "kerajinan",
    "prod": "produksi",
    "konv": "konveksi",
    "jy": "jaya",
    "mkmr": "makmur",
    "mkm": "makmur",
    "sjht": "sejahtera",
    "sts": "sentosa",
    "brkh": "berkah",
    "smbr": "sumber",
    "mdr": "mandiri",
    "bdg": "bandung",
    "bdng": "bandung",
    "sby": "surabaya",
    "jkt": "jakarta",
    "yk": "yogyakarta",
    "yogya": "yogyakarta",
    "jogja": "yogyakarta",
    "jogjakarta": "yogyakarta",
    "mjk": "mojokerto",
    "mjkt": "mojokerto",
    "sda": "sidoarjo",
    "bgr": "bogor",
    "tng": "tangerang",
    "tgr": "tangerang",
    "mgt": "magetan",
    "pdg": "padang",
    "cbdyt": "cibaduyut",
    "shoe": "shoes",
    "coll": "collection",
    "koleksi": "collection",
}
# Words that say what is made or sold, shared by half a sentra.
GENERIC = {
    "sepatu",
    "sandal",
    "kulit",
    "tas",
    "dompet",
    "ikat",
    "pinggang",
    "sabuk",
    "jaket",
    "alas",
    "kaki",
    "shoes",
    "footwear",
    "leather",
    "bags",
    "bag",
    "sneakers",
    "boots",
    "collection",
    "craft",
    "crafts",
    "handmade",
    "kerajinan",
    "produksi",
    "production",
    "konveksi",
    "grosir",
    "sol",
    "karet",
    "store",
    "shop",
    "official",
    "pengrajin",
    "perajin",
    "workshop",
}
# Words for a kind of business in the value chain: lasts, machines,
# packaging, tanneries, test labs, design studios, training, communities.
# Generic too, but two names with different ones ("Penyamakan Kulit Sari",
# "Lab Uji Sari") are two businesses.
KINDS = {
    "acuan",
    "last",
    "bengkel",
    "mesin",
    "teknik",
    "kemasan",
    "penyamakan",
    "kebun",
    "lab",
    "uji",
    "studio",
    "desain",
    "design",
    "pola",
    "pelatihan",
    "komunitas",
    "paguyuban",
    "aksesori",
    "aksesoris",
    "atelier",
    "lem",
    "busa",
    "spons",
    "kanvas",
}
GENERIC |= KINDS
# Old spelling, still on many signboards: Djaja, Tjahaja, Sepatoe, Sjarif.
OLD_SPELLING = re.compile(r"dj|tj|sj|oe")

NON_WORD = re.compile(r"[^a-z0-9]+")
# Runs of single letters, as left by dotted initials: "c v" -> "cv".
INITIALS = re.compile(r"\b([a-z])\s+(?=[a-z]\b)")


@dataclass(frozen=True)
class MatchName:
    """A name reduced for comparison: its distinctive and generic words."""

    distinctive: tuple[str, ...]
    generic: frozenset[str]

    @property
    def key(self) -> str:
        return " ".join(self.distinctive)


def modern_spelling(word: str) -> str:
    """`djaja` -> `jaya`, `tjahaja` -> `cahaya`: a word with a mark of the
    spelling before 1972 is read in it whole (its j was today's y)."""
    if not OLD_SPELLING.search(word):
        return word
    word = word.replace("dj", "J").replace("tj", "C").replace("sj", "SY").replace("oe", "u")
    return word.replace("j", "y").lower()


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = NON_WORD.sub(" ", text.replace("&", " dan ")).strip()
    text = INITIALS.sub(r"\1", text)
    for form in LEGAL_FORMS:
        if " " in form:
            text = re.sub(rf"\b{form}\b", " ", text)
    words = []
    for word in text.split():
        if word not in ABBREVIATIONS and word not in GENERIC:
            word = modern_spelling(word)
        word = ABBREVIATIONS.get(word, word)
        if word in LEGAL_FORMS or word in HONORIFICS or word in FILLERS:
            continue
        words.append(word)
    return words


def match_name(name: str) -> MatchName:
    """`CV. Spt Kulit Djaja Abadi` -> distinctive ("jaya", "abadi"), generic
    {"sepatu", "kulit"}."""
    words = _words(name)
    return MatchName(
        distinctive=tuple(word for word in words if word not in GENERIC),
        generic=frozenset(word for word in words if word in GENERIC),
    )


def edit_distance(first: str, second: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of neighbours is one typo),
    or `limit` + 1 once it exceeds `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = a != b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def is_typo(first: str, second: str) -> bool:
    """One slip of the hand in a word long enough to survive it (Abadi,
    Abdi; Sentosa, Sentsoa), not another word: a short word (Rina, Rini), a
    number, or a change at the last letter (Putra, Putri; Dian, Diana),
    which in Indonesian names makes another name."""
    if first == second:
        return True
    if first.isdigit() or second.isdigit() or max(len(first), len(second)) < 5:
        return False
    if len(first) == len(second) and (len(first) < 5 or first[:-1] == second[:-1]):
        return False
    shorter, longer = sorted((first, second), key=len)
    if longer[:-1] == shorter:
        return False
    return edit_distance(first, second, 1) <= 1


def _typos(first, second) -> int:
    """How many aligned words differ by a typo; 99 when one differs more."""
    count = 0
    for a, b in zip(first, second, strict=True):
        if a != b:
            if not is_typo(a, b):
                return 99
            count += 1
    return count


def name_similarity(first: MatchName, second: MatchName) -> float:
    """0 when the names are of different businesses; else how alike they
    are: 1 for the same words, less for a typo or other generic words."""
    if not first.distinctive and not second.distinctive:
        # Only generic words, "Toko Sepatu Kulit": nothing but equality counts.
        return 0.7 if first.generic and first.generic == second.generic else 0.0
    if not first.distinctive or not second.distinctive:
        return 0.0
    first_kinds, second_kinds = first.generic & KINDS, second.generic & KINDS
    if first_kinds and second_kinds and not first_kinds & second_kinds:
        return 0.0  # A tannery and a test lab of the same family name.
    if {w for w in first.distinctive if w.isdigit()} != {w for w in second.distinctive if w.isdigit()}:
        return 0.0  # "Sinar Jaya 2" is the other workshop.
    score = 1.0
    if first.distinctive != second.distinctive:
        if sorted(first.distinctive) == sorted(second.distinctive):
            score = 0.95  # The same words in another order.
        elif "".join(first.distinctive) == "".join(second.distinctive):
            score = 0.95  # "Jaya Abadi" and "Jayaabadi".
        elif len(first.distinctive) == len(second.distinctive):
            in_order = _typos(first.distinctive, second.distinctive)
            sorted_ = _typos(sorted(first.distinctive), sorted(second.distinctive))
            if min(in_order, sorted_) > 1:
                return 0.0
            score = 0.85
        elif is_typo("".join(first.distinctive), "".join(second.distinctive)):
            score = 0.8
        else:
            return 0.0
    if first.generic != second.generic:
        score -= 0.05
    return round(score, 2)


def blocking_keys(name: MatchName) -> set[str]:
    """Names that may match share one of these: a distinctive word, or the
    first or last three letters of one (a typo rarely hits both ends)."""
    if not name.distinctive:
        return {"generic:" + " ".join(sorted(name.generic))} if name.generic else set()
    keys = set()
    for word in name.distinctive:
        keys.update({word, "^" + word[:3], word[-3:] + "$"})
    return keys


def bare_place_name(regency_name: str) -> str:
    """`Kabupaten Bandung`, `Kota Bandung` -> `bandung`."""
    words = regency_name.lower().split()
    if words and words[0] in ("kabupaten", "kab", "kab.", "kota"):
        words = words[1:]
    return " ".join(words)
