"""Which positions the brief shows: one entry per speaker and topic, main actors first.

The extraction keeps every attributed statement; a brief has room for a few dozen.
``select`` picks them for the reader:

* a speaker's statements on one topic (they share content words) make one entry: the
  strongest (a statement that stands on its own before a fragment, a direct quote
  before a paraphrase, then more outlets, then a readable length) is shown, the others
  are listed as "also said"; a fragment ("to a new level") goes with the speaker's
  strongest statement;
* the five most salient speakers with a direct quote come first, each by their best;
  then
  every side not yet shown gets its best entry (a paraphrase where the side has no
  direct quote), then speakers take turns in the order of the actors section (main actors
  first): each speaker's best topic before anyone's second;
* a statement with no speaker is nobody's position and is never selected, nor is a
  speaker whose strongest statement is a word or two (a quoted "liar").

Pure functions over ``Position`` records; no NLP.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from briefgen.models import Position

TOPIC_MIN_SHARED = 2  # content words two statements must share to be on one topic
TOPIC_MIN_OVERLAP = 0.25  # shared words over the shorter statement's content words
MIN_LEAD_WORDS = 4  # a speaker whose best is a word or two ("liar") has no position to show
MIN_ALSO_WORDS = 6  # an "also said" shorter than this is a fragment ("a very serious possibility")
MIN_STANDALONE_WORDS = 8  # shorter statements ("We are very concerned.") are fragments
IDEAL_WORDS = (12, 60)  # a statement of this many words reads best on its own
MAIN_SPEAKERS = 5  # the most salient speakers are shown first, whatever their side
STEM = 6  # content words compared on their first letters ("vaccine"/"vaccines")

# function words and reporting filler, which say nothing about a statement's topic
_STOP = frozenset(
    """a an the and or but if then than that this these those there here it its it's
    is are was were be been being am do does did done have has had having will would
    shall should can could may might must not no nor so too very just also only even
    of in on at to for from by with about as into over under after before between
    through during without within against up down out off again further once
    i me my we us our you your he him his she her they them their what which who whom
    whose when where why how all any both each few more most other some such own same
    said says say told tell going get got make made think know want need like well
    now today yesterday year years time people one two three many much really still
    way thing things lot new""".split()
)


@dataclass
class Entry:
    """One position shown in the brief and the same speaker's other statements on it."""

    position: Position
    also: list[Position] = field(default_factory=list)


def select(
    positions: Sequence[Position],
    limit: int | None,
    actor_rank: Mapping[str, int],
    side_of: Callable[[Position], str | None] = lambda p: p.side,
    pick_order: bool = False,
) -> list[Entry]:
    """At most ``limit`` entries, in the order the brief shows them: by actor (most
    salient first), each actor's entries strongest first.  ``pick_order``: in the order
    they are picked instead (the first n of these are what ``limit=n`` shows)."""
    entries = [e for e in _topics(positions) if e.position.actor and showable(e.position)]
    if not entries:
        return []
    far = len(actor_rank)

    def rank(e: Entry) -> int:
        return actor_rank.get(e.position.actor or "", far)

    by_actor: dict[str, list[Entry]] = defaultdict(list)
    for e in sorted(entries, key=lambda e: (rank(e), _weakness(e.position))):
        by_actor[e.position.actor or ""].append(e)
    cap = limit if limit is not None else len(entries)
    chosen: list[Entry] = []
    taken: set[int] = set()

    def take(e: Entry) -> None:
        if len(chosen) < cap and id(e) not in taken:
            chosen.append(e)
            taken.add(id(e))

    # the story's main speakers first, by their best direct quote (a rebel council with
    # no side, the agency head beside its spokesman)
    quoted = [
        a
        for a in sorted(by_actor, key=lambda a: actor_rank.get(a, far))
        if by_actor[a][0].position.kind == "quote"
    ]
    for actor in quoted[:MAIN_SPEAKERS]:
        take(by_actor[actor][0])
    # then every side not yet shown: its best direct quote, else its best paraphrase
    shown = {side_of(e.position) for e in chosen}
    best_of_side: dict[str, Entry] = {}
    for e in entries:
        side = side_of(e.position)
        if side is None or side in shown:
            continue
        cur = best_of_side.get(side)
        if cur is None or (_strength(e.position), -rank(e)) > (_strength(cur.position), -rank(cur)):
            best_of_side[side] = e
    for e in sorted(best_of_side.values(), key=rank):
        take(e)
    # then speakers take turns, main actors first; whole direct quotes before the rest
    for quotes_only in (True, False):
        depth = 0
        while len(chosen) < cap:
            added = False
            for actor in sorted(by_actor, key=lambda a: actor_rank.get(a, far)):
                mine = [
                    e
                    for e in by_actor[actor]
                    if not quotes_only or (e.position.kind == "quote" and _standalone(e.position))
                ]
                if depth < len(mine):
                    take(mine[depth])
                    added = True
            if not added:
                break
            depth += 1
    if pick_order:
        return chosen
    order = {id(e): i for i, e in enumerate(entries)}
    return sorted(chosen, key=lambda e: (rank(e), _weakness(e.position), order[id(e)]))


