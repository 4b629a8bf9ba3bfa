"""Open questions: what the sources present as unresolved, phrased as questions.

Every sentence unit (``text_units``) of every document goes through ``question_detect``
(cue families and phrasing rules; the source sentence is kept as evidence).  "It is hard
to say" and "time will tell" have no clause of their own: they back up the question just
before them.  ``question_rank`` merges the same question from several sources into one
item and ranks the items; in corpora of five or more documents, questions that name no
key actor and none of the corpus's recurring words are left out.  ``select`` applies the
extractor's own bar (answered, stale or overtaken questions, lone rhetorical "?"
questions, repeats, a minimum score and a cap that grows slowly with the corpus) and
counts what it leaves out, by reason, for the log.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract.questions import cues as cues
from briefgen.extract.questions import phrasing as phr
from briefgen.extract.questions.aspects import primary_aspect
from briefgen.extract.questions.detect import (
    PREDICATE_MARK,
    UNRESOLVED,
    Found,
    context_bound,
    find,
    personal,
)
from briefgen.extract.questions.rank import (
    GENERIC_WORDS,
    Candidate,
    Group,
    _stem,
    actor_names,
    content_words,
    diverse,
    doc_stems,
    document_frequency,
    merge,
    on_topic,
    salient_lemmas,
    score,
    support,
)
from briefgen.extract.text import merge_evidence, norm_key, squash, units
from briefgen.models import Actor, Evidence, Question
from briefgen.nlp.load import AnnotatedDoc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

MAX_WORDS = 45
# below this many documents, "words the corpus keeps coming back to" mean little
MIN_DOCS_FOR_TOPIC = 5
# a question is on topic when it uses a word found in this share of the documents
TOPIC_SHARE = 0.4
# words in this share of the documents say nothing about which question is which
COMMON_SHARE = 0.75


@dataclass
class QuestionFacts:
    """What one document gives the questions and the summary's sense of the topic."""

    candidates: list[Candidate] = field(default_factory=list)
    # its stemmed content words, space-separated (for document frequencies; a string
    # takes a tenth of the memory of a set)
    stems: str = ""
    # its plain past-tense statements, each as its content lemmas (space-separated), and
    # its date: a later document stating what a question asks answers it
    statements: list[str] = field(default_factory=list)
    date: str = ""
    doc_id: str = ""
    # candidates the document's sentences raised but that fall short, by reason
    dropped: dict[str, int] = field(default_factory=dict)


def observe(ad: AnnotatedDoc) -> QuestionFacts:
    dropped: Counter[str] = Counter()
    return QuestionFacts(
        candidates=find_candidates(ad, dropped),
        stems=" ".join(sorted(doc_stems(ad.doc))),
        statements=[" ".join(sorted(w)) for w in statements(ad.doc)],
        date=ad.article.date.isoformat() if ad.article.date else "",
        doc_id=ad.id,
        dropped=dict(dropped),
    )


def extract(
    docs: Sequence[AnnotatedDoc], limit: int | None = 8, actors: Sequence[Actor] = ()
) -> list[Question]:
    """The corpus's open questions, merged across sources and ranked, at most ``limit``."""
    return combine([observe(ad) for ad in docs], limit, actors)


def combine(
    facts: Sequence[QuestionFacts], limit: int | None = 8, actors: Sequence[Actor] = ()
) -> list[Question]:
    """The open questions of every document's facts, merged, ranked, at most ``limit``.

    Only questions that pass the extractor's own bar are returned, however large
    ``limit`` is: see :func:`select`."""
    chosen = select(facts, actors)
    if chosen.left_out:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(chosen.left_out.items()))
        log.info("open questions: %d kept; left out: %s", len(chosen.kept), reasons)
    out = [
        Question(
            text=g.best.text,
            sources=g.sources,
            evidence=merge_evidence(*(m.evidence for m in g.members)),
        )
        for g in chosen.kept
    ]
    return out[:limit] if limit else out


@dataclass
class Selection:
    """The questions kept, in order; every group ranked (kept or not); and how many
    candidates were left out, by reason."""

    kept: list[Group]
    ranked: list[Group]
    left_out: Counter[str]


