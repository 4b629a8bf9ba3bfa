"""Run the weekly brief week by week over a dated corpus and report what each week cost.

Usage:
    python scripts/weekly_bench.py TOPIC_DIR WORK_DIR [--formats html,json] [--lookback 4]

TOPIC_DIR is a Timeline17-style folder: ``InputDocs/<YYYY-MM-DD>/<id>.txt`` (the date of
each article is its folder name).  The articles are copied into WORK_DIR/corpus with a
``sources.yaml`` that records those dates; nothing is written into the repository.

For every ISO week from the first article to the last, it runs ``run_weekly`` (a build),
then runs it again (which should be a no-op), and prints per week: articles in the week
and in the look-back, build seconds, no-op seconds, actors, new actors, events, new
events.  It also writes WORK_DIR/weekly_timeline.json, the union of the weekly
timelines' day-precision events dated inside their own week, in the format
``tl_score.py`` reads, so the weekly split can be scored against gold timelines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import time
from pathlib import Path

from briefgen.config import load_config
from briefgen.weekly.run import run_weekly
from briefgen.weekly.window import week_of

DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def build_corpus(topic: Path, corpus: Path) -> list[dt.date]:
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    meta, dates = {}, []
    for day_dir in sorted((topic / "InputDocs").iterdir()):
        if not (day_dir.is_dir() and DATE_DIR.match(day_dir.name)):
            continue
        day = dt.date.fromisoformat(day_dir.name)
        for f in sorted(day_dir.iterdir()):
            if not f.is_file():
                continue
            name = f"{day_dir.name}_{f.name.split('.')[0]}.txt"
            shutil.copyfile(f, corpus / name)
            meta[name] = {"date": day_dir.name, "publisher": topic.name}
            dates.append(day)
    (corpus / "sources.yaml").write_text(json.dumps(meta), encoding="utf-8")
    return dates


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topic", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--formats", default="html,json")
    ap.add_argument("--lookback", type=int, default=4)
    args = ap.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    dates = build_corpus(args.topic, args.work / "corpus")
    if not dates:
        print(f"{args.topic}: no InputDocs/<YYYY-MM-DD>/ folders", file=sys.stderr)
        return 2
    out = args.work / "out"
    if out.exists():
        shutil.rmtree(out)
    config = args.work / "weekly.yaml"
    config.write_text(
        f"title: {args.topic.name}\nsources: [corpus]\n"
        f"outputs: {{formats: [{args.formats}], directory: out}}\n"
        f"weekly: {{name: bench, timezone: UTC, lookback_weeks: {args.lookback}}}\n",
        encoding="utf-8",
    )
    cfg = load_config(config)
    week, last = week_of(min(dates)), week_of(max(dates))
    print(
        f"{args.topic.name}: {len(dates)} articles, {week.label} to {last.label}, "
        f"look-back {args.lookback} weeks, formats {args.formats}"
    )
    print(
        f"{'week':9} {'docs':>4} {'ctx':>4} {'build_s':>8} {'noop_s':>7} "
        f"{'actors':>6} {'new':>4} {'events':>6} {'new':>4}"
    )
    union: list[dict[str, str]] = []
    totals = {"build": 0.0, "noop": 0.0, "docs": 0}
    while (week.year, week.week) <= (last.year, last.week):
        t = time.perf_counter()
        res = run_weekly(cfg, week)
        build = time.perf_counter() - t
        t = time.perf_counter()
        again = run_weekly(cfg, week)
        noop = time.perf_counter() - t
        assert again.status == "up-to-date", again.status
        manifest = json.loads((res.week_dir / "manifest.json").read_text())
        ctx = sum(1 for i in manifest["inputs"] if i["role"] == "context")
        actors = events = new_a = new_e = 0
        ext_path = res.week_dir / cfg.outputs.extraction_filename
        if ext_path.is_file():
            ext = json.loads(ext_path.read_text())
            actors, events = len(ext["actors"]), len(ext["timeline"])
            new_a = sum(1 for a in ext["actors"] if a.get("new"))
            new_e = sum(1 for e in ext["timeline"] if e.get("new"))
            for e in ext["timeline"]:
                if e["precision"] == "day" and str(week.start) <= e["date"] <= str(week.end):
                    union.append({"date": e["date"], "text": e["text"]})
        print(
            f"{week.label:9} {res.documents:4d} {ctx:4d} {build:8.2f} {noop:7.2f} "
            f"{actors:6d} {new_a:4d} {events:6d} {new_e:4d}  {res.status}"
        )
        totals["build"] += build
        totals["noop"] += noop
        totals["docs"] += res.documents
        week = week.shift(1)
    print(
        f"total: {totals['docs']} articles, build {totals['build']:.1f} s, "
        f"no-op reruns {totals['noop']:.2f} s"
    )
    target = args.work / "weekly_timeline.json"
    target.write_text(json.dumps({"timeline": union}, indent=1), encoding="utf-8")
    print(f"wrote {target} ({len(union)} in-week day-precision events)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
