"""Document dates: metadata first, then a header, byline or dateline line, else unknown."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from briefgen.ingest import load_articles
from briefgen.ingest.docdate import coerce_date, date_from_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BODY = "\n\nThe committee met for three hours and agreed to meet again next month.\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tuesday, April 23, 2024\n\nHeadline here" + BODY, dt.date(2024, 4, 23)),
        ("Thu Apr 22, 2010 7:30 pm EDT\nHeadline" + BODY, dt.date(2010, 4, 22)),
        ("Published: 3 March 2021\nHeadline" + BODY, dt.date(2021, 3, 3)),
        ("Updated 2019-06-01T10:00:00Z\nHeadline" + BODY, dt.date(2019, 6, 1)),
        ("Headline" + BODY + "By Jane Doe – The Example – July 31, 2023\n", dt.date(2023, 7, 31)),
        (
            "Headline\n\nHANOI, April 15 (Reuters) - Talks began." + BODY + "© 2023 Example",
            dt.date(2023, 4, 15),
        ),
        ("Headline\n\nWASHINGTON, March 3, 2021 (AP) — Talks began." + BODY, dt.date(2021, 3, 3)),
        ("Headline\n\nPARIS, 3 March 2020 - Talks began." + BODY, dt.date(2020, 3, 3)),
        # a wire stamp running on into the text, as scraped pages flatten it
        (
            "GENEVA | Thu Jun 11 , 2009 7:03 pm EDT GENEVA (Reuters) - The agency said." + BODY,
            dt.date(2009, 6, 11),
        ),
        (
            "13 June 2012 Last updated at 21:40 GMT The minister said talks would go on." + BODY,
            dt.date(2012, 6, 13),
        ),
    ],
)
def test_date_from_header_byline_or_dateline(text, expected):
    assert date_from_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a dateline without a year and no copyright line to complete it
        "Headline\n\nHANOI, April 15 (Reuters) - Talks began." + BODY,
        # a wire dateline with no date at all
        "Headline\n\nHANOI (Reuters) – Talks began on Saturday." + BODY,
        # dates inside body sentences are events, not the article's date
        "Headline\n\nThe treaty signed on July 4, 2019 expires soon." + BODY,
        "The talks of March 3, 2021 failed.\n\nOfficials said little." + BODY,
        # a date opening a body sentence, or a reader comment's stamp
        "On Sept. 11, 2001, Gordon was working on the 13th floor of the tower." + BODY,
        "At 02:56 am on 14 Jan 2010, jessica wrote: 1. Terrible news." + BODY,
        # a copyright year alone is not a day
        "Headline" + BODY + "Copyright (c) 2023. Example Ltd. All rights reserved.",
        # relative dates are never resolved against today's clock
        "Headline\n\nOn Saturday, the minister said talks would resume tomorrow." + BODY,
    ],
)
def test_no_date_is_guessed(text):
    assert date_from_text(text) is None


def test_metadata_values_are_coerced():
    assert coerce_date("2023-07-31T08:00:00+02:00") == dt.date(2023, 7, 31)
    assert coerce_date("Mon, 31 Jul 2023 08:00:00 GMT") == dt.date(2023, 7, 31)
    assert coerce_date(dt.datetime(2020, 1, 2, 3, 4)) == dt.date(2020, 1, 2)
    assert coerce_date("not a date") is None


def test_seeds_without_sidecar_dated_from_text_only(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    by_id = {a.id[:3]: a for a in load_articles([folder])}
    assert (by_id["002"].date, by_id["002"].date_source) == (dt.date(2023, 7, 31), "text")
    assert (by_id["004"].date, by_id["004"].date_source) == (dt.date(2024, 4, 23), "text")
    for undated in ("000", "001", "003"):
        assert by_id[undated].date is None and by_id[undated].date_source is None
    assert (by_id["002"].author, by_id["002"].publisher) == ("Sebastian Strangio", "The Diplomat")
    # "This article originally appeared on the South China Morning Post (SCMP)."
    assert by_id["000"].publisher == "South China Morning Post"
    # its wire dateline, "CITY (Reuters) –", names the agency
    assert by_id["003"].publisher == "Reuters"


def test_sidecar_metadata_wins_over_text():
    by_id = {a.id[:3]: a for a in load_articles([SEEDS])}
    assert (by_id["003"].date, by_id["003"].date_source) == (dt.date(2023, 4, 15), "metadata")
    assert by_id["003"].publisher == "Reuters"


@pytest.mark.parametrize(
    "path, expected",
    [
        ("archive/2009-04-26/article.txt", dt.date(2009, 4, 26)),
        ("archive/2009/04/26/article.txt", dt.date(2009, 4, 26)),
        ("outlet__2009-04-26__911.txt", dt.date(2009, 4, 26)),
        ("feeds/20090426.txt", dt.date(2009, 4, 26)),
        ("2008-01-01/2009-04-26/article.txt", dt.date(2009, 4, 26)),  # the nearest part wins
        ("ids/120090426.txt", None),  # eight digits inside an id are no date
        ("archive/2009-13-45/article.txt", None),
        ("archive/article-42.txt", None),
    ],
)
def test_date_from_path(path, expected):
    from briefgen.ingest.docdate import date_from_path

    assert date_from_path(path) == expected


def test_a_path_dates_the_document_only_when_metadata_and_text_do_not(tmp_path, caplog):
    import logging

    day = tmp_path / "2009-04-26"
    day.mkdir()
    (day / "plain.txt").write_text("Headline" + BODY, encoding="utf-8")
    (day / "dated.txt").write_text("Tuesday, April 28, 2009\n\nHeadline" + BODY, encoding="utf-8")
    (tmp_path / "loose.txt").write_text("Another headline" + BODY, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        got = {a.id: a for a in load_articles([tmp_path])}
    assert (got["2009-04-26/plain.txt"].date, got["2009-04-26/plain.txt"].date_source) == (
        dt.date(2009, 4, 26), "path")
    assert (got["2009-04-26/dated.txt"].date, got["2009-04-26/dated.txt"].date_source) == (
        dt.date(2009, 4, 28), "text")
    assert got["loose.txt"].date is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("1 of 3 documents have no date")
