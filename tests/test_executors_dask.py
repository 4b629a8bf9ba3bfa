"""The optional ``--executor dask`` path (briefgen/executors/dask_cluster.py).

The cluster tests run a ``distributed.LocalCluster`` of 2 worker processes on
localhost and compare the extraction of the seeds with the local executor's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEFAULT_CONFIG, FIXED_NOW, SEEDS

from briefgen import pipeline
from briefgen.config import BriefConfig, load_config
from briefgen.contract import dumps
from briefgen.executors import dask_cluster as dask_executor
from briefgen.executors.dask_cluster import DaskUnavailable, partition, partition_size


def _config(**nlp: object) -> BriefConfig:
    cfg = load_config(DEFAULT_CONFIG)
    cfg.nlp = cfg.nlp.model_copy(update=nlp)
    return cfg


def _json(ext) -> dict:
    data = json.loads(dumps(ext))
    data.pop("generated_at")
    return data


# -- without a cluster ---------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 50, 401])
@pytest.mark.parametrize("size", [1, 3, 8, 200])
def test_partition_keeps_order(n: int, size: int) -> None:
    items = [f"doc{i}" for i in range(n)]
    parts = partition(items, size)
    assert [x for p in parts for x in p] == items
    assert all(1 <= len(p) <= size for p in parts)
    assert all(len(p) == size for p in parts[:-1])


def test_partition_size_bounds() -> None:
    assert partition_size(4, 2) == dask_executor.MIN_PARTITION
    assert partition_size(1_000, 2) == 125  # about four partitions per worker
    assert partition_size(100_000, 8) == dask_executor.MAX_PARTITION
    with pytest.raises(ValueError):
        partition([1, 2], 0)


def test_config_accepts_the_executor(write_config) -> None:
    path = write_config("nlp:\n  executor: dask\n  dask_address: tcp://10.0.0.5:8786\n")
    cfg = load_config(path)
    assert (cfg.nlp.executor, cfg.nlp.dask_address) == ("dask", "tcp://10.0.0.5:8786")
    assert BriefConfig().nlp.executor == "local"
    from briefgen.errors import ConfigError

    with pytest.raises(ConfigError, match="executor"):
        load_config(write_config("nlp:\n  executor: ray\n"))


def test_cli_executor_overrides_the_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefgen.cli import app

    seen = []

    def fake_extract(cfg, paths, **kwargs):
        seen.append(cfg.nlp.executor)
        raise DaskUnavailable("stop here")

    monkeypatch.setattr(pipeline, "extract", fake_extract)
    out = tmp_path / "x.json"
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--executor", "dask", "-o", str(out)])
    assert result.exit_code == 2 and seen == ["dask"]
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "-o", str(out)])
    assert seen == ["dask", "local"]
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--executor", "spark", "-o", str(out)])
    assert result.exit_code == 2 and len(seen) == 2


def test_missing_dask_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    articles = pipeline.read_articles(_config(), [str(SEEDS)])
    with pytest.raises(DaskUnavailable, match=r"briefgen\[dask\]"):
        dask_executor.observe_all(_config(executor="dask"), articles, workers=2)


def test_briefgen_imports_without_dask() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('dask', 'distributed'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import briefgen.cli, briefgen.pipeline, briefgen.executors.dask_cluster\n"
        "assert 'distributed' not in sys.modules and 'dask' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# -- on a local cluster of 2 worker processes ----------------------------------------


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    ) as c, distributed.Client(c) as client:
        yield c, client


@pytest.mark.slow
def test_dask_extraction_equals_local(cluster, monkeypatch: pytest.MonkeyPatch) -> None:
    c, client = cluster
    # one article per task, so the 4 kept seeds are spread over both workers
    monkeypatch.setattr(dask_executor, "MIN_PARTITION", 1)
    local = pipeline.extract(_config(), [str(SEEDS)], now=FIXED_NOW, use_cache=False, workers=1)
    remote = pipeline.extract(
        _config(executor="dask", dask_address=c.scheduler_address),
        [str(SEEDS)],
        now=FIXED_NOW,
        use_cache=False,
    )
    assert _json(remote) == _json(local)
    assert local.actors and local.timeline  # the comparison is not of two empty briefs

    # the model was loaded once in each worker process that ran a task, however many
    # tasks it ran (4 tasks, one per kept seed)
    def loads() -> tuple[int, int]:
        from briefgen.nlp.load import analysis_pipeline

        info = analysis_pipeline.cache_info()
        return info.misses, info.hits + info.misses

    counts = client.run(loads)
    assert sum(calls for _, calls in counts.values()) == 4
    assert all(misses <= 1 for misses, _ in counts.values())
    assert len(counts) == 2


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch):
    """The local clusters briefgen starts, with the arguments it started them with."""
    import distributed

    real = distributed.LocalCluster
    started: list = []

    def make(*args, **kwargs):
        c = real(*args, **kwargs)
        started.append((c, kwargs))
        return c

    monkeypatch.setattr(distributed, "LocalCluster", make)
    return started


def _closed(c) -> bool:
    from distributed.core import Status

    return c.status == Status.closed


@pytest.mark.slow
def test_own_cluster_with_cache_is_closed(recorded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_executor, "MIN_PARTITION", 2)
    cfg = _config(executor="dask")
    cfg.cache = cfg.cache.model_copy(update={"directory": tmp_path / "cache"})
    ext = pipeline.extract(cfg, [str(SEEDS)], now=FIXED_NOW, workers=2)
    local = pipeline.extract(_config(), [str(SEEDS)], now=FIXED_NOW, use_cache=False, workers=1)
    assert _json(ext) == _json(local)
    [(c, kwargs)] = recorded
    assert kwargs["n_workers"] == 2 and kwargs["threads_per_worker"] == 1 and kwargs["processes"]
    assert _closed(c)
    # the workers wrote the Doc cache, the driver the facts cache
    assert len(list((tmp_path / "cache").rglob("*.spacy"))) == 4
    assert len(list((tmp_path / "cache").rglob("*.facts"))) == 4


@pytest.mark.slow
def test_own_cluster_is_closed_on_error(recorded) -> None:
    from briefgen.nlp.load import ModelError

    cfg = _config(executor="dask", model="no_such_model_xx")
    with pytest.raises(ModelError, match="no_such_model_xx"):
        pipeline.extract(cfg, [str(SEEDS)], now=FIXED_NOW, use_cache=False, workers=2)
    [(c, _)] = recorded
    assert _closed(c)


def test_unreachable_scheduler_is_a_clear_error() -> None:
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    cfg = _config(executor="dask", dask_address="tcp://127.0.0.1:9")
    articles = pipeline.read_articles(cfg, [str(SEEDS)])
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(DaskUnavailable, match="127.0.0.1:9"),
    ):
        list(dask_executor.observe_all(cfg, articles, workers=1))
