"""Cue lexicons for open questions, and the page furniture to reject.

The families follow the hedge and uncertainty cues of the CoNLL-2010 shared task
(speculation cues such as "unclear", "whether", "may", "could", "depends on"), grouped by
what they tell a reader:

- ``uncertainty``: the source says something is not known ("it remains unclear when…",
  "even more mysterious is…", "it is hard to say", "time will tell", "will bear watching");
- ``doubt``: someone doubts a claim ("show me how…", "sceptical that…", "doubts whether…");
- ``contested``: a claim hangs on a condition or a possibility ("depends on how…",
  "could block…", "if … then …").

Explicit questions (a sentence ending in '?') are found by punctuation, not by cue.
Everything here is generic English; nothing belongs to one topic.
"""

from __future__ import annotations

import re

# "unclear when …", "it is not known whether …": the complement clause is the question
UNCERTAINTY = [
    r"\b(?:remains?|remained|is|are|was|were|it's|still|also|now|yet|far from) (?:still |also |not |yet )*(?:unclear|uncertain|unknown|undecided|unresolved)\b",
    r"\b(?:unclear|uncertain|unknown)\b",
    r"\bnot (?:yet |entirely |immediately |at all )?(?:clear|known|certain|decided)\b",
    r"\bno(?: one|body) (?:knows|can say|can tell)\b",
    r"\bremains? to be seen\b",
    r"\bmysterious\b|\bmystery\b",
    r"\b(?:hard|difficult|impossible|too early|too soon) to (?:say|tell|predict|know|judge|gauge)\b",
    r"\btime will tell\b",
    r"\b(?:bear|worth|merit|deserve)s? (?:close |careful )?watching\b",
    r"\bopen questions?\b|\bunanswered\b|\bquestions? remains?\b",
]
# "show me how …", "doubt whether …": someone's doubt about a claim
DOUBT = [
    r"\bshow me (?:how|what|why|where|when|that)\b",
    r"\bdoubts? (?:that|whether|if)\b",
    r"\b(?:sceptical|skeptical|unconvinced|not convinced) (?:that|whether|about|of)\b",
    r"\bquestion(?:s|ed|ing)? (?:whether|if)\b",
    r"\bwonder(?:s|ed|ing)? (?:whether|if|how|what|why|when)\b",
]
# "depends on how …": the claim hangs on something not yet settled
DEPENDS = [r"\bdepend(?:s|ed|ing)? (?:largely |heavily |partly |in part )?(?:on|upon)\b"]
# modal verbs that make a claim a possibility rather than a fact
POSSIBILITY_MODALS = {"could", "may", "might"}

UNCERTAINTY_RE = re.compile("|".join(UNCERTAINTY), re.IGNORECASE)
DOUBT_RE = re.compile("|".join(DOUBT), re.IGNORECASE)
DEPENDS_RE = re.compile("|".join(DEPENDS), re.IGNORECASE)

# cues that say "unknown" without saying what: they refer back to the previous sentence
ANAPHORIC_RE = re.compile(
    r"^\W*(?:\w+\W+){0,8}?(?:it is |it's |it was )?(?:hard|difficult|impossible|too early|too soon) to "
    r"(?:say|tell|predict|know|judge)\W*$|\btime will tell\W*$",
    re.IGNORECASE,
)

# page furniture and promotion: questions put to the reader, calls to action
FURNITURE = [
    r"\b(?:do|did|have|are|would|will|can|could|should) you\b",
    r"\byour (?:inbox|email|subscription|account|thoughts|questions|comments?|views|stories|story|experiences?)\b",
    r"\benjoying (?:this|our)\b",
    r"\bsubscri(?:be|ption|bers?)\b",
    r"\bnewsletters?\b",
    r"\bsign (?:up|in)\b|\blog ?in\b",
    r"\bclick here\b|\bread more\b|\bfind out (?:more|about)\b|\blearn more\b",
    r"\bfollow us\b|\bshare this\b|\bthis (?:article|story) (?:originally )?appeared\b",
    r"\brelated (?:posts|articles|stories|books)\b|\bmore from\b|\bsee also\b",
    r"\ball rights reserved\b|\bcopyright\b|\badvertisement\b|\bleave a (?:reply|comment)\b",
    r"\bget the answers\b|\bcurated content\b|\bwhy you can trust\b",
    r"^\W*(?:photograph|photo|picture|image|video|graphic)s?\s*:",
]
FURNITURE_RE = re.compile("|".join(FURNITURE), re.IGNORECASE)

# explainer headings and rhetorical asides: a question the article itself answers next
RHETORICAL_RE = re.compile(
    r"^\W*(?:so |and |but )?(?:why (?:does|did|is) (?:this|that|it) (?:matter|important)|"
    r"what (?:does|did) (?:this|that|it) mean|what happens (?:next|now)|what(?:'s| is) next|"
    r"what(?:'s| is) (?:going on|happening)|who (?:is|are) (?:he|she|they)|why now|so what|"
    r"what do we know|how did we get here|what you need to know)\b",
    re.IGNORECASE,
)


# every FURNITURE pattern needs one of these strings in the lower-cased text: checking
# for them first skips the pattern search (slow for so many alternatives) on most text
FURNITURE_TRIGGERS = (
    "you", "enjoying ", "subscri", "newsletter", "sign ", "log", "click here", "read more",
    "find out ", "learn more", "follow us", "share this", "appeared", "related ", "more from",
    "see also", "rights reserved", "copyright", "advertisement", "leave a ", "get the answers",
    "curated content", "photo", "picture", "image", "video", "graphic",
)


def is_furniture(text: str) -> bool:
    """True for a call to action, a question put to the reader, or site boilerplate."""
    low = text.lower()
    if not any(t in low for t in FURNITURE_TRIGGERS):
        return False
    return bool(FURNITURE_RE.search(text))


# "What is swine flu?", "Who are the Houthis?": a glossary heading, answered below it
DEFINITIONAL_RE = re.compile(
    r"^(?:what|who) (?:is|are|was|were) (?:a |an |the )?(?:[\w'’-]+ ?){1,3}\?$", re.IGNORECASE
)


def is_definitional(question: str) -> bool:
    return bool(DEFINITIONAL_RE.match(question))


def is_rhetorical(question: str) -> bool:
    """True for explainer headings ("Why does it matter?") and very short asides."""
    words = question.split()
    return len(words) < 5 or bool(RHETORICAL_RE.search(question))
