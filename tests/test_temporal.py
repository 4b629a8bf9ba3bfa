"""The normaliser: each rule with a small expression and a fixed document date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.extract.timeline.temporal import calendar, normalise

SAT = dt.date(2023, 4, 15)  # a Saturday
MON = dt.date(2023, 7, 31)  # a Monday


def value(expr: str, anchor: dt.date | None = SAT, tense: str | None = None) -> str | None:
    t = normalise(expr, anchor, tense)  # type: ignore[arg-type]
    return t.value if t else None


def cal(expr: str, anchor: dt.date | None = SAT, tense: str | None = None) -> tuple[str, str] | None:
    v = value(expr, anchor, tense)
    return calendar(v) if v else None


@pytest.mark.parametrize(
    ("expr", "tense", "expected"),
    [
        ("on Saturday", "past", "2023-04-15"),  # the document's own day
        ("on Friday", "past", "2023-04-14"),
        ("on Sunday", "future", "2023-04-16"),  # "will travel ... on Sunday"
        ("on Sunday", "past", "2023-04-09"),
        ("on Sunday", None, "2023-04-09"),  # no tense: the past
        ("next Monday", None, "2023-04-17"),
        ("last Monday", None, "2023-04-10"),
    ],
)
def test_weekdays_take_past_or_future_from_tense(expr: str, tense: str | None, expected: str) -> None:
    assert value(expr, SAT, tense) == expected


def test_friday_before_a_monday_document() -> None:
    assert value("On Friday", MON, "past") == "2023-07-28"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("last week", ("2023-04", "month")),
        ("earlier this week", ("2023-04", "month")),
        ("last month", ("2023-03", "month")),
        ("next month", ("2023-05", "month")),
        ("last year", ("2022", "year")),
        ("next year", ("2024", "year")),
        ("this year", ("2023", "year")),
        ("a decade ago", ("2013", "year")),
        ("three years ago", ("2020", "year")),
        ("early next year", ("2024", "year")),
        ("yesterday", ("2023-04-14", "day")),
        ("tomorrow", ("2023-04-16", "day")),
    ],
)
def test_relative_periods(expr: str, expected: tuple[str, str]) -> None:
    assert cal(expr) == expected


def test_a_week_across_two_months_is_dated_by_its_year_only() -> None:
    # the week of Monday 2023-07-31 runs into August: no month can be claimed
    assert cal("this week", MON) == ("2023", "year")


@pytest.mark.parametrize(
    ("expr", "tense", "expected"),
    [
        ("in March", "past", ("2023-03", "month")),
        ("in September", "past", ("2022-09", "month")),  # the nearest past September
        ("in September", "future", ("2023-09", "month")),  # "will meet ... in September"
        ("in April", "past", ("2023-04", "month")),
        ("last November", None, ("2022-11", "month")),
    ],
)
def test_bare_months_nearest_past_unless_future(expr: str, tense: str | None, expected: tuple[str, str]) -> None:
    assert cal(expr, SAT, tense) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("April 14-16", ("2023-04-14", "day")),
        ("April 14\u201316", ("2023-04-14", "day")),  # en dash
        ("14-16 April", ("2023-04-14", "day")),
        ("April 14 to 16", ("2023-04-14", "day")),
        ("April 14", ("2023-04-14", "day")),
        ("Dec. 7", ("2022-12-07", "day")),  # nearest to the document date
    ],
)
def test_month_day_and_ranges_take_their_first_day(expr: str, expected: tuple[str, str]) -> None:
    assert cal(expr) == expected


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("April 14, 2023", ("2023-04-14", "day")),
        ("Tuesday, April 23, 2024", ("2024-04-23", "day")),
        ("14 April 2023", ("2023-04-14", "day")),
        ("April 2023", ("2023-04", "month")),
        ("in 2016", ("2016", "year")),
        ("mid-2023", ("2023", "year")),
        ("late 2019", ("2019", "year")),
        ("2023-04-15", ("2023-04-15", "day")),
    ],
)
def test_absolute_dates_keep_the_precision_the_text_gives(expr: str, expected: tuple[str, str]) -> None:
    assert cal(expr) == expected
    assert cal(expr, None) == expected  # no document date needed


@pytest.mark.parametrize("expr", ["on Saturday", "last month", "in March", "April 14-16", "a decade ago"])
def test_without_a_document_date_relative_expressions_are_not_resolved(expr: str) -> None:
    assert normalise(expr, None) is None


@pytest.mark.parametrize(
    "expr", ["in the coming weeks", "recently", "the weeks and months ahead", "in the future", "now"]
)
def test_vague_expressions_are_not_calendar_dates(expr: str) -> None:
    t = normalise(expr, SAT, "future")
    assert t is not None and calendar(t.value) is None


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("three months", ("P3M", "DURATION")),
        ("a decade", ("P10Y", "DURATION")),
        ("the past two quarters", ("P2Q", "DURATION")),
        ("two to three weeks", ("P2W", "DURATION")),
        ("every week", ("P1W", "SET")),
        ("10 p.m. Wednesday", ("2023-04-12T22:00", "TIME")),
        ("Saturday morning", ("2023-04-15TMO", "TIME")),
        ("nineteen ninety-six", ("1996", "DATE")),
        ("the 1990s", ("199", "DATE")),
        ("the third quarter", ("2022-Q3", "DATE")),
    ],
)
def test_timex3_values_for_other_types(expr: str, expected: tuple[str, str]) -> None:
    t = normalise(expr, SAT, "past")
    assert t is not None and (t.value, t.type) == expected


def test_calendar_never_invents_a_day() -> None:
    assert calendar("2023-04") == ("2023-04", "month")
    assert calendar("2023") == ("2023", "year")
    assert calendar("2023-Q2") == ("2023", "year")
    assert calendar("P3M") is None
    assert calendar("PAST_REF") is None
    assert calendar("199") is None


def test_future_flag_marks_dates_after_the_document() -> None:
    t = normalise("on Sunday", SAT, "future")
    assert t is not None and t.future
    t = normalise("on Friday", SAT, "past")
    assert t is not None and not t.future


def test_a_month_day_months_ahead_in_a_past_clause_is_this_years_not_next() -> None:
    october = dt.date(2023, 10, 20)
    assert cal("February 19", october, "past") == ("2023-02-19", "day")
    assert cal("February 19", october, None) == ("2024-02-19", "day")  # no tense: the nearest
    assert cal("November 2", october, "past") == ("2023-11-02", "day")  # a deadline just ahead
