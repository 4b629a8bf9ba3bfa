"""Where the per-document stage runs: the NLP and every extractor's ``observe``.

The stage sits above :mod:`briefgen.nlp` and :mod:`briefgen.extract` and below
:mod:`briefgen.pipeline`.  ``local`` runs one ``nlp.pipe`` on this machine;
``dask_cluster`` runs the same on a Dask cluster (``nlp.executor: dask``).  Either way
the facts come back in article order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from briefgen.models import Article

if TYPE_CHECKING:
    from briefgen.cache import DocCache
    from briefgen.config import BriefConfig
    from briefgen.extract.facts import DocFacts


def observe_all(
    cfg: BriefConfig,
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    doc_cache: DocCache | None = None,
) -> Iterator[DocFacts]:
    """The facts of ``articles``, in order, from the executor the config names."""
    if cfg.nlp.executor == "dask":
        from briefgen.executors import dask_cluster

        return dask_cluster.observe_all(cfg, articles, workers=workers, doc_cache=doc_cache)
    from briefgen.executors import local

    return local.observe_all(cfg, articles, workers=workers, doc_cache=doc_cache)
