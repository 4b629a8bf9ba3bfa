"""What changed since the previous brief: new actors, new events, new and dropped questions.

Pure functions over two extractions.  An actor is known when any of its names (name
or aliases) was a name of an earlier actor; an event when an earlier event has the same
date and a similar text (only key events count as new, never background); a question when an earlier question reads nearly the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from briefgen.extract.text import norm_key
from briefgen.models import Actor, Event, Extraction, Question

EVENT_SIMILARITY = 70.0  # token-set ratio, 0–100, for two events on the same date
QUESTION_SIMILARITY = 85.0


def name_key(name: str) -> str:
    """Letters and digits only, case-folded: "U.S." and "US" are the same name."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _names(actor: Actor) -> set[str]:
    return {k for n in [actor.name, *actor.aliases] if (k := name_key(n))}


def new_actors(previous: Iterable[Actor], current: Iterable[Actor]) -> list[Actor]:
    known: set[str] = set()
    for a in previous:
        known |= _names(a)
    return [a for a in current if not (_names(a) & known)]


def _same_event(a: Event, b: Event, threshold: float) -> bool:
    if a.date != b.date:
        return False
    return fuzz.token_set_ratio(norm_key(a.text), norm_key(b.text)) >= threshold


def new_events(
    previous: Iterable[Event], current: Iterable[Event], threshold: float = EVENT_SIMILARITY
) -> list[Event]:
    before = list(previous)
    return [e for e in current if not any(_same_event(e, p, threshold) for p in before)]


def story_events(events: Iterable[Event]) -> list[Event]:
    """The events "new this week" may list: the key ones, never background (all
    non-background events for an extraction written before ``key`` existed)."""
    evs = list(events)
    if any(e.key for e in evs):
        return [e for e in evs if e.key and not e.background]
    return [e for e in evs if not e.background]


def _similar(a: str, b: str, threshold: float) -> bool:
    return fuzz.token_sort_ratio(norm_key(a), norm_key(b)) >= threshold


def question_changes(
    previous: Iterable[Question],
    current: Iterable[Question],
    threshold: float = QUESTION_SIMILARITY,
) -> tuple[list[Question], list[Question]]:
    """(questions asked now but not before, questions asked before but no longer)."""
    before, now = list(previous), list(current)
    added = [q for q in now if not any(_similar(q.text, p.text, threshold) for p in before)]
    dropped = [p for p in before if not any(_similar(p.text, q.text, threshold) for q in now)]
    return added, dropped


def diff(
    previous: Extraction | None, current: Extraction, compared_with: str | None
) -> dict[str, Any]:
    """The ``changes`` block of a weekly extraction.

    With no previous extraction nothing is flagged and ``compared_with`` is null.
    """
    if previous is None:
        return {
            "compared_with": None,
            "new_actors": [],
            "new_events": [],
            "new_questions": [],
            "dropped_questions": [],
        }
    added, dropped = question_changes(previous.open_questions, current.open_questions)
    return {
        "compared_with": compared_with,
        "new_actors": [a.name for a in new_actors(previous.actors, current.actors)],
        "new_events": [
            {"date": e.date, "text": e.text}
            for e in new_events(previous.timeline, story_events(current.timeline))
        ],
        "new_questions": [q.text for q in added],
        "dropped_questions": [q.text for q in dropped],
    }
