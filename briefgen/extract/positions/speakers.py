"""Speaker resolution: a speaker as written → a canonical actor name, or None.

Names go through the actors' names and aliases (titles and possessives stripped,
surnames joined to the one full name that ends with them); descriptions ("the prime
minister", "the top US diplomat") go to the one person the corpus gives that role,
from the actors' roles and from "Title Name" / "Name, the role," / "as the role, Name"
patterns in the texts.  Countries are never speakers.  Anything ambiguous is None.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefgen.extract.actors import gazetteer
from briefgen.extract.actors.lexicon import TITLES
from briefgen.models import Actor

_DETERMINERS = frozenset("the a an this that these those his her their its our".split())
# modifiers that do not narrow a role down ("the top diplomat" = "the diplomat")
_SOFT = frozenset(
    "top chief senior leading veteran new current then former country's nation's".split()
)
# generic role synonyms: a description word → role phrases it stands for
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "diplomat": ("secretary of state", "foreign minister", "foreign secretary", "ambassador"),
    "leader": ("president", "prime minister", "premier", "chancellor", "general secretary", "king"),
    "premier": ("prime minister",),
    "envoy": ("ambassador", "special envoy"),
    "spokesperson": ("spokesman", "spokeswoman"),
    "spokesman": ("spokesperson",),
    "spokeswoman": ("spokesperson",),
}
_ACRONYM_SKIP = frozenset("of the and for on in at de du".split())
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|lord|lady)\.?\s+", re.IGNORECASE)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*\s+){0,2})?(?:"
    + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")\s+",
    re.IGNORECASE,
)


_WORD = re.compile(r"[\w'’.-]+")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    return " ".join(_words(text)).strip(".")


@dataclass
class _RoleIndex:
    stripped: dict[str, list[tuple[list[str], set[str]]]] = field(default_factory=dict)
    by_phrase: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_word: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class SpeakerResolver:
    """Maps speakers as written to canonical actor names for one corpus."""

    def __init__(
        self, actors: Sequence[Actor], role_phrases: Iterable[tuple[str, str]] = ()
    ) -> None:
        self.actors = list(actors)
        self.by_name: dict[str, Actor] = {}
        for a in self.actors:
            for n in [a.name, *a.aliases]:
                self.by_name.setdefault(_norm(n), a)
        self.countries = {k for k, a in self.by_name.items() if a.kind == "country"}
        self._country_actors = [a for a in self.actors if a.kind == "country"]
        self._by_canonical = {a.name: a for a in reversed(self.actors)}
        # last word of a name → the non-country actors whose name ends with it
        self._by_last: dict[str, dict[str, Actor]] = defaultdict(dict)
        for a in self.actors:
            words = _norm(a.name).split()
            if a.kind != "country" and words:
                self._by_last[words[-1]].setdefault(a.name, a)
        self.roles: dict[str, set[str]] = defaultdict(set)  # actor name → role phrases
        for a in self.actors:
            if a.role and a.kind == "person":
                self.roles[a.name].add(a.role.lower())
        for name, role in role_phrases:
            actor = self.name(name)
            if actor and self._actor(actor).kind != "country":
                self.roles[actor].add(role.lower())

    def _actor(self, name: str) -> Actor:
        return self._by_canonical[name]

    def actor(self, name: str) -> Actor:
        """The actor record of a canonical name ``resolve`` returned."""
        return self._by_canonical[name]

    def _fullest(self, actor: Actor) -> Actor:
        """A one-word or partial person name → the one fuller person name containing it."""
        if actor.kind == "country":
            return actor
        words = _norm(actor.name).split()
        if len(words) != 1:
            return actor
        fuller = [
            a
            for a in self._by_last.get(words[0], {}).values()
            if a is not actor and a.kind == "person" and len(_norm(a.name).split()) > 1
        ]
        return fuller[0] if len(fuller) == 1 else actor

    def name(self, text: str) -> str | None:
        """The canonical actor for a name as written; None when unknown or a country."""
        key = _norm(_HONORIFICS.sub("", text))
        if not key:
            return None
        candidates = [key, _norm(_TITLE_PREFIX.sub("", text))]
        actor = None
        for c in candidates:
            if c in self.by_name:
                actor = self.by_name[c]
                break
        if actor is None:
            last = candidates[-1].split()[-1] if candidates[-1] else ""
            hits = self._by_last.get(last, {}) if last else {}
            if len(hits) == 1:
                actor = next(iter(hits.values()))
        if actor is None:
            actor = self._by_acronym().get(text.strip().strip("."))
        if actor is None or actor.kind == "country":
            return None
        return self._fullest(actor).name

    def _by_acronym(self) -> dict[str, Actor]:
        """'ABC' → the one organisation whose name's initials spell it (built once)."""
        index = self.__dict__.get("_acronyms")
        if index is None:
            found: dict[str, list[Actor]] = defaultdict(list)
            for a in self.actors:
                if a.kind != "organization":
                    continue
                for n in [a.name, *a.aliases]:
                    words = [
                        w for w in re.findall(r"[\w'’-]+", n) if w.lower() not in _ACRONYM_SKIP
                    ]
                    if len(words) >= 2 and all(w[:1].isupper() for w in words):
                        key = "".join(w[0] for w in words)
                        if a not in found[key]:
                            found[key].append(a)
            index = self.__dict__["_acronyms"] = {k: v[0] for k, v in found.items() if len(v) == 1}
        return index

    def _strip(self, text: str) -> tuple[list[str], set[str]]:
        """Content words of a role or description, and the countries it names (memoised:
        every description is compared with every actor's roles)."""
        cache = self.__dict__.setdefault("_strip_cache", {})
        if text not in cache:
            cache[text] = self._strip_uncached(text)
        return cache[text]

    def _strip_uncached(self, text: str) -> tuple[list[str], set[str]]:
        words = [re.sub(r"'s$", "", w) for w in _words(text)]
        named = {c.name for c in self._country_actors if names_country(text, c)}
        keep = [
            w
            for w in words
            if w not in _DETERMINERS
            and w not in _SOFT
            and w not in self.countries
            and not self._names_a_country(w)
        ]
        return keep, named

    def _role_index(self) -> _RoleIndex:
        """The actors' stripped roles, indexed by whole phrase and by word (built once)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = _RoleIndex()
            for actor, roles in self.roles.items():
                stripped = [self._strip(r) for r in roles]
                index.stripped[actor] = stripped
                for words, _ in stripped:
                    index.by_phrase[" ".join(words)].add(actor)
                    for w in words:
                        index.by_word[w].add(actor)
        return index

    def _names_a_country(self, word: str) -> bool:
        cache = self.__dict__.setdefault("_country_words", {})
        if word not in cache:
            cache[word] = any(names_country(word, c) for c in self._country_actors)
        return cache[word]

    def description(self, text: str) -> str | None:
        """The one person holding the role a description names, else None."""
        exact, loose = self._holders(text)
        if len(exact) == 1:
            return exact[0]
        if not exact and len(loose) == 1:
            return loose[0]
        return None

    def role_anaphor(self, text: str, antecedent: str) -> str | None:
        """'Name, …, called for action.' then '"…," the prime minister said': the person
        named just before, when no actor of the corpus is known to hold that role and
        none of the person's known roles contradicts it."""
        exact, loose = self._holders(text)
        if exact or loose:
            return None  # the role is someone's: ``description`` decides
        actor = self.name(antecedent)
        if actor is None or self._actor(actor).kind != "person":
            return None
        want, _ = self._strip(text)
        known = self._role_index().stripped.get(actor, [])
        if known and not any(set(want) & set(words) for words, _ in known):
            return None
        return actor

    def _holders(self, text: str) -> tuple[list[str], list[str]]:
        """Actors whose role phrases are the description (exact) or hold all its words."""
        want, want_countries = self._strip(text)
        if not want:
            return [], []
        phrases = {" ".join(want), *ROLE_SYNONYMS.get(" ".join(want), ())}
        index = self._role_index()
        # only actors with a role phrase among ``phrases`` or with every wanted word can match
        candidates = set().union(*(index.by_phrase.get(p, ()) for p in phrases))
        candidates |= set.intersection(*(index.by_word.get(w, set()) for w in want))
        exact, loose = [], []
        for actor in candidates:
            stripped = index.stripped[actor]
            if want_countries and not any(want_countries & named for _, named in stripped):
                continue
            if any(" ".join(words) in phrases for words, _ in stripped):
                exact.append(actor)
            elif all(w in {x for words, _ in stripped for x in words} for w in want) and any(
                words and words[-1] in want for words, _ in stripped
            ):  # "the minister" is the foreign minister; "the government" is not its spokesman
                loose.append(actor)
        return sorted(exact), sorted(loose)

    def organisation_of(self, role: str) -> str | None:
        """'Agency spokesman', 'a spokeswoman for the Agency': the organisation actor a
        spokesperson's role names, else None."""
        m = _SPOKES_BEFORE.match(role.strip()) or _SPOKES_FOR.match(role.strip())
        if m is None:
            return None
        org = self.name(m.group("org"))
        if org is None or self._actor(org).kind not in ("organization", "group"):
            return None
        return org

    def resolve(self, text: str | None) -> str | None:
        """A speaker as written → canonical actor name (names first, then roles); an
        unnamed spokesperson ("an ORG spokesman") speaks for the organisation."""
        if not text:
            return None
        text = text.strip()
        if not text:
            return None
        words = text.split()
        if words[0].lower() in _DETERMINERS or not words[0][:1].isupper():
            return self.organisation_of(text) or self.description(text)
        hit = self.name(text)
        if hit:
            return hit
        if _norm(text) in self.by_name or _norm(_TITLE_PREFIX.sub("", text)) in self.by_name:
            return None  # a known actor that cannot speak (a country)
        if words[0].lower() not in _DETERMINERS and all(w[:1].isupper() for w in words):
            return None  # an unknown name: never guess
        return self.description(text)


