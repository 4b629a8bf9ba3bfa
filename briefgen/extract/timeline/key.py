"""Key timeline: which events a journalist would put on the story's timeline.

Date-wise timeline summarisation (Tran et al. 2013; Ghalandari & Ifrim 2020), on the
events :mod:`briefgen.extract.timeline` has merged across sources:

1. **Background.** An event whose whole period ends well before the corpus window
   (``BACKGROUND_DAYS`` before its first publication date) is context: earlier crises,
   "since 2013".  It is never key.
2. **Dates.** Every day in or near the window is scored by the distinct documents and
   outlets that *refer* to it (a date written in the text), plus a smaller share for the
   documents published that day (their undated lead sentences); days outside the window
   count for less.  The number of key dates comes from the corpus: one per day with
   news while there are few, growing with the square root beyond that
   (:func:`key_date_count`).
3. **Events.** On each key date the most central, corroborated event is key, told by its
   most self-contained sentence; a second event on the same date is key too when other
   outlets corroborate it, up to ``EXTRA_SHARE`` of the key dates.  A fact already key
   on another date is not key again.

``salience`` (0-1) is an event's score against the best event's: distinct outlets,
documents, its date's score and how much its words recur among that date's events.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from briefgen.extract.period import story_period
from briefgen.extract.timeline.runin import lower_words, without_run_in
from briefgen.models import Actor, Article, Event

log = logging.getLogger(__name__)

BACKGROUND_DAYS = 30  # an event ending this long before the window is background
NEAR_DAYS = 3  # days just outside the window still count, at OUTSIDE_WEIGHT
OUTSIDE_WEIGHT = 0.5
LEAD_WEIGHT = 0.5  # a publication (undated lead) counts half a reference
LATER_WEIGHT = 2.0  # a document published a week or more after a day that still refers to it
LATER_DAYS = 7  # (Tran et al. 2013: a date recalled later was a turning point)
SHORT_WINDOW = 20  # up to this many news days, one key date per news day
EXTRA_SHARE = 0.7  # second events on a date: at most this share of the key dates
MAX_SENTENCE_WORDS = 50  # a key event told by a longer sentence keeps its clause
LEAD_BONUS = {0: 0.6, 1: 0.35, 2: 0.2, 3: 0.1, 4: 0.05}  # news is told first: the lead's place
MIN_SIMILAR = 0.2  # TF-IDF cosine from which another source's sentence tells the same
BULLET_BONUS = 0.35  # a list item (the story's key points) counts like the lead's second sentence
PER_DATE = 3  # at most this many key events on one date (the extra budget, not this, sets the count)
DATE_POWER = 1.0  # how much the date's score weighs in choosing further events


@dataclass
class Candidate:
    """A merged event with what the key choice needs about its mentions."""

    event: Event
    referring: frozenset[str]  # documents that write its date
    leads: frozenset[str]  # documents whose undated lead sentence tells it
    sentences: list[tuple[str, str]]  # (document, sentence), first-seen order
    lead_only: bool = False
    positions: dict[tuple[str, str], int] = field(default_factory=dict)  # place in its document
    eventive: dict[tuple[str, str], float] = field(default_factory=dict)  # reports an act: 0.5-1
    exprs: dict[tuple[str, str], str] = field(default_factory=dict)  # the date expression it writes


def window(articles: Sequence[Article]) -> tuple[dt.date, dt.date] | None:
    """First and last publication date of the (non-duplicate) articles, stragglers left
    out (:func:`~briefgen.extract.period.story_period`)."""
    return story_period(a.date for a in articles if a.date and not a.duplicate_of)


def period(date: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of ``date`` at its precision."""
    try:
        y = int(date[:4])
        if precision == "year" or len(date) == 4:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        m = int(date[5:7])
        if precision == "month" or len(date) == 7:
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
        d = dt.date.fromisoformat(date[:10])
        return d, d
    except ValueError:
        return None


def is_background(event: Event, win: tuple[dt.date, dt.date] | None) -> bool:
    """Dated well before the corpus window (its whole period ends before it)."""
    if win is None:
        return False
    p = period(event.date, event.precision)
    return p is not None and p[1] < win[0] - dt.timedelta(days=BACKGROUND_DAYS)