# a kept question scores at least this once the questions above it are counted: two
# outlets, or one with a strong cue on a subject central to the story
MIN_SCORE = 4.0
# ... rising to this in a corpus of 100 documents or more, where a central question has
# had every chance to be raised by several outlets
MIN_SCORE_LARGE = 4.5


def min_score(n_docs: int) -> float:
    """The bar for a corpus of ``n_docs`` documents: ``MIN_SCORE`` for one, rising with
    the logarithm of the size to ``MIN_SCORE_LARGE`` at 100."""
    return MIN_SCORE + (MIN_SCORE_LARGE - MIN_SCORE) * min(1.0, math.log10(max(n_docs, 1)) / 2)


# the most questions a corpus of n documents keeps: CAP_BASE + CAP_PER_LOG * ln(n)
CAP_BASE = 5.0
CAP_PER_LOG = 3.0
MAX_QUESTIONS = 15


def cap(n_docs: int) -> int:
    """How many open questions a corpus of ``n_docs`` documents may keep: grows slowly
    (7 for 2 documents, 9 for 4, 15 from 30 on, at most ``MAX_QUESTIONS``)."""
    return min(MAX_QUESTIONS, round(CAP_BASE + CAP_PER_LOG * math.log(max(n_docs, 1))))


def select(facts: Sequence[QuestionFacts], actors: Sequence[Actor] = ()) -> Selection:
    """Merge, filter and rank the candidates of every document; keep those above the bar.

    A candidate is left out when it is page furniture repeated across documents, the
    same question as another (merged into it), answered by a later article, stale (the
    story went on about its subject for weeks without asking it again), off topic, below
    the bar (:func:`min_score`) once the questions ranked above it are counted, or beyond the corpus's
    cap (:func:`cap`)."""
    left: Counter[str] = Counter()
    for f in facts:
        left.update(f.dropped)
    found: list[Candidate] = [c for f in facts for c in f.candidates]
    boilerplate = repeated_sentences(found, len(facts))
    kept = [c for c in found if norm_key(c.sentence) not in boilerplate]
    left["repeated on many pages"] += len(found) - len(kept)
    groups = merge(kept)
    left["merged into the same question"] += len(kept) - len(groups)
    df = document_frequency(f.stems.split() for f in facts)
    common = salient_lemmas(df, len(facts), share=COMMON_SHARE)
    groups = _drop(groups, _lone_literal, left, "literal question in one article")
    groups = _drop(groups, lambda g: answered_later(g, facts), left, "answered later")
    groups = _drop(groups, lambda g: stale(g, facts, common), left, "stale")
    groups = _drop(groups, lambda g: overtaken(g, facts), left, "overtaken by later coverage")
    names = actor_names(actors)
    if len(facts) >= MIN_DOCS_FOR_TOPIC:
        recurring = salient_lemmas(df, len(facts), share=TOPIC_SHARE)
        # a page about something else that the collection swept in (a programme
        # listing, another story): its questions are not this story's
        core = core_words(df, facts)
        off = {f.doc_id for f in facts if f.doc_id and off_topic(f.stems, recurring, core)}
        groups = _drop(
            groups,
            lambda g: (
                not on_topic(g.best.text, recurring, names)
                or not any(m.doc_id not in off and _about_story(m, core) for m in g.members)
            ),
            left,
            "off topic",
        )
    backing = support(groups, common)
    scored = {id(g): score(g, df, len(facts), names, backing[id(g)]) for g in groups}
    ranked = diverse(sorted(groups, key=lambda g: -scored[id(g)]), scored, common)
    good = [g for g in ranked if not g.repeats]
    left["repeats a question above"] += len(ranked) - len(good)
    bar = min_score(len(facts))
    above = [g for g in good if g.shown_score >= bar]
    left["below the bar"] += len(good) - len(above)
    good = above
    most = cap(len(facts))
    left["over the cap"] += max(0, len(good) - most)
    return Selection(kept=good[:most], ranked=ranked, left_out=+left)