_SPOKES = r"(?:spokes(?:man|woman|person)|press (?:officer|secretary))"
_SPOKES_BEFORE = re.compile(
    rf"^(?:(?:a|an|the)\s+)?(?P<org>.+?)(?:'s|’s)?\s+(?:senior\s+|chief\s+)?{_SPOKES}$",
    re.IGNORECASE,
)
_SPOKES_FOR = re.compile(
    rf"^(?:(?:a|an|the)\s+)?{_SPOKES}\s+(?:for|at|of)\s+(?P<org>.+)$", re.IGNORECASE
)
_SPOKES_TITLE = re.compile(
    rf"((?:[A-Z][\w.'’&-]*\s+)(?:(?:[A-Z][\w.'’&-]*|of|for|and|the)\s+){{0,5}}{_SPOKES})\s+$"
)
_APPOS = re.compile(r"^,\s+(?:the|a|an)\s+([^,;:\"“”()]{3,160}?)\s*,")
_AS_ROLE = re.compile(r"\bas\s+(?:the\s+)?((?:[\w.'’-]+\s+){0,5}?[a-z][\w'’-]+),\s*$")
# "the UK's chief medical officer, Sir Name": a role before a titled name
_THE_ROLE = re.compile(r"\b[Tt]he\s+((?:[\w.'’-]+\s+){0,4}?[a-z][\w'’-]+),\s*$")
_HONORIFIC_END = re.compile(r"\b(?:Sir|Dame|Dr|Mr|Mrs|Ms|Prof|Lord|Lady)\.?\s+$")


