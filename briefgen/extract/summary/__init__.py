"""Summary (bottom line up front): 3–5 extractive sentences, each cited.

The items are chosen by role, each from the sentences of the corpus:

1. the main development: the most central lead sentence tied to a dated event of the
   timeline, prefixed with that date ("15 April 2023: …");
2. the main positions: sentences in which a key actor says, urges or wants something;
3. context, when there is room: the most central and corroborated remaining sentences;
4. the main uncertainty: the sentence behind the top open question.

A sentence's centrality is the share of its content words that recur across documents,
plus the key actors it names; its corroboration is the number of other documents with a
sentence saying much the same (those documents are cited too).  No two items overlap.

The bottom line is the state of play at the end of the window:

- later reports count more (``recency``), and a sentence chosen is replaced by a later
  report on the same subject (``latest_version``): a figure that changed is given as
  it stands last, with "up from …" (or "down from …") and the earlier date;
- only sentences that stand alone are candidates: none opening on a pronoun or a
  discourse word whose referent is in the sentence before ("He said…", "There, …",
  "That's impossible to say…"), none with a photo caption glued on;
- of two copies of the same fact, the cleaner wins: sentences with signs of garbling
  (a doubled word, missing spaces, mis-decoded characters, a lower-case start) are
  penalised, and an item shows the cleanest of its corroborating sentences.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract.actors import gazetteer as actor_gazetteer
from briefgen.extract.period import story_period
from briefgen.extract.questions.cues import ANAPHORIC_RE, is_furniture
from briefgen.extract.questions.phrasing import detokenize
from briefgen.extract.questions.rank import (
    content_words,
    doc_stems,
    document_frequency,
    salient_lemmas,
)
from briefgen.extract.similarity import jaccard_pairs
from briefgen.extract.text import merge_evidence, merge_sources, norm_key, squash, units
from briefgen.models import Actor, Article, Event, Evidence, Question, SummaryItem
from briefgen.nlp.load import AnnotatedDoc

if TYPE_CHECKING:
    from spacy.tokens import Span

MIN_WORDS, MAX_WORDS = 8, 50
CONTEXT_MIN_WORDS = (
    12  # a position or context bullet is a whole development, not "It is not over yet."
)
LEAD_UNITS = 6
# corroboration is searched among at most this many sentences (see ``pool``)
MAX_CORROBORATED = 10_000
REPORT_VERBS = {
    "say",
    "tell",
    "urge",
    "call",
    "warn",
    "argue",
    "insist",
    "express",
    "want",
    "hope",
    "expect",
    "believe",
    "pledge",
    "vow",
    "promise",
    "announce",
    "reject",
    "deny",
    "accuse",
    "demand",
    "stress",
    "add",
    "note",
    "suggest",
    "propose",
    "agree",
    "refuse",
    "seek",
}
# "STRELSAU (Wirenews) – ", "PORT KAREL, April 3 (Agence Nord) - ": a wire dateline before the lead
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:,[^()]{0,30})?\s*\([^)]{2,30}\)\s*[-–—]+\s*")
# a filler sentence should be the outlet's own statement, not a quotation
_QUOTED = re.compile(r"[\"“”]|``|''")
_LEAD_WORDS = re.compile(
    r"^(?:but|and|so|however|meanwhile|indeed|still|yet|also),?\s+", re.IGNORECASE
)
# a sentence opening on one of these needs the sentence before it ("He said…",
# "That's impossible…", "There, the…"); existential "there is/are/were/has been" stands alone
_NEEDS_REFERENT = re.compile(
    r"^\W*(?:he|she|it|its|they|them|their|his|her|this|these|those|that|that's|such|"
    r"here|then|thus|therefore|instead|likewise|moreover|furthermore|otherwise|"
    r"again|besides|nevertheless|nonetheless|accordingly|consequently|hence|"
    r"the latter|the former|both|neither|either|another|the other|others|"
    r"there(?!\s+(?:is|are|was|were|has|have|had|will|would|could|may|might|appears?|seems?)\b)|"
    r"this is|it is|it's|i|we|you|me|us|my|our|your)\b",
    re.IGNORECASE,
)
_DUMMY_IT = re.compile(
    r"^\W*it(?:'s|’s|\s+is|\s+was|\s+remains|\s+remained|\s+seems|\s+appears|\s+has\s+been)\s+"
    r"(?:still\s+|now\s+)?(?:not\s+(?:yet\s+)?)?(?:unclear|clear|uncertain|unknown|known|likely|"
    r"unlikely|possible|expected|hoped|feared|understood|thought|believed|estimated|reported)\b",
    re.IGNORECASE,
)
# a fragment cut from a live page: "ET) The president …", "Wednesday White House …"
# (a weekday with no "On" before a capitalised word), "-- At least …"
_FRAGMENT = re.compile(
    r"^(?:[^(\s]{0,12}\)|(?i:mon|tues|wednes|thurs|fri|satur|sun)day\s+[A-Z]|[-–—.…,;:])"
)
# photo captions and credits glued to a sentence
_CAPTION = re.compile(
    r"\b(?:photograph|photo|image|picture|caption|file photo)\s*(?:\:|by\b|credit\b)|"
    r"\((?:photo|pictured|file|left|right|centre|center)\b[^)]*\)|\bpictured\b",
    re.IGNORECASE,
)
# signs of a garbled or machine-translated copy
_DOUBLED = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)
# a heading or menu item glued to the sentence: "… Minister Travel The visit to …"
_GLUED_HEADING = re.compile(r"(?<=[a-z]) [A-Z][a-z]+ (?:The|This|A|An) [a-z]")
# a quoted headline run into the lead: "… could play a “positive role” UN envoy Jane Doe has …"
_QUOTE_GLUED = re.compile(
    r"[a-z][”\"] (?!(?:said|says|told|tells|added|adds|warned|and|or|but|in|on|at|to|for|of|as)\b)"
    r"(?:[A-Z]{2,}|[A-Z][a-z]+) [a-z]"
)
_NO_SPACE = re.compile(r"[a-z][.,;:][A-Z][a-z]")
_MOJIBAKE = re.compile(r"Ã.|â€|Â|\ufffd|&[a-z]+;|&#\d+;")
# a figure: a number and the word after it ("149 people", "5,000 barrels")
_FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:per\s*cent|percent|%))?"
    r"(?:\s+(million|billion|thousand|hundred)\b)?\s+"
    r"(?:(?:more|new|confirmed|suspected|other|additional|further|of\s+the)\s+)?([a-z][a-z-]{2,})"
)
_SCALE = {"million": 1e6, "billion": 1e9, "thousand": 1e3, "hundred": 1e2}
# a line of a chronology box: "March 5 - The rebels declare…", "5 March 2011: …", "2010 - …"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_CHRONOLOGY = re.compile(
    rf"^\W*(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*(?:1[89]|20)\d\d)?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s*(?:1[89]|20)\d\d)?|(?:1[89]|20)\d\d)\s*[-–—:]\s+\S",
    re.IGNORECASE,
)
# a sentence that points back to a place or time of the sentence before: "… might be there."
_ENDS_ON_REFERENT = re.compile(
    r"\b(?:there|then)\W*$|[,”\"]\s*(?:he|she|it|they)\s+(?:said|says|added|adds|told|tells|warned|wrote)\b",
    re.IGNORECASE,
)
# a standing description, not a development: "The council is the political face of …"
_DESCRIPTION = re.compile(
    r"^[^,;:]{3,80}?\s(?:is|are)\s+(?:the|a|an|one of the)\s+(?!first|last|latest|\w+est\b)"
)
# a person referred to by an epithet that needs the sentence before: "The star said …"
_EPITHET = re.compile(
    r"^\W*the\s+(?:\d+-year-old|star|singer|actor|actress|musician|player|man|woman|boy|girl|couple|pair|"
    r"victim|suspect|father|mother|son|daughter|wife|husband|teenager|veteran)\b(?![’']s\b|-|\s+(?:of|who|whose)\b)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)
RECENCY_WEIGHT = 0.5
LEAD_RECENCY = 1.0  # the main development: the latest outcome leads (added to RECENCY_WEIGHT)
GARBLED_WITH_CLEAN_COPY = 4  # signs counted for a garbled sentence another source gives clean
LATER_MIN_SHARE = 0.5  # content words a later report needs, as a share of the first's
SAME_SUBJECT = 0.3  # word overlap (of the smaller set) of two reports on one subject


@dataclass
class Sentence:
    """A candidate summary sentence with what the ranking needs."""

    text: str
    doc_id: str
    index: int  # unit index in its document
    words: frozenset[str]
    speaker: str | None = None  # the key actor who says/wants something in it
    date: str | None = None  # the document's publication date (ISO)
    central: float = 0.0
    support: list[Evidence] = field(default_factory=list)  # similar sentences elsewhere
    recency: float = 0.0  # 0 for the earliest document date of the corpus, 1 for the latest
    garbled: int = 0  # signs of garbling, see ``garble``

    @property
    def sources(self) -> list[str]:
        return merge_sources([self.doc_id], [e.doc for e in self.support])

    def score(self) -> float:
        return (
            self.central
            + 0.6 * (len(self.sources) - 1)
            + 0.8 / (1 + self.index)
            + RECENCY_WEIGHT * self.recency
            - 0.7 * self.garbled
        )


def extract(
    docs: Sequence[AnnotatedDoc],
    actors: Sequence[Actor] = (),
    limit: int | None = 5,
    *,
    events: Sequence[Event] = (),
    questions: Sequence[Question] = (),
) -> list[SummaryItem]:
    """3–5 cited sentences: the main development, positions, context, the main uncertainty."""
    return combine(
        [(ad.article, observe(ad)) for ad in docs],
        [sorted(doc_stems(ad.doc)) for ad in docs],
        actors,
        limit,
        events=events,
        questions=questions,
    )


@dataclass
class Unit:
    """A sentence unit of one document that could go into the summary."""

    text: str
    index: int  # among the document's full-sentence units
    words: str  # its content words, space-separated (a string is smaller than a set)
    subjects: tuple[str, ...]  # subjects of its reporting and stance verbs, lower case


def observe(ad: AnnotatedDoc) -> list[Unit]:
    """Every full-sentence unit of a usable length, with the subjects of its reporting verbs."""
    out: list[Unit] = []
    index = 0
    for unit in units(ad.doc):
        text = squash(unit.text)
        n = len(text.split())
        if text[-1:] not in {".", "”", '"', "!"} or is_furniture(text):
            continue  # headlines, captions and link lists have no final stop
        index += 1
        if not (MIN_WORDS <= n <= MAX_WORDS) or "?" in text:
            continue
        words = " ".join(sorted(content_words(text)))
        out.append(Unit(text, index - 1, words, report_subjects(unit)))
    return out


def combine(
    docs: Sequence[tuple[Article, Sequence[Unit]]],
    stems: Sequence[Iterable[str]],
    actors: Sequence[Actor] = (),
    limit: int | None = 5,
    *,
    events: Sequence[Event] = (),
    questions: Sequence[Question] = (),
) -> list[SummaryItem]:
    """The summary from every document's units and stemmed words (``stems``: each
    document's words, each once, for what the corpus is about)."""
    limit = max(3, min(limit or 5, 5))
    names = key_names(actors)
    sentences = candidates(docs, names)
    salient = salient_lemmas(document_frequency(stems), len(stems))
    for s in sentences:
        s.central = centrality(s, salient, names)
    corroborate(pool(sentences), salient)
    for s in sentences:  # a garbled copy gives way to the clean copies of the same fact
        if s.garbled and any(garble(trim(e.sentence)) < s.garbled for e in s.support):
            s.garbled = GARBLED_WITH_CLEAN_COPY
    ranked = sorted(sentences, key=lambda s: (-s.score(), s.doc_id, s.index))

    chosen: list[SummaryItem] = []
    taken: list[frozenset[str]] = []
    lead = main_development(ranked, events)
    speakers: set[str] = set()
    if lead is not None:
        _take(chosen, taken, lead[0], prefix=lead[1], pool=ranked)
        taken.extend(content_words(e.sentence) for e in lead[0].support)
        if lead[0].speaker:
            speakers.add(lead[0].speaker)
    recent = since_midpoint(ranked)
    dates = {s.doc_id: s.date for s in ranked}
    late = [q for q in questions if any((dates.get(d) or "9") >= recent for d in q.sources)]
    uncertainty = main_uncertainty(late, taken) or main_uncertainty(questions, taken)
    if uncertainty is not None:
        taken.extend(content_words(e.sentence) for e in uncertainty.evidence)
    room = limit - len(chosen) - (1 if uncertainty else 0)
    # the state of play: positions and context of the second half of the window first
    ranked = [s for s in ranked if (s.date or "9") >= recent] + [
        s for s in ranked if (s.date or "9") < recent
    ]
    end = max((s.date for s in ranked if s.date), default="")
    ranked = [s for s in ranked if not overtaken(s, end)]
    for s in ranked:
        if room <= 0 or len(speakers) >= 3:
            break
        if len(s.text.split()) < CONTEXT_MIN_WORDS:
            continue
        if s.speaker and s.speaker not in speakers and not _repeats(s.words, taken):
            _take(chosen, taken, s, pool=ranked)
            speakers.add(s.speaker)
            room -= 1
    for s in ranked:
        if room <= 0:
            break
        if s.index >= LEAD_UNITS or len(s.text.split()) < CONTEXT_MIN_WORDS:
            continue  # context comes from the leads, where reports put the news
        if not _repeats(s.words, taken) and not _QUOTED.search(s.text):
            _take(chosen, taken, s, pool=ranked)
            room -= 1
    if uncertainty:
        reported = max((dates.get(d) or "" for d in uncertainty.sources), default="")
        if reported:
            uncertainty.text = f"{format_date(reported)}: {uncertainty.text}"
        chosen.append(uncertainty)
    return chosen[:limit]


