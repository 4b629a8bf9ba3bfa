"""The per-document stage (spaCy NLP + every extractor's ``observe``) on a Dask cluster.

An alternative to :func:`briefgen.executors.local.observe_all`, chosen by ``nlp.executor:
dask`` or ``--executor dask``.  The articles are cut into partitions, in order; each
partition is one task that runs :func:`briefgen.nlp.annotate` (``n_process=1``: the
cluster provides the parallelism) and :func:`briefgen.extract.facts.observe` on a
worker and returns the :class:`DocFacts`, small picklable records.  No spaCy object
crosses the network.  The driver gets the results back in article order and does the
rest (the facts cache, the corpus half of the extractors, rendering).

The model is loaded once per worker process: ``analysis_pipeline`` is memoised per
process and a task is a module-level function, so every task a worker runs after its
first finds the model loaded.  With the cache on, each worker reads and writes the Doc
cache in the same directory as the driver (on a real cluster, shared storage).

``dask`` and ``distributed`` are optional (``pip install 'briefgen[dask]'``) and only
imported here, when the path is taken.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from briefgen.errors import BriefgenError, ExitStatus
from briefgen.models import Article

if TYPE_CHECKING:
    from briefgen.cache import DocCache
    from briefgen.config import BriefConfig
    from briefgen.extract.facts import DocFacts

log = logging.getLogger(__name__)

T = TypeVar("T")

# Articles per task: about PARTITIONS_PER_WORKER tasks per worker, so a slow partition
# does not leave the others idle, within [MIN_PARTITION, MAX_PARTITION] so a task's
# overhead (a few ms) stays small beside its NLP (~0.2 s per article) and a lost task
# costs little to redo.
MIN_PARTITION = 8
MAX_PARTITION = 200
PARTITIONS_PER_WORKER = 4
# tasks in flight per worker thread: results are fetched in order, so a little slack
# keeps the workers busy behind a slow partition while bounding what is held
IN_FLIGHT_PER_THREAD = 3


class DaskUnavailable(BriefgenError):
    """``nlp.executor: dask`` without dask installed, or no scheduler at the address."""

    exit_status = ExitStatus.USAGE


def partition_size(n: int, workers: int) -> int:
    """Articles per partition for ``n`` articles over ``workers`` workers."""
    want = math.ceil(n / max(1, workers * PARTITIONS_PER_WORKER))
    return max(1, min(MAX_PARTITION, max(MIN_PARTITION, want)))


def partition(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` cut into consecutive lists of ``size`` (the last may be shorter);
    concatenated they are ``items``, in order."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def observe_partition(
    articles: list[Article],
    model: str,
    batch_size: int,
    exclude: tuple[str, ...],
    cache: tuple[str, str] | None,
) -> tuple[list[DocFacts], int, int]:
    """One task, on a worker: the NLP and ``observe`` over ``articles``, in order.

    ``cache`` is the Doc cache's (root, namespace) or None.  Returns the facts and the
    Doc cache's hits and misses, for the driver's log.
    """
    from briefgen.cache import DocCache
    from briefgen.extract.facts import observe
    from briefgen.nlp.load import annotate

    doc_cache = DocCache(Path(cache[0]), cache[1]) if cache else None
    docs = annotate(
        articles, model, batch_size=batch_size, n_process=1, exclude=exclude, cache=doc_cache
    )
    facts = [observe(ad) for ad in docs]
    hits, misses = (doc_cache.hits, doc_cache.misses) if doc_cache else (0, 0)
    return facts, hits, misses


def observe_all(
    cfg: BriefConfig,
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    doc_cache: DocCache | None = None,
) -> Iterator[DocFacts]:
    """:func:`briefgen.executors.local.observe_all` on a Dask cluster: the facts of
    ``articles``, in order, streamed as the partitions come back.

    With ``nlp.dask_address`` set, connects to that scheduler; otherwise starts a
    ``LocalCluster`` of ``workers`` processes (1 thread each) and closes it when the
    last result is in, or on error.
    """
    if not articles:
        return iter(())
    _import_distributed()  # fail before the first result is asked for
    return _stream(cfg, articles, workers=workers, doc_cache=doc_cache)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise DaskUnavailable(
            "nlp.executor is 'dask' but dask is not installed; "
            "install it with pip install 'briefgen[dask]', or use --executor local"
        ) from None
    # importing distributed sets its loggers to INFO: every connection and worker start
    # would be logged; keep that for --verbose
    logging.getLogger("distributed").setLevel(
        logging.INFO if log.isEnabledFor(logging.DEBUG) else logging.WARNING
    )
    return distributed


HEARTBEAT_ERROR = "Failed to communicate with scheduler during heartbeat"


def _not_heartbeat_error(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(HEARTBEAT_ERROR)


def _quiet_shutdown() -> None:
    """Run on each worker of a cluster we started: a worker whose heartbeat is in
    flight when the scheduler closes logs an ERROR with a traceback (a known race in
    distributed's shutdown, dask/distributed#7192); the scheduler of our own cluster
    only goes away when we close it, so the message says nothing there."""
    logging.getLogger("distributed.worker").addFilter(_not_heartbeat_error)


class _Session:
    """A client, and the local cluster behind it when we started one."""

    def __init__(self, cfg: BriefConfig, workers: int) -> None:
        distributed = _import_distributed()
        self.cluster: Any = None
        address = cfg.nlp.dask_address
        try:
            if address:
                # gives up after distributed.comm.timeouts.connect (dask config; 30 s)
                self.client = distributed.Client(address)
            else:
                self.cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    # the scheduler's HTTP server (dashboard if bokeh is installed, health
                    # and metrics) on any free local port: 8787 may be taken
                    dashboard_address="127.0.0.1:0",
                )
                self.client = distributed.Client(self.cluster)
                self.client.run(_quiet_shutdown)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = f"the Dask scheduler at {address}" if address else "a local Dask cluster"
            raise DaskUnavailable(
                f"cannot reach {where}: {exc}; check nlp.dask_address, or use --executor local"
            ) from None
        except BaseException:
            self.close()
            raise
        info = self.client.scheduler_info()
        self.threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()) or 1
        log.info(
            "Dask: %s, %d worker(s), %d thread(s)",
            address or "local cluster",
            len(info.get("workers", {})),
            self.threads,
        )

    def close(self) -> None:
        client, cluster = getattr(self, "client", None), self.cluster
        self.client, self.cluster = None, None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _stream(
    cfg: BriefConfig,
    articles: Sequence[Article],
    *,
    workers: int | None,
    doc_cache: DocCache | None,
) -> Iterator[DocFacts]:
    from briefgen.nlp.load import resolve_workers

    n_workers = resolve_workers(workers, len(articles))
    session = _Session(cfg, n_workers)
    try:
        # size the partitions by the cluster we got (a remote one has its own size)
        size = partition_size(len(articles), session.threads)
        parts = partition(articles, size)
        log.info("Dask: %d documents in %d partition(s) of up to %d", len(articles), len(parts), size)
        cache = (str(doc_cache.root), doc_cache.dir.name) if doc_cache is not None else None
        args = (cfg.nlp.model, cfg.nlp.batch_size, tuple(cfg.nlp.exclude), cache)
        window = max(2, IN_FLIGHT_PER_THREAD * session.threads)
        todo = iter(parts)
        pending: deque[Any] = deque()

        def submit() -> None:
            part = next(todo, None)
            if part is not None:
                pending.append(session.client.submit(observe_partition, part, *args, pure=False))

        for _ in range(window):
            submit()
        while pending:
            future = pending.popleft()
            facts, hits, misses = future.result()
            future.release()
            submit()
            if doc_cache is not None:
                doc_cache.hits += hits
                doc_cache.misses += misses
            if not pending:
                session.close()  # every result is in: close before handing over the last ones
            yield from facts
    finally:
        session.close()
