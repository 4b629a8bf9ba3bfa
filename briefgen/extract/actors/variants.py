"""Name variants of one actor: the forms that differ only by what news style adds.

British/American spelling, a country or acronym prefix on an organisation ("U.S. Centers
for …"), a company's legal suffix or unit ("Acme Corp", "Acme Group"), honorifics and
titles glued to a person's name ("Dr. Jane Roe") and middle initials ("Jane Q. Roe").
The word lists are data (``briefgen/data/actor_names.yaml``), not story knowledge.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class NameLexicon:
    honorifics: frozenset[str]
    corporate_suffixes: frozenset[str]
    unit_words: frozenset[str]
    spelling: dict[str, str]  # British → American
    thing_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    org_descriptors: frozenset[str]
    thing_of_nouns: frozenset[str]
    thing_after_nouns: frozenset[str]
    place_nouns: frozenset[str]
    outlet_name_words: frozenset[str]


@functools.cache
def lexicon() -> NameLexicon:
    """The packaged lexicon, read once per process."""
    text = resources.files("briefgen").joinpath("data/actor_names.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return NameLexicon(
        honorifics=frozenset(data.get("honorifics") or ()),
        corporate_suffixes=frozenset(data.get("corporate_suffixes") or ()),
        unit_words=frozenset(data.get("unit_words") or ()),
        spelling={str(k): str(v) for k, v in (data.get("spelling_pairs") or {}).items()},
        thing_nouns=frozenset(data.get("thing_nouns") or ()),
        outlet_nouns=frozenset(data.get("outlet_nouns") or ()),
        org_descriptors=frozenset(data.get("org_descriptors") or ()),
        thing_of_nouns=frozenset(data.get("thing_of_nouns") or ()),
        thing_after_nouns=frozenset(data.get("thing_after_nouns") or ()),
        place_nouns=frozenset(data.get("place_nouns") or ()),
        outlet_name_words=frozenset(data.get("outlet_name_words") or ()),
    )


def _bare(word: str) -> str:
    return word.casefold().strip(".,")


def spelling_key(key: str) -> str:
    """A folded name with British spellings made American ("organisation" → "organization")."""
    lex = lexicon()
    out = []
    for w in key.split():
        w = lex.spelling.get(w, w)
        w = re.sub(r"(?<=\w{3})is(ation|ations|ed|ing)$", r"iz\1", w)
        out.append(w)
    return " ".join(out)


def strip_honorifics(name: str) -> str:
    """ "Dr. Jane Roe" → "Jane Roe"; "General Jane Roe" → "Jane Roe"; "Dr" alone stays."""
    words = name.split()
    hon = lexicon().honorifics
    while len(words) > 1 and _bare(words[0]) in hon and words[1][:1].isupper():
        words.pop(0)
    return " ".join(words)


def drop_middle_initials(name: str) -> str:
    """ "Jane Q. Roe" → "Jane Roe" (a first and last name kept)."""
    words = name.split()
    if len(words) < 3:
        return name
    kept = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [words[-1]]
    return " ".join(kept)


def strip_corporate_suffix(name: str) -> str:
    """ "Acme Holding AG" → "Acme"; a name of one suffix word stays as it is."""
    words = name.rstrip(".").split()
    suffixes = lexicon().corporate_suffixes
    while len(words) > 1 and _bare(words[-1].rstrip(",")) in suffixes:
        words.pop()
        if words:
            words[-1] = words[-1].rstrip(",")
    return " ".join(words)


def strip_unit(name: str) -> str | None:
    """ "Acme Group" → "Acme" (to be used only when "Acme" is itself named)."""
    words = name.split()
    if len(words) > 1 and _bare(words[-1]) in lexicon().unit_words:
        return " ".join(words[:-1])
    return None


def strip_prefix(name: str, is_prefix) -> str:  # type: ignore[no-untyped-def]
    """ "U.S. Centers for Disease Control" → "Centers for Disease Control" when
    ``is_prefix`` accepts the leading words (a country, an acronym of a known body)
    and at least two words remain."""
    words = name.split()
    for n in (2, 1):
        if len(words) - n >= 2 and is_prefix(" ".join(words[:n])):
            return " ".join(words[n:])
    return name


def first_conjunct(name: str) -> str | None:
    """ "Centers for Disease Control and Prevention" → "Centers for Disease Control"."""
    words = name.split()
    if "and" in words[2:]:
        i = words.index("and", 2)
        return " ".join(words[:i])
    return None
