"""What one document gives every extractor, found once and cacheable.

Each extractor is split in two: ``observe`` reads one annotated document and returns
plain records (mentions, dated spans, attributions, question candidates, summary
units) that depend on nothing but that document; ``combine`` turns every document's
records into the section, across the corpus (clustering, resolution against the
actors, merging, ranking).  :func:`observe` runs the first half of all of them, so a
document is walked once, right after the NLP, and its spaCy ``Doc`` can be dropped; the
records are cached per document (``briefgen.cache.FactCache``, as data through
``briefgen.codec``: every record type here must be built of the types the codec
checks), so a re-run over unchanged documents needs neither the NLP nor the walk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.extract import actors, positions, questions, registry, summary, timeline
from briefgen.models import Article
from briefgen.nlp.load import AnnotatedDoc

# the code facts depend on: the extractors, the records they are made of, the codec
# that stores them (briefgen/codec.py: MessagePack, checked field by field on reading)
# and the data files they read (lexicons, the country gazetteer)
_PACKAGE = Path(__file__).resolve().parents[1]
FACTS_CODE = (
    Path(__file__).resolve().parent,
    _PACKAGE / "models.py",
    _PACKAGE / "codec.py",
    _PACKAGE / "data",  # the lexicons and the gazetteer the extractors read
)


@dataclass
class DocFacts:
    """Everything the extractors need from one document."""

    doc: str
    actors: actors.ActorFacts
    timeline: timeline.TimelineFacts
    positions: positions.PositionFacts
    questions: questions.QuestionFacts
    summary: list[summary.Unit]
    # facts of the extractors added through briefgen.extract.registry, by name, encoded
    extra: dict[str, bytes] = field(default_factory=dict)


def observe(ad: AnnotatedDoc) -> DocFacts:
    """Every extractor's per-document half, over one document."""
    return DocFacts(
        doc=ad.id,
        actors=actors.observe(ad),
        timeline=timeline.observe(ad),
        positions=positions.observe(ad),
        questions=questions.observe(ad),
        summary=summary.observe(ad),
        extra=registry.observe_all(ad),
    )


def facts_key(article: Article) -> str:
    """The cache key of a document's facts: its id and title are in them, not only its text."""
    h = hashlib.sha256()
    for part in (article.id, article.title or "", article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()
