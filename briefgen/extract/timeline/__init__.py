"""Timeline: dated events, relative dates resolved, one entry per event across sources.

For every temporal expression (:mod:`briefgen.extract.timeline.spans`) that resolves to
a calendar date (:mod:`briefgen.extract.timeline.temporal`) against its document's date, the
event is the clause the expression anchors, cut to about 25 words, with the actors it
names.  Dates that anchor no event (datelines, bylines, copyright lines, photo
captions) are dropped.  A sentence that continues the previous one's story ("He also
attended ...") takes that sentence's date.

Across documents, the same event on the same date becomes one entry listing every
source; the same event given different dates becomes one entry whose ``conflict`` lists
the other dates.  A document whose date was read from its own text (not from metadata)
is re-anchored when its explicit month-day dates match the other sources' events a
whole number of years apart: its header year was wrong.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract.text import doc_text, merge_evidence, merge_sources, squash, trim_words
from briefgen.extract.timeline.junk import cue, junk_reason, non_event_line
from briefgen.extract.timeline.key import Candidate, choose
from briefgen.extract.timeline.spans import find, governing_verb, tense_of
from briefgen.extract.timeline.temporal import MONTHS, WEEKDAYS, Tense, Timex, calendar, normalise
from briefgen.models import Actor, Article, Event, Evidence
from briefgen.nlp.load import AnnotatedDoc

if TYPE_CHECKING:
    from spacy.tokens import Span

log = logging.getLogger(__name__)

MAX_WORDS = 25
PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
_NON_EVENT_LINE = re.compile(
    r"©|\bcopyright\b|all rights reserved|\b(?:photo|photograph|picture|image)s?\s*(?::|/|by\b)|"
    r"\((?:photo|file)\b|\bfile photo\b|\bgetty images\b|\bap photo\b|\bupdated\b.*\b\d{1,2}:\d{2}\b|"
    r"^\s*(?:published|posted|updated|last modified)\b",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"^(?:He|She|They)\s+(?:also|then|later|subsequently)?\s*\w+", re.UNICODE)
_DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | {
    "today", "yesterday", "tomorrow", "week", "month", "year", "last", "next", "this", "earlier",
    "later", "ago", "decade", "morning", "evening", "night", "afternoon",
}
_STOP = {
    "the", "and", "for", "that", "with", "was", "were", "has", "have", "had", "his", "her", "their",
    "its", "from", "this", "will", "would", "said", "says", "been", "are", "but", "not", "which",
    "who", "whom", "into", "than", "then", "also", "after", "before", "about", "over", "they", "she",
    "him", "our", "out", "new", "one", "two", "more", "most", "some", "such", "can", "could", "may",
    "might", "should", "did", "does", "being", "between", "during", "while", "where", "when", "there",
    "what", "all", "any", "other", "them", "these", "those", "including", "amid",
}


@dataclass
class Mention:
    """One dated event as one document tells it, before merging across documents."""

    doc: str
    date: str
    precision: str
    text: str
    sentence: str
    expr: str
    planned: bool
    actors: list[str] = field(default_factory=list)
    relative: bool = False  # resolved against the document date
    lead: bool = False  # an undated lead sentence, dated by its document's publication
    position: int = 99  # the sentence's place among its document's prose sentences
    eventive: float = 0.5  # how far the sentence reports an act
    today: bool = False  # anchored to its document's day by "until DATE": a report of that day


# ---- one document ---------------------------------------------------------------------------


@dataclass
class DatedSpan:
    """A date expression that anchors an event, as its document writes it: everything
    about it that does not depend on the document's date or on the actors."""

    sent: int  # token index where its sentence starts
    span: str  # the expression as it stands in the text
    tense: Tense | None
    text: str  # the event: the clause it anchors
    sentence: str
    expr: str
    cue: str | None = None  # "until": the article's own date; "start": future by default;
    # "occasion": the date of a thing named by a noun (see :func:`names_occasion`)
    position: int = 99  # the sentence's place among the document's prose sentences
    eventive: float = 0.5  # how far the sentence reports an act (see :func:`eventive`)


@dataclass
class Lead:
    """An undated sentence near the top of a document: news of its publication date."""

    text: str
    sentence: str
    position: int = 99
    eventive: float = 0.5


