"""What is not an actor: banned names, bylines and publishers, generic words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefgen.extract.actor_cluster import KINDS, Cluster, fold
from briefgen.extract.actor_lexicon import FURNITURE, NOT_ACTOR_HEADS, NOT_ACTOR_NAMES
from briefgen.extract.actor_mentions import Mention
from briefgen.models import Actor


def drop_banned(mentions: Iterable[Mention], banned: Iterable[str]) -> list[Mention]:
    """Mentions whose name is not in the banned list (config ``not_actors``, publishers)."""
    keys = {fold(b) for b in banned if b}
    out = []
    for m in mentions:
        if fold(m.name) in keys:
            continue
        words = m.name.split()
        if len(words) > 1 and fold(words[0]) in keys:  # "Outlet Obama" from a headline
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


def is_actor(actor: Actor) -> bool:
    """Places the gazetteer does not know, and things ("… Strategy"), are not actors."""
    if actor.kind not in KINDS:
        return False
    last = actor.name.split()[-1].casefold()
    name = actor.name.casefold()
    return last not in NOT_ACTOR_HEADS and name not in FURNITURE and name not in NOT_ACTOR_NAMES


def corpus_lower_words(docs: Sequence) -> set[str]:
    """Every word the corpus writes in lower case."""
    words: set[str] = set()
    for ad in docs:
        words.update(t.text for t in ad.doc if t.is_lower and t.is_alpha)
    return words
