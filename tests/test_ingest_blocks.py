"""Ingest removes page furniture that comes in blocks or glued to lines: update
stamps, broadcast programme listings, caption lines and chronology boxes; prose that
merely looks alike is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest.blocks import (
    drop_chronology,
    is_caption,
    is_listing,
    split_page_stamps,
    strip_blocks,
)
from briefgen.ingest.clean import Cleaner
from briefgen.ingest.loader import build_article
from briefgen.ingest.readers import RawDoc

# ---------------------------------------------------------------- update stamps


def test_stamp_between_headline_and_lead_parts_them() -> None:
    line = (
        "Singer was 'murdered for money', says sister Page last updated at 08:58 GMT, "
        "Thursday, 24 June 2010 09:58 UK The singer's sister has claimed he was killed."
    )
    assert split_page_stamps(line) == [
        "Singer was 'murdered for money', says sister",
        "The singer's sister has claimed he was killed.",
    ]


@pytest.mark.parametrize(
    "line, rest",
    [
        (
            "24 April 2011 Last updated at 17:55 GMT Help Security forces arrested dozens.",
            "Security forces arrested dozens.",
        ),
        (
            "30 August 11 11:00 GMT Associate fellow, Royal Institute",
            "Associate fellow, Royal Institute",
        ),
        (
            "(an error occurred while processing this directive) The band joined the tour.",
            "The band joined the tour.",
        ),
        (
            "Last updated: 29 June 2010 Are you trying to trace your family tree?",
            "Are you trying to trace your family tree?",
        ),
    ],
)
def test_update_stamps_are_cut_out_of_lines(line: str, rest: str) -> None:
    assert split_page_stamps(line) == [rest]


def test_prose_about_an_update_is_kept_whole() -> None:
    line = "The ministry last updated its figures on Monday, at 17:55 local time."
    assert split_page_stamps(line) == [line]


# ---------------------------------------------------------------- listings


@pytest.mark.parametrize(
    "line",
    [
        "7.00-10 .30 pm RADIO FIVE Mark Jones introduces all the day's sports news.",
        "9.30pm-1 .00 am RADIO FIVE Uninterrupted commentary of the final day.",
        "8-9pm CHANNEL TWO A documentary about the river.",
        "9.00pm-12 .00 midnight RADIO SIX Sessions from three bands.",
    ],
)
def test_programme_listing_lines_are_recognised(line: str) -> None:
    assert is_listing(line)


@pytest.mark.parametrize(
    "line",
    [
        "7.30 was the time the polls closed, officials said.",
        "Between 7 and 10 people were hurt, police said.",
        "10-15 percent of voters stayed home.",
    ],
)
def test_prose_opening_with_numbers_is_not_a_listing(line: str) -> None:
    assert not is_listing(line)


# ---------------------------------------------------------------- captions


@pytest.mark.parametrize(
    "line",
    [
        "Gas prices are seen at a petrol station in New York February 22, 2011.",
        "Picture taken March 16, 2011.",
        "EDITOR'S NOTE: PICTURE TAKEN ON GUIDED GOVERNMENT TOUR Soldiers react at the west gate.",
        "A fighter stands guard at a checkpoint east of the city of Springfield, June 11, 2011.",
    ],
)
def test_caption_lines_are_recognised(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "The law takes effect on January 1, 2012.",
        "The talks were held on Tuesday, February 22, 2011.",
        "Prices rose sharply in February, the ministry said.",
    ],
)
def test_prose_ending_with_a_date_is_not_a_caption(line: str) -> None:
    assert not is_caption(line)


# ---------------------------------------------------------------- chronology boxes

BOX = [
    "The council met again on Sunday.",
    "Here is a timeline of events:",
    "February 24 - Militias take control of the coastal city.",
    "February 26 - The council imposes sanctions on the leader.",
    "Rebels reject the plan the next day.",
    "March 5 - The rebel council declares itself the sole representative.",
    "-- Rebels reach the main square.",
    "Analysts expect more talks next week.",
]


def test_chronology_box_goes_with_its_heading_and_run_on_lines() -> None:
    kept, dropped = drop_chronology(BOX)
    assert kept == ["The council met again on Sunday.", "Analysts expect more talks next week."]
    assert len(dropped) == 6


def test_two_dated_lines_are_not_a_box() -> None:
    lines = [
        "March 5 - a date the council will remember.",
        "The vote was close.",
        "March 9 - the next meeting - was cancelled.",
    ]
    assert drop_chronology(lines) == (lines, [])


def test_dated_lines_far_apart_are_not_a_box() -> None:
    filler = ["One sentence.", "Another sentence.", "A third sentence."]
    lines = ["May 1 - Talks open.", *filler, "May 2 - Talks stall.", *filler, "May 3 - Talks end."]
    assert drop_chronology(lines)[0] == lines


def test_a_box_heading_printed_with_its_first_item_goes_with_the_box() -> None:
    text = "\n".join(
        [
            "Wed Mar 12, 2031 8:59 am EDT (Wire) - Here is a timeline of the dispute since the strike began: "
            "March 15/16, 2031 - Dock workers walk out in the capital.",
            "March 20 - The port closes.",
            "April 2 - The government orders talks.",
            "April 9 - Talks collapse.",
        ]
    )
    out, dropped = strip_blocks(text)
    assert out == ""
    assert sum(1 for reason, _ in dropped if reason == "chronology") == 5


def test_prose_that_names_a_timeline_before_a_colon_is_kept() -> None:
    line = "The minister set out a timeline for the talks: a first round in May and a deal by June."
    assert strip_blocks(line)[0] == line


# ---------------------------------------------------------------- the whole step


def test_strip_blocks_keeps_the_article_and_reports_what_it_dropped() -> None:
    text = "\n".join(
        [
            "7.00-10 .30 pm RADIO FIVE Mark Jones introduces the day's news.",
            "Officials said the bridge would reopen on Friday.",
            "Workers are seen on the bridge in Springfield May 3, 2011.",
            *BOX,
        ]
    )
    out, dropped = strip_blocks(text)
    assert out.split("\n") == [
        "Officials said the bridge would reopen on Friday.",
        "The council met again on Sunday.",
        "Analysts expect more talks next week.",
    ]
    assert {reason for reason, _ in dropped} == {"listing", "caption", "chronology"}


def test_article_text_leaves_out_furniture_and_title_skips_a_glued_stamp() -> None:
    raw = RawDoc(
        text=(
            "Page last updated at 07:02 GMT, Friday, 16 September 2011 08:02 UK "
            "The singer's brother explained his criticism of a concert.\n"
            "He said the date was wrong.\n"
        )
    )
    article = build_article("a.txt", Path("a.txt"), raw, {}, Cleaner())
    assert article is not None
    assert article.title == "The singer's brother explained his criticism of a concert."
    assert "updated" not in article.text


def test_schedule_page_is_dropped_whole() -> None:
    text = "\n".join(
        [
            "Skip to a day of the week:",
            "7.00-10 .30 pm RADIO FIVE Mark Jones introduces the day's news.",
            "Sam is determined to prove her friend's innocence in this new drama.",
            "8.00-9 .00 pm RADIO FIVE A new business show.",
            "9.30pm-1 .00 am RADIO FIVE Live commentary of the final day.",
            "The band perform a live session for the show.",
        ]
    )
    out, dropped = strip_blocks(text)
    assert out == ""
    assert (
        "listing page",
        "Sam is determined to prove her friend's innocence in this new drama.",
    ) in dropped


def test_one_listing_in_an_article_drops_only_that_line() -> None:
    text = "The presenter quit on Monday.\n7.00-10 .30 pm RADIO FIVE Mark Jones presents.\nHe had hosted the show for years."
    assert (
        strip_blocks(text)[0] == "The presenter quit on Monday.\nHe had hosted the show for years."
    )


BOARD = [
    "Are you trying to trace your family tree?",
    "If you think your ancestors came from the valley, here's the place to post a query.",
    "If you can help with any of the queries on this page, email us and we will add it.",
    "Jo Roe has responded to a query made by Al Poe: Jo: “I am researching my grandmother.”",
    "Al: “I'm a descendant of the millers of the town.”",
    "Margi: “I am looking for any photo of my cousin.”",
    "Sam Lee would like information about a farm: Sam: “Does anyone know the farm?”",
    "Kit: “My family came from the coast.”",
]


def test_message_board_page_is_dropped_whole() -> None:
    out, dropped = strip_blocks("\n".join(BOARD))
    assert out == ""
    assert {reason for reason, _ in dropped} == {"message board"}


def test_press_review_quotes_without_a_call_for_posts_are_kept() -> None:
    lines = [
        "Newspapers in the region welcomed the decision.",
        *(
            f"Writer {i} in the Daily Paper: “The decision is a blow to the government.”"
            for i in range(6)
        ),
    ]
    assert strip_blocks("\n".join(lines))[0] == "\n".join(lines)


def test_bullets_under_a_dated_item_do_not_break_the_box() -> None:
    lines = [
        "Aug 20 - Rebels advance on the capital.",
        "Aug 21 - Rebels enter the capital.",
        *(f"-- Rebels say they hold district {i}." for i in range(5)),
        "Aug 22 - Government tanks resist in the capital.",
        "-- Rebels reach the main square.",
        "The fighting went on into the night.",
    ]
    assert drop_chronology(lines)[0] == ["The fighting went on into the night."]


def test_a_caption_glued_between_headline_and_lead_goes() -> None:
    text = (
        "Harbour strike: pundits eye end game Union leader Ivo Moss (R), one of the men arrested, "
        "was part of the council's (L) inner circle Commentators have been reading the runes.\n"
        "Talks resume on Monday, the union said."
    )
    out, dropped = strip_blocks(text)
    assert out == "Talks resume on Monday, the union said."
    assert ("caption", text.split("\n")[0]) in dropped


def test_one_position_mark_in_the_body_is_kept_but_two_mark_a_caption() -> None:
    body = ["First line.", "Second line.", "Third line."]
    kept = "The senator (R) said the bill would pass."
    caption = "Ivo Moss (l) greets Arno Pike (r) at the port. The talks lasted two hours."
    out, _ = strip_blocks("\n".join([*body, kept, caption]))
    assert out.split("\n") == [*body, kept, "The talks lasted two hours."]


def test_a_profile_box_run_into_one_line_goes_but_a_quoted_speaker_stays() -> None:
    box = "Born: 3 May 1961, Port Ellen Also known as: The Harbour Master Best known for: the 1999 strike"
    speaker = "Moss: We will not go back to work until the port authority improves its offer."
    out, dropped = strip_blocks("\n".join(["The strike entered its third week.", box, speaker]))
    assert out.split("\n") == ["The strike entered its third week.", speaker]
    assert ("fact box", box) in dropped