def key_names(actors: Sequence[Actor], top: int = 8) -> dict[str, str]:
    """Lower-cased name or alias → canonical name, for the most mentioned actors."""
    out: dict[str, str] = {}
    for a in sorted(actors, key=lambda a: -a.mentions)[:top]:
        for n in [a.name, *a.aliases]:
            if len(n) > 2:
                out.setdefault(n.lower(), a.name)
    return out


def candidates(
    docs: Sequence[tuple[Article, Sequence[Unit]]], names: dict[str, str]
) -> list[Sentence]:
    """Every candidate unit of every document, with its speaker if a key actor speaks."""
    out: list[Sentence] = []
    boiler = boilerplate(docs)
    caps = capitalisation([a.text for a, _ in docs])
    period = story_period(a.date for a, _ in docs if a.date and not a.duplicate_of)
    first_year = period[0].year if period else None
    for art, found in docs:
        # a straggler's date does not say when the story is: not "the latest report"
        date = art.date.isoformat() if art.date and period and period[0] <= art.date <= period[1] else None
        for u in found:
            shown = trim(u.text)
            if not stands_alone(shown) or _CAPTION.search(u.text) or garble(shown) >= 2:
                continue
            if _CHRONOLOGY.match(shown) or glued(shown, caps):
                continue
            if norm_key(u.text) in boiler or is_background(u.text, first_year):
                continue
            out.append(
                Sentence(
                    text=u.text,
                    doc_id=art.id,
                    index=u.index,
                    words=frozenset(u.words.split()),
                    speaker=speaker(u.subjects, names),
                    date=date,
                    garbled=garble(shown),
                )
            )
    _set_recency(out)
    return out