def key_date_count(news_days: int) -> int:
    """How many key dates: one per day with news up to ``SHORT_WINDOW``, then growing
    with the square root of the further days (a long story gets a sparser timeline)."""
    if news_days <= SHORT_WINDOW:
        return news_days
    return SHORT_WINDOW + round(2 * math.sqrt(news_days - SHORT_WINDOW))


def date_scores(
    cands: Sequence[Candidate], outlet: Callable[[str], str], win: tuple[dt.date, dt.date] | None,
    published: Callable[[str], dt.date | None] = lambda _: None,
) -> dict[str, float]:
    """Each day's score: distinct documents and outlets that refer to it, a share for the
    documents published that day, a bonus for each document that still refers to it a
    week or more later (``published`` gives a document's date), less for days just
    outside the window."""
    refs: dict[str, set[str]] = defaultdict(set)
    pubs: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        e = c.event
        if e.precision != "day" or e.background:
            continue
        refs[e.date] |= c.referring
        pubs[e.date] |= c.leads
    scores: dict[str, float] = {}
    for day in set(refs) | set(pubs):
        d = dt.date.fromisoformat(day)
        if win is not None and not (win[0] - dt.timedelta(days=NEAR_DAYS) <= d <= win[1] + dt.timedelta(days=NEAR_DAYS)):
            continue
        r = refs[day]
        later = [x for x in r if (p := published(x)) is not None and (p - d).days >= LATER_DAYS]
        score = len(r) + len({outlet(x) for x in r}) + LEAD_WEIGHT * len(pubs[day] - r) + LATER_WEIGHT * len(later)
        if win is not None and not (win[0] <= d <= win[1]):
            score *= OUTSIDE_WEIGHT
        scores[day] = score
    return scores


END_SHARE = 0.1  # of the key dates, from the last tenth of the window (the brief only)


def with_the_end(days: Sequence[str], n: int, win: tuple[dt.date, dt.date] | None) -> list[str]:
    """``days`` (best first) with the best of the window's last tenth moved up, so that
    ``END_SHARE`` of the first ``n`` tell how the story stands at the end: a long story's
    last weeks have had no time to be recalled by later documents."""
    if win is None or n <= 0 or END_SHARE <= 0:
        return list(days)
    start = win[1] - dt.timedelta(days=((win[1] - win[0]).days + 1) * 0.1)
    late = [d for d in days if dt.date.fromisoformat(d) > start][: math.ceil(END_SHARE * n)]
    return late + [d for d in days if d not in late]


_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_STOP = frozenset(
    ["the", "and", "for", "that", "with", "was", "were", "has", "have", "had", "his", "her", "their", "its", "from", "this", "will", "would", "said", "says", "been", "are", "but", "not", "which", "who", "into", "than", "then", "also", "after", "before", "about", "over", "they", "she", "him", "them", "our", "out", "new", "one", "two", "more", "most", "some", "such", "can", "could", "may", "might", "should", "did", "does", "being", "when", "where", "what", "all", "any", "other", "these", "those", "there", "while", "including"]
)


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


_BAD_START = re.compile(
    r"^(?:[\"“‘'(\[…]|(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|or|so|"
    r"also|another|meanwhile|however|yet|still|asked|in a statement|the latest|(?:to|last |yester)(?:day|night)['’]s)\b)",
    re.IGNORECASE,
)


_BULLET = re.compile(r"^\s*(?:[•·▪■◦‣*]|[-–—](?=\s))\s*")


def is_bullet(sentence: str) -> bool:
    """A list item: the story's own summary of its key points."""
    return bool(_BULLET.match(sentence))


def unbulleted(sentence: str) -> str:
    return _BULLET.sub("", sentence, count=1).strip()


def readable(sentence: str) -> float:
    """1 for a sentence that stands alone; less for a question, a quotation, a
    pronoun-led follow-on, a fragment or a very long sentence."""
    s = unbulleted(sentence)
    n = len(s.split())
    score = 1.0
    if s.endswith("?") or n < 8 or not (s[:1].isupper() or s[:1].isdigit()) or not s.endswith((".", "”", '"', "…")):
        score *= 0.3
    if _BAD_START.match(s):
        score *= 0.4
    if s.count("“") + s.count('"') >= 2 or s.endswith(("”", '"')):
        score *= 0.6
    if n > MAX_SENTENCE_WORDS:
        score *= 0.5
    return score