def _drop(
    groups: list[Group], bad: Callable[[Group], bool], left: Counter[str], reason: str
) -> list[Group]:
    out = [g for g in groups if not bad(g)]
    left[reason] += sum(len(g.members) for g in groups) - sum(len(g.members) for g in out)
    return out


def _lone_literal(g: Group) -> bool:
    """A short or "why" question only one article asks in so many words: most often its
    writer's rhetorical device ("What is the alliance doing?"), not a question the story
    leaves open."""
    if len(g.sources) >= 2 or not all(m.family == "question" for m in g.members):
        return False
    text = g.best.text
    return len(text.split()) < LONE_LITERAL_WORDS or text.lower().startswith("why")


# a literal question one article asks is kept when it is this long (a specific question,
# not an aside) and does not ask "why" (the rhetorical form: "Why is the West so…?")
LONE_LITERAL_WORDS = 12


# a question is stale when, more than STALE_DAYS after the last document raising it,
# at least STALE_DOCS documents still use most of its distinctive words without asking it
STALE_DAYS = 21
STALE_DOCS = 2


def stale(g: Group, facts: Sequence[QuestionFacts], common: set[str]) -> bool:
    """The story went on about the question's subject for weeks without asking it again:
    answered, overtaken or moot ("Will the jury convict?" months before the verdict)."""
    dates = [m.date for m in g.members]
    if not all(dates):
        return False
    last = _day(max(dates))
    if last is None:
        return False
    words = {w for w in g.best.lemmas if w not in common and w not in GENERIC_WORDS}
    if len(words) < 2:
        return False
    need = max(2, math.ceil(len(words) / 2))
    later = 0
    for f in facts:
        day = _day(f.date)
        if day is None or (day - last).days <= STALE_DAYS:
            continue
        if len(words & set(f.stems.split())) >= need:
            later += 1
            if later >= STALE_DOCS:
                return True
    return False


# a question is overtaken when at least this share of the dated documents (and
# OVERTAKEN_DOCS of them) came out more than STALE_DAYS after the last one raising it
OVERTAKEN_SHARE = 0.5
OVERTAKEN_DOCS = 5


def overtaken(g: Group, facts: Sequence[QuestionFacts]) -> bool:
    """Most of the story's coverage came weeks after the question was last raised, and
    none of it raises it again: a brief's open questions are those open as of its latest
    reporting ("Could the country descend into civil war?" months into the war)."""
    dates = [_day(m.date) for m in g.members]
    if not dates or any(d is None for d in dates):
        return False
    last = max(d for d in dates if d is not None)
    days = [d for d in (_day(f.date) for f in facts) if d is not None]
    later = sum(1 for d in days if (d - last).days > STALE_DAYS)
    return later >= max(OVERTAKEN_DOCS, OVERTAKEN_SHARE * len(days))


