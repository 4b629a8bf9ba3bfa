"""Benchmark: a build over a folder of many one-line article files; peak memory and time.

    python scripts/bench_many_files.py                    # 100,000 files
    python scripts/bench_many_files.py --files 20000 --keep /tmp/many

Writes N one-line files (seeded, each a different sentence, modification times spread
over a year), then runs ``python -m briefgen build`` over them (no cache, HTML and JSON)
in its own process and prints the files, the documents in the extraction, wall time,
the peak resident memory of the process tree (main process and NLP workers) and the
warnings.  The issue's bound: under 4 GB peak for 100,000 files.  Not a test: the
numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sweep import ROOT, run_measured

SUBJECTS = ["The council", "The port authority", "The union", "The ministry", "A spokesperson",
            "The regulator", "The mayor", "The committee", "The board", "The agency"]
VERBS = ["said", "announced", "denied", "confirmed", "warned", "agreed", "proposed", "rejected"]
OBJECTS = ["the budget", "the new tariff", "the harbour plan", "the rail link", "the water levy",
           "the housing scheme", "the school merger", "the bridge repairs", "the fuel tax"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week"]


def write_corpus(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    base = 1_700_000_000
    for i in range(n):
        line = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(DAYS)} "
                f"after a vote of {rng.randint(3, 400)} to {rng.randint(3, 400)} in district {i}.")
        path = folder / f"{i:06d}.txt"
        path.write_text(line + "\n", encoding="utf-8")
        t = base + rng.randint(0, 365 * 86_400)
        os.utime(path, (t, t))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=None, help="NLP worker processes (-j)")
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    args = ap.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="briefgen-many-"))
    corpus = scratch / "corpus"
    if not corpus.is_dir() or sum(1 for _ in corpus.iterdir()) != args.files:
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, args.files)
    cfg = scratch / "brief.yaml"
    cfg.write_text(json.dumps({"title": "Many files", "sources": [str(corpus)],
                               "outputs": {"directory": "out"}}), encoding="utf-8")
    cmd = [sys.executable, "-m", "briefgen", "build", "--config", str(cfg), "--no-cache",
           "--format", "html,json"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    m = run_measured(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    ext = scratch / "out" / "extraction.json"
    docs = len(json.loads(ext.read_text(encoding="utf-8"))["documents"]) if ext.is_file() else None
    warnings = [ln for ln in m.stderr.splitlines() if ln.startswith("WARNING")]
    print(f"files {args.files}, documents {docs}, exit {m.returncode}, {m.seconds:.0f} s, "
          f"peak {m.peak_rss_mb:.0f} MB (process tree), {len(warnings)} warning(s)")
    for ln in warnings[:5]:
        print("  " + ln[:200])
    if m.returncode:
        print("  last error line: " + next((ln for ln in reversed(m.stderr.splitlines()) if ln.strip()), ""))
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
