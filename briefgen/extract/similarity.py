"""Near-duplicate search over word sets without comparing every pair.

``jaccard_pairs`` indexes every set by its words and counts, for each new set, how
many words it shares with each earlier one (one ``Counter`` over the postings, in C),
so only sets sharing ``min_shared`` words or more are looked at, and the Jaccard
similarity follows from the counts.  It finds exactly the pairs a full comparison
would.  Measured on 47,649 sentence word sets (1,000 Timeline17 articles): 15.6 s for
the summary's two joins, against 29 s with prefix filtering and a Python loop over
the postings; the summary bounds its input anyway (``summary.MAX_CORROBORATED``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import chain


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def jaccard_pairs(
    sets: Sequence[frozenset[str]], threshold: float, min_shared: int = 1
) -> Iterator[tuple[int, int, int]]:
    """Every pair ``(i, j, shared)`` with ``i < j``, Jaccard ≥ ``threshold`` (0 < t ≤ 1)
    and at least ``min_shared`` words in common, ``i`` ascending for each ``j``."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, words in enumerate(sets):
        if not words:
            continue
        # exact overlaps with every earlier set, counted in C over the postings
        shared = Counter(chain.from_iterable(index[w] for w in words if w in index))
        n = len(words)
        for i in sorted(i for i, k in shared.items() if k >= min_shared):
            k = shared[i]
            if k / (len(sets[i]) + n - k) >= threshold:
                yield i, j, k
        for w in words:
            index[w].append(j)
