"""Key dates: how a day's score counts the documents that refer to it.

The date-wise approach ranks days by the articles that refer to them (Tran et al. 2013;
Gholipour Ghalandari & Ifrim 2020).  These tests pin what counts and how much: distinct
documents (not sentences), distinct outlets, a share for an undated lead, a bonus for a
recall a week or more later, and the corpus window's prior.  Hand-built candidates; no
model, no benchmark data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from briefgen.extract.timeline.key import (
    LATER_DAYS,
    LEAD_WEIGHT,
    NEAR_DAYS,
    OUTSIDE_WEIGHT,
    Candidate,
    date_scores,
)
from briefgen.models import Event, Precision

WIN = (dt.date(2021, 3, 1), dt.date(2021, 3, 31))
OUTLET = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}


def cand(
    date: str,
    referring: Collection[str] = (),
    leads: Collection[str] = (),
    precision: Precision = "day",
    background: bool = False,
    sentences: int = 1,
) -> Candidate:
    docs = sorted(set(referring) | set(leads)) or ["a1"]
    event = Event(
        date=date, precision=precision, text=f"event on {date}", sources=docs, background=background
    )
    said = [(d, f"sentence {i} of {d}") for d in docs for i in range(sentences)]
    return Candidate(
        event=event, referring=frozenset(referring), leads=frozenset(leads), sentences=said
    )


def scores(cands: list[Candidate], published: dict[str, dt.date] | None = None) -> dict[str, float]:
    pub = published or {}
    return date_scores(cands, lambda d: OUTLET.get(d, d), WIN, lambda d: pub.get(d))


def test_a_document_counts_once_for_its_date_however_many_sentences_write_it() -> None:
    once = scores([cand("2021-03-10", {"a1"})])
    often = scores([cand("2021-03-10", {"a1"}, sentences=6), cand("2021-03-10", {"a1"})])
    assert often["2021-03-10"] == once["2021-03-10"]


def test_a_second_outlet_weighs_more_than_a_second_story_from_the_same_outlet() -> None:
    same_outlet = scores([cand("2021-03-10", {"a1", "a2"})])
    two_outlets = scores([cand("2021-03-10", {"a1", "b1"})])
    assert two_outlets["2021-03-10"] > same_outlet["2021-03-10"]


def test_an_undated_lead_counts_part_of_a_reference_and_never_twice_for_one_document() -> None:
    referred = scores([cand("2021-03-10", {"a1", "b1"})])["2021-03-10"]
    with_lead = scores([cand("2021-03-10", {"a1", "b1"}, leads={"c1"})])["2021-03-10"]
    lead_of_a_referrer = scores([cand("2021-03-10", {"a1", "b1"}, leads={"a1"})])["2021-03-10"]
    assert with_lead == referred + LEAD_WEIGHT
    assert lead_of_a_referrer == referred


def test_days_just_outside_the_window_count_less_and_days_far_outside_not_at_all() -> None:
    inside = "2021-03-31"
    near = (WIN[1] + dt.timedelta(days=NEAR_DAYS)).isoformat()
    far = (WIN[1] + dt.timedelta(days=NEAR_DAYS + 1)).isoformat()
    got = scores([cand(d, {"a1", "b1"}) for d in (inside, near, far)])
    assert got[near] == OUTSIDE_WEIGHT * got[inside]
    assert far not in got


def test_background_items_and_coarser_dates_do_not_vote_for_a_day() -> None:
    got = scores(
        [
            cand("2021-03-10", {"a1"}),
            cand("2021-03-12", {"a1", "b1", "c1"}, background=True),
            cand("2021-03", {"a1", "b1", "c1"}, precision="month"),
        ]
    )
    assert set(got) == {"2021-03-10"}


def test_only_a_recall_a_week_or_more_later_earns_the_later_reference_bonus() -> None:
    day = dt.date(2021, 3, 10)
    soon = {"a1": day, "b1": day + dt.timedelta(days=LATER_DAYS - 1)}
    late = {"a1": day, "b1": day + dt.timedelta(days=LATER_DAYS)}
    flat = scores([cand("2021-03-10", {"a1", "b1"})])["2021-03-10"]
    assert scores([cand("2021-03-10", {"a1", "b1"})], soon)["2021-03-10"] == flat
    assert scores([cand("2021-03-10", {"a1", "b1"})], late)["2021-03-10"] > flat
