#!/usr/bin/env python3
"""Score briefgen's timeline against Timeline17 journalists' gold timelines.

Two steps, so the scorer can live in its own environment (``tilse`` pins old packages):

  python scripts/eval_tl17.py generate T17_DATA_DIR [--topics A,B] [--out DIR] [--reuse]
                                       [--max-docs N]
  python scripts/eval_tl17.py score    T17_DATA_DIR [--topics A,B] [--out DIR]
                                       [--scorer BENCH_TOOLS/tl_score.py]

``generate`` reads each ``<topic>_<outlet>/InputDocs/<YYYY-MM-DD>/*.txt`` through
briefgen's ingest, as ``briefgen build`` would (page furniture and reader comments
removed, duplicates marked), with its folder date as the document date and the outlet as
its publisher; then it runs the NLP (through briefgen's cache) and
``briefgen.extract.timeline.combine``, and writes two timelines per folder:

* ``<folder>.standard.json``: the standard TLS setting, as many key dates as the gold
  timeline has (mean over the folder's gold timelines), one sentence per date;
* ``<folder>.product.json``: the key timeline at its own, automatic length.

``score`` prints, per folder and averaged:

* standard: date F1, concat and agreement ROUGE-1/2 against the folder's gold timelines;
* product: the same for the automatic key timeline;
* journalist agreement (topics with several outlets): each outlet's gold timeline
  against each other outlet's over the window both cover, and the key timeline of the
  first outlet's corpus against the second's gold timeline over the same window.

ROUGE comes from ``tilse`` (Martschat & Markert's package, the field's standard) when it
imports, with its ROUGE re-implementation (Porter stemming; no stop-word list, which
ships with the Perl ROUGE that is not installed); else from the benchmark's
``tl_score.py`` (``--scorer``), whose tokenisation differs.  The script says which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import pickle
import re
import sys
import types
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

MULTI_OUTLET = {"H1N1": ["bbc", "guardian", "reuters"], "LibyaWar": ["cnn", "reuters"],
                "SyrianCrisis": ["bbc", "reuters"]}

Timeline = dict[str, str]  # date -> text


def read_topic(topic: Path) -> list[Any]:
    """The folder's articles as ``briefgen build`` reads them (the product's ingest:
    page furniture and reader comments removed, duplicates marked), each dated by its
    date folder and attributed to the folder's outlet, as a sidecar file would."""
    from dataclasses import replace

    from briefgen.ingest.loader import load_articles

    arts = []
    for a in load_articles([topic / "InputDocs"]):
        folder = Path(a.path).parent.name
        if _is_date(folder):
            arts.append(replace(a, date=dt.date.fromisoformat(folder), date_source="metadata",
                                publisher=topic.name.split("_")[-1]))
    return arts


def _is_date(name: str) -> bool:
    try:
        dt.date.fromisoformat(name)
    except ValueError:
        return False
    return True


def count_docs(topic: Path) -> int:
    """How many articles the folder holds (those :func:`read_topic` reads)."""
    return sum(1 for p in (topic / "InputDocs").glob("*/*") if _is_date(p.parent.name))


def read_gold(path: Path) -> Timeline:
    tl: dict[str, list[str]] = defaultdict(list)
    date = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        s = line.strip()
        if re.fullmatch(r"-{5,}", s):
            date = None
        elif date is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            date = s
        elif s and date:
            tl[date].append(s)
    return {d: " ".join(v) for d, v in tl.items()}


def golds(topic: Path) -> list[Timeline]:
    return [read_gold(g) for g in sorted((topic / "timelines").glob("*.txt"))]


def as_timeline(events: list[Any]) -> list[dict[str, str]]:
    by_date: dict[str, list[str]] = defaultdict(list)
    for e in events:
        if e.key and e.precision == "day":
            by_date[e.date].append(e.text)
    return [{"date": d, "text": " ".join(t)} for d, t in sorted(by_date.items())]


def sample(arts: list[Any], n: int | None) -> list[Any]:
    """At most ``n`` articles spread evenly over the date-sorted list (all when None)."""
    if n is None or len(arts) <= n:
        return arts
    step = len(arts) / n
    return [arts[int(i * step)] for i in range(n)]