def _day(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None


# a document using fewer than this share of the corpus's recurring words is off topic
OFF_TOPIC_SHARE = 0.25


# the story's core: its most widespread words; a page on the story uses some of them
CORE_SIZE = 10
CORE_NEEDED = 3


# a sentence found word for word in this many documents (and this share of them) is
# page furniture: a teaser, a sidebar, a standing promotion
BOILERPLATE_DOCS = 5
BOILERPLATE_SHARE = 0.1


def repeated_sentences(found: Sequence[Candidate], n_docs: int) -> set[str]:
    """Sentences that recur verbatim across many documents (a sidebar teaser on every page)."""
    docs: dict[str, set[str]] = {}
    for c in found:
        docs.setdefault(norm_key(c.sentence), set()).add(c.doc_id)
    need = max(BOILERPLATE_DOCS, BOILERPLATE_SHARE * n_docs)
    return {k for k, d in docs.items() if len(d) >= need}


def _about_story(c: Candidate, core: set[str]) -> bool:
    """The question's sentence or its neighbours use one of the story's core words (a
    listings page mentions the story once, far from its other items)."""
    return not c.context or bool(set(c.context.split()) & core)


def core_words(df: Counter[str], facts: Sequence[QuestionFacts]) -> set[str]:
    """The ``CORE_SIZE`` content words found in the most documents (reporting words aside)."""
    ranked = sorted(
        (w for w in df if w not in GENERIC_WORDS and len(w) > 2), key=lambda w: (-df[w], w)
    )
    return set(ranked[:CORE_SIZE])


def off_topic(
    stems: str, recurring: set[str], core: frozenset[str] | set[str] = frozenset()
) -> bool:
    """A document that uses few of the words the rest of the corpus keeps coming back to,
    or fewer than ``CORE_NEEDED`` of its core words (a long page on something else uses
    many everyday words, but not the story's)."""
    if not recurring:
        return False
    words = set(stems.split())
    if core and len(words & core) < min(CORE_NEEDED, len(core)):
        return True
    return len(words & recurring) / len(recurring) < OFF_TOPIC_SHARE


def statements(doc: Doc) -> Iterator[frozenset[str]]:
    """The content lemmas of each plain statement of fact: a unit with a past-tense or
    perfect verb, no modal, no condition, no question and no uncertainty cue."""
    for unit in units(doc):
        if "?" in unit.text or len(unit) > 60:
            continue
        tags = {t.tag_ for t in unit}
        if "MD" in tags or not tags & {"VBD", "VBN"}:
            continue
        if any(t.lower_ in {"if", "whether", "unless"} for t in unit):
            continue
        if any(r.search(unit.text) for r in cues.FAMILY_RES.values()):
            continue
        yield frozenset(
            t.lemma_.lower()
            for t in unit
            if t.pos_ in CONTENT_TAGS and not t.is_stop and t.is_alpha
        )


CONTENT_TAGS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def answered_later(g: Group, facts: Sequence[QuestionFacts]) -> bool:
    """A later document states what the question asks: its subject, its verb and its
    complement, all in one plain past-tense statement (at most one subject word missing).

    Only rewritten questions with a known subject and verb are checked, and only against
    documents dated after every document that raises the question."""
    best = g.best
    subject = {w for w in best.subject if not w.startswith(PREDICATE_MARK)}
    predicate = {w[1:] for w in best.subject if w.startswith(PREDICATE_MARK)}
    if not best.rewritten or not subject or not predicate or len(subject | predicate) < 3:
        return False
    dates = [m.date for m in g.members]
    if not all(dates):
        return False
    last = max(dates)
    for f in facts:
        if not f.date or f.date <= last:
            continue
        for line in f.statements:
            words = set(line.split())
            if predicate <= words and len(subject - words) <= (1 if len(subject) > 2 else 0):
                return True
    return False


def find_candidates(ad: AnnotatedDoc, dropped: Counter[str] | None = None) -> list[Candidate]:
    """Every question one document raises, in document order.

    Headlines, reader-comment threads and questions put to the reader raise none; a
    literal question inside quotation marks counts only when a named speaker says it.
    ``dropped``, when given, counts the questions found but left out, by reason.
    """
    out: list[Candidate] = []
    drop = dropped if dropped is not None else Counter()
    title_key = norm_key(ad.article.title or "")
    meta = _Meta(
        doc_id=ad.id,
        outlet=(ad.article.publisher or "").strip().lower() or ad.id,
        date=ad.article.date.isoformat() if ad.article.date else "",
    )
    all_units = list(units(ad.doc))
    for index, unit in enumerate(all_units):
        sentence = squash(unit.text)
        if cues.is_comment_start(sentence):
            break  # a reader-comment thread: the rest is not the article's voice
        if len(sentence.split()) < 4 or cues.is_furniture(sentence):
            continue
        headline = norm_key(sentence) == title_key or (index <= 1 and _is_headline(unit))
        if cues.ANAPHORIC_RE.search(sentence) and not _has_wh(unit):
            _back_previous(out, index, ad.id, sentence)
            continue
        found = find(unit)
        if found is None:
            continue
        if found.family == "question" and (headline or not _voiced(unit, all_units, index)):
            drop["headline or unvoiced question"] += 1
            continue
        text = found.text
        if found.family == "forecast" and not primary_aspect(text):
            drop["local detail"] += 1
            continue  # a hedged claim on no aspect analysts follow: a local detail
        if found.rewritten and found.family != "question":
            found = Found(found.family, phr.strip_attribution(found.text), found.subject)
            flaw = rewrite_flaw(found)
            if flaw:
                drop[flaw] += 1
                continue
            text = found.text
        if found.rewritten:
            literal = found.family == "question"
            rhetorical = (
                cues.is_rhetorical(text) if literal else bool(cues.RHETORICAL_RE.search(text))
            )
            if not text.endswith("?") or rhetorical or len(text.split()) > MAX_WORDS:
                drop["rhetorical or too long"] += 1
                continue
            if context_bound(text) or personal(text):
                if found.family in {"forecast", "question"} or not cues.clear_uncertainty(sentence):
                    drop["needs its context"] += 1
                    continue
                found = Found(
                    found.family, UNRESOLVED + phr.tidy_sentence(sentence), found.subject, False
                )
        if (
            found.rewritten
            and found.family != "question"
            and not _names_something(unit, found.text)
        ):
            drop["names nothing"] += 1
            continue  # "What needs to be done?": no noun says what it is about
        cand = _candidate(found, meta, index, sentence, headline)
        cand.context = " ".join(sorted(_window_stems(all_units, index)))
        out.append(cand)
    return out


WINDOW = 1

MIN_QUESTION_WORDS = 6
_VAGUE_RE = re.compile(r"\b(?:do|does|did|doing|done|happen\w*|going on)\?", re.IGNORECASE)
# "Could the report not be verified…?": a hedge turned round is a statement of fact
_NEGATED_RE = re.compile(r"\b(?:not|n't|never)\b", re.IGNORECASE)
# a person the question does not name: "Will the leaders fail to investigate his death?"
_PERSON_RE = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)
# "…even more quickly than this?": what "this" is, the sentence before said
_POINTING_RE = re.compile(
    r"\b(?:this|that|these|those)\?$|\b(?:than|like) (?:this|that)\b", re.IGNORECASE
)
# a statement's consequence left on the question: "Has X been curtailed, making Y
# impossible?", "How long will it take to resume production depending on the fields?"
_TAIL_RE = re.compile(r"(?:, \w+ing\b|\bdepending on\b)[^,]*\?$")
# "…or it may mutate…": a second clause with its own subject and modal
_SECOND_CLAUSE_RE = re.compile(
    r"\b(?:or|and|but) (?:it|they|he|she|we|this|that) (?:may|might|could|will|would|can|is|are)\b",
    re.IGNORECASE,
)
_EXAMPLE_RE = re.compile(r"\bfor (?:instance|example)\b", re.IGNORECASE)
# a thing and its negation: "Who should or should not…?"
_BOTH_WAYS_RE = re.compile(r"\b(\w+) or \1 not\b", re.IGNORECASE)
# a hedge on the past: "Might the talks have failed…?"
_PAST_HEDGE_RE = re.compile(r"^(?:Might|May|Could)\b[^?]*?\bhave (?:\w+ed|been)\b")
MAX_FORECAST_WORDS = 35
# "Had civilians been hurt?": reported speech about a past the reporter already knows
_BACKSHIFTED_RE = re.compile(r"^Had\b")
# "Would X also meet…?": a side detail of the sentence before
_ALSO_RE = re.compile(r"\balso\b", re.IGNORECASE)


