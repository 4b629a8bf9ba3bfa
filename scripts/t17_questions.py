#!/usr/bin/env python3
"""Run the extraction on one Timeline17 topic folder and print its open questions and summary.

Usage:  .venv/bin/python scripts/t17_questions.py /path/to/timeline17/data/H1N1_guardian [-o out.json]

Timeline17 keeps each article under ``InputDocs/<YYYY-MM-DD>/<id>.htm.txt``.  The script
copies the articles to a temporary flat folder with a ``sources.yaml`` that gives each one
its publication date (the folder name), runs ``briefgen`` with the default config, and prints
the open questions and the summary with their evidence, for an analyst to read and judge.
Nothing is written into the benchmark folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from briefgen import pipeline
from briefgen.config import load_config
from briefgen.contract import dumps

ROOT = Path(__file__).resolve().parent.parent


def flatten(topic: Path, dst: Path) -> int:
    """Copy InputDocs/<date>/<id>.htm.txt to dst/<date>_<id>.txt with a dated sources.yaml."""
    meta: dict[str, dict[str, str]] = {}
    for path in sorted((topic / "InputDocs").glob("*/*.txt")):
        name = f"{path.parent.name}_{path.name.removesuffix('.htm.txt')}.txt"
        shutil.copyfile(path, dst / name)
        meta[name] = {"date": path.parent.name}
    (dst / "sources.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return len(meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topic", type=Path, help="a Timeline17 topic folder (with InputDocs/)")
    ap.add_argument("-o", "--out", type=Path, help="also write the extraction JSON here")
    args = ap.parse_args(argv)
    if not (args.topic / "InputDocs").is_dir():
        print(
            f"{args.topic}: no InputDocs/ folder; give a Timeline17 topic folder", file=sys.stderr
        )
        return 2
    cfg = load_config(ROOT / "config" / "brief.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        n = flatten(args.topic, Path(tmp))
        ext = pipeline.extract(cfg, [tmp])
    if args.out:
        args.out.write_text(dumps(ext), encoding="utf-8")
    print(
        f"{args.topic.name}: {n} articles, {len(ext.open_questions)} questions, {len(ext.summary)} summary items\n"
    )
    for k, q in enumerate(ext.open_questions, 1):
        print(f"Q{k} [{len(q.sources)} src] {q.text}")
        for e in q.evidence[:2]:
            print(f"      {e.doc}: {e.sentence[:200]}")
    print()
    for k, s in enumerate(ext.summary, 1):
        print(f"S{k} [{len(s.sources)} src] {s.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
