"""Check that a rewritten question reads as English, from the parse of its source words.

A rewrite is a list of pieces: tokens of the source sentence, in their new order, and
inserted words (an auxiliary such as "did", a base form such as "want").  It passes when

- it has a subject: the clause's subject token is among the pieces;
- it has exactly one finite verb in its main clause (an inserted auxiliary, a modal, or
  a tensed verb), so "How severe be the pandemic will?" and "Which side had of the border
  the virus originated?" fail;
- no clause dangles: no word kept whose own dependents were cut away (a quote that went
  to the next sentence leaves "to what he called?"), no "but that …" joined to the main
  clause, no second clause with its own subject and tense ("…be curbed and manufacturing
  is hit?"), and no closing preposition, conjunction or determiner.

Callers fall back to quoting the source sentence ("Unresolved: …") when the check fails.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

FINITE_TAGS = {"MD", "VBZ", "VBP", "VBD"}
AUX_WORDS = {
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "has",
    "have",
    "had",
}
# a question cannot end on these parts of speech
_DANGLING_END_POS = {"ADP", "CCONJ", "SCONJ", "DET", "PART"}
_DANGLING_END_WORDS = {"that", "whether", "if", "as", "than", "because", "while", "of", "to"}
# dependents a rewrite may leave out on purpose (punctuation, a dropped coordinated
# clause, discourse words before the clause)
_DROPPABLE_DEPS = {
    "punct",
    "cc",
    "conj",
    "dep",
    "prep",
    "advmod",
    "npadvmod",
    "appos",
    "parataxis",
    "meta",
}


_COPULA_COMPLEMENTS = {
    "attr",
    "acomp",
    "xcomp",
    "prep",
    "oprd",
    "ccomp",
    "advcl",
    "expl",
    "advmod",
    "npadvmod",
}


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""


def check(pieces: Sequence[Token | str], subject: Token, verb: Token) -> Verdict:
    """Whether the rewrite ``pieces`` of the clause headed by ``verb`` reads as English."""
    tokens = [p for p in pieces if not isinstance(p, str)]
    kept = {t.i for t in tokens}
    if subject.i not in kept:
        return Verdict(False, "no subject")
    if isinstance(pieces[0], str) and any(
        t.tag_ in {"WDT", "WP", "WP$", "WRB"} and not t.text.isupper() for t in subject.subtree
    ):  # an acronym tagged as a wh-word ("WHO experts") is a name
        return Verdict(False, "a wh-word inside a yes/no question's subject")
    if _finite_count(pieces, verb, subject) != 1:
        return Verdict(False, "not one finite verb")
    # a yes/no question on the copula needs what the subject is said to be
    if (
        isinstance(pieces[0], str)
        and verb.lemma_ == "be"
        and verb.i not in kept
        and not any(c.i in kept and c.dep_ in _COPULA_COMPLEMENTS for c in verb.children)
    ):
        return Verdict(False, "copula without complement")
    words = [p if isinstance(p, str) else p.text for p in pieces]
    opened = sum(w in {"(", "-LRB-"} for w in words)
    if opened != sum(w in {")", "-RRB-"} for w in words):
        return Verdict(False, "half a parenthesis")
    last = next((p for p in reversed(pieces) if isinstance(p, str) or not p.is_punct), None)
    if last is None:
        return Verdict(False, "empty")
    if not isinstance(last, str) and (
        last.pos_ in _DANGLING_END_POS or last.lower_ in _DANGLING_END_WORDS
    ):
        return Verdict(False, f"ends on '{last.text}'")
    for a, b in itertools.pairwise(words):
        if a.lower() in {"but", "and", "or"} and b.lower() in {"that", "whether", "if"}:
            return Verdict(False, f"dangling '{a} {b}'")
    for t in [*tokens, *([verb] if verb.i not in kept else [])]:
        for c in t.children:
            if c.i in kept or c.is_punct or c.is_space:
                continue
            if t.i == verb.i and (
                c.i < subject.i
                or c.dep_ in _DROPPABLE_DEPS
                or c.dep_ in {"aux", "auxpass", "neg", "mark", "advcl"}
            ):
                continue
            if c.dep_ in {"aux", "auxpass", "neg", "mark", "cc"}:
                continue  # moved to the front or the clause's own 'whether'
            return Verdict(False, f"'{t.text}' lost its '{c.text}'")
        if t.dep_ == "cc" and not any(c.dep_ == "conj" and c.i in kept for c in t.head.children):
            return Verdict(False, f"'{t.text}' joins nothing")
        if (
            t.dep_ == "conj"
            and t.tag_ in FINITE_TAGS
            and t.head.tag_ not in FINITE_TAGS
            and t.head.i != verb.i
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in t.children)
        ):
            return Verdict(False, f"'{t.text}' is tensed, '{t.head.text}' is not")
        if t.dep_ == "conj" and t.head.i == verb.i and t.tag_ in FINITE_TAGS:
            if any(c.dep_ in {"nsubj", "nsubjpass"} and c.i in kept for c in t.children):
                return Verdict(False, "a second clause")
            if isinstance(pieces[0], str) and not any(
                c.dep_ in {"aux", "auxpass"} for c in t.children
            ):
                # "Will the virus continue to spread and becomes…": shares the moved auxiliary
                return Verdict(False, f"'{t.text}' keeps its tense after the auxiliary")
    return Verdict(True)


def _finite_count(pieces: Sequence[Token | str], verb: Token, subject: Token) -> int:
    """Finite words of the main clause: auxiliaries inserted before the subject, and the
    verb's own tensed auxiliaries or the verb itself when tensed (inserted words after
    the subject replace a verb by its base form: "did … want")."""
    n = 0
    before_subject = True
    for p in pieces:
        if isinstance(p, str):
            n += before_subject and p.lower().removesuffix("n't") in AUX_WORDS
            continue
        if p.i == subject.i or p.i == subject.left_edge.i:
            before_subject = False
        if p.i == verb.i:
            n += p.tag_ in FINITE_TAGS
        elif p.head.i == verb.i and p.dep_ in {"aux", "auxpass"} and p.tag_ in FINITE_TAGS:
            n += 1
    return n
