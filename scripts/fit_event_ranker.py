#!/usr/bin/env python3
"""Fit the key timeline's sentence weights (``timeline.key.WEIGHTS``) on Timeline17.

    python scripts/fit_event_ranker.py T17_DATA_DIR --facts DIR [--hold-out H1N1]

``--facts`` is the folder where ``scripts/eval_tl17.py generate`` saved each folder's
``<folder>.facts.pickle``.  For every date of a folder's gold timelines, the candidate
sentences briefgen has for that date are the choices; the label of each is its unigram
F1 (content words) against what the journalists wrote for that date.  The model is a
log-linear (softmax) choice over ``SentenceFeatures.terms()``, fitted by gradient ascent
with an L2 pull towards the earlier hand-set product (every factor at exponent 1, 0.7 for
an undated lead, 0 for novelty).  The script prints, leaving one topic out at a time, the mean label of
the sentence each ranking puts first (hand-set against fitted), then the weights fitted
on every training folder, to paste into ``WEIGHTS``.  Folders whose name starts with a
``--hold-out`` prefix are never trained on and are scored with the final weights.

Needs numpy (installed with spaCy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_tl17

from briefgen.extract import timeline
from briefgen.extract.timeline import key

HAND_SET = np.array([1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, math.log(0.7), 0.0])
Group = tuple[np.ndarray, np.ndarray]  # (terms per sentence, label per sentence)


def content(text: str) -> Counter[str]:
    return Counter(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in key._STOP)


def unigram_f1(a: str, b: str) -> float:
    ca, cb = content(a), content(b)
    overlap = sum((ca & cb).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(ca.values()), overlap / sum(cb.values())
    return 2 * p * r / (p + r)


def groups(folder: Path, facts: Path) -> list[Group]:
    """One group per gold date: the terms and labels of the candidate sentences."""
    arts, pairs = pickle.loads((facts / f"{folder.name}.facts.pickle").read_bytes())
    cands, _ = timeline.candidates(pairs)
    by_id = {a.id: a for a in arts}

    def outlet(doc: str) -> str:
        return (by_id[doc].publisher or doc) if doc in by_id else doc

    win = key.window(arts)
    near = dt.timedelta(days=key.NEAR_DAYS)
    on_day: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cands):
        e = c.event
        if e.precision != "day" or e.planned or key.is_background(e, win):
            continue
        if win is None or win[0] - near <= dt.date.fromisoformat(e.date) <= win[1] + near:
            on_day[e.date].append(i)
    gold: dict[str, str] = defaultdict(str)
    for g in eval_tl17.golds(folder):
        for date, text in g.items():
            gold[date] += " " + text
    out = []
    for i_list in (on_day[d] for d in sorted(on_day) if d in gold):
        feats = key.day_features(cands, {"_": i_list}, outlet)
        rows = [(f.terms(), unigram_f1(s, gold[cands[i].event.date])) for i in i_list for s, f in feats[i]]
        labels = np.array([y for _, y in rows])
        if len(rows) >= 2 and labels.max() >= 0.1:
            out.append((np.array([t for t, _ in rows]), labels))
    return out


def fit(train: list[Group], l2: float = 0.1, steps: int = 400, rate: float = 0.5, sharp: float = 10.0) -> np.ndarray:
    """Weights maximising the likelihood of the best sentences, terms scaled to unit spread."""
    scale = np.vstack([x for x, _ in train]).std(axis=0) + 1e-6
    w = HAND_SET * scale
    for _ in range(steps):
        grad = np.zeros_like(w)
        for x, y in train:
            z = x / scale
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = np.exp(sharp * (y - y.max()))
            q /= q.sum()
            grad += z.T @ (q - p)
        grad -= l2 * (w - HAND_SET * scale) * len(train) / 50
        w += rate * grad / len(train)
    return w / scale


def first_choice(w: np.ndarray, gs: list[Group]) -> float:
    """The mean label of the sentence the weights put first."""
    return float(np.mean([y[np.argmax(x @ w)] for x, y in gs])) if gs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the Timeline17 data folder")
    ap.add_argument("--facts", type=Path, required=True, help="where eval_tl17.py generate saved the facts")
    ap.add_argument("--hold-out", default="H1N1", help="comma-separated folder-name prefixes never trained on")
    args = ap.parse_args()
    held = tuple(p for p in args.hold_out.split(",") if p)
    folders = [f for f in sorted(args.data.iterdir()) if (args.facts / f"{f.name}.facts.pickle").is_file()]
    data = {f.name: groups(f, args.facts) for f in folders}
    train = [n for n in data if not n.startswith(held)] if held else list(data)
    print(f"{'folder':24s} dates  hand-set  fitted  best possible")
    for name in train:
        w = fit([g for other in train if other != name for g in data[other]])
        best = float(np.mean([y.max() for _, y in data[name]])) if data[name] else float("nan")
        print(f"{name:24s} {len(data[name]):5d}  {first_choice(HAND_SET, data[name]):8.3f}  "
              f"{first_choice(w, data[name]):6.3f}  {best:.3f}   (left out)")
    w = fit([g for n in train for g in data[n]])
    for name in data:
        if name not in train:
            print(f"{name:24s} {len(data[name]):5d}  {first_choice(HAND_SET, data[name]):8.3f}  "
                  f"{first_choice(w, data[name]):6.3f}   (held out)")
    print("WEIGHTS = (" + ", ".join(f"{x:.2f}" for x in w) + ")")


if __name__ == "__main__":
    main()