def _strength(p: Position) -> tuple[int, int, int, float]:
    """A statement that stands on its own before a fragment, a direct quote before a
    paraphrase, then more sources, then a readable length."""
    n = len(p.text.split())
    lo, hi = IDEAL_WORDS
    fit = 1.0 if lo <= n <= hi else (n / lo if n < lo else hi / n)
    return (_standalone(p), p.kind == "quote", len(p.sources), fit)


def _standalone(p: Position) -> bool:
    """Long enough to read on its own, and a whole sentence when it is a direct quote
    (a quote picked up mid-sentence, "send a clear message to …", leans on the
    reporter's words around it)."""
    return len(p.text.split()) >= MIN_STANDALONE_WORDS and (p.kind != "quote" or whole(p.text))


# words a dependent phrase opens with ("unless …", "to …", "for …", "and …")
_DEPENDENT = frozenset(
    """unless if because although though while when whenever whether that which who whom
    whose where as since until till before after so than and or but nor to for of with
    by in on at from about against into onto over under without within through via
    """.split()
)
# finite verbs and auxiliaries that make a phrase a clause
_FINITE = frozenset(
    """is are was were am be has have had will would can could shall should must may
    might do does did won't can't don't doesn't didn't isn't aren't wasn't weren't
    hasn't haven't hadn't wouldn't couldn't shouldn't""".split()
)


_PAST = re.compile(r"\b[a-z]{3,}ed\b")


def clause(text: str) -> bool:
    """Does a quoted phrase read as a clause: it opens with no subordinator,
    preposition, conjunction or bare verb and has a finite verb ("the pandemic is not
    here yet"; not "unless he is willing to step down", "may have been done …" or
    "any means necessary")?"""
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    if not words or words[0] in _DEPENDENT or words[0] in _FINITE:
        return False
    return any(w in _FINITE or w.endswith(("'s", "'re", "'ve", "'ll", "'d")) for w in words)


def showable(p: Position) -> bool:
    """Enough to show as a position: 4 words, or a short whole sentence ("We will
    see.", "Roe disagreed."), not a quoted word or two ("liar")."""
    n = len(p.text.split())
    return n >= MIN_LEAD_WORDS or (n >= 2 and whole(p.text))


def whole(text: str) -> bool:
    """Does a quote open like a sentence (a capital letter or a digit)?"""
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _weakness(p: Position) -> tuple[float, ...]:
    """``_strength`` negated, for ascending sorts."""
    return tuple(-float(x) for x in _strength(p))


def _topics(positions: Sequence[Position]) -> list[Entry]:
    """A speaker's statements grouped by topic, each group's strongest statement first."""
    out: list[Entry] = []
    groups: dict[str | None, list[tuple[Entry, set[str]]]] = defaultdict(list)
    ranked = sorted(enumerate(positions), key=lambda ip: (_strength(ip[1]), -ip[0]), reverse=True)
    for _, p in ranked:
        words = content_words(p.text)
        home = None
        if p.actor is not None:
            for entry, topic in groups[p.actor]:
                if same_topic(words, topic):
                    home = (entry, topic)
                    break
            if home is None and not _standalone(p) and groups[p.actor]:
                home = groups[p.actor][0]  # a fragment goes with the speaker's best statement
        if home is None:
            entry = Entry(position=p)
            groups[p.actor].append((entry, set(words)))
            out.append(entry)
        elif worth_adding(p, home[0]):
            home[0].also.append(p)
    return out


def worth_adding(p: Position, entry: Entry) -> bool:
    """An "also said" adds something: a whole statement (not a fragment, not a
    quoted phrase picked up mid-sentence, not a question, not a dated chronology line) that neither repeats the lead statement nor
    an earlier "also said"."""
    text = p.text.strip()
    if len(text.split()) < MIN_ALSO_WORDS or text.rstrip("\"”’' .").endswith("?"):
        return False
    if p.kind == "quote" and not whole(text) and not clause(text):
        return False  # a quoted phrase ("unless he steps down") is no full clause
    if p.kind == "reported" and not clause(text) and not _PAST.search(text):
        return False  # "any means necessary to reach the goal": a phrase, not a clause
    if _DATED.match(text):
        return False
    key = _norm(text)
    return not any(
        key in _norm(o.text) or _norm(o.text) in key for o in [entry.position, *entry.also]
    )


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_DATED = re.compile(
    r"^\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
    r"(?:,?\s+\d{4})?\s*[-–—:]\s",
    re.IGNORECASE,
)


def content_words(text: str) -> set[str]:
    """The stems of a statement's content words."""
    words = re.findall(r"[a-z][a-z'’-]+", text.lower())
    return {w[:STEM] for w in words if w not in _STOP and len(w) > 2}


def same_topic(a: set[str], b: set[str]) -> bool:
    """Two statements on one topic: enough shared content words, relative to the shorter."""
    shared = len(a & b)
    if not a or not b:
        return False
    return shared >= TOPIC_MIN_SHARED and shared / min(len(a), len(b)) >= TOPIC_MIN_OVERLAP
