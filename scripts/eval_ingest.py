"""Measure ingestion on public corpora: document dates, duplicates and speed.

    python scripts/eval_ingest.py tempeval DIR [DIR...]   # TimeML .tml files with a DCT
    python scripts/eval_ingest.py timeline17 DIR          # Timeline17 data/ folder

``tempeval``: the text of each TimeML document (its TEXT section, tags stripped) goes
through ``date_from_text``; the found date is compared with the document creation
time (DCT).  Prints coverage (share of documents dated) and precision (share of found
dates equal to the DCT): a wrong date is worse than none.

``timeline17``: every article under ``*/InputDocs/<YYYY-MM-DD>/`` is ingested with
``load_articles``; prints files/s, the dates found against the folder's publication
date, and how many articles were marked duplicates (and of those, how many sit in
another date folder than their kept copy).

The corpora are read where they are; nothing is copied.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefgen.ingest import load_articles
from briefgen.ingest.docdate import date_from_text, parse_date

_DCT = re.compile(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})', re.DOTALL)
_DCT_ALT = re.compile(r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def tempeval(dirs: list[Path]) -> None:
    for folder in dirs:
        files = sorted(folder.rglob("*.tml"))
        found = right = risky = 0
        wrong: list[str] = []
        for f in files:
            raw = f.read_text(encoding="utf-8", errors="replace")
            m = _DCT.search(raw) or _DCT_ALT.search(raw)
            t = _TEXT.search(raw)
            if not m or not t:
                continue
            text = html.unescape(_TAG.sub("", t.group(1)))
            risky += parse_date(text) is not None
            got = date_from_text(text)
            if got is None:
                continue
            found += 1
            if got.isoformat() == m.group(1):
                right += 1
            else:
                wrong.append(f"{f.name}: found {got}, DCT {m.group(1)}")
        n = len(files)
        print(
            f"{folder}: {n} docs; dated {found} ({found / n:.1%} coverage); "
            f"right {right} ({right / found if found else 0:.1%} precision); wrong {len(wrong)}; "
            f"{risky} docs have a full date somewhere in the text"
        )
        for w in wrong[:10]:
            print("   ", w)


def timeline17(root: Path, show: int = 0) -> None:
    files = sorted(root.glob("*/InputDocs/*/*"))
    folders = sorted(root.glob("*/InputDocs"))
    t0, c0 = time.perf_counter(), time.process_time()
    articles = load_articles(folders)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{root}: {len(files)} files, {len(articles)} documents read")
    print(
        f"ingest: {secs:.1f}s wall = {len(files) / secs:.0f} files/s; {cpu:.1f}s CPU = {len(files) / cpu:.0f} files/CPU s"
    )
    folder_date = {a.id: Path(a.path).parent.name for a in articles}
    topic = {a.id: Path(a.path).parent.parent.parent.name for a in articles}
    dated = [a for a in articles if a.date]
    right = sum(1 for a in dated if a.date and a.date.isoformat() == folder_date[a.id])
    print(
        f"dates from text: {len(dated)} of {len(articles)} dated ({len(dated) / len(articles):.1%}); "
        f"{right} equal the folder date ({right / len(dated) if dated else 0:.1%} precision)"
    )
    for a in [a for a in dated if a.date and a.date.isoformat() != folder_date[a.id]][:show]:
        print(f"  wrong: {a.path}: {a.date}")
    dups = [a for a in articles if a.duplicate_of]
    cross = sum(1 for a in dups if folder_date[a.id] != folder_date[a.duplicate_of or ""])
    topics = Counter(topic[a.id] for a in dups)
    print(f"duplicates marked: {len(dups)}; in another date folder than the kept copy: {cross}")
    print("  by topic:", ", ".join(f"{k} {v}" for k, v in sorted(topics.items())))
    path_of = {a.id: a.path for a in articles}
    for a in dups[:show]:
        print(f"  {a.path}  ->  {path_of[a.duplicate_of or '']}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", choices=["tempeval", "timeline17"])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument(
        "--show", type=int, default=0, help="timeline17: list this many duplicate pairs"
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.corpus == "tempeval":
        tempeval(args.paths)
    else:
        timeline17(args.paths[0], args.show)


if __name__ == "__main__":
    main()