BOILERPLATE_DOCS = 4
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


def is_background(text: str, first_year: int | None) -> bool:
    """A sentence about an earlier time ("In 1968 a pandemic killed …"): it names a year
    before the one before the corpus's first document.  History, not the state of play."""
    if first_year is None:
        return False
    return any(int(y) < first_year - 1 for y in _YEAR.findall(text))


_TOKEN = re.compile(r"[A-Za-z][a-z'’-]*|[.!?:;\"“”()|]")
GLUE_RATIO = 0.2  # a word capitalised after a lower-case word in under this share of its uses


OPENING = 5  # words of a sentence opening matched by ``glued``
_FUNCTION_WORDS = frozenset(
    "the a an he she it they we this these those at in on some many there".split()
)


@dataclass
class Capitalisation:
    """How the corpus writes words: per word (lower case), its lower-case uses and its
    capitalised uses right after a lower-case word; and the openings of its sentences."""

    counts: dict[str, tuple[int, int]]
    openings: set[str]

    def get(self, word: str, default: tuple[int, int] = (0, 0)) -> tuple[int, int]:
        return self.counts.get(word, default)


def capitalisation(texts: Iterable[str]) -> Capitalisation:
    """Per word (lower case): how often the corpus writes it in lower case, and how often
    capitalised right after a lower-case word (mid-sentence, as a name or title is); and
    the first words of every sentence or line."""
    lower: dict[str, int] = {}
    mid: dict[str, int] = {}
    openings: set[str] = set()
    texts = list(texts)
    for text in texts:
        for part in re.split(r"(?<=[.!?])\s+|\n+", text or ""):
            words = part.split()
            if len(words) >= OPENING and words[0][:1].isupper():
                openings.add(" ".join(words[:OPENING]))
        prev = ""
        for tok in _TOKEN.findall(text or ""):
            if tok[:1].islower():
                lower[tok] = lower.get(tok, 0) + 1
            elif tok[:1].isupper() and prev[:1].islower():
                k = tok.lower()
                mid[k] = mid.get(k, 0) + 1
            prev = tok
    return Capitalisation({w: (n, mid.get(w, 0)) for w, n in lower.items()}, openings)


