"""Stance cues: is a statement supportive, sceptical or neutral toward the topic terms?

Simple lexical cues, counted in the statement only when it mentions one of the brief's
``topic_terms`` (config); the topic's own words are not cues.  A negation just before
a cue flips it.  No cue, or a tie, is neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

Stance = Literal["supportive", "sceptical", "neutral"]

SUPPORTIVE = frozenset(
    """welcome welcomes welcomed support supports supported supportive hope hopes hoped
    happy glad pleased wonderful great good positive progress success successful benefit
    benefits beneficial strengthen strengthens deepen elevate elevating upgrade boost
    improve improves opportunity auspicious essential important promising optimistic
    committed commitment agree agreed partner partnership cooperation""".split()
)
SCEPTICAL = frozenset(
    """concern concerns concerned worry worried worries risk risks risky cost costs doubt
    doubts doubtful sceptical skeptical unclear unlikely oppose opposes opposed against
    reject rejects rejected warn warned warning threat threatens danger dangerous fear
    fears nervous reluctant cautious caution symbolic symbolism merely obsessed pressure
    coerce punish retaliation problem problems fail failed failure stagnation momentum
    losing lose wrong""".split()
)
NEGATIONS = frozenset("not no never n't nor hardly without little".split())


def stance(text: str, topic_terms: Sequence[str]) -> Stance | None:
    """The statement's stance toward the topic, or None when it does not mention it."""
    low = text.lower()
    if topic_terms and not any(t.lower() in low for t in topic_terms):
        return None
    words = re.findall(r"[a-z]+(?:'t)?", low.replace("’", "'"))
    topic = {w for t in topic_terms for w in t.lower().split()}
    score = 0
    for i, w in enumerate(words):
        if w in topic:
            continue  # the topic's own words say nothing about the stance toward it
        sign = 1 if w in SUPPORTIVE else -1 if w in SCEPTICAL else 0
        if sign and any(x in NEGATIONS or x.endswith("n't") for x in words[max(0, i - 3) : i]):
            sign = -sign
        score += sign
    if score > 0:
        return "supportive"
    if score < 0:
        return "sceptical"
    return "neutral"