@dataclass
class Continuation:
    """A sentence with no date of its own that goes on with the previous one's story."""

    prev: int  # token index where the previous (dated) sentence starts
    text: str
    sentence: str


@dataclass
class TimelineFacts:
    """What one document gives the timeline, independent of its date and of the actors."""

    doc: str
    spans: list[DatedSpan] = field(default_factory=list)
    continuations: list[Continuation] = field(default_factory=list)
    leads: list[Lead] = field(default_factory=list)


LEAD_SENTENCES = 5  # the top of a story: where news of the day is told without a date


def observe(ad: AnnotatedDoc) -> TimelineFacts:
    """The dated spans and continuation sentences of one document."""
    facts = TimelineFacts(doc=ad.id)
    dated_sents: set[int] = set()
    text = doc_text(ad.doc)
    positions = _prose_positions(ad)
    for span in find(ad.doc):
        if not says_now(span.text):
            dated_sents.add(span.sent.start)  # "for now", "currently": today's news, still a lead
        if not anchors_event(span) or span_is_modifier(span):
            continue  # a dateline, caption ... or "his 2024 campaign": a year that names
        before = text[span.sent.start_char : span.start_char]
        after = text[span.end_char : span.sent.end_char]
        if junk_reason(span.text, before, after):
            continue  # a clock time, price, title, range end or comparison
        facts.spans.append(
            DatedSpan(
                sent=span.sent.start, span=span.text, tense=tense_of(span), text=event_text(span),
                sentence=squash(span.sent.text), expr=squash(span.text),
                cue=date_cue(span, before),
                position=positions.get(span.sent.start, 99), eventive=eventive(span.sent),
            )
        )
    facts.continuations = _continuations(ad, dated_sents)
    facts.leads = _leads(ad, dated_sents, positions)
    return facts


def says_now(expr: str) -> bool:
    """A reference to the present ("now", "for now", "currently"): it gives no date of
    its own, so the sentence tells the news of its document's day like an undated one."""
    timex = normalise(expr, None, None)
    return timex is not None and timex.value == "PRESENT_REF"


_MODAL = {"should", "could", "may", "might", "would", "must", "can", "will", "shall", "'ll", "wo"}


def eventive(sent: Span) -> float:
    """How far a sentence reports an act: 1 for a past-tense main verb with a named
    subject ("The ministry closed the schools"), 0.75 for a past act with another
    subject, 0.5 for anything else (a state, a forecast, a modal, a question)."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return 0.5
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MODAL for a in auxes) or sent.text.rstrip().endswith("?"):
        return 0.5
    past = root.tag_ == "VBD" or (root.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had", "was", "were") for a in auxes))
    if not past:
        return 0.5
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")
                for c in subj for t in c.subtree)
    return 1.0 if named else 0.75


def _is_prose(sent: Span) -> bool:
    """A sentence of the story, not a headline, dateline or byline."""
    raw = sent.text.strip()
    return (len(raw.split()) >= 10 and "\n" not in raw and raw.endswith((".", ".”", '."', "”", '"'))
            and any(t.pos_ in ("VERB", "AUX") for t in sent))


def _prose_positions(ad: AnnotatedDoc) -> dict[int, int]:
    """Sentence start → its place among the document's prose sentences (0: the lead)."""
    out: dict[int, int] = {}
    for sent in ad.doc.sents:
        if _is_prose(sent):
            out[sent.start] = len(out)
    return out


def _leads(ad: AnnotatedDoc, dated_sents: set[int], positions: dict[int, int]) -> list[Lead]:
    """The first few prose sentences that carry no date: the news of the day the
    document was published (the date-wise approach's publication-date candidates)."""
    out: list[Lead] = []
    for sent in ad.doc.sents:
        pos = positions.get(sent.start)
        if pos is None:
            continue  # a headline, dateline or byline: not yet the story
        raw = sent.text.strip()
        if sent.start in dated_sents or not self_contained(raw) or _non_event_line(raw):
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in sent.root.children):
            continue  # a plan, not the day's news
        act = eventive(sent)
        if pos >= LEAD_SENTENCES and act < 1.0:
            continue  # deeper in the story only a reported act (past tense, named subject)
        out.append(Lead(text=_finish(trim_words(squash(raw), MAX_WORDS)), sentence=squash(raw), position=pos,
                        eventive=act))
    return out


