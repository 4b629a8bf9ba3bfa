"""Benchmark: how far briefgen is above the spaCy floor.  Not a test.

    python -m briefgen.bench [--n 1000] [--texts DIR ...] [--workers N] [--json out.json]

It writes a corpus of N real articles (the seeds, plus every ``*.txt`` under each
``--texts`` folder; more are made by splicing thirds of different articles and
shifting their dates, so that de-duplication keeps them), then, in one run, times:

  (a) a bare ``nlp.pipe`` over the kept texts: same model, components, batch size and
      process count as briefgen;
  (b) briefgen's ingest + extract, cold (empty NLP cache) and warm (cache hit);
  (c) rendering the brief to PDF, DOCX and HTML.

It prints words/s, the ratio b/a, the wall and CPU time per stage (CPU time: this
process and its NLP workers; on a shared machine it moves less with the load than wall
time) and the peak memory of the process tree, sampled 5 times a second: PSS summed
over this process and its workers (each shared page divided among its users) and RSS
summed (shared pages counted once per process: an upper bound).
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
    for a, b in (
        ("-LRB-", "("),
        ("-RRB-", ")"),
        ("-LSB-", "["),
        ("-RSB-", "]"),
        ("``", '"'),
        ("''", '"'),
    ):
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
            date = (
                base.date.replace(year=base.date.year + r)
                if base.date and not (base.date.month == 2 and base.date.day == 29)
                else base.date
            )
        name = f"{k:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        if date:
            meta[name] = {"date": date.isoformat()}
        words += len(text.split())
    (folder / "sources.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return words


# ---------------------------------------------------------------- measuring


def _tree_pids(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux /proc)."""
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process; PSS shares each shared page among its users."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


