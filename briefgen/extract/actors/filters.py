"""What is not an actor: banned names, bylines and publishers, generic words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefgen.extract.actors.cluster import KINDS, Cluster, fold
from briefgen.extract.actors.lexicon import FURNITURE, NOT_ACTOR_HEADS, NOT_ACTOR_NAMES, REPORTERS
from briefgen.extract.actors.mentions import Mention
from briefgen.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc


# words an outlet's name carries in its metadata but not in the text ("X News" is "X")
_OUTLET_TAIL = ("news", "online", "digital", "newspapers", "media", "interactive", "com")


def publisher_forms(name: str) -> list[str]:
    """The forms a publisher's name takes in text: "The Daily X" and "Daily X"; "X News"
    and "X"; "x.com" and "x" (names from the corpus's metadata, never listed in code)."""
    name = name.strip()
    forms = [name]
    bare = re.sub(r"^the\s+", "", name, flags=re.I)
    forms.append(bare)
    words = re.sub(r"\.(?:com|co\.uk|org|net)$", " com", bare, flags=re.I).split()
    while len(words) > 1 and words[-1].casefold() in _OUTLET_TAIL:
        words.pop()
        forms.append(" ".join(words))
    return list(dict.fromkeys(f for f in forms if f))


def drop_banned(mentions: Iterable[Mention], banned: Iterable[str]) -> list[Mention]:
    """Mentions whose name is not in the banned list (config ``not_actors``, publishers)."""
    keys = {fold(b) for b in banned if b}
    out = []
    for m in mentions:
        if fold(m.name) in keys or (m.alias_of and fold(m.alias_of) in keys):
            continue  # a banned name, or the acronym the text gives it
        words = m.name.split()
        if len(words) > 1 and fold(words[0]) in keys:  # "Outlet Roe" from a headline
            m.name = " ".join(words[1:])
        out.append(m)
    return out


def is_generic(cl: Cluster, lower_words: set[str]) -> bool:
    """A one-word name that the corpus also uses as a common word ("State", "House").

    Kept when there is evidence that it is a name: a title, a speech verb, an appositive
    role, or when it is a gazetteer country or an acronym.
    """
    if cl.country:
        return False
    forms = cl.forms
    if any(len(f.split()) > 1 for f in forms):
        return False
    if any(m.role or m.quote or m.via != "ner" for m in cl.mentions):
        return False
    word = next(iter(forms))
    if re.fullmatch(r"[A-Z]{2,6}", word.replace(".", "")):
        return False
    if all(m.sentence_start and m.label != "PERSON" for m in cl.mentions):
        return True  # capitalised only because it opens a sentence
    return word.casefold() in lower_words


def drop_reporters(mentions: list[Mention], outlets: Iterable[str]) -> list[Mention]:
    """ "the Outlet's Jane Roe": a name introduced by an outlet that credits the articles
    is its reporter (or its own desk), not an actor."""
    names = [re.escape(o) for o in outlets if o]
    if not names:
        return mentions
    owned = re.compile(r"\b(?:" + "|".join(names) + r")['’]s\s+(?:[a-z]+\s+){0,3}$", re.I)
    # any label but a place: the model often tags the reporter as an organisation
    return [m for m in mentions if not (m.label != "GPE" and owned.search(m.before))]


def drop_boilerplate(mentions: list[Mention], n_docs: int) -> list[Mention]:
    """Mentions in a sentence that recurs word for word across many documents (a promo
    or "related story" teaser on every page) are page furniture."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        docs_of[m.sentence].add(m.doc)
    limit = max(4, n_docs // 10)
    return [m for m in mentions if len(docs_of[m.sentence]) < limit]


# "told Outlet", "an interview with the Outlet", "a document obtained by Outlet": the
# words before an outlet the story cites as its source
_CITED = re.compile(
    r"\b(?:told|interview with|speaking to|spoke to|obtained by|seen by|shown to|"
    r"reviewed by)\s+(?:the\s+)?$",
    re.I,
)
CITED_MIN_DOCS = 3  # an outlet the corpus cites in this many documents at least …
CITED_SHARE = 0.2  # … and in this share of the documents naming it


def is_cited_outlet(cl: Cluster) -> bool:
    """An organisation the articles cite as the outlet they talk to ("told Outlet",
    "an interview with the Outlet") in several documents and in a fifth of those that
    name it: the corpus's own publisher or a fellow outlet, not an actor.  A body
    someone speaks to now and then ("told the council") stays an actor."""
    people_only = any(m.label == "PERSON" for m in cl.mentions) and not any(
        m.label == "ORG" for m in cl.mentions
    )
    if cl.country or people_only:
        return False
    cited = {m.doc for m in cl.mentions if _CITED.search(m.before)}
    return len(cited) >= CITED_MIN_DOCS and len(cited) >= CITED_SHARE * len(cl.docs)


def is_actor(actor: Actor) -> bool:
    """Places the gazetteer does not know, things ("… Strategy"), and the reporters who
    cover the story ("Outlet correspondent X") are not actors."""
    if actor.kind not in KINDS:
        return False
    if actor.kind == "person" and actor.role and actor.role.split()[-1].casefold() in REPORTERS:
        return False
    last = actor.name.split()[-1].casefold()
    name = actor.name.casefold()
    return last not in NOT_ACTOR_HEADS and name not in FURNITURE and name not in NOT_ACTOR_NAMES


def lower_words(doc: Doc) -> frozenset[str]:
    """Every word a document writes in lower case."""
    return frozenset(t.text for t in doc if t.is_lower and t.is_alpha)
