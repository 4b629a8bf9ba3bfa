"""Benchmark: how far briefgen is above the spaCy floor.  Not a test.

    python -m briefgen.bench [--n 1000] [--texts DIR ...] [--workers N] [--json out.json]

It writes a corpus of N real articles (the seeds, plus every ``*.txt`` under each
``--texts`` folder; more are made by splicing thirds of different articles and
shifting their dates, so that de-duplication keeps them), then, in one run, times:

  (a) a bare ``nlp.pipe`` over the kept texts: same model, components, batch size and
      process count as briefgen;
  (b) briefgen's ingest + extract, cold (empty NLP cache) and warm (cache hit);
  (c) rendering the brief to PDF, DOCX and HTML.

It prints words/s, the ratio b/a, the time per stage and the peak memory of the
process tree (RSS summed over this process and its NLP workers, sampled 5 times a
second; shared pages are counted once per process, so it is an upper bound).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Base:
    """One real article the corpus is made from."""

    text: str
    date: dt.date | None


# ---------------------------------------------------------------- corpus


def _detokenize(text: str) -> str:
    """Undo Penn-Treebank tokenisation (Timeline17 style) and join lines into paragraphs."""
    for a, b in (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("``", '"'), ("''", '"')):
        text = text.replace(a, b)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r'" ([^"\n]*?) "', r'"\1"', text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    paras = [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
    return "\n\n".join(paras) + "\n"


def read_bases(folders: Sequence[Path]) -> list[Base]:
    """The seeds and every ``*.txt`` under ``folders``, in a stable shuffled order."""
    from briefgen.ingest.sidecar import read_sidecar

    bases: list[Base] = []
    side = read_sidecar(SEEDS)
    for p in sorted(SEEDS.glob("*.txt")):
        bases.append(Base(p.read_text(encoding="utf-8"), side.get(p.name, {}).get("date")))
    extra: list[Base] = []
    for folder in folders:
        for p in sorted(Path(folder).rglob("*.txt")):
            if "InputDocs" not in p.parts and DATE_DIR.match(p.parent.name) is None:
                continue  # Timeline17 keeps its gold timelines next to the articles
            date = dt.date.fromisoformat(p.parent.name) if DATE_DIR.match(p.parent.name) else None
            text = p.read_text(encoding="utf-8", errors="replace")
            if len(text.split()) >= 80:
                extra.append(Base(_detokenize(text), date))
    random.Random(17).shuffle(extra)
    return bases + extra


def _part(text: str, third: int, words: int) -> str:
    """About ``words`` words of ``text`` in whole paragraphs, from the start of its
    ``third``-th third (0, 1 or 2)."""
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    total = sum(len(p.split()) for p in paras)
    start, seen = 0, 0
    for k, p in enumerate(paras):
        if seen >= total * third / 3:
            start = k
            break
        seen += len(p.split())
    out: list[str] = []
    n = 0
    for p in paras[start:]:
        if n >= words:
            break
        out.append(p)
        n += len(p.split())
    return "\n\n".join(out)


def _shift_years(text: str, years: int) -> str:
    return re.sub(r"\b(19[5-9]\d|20[0-4]\d)\b", lambda m: str(int(m.group(1)) + years), text)


def _others(i: int, r: int, m: int) -> tuple[int, int]:
    """Two bases other than ``i`` (and each other) for copy ``r`` of base ``i``.

    ``i + r`` and ``i - r``: no two copies share two of their three parts.
    """
    j, jj = (i + r) % m, (i - r) % m
    while jj in (i, j) and m > 2:
        jj = (jj + 1) % m
    return j, jj


def make_corpus(bases: Sequence[Base], n: int, folder: Path) -> int:
    """Write ``n`` articles and a ``sources.yaml`` into ``folder``; return the word count.

    Article i < len(bases) is base i as it is.  Beyond that, copy r of article i is
    spliced from equal parts of base i (from its start), base i + r (from its middle
    third) and base i - r (from its last third), whole paragraphs, with its years and
    date moved r years on.
    """
    folder.mkdir(parents=True, exist_ok=True)
    m = len(bases)
    meta: dict[str, dict[str, Any]] = {}
    words = 0
    for k in range(n):
        r, i = divmod(k, m)
        base = bases[i]
        if r == 0:
            text, date = base.text, base.date
        else:
            j, jj = _others(i, r, m)
            srcs = [base.text, bases[j].text, bases[jj].text]
            share = min(len(t.split()) for t in srcs) // 3  # equal parts: none dominates
            parts = [_part(t, third, share) for third, t in enumerate(srcs)]
            text = _shift_years("\n\n".join(p for p in parts if p), r)
            date = base.date.replace(year=base.date.year + r) if base.date and not (
                base.date.month == 2 and base.date.day == 29
            ) else base.date
        name = f"{k:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        if date:
            meta[name] = {"date": date.isoformat()}
        words += len(text.split())
    (folder / "sources.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return words


# ---------------------------------------------------------------- measuring


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


class PeakRSS:
    """Samples the process tree's RSS in a thread; ``peak`` since the last ``reset``."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(self.interval)

    def reset(self) -> None:
        self.peak = _tree_rss(os.getpid())

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Timer:
    stages: list[tuple[str, float]] = field(default_factory=list)
    _last: tuple[str, float] | None = None

    def mark(self, name: str) -> None:
        now = time.perf_counter()
        if self._last:
            self.stages.append((self._last[0], now - self._last[1]))
        self._last = (name, now)

    def stop(self) -> None:
        self.mark("")
        self._last = None