def glued(text: str, caps: Capitalisation, min_lower: int = 3) -> bool:
    """Two texts run together without a stop: "… international airspace Hopes for a
    settlement remain …" – a capitalised word right after a lower-case word, where the
    corpus writes that word in lower case and either almost never capitalises it
    mid-sentence or opens another sentence with the words that follow (so it starts
    another sentence, not a name or a title)."""
    words = text.split()
    for i in range(1, len(words)):
        tok, prev = words[i], words[i - 1]
        if not (
            tok[:1].isupper()
            and tok[1:].isalpha()
            and tok[1:].islower()
            and prev.isalpha()
            and prev.islower()
        ):
            continue
        lower, mid = caps.get(tok.lower())
        after = words[i + 1] if i + 1 < len(words) else ""
        if lower < 1 or (after[:1].isupper() and tok.lower() not in _FUNCTION_WORDS):
            continue  # "… and South Africa", "the Central Bank": a name of several words
        if (lower >= min_lower and mid <= GLUE_RATIO * lower) or " ".join(
            words[i : i + OPENING]
        ) in caps.openings:
            return True
    return False


def boilerplate(docs: Sequence[tuple[Article, Sequence[Unit]]]) -> set[str]:
    """Sentences found word for word in ``BOILERPLATE_DOCS`` or more documents: a
    sidebar, a promotion or a standing paragraph of the site, not the day's news
    (copies of one article are set aside before, by de-duplication)."""
    seen: dict[str, int] = {}
    for _, found in docs:
        for key in {norm_key(u.text) for u in found}:
            seen[key] = seen.get(key, 0) + 1
    return {k for k, n in seen.items() if n >= BOILERPLATE_DOCS and k}


def _set_recency(sentences: Sequence[Sentence]) -> None:
    """Each sentence's place between the corpus's first and last document dates (0 to 1)."""
    days = sorted({s.date for s in sentences if s.date})
    if len(days) < 2:
        return
    lo, hi = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    span = (hi - lo).days or 1
    for s in sentences:
        if s.date:
            s.recency = (dt.date.fromisoformat(s.date) - lo).days / span


def stands_alone(text: str) -> bool:
    """False for a sentence that opens on a pronoun or discourse word needing the sentence
    before it ("He added…", "That's impossible to say…", "There, the…").  A dummy "it"
    ("It remains unclear when…", "It is expected that…") stands alone."""
    if _FRAGMENT.match(text) or _EPITHET.match(text) or _ENDS_ON_REFERENT.search(text):
        return False
    return bool(_DUMMY_IT.match(text)) or not _NEEDS_REFERENT.match(text)


def garble(text: str) -> int:
    """Signs that a sentence is a garbled or machine-translated copy: a doubled word, a
    missing space after a stop, mis-decoded characters, a lower-case start, a word
    repeated as its own subject ("an expert …, expert said")."""
    signs = 0
    signs += bool(_DOUBLED.search(text))
    signs += bool(_NO_SPACE.search(text))
    signs += 2 * bool(_MOJIBAKE.search(text))
    signs += text[:1].islower()
    signs += bool(_GLUED_HEADING.search(text))
    signs += bool(_QUOTE_GLUED.search(text))
    signs += text.count("(") != text.count(")")
    signs += bool(re.search(r",\s+(\w+)\s+said\b", text) and _bare_repeat(text))
    return signs


def _bare_repeat(text: str) -> bool:
    """ ", expert said" where "an expert" came before: a subject repeated without article."""
    m = re.search(r",\s+(\w+)\s+said\b", text)
    if not m:
        return False
    word = m.group(1).lower()
    if word in {"he", "she", "they", "it", "officials", "police", "experts", "analysts"}:
        return False
    return bool(
        re.search(rf"\b(?:an?|the)\s+{re.escape(word)}\b", text[: m.start()], re.IGNORECASE)
    )