def rewrite_flaw(found: Found) -> str:
    """Why a rewritten question does not read as an open question of the story, or ""."""
    if len(found.text.split()) < MIN_QUESTION_WORDS and _VAGUE_RE.search(found.text):
        return "too vague"  # "What is the alliance doing?": nothing an analyst can act on
    if found.family == "forecast" and _NEGATED_RE.search(found.text):
        return "negated hedge"
    if _PERSON_RE.search(found.text) or _POINTING_RE.search(found.text):
        return "needs its context"  # "…investigate his death?", "…more quickly than this?"
    if _EXAMPLE_RE.search(found.text):
        return "an example"  # "How long has any sick child been in school, for instance?"
    if ":" in found.text or _TAIL_RE.search(found.text) or _SECOND_CLAUSE_RE.search(found.text):
        return "garbled"  # "Could the key question be: in whose interest is…?"
    if _BOTH_WAYS_RE.search(found.text):
        return "rhetorical"  # "Who should or should not govern a state?"
    if found.family == "forecast" and _PAST_HEDGE_RE.search(found.text):
        return "reported past"  # "Might the talks have failed because…?": not a forecast
    if found.family == "forecast" and len(found.text.split()) > MAX_FORECAST_WORDS:
        return "rhetorical or too long"  # a long hedge is an argument, not a question
    if _BACKSHIFTED_RE.match(found.text):
        return "reported past"
    if _ALSO_RE.search(found.text):
        return "side detail"
    return ""


