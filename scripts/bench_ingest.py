"""Ingest benchmark: generate a corpus of article files, ingest it, print files/s.

    python scripts/bench_ingest.py                # 5,000 files, mixed formats
    python scripts/bench_ingest.py --files 500 --keep /tmp/corpus

The corpus is synthetic (seeded, so runs are comparable): plain text with page
furniture, Markdown with front matter, HTML pages, JSON records and RSS feeds, plus
planted exact and truncated copies.  Besides the speed it prints how many planted
copies were found, and whether any furniture line survived cleaning.  Not a test: the
numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefgen.ingest import load_articles

NOUNS = [
    "council",
    "ministry",
    "harbour",
    "budget",
    "committee",
    "railway",
    "agency",
    "court",
    "school",
    "hospital",
    "bridge",
    "market",
    "union",
    "treaty",
    "election",
    "farm",
    "river",
    "port",
    "airport",
    "museum",
    "company",
    "bank",
    "reform",
    "plan",
]
VERBS = [
    "approved",
    "delayed",
    "rejected",
    "reviewed",
    "announced",
    "funded",
    "debated",
    "expanded",
    "cut",
    "opened",
]
ADJS = [
    "new",
    "regional",
    "national",
    "local",
    "annual",
    "long-awaited",
    "controversial",
    "modest",
    "large",
]
FURNITURE = ["Advertisement", "Subscribe now", "Reading Time: 4 minutes", "1,024 shares"]
TRAILER = "Related posts:\n\n- A different story about something else entirely\n- And another one"


def sentence(rng: random.Random) -> str:
    n1, n2 = rng.sample(NOUNS, 2)
    return (
        f"The {rng.choice(ADJS)} {n1} {rng.choice(VERBS)} the {n2} plan on day {rng.randint(1, 9999)}, "
        f"officials said, adding that {rng.randint(2, 500)} {rng.choice(NOUNS)} staff were affected."
    )


def article(rng: random.Random, paragraphs: int) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(paragraphs)]


def with_furniture(rng: random.Random, paras: list[str]) -> str:
    out: list[str] = []
    for p in paras:
        out.append(p)
        if rng.random() < 0.3:
            out.append(rng.choice(FURNITURE))
    return "\n\n".join(out) + "\n\n" + TRAILER + "\n"


def write_corpus(root: Path, n_files: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    planted = {"exact": 0, "truncated": 0}
    previous: list[list[str]] = []
    for i in range(n_files):
        kind = rng.random()
        if previous and kind < 0.04:
            paras = rng.choice(previous)
            planted["exact"] += 1
        elif previous and kind < 0.08:
            full = rng.choice(previous)
            paras = full[: max(2, len(full) // 2)]
            planted["truncated"] += 1
        else:
            paras = article(rng, rng.randint(6, 14))
            previous.append(paras)
        title = f"Story {i}: {rng.choice(ADJS)} {rng.choice(NOUNS)}"
        date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        fmt = rng.random()
        sub = root / f"batch{i % 50:02d}"
        sub.mkdir(exist_ok=True)
        if fmt < 0.6:
            (sub / f"a{i}.txt").write_text(
                f"{title}\n\n{with_furniture(rng, paras)}", encoding="utf-8"
            )
        elif fmt < 0.75:
            text = (
                f"---\ntitle: {json.dumps(title)}\ndate: {date}\n---\n{with_furniture(rng, paras)}"
            )
            (sub / f"a{i}.md").write_text(text, encoding="utf-8")
        elif fmt < 0.85:
            body = "".join(f"<p>{p}</p>" for p in paras)
            html = (
                f"<html><head><title>{title}</title><meta property='article:published_time' "
                f"content='{date}'></head><body><nav>Home News</nav><article><h1>{title}</h1>{body}"
                f"</article><aside>Related posts</aside></body></html>"
            )
            (sub / f"a{i}.html").write_text(html, encoding="utf-8")
        elif fmt < 0.95:
            rec = {
                "title": title,
                "text": "\n\n".join(paras),
                "date": date,
                "publisher": "Bench Wire",
            }
            (sub / f"a{i}.json").write_text(json.dumps(rec), encoding="utf-8")
        else:
            desc = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paras)
            rss = (
                "<?xml version='1.0'?><rss version='2.0'><channel><title>Bench Feed</title>"
                f"<item><title>{title}</title><description>{desc}</description></item></channel></rss>"
            )
            (sub / f"a{i}.rss").write_text(rss, encoding="utf-8")
    return planted


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--files", type=int, default=5000, help="number of files to generate (default 5000)"
    )
    ap.add_argument("--seed", type=int, default=1, help="random seed of the corpus")
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        planted = write_corpus(root, args.files, args.seed)
        t1, c1 = time.perf_counter(), time.process_time()
        articles = load_articles([root])
        t2, c2 = time.perf_counter(), time.process_time()
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    secs = t2 - t1
    chars = sum(len(a.text) for a in articles)
    dups = sum(1 for a in articles if a.duplicate_of)
    leftover = sum(
        1
        for a in articles
        for ln in a.text.splitlines()
        if ln.strip() in FURNITURE or "Related posts" in ln
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files: {args.files} generated in {t1 - t0:.1f}s; documents read: {len(articles)}")
    cpu = c2 - c1
    print(
        f"ingest: {secs:.2f}s wall = {args.files / secs:.0f} files/s, {chars / secs / 1e6:.2f} M chars/s"
    )
    print(
        f"        {cpu:.2f}s CPU = {args.files / cpu:.0f} files per CPU second (wall time includes waiting for a busy CPU)"
    )
    print(
        f"duplicates marked: {dups} (planted: {planted['exact']} exact, {planted['truncated']} truncated)"
    )
    print(f"furniture lines left: {leftover}; peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
