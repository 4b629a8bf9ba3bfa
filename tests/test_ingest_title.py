"""A stand-in title taken from the article text skips bylines, stamps, captions,
author notes and site notices, is one line, and is never cut inside a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest.clean import Cleaner
from briefgen.ingest.loader import build_article
from briefgen.ingest.readers import RawDoc
from briefgen.ingest.title import is_title_debris, one_line, shorten, title_from_text


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Roe BBC UN correspondent",
        "By Jane Roe BBC News, Geneva The meeting will try to agree a strategy.",
        "Page last updated at 07:02 GMT, Friday, 16 September 2011 08:02 UK",
        "30 August 11 11:00 GMT",
        "Gas prices are seen at a petrol station in New York February 22, 2011.",
        "The author is a Breakingviews columnist.",
        "This live page is part of a News trial to test new ways of presenting breaking news.",
        "Transmission details in the Programme Information version are not updated after publication.",
        "For updates, please see individual day pages.",
        "Associate fellow, Royal Institute of Studies",
        "Tuesday, April 23, 2024",
    ],
)
def test_debris_lines_cannot_be_titles(line: str) -> None:
    assert is_title_debris(line)


@pytest.mark.parametrize(
    "line",
    [
        "By Friday, the talks had collapsed.",
        "Storm batters coast as thousands flee",
        "The author of the report, a former minister, resigned on Monday.",
        "Editors at the paper walked out over the cuts.",
    ],
)
def test_headlines_and_leads_can_be_titles(line: str) -> None:
    assert not is_title_debris(line)


def test_title_is_the_first_good_line() -> None:
    text = "By Jane Roe BBC UN correspondent\nThe council is split over the mission.\nMore text."
    assert title_from_text(text) == "The council is split over the mission."


def test_long_title_is_cut_at_a_word_boundary() -> None:
    line = "Presidential " * 30
    title = shorten(line.strip(), 60)
    assert len(title) <= 60
    assert title.endswith("…")
    assert all(w == "Presidential" for w in title.rstrip("…").split())


def test_title_is_one_line() -> None:
    assert one_line("Rebels advance\n on the  capital") == "Rebels advance on the capital"


def test_metadata_title_with_a_line_break_becomes_one_line() -> None:
    raw = RawDoc(text="The rebels advanced on Sunday, officials said.", meta={"title": "Rebels\nadvance"})
    article = build_article("a.txt", Path("a.txt"), raw, {}, Cleaner())
    assert article is not None and article.title == "Rebels advance"


def test_article_without_metadata_title_skips_a_caption_for_its_title() -> None:
    raw = RawDoc(
        text=(
            "Gas prices are seen at a petrol station in New York February 22, 2011.\n"
            "Oil prices jumped on Tuesday as unrest spread across the region.\n"
        )
    )
    article = build_article("a.txt", Path("a.txt"), raw, {}, Cleaner())
    assert article is not None
    assert article.title == "Oil prices jumped on Tuesday as unrest spread across the region."


def test_wire_version_tag_is_not_part_of_the_title() -> None:
    assert title_from_text("UPDATE 3-Marines freed and flown out\nText.") == "Marines freed and flown out"
    assert title_from_text("Update on the talks expected today\nText.") == "Update on the talks expected today"
