"""Timeline: dated events, with relative dates resolved against the document's date.

First version: spaCy DATE spans, normalised by rules for years, months, month-day,
weekdays (tense-aware), "last/next week|month|year" and "this year"; one event per
sentence and date; the same event on the same date from several documents merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.extract.common import (
    merge_evidence,
    merge_sources,
    norm_key,
    span_text,
    squash,
    trim_words,
)
from briefgen.models import Event, Evidence
from briefgen.nlp.load import AnnotatedDoc

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class Resolved:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # year | month | day
    future: bool = False


def resolve(expr: str, anchor: dt.date | None, future: bool = False) -> Resolved | None:
    """Normalise one temporal expression against the document date ``anchor``.

    ``future`` says the clause is in the future tense.  Returns None for vague
    expressions and for relative ones when the anchor is unknown.
    """
    e = squash(expr).lower().strip(" .,")
    e = re.sub(r"^(on|in|since|by|from|until|of|during|at)\s+", "", e)
    e = re.sub(r"^(the )?(early|late|mid|end of|beginning of|start of)[- ]", "", e)

    m = re.fullmatch(rf"(?:\w+,?\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?,?\s+(\d{{4}})", e)
    if m:
        return _day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    m = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})", e)
    if m:
        return _day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = re.fullmatch(rf"({_MONTH_RE})\.?,?\s+(\d{{4}})", e)
    if m:
        return Resolved(f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}", "month")
    m = re.fullmatch(r"(\d{4})", e)
    if m and 1800 <= int(m.group(1)) <= 2100:
        return Resolved(m.group(1), "year")
    if anchor is None:
        return None
    m = re.fullmatch(rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?", e)
    if m:
        month, day = MONTHS[m.group(1)], int(m.group(2))
        year = _nearest_year(anchor, month, future)
        return _day(year, month, day)
    m = re.fullmatch(rf"({_MONTH_RE})", e)
    if m and m.group(1) not in ("may", "mar"):
        month = MONTHS[m.group(1)]
        year = _nearest_year(anchor, month, future)
        return Resolved(f"{year:04d}-{month:02d}", "month", future)
    m = re.fullmatch(r"(last |next |this )?(" + "|".join(WEEKDAYS) + r")( morning| afternoon| evening| night)?", e)
    if m:
        target = WEEKDAYS.index(m.group(2))
        delta = target - anchor.weekday()
        if future or (m.group(1) or "").strip() == "next":
            delta = delta if delta > 0 else delta + 7
        else:
            delta = delta if delta <= 0 else delta - 7
        d = anchor + dt.timedelta(days=delta)
        return Resolved(d.isoformat(), "day", d > anchor)
    if e in ("today", "this morning", "tonight", "this evening"):
        return Resolved(anchor.isoformat(), "day")
    if e == "yesterday":
        return Resolved((anchor - dt.timedelta(days=1)).isoformat(), "day")
    if e == "tomorrow":
        return Resolved((anchor + dt.timedelta(days=1)).isoformat(), "day", True)
    if e in ("last month", "the previous month"):
        y, mth = (anchor.year, anchor.month - 1) if anchor.month > 1 else (anchor.year - 1, 12)
        return Resolved(f"{y:04d}-{mth:02d}", "month")
    if e == "next month":
        y, mth = (anchor.year, anchor.month + 1) if anchor.month < 12 else (anchor.year + 1, 1)
        return Resolved(f"{y:04d}-{mth:02d}", "month", True)
    if e in ("this month",):
        return Resolved(f"{anchor.year:04d}-{anchor.month:02d}", "month")
    if e in ("last year", "the previous year"):
        return Resolved(f"{anchor.year - 1:04d}", "year")
    if e == "next year":
        return Resolved(f"{anchor.year + 1:04d}", "year", True)
    if e == "this year":
        return Resolved(f"{anchor.year:04d}", "year", future)
    m = re.fullmatch(r"(a|one|two|three|four|five|\d+) (decade|year)s? ago", e)
    if m:
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(m.group(1))
        n = n if n is not None else int(m.group(1))
        years = n * (10 if m.group(2) == "decade" else 1)
        return Resolved(f"{anchor.year - years:04d}", "year")
    return None


def _day(year: int, month: int, day: int) -> Resolved | None:
    try:
        return Resolved(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _nearest_year(anchor: dt.date, month: int, future: bool) -> int:
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


_FUTURE_RE = re.compile(r"\b(will|shall|is to|are to|plans? to|is due to|scheduled to|'ll|going to)\b", re.I)


def _is_future(sentence: str, expr: str) -> bool:
    """True when the clause holding ``expr`` speaks of the future."""
    idx = sentence.find(expr)
    left = sentence[:idx] if idx >= 0 else sentence
    clause = re.split(r"[;:]|,\s(?:and|but)\s|\bafter\b", left)[-1]
    return bool(_FUTURE_RE.search(clause))


def extract(docs: Sequence[AnnotatedDoc]) -> list[Event]:
    """Dated events across the corpus, merged across sources, ordered by date."""
    events: list[Event] = []
    for ad in docs:
        anchor = ad.article.date
        doc_text = ad.article.text
        for ent in ad.doc.ents:
            if ent.label_ != "DATE":
                continue
            ent_text = span_text(doc_text, ent)
            if "\n" in ent_text.strip():
                continue
            sentence = squash(span_text(doc_text, ent.sent))
            if len(sentence.split()) < 5:
                continue  # a dateline or a header, not an event
            future = _is_future(sentence, squash(ent_text))
            r = resolve(ent_text, anchor, future)
            if r is None:
                continue
            events.append(
                Event(
                    date=r.value,
                    precision=r.precision,  # type: ignore[arg-type]
                    text=trim_words(sentence, 25),
                    sources=[ad.id],
                    evidence=[Evidence(doc=ad.id, sentence=sentence)],
                    planned=future or r.future,
                )
            )
    return _merge(events)


def _merge(events: list[Event]) -> list[Event]:
    merged: dict[tuple[str, str], Event] = {}
    for ev in events:
        key = (ev.date, norm_key(ev.text)[:60])
        if key in merged:
            dst = merged[key]
            dst.sources = merge_sources(dst.sources, ev.sources)
            dst.evidence = merge_evidence(dst.evidence, ev.evidence)
        else:
            merged[key] = ev
    order = {"year": 0, "month": 1, "day": 2}
    return sorted(merged.values(), key=lambda e: (e.date[:4], e.date, order[e.precision]))
