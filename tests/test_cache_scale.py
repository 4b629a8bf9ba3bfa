"""Corpus-level steps stay sub-quadratic and give the answers of the all-pairs versions."""

from __future__ import annotations

import random
import time

from briefgen.ingest import dedup
from briefgen.models import Article

WORDS = [f"w{i}" for i in range(3000)]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _all_pairs(articles: list[Article]) -> dict[str, str | None]:
    """The reference: every article compared with every kept one (the old algorithm)."""
    order = sorted(articles, key=lambda a: (-len(a.text), a.id))
    kept: list[tuple[str, set[int]]] = []
    out: dict[str, str | None] = {}
    for art in order:
        sh = dedup.shingles(art.text)
        out[art.id] = None
        for oid, osh in kept:
            if not sh or not osh:
                continue
            inter = len(sh & osh)
            if (
                inter / len(sh | osh) >= dedup.NEAR_DUP
                or inter / min(len(sh), len(osh)) >= dedup.CONTAINED
            ):
                out[art.id] = oid
                break
        else:
            kept.append((art.id, sh))
    return out


def _corpus(seed: int) -> list[Article]:
    rng = random.Random(seed)
    texts = [_text(rng, rng.choice([30, 120, 400, 900])) for _ in range(60)]
    for i in range(0, 60, 4):  # copies: truncated, lightly edited, spliced halves
        words = texts[i].split()
        texts.append(" ".join(words[: int(len(words) * rng.uniform(0.5, 0.9))]))
        edited = list(words)
        for _ in range(max(1, len(words) // 60)):
            edited[rng.randrange(len(edited))] = rng.choice(WORDS)
        texts.append(" ".join(edited))
        other = texts[(i + 1) % 60].split()
        texts.append(" ".join(words[: len(words) // 2] + other[len(other) // 2 :]))
    return [Article(id=f"a{i:03d}", path="", text=t) for i, t in enumerate(texts)]


def test_indexed_dedup_finds_the_copies_all_pairs_finds():
    """The sampled index may pick another member of a copy group as the original, and
    may differ on borderline spliced halves, but every truncated or lightly edited
    copy of an article of article length is grouped with its original, as the all-pairs
    comparison groups it.  (Texts of a few dozen words have too few sampled shingles:
    an edit can hide such a copy; see briefgen/ingest/dedup.py.)"""
    for seed in range(3):
        arts = _corpus(seed)
        expected = _all_pairs(arts)
        dedup.mark_duplicates(arts)
        got = {a.id: a.duplicate_of for a in arts}
        for k, i in enumerate(range(0, 60, 4)):
            trio = {f"a{i:03d}", f"a{60 + 3 * k:03d}", f"a{61 + 3 * k:03d}"}
            if len(arts[i].text.split()) < 100:
                continue
            assert sum(1 for a in trio if got[a]) == sum(1 for a in trio if expected[a]) == 2
        assert sum(1 for v in got.values() if v) >= sum(1 for v in expected.values() if v) - 3


def test_dedup_of_many_distinct_articles_is_fast():
    rng = random.Random(7)
    arts = [Article(id=str(i), path="", text=_text(rng, 300)) for i in range(1500)]
    start = time.perf_counter()
    dedup.mark_duplicates(arts)
    assert time.perf_counter() - start < 20  # all pairs: ~1.1 million set intersections
    assert not any(a.duplicate_of for a in arts)


def test_bench_corpus_copies_survive_deduplication(tmp_path):
    from briefgen.bench import Base, make_corpus
    from briefgen.ingest import load_articles

    rng = random.Random(3)
    bases = [Base("\n\n".join(_text(rng, 60) + "." for _ in range(6)), None) for _ in range(7)]
    make_corpus(bases, 4 * len(bases), tmp_path / "corpus")
    articles = load_articles([tmp_path / "corpus"])
    assert len(articles) == 4 * len(bases)
    assert [a.id for a in articles if a.duplicate_of] == []