def _names_something(unit: Span, question: str) -> bool:
    """The question keeps at least one noun or name of its sentence."""
    words = set(re.findall(r"[\w'’-]+", question.lower()))
    return any(t.pos_ in {"NOUN", "PROPN"} and t.lower_ in words for t in unit)


def _window_stems(all_units: Sequence[Span], index: int) -> set[str]:
    out: set[str] = set()
    for unit in all_units[max(0, index - WINDOW) : index + WINDOW + 1]:
        out.update(_stem(t.lower_) for t in unit if t.is_alpha and not t.is_stop)
    return out


@dataclass(frozen=True)
class _Meta:
    doc_id: str
    outlet: str
    date: str


def _candidate(found: Found, meta: _Meta, index: int, sentence: str, headline: bool) -> Candidate:
    return Candidate(
        text=found.text,
        family=found.family,
        doc_id=meta.doc_id,
        unit_index=index,
        sentence=sentence,
        lemmas=content_words(found.text),
        headline=headline,
        evidence=[Evidence(doc=meta.doc_id, sentence=sentence)],
        subject=found.subject,
        outlet=meta.outlet,
        date=meta.date,
        rewritten=found.rewritten,
    )


_SPEECH = {"say", "ask", "tell", "add", "wonder", "write", "question", "note", "argue", "warn"}


def _voiced(unit: Span, all_units: Sequence[Span], index: int) -> bool:
    """A literal question in the article's own voice, or quoted from a named speaker
    (a name or noun as the subject of a speech verb in its sentence or the next)."""
    q_at = unit.text.rfind("?")
    before = unit.text[:q_at]
    quoted = (
        before.count('"') % 2 == 1
        or before.count("“") > before.count("”")
        or before.count("``") > before.count("''")
    )
    if not quoted:
        return True
    near = [unit] + ([all_units[index + 1]] if index + 1 < len(all_units) else [])
    for span in near:
        for t in span:
            if t.lemma_ in _SPEECH and t.pos_ == "VERB":
                subj = phr.subject_of(t)
                if subj is not None and (
                    subj.pos_ == "PROPN" or subj.ent_type_ in {"PERSON", "ORG"}
                ):
                    return True
    return False


def _back_previous(out: list[Candidate], index: int, doc_id: str, sentence: str) -> None:
    """Attach 'it is hard to say' to the question raised one or two units earlier."""
    if out and out[-1].doc_id == doc_id and 0 < index - out[-1].unit_index <= 2:
        out[-1].backed += 1
        out[-1].evidence.append(Evidence(doc=doc_id, sentence=sentence))


def _is_headline(unit: Span) -> bool:
    """A short line of its own with no final stop (a headline or a standfirst)."""
    last = unit[-1].text
    if last in {".", "!", '"', "”"} or len(unit) > 30:
        return False
    doc = unit.doc
    before = (
        unit.start == 0
        or "\n" in doc[unit.start - 1].text
        or "\n" in doc[unit.start - 1].whitespace_
    )
    after = unit.end >= len(doc) or "\n" in doc[unit.end].text or "\n" in unit[-1].whitespace_
    return before and after


def _has_wh(unit: Span) -> bool:
    return any(t.lower_ in phr.WH_WORDS or t.lower_ == "whether" for t in unit)
