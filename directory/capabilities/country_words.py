"""The countries an export-markets text names ("Jepang, Malaysia dan USA"),
so an owner who wrote them once, or whose row was imported with them, finds
them ticked in the list of countries instead of being asked again."""

import re

from directory.capabilities.models import Country

# Names people write that are neither the list's Indonesian nor its English name.
ALIASES = {
    "usa": "US", "us": "US", "amerika": "US", "america": "US", "as": "US",
    "uk": "GB", "england": "GB", "britain": "GB", "great britain": "GB", "inggris raya": "GB",
    "uae": "AE", "emirat arab": "AE", "dubai": "AE", "korea": "KR", "korsel": "KR", "cina": "CN", "china": "CN",
    "holland": "NL", "saudi": "SA", "arab": "SA", "turkey": "TR", "singapore": "SG", "timor leste": "TL",
}  # fmt: skip
SEPARATORS = re.compile(r"[,;/&+\n]|\s(?:dan|and|serta)\s", re.IGNORECASE)


def _plain(words: str) -> str:
    """ "U.S.A." and "usa", "Korea  Selatan" and "korea selatan" alike."""
    return " ".join(words.replace(".", "").split()).casefold()


def countries_named(text: str) -> list[str]:
    """The codes of the listed countries `text` names, in its order."""
    words = {}
    for code, name, name_en in Country.objects.values_list("code", "name", "name_en"):
        for word in (code, name, name_en):
            if word:
                words.setdefault(_plain(word), code)
    for word, code in ALIASES.items():
        words.setdefault(word, code)
    codes = []
    for part in SEPARATORS.split(text or ""):
        code = words.get(_plain(part))
        if code and code not in codes:
            codes.append(code)
    return codes