def report_subjects(unit: Span) -> tuple[str, ...]:
    """The subjects of the reporting or stance verbs in ``unit``, lower case, in order."""
    return tuple(
        " ".join(t.text for t in child.subtree).lower()
        for tok in unit
        if tok.lemma_ in REPORT_VERBS and tok.pos_ in {"VERB", "AUX"}
        for child in tok.children
        if child.dep_ in {"nsubj", "nsubjpass"}
    )


def speaker(subjects: Sequence[str], names: dict[str, str]) -> str | None:
    """The key actor who is the subject of a reporting or stance verb."""
    for who in subjects:
        for name, canon in names.items():
            if _name_pattern(name).search(who):
                return canon
    return None


@functools.lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(name)}\b")


def centrality(s: Sentence, salient: set[str], names: dict[str, str]) -> float:
    share = len(s.words & salient) / len(s.words) if s.words else 0.0
    low = s.text.lower()
    actors = {
        canon for name, canon in names.items() if name in low and _name_pattern(name).search(low)
    }
    return share + 0.25 * min(len(actors), 3)


def pool(sentences: Sequence[Sentence], size: int = MAX_CORROBORATED) -> list[Sentence]:
    """The sentences corroboration is searched among: all of them in a corpus of up to
    ``size`` sentences; beyond, every document's lead units, then the most central
    sentences, up to ``size`` (the search is close to quadratic in the sentences)."""
    if len(sentences) <= size:
        return list(sentences)
    ranked = sorted(
        sentences,
        key=lambda s: (
            s.index >= LEAD_UNITS,
            -(s.central + 0.8 / (1 + s.index)),
            s.doc_id,
            s.index,
        ),
    )
    return ranked[:size]


def similar(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two content-word sets relative to the smaller one."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def corroborate(
    sentences: Sequence[Sentence], salient: set[str], shared: int = 3, threshold: float = 0.3
) -> None:
    """Attach to each sentence the sentences of other documents that say much the same.

    Two sentences say the same when the words specific to them (not the words every
    document uses) overlap (Jaccard ≥ ``threshold``, ``shared`` words or more), or when
    half of all their words are shared (five or more), so two sentences on the same
    topic are not taken for the same statement.  Sentences that give different numbers
    for the same count never support each other.
    """
    specific = [s.words - salient for s in sentences]
    pairs = {(i, j) for i, j, _ in jaccard_pairs(specific, threshold, min_shared=shared)}
    pairs |= {(i, j) for i, j, _ in jaccard_pairs([s.words for s in sentences], 0.5, 5)}
    counted: dict[int, dict[str, float]] = {}

    def figures_of(i: int) -> dict[str, float]:
        if i not in counted:
            counted[i] = figures(sentences[i].text)
        return counted[i]

    for i, j in sorted(pairs):
        a, b = sentences[i], sentences[j]
        if a.doc_id != b.doc_id and not _disagree(figures_of(i), figures_of(j)):
            a.support.append(Evidence(doc=b.doc_id, sentence=b.text))
            b.support.append(Evidence(doc=a.doc_id, sentence=a.text))


def _disagree(a: dict[str, float], b: dict[str, float]) -> bool:
    """Two sentences count the same thing with different numbers ("39 confirmed cases" and
    "403 confirmed cases"): they do not say the same, so one does not support the other."""
    return any(k in b and b[k] != v for k, v in a.items())


def main_development(
    ranked: Sequence[Sentence], events: Sequence[Event]
) -> tuple[Sentence, str] | None:
    """The best-corroborated lead sentence, and the date of the development it reports.

    A lead sentence is dated when a past timeline event of the corpus's period was drawn
    from it.  Lead sentences of other documents dated the same day and with the same
    speaker report the same development: they count as support (and are cited).  An
    undated lead is dated by its earliest source, marked as the reporting date.
    """
    window = _window(ranked)
    dated = sorted(
        (
            e
            for e in events
            if not e.planned and e.precision != "year" and _in_window(e.date, window)
        ),
        key=lambda e: -_precision_rank(e),
    )
    leads = final_stretch(
        [s for s in ranked if s.index < LEAD_UNITS and not _DESCRIPTION.match(trim(s.text))]
    )
    late = stretch_recency(leads)
    if not leads:
        return None
    by_doc = _event_keys(dated)
    dates = {id(s): event_date(s, by_doc) for s in leads}
    by_date: dict[tuple[str, str], list[Sentence]] = {}
    for s in leads:
        date = dates[id(s)]
        if date and s.speaker:
            by_date.setdefault((date, s.speaker), []).append(s)
    best: tuple[float, Sentence, list[Sentence]] | None = None
    for s in leads:
        date = dates[id(s)]
        same = [o for o in by_date.get((date or "", s.speaker or ""), []) if o.doc_id != s.doc_id]
        score = (
            s.score()
            + 0.6 * len({o.doc_id for o in same})
            + (0.5 if date else 0.0)
            + LEAD_RECENCY * s.recency
            + STRETCH_RECENCY * late.get(s.date or "", 0.0)
        )
        if best is None or score > best[0]:
            best = (score, s, same)
    assert best is not None
    _, lead, same = best
    for o in same:
        if o.doc_id not in lead.sources:
            lead.support.append(Evidence(doc=o.doc_id, sentence=o.text))
    date = dates[id(lead)]
    if date:
        return lead, format_date(date)
    reported = lead.date or min((d for d in _source_dates(lead, ranked) if d), default=None)
    return lead, f"{format_date(reported)} (reported)" if reported else ""