def generate(topic: Path, out: Path, workers: int, reuse: bool = False, max_docs: int | None = None) -> None:
    from briefgen.config import BriefConfig
    from briefgen.extract import timeline
    from briefgen.pipeline import analyse

    # the timeline's per-document facts are kept beside the output, so the corpus half
    # (key selection) can be re-run without the NLP: ``--reuse``
    saved = out / f"{topic.name}.facts.pickle"
    meta = out / f"{topic.name}.meta.json"
    if reuse and saved.is_file():
        arts, pairs = pickle.loads(saved.read_bytes())
    else:
        read = read_topic(topic)
        arts = sample(read, max_docs)
        facts = analyse(BriefConfig(), arts, workers=workers)
        pairs = [(a, f.timeline) for a, f in zip(arts, facts)]
        saved.write_bytes(pickle.dumps((arts, pairs)))
        meta.write_text(json.dumps({"documents": len(arts), "in_folder": count_docs(topic),
                                    "sampled": len(arts) < len(read)}), encoding="utf-8")
    whole = count_docs(topic)
    gs = golds(topic)
    n = round(sum(len(g) for g in gs) / max(len(gs), 1))
    standard = as_timeline(timeline.combine(pairs, key_dates=n))
    product = as_timeline(timeline.combine(pairs))
    for name, tl in (("standard", standard), ("product", product)):
        (out / f"{topic.name}.{name}.json").write_text(json.dumps({"timeline": tl}, indent=1, ensure_ascii=False),
                                                       encoding="utf-8")
    print(f"== {topic.name}: {len(arts)} of {whole} documents; standard {len(standard)} dates (gold {n}); "
          f"product {len(product)} dates", flush=True)


# ---- scoring ---------------------------------------------------------------------------------


def load_pred(path: Path) -> Timeline:
    tl: dict[str, list[str]] = defaultdict(list)
    for it in json.loads(path.read_text(encoding="utf-8"))["timeline"]:
        tl[it["date"][:10]].append(it["text"])
    return {d: " ".join(v) for d, v in tl.items()}


def date_f1(pred: Timeline, gold: Timeline) -> float:
    both = len(set(pred) & set(gold))
    p = both / len(pred) if pred else 0.0
    r = both / len(gold) if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def make_rouge(scorer: Path | None) -> tuple[str, Callable[[Timeline, Timeline], dict[str, float]]]:
    """(name, score(pred, gold) → {concat_R1, concat_R2, agree_R1, agree_R2}) from tilse,
    else from tl_score.py (ROUGE-1 only)."""
    try:
        sys.modules.setdefault("pyrouge", types.ModuleType("pyrouge"))  # imported, unused by the re-implementation
        from tilse.data.timelines import GroundTruth
        from tilse.data.timelines import Timeline as TTimeline
        from tilse.evaluation import rouge

        ev = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
        ev.rouge = rouge.RougeReimplementation(stem=True, ignore_stopwords=False)

        def tl_of(t: Timeline) -> Any:
            return TTimeline({dt.date.fromisoformat(d): [s] for d, s in t.items()})

        def score(pred: Timeline, gold: Timeline) -> dict[str, float]:
            if not pred or not gold:
                return {"concat_R1": 0.0, "concat_R2": 0.0, "agree_R1": 0.0, "agree_R2": 0.0}
            gt = GroundTruth([tl_of(gold)])
            c = ev.evaluate_concat(tl_of(pred), gt)
            a = ev.evaluate_agreement(tl_of(pred), gt)
            return {"concat_R1": c["rouge_1"]["f_score"], "concat_R2": c["rouge_2"]["f_score"],
                    "agree_R1": a["rouge_1"]["f_score"], "agree_R2": a["rouge_2"]["f_score"]}

        return "tilse 0.2.1 (ROUGE re-implementation, stemmed, no stop-word list)", score
    except ImportError:
        if scorer is None or not scorer.is_file():
            sys.exit("error: tilse is not installed; give --scorer BENCH_TOOLS/tl_score.py")
        spec = importlib.util.spec_from_file_location("tl_score", scorer)
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)

        def score_tl(pred: Timeline, gold: Timeline) -> dict[str, float]:
            r = mod.score(pred, gold)
            return {"concat_R1": r["concat_R1"][2], "agree_R1": r["agreement_R1"][2]}

        return "tl_score.py (benchmark scorer: plain lowercase tokens, ROUGE-1 only)", score_tl


def within(t: Timeline, lo: str, hi: str) -> Timeline:
    return {d: s for d, s in t.items() if lo <= d <= hi}


def mean(rows: list[dict[str, float]]) -> dict[str, float]:
    keys = rows[0].keys() if rows else []
    return {k: sum(r[k] for r in rows) / len(rows) for k in keys}


def fmt(r: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.3f}" for k, v in r.items())


