"""Near-duplicate search over word sets without comparing every pair.

``jaccard_pairs`` is the prefix-filtering set-similarity join: with the words of every
set ordered from rarest to commonest, two sets whose Jaccard similarity reaches ``t``
must share a word among the first ``|x| - ceil(t·|x|) + 1`` words of each.  Only those
prefixes are indexed, so a corpus of thousands of sentences is joined in well under a
second, with exactly the pairs a full comparison would find.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def jaccard_pairs(
    sets: Sequence[frozenset[str]], threshold: float, min_shared: int = 1
) -> Iterator[tuple[int, int, int]]:
    """Every pair ``(i, j, shared)`` with ``i < j``, Jaccard ≥ ``threshold`` (0 < t ≤ 1)
    and at least ``min_shared`` words in common."""
    freq = Counter(w for s in sets for w in s)
    index: dict[str, list[int]] = defaultdict(list)
    for j, words in enumerate(sets):
        if not words:
            continue
        ordered = sorted(words, key=lambda w: (freq[w], w))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        seen: set[int] = set()
        for w in prefix:
            for i in index[w]:
                if i in seen:
                    continue
                seen.add(i)
                shared = len(sets[i] & words)
                if shared >= min_shared and jaccard(sets[i], words) >= threshold:
                    yield i, j, shared
            index[w].append(j)