STRETCH_RECENCY = 1.0  # weight of the date within the end of the window (see stretch_recency)
FINAL_SHARE = 0.15  # the main development comes from this last share of the window
FINAL_MIN_DOCS = 3  # … widened to the latest documents that hold this many


def final_stretch(leads: Sequence[Sentence]) -> list[Sentence]:
    """The lead sentences of the end of the window: of documents dated in its last
    ``FINAL_SHARE`` (widened back to the ``FINAL_MIN_DOCS`` latest dated documents), in
    their order.  The state of play is what the latest reports say; an older development,
    however well corroborated, has been overtaken.  Without dates, every lead."""
    dated = sorted({s.date for s in leads if s.date})
    if len(dated) < 2:
        return list(leads)
    first, last = dt.date.fromisoformat(dated[0]), dt.date.fromisoformat(dated[-1])
    cutoff = (last - dt.timedelta(days=int(FINAL_SHARE * (last - first).days))).isoformat()
    by_doc = sorted({(s.date, s.doc_id) for s in leads if s.date}, reverse=True)
    if len(by_doc) >= FINAL_MIN_DOCS:
        cutoff = min(cutoff, by_doc[FINAL_MIN_DOCS - 1][0])
    return [s for s in leads if s.date and s.date >= cutoff]


_MONTH_NAMES = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june "
    "july august september october november december".split()
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "will take place on 8 October", "is due to open on March 3", "is scheduled for 5 May"
_FUTURE_DAY = re.compile(
    r"\b(?:will|is due to|are due to|is scheduled|are scheduled|is expected to|are expected to|plans? to)\b"
    r"[^.;]{0,80}?\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Z][a-z]{2,8})|(?P<m2>[A-Z][a-z]{2,8})\s+(?P<d2>\d{1,2})\b)"
)


def overtaken(s: Sentence, end: str) -> bool:
    """A plan whose day has passed by the end of the window ("The concert will take place
    on 8 October", reported in July, in a corpus that runs to November): by then it has
    happened or not, so the sentence is no longer the state of play."""
    if not s.date or not end:
        return False
    m = _FUTURE_DAY.search(s.text)
    if not m:
        return False
    month, day = (m.group("m1"), m.group("d1")) if m.group("m1") else (m.group("m2"), m.group("d2"))
    key = month[:3].casefold()
    if key not in _MONTHS or month.casefold() not in _MONTH_NAMES:
        return False
    reported = dt.date.fromisoformat(s.date)
    try:
        when = dt.date(reported.year, _MONTHS.index(key) + 1, int(day))
        if when < reported:
            when = when.replace(year=reported.year + 1)
    except ValueError:
        return False
    return when.isoformat() < end


def since_midpoint(sentences: Sequence[Sentence]) -> str:
    """The middle day of the window (ISO; "" without dates): bullets other than the main
    development come from reports of its second half when there are any, so that the
    bottom line gives the state of play, not the opening weeks."""
    dated = sorted({s.date for s in sentences if s.date})
    if not dated:
        return ""
    first, last = dt.date.fromisoformat(dated[0]), dt.date.fromisoformat(dated[-1])
    return (first + (last - first) / 2).isoformat()


def stretch_recency(leads: Sequence[Sentence]) -> dict[str, float]:
    """Each date of the leads → 0 for the earliest, 1 for the latest: within the end of
    the window, the latest report of the outcome outranks an earlier, better-cited one."""
    dated = sorted({s.date for s in leads if s.date})
    if len(dated) < 2:
        return {}
    first, last = dt.date.fromisoformat(dated[0]), dt.date.fromisoformat(dated[-1])
    span = (last - first).days or 1
    return {d: (dt.date.fromisoformat(d) - first).days / span for d in dated}


def _source_dates(lead: Sentence, ranked: Sequence[Sentence]) -> list[str | None]:
    by_doc = {s.doc_id: s.date for s in ranked}
    return [by_doc.get(d) for d in lead.sources]


def _window(sentences: Sequence[Sentence]) -> tuple[str, str] | None:
    """From a month before the earliest document date to the latest one (ISO strings)."""
    dates = sorted(s.date for s in sentences if s.date)
    if not dates:
        return None
    start = dt.date.fromisoformat(dates[0]) - dt.timedelta(days=31)
    return start.isoformat()[:7], dates[-1]


def _in_window(date: str, window: tuple[str, str] | None) -> bool:
    """A development of the corpus's own period, not a historical reference ('in 1918')."""
    return window is None or window[0] <= date <= window[1]


def _event_keys(dated: Sequence[Event]) -> dict[str, list[tuple[str, str]]]:
    """Per document, the (matching key of the evidence sentence, date) of each event,
    most precise first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in dated:
        for ev in e.evidence:
            out.setdefault(ev.doc, []).append((norm_key(ev.sentence), e.date))
    return out


def event_date(s: Sentence, by_doc: dict[str, list[tuple[str, str]]]) -> str | None:
    """The date of the most precise past event drawn from sentence ``s``, if any: the
    event's evidence holds the sentence, or (for a shorter evidence) the reverse."""
    key = norm_key(s.text)
    if not key:
        return None
    for ev_key, date in by_doc.get(s.doc_id, []):
        if key in ev_key or (len(ev_key.split()) >= 6 and ev_key in key):
            return date
    return None


