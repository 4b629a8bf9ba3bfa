"""Find temporal expressions in a spaCy Doc and read the tense of the clause they sit in.

spaCy's DATE and TIME entities are the base.  Patterns add what the small models
miss ("April 14-16", "14–16 April", "mid-2023", "early next year", "a decade ago") and
a few false hits are rejected: the pronoun "we", the modal "may" and "march" used as a
verb.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefgen.extract.text import doc_text
from briefgen.extract.timeline.temporal import MONTHS, WEEKDAYS, Tense, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_MONTH = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_WD = r"(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + r")"
_NUMW = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)"
_DASH = r"\s*[-\u2013\u2014]\s*"

PATTERNS: list[re.Pattern[str]] = [
    # April 14-16, April 14–16, 2023, Sept. 3
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:{_DASH}\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?\b"),
    # 14-16 April, 14 April 2023
    re.compile(rf"\b\d{{1,2}}(?:{_DASH}\d{{1,2}})?\s+{_MONTH}(?:,?\s+\d{{4}})?\b"),
    # April 2023, in March
    re.compile(rf"\b{_MONTH}(?:,?\s+\d{{4}})?\b"),
    # mid-2023, early 2024, late 1990s
    re.compile(r"\b(?:[Ee]arly|[Ll]ate|[Mm]id)[- ](?:\d{4}|\d0s)\b"),
    # early next year, late last month, earlier this week, later this year
    re.compile(r"\b(?:[Ee]arl(?:y|ier)|[Ll]ater?|[Mm]id)[- ](?:next|last|this)\s+(?:week|month|year)\b"),
    re.compile(r"\b(?:[Ll]ast|[Nn]ext|[Tt]his)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b"),
    # a decade ago, three years ago
    re.compile(rf"\b{_NUMW}\s+(?:days?|weeks?|months?|years?|decades?)\s+ago\b", re.I),
    # weekdays, yesterday, today, tomorrow
    re.compile(rf"\b{_WD}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    re.compile(r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"),
    # vague references and sets
    re.compile(r"\b(?:[Nn]ow|[Cc]urrently|[Rr]ecently|[Nn]owadays|[Ll]ately)\b(?!-)"),
    re.compile(r"\b(?:[Tt]he) (?:future|near future|near term|short term)\b"),
    re.compile(r"\b[Yy]ear[- ](?:ago|earlier)\b"),
    re.compile(r"\b(?:[Ee]very|[Ee]ach) (?:day|week|month|year|quarter|morning|night|evening|" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b"),
    # clock times: "10 p.m.", "7:15 a.m. Wednesday", "noon Thursday"
    re.compile(rf"\b(?:\d{{1,2}}(?::\d{{2}})?\s*[ap]\.m\.|[Nn]oon|[Mm]idnight)(?:\s+(?:[A-Z]{{2,4}}T|GMT|UTC))?(?:,?\s+(?:{_WD}|[Tt]oday|[Yy]esterday|[Tt]omorrow|{_MONTH}\s+\d{{1,2}}))?"),
    # bare four-digit years after a preposition: "in 2016", "since 2013"
    # (the expression is the group ``t``: the preposition is matched, not kept; a
    # lookbehind per preposition made this the slowest pattern by far)
    re.compile(r"\b(?:in|since|by|until|of|from|before|after|during) (?P<t>(?:1[89]|20)\d{2})\b"),
]

NOT_TEMPORAL = {"we", "us", "it", "may", "march", "sun", "wed", "sat", "second", "a second", "second-hand"}


def find(doc: Doc) -> list[Span]:
    """The temporal expressions of ``doc`` in text order, without overlaps."""
    cands: list[Span] = []
    for e in doc.ents:
        if e.label_ in ("DATE", "TIME"):
            cands.extend(_salvage(_trim(e)))
    for rx in PATTERNS:
        group = "t" if "t" in rx.groupindex else 0
        for m in rx.finditer(doc_text(doc)):
            span = doc.char_span(m.start(group), m.end(group), label="DATE", alignment_mode="expand")
            if span is not None:
                cands.append(span)
    kept = _without_overlaps(_trim(c) for c in cands)
    return [s for s in kept if _is_temporal(s)]


_PROBE = dt.date(2000, 6, 15)
_SPLIT = {"to", "through", "and", "or", "ended", "ending", "until", "till", "from", "-", "\u2013", "of", "in"}


def understood(text: str) -> bool:
    """The normaliser reads ``text`` (tried against a fixed probe date)."""
    return normalise(text, _PROBE, None) is not None


def _salvage(span: Span) -> list[Span]:
    """An entity the normaliser cannot read, cut to the parts it can: "the six months
    ended Oct. 1" → "the six months", "Oct. 1"; "d'etat last year" → "last year"."""
    if len(span) <= 1 or understood(span.text):
        return [span]
    doc = span.doc
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if tok.lower_ in _SPLIT and tok.i > start:
            parts.append(doc[start : tok.i])
            start = tok.i + 1
    parts.append(doc[start : span.end])
    out: list[Span] = []
    for p in parts:
        for cut in range(min(3, len(p))):
            sub = doc[p.start + cut : p.end]
            if len(sub) and understood(sub.text):
                out.append(sub)
                break
    return out or [span]


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Longest first; a span overlapping a kept one is dropped."""
    taken: set[int] = set()
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end_char - s.start_char), s.start)):
        idx = set(range(s.start, s.end))
        if idx & taken:
            continue
        taken |= idx
        out.append(s)
    return sorted(out, key=lambda s: s.start)


def _trim(span: Span) -> Span:
    """Drop white space, a trailing possessive and punctuation at the edges."""
    doc, start, end = span.doc, span.start, span.end
    while end > start + 1 and (doc[end - 1].is_space or doc[end - 1].text in ("'s", "\u2019s", ",", ".", "-", ":")):
        end -= 1
    while start < end - 1 and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return doc[start:end]


def _is_temporal(span: Span) -> bool:
    text = span.text.strip()
    low = text.lower()
    if not text or "\n" in text:
        return False
    if low in NOT_TEMPORAL and not _is_month_use(span):
        return False
    if len(span) == 1:
        tok = span[0]
        if tok.tag_ == "MD" or tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
            return False
    if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)?", low):
        return False  # a bare number
    if re.search(r"\b(?:years?|months?)[- ]old$", low) and not re.search(r"\d[- ]month", low):
        return False  # an age
    # not "annual report"
    return not (
        len(span) == 1
        and span[0].dep_ == "amod"
        and low in ("annual", "daily", "quarterly", "weekly", "monthly", "yearly")
    )


def _is_month_use(span: Span) -> bool:
    """``May``/``March`` as a month: capitalised, not a modal or verb, near a number or preposition."""
    if len(span) != 1:
        return True
    tok = span[0]
    if tok.lower_ not in ("may", "march"):
        return False
    if not tok.text[0].isupper() or tok.tag_ == "MD" or tok.tag_.startswith("VB"):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.like_num:
        return True  # "May 5", "March 2023"
    if tok.i == tok.sent.start:
        return False  # "May we ..." / "March on ..."
    prev = tok.doc[tok.i - 1].lower_
    return prev in ("in", "of", "since", "by", "until", "last", "next", "this", "early", "late", "mid", "from", "through")


FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_HEADS = {"plan", "schedule", "expect", "set", "due", "intend", "aim", "prepare", "hope", "going",
                "want", "seek", "agree", "propose", "invite", "promise", "vow", "pledge", "wish"}


def tense_of(span: Span) -> Tense | None:
    """The tense of the clause that ``span`` modifies: past, present, future or None."""
    verb = governing_verb(span.root)
    if verb is None:
        return _tense_from_text(span)
    for v in _verb_chain(verb):
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUX for a in auxes):
            return "future"
        if v.dep_ == "xcomp" and v.head.lemma_ in FUTURE_HEADS:
            return "future"
        if v.lemma_ in ("be",) and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in v.children) and v.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to visit"
        if any(a.tag_ == "VBD" for a in auxes) or v.tag_ == "VBD":
            return "past"
        if any(a.lower_ in ("has", "have", "had") for a in auxes) or (v.tag_ == "VBN" and not auxes):
            return "past"
        if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
    return _tense_from_text(span)


def governing_verb(tok: Token) -> Token | None:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _verb_chain(verb: Token) -> list[Token]:
    """The verb, then the verbs it is conjoined with or subordinated to (at most 3)."""
    chain = [verb]
    v = verb
    while len(chain) < 3 and v.dep_ in ("conj", "xcomp", "advcl", "ccomp") and v.head is not v:
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            break  # "after arriving on Friday": the participle carries no tense of its own
        v = v.head
        chain.append(v)
    return chain


_FUTURE_RE = re.compile(r"\b(will|shall|'ll|is to|are to|plans? to|is due to|scheduled to|going to)\b", re.I)


def _tense_from_text(span: Span) -> Tense | None:
    sent = span.sent
    left = doc_text(span.doc)[sent.start_char : span.start_char]
    clause = re.split(r"[;:]|,\s(?:and|but)\s", left)[-1]
    return "future" if _FUTURE_RE.search(clause) else None
