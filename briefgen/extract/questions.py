"""Open questions: what the sources present as unresolved, phrased as questions.

Every sentence unit (``text_units``) of every document goes through ``question_detect``
(cue families and phrasing rules; the source sentence is kept as evidence).  "It is hard
to say" and "time will tell" have no clause of their own: they back up the question just
before them.  ``question_rank`` merges the same question from several sources into one
item and ranks the items; in corpora of five or more documents, questions that name no
key actor and none of the corpus's recurring words are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.extract import question_cues as cues
from briefgen.extract import question_phrasing as phr
from briefgen.extract.common import merge_evidence, norm_key, squash
from briefgen.extract.question_detect import context_bound, detect, personal
from briefgen.extract.question_rank import (
    Candidate,
    actor_names,
    content_words,
    doc_stems,
    document_frequency,
    merge,
    on_topic,
    salient_lemmas,
    score,
)
from briefgen.extract.text_units import units
from briefgen.models import Actor, Evidence, Question
from briefgen.nlp.load import AnnotatedDoc

if TYPE_CHECKING:
    from spacy.tokens import Span

MAX_WORDS = 45
# below this many documents, "words the corpus keeps coming back to" mean little
MIN_DOCS_FOR_TOPIC = 5
# a question is on topic when it uses a word found in this share of the documents
TOPIC_SHARE = 0.4


@dataclass
class QuestionFacts:
    """What one document gives the questions and the summary's sense of the topic."""

    candidates: list[Candidate] = field(default_factory=list)
    # its stemmed content words, space-separated (for document frequencies; a string
    # takes a tenth of the memory of a set)
    stems: str = ""


def observe(ad: AnnotatedDoc) -> QuestionFacts:
    return QuestionFacts(candidates=find_candidates(ad), stems=" ".join(sorted(doc_stems(ad.doc))))


def extract(
    docs: Sequence[AnnotatedDoc], limit: int | None = 8, actors: Sequence[Actor] = ()
) -> list[Question]:
    """The corpus's open questions, merged across sources and ranked, at most ``limit``."""
    return combine([observe(ad) for ad in docs], limit, actors)


def combine(
    facts: Sequence[QuestionFacts], limit: int | None = 8, actors: Sequence[Actor] = ()
) -> list[Question]:
    """The open questions of every document's facts, merged, ranked, at most ``limit``."""
    found: list[Candidate] = [c for f in facts for c in f.candidates]
    groups = merge(found)
    df = document_frequency(f.stems.split() for f in facts)
    salient = salient_lemmas(df, len(facts))
    names = actor_names(actors)
    if len(facts) >= MIN_DOCS_FOR_TOPIC:
        recurring = salient_lemmas(df, len(facts), share=TOPIC_SHARE)
        groups = [g for g in groups if on_topic(g.best.text, recurring, names)]
    ranked = sorted(groups, key=lambda g: -score(g, salient, names))
    out = [
        Question(
            text=g.best.text,
            sources=g.sources,
            evidence=merge_evidence(*(m.evidence for m in g.members)),
        )
        for g in ranked
    ]
    return out[:limit] if limit else out


def find_candidates(ad: AnnotatedDoc) -> list[Candidate]:
    """Every question one document raises, in document order."""
    out: list[Candidate] = []
    title_key = norm_key(ad.article.title or "")
    seen_title = False
    for index, unit in enumerate(units(ad.doc)):
        sentence = squash(unit.text)
        if len(sentence.split()) < 4 or cues.is_furniture(sentence):
            continue
        headline = norm_key(sentence) == title_key or (index <= 1 and _is_headline(unit))
        seen_title = seen_title or (bool(title_key) and title_key in norm_key(sentence))
        if cues.ANAPHORIC_RE.search(sentence) and not _has_wh(unit):
            _back_previous(out, index, ad.id, sentence)
            continue
        found = detect(unit)
        if found is None:
            continue
        family, text = found
        if not text.endswith("?") or cues.is_rhetorical(text) or len(text.split()) > MAX_WORDS:
            continue
        if context_bound(text) or personal(text):
            continue
        out.append(_candidate(text, family, ad.id, index, sentence, headline))
    title = squash(ad.article.title or "")
    if title.endswith("?") and not seen_title and not cues.is_furniture(title):
        text = phr.strip_lead(title)
        usable = not (cues.is_rhetorical(text) or cues.is_definitional(text))
        if usable and not (context_bound(text, short=8) or personal(text)):
            out.insert(0, _candidate(text, "question", ad.id, -1, title, True))
    return out


def _candidate(
    text: str, family: str, doc_id: str, index: int, sentence: str, headline: bool
) -> Candidate:
    return Candidate(
        text=text,
        family=family,
        doc_id=doc_id,
        unit_index=index,
        sentence=sentence,
        lemmas=content_words(text),
        headline=headline,
        evidence=[Evidence(doc=doc_id, sentence=sentence)],
    )


def _back_previous(out: list[Candidate], index: int, doc_id: str, sentence: str) -> None:
    """Attach 'it is hard to say' to the question raised one or two units earlier."""
    if out and out[-1].doc_id == doc_id and 0 < index - out[-1].unit_index <= 2:
        out[-1].backed += 1
        out[-1].evidence.append(Evidence(doc=doc_id, sentence=sentence))


def _is_headline(unit: Span) -> bool:
    """A short line of its own with no final stop (a headline or a standfirst)."""
    last = unit[-1].text
    return last not in {".", "!", '"', "”"} and len(unit) <= 30


def _has_wh(unit: Span) -> bool:
    return any(t.lower_ in phr.WH_WORDS or t.lower_ == "whether" for t in unit)