@contextmanager
def timed(result: dict[str, Any], key: str, rss: PeakRSS) -> Iterator[None]:
    rss.reset()
    t0 = time.perf_counter()
    yield
    result[key] = {
        "seconds": round(time.perf_counter() - t0, 3),
        "peak_rss_mb": round(rss.peak / 2**20),
        "load_avg_1min_after": round(os.getloadavg()[0], 1),
    }


# ---------------------------------------------------------------- the run


def run(
    n: int,
    texts: Sequence[Path],
    workers: int | None,
    batch_size: int,
    work: Path,
    say: Callable[[str], None],
    warm: bool = True,
    bare: bool = True,
    render: bool = True,
) -> dict[str, Any]:
    import spacy

    from briefgen import pipeline
    from briefgen.config import DEFAULT_SECTIONS, BriefConfig, CacheConfig, NLPConfig
    from briefgen.ingest import load_articles
    from briefgen.nlp.load import analysis_pipeline, resolve_workers

    # a brief, not a dump: the timeline and positions are capped as an editor would
    limits = {"timeline": 40, "positions": 30}

    bases = read_bases(texts)
    corpus = work / "corpus"
    words_all = make_corpus(bases, n, corpus)
    cfg = BriefConfig(
        title="Benchmark brief",
        nlp=NLPConfig(batch_size=batch_size, n_process=workers),
        cache=CacheConfig(directory=work / "cache"),
        sections=[s.model_copy(update={"limit": limits.get(s.type, s.limit)}) for s in DEFAULT_SECTIONS],
    )
    cfg.path = work / "bench.yaml"
    kept = [a for a in load_articles([corpus]) if not a.duplicate_of]
    words = sum(len(a.text.split()) for a in kept)
    n_proc = resolve_workers(workers, len(kept))
    res: dict[str, Any] = {
        "articles": n,
        "kept_after_dedup": len(kept),
        "words_written": words_all,
        "words_kept": words,
        "base_articles": len(bases),
        "model": cfg.nlp.model,
        "excluded_components": list(cfg.nlp.exclude),
        "batch_size": batch_size,
        "n_process": n_proc,
        "section_limits": {s.type: s.limit for s in cfg.sections},
        "machine": machine(),
    }
    say(f"corpus: {n} articles, {len(kept)} kept after de-duplication, {words:,} words")
    with PeakRSS() as rss:
        if bare:
            nlp = spacy.load(cfg.nlp.model, exclude=list(cfg.nlp.exclude))
            texts_kept = [a.text for a in kept]
            say(f"(a) bare nlp.pipe, {n_proc} process(es), batch {batch_size}")
            with timed(res, "a_bare_pipe", rss):
                for _doc in nlp.pipe(texts_kept, batch_size=batch_size, n_process=n_proc):
                    pass
            del nlp, texts_kept
        analysis_pipeline(cfg.nlp.model, tuple(cfg.nlp.exclude))  # as (a): model load not timed
        say("(b) briefgen ingest + extract, cold cache")
        timer = Timer()
        with timed(res, "b_extract_cold", rss):
            ext = pipeline.extract(cfg, [str(corpus)], progress=timer.mark, workers=workers)
            timer.stop()
        res["b_extract_cold"]["stages"] = {k: round(v, 3) for k, v in timer.stages}
        if warm:
            say("(b) briefgen ingest + extract, warm cache")
            timer = Timer()
            with timed(res, "b_extract_warm", rss):
                ext2 = pipeline.extract(cfg, [str(corpus)], progress=timer.mark, workers=workers)
                timer.stop()
            res["b_extract_warm"]["stages"] = {k: round(v, 3) for k, v in timer.stages}
            res["warm_equals_cold"] = _same(ext, ext2)
            del ext2
        if render:
            out = work / "out"
            res["c_render"] = {}
            for fmt in ("html", "pdf", "docx"):
                say(f"(c) render {fmt}")
                with timed(res["c_render"], fmt, rss):
                    pipeline.render(ext, cfg, out, [fmt])
            res["c_render"]["total_seconds"] = round(
                sum(v["seconds"] for v in res["c_render"].values()), 3
            )
        res["peak_rss_mb_main_process"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
    _ratios(res)
    return res


def _same(a: Any, b: Any) -> bool:
    from briefgen.contract import dumps

    x, y = json.loads(dumps(a)), json.loads(dumps(b))
    x.pop("generated_at"), y.pop("generated_at")
    return x == y


def _ratios(res: dict[str, Any]) -> None:
    w = res["words_kept"]
    cold = res["b_extract_cold"]["seconds"]
    res["b_words_per_s"] = round(w / cold)
    if "a_bare_pipe" in res:
        a = res["a_bare_pipe"]["seconds"]
        res["a_words_per_s"] = round(w / a)
        res["ratio_b_over_a"] = round(cold / a, 3)
    if "b_extract_warm" in res:
        res["ratio_warm_over_cold"] = round(res["b_extract_warm"]["seconds"] / cold, 3)


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            model = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
            mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return f"{cpus} CPUs ({model}){mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}{load}"


def report(res: dict[str, Any]) -> str:
    lines = [
        f"machine: {res['machine']}",
        f"corpus: {res['articles']} articles ({res['kept_after_dedup']} kept after de-duplication), "
        f"{res['words_kept']:,} words; model {res['model']} without {', '.join(res['excluded_components'])}; "
        f"batch {res['batch_size']}, {res['n_process']} process(es)",
        "section limits: " + ", ".join(f"{k} {v or 'all'}" for k, v in res["section_limits"].items()),
    ]
    if "a_bare_pipe" in res:
        a = res["a_bare_pipe"]
        lines.append(f"(a) bare nlp.pipe        {a['seconds']:8.1f} s  {res['a_words_per_s']:7,} words/s  peak RSS {a['peak_rss_mb']:5} MB  load {a['load_avg_1min_after']}")
    b = res["b_extract_cold"]
    lines.append(f"(b) ingest+extract, cold {b['seconds']:8.1f} s  {res['b_words_per_s']:7,} words/s  peak RSS {b['peak_rss_mb']:5} MB  load {b['load_avg_1min_after']}")
    for stage, sec in b["stages"].items():
        lines.append(f"      {stage:<40} {sec:8.2f} s")
    if "b_extract_warm" in res:
        w = res["b_extract_warm"]
        lines.append(f"(b) ingest+extract, warm {w['seconds']:8.1f} s  same output as cold: {res['warm_equals_cold']}  peak RSS {w['peak_rss_mb']:5} MB")
        for stage, sec in w["stages"].items():
            lines.append(f"      {stage:<40} {sec:8.2f} s")
    if "c_render" in res:
        c = res["c_render"]
        parts = ", ".join(f"{k} {v['seconds']:.2f} s" for k, v in c.items() if isinstance(v, dict))
        lines.append(f"(c) render               {c['total_seconds']:8.2f} s  ({parts})")
    if "ratio_b_over_a" in res:
        lines.append(f"ratio b/a (cold)         {res['ratio_b_over_a']:.3f}   (target <= 1.25)")
    if "ratio_warm_over_cold" in res:
        lines.append(f"warm / cold              {res['ratio_warm_over_cold']:.3f}   (target <= 0.10)")
    peaks = [v["peak_rss_mb"] for k, v in res.items() if isinstance(v, dict) and "peak_rss_mb" in v]
    peaks += [v["peak_rss_mb"] for v in res.get("c_render", {}).values() if isinstance(v, dict)]
    lines.append(f"peak RSS, process tree   {max(peaks):5} MB (main process alone {res['peak_rss_mb_main_process']} MB; target < 1500)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m briefgen.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1000)")
    ap.add_argument("--texts", type=Path, action="append", default=[],
                    help="a folder of real .txt articles to draw from (repeatable), e.g. Timeline17's data/")
    ap.add_argument("--workers", type=int, default=None, help="NLP processes (default: CPU count, up to 4)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-bare", action="store_true", help="skip (a), the bare nlp.pipe")
    ap.add_argument("--no-warm", action="store_true", help="skip the warm re-run")
    ap.add_argument("--no-render", action="store_true", help="skip (c), rendering")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--keep", type=Path, help="keep the corpus, cache and brief in this folder")
    args = ap.parse_args(argv)
    for t in args.texts:
        if not t.is_dir():
            print(f"error: --texts {t}: no such folder", file=sys.stderr)
            return 2
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    if args.keep and work.exists():
        shutil.rmtree(work / "cache", ignore_errors=True)
        shutil.rmtree(work / "corpus", ignore_errors=True)
    try:
        res = run(
            args.n, args.texts, args.workers, args.batch_size, work,
            say=lambda m: print(f"[{time.strftime('%H:%M:%S')}] {m}", file=sys.stderr, flush=True),
            warm=not args.no_warm, bare=not args.no_bare, render=not args.no_render,
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(report(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
