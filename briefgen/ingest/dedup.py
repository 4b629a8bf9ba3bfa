"""Duplicate detection: exact copies, near-duplicates and contained (truncated) copies.

Not quadratic: each kept article's shingles are sampled (the ones whose hash is 0 modulo
``SAMPLE``, so every text samples the same shingles) into an inverted index, and a new
article is compared exactly only with the kept articles that share at least
``MIN_HITS`` of its sampled shingles (boilerplate shared by many articles is not
enough).  Two texts that overlap enough to count as copies share at least
``0.6 * min(len)`` shingles, of which ``1/SAMPLE`` are sampled on average: for texts of
``MIN_INDEXED`` shingles or more that is 15 expected hits against a threshold of at most
a quarter of that, so a copy is missed with a probability far below 0.1%.  Shorter
texts are compared with every kept article, as before.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from briefgen.models import Article

SHINGLE = 5
NEAR_DUP = 0.8  # Jaccard similarity of word shingles
CONTAINED = 0.6  # share of the shorter text's shingles found in the longer one
SAMPLE = 8
MIN_INDEXED = 200
MIN_HITS = 0.15  # share of the shorter sample that must be shared to compare exactly


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}


def is_copy(a: np.ndarray, b: np.ndarray) -> bool:
    """True when two sorted shingle arrays are near-duplicates or one mostly contains the other."""
    if not len(a) or not len(b):
        return False
    inter = len(np.intersect1d(a, b, assume_unique=True))
    jaccard = inter / (len(a) + len(b) - inter)
    contained = inter / min(len(a), len(b))
    return jaccard >= NEAR_DUP or contained >= CONTAINED


def mark_duplicates(articles: Sequence[Article]) -> None:
    """Set ``duplicate_of`` on every copy, pointing at the most complete one.

    Articles are compared longest first, so the kept copy is the longest; a shorter
    article joins the first kept one it is a near-duplicate of or mostly contained in.
    """
    order = sorted(articles, key=lambda a: (-len(a.text), a.id))
    kept: list[tuple[Article, np.ndarray]] = []
    index: dict[int, list[int]] = defaultdict(list)  # sampled shingle → positions in kept
    n_sampled: list[int] = []  # sample size of each kept article
    for art in order:
        sh = np.fromiter(shingles(art.text), dtype=np.int64)
        sh.sort()
        sampled = sh[sh % SAMPLE == 0]
        if len(sh) < MIN_INDEXED:
            candidates: Sequence[int] = range(len(kept))
        else:
            hits: Counter[int] = Counter()
            for h in sampled.tolist():
                hits.update(index.get(h, ()))
            candidates = sorted(
                pos
                for pos, n in hits.items()
                if n >= max(2.0, MIN_HITS * min(len(sampled), n_sampled[pos]))
            )
        for pos in candidates:
            orig, osh = kept[pos]
            if is_copy(sh, osh):
                art.duplicate_of = orig.id
                break
        else:
            for h in sampled.tolist():
                index[h].append(len(kept))
            n_sampled.append(len(sampled))
            kept.append((art, sh))