Vector = dict[str, float]


def vector(text: str, idf: dict[str, float]) -> Vector:
    """The sentence's TF-IDF vector, unit length."""
    tf = Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)
    v = {w: n * idf.get(w, 0.0) for w, n in tf.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(w, 0.0) for w, x in a.items())
    nb = math.sqrt(sum(x * x for x in b.values())) or 1.0
    return dot / nb


def idf_of(sentences: Sequence[str]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(words(s))
    n = len(sentences) or 1
    return {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}


def support(doc: str, v: Vector, day_docs: dict[str, list[Vector]], outlet: Callable[[str], str]) -> float:
    """How far the other outlets' sentences on the same date tell the same thing: per
    other outlet, its closest sentence's cosine (below ``MIN_SIMILAR`` counts nothing)."""
    best: dict[str, float] = {}
    for other, vecs in day_docs.items():
        if other == doc:
            continue
        sim = max((cosine(v, w) for w in vecs), default=0.0)
        if sim >= MIN_SIMILAR:
            o = outlet(other)
            best[o] = max(best.get(o, 0.0), sim if o != outlet(doc) else sim / 2)
    return sum(best.values())


@dataclass(frozen=True)
class SentenceFeatures:
    """What the key choice knows of one sentence telling a dated event."""

    readable: float  # readable(): 1 for a sentence that stands alone
    eventive: float  # 0.5-1: reports an act
    support: float  # support(): the other sources that day say the same
    place: float  # the lead of its story (LEAD_BONUS), or a list item
    refs: int  # documents writing the event's date
    central: float  # cosine to the corpus centroid: the sentence is about the story
    length: float  # words / 60, at most 1
    undated: bool  # an undated lead sentence, not one that writes its date
    novel: float = 1.0  # novelty(): not told on the days just before

    def terms(self) -> tuple[float, ...]:
        """The model's inputs, in the order of ``WEIGHTS``."""
        return (
            math.log(max(self.readable, 1e-3)), math.log(max(self.eventive, 1e-3)), math.log1p(self.support),
            math.log1p(self.place), math.log1p(self.refs), self.central, self.length, float(self.undated),
            self.novel,
        )


# The sentence score is log-linear in the terms above: exp(sum of weight x term).  The
# weights were fitted on the Timeline17 journalists' timelines (nine topic/outlet pairs,
# the three H1N1 pairs held out) by ``scripts/fit_event_ranker.py``: which of a date's
# sentences is closest to what the journalist wrote for that date.  Leave one topic
# out, the sentence they rank first is closer to the journalist's on average than the
# hand-set product's (unigram F1 0.159 against 0.133) and than the same fit without
# novelty (0.154); on the held-out H1N1 pairs 0.115 / 0.152 / 0.190 against 0.112 /
# 0.152 / 0.177 without it (docs/timeline.md).  In order: readable, eventive, support,
# place, refs, central, length, undated, novel.
WEIGHTS = (0.31, -0.11, 1.76, 0.67, -0.04, 6.73, 0.42, -0.58, 0.48)
LENGTH_WORDS = 60


def sentence_score(f: SentenceFeatures, weights: Sequence[float] = WEIGHTS) -> float:
    return math.exp(sum(w * t for w, t in zip(weights, f.terms(), strict=True)))


def centroid(vectors: Collection[Vector]) -> Vector:
    """The unit-length sum of ``vectors``: what the corpus is about."""
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {w: x / norm for w, x in total.items()}


def truncated(sentence: str) -> bool:
    """Text cut off by its page: it opens or ends with an ellipsis."""
    s = sentence.strip().rstrip("”\"’'")
    return s.startswith(("…", "...")) or s.endswith(("…", "..."))


_FOLLOW_ON = re.compile(r"^(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)


def fragment(sentence: str) -> bool:
    """Not a statement that stands alone: a piece of a sentence ("in the square as the
    president said …", split off by the page or the sentence splitter), a question, or
    a follow-on whose subject is a pronoun ("He was in court on Monday …": who?)."""
    s = unbulleted(sentence).strip()
    return s[:1].islower() or s.rstrip("”\"’'").endswith("?") or bool(_FOLLOW_ON.match(s))


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_PERSON = re.compile(  # "US" is a country
    r"\b(?:I(?:['’](?:m|ve|d|ll))?|(?i:me|my|we(?:['’](?:re|ve|d|ll))?|our|you|your)|[Uu]s)\b"
)
_COMMENT_STAMP = re.compile(
    r"\|\s*(?:reply|report abuse|flag|permalink)\b|\bposted by\s*:|"
    r"\b\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\||\bat\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|",
    re.IGNORECASE,
)


def unquoted(sentence: str) -> str:
    """The sentence's own words: quoted spans removed, and the part of a quotation that
    opened in an earlier sentence (text before a lone closing mark) or runs on into the
    next (text after a lone opening mark)."""
    s = _QUOTED.sub(" ", sentence)
    if "”" in s:
        s = s[s.rindex("”") + 1:]
    if "“" in s:
        s = s[: s.index("“")]
    return s


_CAPTION = re.compile(
    r",\s(?:center|centre|left|right|second (?:from )?(?:left|right)|far (?:left|right)|foreground|background|top|"
    r"bottom|above)\s?,|\(\s*(?:by\s+)?[A-Z][\w.'’ -]{1,40}\s+(?:--|—|/)\s*[A-Z][\w.'’ -]{1,40}\)|"
    r"\b(?:AP|AFP|Reuters|Getty Images|EPA|Bloomberg)\s+Photo\b",
    re.IGNORECASE,
)


def caption(sentence: str) -> bool:
    """A photo caption or its credit run into the text: "Then-President Bush, center,
    flanked by …", "(By Anna Berg -- Wirenews) …", "(AP Photo/Anna Berg)"."""
    return bool(_CAPTION.search(sentence))


def not_reported(sentence: str) -> bool:
    """Not the reporter's voice: a reader comment or a post's stamp ("March 21, 2011 at
    9:47 pm | Reply"), or words in the first or second person outside quotation marks
    (a column, a blog, a comment, or a quotation that lost its marks: "Tomorrow morning,
    I will suspend my campaign")."""
    return bool(_COMMENT_STAMP.search(sentence) or _PERSON.search(unquoted(sentence)))


NOVEL_DAYS = 7  # a sentence is new when the week before its date told nothing like it


def dated_vectors(cands: Sequence[Candidate], vec: dict[str, Vector]) -> dict[dt.date, list[Vector]]:
    """The sentence vectors of each day (day-precision events only)."""
    out: dict[dt.date, list[Vector]] = defaultdict(list)
    for c in cands:
        if c.event.precision == "day" and not c.event.background:
            day = dt.date.fromisoformat(c.event.date[:10])
            out[day].extend(vec[s] for _, s in c.sentences)
    return out


def novelty(v: Vector, date: str, by_day: dict[dt.date, list[Vector]]) -> float:
    """1 less the closest TF-IDF cosine to a sentence dated in the ``NOVEL_DAYS`` before
    ``date``: a running count told again ("109 cases, up from 91") is not new; a
    decree is (Allan et al. 2001: first story detection)."""
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return 1.0
    best = 0.0
    for k in range(1, NOVEL_DAYS + 1):
        for u in by_day.get(day - dt.timedelta(days=k), ()):
            best = max(best, cosine(v, u))
    return 1.0 - best


def day_features(
    cands: Sequence[Candidate], on_day: dict[str, list[int]], outlet: Callable[[str], str]
) -> dict[int, list[tuple[str, SentenceFeatures]]]:
    """Every sentence of every dated event (indices into ``cands``) with its features.
    A headline or caption glued to the sentence is cut off (:mod:`.runin`); a sentence
    whose date was the caption's, cut off by its page (:func:`truncated`), not a
    statement (:func:`fragment`), not in the reporter's voice (:func:`not_reported`) or
    a photo caption (:func:`caption`) is left out, and an event with no sentence left too."""
    sentences = [s for c in cands for _, s in c.sentences]
    idf = idf_of(sentences)
    vec = {s: vector(s, idf) for s in dict.fromkeys(sentences)}
    central = centroid(list(vec.values()))
    common = lower_words(vec)
    earlier = dated_vectors(cands, vec)
    out: dict[int, list[tuple[str, SentenceFeatures]]] = {}
    for idx in on_day.values():
        day_docs: dict[str, list[Vector]] = defaultdict(list)
        for i in idx:
            for d, s in cands[i].sentences:
                day_docs[d].append(vec[s])
        for i in idx:
            c = cands[i]
            out[i] = []
            for d, s in c.sentences:
                pos = c.positions.get((d, s), 99)
                head, body = without_run_in(s, common)
                expr = c.exprs.get((d, s), "")
                if head and expr and expr in head:
                    continue  # dated by the caption glued to it, not by the sentence
                if truncated(body) or fragment(body) or not_reported(body) or caption(body):
                    continue  # a teaser's cut-off text: "… completed their withdrawal"; a piece
                out[i].append((body, SentenceFeatures(
                    readable=readable(body),
                    eventive=c.eventive.get((d, s), 0.5),
                    support=support(d, vec[s], day_docs, outlet),
                    place=max(LEAD_BONUS.get(pos, 0.0), BULLET_BONUS if is_bullet(s) else 0.0),
                    refs=len(c.referring),
                    central=cosine(vec[s], central),
                    length=min(len(body.split()), LENGTH_WORDS) / LENGTH_WORDS,
                    undated=d in c.leads and d not in c.referring,
                    novel=novelty(vec[s], c.event.date, earlier),
                )))
    return out


def event_values(
    cands: Sequence[Candidate], on_day: dict[str, list[int]], outlet: Callable[[str], str]
) -> tuple[dict[int, float], dict[int, str]]:
    """Each dated event's value and the sentence that tells it best (indices into
    ``cands``): its best sentence's score, raised for each further outlet that reports
    it (corroboration counts distinct outlets)."""
    value: dict[int, float] = {}
    sentence: dict[int, str] = {}
    for i, scored in day_features(cands, on_day, outlet).items():
        if not scored:
            continue
        text, f = max(scored, key=lambda x: sentence_score(x[1]))
        sentence[i] = text
        outlets = min(len({outlet(d) for d in cands[i].event.sources}), 3)
        value[i] = sentence_score(f) * (1 + 0.3 * (outlets - 1))
    return value, sentence


def opens_story(c: Candidate) -> bool:
    """One of the event's sentences is the first of its story: the day's news as that
    story tells it."""
    return 0 in c.positions.values()


def choose(
    cands: Sequence[Candidate],
    articles: Sequence[Article],
    same_fact: Callable[[str, str], bool],
    n_dates: int | None = None,
) -> list[Event]:
    """The events with ``key``, ``background`` and ``salience`` set, ordered by date;
    undated lead sentences that are not key are dropped (they only vote for dates).

    ``n_dates`` fixes the number of key dates, one event each (the standard TLS
    setting, as many dates as a reference timeline); by default the corpus decides."""
    fixed = n_dates
    by_id = {a.id: a for a in articles}
    def outlet(doc: str) -> str:
        return (by_id[doc].publisher or doc) if doc in by_id else doc

    win = window(list({d: by_id[d] for c in cands for d in c.event.sources if d in by_id}.values()) or articles)
    cands = [replace(c, event=replace(c.event, background=is_background(c.event, win))) for c in cands]
    scores = date_scores(cands, outlet, win, lambda doc: by_id[doc].date if doc in by_id else None)
    news_days = len({a.date for a in articles if a.date and not a.duplicate_of
                     and (win is None or win[0] <= a.date <= win[1])})
    n_dates = min(key_date_count(news_days) if fixed is None else fixed, len(scores))
    top = max(scores.values(), default=1.0) or 1.0

    on_day: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        if c.event.precision == "day" and c.event.date in scores and not c.event.planned:
            on_day[c.event.date].append(i)
    value, sentence = event_values(cands, on_day, outlet)
    on_day = {day: [i for i in idx if i in value] for day, idx in on_day.items()}

    if log.isEnabledFor(logging.DEBUG):
        for day in sorted(on_day):
            log.debug("day %s score %.2f", day, scores[day])
            for i in sorted(on_day[day], key=lambda i: -value[i])[:40]:
                log.debug("  %.3f %d %s", value[i], len(cands[i].event.sources), sentence[i])
    key_text: dict[int, str] = {}
    chosen_texts: list[str] = []

    def take(i: int) -> bool:
        text = sentence[i]
        if any(same_fact(text, t) for t in chosen_texts):
            return False
        key_text[i] = text
        chosen_texts.append(text)
        return True

    days = sorted(scores, key=lambda d: (-scores[d], d))
    if fixed is None:  # the brief: its reader needs how the story stands at the end
        days = with_the_end(days, n_dates, win)
    key_days: list[str] = []
    for day in days:
        if len(key_days) >= n_dates:
            break
        for i in sorted(on_day.get(day, ()), key=lambda i: -value[i]):
            if take(i):
                key_days.append(day)
                break
    # a second event on a key date: the strongest, on the strongest dates, first
    extra = [
        i for day in key_days for i in on_day[day]
        if i not in key_text and (not cands[i].lead_only or opens_story(cands[i])
                                  or len({outlet(d) for d in cands[i].event.sources}) >= 2)
    ]
    budget = round(EXTRA_SHARE * len(key_days)) if fixed is None else 0
    taken: Counter[str] = Counter(cands[i].event.date for i in key_text)
    for i in sorted(extra, key=lambda i: -value[i] * scores[cands[i].event.date] ** DATE_POWER):
        day = cands[i].event.date
        if budget <= 0:
            break
        if taken[day] < PER_DATE and take(i):
            taken[day] += 1
            budget -= 1

    best = max((value[i] * scores[cands[i].event.date] / top for i in value), default=1.0) or 1.0
    out: list[Event] = []
    for i, c in enumerate(cands):
        if c.lead_only and i not in key_text:
            continue
        e = c.event
        sal = value[i] * scores[e.date] / top / best if i in value else _plain_salience(c, outlet)
        e = replace(e, key=i in key_text, salience=round(min(max(sal, 0.0), 1.0), 3))
        if i in key_text and len(key_text[i].split()) <= MAX_SENTENCE_WORDS:
            e = replace(e, text=unstamped(unbulleted(key_text[i])))  # the whole sentence, which reads alone
        elif i in key_text:  # its clause, without a label or headline glued to it
            e = replace(e, text=unstamped(unbulleted(without_run_in(e.text, frozenset())[1])))
        out.append(e)
    return out


_STAMP = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}[,;]?"
    r"\s+(?:\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?\s*)?(?:[-–—|:;]\s*)?(?=[A-Z])"
    r"|^\(?Updated?\b[^()]{0,60}\)\s*(?=[A-Z])"
)


