"""The per-document stage on this machine: one ``nlp.pipe`` with ``workers`` processes,
each Doc observed as it arrives (so the main process works while the NLP workers
parse the next batches) and then dropped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from briefgen.extract.facts import DocFacts, observe
from briefgen.models import Article
from briefgen.nlp import annotate

if TYPE_CHECKING:
    from briefgen.cache import DocCache
    from briefgen.config import BriefConfig


def observe_all(
    cfg: BriefConfig,
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    doc_cache: DocCache | None = None,
) -> Iterator[DocFacts]:
    annotated = annotate(
        articles,
        cfg.nlp.model,
        batch_size=cfg.nlp.batch_size,
        n_process=workers,
        exclude=tuple(cfg.nlp.exclude),
        cache=doc_cache,
    )
    return (observe(ad) for ad in annotated)