_OPENS_BADLY = re.compile(
    r"^(?:[\"“‘'(\[…]|\.\.\.|(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|or|so|also|"
    r"meanwhile|however|yet|still)\b)",
    re.IGNORECASE,
)


def self_contained(sentence: str) -> bool:
    """A sentence that reads alone: not a question, quote fragment, pronoun-led
    follow-on, caption or fragment."""
    s = sentence.strip()
    if len(s.split()) < 6 or s.endswith(("?", ":")) or _OPENS_BADLY.match(s):
        return False
    return s[:1].isupper() or s[:1].isdigit()


def mentions(ad: AnnotatedDoc, anchor: dt.date | None, names: dict[str, str]) -> list[Mention]:
    """The dated events of one document, its relative dates read against ``anchor``."""
    return resolve(observe(ad), anchor, names)


def resolve(facts: TimelineFacts, anchor: dt.date | None, names: dict[str, str]) -> list[Mention]:
    """One document's dated events, its relative dates read against ``anchor``."""
    found: list[Mention] = []
    last_in_sent: dict[int, Mention] = {}
    for d in facts.spans:
        cue_ = getattr(d, "cue", None)
        tense = cued_tense(d.tense, cue_)
        timex = reading(d.span, anchor, d.tense, cue_)
        if timex is None:
            continue
        cal = calendar(timex.value)
        if cal is None:
            continue
        date, precision = cal
        relative = anchor is not None and normalise(d.span, None, tense) is None
        if cue_ == "until":
            if anchor is None:
                continue  # "until May 6": the event is the article's, whose date is unknown
            date, precision, relative = anchor.isoformat(), "day", True
        planned = _planned(tense, date, anchor, relative and timex.future and cue_ != "until")
        m = Mention(
            doc=facts.doc, date=date, precision=precision, text=d.text, sentence=d.sentence,
            expr=d.expr, planned=planned, actors=actors_in(d.text, names), relative=relative,
            position=getattr(d, "position", 99), eventive=getattr(d, "eventive", 0.5), today=cue_ == "until",
        )
        found.append(m)
        last_in_sent[d.sent] = m
    for c in facts.continuations:
        prev = last_in_sent.get(c.prev)
        if prev is None or prev.planned:
            continue
        actors = prev.actors[:1] + [a for a in actors_in(c.text, names) if a not in prev.actors[:1]]
        found.append(Mention(doc=prev.doc, date=prev.date, precision=prev.precision, text=c.text,
                             sentence=c.sentence, expr=prev.expr, planned=False,
                             actors=actors, relative=prev.relative))
    if anchor is not None:
        for lead in getattr(facts, "leads", ()):
            found.append(Mention(doc=facts.doc, date=anchor.isoformat(), precision="day",
                                 text=lead.text, sentence=lead.sentence, expr="", planned=False,
                                 actors=actors_in(lead.text, names), relative=True, lead=True,
                                 position=lead.position, eventive=getattr(lead, "eventive", 0.5)))
    return found


def _planned(tense: Tense | None, date: str, anchor: dt.date | None, future_date: bool) -> bool:
    """A future or planned event: future tense (unless the date is already past) or a
    relative date after the document date."""
    if anchor is None:
        return tense == "future"
    after = date >= anchor.isoformat()[: len(date)]
    return (tense == "future" and after) or future_date


# every _NON_EVENT_LINE pattern needs one of these strings in the lower-cased line
_NON_EVENT_TRIGGERS = (
    "©", "copyright", "all rights reserved", "photo", "picture", "image", "(file", "updated",
    "published", "posted", "last modified",
)


def _non_event_line(line: str) -> bool:
    """A copyright, caption or time-stamp line (checked for its trigger words first: the
    pattern is slow on long lines)."""
    low = line.lower()
    if any(t in low for t in _NON_EVENT_TRIGGERS) and bool(_NON_EVENT_LINE.search(line)):
        return True
    return non_event_line(line)


def cued_tense(tense: Tense | None, cue_: str | None) -> Tense | None:
    """The tense a date is read in: a start ("beginning on Friday") is future by default."""
    return "future" if cue_ == "start" else tense


