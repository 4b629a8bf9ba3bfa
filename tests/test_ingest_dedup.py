"""Duplicates: exact copies, near-duplicates and truncated copies; the longest is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest import load_articles
from briefgen.ingest.dedup import mark_duplicates
from briefgen.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORY = " ".join(
    f"Sentence {w} of the story says the {w} committee will review the {w} budget before the vote."
    for w in [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ]
)
OTHER = " ".join(
    f"Paragraph {w} describes how the {w} river flooded the {w} valley after days of rain."
    for w in [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ]
)


def _art(doc_id: str, text: str) -> Article:
    return Article(id=doc_id, path=doc_id, text=text)


def test_exact_copy():
    a, b = _art("a.txt", STORY), _art("b.txt", STORY.upper())
    mark_duplicates([a, b])
    assert (a.duplicate_of, b.duplicate_of) == (None, "a.txt")


def test_near_duplicate_with_small_edits():
    edited = STORY.replace("eleventh committee", "11th committee") + " Advertisement."
    a, b = _art("a.txt", STORY), _art("b.txt", edited)
    mark_duplicates([a, b])
    assert {a.duplicate_of, b.duplicate_of} == {None, "b.txt"}  # the longer copy is kept


def test_truncated_copy_inside_longer_article():
    half = STORY[: len(STORY) // 3]
    full, part = _art("z_full.txt", STORY), _art("a_part.txt", "Advertisement\n" + half)
    mark_duplicates([part, full])
    assert (full.duplicate_of, part.duplicate_of) == (None, "z_full.txt")


@pytest.mark.parametrize("other", [OTHER, STORY[:60]])
def test_different_or_tiny_texts_are_not_duplicates(other):
    a, b = _art("a.txt", STORY), _art("b.txt", other)
    mark_duplicates([a, b])
    assert (a.duplicate_of, b.duplicate_of) == (None, None)


def test_chain_points_at_the_most_complete_copy():
    texts = [STORY, STORY[: len(STORY) * 2 // 3], STORY[: len(STORY) // 3]]
    arts = [_art(f"{i}.txt", t) for i, t in enumerate(texts)]
    mark_duplicates(list(reversed(arts)))
    assert [a.duplicate_of for a in arts] == [None, "0.txt", "0.txt"]


def test_seed_001_is_a_duplicate_of_000():
    by_id = {a.id[:3]: a for a in load_articles([SEEDS])}
    assert by_id["001"].duplicate_of == by_id["000"].id
    assert [k for k, a in by_id.items() if a.duplicate_of] == ["001"]


@pytest.mark.slow
def test_duplicates_are_never_cited(seed_extraction):
    """A duplicate never counts as a source: only its kept copy is cited."""
    dups = {d["id"] for d in seed_extraction.documents if d["duplicate_of"]}
    assert dups
    items = [
        *seed_extraction.actors,
        *seed_extraction.timeline,
        *seed_extraction.positions,
        *seed_extraction.open_questions,
        *seed_extraction.summary,
    ]
    for item in items:
        assert not dups & set(item.sources)
        assert not dups & {e.doc for e in item.evidence}


def test_shared_site_boilerplate_does_not_make_copies():
    pitch = (
        "Get our morning briefing delivered to your inbox every weekday with the biggest stories, "
        "the best analysis and a daily crossword from our award winning newsroom team. "
        "Members also receive invitations to live events, early access to investigations, "
        "a weekly podcast and an ad free app, and they support independent reporting in the region. "
        "Join today and read without limits on every device for less than the price of a coffee."
    )
    arts = []
    for i in range(30):
        w = f"w{i}"
        body = " ".join(
            f"Report {w} number {j} says district {w} repaired road {j} this week."
            for j in range(4)
        )
        arts.append(_art(f"{i:02d}.txt", f"{pitch}\n\n{body}"))
    mark_duplicates(arts)
    assert [a.id for a in arts if a.duplicate_of] == []
