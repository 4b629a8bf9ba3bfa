"""Duplicate detection: exact copies, near-duplicates and contained (truncated) copies.

Texts are compared as sets of word 5-shingles.  Two texts are copies when

- their normalised words are identical (exact copy), or
- the Jaccard similarity of their shingles is at least ``NEAR_DUP`` (near-duplicate:
  a syndicated copy with other furniture or small edits), or
- at least ``CONTAINED`` of the shorter text's shingles occur in the longer one
  (containment: a truncated copy inside the full article; the shorter text needs
  ``MIN_CONTAINED`` shingles, so a shared sentence or two is not a copy).

Shingles that many documents of the corpus share (a site's newsletter pitch, an
edition prompt, a standard disclaimer: more than ``BOILER_SHARE`` of the documents and
more than ``BOILER_MIN_DOCS``) are boilerplate and are left out of the comparison, so
two different articles of one site are not copies because of their furniture.

To stay linear in the corpus size, texts are compared on a fixed sample of their
shingles (those whose hash is 0 modulo ``SAMPLE_MOD``: the same shingles are sampled in
every text, so sampled overlap estimates full overlap), found through an inverted
index.  Texts too short for a reliable sample are compared on all their shingles.
Articles are visited longest first, so the copy that is kept is the most complete one.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefgen.models import Article

SHINGLE = 5
NEAR_DUP = 0.8  # Jaccard similarity of word shingles
CONTAINED = 0.6  # share of the shorter text's shingles found in the longer one
MIN_CONTAINED = 10  # a text of fewer shingles is too short to call contained
SAMPLE_MOD = 4  # one shingle in SAMPLE_MOD (by hash) is sampled
MIN_SAMPLE = 8  # fewer sampled shingles than this: compare all shingles instead
BOILER_SHARE = 0.02  # a sampled shingle in more documents than this share ...
BOILER_MIN_DOCS = 10  # ... and than this many documents is boilerplate
CANDIDATE_SHARE = 0.3  # sampled overlap that makes a comparison worthwhile

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Stable 32-bit hashes (CRC-32) of the word k-shingles of ``text``."""
    return _shingles(words(text), k)


def _shingles(ws: list[str], k: int = SHINGLE) -> set[int]:
    if len(ws) < k:
        return {_hash(" ".join(ws))} if ws else set()
    crc = zlib.crc32  # (inlined: this runs once per word of every article)
    return {crc(" ".join(ws[i : i + k]).encode("utf-8")) for i in range(len(ws) - k + 1)}


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


@dataclass
class _Print:
    key: str  # hash of the normalised words: equal for exact copies
    full: array[int]  # every shingle, 4 bytes each
    sample: array[int]  # the sampled shingles


def _fingerprint(text: str) -> _Print:
    ws = words(text)
    sh = _shingles(ws)
    key = hashlib.blake2b(" ".join(ws).encode("utf-8"), digest_size=16).hexdigest()
    return _Print(key, array("I", sh), array("I", (h for h in sh if h % SAMPLE_MOD == 0)))


def is_copy(sh: set[int], other: Collection[int]) -> bool:
    """True when two shingle sets are near-duplicates or one contains the other."""
    return similar(len(sh), len(other), len(sh.intersection(other)))


def similar(size_a: int, size_b: int, shared: int, min_contained: int = MIN_CONTAINED) -> bool:
    """The copy test on counts: sizes of two shingle sets and of their intersection."""
    if not size_a or not size_b or not shared:
        return False
    if shared / (size_a + size_b - shared) >= NEAR_DUP:
        return True
    smaller = min(size_a, size_b)
    return smaller >= min_contained and shared / smaller >= CONTAINED


def boilerplate(prints: Sequence[_Print]) -> set[int]:
    """Sampled shingles that too many documents share to tell copies apart."""
    df = Counter(h for p in prints for h in p.sample)
    limit = max(BOILER_MIN_DOCS, int(BOILER_SHARE * len(prints)))
    return {h for h, n in df.items() if n > limit}


def mark_duplicates(articles: Sequence[Article]) -> None:
    """Set ``duplicate_of`` on every copy, pointing at the most complete one."""
    order = sorted(articles, key=lambda a: (-len(a.text), a.id))
    prints = [_fingerprint(a.text) for a in order]
    boiler = boilerplate(prints)
    exact: dict[str, str] = {}
    kept: dict[str, tuple[array[int], array[int]]] = {}  # id -> (full, sample - boiler)
    index: dict[int, list[str]] = defaultdict(list)
    for art, fp in zip(order, prints):
        if fp.key in exact:
            art.duplicate_of = exact[fp.key]
            continue
        sample = set(fp.sample) - boiler
        match = _find_copy(fp, sample, kept, index)
        if match:
            art.duplicate_of = match
            continue
        exact[fp.key] = art.id
        kept[art.id] = (fp.full, array("I", sample))
        for h in sample:
            index[h].append(art.id)


def _find_copy(
    fp: _Print,
    sample: set[int],
    kept: dict[str, tuple[array[int], array[int]]],
    index: dict[int, list[str]],
) -> str | None:
    counts: Counter[str] = Counter()
    for h in sample:
        counts.update(index.get(h, ()))
    if len(sample) < MIN_SAMPLE:  # too short to sample: every kept text that shares one
        candidates = list(counts) if sample else list(kept)
    else:
        need = CANDIDATE_SHARE * len(sample)
        candidates = [d for d, n in counts.most_common() if n >= need]
    full: set[int] | None = None
    for doc_id in candidates:
        k_full, k_sample = kept[doc_id]
        if len(sample) >= MIN_SAMPLE and len(k_sample) >= MIN_SAMPLE:
            shared = counts[doc_id]
            ok = similar(len(sample), len(k_sample), shared, MIN_CONTAINED // SAMPLE_MOD)
        else:
            full = full if full is not None else set(fp.full)
            ok = is_copy(full, k_full)
        if ok:
            return doc_id
    return None