def role_phrases(text: str, names: Iterable[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(name, role) pairs from "Title Name", "Org spokesman Name", "Name, the role," and
    "As the role, Name"."""
    out: list[tuple[str, str]] = []
    for start, end, name in names:
        m = _APPOS.match(text[end : end + 120])
        if m:
            out.append((name, m.group(1)))
        before = _same_sentence(text[max(0, start - 80) : start])
        m2 = re.search(r"((?:[A-Z][\w.'’-]*\s+){1,4})$", before)
        if m2 and _TITLE_PREFIX.match(m2.group(1) + "X"):
            out.append((name, m2.group(1).strip()))
        m4 = _SPOKES_TITLE.search(re.split(r"[.!?;:,]\s+", before)[-1])
        if m4:  # "ORG spokesman Name"
            out.append((name, m4.group(1)))
        m3 = _AS_ROLE.search(before)
        if m3 is None and _HONORIFIC_END.search(before):
            m3 = _THE_ROLE.search(_HONORIFIC_END.sub("", before))  # "the role, Sir Name"
        if m3:
            out.append((name, m3.group(1)))
    return out


def _same_sentence(before: str) -> str:
    """The part of the text before a name that is in the name's own sentence and
    paragraph: "… in Hong Kong.\n\nAmbassador X" gives X the role "Ambassador" only."""
    cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
    return before[cut:]


_SENTENCE_END = re.compile(r"\n|[.!?][\"”’']?\s+(?=[A-Z])")
# what a country's adjective or demonym adds to the stem of its name ("Mexic|an",
# "Chin|ese", "Israel|i"); a longer tail is another word ("Austr|alian" is not Austria)
_ADJ_TAILS = frozenset("a n an ian ean ese i ic ish s ns ans ians eans is es 's ’s".split()) | {""}


def names_country(role: str, country: Actor) -> bool:
    """Does a phrase name ``country`` or use its adjective ("French", "American")?"""
    aliases = tuple(country.aliases)
    if _demonym_names(role, country.name):
        return True  # "British minister": the gazetteer's demonyms
    low = role.lower()
    if not any(k in low for k in _country_keys(country.name, aliases)):
        return False  # none of its names or stems occurs at all: no pattern can match
    names = (country.name, *aliases)
    for p in _country_patterns(country.name, aliases):
        for m in p.finditer(role):
            word = m.group(0).lower()
            if any(word == n.lower() or _adjective_of(word, n.lower()) for n in names):
                return True
    return False


def _demonym_names(role: str, name: str) -> bool:
    """Does a word of the phrase name the people of country ``name`` in the gazetteer
    ("French" for France, "British" for the United Kingdom)?"""
    gaz = gazetteer.load()
    country = gaz.country(name, capital_ok=False) or name
    return any(
        country in gaz.countries_of_demonym(w)
        for w in re.findall(r"[A-Za-z][\w-]*", role)
        if w[:1].isalpha()
    )


def _adjective_of(word: str, name: str) -> bool:
    """Is ``word`` the name itself or its adjective/demonym: the name (or the name less
    its last one or two letters) followed by a short adjective tail?"""
    for cut in (0, 1, 2):
        base = name[: len(name) - cut] if cut else name
        if len(base) >= 4 and word.startswith(base) and word[len(base) :] in _ADJ_TAILS:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _country_keys(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The lower-case strings one of a country's patterns needs to find in a phrase."""
    return tuple(
        n.lower()[: max(4, len(n) - 2)] if len(n) >= 5 else n.lower() for n in (name, *aliases)
    )


@functools.lru_cache(maxsize=4096)
def _country_patterns(name: str, aliases: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """A country's names, and the stems of the long ones (adjectives), as patterns."""
    out = []
    for n in (name, *aliases):
        out.append(re.compile(rf"(?<![\w.]){re.escape(n)}(?![\w])", re.IGNORECASE))
        if len(n) >= 5:
            stem = n.lower()[: max(4, len(n) - 2)]
            # the original lower-cased the phrase; IGNORECASE on a lower-case stem is the same
            out.append(re.compile(rf"\b{re.escape(stem)}\w*", re.IGNORECASE))
    return tuple(out)
