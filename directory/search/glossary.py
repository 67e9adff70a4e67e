"""The bilingual footwear glossary as search reads it: every term, in its
normalised words, pointing to the groups it belongs to, so that a query's
words and phrases are widened to their equivalents in both languages.

Staff edit the glossary in the admin; each process reads it from the
database once per version of the glossary (every save starts a new one,
`glossary_changed()`), not once per change of the businesses: a search
after any approval would otherwise read and build it again."""

import threading
import uuid
from dataclasses import dataclass, field

from django.apps import apps

from directory.caching import read_together, remembered, shared_get
from directory.search.words import normalize
from directory.soft_cache import shared_cache

VERSION_KEY = read_together("directory:glossary-version")
LONGEST_TERM = 4  # words


@dataclass
class Glossary:
    # {("alas", "kaki"): {3, 7}}: the groups a term (as words) belongs to.
    groups_of: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    # [["shoes", "sepatu", "alas kaki"], ...]: each group's terms, normalised.
    terms: list[list[str]] = field(default_factory=list)
    # {"sepatu": "shoes"}: an Indonesian term's usual English term.
    english: dict[str, str] = field(default_factory=dict)

    def add(self, english: list[str], indonesian: list[str], abbreviations: list[str]) -> None:
        group = len(self.terms)
        terms = list(dict.fromkeys(normalize(term) for term in [*english, *indonesian, *abbreviations]))
        terms = [term for term in terms if term]
        self.terms.append(terms)
        for term in terms:
            self.groups_of.setdefault(tuple(term.split()[:LONGEST_TERM]), set()).add(group)
        if english:
            for term in [*indonesian, *abbreviations]:
                self.english.setdefault(normalize(term), english[0].strip())

    def equivalents(self, phrase: tuple[str, ...]) -> list[str]:
        """Every term of every group the phrase belongs to, itself included."""
        found = []
        for group in sorted(self.groups_of.get(phrase, ())):
            found += self.terms[group]
        return list(dict.fromkeys(found))

    def words(self) -> set[str]:
        return {word for terms in self.terms for term in terms for word in term.split()}


def split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def load() -> Glossary:
    GlossaryTerm = apps.get_model("directory", "GlossaryTerm")
    glossary = Glossary()
    for english, indonesian, abbreviations in GlossaryTerm.objects.values_list(
        "english", "indonesian", "abbreviations"
    ).order_by("pk"):
        glossary.add(split(english), split(indonesian), split(abbreviations))
    return glossary


_built: dict[str, Glossary] = {}
_lock = threading.Lock()


def glossary_changed() -> None:
    """The next search reads the glossary again (in every process)."""
    shared_cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def glossary_version() -> str:
    version = shared_get(VERSION_KEY)
    if version is None:
        shared_cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = shared_cache.get(VERSION_KEY) or ""
    return version


def glossary() -> Glossary:
    # Without a shared cache to agree on a version, read it every time.
    version = remembered(VERSION_KEY, glossary_version)
    built = _built.get(version) if version else None
    if built is None:
        with _lock:
            built = load()
            if version:
                _built.clear()
                _built[version] = built
    return built


def english_term(text: str) -> str | None:
    """The English equivalent of an Indonesian footwear term (`Sepatu` ->
    `shoes`), or None when the glossary has none."""
    return glossary().english.get(normalize(text))