def unstamped(sentence: str) -> str:
    """The sentence without a publication or update stamp run into it ("Wednesday 17
    June 2009 15.39 BST Government officials ..." → "Government officials ...",
    "Update 3:00 a.m. in Valdo, 8:00 p.m. ET) The president ..." → "The president ...")."""
    return _STAMP.sub("", sentence, count=1)


def _plain_salience(c: Candidate, outlet: Callable[[str], str]) -> float:
    """Salience of an event that is not on a scored day: its corroboration alone."""
    outlets = len({outlet(d) for d in c.event.sources})
    return min(1.0, 0.1 * (outlets + len(c.event.sources)) / 2)



# ---- what the brief shows -------------------------------------------------------------------

BACKGROUND_SHOWN = 5


def _story(events: Sequence[Event]) -> list[Event]:
    """The story's events: the key ones; an extraction that marks none (written before
    ``key`` existed) falls back to every event that is not background."""
    key = [e for e in events if e.key and not e.background]
    return key if any(e.key for e in events) else [e for e in events if not e.background]


def cut_order(story: Sequence[Event]) -> list[Event]:
    """``story`` in the order a length limit keeps it: the best event of each of the
    latest ``END_SHARE`` of its dates first, then the best event of each month, then the
    rest, most salient first.  A long story's last days are mentioned by few later
    documents, so their salience is low; without this a cut keeps the middle of the
    story and drops how it stands at the end.  Its busiest weeks, which most documents
    cover, would take every line: each month keeps its main event, so a year-long story
    shows how it began."""
    by_salience = sorted(story, key=lambda e: -e.salience)
    days = sorted({e.date for e in story}, reverse=True)
    late = set(days[: math.ceil(END_SHARE * len(days))]) if days and END_SHARE > 0 else set()
    first: list[Event] = []
    for e in by_salience:
        if e.date in late:
            first.append(e)
            late.discard(e.date)
    taken = set(map(id, first))
    months = {e.date[:7] for e in first}
    for e in by_salience:
        if e.date[:7] not in months and id(e) not in taken:
            first.append(e)
            taken.add(id(e))
            months.add(e.date[:7])
    return first + [e for e in by_salience if id(e) not in taken]