def reading(expr: str, anchor: dt.date | None, tense: Tense | None, cue_: str | None) -> Timex | None:
    """The value of a date expression in its sentence: its tense and its cue
    (:func:`~briefgen.extract.timeline.junk.cue`, "occasion") read against ``anchor``."""
    tense = cued_tense(tense, cue_)
    timex = normalise(expr, anchor, tense)
    if cue_ == "occasion" and tense == "past" and timex is not None:
        timex = _coming_occasion(expr, anchor, timex)
    return timex


def date_cue(span: Span, before: str) -> str | None:
    """The cue that changes how a date in its sentence is read (see :class:`DatedSpan`)."""
    return cue(span.text, before) or ("occasion" if names_occasion(span) else None)


OCCASION_AHEAD = 92  # days: a noun's date this far ahead of the article is the coming one


def names_occasion(span: Span) -> bool:
    """The date says when a thing happens, not when the clause's act did: it modifies a
    noun ("the 8 October gig was announced", "the attack on 19 February killed …")."""
    head = span.root.head
    if head.dep_ == "prep" and span.root.dep_ == "pobj":
        head = head.head
    return head.i not in range(span.start, span.end) and head.pos_ == "NOUN"


def _coming_occasion(expr: str, anchor: dt.date | None, past: Timex) -> Timex:
    """A noun's date without a year, in a past-tense sentence: the coming one when it is
    at most ``OCCASION_AHEAD`` days away ("the 8 October gig was announced on Monday",
    written in July), else last year's (the past tense's reading)."""
    near = normalise(expr, anchor, None)
    if anchor is None or near is None or near.value == past.value:
        return past
    try:
        day, was = dt.date.fromisoformat(near.value[:10]), dt.date.fromisoformat(past.value[:10])
    except ValueError:
        return past
    return near if 0 < (day - anchor).days <= OCCASION_AHEAD and (day - was).days > 300 else past


def span_is_modifier(span: Span) -> bool:
    """A bare year used as a modifier after a possessive: "his 2024 campaign"."""
    if len(span) != 1 or not span[0].like_num:
        return False
    tok = span[0]
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.dep_ in ("compound", "nummod", "amod", "nmod") and prev is not None and prev.tag_ == "PRP$"


def anchors_event(span: Span) -> bool:
    """False for dates that anchor no event: datelines, bylines, copyright, captions."""
    doc = span.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line_end = len(text) if line_end < 0 else line_end
    if _non_event_line(text[line_start:line_end]):
        return False
    sent = span.sent
    # the sentence, which the paragraph component already ends at headlines and datelines;
    # hard-wrapped prose keeps its lines together
    lo, hi = sent.start_char, sent.end_char
    verbs = [
        t for t in sent
        if lo <= t.idx < hi and t.pos_ in ("VERB", "AUX") and not (span.start <= t.i < span.end)
    ]
    if not verbs:
        return False  # "Tuesday, April 23, 2024" or "By X – Publisher – July 31, 2023"
    return len(squash(text[lo:hi]).split()) >= 5


def event_text(span: Span, limit: int = MAX_WORDS) -> str:
    """The clause the date anchors, as a readable line of about ``limit`` words."""
    sent = span.sent
    whole = squash(sent.text)
    if len(whole.split()) <= limit:
        return whole
    verb = governing_verb(span.root)
    if verb is None:
        return _window(span, limit)
    # the clause: the verb's subtree without sister clauses that do not hold the date;
    # a clause with no subject of its own ("after arriving on Friday") is widened
    for _ in range(3):
        if verb.dep_ == "ROOT" or _has_subject(verb):
            break
        up = governing_verb(verb.head)
        if up is None or up is verb:
            break
        verb = up
    drop: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("conj", "cc", "parataxis", "advcl", "relcl") and not (
            child.left_edge.i <= span.start <= child.right_edge.i
        ):
            drop.update(t.i for t in child.subtree)
    toks = [t for t in verb.subtree if t.i not in drop and t.i >= sent.start and t.i < sent.end]
    clause = squash("".join(t.text_with_ws for t in toks)).strip(" ,;:-–—")
    if len(clause.split()) < 5:
        return _window(span, limit)
    if len(clause.split()) > limit:
        clause = _window_text(clause, span.text, limit)
    return _finish(clause)


def _has_subject(verb: Span | object) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.tag_ not in ("WDT", "WP")
               for c in verb.children)  # type: ignore[attr-defined,union-attr]