class PeakMemory:
    """Samples the process tree in a thread: peak summed PSS, peak summed RSS and the
    peak RSS of this process alone, since the last ``reset``."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.pss = self.rss = self.main_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        me = os.getpid()
        total_rss = total_pss = 0
        for p in _tree_pids(me):
            rss, pss = _memory(p)
            total_rss += rss
            total_pss += pss
            if p == me:
                self.main_rss = max(self.main_rss, rss)
        self.rss = max(self.rss, total_rss)
        self.pss = max(self.pss, total_pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def reset(self) -> None:
        self.pss = self.rss = self.main_rss = 0
        self.sample()

    def __enter__(self) -> PeakMemory:
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
def timed(result: dict[str, Any], key: str, mem: PeakMemory) -> Iterator[None]:
    """Wall time, CPU time (this process and its reaped children) and peak memory."""
    mem.reset()
    t0, c0 = time.perf_counter(), _cpu()
    yield
    mem.sample()
    result[key] = {
        "seconds": round(time.perf_counter() - t0, 3),
        "cpu_seconds": round(_cpu() - c0, 3),
        "peak_pss_mb": round(mem.pss / 2**20),
        "peak_rss_mb": round(mem.rss / 2**20),
        "peak_main_rss_mb": round(mem.main_rss / 2**20),
        "load_avg_1min_after": round(os.getloadavg()[0], 1),
    }


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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
        sections=[
            s.model_copy(update={"limit": limits.get(s.type, s.limit)}) for s in DEFAULT_SECTIONS
        ],
    )
    cfg.path = work / "bench.yaml"
    kept = [a for a in load_articles([corpus]) if not a.duplicate_of]
    words = sum(len(pipeline.cap_for_nlp(a, cfg.nlp.max_chars).text.split()) for a in kept)
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
    with PeakMemory() as rss:
        if bare:
            nlp = spacy.load(cfg.nlp.model, exclude=list(cfg.nlp.exclude))
            # the texts briefgen analyses: each cut at nlp.max_chars as briefgen cuts it
            texts_kept = [pipeline.cap_for_nlp(a, cfg.nlp.max_chars).text for a in kept]
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
    _ratios(res)
    return res


def _same(a: Any, b: Any) -> bool:
    from briefgen.contract import dumps

    x, y = json.loads(dumps(a)), json.loads(dumps(b))
    x.pop("generated_at"), y.pop("generated_at")
    return x == y


def _ratios(res: dict[str, Any]) -> None:
    w = res["words_kept"]
    cold = res["b_extract_cold"]
    res["b_words_per_s"] = round(w / cold["seconds"])
    if "a_bare_pipe" in res:
        a = res["a_bare_pipe"]
        res["a_words_per_s"] = round(w / a["seconds"])
        res["ratio_b_over_a"] = round(cold["seconds"] / a["seconds"], 3)
        res["ratio_b_over_a_cpu"] = round(cold["cpu_seconds"] / a["cpu_seconds"], 3)
    if "b_extract_warm" in res:
        warm = res["b_extract_warm"]
        res["ratio_warm_over_cold"] = round(warm["seconds"] / cold["seconds"], 3)
        res["ratio_warm_over_cold_cpu"] = round(warm["cpu_seconds"] / cold["cpu_seconds"], 3)
    # briefgen's own runs: (a) is the reference, not briefgen
    blocks = [
        v for k, v in res.items() if isinstance(v, dict) and "peak_pss_mb" in v and k != "a_bare_pipe"
    ]
    blocks += [v for v in res.get("c_render", {}).values() if isinstance(v, dict)]
    res["peak_pss_mb"] = max(v["peak_pss_mb"] for v in blocks)
    res["peak_rss_mb"] = max(v["peak_rss_mb"] for v in blocks)


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            model = next(
                (ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), ""
            )
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
            mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{cpus} CPUs ({model}){mem}, {system}{load}"


def _line(label: str, v: dict[str, Any], extra: str = "") -> str:
    return (
        f"{label:<26}{v['seconds']:8.1f} s wall {v['cpu_seconds']:8.1f} s CPU  "
        f"peak PSS {v['peak_pss_mb']:5} MB (RSS {v['peak_rss_mb']}, main {v['peak_main_rss_mb']})  "
        f"load {v['load_avg_1min_after']}{extra}"
    )


def report(res: dict[str, Any]) -> str:
    lines = [
        f"machine: {res['machine']}",
        (
            f"corpus: {res['articles']} articles ({res['kept_after_dedup']} kept after "
            f"de-duplication), {res['words_kept']:,} words; model {res['model']} without "
            f"{', '.join(res['excluded_components'])}; batch {res['batch_size']}, "
            f"{res['n_process']} process(es)"
        ),
        "section limits: "
        + ", ".join(f"{k} {v or 'all'}" for k, v in res["section_limits"].items()),
    ]
    if "a_bare_pipe" in res:
        lines.append(
            _line("(a) bare nlp.pipe", res["a_bare_pipe"], f"  {res['a_words_per_s']:,} words/s")
        )
    b = res["b_extract_cold"]
    lines.append(_line("(b) ingest+extract, cold", b, f"  {res['b_words_per_s']:,} words/s"))
    for stage, sec in b["stages"].items():
        lines.append(f"      {stage:<52} {sec:8.2f} s")
    if "b_extract_warm" in res:
        w = res["b_extract_warm"]
        lines.append(
            _line(
                "(b) ingest+extract, warm", w, f"  same output as cold: {res['warm_equals_cold']}"
            )
        )
        for stage, sec in w["stages"].items():
            lines.append(f"      {stage:<52} {sec:8.2f} s")
    if "c_render" in res:
        for fmt, v in res["c_render"].items():
            if isinstance(v, dict):
                lines.append(_line(f"(c) render {fmt}", v))
        lines.append(f"(c) render, all three     {res['c_render']['total_seconds']:8.2f} s wall")
    if "ratio_b_over_a" in res:
        lines.append(
            f"ratio b/a (cold)          {res['ratio_b_over_a']:.3f} wall, {res['ratio_b_over_a_cpu']:.3f} CPU   (target <= 1.25)"
        )
    if "ratio_warm_over_cold" in res:
        lines.append(
            f"warm / cold               {res['ratio_warm_over_cold']:.3f} wall, {res['ratio_warm_over_cold_cpu']:.3f} CPU   (target <= 0.10)"
        )
    lines.append(
        f"peak memory of (b) and (c), process tree {res['peak_pss_mb']:5} MB PSS, {res['peak_rss_mb']} MB RSS summed   (target < 1500)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m briefgen.bench", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1000)")
    ap.add_argument(
        "--texts",
        type=Path,
        action="append",
        default=[],
        help="a folder of real .txt articles to draw from (repeatable), e.g. Timeline17's data/",
    )
    ap.add_argument(
        "--workers", type=int, default=None, help="NLP processes (default: CPU count, up to 4)"
    )
    ap.add_argument("--batch-size", type=int, default=8)
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
            args.n,
            args.texts,
            args.workers,
            args.batch_size,
            work,
            say=lambda m: print(f"[{time.strftime('%H:%M:%S')}] {m}", file=sys.stderr, flush=True),
            warm=not args.no_warm,
            bare=not args.no_bare,
            render=not args.no_render,
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