def shown(events: Sequence[Event], limit: int | None = None) -> list[Event]:
    """The timeline section: key events in date order; a ``limit`` keeps them in
    :func:`cut_order` (the story's end, each month's main event, then the most salient)."""
    story = _story(events)
    if limit is not None and len(story) > limit:
        keep = set(map(id, cut_order(story)[:limit]))
        story = [e for e in story if id(e) in keep]
    return sorted(story, key=lambda e: e.date)


def quote_or_fragment(text: str) -> bool:
    """A quotation ("“We do not see the markers,” she said"), a fragment ("… since the
    last upgrade") or a pronoun-led follow-on: no line for a short list read alone."""
    s = unbulleted(text).strip()
    quotes = s.count("“") + s.count("”") + s.count('"')
    return quotes >= 2 or not (s[:1].isupper() or s[:1].isdigit()) or bool(_BAD_START.match(s))


def same_fact(a: str, b: str) -> bool:
    """Two lines tell one fact: most of the shorter line's words are in the other."""
    wa, wb = words(a), words(b)
    return bool(wa and wb) and len(wa & wb) >= 0.7 * min(len(wa), len(wb))


CENTRAL_ACTORS = 10  # the leading actors a Background line must name, when given


def leading(actors: Sequence[Actor]) -> list[str]:
    """The names of the story's leading actors (the extraction lists them by salience)."""
    return [a.name for a in actors[:CENTRAL_ACTORS]]