def _precision_rank(e: Event) -> int:
    return {"day": 2, "month": 1, "year": 0}.get(e.precision, 0)


def format_date(value: str) -> str:
    """'2023-04-15' → '15 April 2023'; '2023-04' → 'April 2023'; '2023' stays."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            d = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{d.day} {d.strftime('%B')} {d.year}"
        if len(parts) == 2:
            return f"{dt.date(int(parts[0]), int(parts[1]), 1).strftime('%B')} {parts[0]}"
    except ValueError:
        return value
    return value


def main_uncertainty(
    questions: Sequence[Question], taken: list[frozenset[str]]
) -> SummaryItem | None:
    """The sentence behind the top open question that states (not asks) the uncertainty."""
    for q in questions:
        for ev in q.evidence:
            usable = (
                "?" not in ev.sentence
                and len(ev.sentence.split()) >= MIN_WORDS
                and not garble(trim(ev.sentence))
            )
            if (
                usable
                and not ANAPHORIC_RE.search(ev.sentence)
                and stands_alone(trim(ev.sentence))
                and not _repeats(content_words(ev.sentence), taken)
            ):
                return SummaryItem(
                    text=trim(ev.sentence), sources=list(q.sources), evidence=list(q.evidence)
                )
    return None


def trim(text: str, limit: int = 45) -> str:
    """Drop a leading connective ('But', 'However,'); cut very long sentences at a word."""
    text = _LEAD_WORDS.sub("", _DATELINE.sub("", detokenize(squash(text))))
    text = text[:1].upper() + text[1:]
    words = text.split(" ")
    if len(words) > limit:
        text = " ".join(words[:limit]).rstrip(",;:") + " …"
    return text


SAME_DEVELOPMENT = 0.4  # word overlap (of the smaller set) of two items on one development


def _repeats(words: frozenset[str], taken: Sequence[frozenset[str]]) -> bool:
    """True when the words say the same development as an item taken ("Doe was
    convicted of fraud" and "Doe was found guilty of fraud")."""
    return any(similar(words, t) >= SAME_DEVELOPMENT and len(words & t) >= 3 for t in taken)


def _take(
    chosen: list[SummaryItem],
    taken: list[frozenset[str]],
    s: Sentence,
    prefix: str = "",
    pool: Sequence[Sentence] = (),
) -> None:
    """Add ``s`` as an item, as it stands at the end of the window: a later report on the
    same subject replaces it (see ``latest_version``), and the item shows the cleanest
    of the copies of that sentence."""
    now, note = latest_version(s, pool)
    if (now is not s or not prefix) and now.date:
        prefix = format_date(now.date)  # every bullet says when it was reported
    text = trim(cleanest(now))
    if note:
        text = f"{text.rstrip(' .')} ({note})."
    if prefix:
        text = f"{prefix}: {text}"
    evidence = [Evidence(doc=now.doc_id, sentence=now.text)]
    if now is not s:
        evidence.append(Evidence(doc=s.doc_id, sentence=s.text))
    chosen.append(
        SummaryItem(
            text=text,
            sources=merge_sources(now.sources, s.sources if now is not s else []),
            evidence=merge_evidence(evidence, now.support),
        )
    )
    taken.append(s.words)
    taken.append(now.words)


def figures(text: str) -> dict[str, float]:
    """The figures of a sentence: a key naming what is counted → the number.

    The key is the word after the number (singular) and the nearest content word around
    it that says what happened to what is counted: "killed 60 people" → "people/kill",
    "701 people have been infected" → "people/infect", so deaths are never compared
    with infections.  Years and days of the month are not figures."""
    out: dict[str, float] = {}
    for m in _FIGURE.finditer(text):
        raw, scale, unit = m.group(1), m.group(2), m.group(3).lower()
        value = float(raw.replace(",", "")) * _SCALE.get((scale or "").lower(), 1)
        if (not scale and len(raw) == 4 and 1900 <= value <= 2100) or _MONTH_BEFORE.search(
            text[: m.start()]
        ):
            continue
        unit = unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit
        out.setdefault(f"{unit}/{_counted_by(text, m.start(), m.end())}", value)
    return out


_VERBISH = re.compile(
    r"^[a-z]{3,}(?:ed|ing|en)$|^(?:rose|fell|grew|hit|cut|left|lost|died|dead|kill|killed)$"
)


def _counted_by(text: str, start: int, end: int, reach: int = 4) -> str:
    """The nearest verb-like word (a past participle or -ing form, or a common verb of
    change) within ``reach`` words before or after a figure, stemmed; "" if none."""
    before = re.findall(r"[A-Za-z]+", text[:start])[-reach:]
    after = re.findall(r"[A-Za-z]+", text[end:])[:reach]
    order = [w for pair in zip(reversed(before), after) for w in pair]
    order += list(reversed(before))[len(after) :] + after[len(before) :]
    for w in order:
        w = w.lower()
        if _VERBISH.match(w):
            return re.sub(r"(?:ed|ing|en)$", "", w)
    return ""


def _told(found: dict[str, float]) -> list[str]:
    """The figure keys that say what happened ("people/kill"), not just what is counted."""
    return [k for k in found if not k.endswith("/")]


def _subject(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if not any(ch.isdigit() for ch in w))


def latest_version(s: Sentence, pool: Sequence[Sentence]) -> tuple[Sentence, str]:
    """The latest report on the subject of ``s`` and, when a figure changed since the
    first report, the note "up from 60 on 24 April 2009"; ``(s, "")`` when nothing
    later or earlier changes it.

    Two sentences report the same subject when their words overlap enough
    (``SAME_SUBJECT``) and a figure of the same unit differs, or when they overlap by
    half.  A later report must not be much weaker (half the score), more garbled, much
    shorter (``LATER_MIN_SHARE`` of the content words) or unable to stand alone."""
    if not s.date or not pool:
        return s, ""
    base = _subject(s.words)
    before, here = figures(s.text), places(s.text)
    floor = 0.5 * s.score()
    best = s
    for t in pool:
        if (
            not t.date
            or t.date <= (best.date or "")
            or t.doc_id == s.doc_id
            or t.garbled > s.garbled
        ):
            continue
        if t.score() < floor or not _same_subject(base, before, t, here):
            continue
        if len(t.words) < LATER_MIN_SHARE * len(s.words):
            continue  # a short sentence overlaps anything: "The war is not over yet."
        if stands_alone(trim(t.text)) and not (
            _DESCRIPTION.match(trim(t.text)) and not _DESCRIPTION.match(trim(s.text))
        ):
            best = t
    return best, _since(best, pool)


def _same_subject(
    base: frozenset[str], before: dict[str, float], t: Sentence, here: frozenset[str]
) -> bool:
    """Same subject: the words overlap by half, or enough and a figure of the same kind
    changed in a sentence naming the same places."""
    overlap = similar(base, _subject(t.words))
    if overlap < SAME_SUBJECT:
        return False
    after = figures(t.text)
    if overlap >= 0.5:
        return True
    changed = any(u in after and after[u] != before[u] for u in _told(before))
    return changed and places(t.text) == here


def _since(now: Sentence, pool: Sequence[Sentence]) -> str:
    """ "up from 12 on 2 May 2024": the first earlier report on the subject of ``now``
    whose figure of the same unit differs; "" when none does."""
    current = figures(now.text)
    if not current or not now.date:
        return ""
    base = _subject(now.words)
    here = places(now.text)
    first: tuple[str, float] | None = None
    for t in pool:
        if not t.date or t.date >= now.date or (first and t.date >= first[0]):
            continue
        if similar(base, _subject(t.words)) < SAME_SUBJECT or places(t.text) != here:
            continue
        old = figures(t.text)
        changed = [u for u in _told(current) if u in old and old[u] != current[u]]
        if changed:
            first = (t.date, old[changed[0]])
            unit_value = current[changed[0]]
    if first is None:
        return ""
    return _change(first[1], unit_value, first[0])


_CAPITALISED_RUN = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|from|near|of)\s+$")
_NOT_PLACES = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