def corpora(topics: list[Path], out: Path) -> str:
    """Which folders' timelines were generated from all their articles (``generate`` writes
    ``<folder>.meta.json``; a ``--max-docs`` run is not the standard setting)."""
    whole: list[str] = []
    cut: list[str] = []
    unknown: list[str] = []
    for topic in topics:
        meta = out / f"{topic.name}.meta.json"
        if not meta.is_file():
            unknown.append(topic.name)
            continue
        m = json.loads(meta.read_text(encoding="utf-8"))
        (cut if m.get("sampled", m["documents"] < m["in_folder"]) else whole).append(f"{topic.name} {m['documents']}/{m['in_folder']}")
    parts = [f"{len(whole)} folders whole"]
    if cut:
        parts.append(f"{len(cut)} subsampled ({', '.join(cut)})")
    if unknown:
        parts.append(f"{len(unknown)} without a record of their size ({', '.join(unknown)})")
    return "corpora: " + "; ".join(parts)


def score_all(data: Path, topics: list[Path], out: Path, scorer: Path | None) -> None:
    name, rouge = make_rouge(scorer)
    print(f"scorer: {name}")
    print(corpora(topics, out))
    for setting in ("standard", "product"):
        rows = []
        for topic in topics:
            pred_path = out / f"{topic.name}.{setting}.json"
            if not pred_path.is_file():
                continue
            pred = load_pred(pred_path)
            per = [{"date_F1": date_f1(pred, g), **rouge(pred, g)} for g in golds(topic)]
            r = mean(per)
            r["dates"] = len(pred)
            rows.append(r)
            print(f"{setting:9s} {topic.name:22s} {fmt(r)}")
        if rows:
            print(f"{setting:9s} {'MEAN (' + str(len(rows)) + ')':22s} {fmt(mean(rows))}")
            print(f"{setting:9s} {'MIN':22s} {fmt({k: min(r[k] for r in rows) for k in rows[0]})}")
    journalists, ours = [], []
    for base, outlets in MULTI_OUTLET.items():
        for a in outlets:
            for b in outlets:
                ta, tb = data / f"{base}_{a}", data / f"{base}_{b}"
                pred_path = out / f"{ta.name}.product.json"
                if a == b or not (ta.is_dir() and tb.is_dir() and pred_path.is_file()):
                    continue
                pred = load_pred(pred_path)
                for ga in golds(ta):
                    for gb in golds(tb):
                        lo, hi = max(min(ga), min(gb)), min(max(ga), max(gb))
                        if lo > hi:
                            continue
                        wa, wb = within(ga, lo, hi), within(gb, lo, hi)
                        journalists.append({"date_F1": date_f1(wa, wb), **rouge(wa, wb)})
                        wp = within(pred, lo, hi)
                        ours.append({"date_F1": date_f1(wp, wb), **rouge(wp, wb)})
    if journalists:
        print(f"agreement journalists vs journalists ({len(journalists)} pairs) {fmt(mean(journalists))}")
        print(f"agreement key timeline vs journalists ({len(ours)} pairs) {fmt(mean(ours))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["generate", "score"])
    ap.add_argument("data", type=Path, help="the Timeline17 data folder (topic folders inside)")
    ap.add_argument("--topics", help="comma-separated topic folders (default: all)")
    ap.add_argument("--out", type=Path, default=Path("out/tl17"), help="where the timelines are written")
    ap.add_argument("--scorer", type=Path, help="the benchmark's tl_score.py (used when tilse is missing)")
    ap.add_argument("--workers", type=int, default=1, help="NLP worker processes")
    ap.add_argument("--reuse", action="store_true", help="generate: reuse the facts a previous run saved")
    ap.add_argument("--max-docs", type=int, help="generate: at most this many articles per folder, spread "
                    "evenly over the dates (a cheaper, non-standard run; the output says so)")
    a = ap.parse_args()
    if not a.data.is_dir():
        sys.exit(f"error: {a.data} is not a folder; give the Timeline17 data folder")
    topics = ([a.data / t for t in a.topics.split(",")] if a.topics
              else sorted(p for p in a.data.iterdir() if p.is_dir()))
    missing = [t.name for t in topics if not t.is_dir()]
    if missing:
        sys.exit(f"error: no such topic folder: {', '.join(missing)}")
    a.out.mkdir(parents=True, exist_ok=True)
    if a.step == "generate":
        for topic in topics:
            generate(topic, a.out, a.workers, a.reuse, a.max_docs)
    else:
        score_all(a.data, topics, a.out, a.scorer)


if __name__ == "__main__":
    main()
