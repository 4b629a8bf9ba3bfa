"""Duplicate detection: exact copies, near-duplicates and contained (truncated) copies.

Texts are compared as sets of word 5-shingles.  Two texts are copies when

- their normalised words are identical (exact copy), or
- the Jaccard similarity of their shingles is at least ``NEAR_DUP`` (near-duplicate:
  a syndicated copy with other furniture or small edits), or
- at least ``CONTAINED`` of the shorter text's shingles occur in the longer one
  (containment: a truncated copy inside the full article; the shorter text needs
  ``MIN_CONTAINED`` shingles, so a shared sentence or two is not a copy).

To stay linear in the corpus size, candidates are found through an inverted index of a
fixed sample of shingles (those whose hash is 0 modulo ``SAMPLE_MOD``: the same
shingles are sampled in every text, so sampled overlap estimates full overlap), and
only candidates are compared in full.  Articles are visited longest first, so the copy
that is kept is always the most complete one.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Collection, Sequence

from briefgen.models import Article

SHINGLE = 5
NEAR_DUP = 0.8  # Jaccard similarity of word shingles
CONTAINED = 0.6  # share of the shorter text's shingles found in the longer one
MIN_CONTAINED = 10  # a text of fewer shingles is too short to call contained
SAMPLE_MOD = 4  # index one shingle in SAMPLE_MOD (by hash)
CANDIDATE_SHARE = 0.3  # sampled overlap that makes a full comparison worthwhile
MAX_POSTING = 20  # a sampled shingle shared by this many kept texts is boilerplate

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Stable 32-bit hashes (CRC-32) of the word k-shingles of ``text``."""
    ws = words(text)
    if len(ws) < k:
        return {_hash(" ".join(ws))} if ws else set()
    return {_hash(" ".join(ws[i : i + k])) for i in range(len(ws) - k + 1)}


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def _sample(sh: set[int]) -> set[int]:
    return {h for h in sh if h % SAMPLE_MOD == 0}


def is_copy(sh: set[int], other: Collection[int]) -> bool:
    """True when two shingle sets are near-duplicates or one contains the other."""
    return similar(len(sh), len(other), len(sh.intersection(other)))


def similar(size_a: int, size_b: int, shared: int) -> bool:
    """The copy test on counts: sizes of two shingle sets and of their intersection."""
    if not size_a or not size_b or not shared:
        return False
    if shared / (size_a + size_b - shared) >= NEAR_DUP:
        return True
    smaller = min(size_a, size_b)
    return smaller >= MIN_CONTAINED and shared / smaller >= CONTAINED


def mark_duplicates(articles: Sequence[Article]) -> None:
    """Set ``duplicate_of`` on every copy, pointing at the most complete one."""
    order = sorted(articles, key=lambda a: (-len(a.text), a.id))
    exact: dict[str, str] = {}
    kept_sh: dict[str, array[int]] = {}  # 4 bytes a shingle: a big corpus stays small
    index: dict[int, list[str]] = defaultdict(list)
    for art in order:
        key = hashlib.blake2b(" ".join(words(art.text)).encode("utf-8"), digest_size=16).hexdigest()
        if key in exact:
            art.duplicate_of = exact[key]
            continue
        sh = shingles(art.text)
        sample = _sample(sh)
        counts: dict[str, int] = defaultdict(int)
        boilerplate = 0
        for h in sample:
            posting = index.get(h)
            if posting is None:
                continue
            if len(posting) >= MAX_POSTING:
                boilerplate += 1
                continue
            for doc_id in posting:
                counts[doc_id] += 1
        if not sample:  # a text of a few words: compare it with every kept text
            counts = dict.fromkeys(kept_sh, 1)
        need = max(1, int(CANDIDATE_SHARE * (len(sample) - boilerplate)))
        candidates = sorted((-n, doc_id) for doc_id, n in counts.items() if n >= need)
        for _, doc_id in candidates:
            if is_copy(sh, kept_sh[doc_id]):
                art.duplicate_of = doc_id
                break
        if art.duplicate_of:
            continue
        exact[key] = art.id
        kept_sh[art.id] = array("I", sh)
        for h in sample:
            posting = index[h]
            if len(posting) < MAX_POSTING:
                posting.append(art.id)