def _window(span: Span, limit: int) -> str:
    return _finish(_window_text(squash(span.sent.text), squash(span.text), limit))


def _window_text(text: str, expr: str, limit: int) -> str:
    """``limit`` words of ``text`` around ``expr``, with ellipses where cut."""
    words = text.split(" ")
    if len(words) <= limit:
        return text
    pos = len(text[: max(text.find(expr), 0)].split())
    start = max(0, min(pos - limit // 2, len(words) - limit))
    piece = " ".join(words[start : start + limit]).strip(" ,;:")
    return ("… " if start else "") + piece + (" …" if start + limit < len(words) else "")


def _finish(text: str) -> str:
    text = trim_words(text, MAX_WORDS + 2).lstrip(" ,;:-–—”’\"')")
    text = re.sub(r"^(?:that|and|but)\s+", "", text)
    return text[0].upper() + text[1:] if text and text[0].islower() else text


class NameIndex(dict[str, str]):
    """Alias (lower case) → canonical name, indexed by each alias's first word, so a text
    is checked only against the aliases that can occur in it (a corpus has thousands)."""

    def __init__(self, names: dict[str, str] | None = None) -> None:
        super().__init__(names or {})
        self.by_first: dict[str, list[str]] = {}
        for alias in self:
            words = _WORD.findall(alias)
            if words:
                self.by_first.setdefault(words[0], []).append(alias)


@functools.lru_cache(maxsize=16384)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """An alias as a whole word or words (compiled when first needed: most never are)."""
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")


_WORD = re.compile(r"\w+")


def actors_in(text: str, names: dict[str, str]) -> list[str]:
    """Canonical names of the actors ``text`` names, in first-mention order."""
    index = names if isinstance(names, NameIndex) else NameIndex(names)
    low = text.lower()
    hits: list[tuple[int, str]] = []
    for word in set(_WORD.findall(low)):
        for alias in index.by_first.get(word, ()):
            m = _alias_pattern(alias).search(low) if alias in low else None
            if m:
                hits.append((m.start(), index[alias]))
    out: list[str] = []
    for _, canon in sorted(hits):
        if canon not in out:
            out.append(canon)
    return out


def _continuations(ad: AnnotatedDoc, dated_sents: set[int]) -> list[Continuation]:
    """"He also attended ...": a sentence with no date of its own that goes on with the
    previous sentence's story (a pronoun subject, past tense, same paragraph); it takes
    the previous sentence's date when that one dates an event (see :func:`resolve`)."""
    out: list[Continuation] = []
    sents = list(ad.doc.sents)
    for prev, sent in itertools.pairwise(sents):
        if prev.start not in dated_sents or sent.start in dated_sents:
            continue
        between = doc_text(ad.doc)[prev.end_char : sent.start_char]
        if "\n" in between or "\n" in sent.text.strip():
            continue
        if not _CONTINUES.match(sent.text) or sent.root.tag_ != "VBD":
            continue
        text = _finish(trim_words(squash(sent.text), MAX_WORDS))
        out.append(Continuation(prev=prev.start, text=text, sentence=squash(sent.text)))
    return out


# ---- the corpus ----------------------------------------------------------------------------


def extract(docs: Sequence[AnnotatedDoc], actors: Sequence[Actor] = ()) -> list[Event]:
    """Dated events across the corpus, merged across sources, ordered by date."""
    return combine([(ad.article, observe(ad)) for ad in docs], actors)


def combine(
    docs: Sequence[tuple[Article, TimelineFacts]], actors: Sequence[Actor] = (), key_dates: int | None = None
) -> list[Event]:
    """Dated events from every document's facts, merged across sources, ordered by date,
    the key ones marked (``key_dates`` fixes how many key dates; see :mod:`timeline_key`)."""
    cands, order = candidates(docs, actors)
    events = choose(cands, [art for art, _ in docs], lambda a, b: same_event(a, b), n_dates=key_dates)
    return sorted(events, key=lambda e: (e.date, PRECISION_RANK[e.precision], order.get(e.sources[0], 0), e.text))


def candidates(
    docs: Sequence[tuple[Article, TimelineFacts]], actors: Sequence[Actor] = ()
) -> tuple[list[Candidate], dict[str, int]]:
    """The merged events the key choice works on, and each document's place in ``docs``."""
    names = actor_names(actors)
    anchors = {art.id: art.date for art, _ in docs}
    found = {art.id: resolve(f, anchors[art.id], names) for art, f in docs}
    reliable = {art.id for art, _ in docs if art.date_source == "metadata"}
    for art, f in docs:
        anchor = anchors[art.id]
        if anchor is None or art.id in reliable:
            continue
        shift = year_shift(found[art.id], [m for d in reliable for m in found.get(d, [])])
        if shift:
            fixed = _shift_years(anchor, shift)
            log.info("%s: its date %s disagrees with the other sources by %+d year(s); dating its "
                     "relative expressions from %s", art.id, anchor, shift, fixed)
            found[art.id] = resolve(f, fixed, names)
    order = {art.id: i for i, (art, _) in enumerate(docs)}
    all_mentions = without_boilerplate([m for art, _ in docs for m in found[art.id]], anchors)
    return [_candidate(g, reliable, order) for g in group(all_mentions)], order


def without_boilerplate(found: Sequence[Mention], published: dict[str, dt.date | None] | None = None) -> list[Mention]:
    """The mentions without stock lines: sentences that several documents repeat word
    for word (syndicated copies are set aside by ingest, so a sentence shared by two
    documents is an outlet's stock paragraph).  An undated stock line tells no day's
    news; a relative date in one ("launched counter-offensives on Sunday") is read
    from the first document that printed it, not from each later copy's date."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for m in found:
        docs_of[m.sentence].add(m.doc)
    pub = published or {}

    def first(sentence: str) -> dt.date | None:
        return min((d for doc in docs_of[sentence] if (d := pub.get(doc)) is not None), default=None)

    out = []
    for m in found:
        if len(docs_of[m.sentence]) > 1:
            if m.lead:
                continue
            if m.relative and (f := first(m.sentence)) is not None and pub.get(m.doc) not in (None, f):
                continue
        out.append(m)
    return out


def _candidate(g: list[Mention], reliable: set[str], order: dict[str, int]) -> Candidate:
    event = _event(g, reliable, order)
    own = [m for m in g if m.date == event.date] or g  # the key sentence tells the event's own date
    return Candidate(
        event=event,
        referring=frozenset(m.doc for m in g if not m.lead and not _is_range(m.expr)),
        leads=frozenset(m.doc for m in g if m.lead),
        sentences=list(dict.fromkeys((m.doc, m.sentence) for m in own)),
        positions={(m.doc, m.sentence): m.position for m in g},
        eventive={(m.doc, m.sentence): m.eventive for m in g},
        exprs={(m.doc, m.sentence): m.expr for m in g},
        lead_only=all(m.lead for m in g),
    )


def actor_names(actors: Sequence[Actor]) -> NameIndex:
    """Every name and alias of the actors (lower case) → the canonical name."""
    names: dict[str, str] = {}
    for a in actors:
        for n in [a.name, *a.aliases]:
            if len(n) >= 3:
                names.setdefault(n.lower(), a.name)
    return NameIndex(names)


def year_shift(own: Sequence[Mention], others: Sequence[Mention]) -> int:
    """Whole years by which ``own``'s relative month-day dates disagree with the same
    events in ``others`` (0 when they agree or nothing matches)."""
    votes: Counter[int] = Counter()
    for m in own:
        if not (m.relative and m.precision == "day"):
            continue
        for o in others:
            if o.precision != "day" or o.date[5:] != m.date[5:] or o.date[:4] == m.date[:4]:
                continue
            if _same_expression(m.expr, o.expr) or len(_shared(m.sentence, o.sentence)) >= 3:
                votes[int(o.date[:4]) - int(m.date[:4])] += 1
    if not votes:
        return 0
    shift, n = votes.most_common(1)[0]
    return shift if n > sum(votes.values()) / 2 else 0


def _same_expression(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\s*[-\u2013\u2014]\s*", "-", s.lower())

    return norm(a) == norm(b) and bool(re.search(r"\d", a))


def _shift_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@functools.lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Lower-case content words of ``text`` without dates, numbers and stop words."""
    words = re.findall(r"[a-z][a-z'’]+", text.lower())
    return frozenset(
        w.rstrip("'’s") for w in words if len(w) > 2 and w not in _STOP and w not in _DATE_WORDS
    )


def _shared(a: str, b: str) -> frozenset[str]:
    return content_words(a) & content_words(b)


def same_event(a: str, b: str, strict: bool = False, common: frozenset[str] = frozenset()) -> bool:
    """Two event lines tell the same event: enough content words in common, not
    counting ``common`` (the story's own words, which every line may use)."""
    wa, wb = content_words(a) - common, content_words(b) - common
    if not wa or not wb:
        return False
    shared = len(wa & wb)
    need, ratio = (4, 0.6) if strict else (3, 0.5)
    return shared >= need and shared / min(len(wa), len(wb)) >= ratio


def merge(found: Sequence[Mention], reliable: set[str], order: dict[str, int]) -> list[Event]:
    """One entry per event: same event and date → one entry with every source; same
    event, other dates from other documents → one entry with a ``conflict``."""
    events = [_event(g, reliable, order) for g in group(found)]
    return sorted(events, key=lambda e: (e.date, PRECISION_RANK[e.precision], order.get(e.sources[0], 0), e.text))


def group(found: Sequence[Mention]) -> list[list[Mention]]:
    """The mentions grouped by event (see :func:`merge`)."""
    groups: list[list[Mention]] = []
    common = story_words(found)
    # every mention placed so far, indexed so a mention is compared only with those that
    # can match it: a same-date match shares the sentence or a content word (three for
    # the same event), a conflict shares four content words
    placed: list[Mention] = []
    group_of: list[int] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    by_date_word: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_sentence: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for m in found:
        words = content_words(m.text)
        shared = Counter(i for w in words for i in by_date_word.get((m.date, w), ()))
        day_range = m.precision == "day" and bool(_RANGE.search(m.expr))
        same_date = [
            i for i, n in shared.items()
            if (n >= 3 and same_event(m.text, placed[i].text, strict=m.lead or placed[i].lead))
            or (day_range and _same_dated_range(m, placed[i]))
            or (m.precision != "day" and placed[i].precision == m.precision and _same_named(m.text, placed[i].text))
        ]
        same_date += by_sentence.get((m.date, m.doc, m.sentence), ())
        home = min((group_of[i] for i in same_date), default=None)
        if home is None and not m.planned:
            shared = Counter(i for w in words for i in by_word.get(w, ()))
            home = min(
                (
                    group_of[i] for i, n in shared.items()
                    if n >= 4 and _conflicts(m, placed[i], common)
                ),
                default=None,
            )
        if home is None:
            home = len(groups)
            groups.append([m])
        else:
            groups[home].append(m)
        number = len(placed)
        placed.append(m)
        group_of.append(home)
        by_sentence[(m.date, m.doc, m.sentence)].append(number)
        for w in words:
            by_word[w].append(number)
            by_date_word[(m.date, w)].append(number)
    return groups


_NAME = re.compile(r"[A-Z][\w’'-]+(?:\s+(?:of\s+|the\s+|for\s+)?[A-Z][\w’'-]+)+")


@functools.lru_cache(maxsize=65536)
def named_phrases(text: str) -> frozenset[str]:
    """Multi-word names in ``text`` ("Comprehensive Partnership"), without its first word
    when it opens the text (capitalised anyway) and without date words."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        words = [w for w in m.group(0).split() if w.lower() not in _DATE_WORDS]
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", "…")):
            words = words[1:]
        for i in range(len(words) - 1):  # and every part of two words or more
            for j in range(i + 2, len(words) + 1):
                out.add(" ".join(words[i:j]).lower())
    return frozenset(out)


def _same_named(a: str, b: str) -> bool:
    """Two month- or year-dated lines naming the same multi-word thing: one event
    ("the Comprehensive Partnership in 2013" told twice)."""
    return bool(named_phrases(a) & named_phrases(b))


def _conflicts(m: Mention, o: Mention, common: frozenset[str] = frozenset()) -> bool:
    """The same event given another date by another document: told in the same words,
    beyond the story's own (in a long story every line names its leading actors)."""
    return (m.doc != o.doc and m.date != o.date and m.precision == o.precision
            and not m.planned and not o.planned and not (_running(m) or _running(o))
            and same_event(m.text, o.text, strict=True, common=common))


STORY_SHARE = 0.3  # a word in this share of the documents is the story's, not an event's
STORY_MIN_DOCS = 10  # with fewer documents, no word is


def story_words(found: Sequence[Mention]) -> frozenset[str]:
    """The content words that a ``STORY_SHARE`` of the documents use in their dated
    lines: the story's leading names and its subject ("strel", "rebels", "flu")."""
    docs: dict[str, set[str]] = defaultdict(set)
    for m in found:
        docs[m.doc] |= content_words(m.text)
    if len(docs) < STORY_MIN_DOCS:
        return frozenset()
    df = Counter(w for ws in docs.values() for w in ws)
    return frozenset(w for w, k in df.items() if k >= STORY_SHARE * len(docs))


_DEICTIC = re.compile(r"^(?:today|tonight|this (?:morning|afternoon|evening)|now)$", re.IGNORECASE)


def _running(m: Mention) -> bool:
    """A report of the day ("today", an undated lead, "closed until May 6"): the same
    words on two days are two updates of a running story (a rising toll), not one event
    given two dates."""
    return m.lead or m.today or bool(_DEICTIC.match(m.expr.strip()))


_RANGE = re.compile(r"\d\s*[-\u2013\u2014]\s*\d")


def _is_range(expr: str) -> bool:
    """"April 14-16", "between 23 and 28 April": a span, whose first day is a weak
    reference to that day."""
    return bool(_RANGE.search(expr)) or bool(re.search(r"\d\s+(?:and|to|through)\s+\d", expr))


def _same_dated_range(a: Mention, b: Mention) -> bool:
    """Two outlets giving the same day range ("April 14-16") and a content word in common."""
    return (a.doc != b.doc and a.precision == "day" and bool(re.search(r"\d\s*[-\u2013\u2014]\s*\d", a.expr))
            and _same_expression(a.expr, b.expr) and bool(_shared(a.text, b.text)))


CONFLICT_PLAIN_WORDS = 3  # a disagreement tells the event in this many common words beyond names


@functools.lru_cache(maxsize=65536)
def plain_words(text: str) -> frozenset[str]:
    """The content words ``text`` writes in lower case: what is done or said, not who."""
    return content_words(" ".join(re.findall(r"(?<![\w’'-])[a-z][a-z'’-]*", text)))


def _told_alike(a: Mention, b: Mention) -> bool:
    return len(plain_words(a.text) & plain_words(b.text)) >= CONFLICT_PLAIN_WORDS


def _event(group: list[Mention], reliable: set[str], order: dict[str, int]) -> Event:
    support: dict[str, float] = defaultdict(float)
    counted: set[tuple[str, str]] = set()
    for m in group:
        if (m.date, m.doc) in counted:
            continue  # a document gives a date once, however often it repeats it
        counted.add((m.date, m.doc))
        support[m.date] += (2 if m.doc in reliable else 1) * (0.5 if m.lead else 1)
    date = max(support, key=lambda d: (support[d], -min(order.get(m.doc, 0) for m in group if m.date == d)))
    main = [m for m in group if m.date == date]
    first = min(main, key=lambda m: (m.lead, order.get(m.doc, 0)))
    # another date is a disagreement only when it does not contain the event's own
    # ("March 2011" for an event of 19 March 2011 agrees), and only when it tells what
    # was done or said in the same words, not just who: "Robert Gibbs said Friday" and
    # "… said Wednesday" are two statements (the group still holds both); each date is
    # named once
    others = [m for m in group if m.date != date and not m.lead and not date.startswith(m.date)
              and not m.date.startswith(date) and any(_told_alike(m, x) for x in main)]
    conflict: list[str] = []
    named: set[str] = set()
    for m in others:
        if m.date not in named:
            named.add(m.date)
            conflict.append(f"{m.date} ({m.doc})")
    actors: list[str] = []
    for m in group:
        actors.extend(a for a in m.actors if a not in actors)
    return Event(
        date=date,
        precision=first.precision,  # type: ignore[arg-type]
        text=first.text,
        sources=merge_sources(*([m.doc] for m in sorted(group, key=lambda m: order.get(m.doc, 0)))),
        evidence=merge_evidence(*([Evidence(doc=m.doc, sentence=m.sentence)] for m in group)),
        actors=actors,
        planned=all(m.planned for m in main),
        conflict=conflict,
    )

