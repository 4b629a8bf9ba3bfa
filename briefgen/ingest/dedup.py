"""Duplicate detection: exact copies, near-duplicates and contained (truncated) copies."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.models import Article

SHINGLE = 5
NEAR_DUP = 0.8  # Jaccard similarity of word shingles
CONTAINED = 0.6  # share of the shorter text's shingles found in the longer one


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < k:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}


def mark_duplicates(articles: Sequence[Article]) -> None:
    """Set ``duplicate_of`` on every copy, pointing at the most complete one.

    Articles are compared longest first, so the kept copy is the longest; a shorter
    article joins it when it is a near-duplicate or mostly contained in it.
    """
    order = sorted(articles, key=lambda a: (-len(a.text), a.id))
    kept: list[tuple[Article, set[int]]] = []
    for art in order:
        sh = shingles(art.text)
        for orig, osh in kept:
            if not sh or not osh:
                continue
            inter = len(sh & osh)
            jaccard = inter / len(sh | osh)
            contained = inter / min(len(sh), len(osh))
            if jaccard >= NEAR_DUP or contained >= CONTAINED:
                art.duplicate_of = orig.id
                break
        else:
            kept.append((art, sh))