TOPIC_WORDS = 25  # the key timeline's commonest words: what the story is about


def topic_words(events: Sequence[Event], n: int = TOPIC_WORDS) -> frozenset[str]:
    """The words most of the key events' lines use ("outbreak", "virus", "trial")."""
    counts = Counter(w for e in events if e.key and not e.background for w in words(e.text))
    return frozenset(w for w, _ in counts.most_common(n))


def background(
    events: Sequence[Event], n: int = BACKGROUND_SHOWN, central: Collection[str] = ()
) -> list[Event]:
    """The short "Background" list: the ``n`` most-referenced background events that
    read alone in the reporter's voice, each fact once and one a year, in date order.  With ``central`` (the story's leading
    actors), only events that name one of them or share two of the key timeline's
    commonest words: a corpus's off-topic pages (a profile of someone else, a side
    story) have years too, and are no background to this story."""
    wanted = set(central)
    topic = topic_words(events) if wanted else frozenset()
    bg = [
        e
        for e in events
        if e.background
        and not quote_or_fragment(e.text)
        and not not_reported(e.text)
        and not caption(e.text)
        and (not wanted or wanted.intersection(e.actors) or len(words(e.text) & topic) >= 2)
    ]
    top: list[Event] = []
    for e in sorted(bg, key=lambda e: (-len(e.sources), -e.salience, e.date)):
        if len(top) >= n:
            break
        if any(same_fact(e.text, t.text) for t in top):
            continue  # one fact told under two years
        if any(t.date[:4] == e.date[:4] for t in top):
            continue  # one line a year: five lines of context, not one year's fact in three wordings
        top.append(e)
    return sorted(top, key=lambda e: e.date)
