"""The story's period: a document or two dated far from the rest do not say when the
story is."""

from __future__ import annotations

import datetime as dt

from briefgen.extract.period import story_period

D = dt.date(2021, 1, 25)


def days(*offsets: int) -> list[dt.date]:
    return [D + dt.timedelta(days=o) for o in offsets]


def test_a_page_dated_a_year_after_the_rest_is_a_straggler() -> None:
    dates = days(*range(20)) + days(*range(20)) + days(550)
    assert story_period(dates) == (D, D + dt.timedelta(days=19))


def test_an_old_article_kept_in_the_folder_is_a_straggler() -> None:
    dates = days(-70) + days(*range(20)) * 2
    assert story_period(dates) == (D, D + dt.timedelta(days=19))


def test_a_gap_shorter_than_twice_the_story_is_part_of_it() -> None:
    dates = days(*range(0, 60, 2)) + days(150)
    assert story_period(dates) == (D, D + dt.timedelta(days=150))


def test_many_documents_beyond_a_gap_are_a_later_phase_not_stragglers() -> None:
    dates = days(*range(20)) + days(*range(300, 310))
    assert story_period(dates) == (D, D + dt.timedelta(days=309))


def test_a_small_corpus_keeps_its_whole_span() -> None:
    dates = days(0, 1, 2, 3, 400)
    assert story_period(dates) == (D, D + dt.timedelta(days=400))


def test_no_dates_no_period() -> None:
    assert story_period([]) is None
