"""Build a brief end to end for every Timeline17 topic and the H1N1 dev set, and measure.

    python scripts/sweep.py                       # every topic, all formats, no cache
    python scripts/sweep.py --only H1N1_bbc,MJ_bbc --formats html,json
    python scripts/sweep.py --json sweep.jsonl    # one JSON record per topic as well
    python scripts/sweep.py --cache               # reuse the NLP cache (faster when warm)

Each corpus is built by ``python -m briefgen build`` in its own process with a config
written to a scratch folder (outputs there too).  Per corpus it reports the documents
in the extraction, the wall time, the peak resident memory of the whole process tree
(the main process and its NLP workers, sampled every 0.2 s), the warnings logged, and
whether the build crashed (exit code not 0; the last line of its error output is
shown).  Each corpus's error output is kept in ``<scratch>/<corpus>/stderr.log``.  Not a test: it reads /work/shared data and takes minutes per topic.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("BRIEFGEN_BENCH", "/work/shared/bench"))
EVAL = Path(os.environ.get("BRIEFGEN_EVAL", "/work/shared/eval"))


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_rss_mb: float
    stderr: str


def run_measured(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    interval: float = 0.2,
) -> Measured:
    """Run ``cmd``; its exit code, wall time, the peak summed RSS of its process tree,
    and its error output."""
    import psutil

    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                procs = [root, *root.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(interval)
        seconds = time.monotonic() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Measured(proc.returncode, seconds, peak / 1024 / 1024, text)


@dataclass
class Row:
    corpus: str
    files: int
    documents: int | None
    seconds: float
    peak_rss_mb: float
    warnings: int
    crashed: bool
    error: str


def corpora(only: list[str] | None) -> list[tuple[str, Path]]:
    found = []
    t17 = BENCH / "timeline17" / "data"
    for topic in sorted(p for p in t17.iterdir() if p.is_dir()) if t17.is_dir() else []:
        found.append((topic.name, topic / "InputDocs"))
    h1n1 = EVAL / "h1n1" / "corpus"
    if h1n1.is_dir():
        found.append(("h1n1-dev", h1n1))
    if not only:
        return found
    by_name = dict(found)
    return [(n, by_name[n]) for n in only if n in by_name]  # in the order given


def build_one(
    name: str, docs: Path, scratch: Path, formats: str, workers: int | None, use_cache: bool = False
) -> Row:
    folder = scratch / name
    folder.mkdir(parents=True, exist_ok=True)
    cfg = folder / "brief.yaml"
    cfg.write_text(
        json.dumps({"title": name, "sources": [str(docs)], "outputs": {"directory": "out"}}),
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "briefgen", "build", "--config", str(cfg), "--format", formats]
    if not use_cache:
        cmd.append("--no-cache")
    if workers:
        cmd += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    m = run_measured(cmd, cwd=ROOT, env=env)
    (folder / "stderr.log").write_text(m.stderr, encoding="utf-8")  # the warnings, to read later
    lines = m.stderr.splitlines()
    documents = None
    ext = folder / "out" / "extraction.json"
    if m.returncode == 0 and ext.is_file():
        documents = len(json.loads(ext.read_text(encoding="utf-8"))["documents"])
    files = sum(1 for p in docs.rglob("*") if p.is_file())
    error = ""
    if m.returncode != 0:
        error = next((ln for ln in reversed(lines) if ln.strip()), "")[:300]
    return Row(
        corpus=name,
        files=files,
        documents=documents,
        seconds=round(m.seconds, 1),
        peak_rss_mb=round(m.peak_rss_mb),
        warnings=sum(1 for ln in lines if ln.startswith("WARNING")),
        crashed=m.returncode != 0,
        error=error,
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--only", help="comma-separated corpus names (folder names, or h1n1-dev), run in this order"
    )
    ap.add_argument("--formats", default="pdf,docx,html,json")
    ap.add_argument("--workers", type=int, default=None, help="NLP worker processes (-j)")
    ap.add_argument(
        "--cache",
        action="store_true",
        help="use the NLP cache (default: --no-cache, so every document is parsed)",
    )
    ap.add_argument("--scratch", type=Path, default=None, help="keep configs and outputs here")
    ap.add_argument("--json", type=Path, default=None, help="append one JSON record per corpus")
    args = ap.parse_args()
    only = args.only.split(",") if args.only else None
    todo = corpora(only)
    if not todo:
        sys.exit(f"no corpus found under {BENCH} or {EVAL}")
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="briefgen-sweep-"))
    print(
        f"{'corpus':<24} {'files':>6} {'docs':>6} {'time s':>8} {'peak MB':>8} {'warn':>5}  crash"
    )
    crashes = 0
    for name, docs in todo:
        row = build_one(name, docs, scratch, args.formats, args.workers, args.cache)
        crashes += row.crashed
        print(
            f"{row.corpus:<24} {row.files:>6} {row.documents if row.documents is not None else '-':>6} "
            f"{row.seconds:>8.1f} {row.peak_rss_mb:>8.0f} {row.warnings:>5}  "
            f"{'CRASH: ' + row.error if row.crashed else 'no'}",
            flush=True,
        )
        if args.json:
            with args.json.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(asdict(row)) + "\n")
    print(f"{len(todo)} corpora, {crashes} crashed; outputs in {scratch}")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
