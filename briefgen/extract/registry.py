"""Extractors added through the registry: a section type with its own extraction.

The built-in sections (actors, timeline, positions, questions, summary) are run by
:func:`briefgen.extract.facts.observe` and ``pipeline._combine`` in their dependency
order.  A new section type registers an :class:`Extractor` here, and the pipeline runs
it after them:

- ``observe(ad)`` once per document, right after the NLP; its facts (a dataclass of
  plain types, :mod:`briefgen.codec`) are cached with the document's other facts;
- ``combine(corpus)`` once over every document's facts, with the actors already
  found; it returns the section's records (dataclasses), stored in the extraction's
  ``sections`` block under the extractor's name and read by the section's view.

``docs/sections.md`` walks through it; ``tests/test_sections_registry.py`` has an
example.  With ``nlp.executor: dask`` the module that registers an extractor must be
imported on the workers too.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from briefgen.codec import codec
from briefgen.models import Actor, Article
from briefgen.nlp.load import AnnotatedDoc

F = TypeVar("F")


@dataclass
class Corpus(Generic[F]):
    """What an extractor's corpus half sees."""

    facts: list[tuple[Article, F]]  # each document with this extractor's facts of it
    actors: Sequence[Actor]  # the actors found in the corpus, clustered and named


class Extractor(Protocol):
    """The observe/combine pair of one section type."""

    name: str  # the section type, and the key of its records in the extraction
    facts: type  # the dataclass observe returns (cached through briefgen.codec)

    def observe(self, ad: AnnotatedDoc) -> Any: ...

    def combine(self, corpus: Corpus[Any]) -> Sequence[Any]: ...


EXTRACTORS: dict[str, Extractor] = {}


def register_extractor(extractor: Extractor) -> Extractor:
    """Add (or replace) an extractor; the next analysis runs it."""
    EXTRACTORS[extractor.name] = extractor
    return extractor


def observe_all(ad: AnnotatedDoc) -> dict[str, bytes]:
    """Every registered extractor's facts of one document, encoded for the cache."""
    return {
        name: codec(e.facts).dumps(e.observe(ad)) for name, e in sorted(EXTRACTORS.items())
    }


def decode_facts(name: str, data: bytes) -> Any:
    return codec(EXTRACTORS[name].facts).loads(data)


def code_files() -> list[Path]:
    """The source files of the registered extractors (their facts depend on them)."""
    files = {inspect.getsourcefile(type(e)) or inspect.getsourcefile(e.observe) for e in EXTRACTORS.values()}  # type: ignore[arg-type]
    return sorted(Path(f) for f in files if f)