def places(text: str) -> frozenset[str]:
    """The places a sentence names: countries (also by capital or demonym: "Mexican")
    and capitalised names after "in", "at", "from", "near", "of" ("in Springfield").
    Two figures are compared only when their sentences name the same places."""
    gaz = actor_gazetteer.load()
    out: set[str] = set()
    for m in _CAPITALISED_RUN.finditer(text):
        run = (
            re.sub(r"[’']s$", "", m.group().rstrip(".,’'"))
            if m.group() not in {"U.S.", "U.K."}
            else m.group()
        )
        words = run.split()
        found = {c for w in [run, *words] for c in [gaz.country(w), _people_of(w)] if c}
        if found:
            out.update(found)
        elif (
            m.start() > 0
            and _PLACE_PREPOSITION.search(text[: m.start()])
            and not _NOT_PLACES.match(run)
        ):
            out.add(run.casefold())
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def _people_of(word: str) -> str | None:
    """The country of a demonym; of several ("Norwegian": Norway, Svalbard), the one the
    gazetteer knows by most names and capitals."""
    gaz = actor_gazetteer.load()
    found = gaz.countries_of_demonym(word)
    if len(found) <= 1:
        return found[0] if found else None
    weight = _gazetteer_weight()
    return max(found, key=lambda c: (weight.get(c, 0), -found.index(c)))


@functools.cache
def _gazetteer_weight() -> dict[str, int]:
    gaz = actor_gazetteer.load()
    weight: dict[str, int] = {}
    for country in [*gaz.names.values(), *gaz.capitals.values()]:
        weight[country] = weight.get(country, 0) + 1
    return weight


def _change(old: float, new: float, date: str) -> str:
    word = "up" if new > old else "down"
    if old >= 1e6:
        shown = f"{old / 1e6:g} million" if old < 1e9 else f"{old / 1e9:g} billion"
    else:
        shown = f"{old:,.0f}" if old == int(old) else f"{old:g}"
    return f"{word} from {shown} on {format_date(date)}"


def cleanest(s: Sentence) -> str:
    """The sentence's text, or a corroborating copy of the same fact with fewer signs of
    garbling (a copy says the same when most of its words are the sentence's)."""
    best, signs = s.text, s.garbled
    if not signs:
        return best
    for e in s.support:
        other = garble(trim(e.sentence))
        if (
            other < signs
            and similar(s.words, content_words(e.sentence)) >= 0.6
            and stands_alone(trim(e.sentence))
        ):
            best, signs = e.sentence, other
    return best
