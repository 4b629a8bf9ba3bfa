"""Ingest clean-up: PTB text is detokenised, datelines and bylines glued to lines go,
a headline glued to the lead is split off, and hard-wrapped lines are joined."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from briefgen.ingest.clean import Cleaner
from briefgen.ingest.debris import (
    join_wrapped_lines,
    split_at_dateline,
    split_glued_headline,
    strip_dateline,
    strip_timestamp_byline,
    tidy,
)
from briefgen.ingest.detok import detokenise, detokenise_if_ptb, looks_ptb
from briefgen.ingest.loader import build_article
from briefgen.ingest.readers import RawDoc

PTB = (
    "Haiti 's capital -LRB- Port-au-Prince -RRB- was hit , officials said .\n"
    "The disaster is `` unimaginable , '' she said .\n"
    "The DEC appeal has raised # 60m so far .\n"
    "They did n't know the U.S. .\n"
)


# ---------------------------------------------------------------- detection


def test_ptb_text_is_recognised() -> None:
    assert looks_ptb(PTB)


def test_text_with_one_spaced_clitic_is_not_tokenised_and_is_left_unchanged() -> None:
    text = "The minister said the boy 's dog was found. Officials, however, were unsure.\nIt rained."
    assert not looks_ptb(text)
    assert detokenise_if_ptb(text) == text


def test_ordinary_prose_with_brackets_and_quotes_is_left_unchanged() -> None:
    text = 'He said: "We will (probably) win." She didn\'t agree, and left.'
    assert detokenise_if_ptb(text) == text


def test_one_spaced_comma_does_not_make_a_text_tokenised() -> None:
    assert not looks_ptb("Prices rose , then fell. Markets closed early. Traders left.")


# ---------------------------------------------------------------- detokenising


def test_bracket_tokens_become_brackets_and_clitics_are_glued() -> None:
    out = detokenise(PTB).split("\n")
    assert out[0] == "Haiti's capital (Port-au-Prince) was hit, officials said."
    assert out[3] == "They didn't know the U.S."


def test_ptb_double_quotes_become_curly_quotes_around_the_words() -> None:
    assert detokenise(PTB).split("\n")[1] == "The disaster is “unimaginable,” she said."


def test_hash_before_a_number_becomes_a_pound_sign_but_not_elsewhere() -> None:
    assert "raised £60m so far." in detokenise(PTB)
    assert detokenise("Trending # topics are listed .") == "Trending #topics are listed."


def test_single_quotes_and_square_and_curly_brackets() -> None:
    assert detokenise("a ` quoted ' word -LSB- sic -RSB- -LCB- x -RCB- .") == "a ‘quoted’ word [sic] {x}."


def test_quote_state_carries_across_lines() -> None:
    assert detokenise("`` We will stay .\nWe must , '' he said .") == "“We will stay.\nWe must,” he said."


def test_escaped_slash_and_spaced_currency_and_percent() -> None:
    assert detokenise("cost $ 5 -LRB- 50 % -RRB- and\\/or more .") == "cost $5 (50%) and/or more."


def test_line_structure_is_kept() -> None:
    assert detokenise(PTB).count("\n") == PTB.count("\n")


# ---------------------------------------------------------------- datelines and bylines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("MEXICO CITY (Reuters) - Mexico began testing.", "Mexico began testing."),
        ("Reuters) - Mexico began testing.", "Mexico began testing."),
        ("LONDON (AP) — Prices rose on Monday.", "Prices rose on Monday."),
        ("Cairo, Egypt (CNN) -- Protesters gathered.", "Protesters gathered."),
        ("RABAT, June 12 (Reuters) - The king spoke.", "The king spoke."),
        ("WASHINGTON -- The financial crisis deepened.", "The financial crisis deepened."),
        (
            "By Ann Roe, Health Editor WASHINGTON | Tue Apr 21, 2009 10:19 pm BST "
            "WASHINGTON (Reuters) - A new virus spread.",
            "A new virus spread.",
        ),
    ],
)
def test_datelines_are_removed_from_the_start_of_a_line(line: str, expected: str) -> None:
    assert strip_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The agency (Reuters) - as it said - was wrong.",  # lower case after the dash
        "NATO -- the alliance said -- would act.",
        "Officials said on Monday that prices rose. LONDON (AP) - Later, more.",  # a sentence before
    ],
)
def test_lines_that_only_mention_an_agency_or_a_dash_keep_their_start(line: str) -> None:
    assert strip_dateline(line) == line


def test_header_text_before_a_mid_line_dateline_is_split_off_with_its_bullets() -> None:
    line = (
        "Storm hits coast * Homes lost in the north * Roads closed By Ann Roe "
        "PARIS/LYON, April 27 (Reuters) - The storm reached the coast on Monday."
    )
    assert split_at_dateline(line) == [
        "Storm hits coast",
        "Homes lost in the north",
        "Roads closed By Ann Roe",
        "The storm reached the coast on Monday.",
    ]


def test_mixed_case_place_before_a_mid_line_dateline_is_removed() -> None:
    line = "Talks stall over budget Brussels, Belgium (AFP) -- Ministers failed to agree."
    assert split_at_dateline(line) == ["Talks stall over budget", "Ministers failed to agree."]


def test_a_line_without_a_mid_line_dateline_is_not_split() -> None:
    line = "Ministers met (AFP reported) and talked - Then they left."
    assert split_at_dateline(line) == [line]


def test_timestamp_byline_before_the_text_is_removed() -> None:
    line = "Dave Lee | 14:19 UK time, Monday, 25 January 2010 BBC World Service has begun a program."
    assert strip_timestamp_byline(line) == "BBC World Service has begun a program."


def test_byline_and_place_time_lines_are_emptied() -> None:
    assert strip_timestamp_byline("By Jane Doe, BBC News") == ""
    assert strip_timestamp_byline("MEXICO CITY | Sun May 3, 2009 7:36 pm EDT") == ""
    assert strip_timestamp_byline("By the Agency Wire Staff Rebels cheer in the square") == (
        "Rebels cheer in the square"
    )


@pytest.mark.parametrize("stamp", ["(Update 3:53 p.m. Valdo, 8:53 a.m. ET) ", "-- [Updated 14:05 GMT] ",
                                   "(10:30 local time) ", "-- (Update 7 p.m. Valdo, Noon ET) "])
def test_a_live_page_update_stamp_before_the_text_is_removed(stamp: str) -> None:
    assert strip_timestamp_byline(stamp + "Opposition leaders called for new elections.") == (
        "Opposition leaders called for new elections."
    )


@pytest.mark.parametrize("line", ["(10:30) The minister arrived late.", "(Reuters) Ministers met at 10:30 GMT.",
                                  "(AP) The update was released at 3:00 p.m. ET."])
def test_a_bracket_without_an_update_stamp_is_kept(line: str) -> None:
    assert strip_timestamp_byline(line) == line


def test_a_sentence_starting_with_by_is_kept() -> None:
    line = "By Friday, the talks had collapsed."
    assert strip_timestamp_byline(line) == line


# ---------------------------------------------------------------- glued headlines


def test_headline_glued_to_the_lead_is_split_at_the_known_title() -> None:
    line = "Leader pledges help for flood victims The prime minister has vowed long-term help."
    assert split_glued_headline(line, "Leader pledges help for flood victims") == [
        "Leader pledges help for flood victims",
        "The prime minister has vowed long-term help.",
    ]


def test_headline_and_caption_glued_to_the_lead_are_split_before_sentence_openers() -> None:
    line = (
        "Desperate survivors plead for aid Hundreds of thousands of people are awaiting "
        "the start of a rescue effort."
    )
    assert split_glued_headline(line) == [
        "Desperate survivors plead for aid",
        "Hundreds of thousands of people are awaiting the start of a rescue effort.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Delegates met in The Hague on Monday to discuss the new treaty in detail.",
        "The minister said on Monday that the talks would continue next week.",
        "Short headline only",
    ],
)
def test_ordinary_first_lines_are_not_split(line: str) -> None:
    assert split_glued_headline(line) == [line]


def test_title_that_is_the_whole_first_line_is_not_split() -> None:
    assert split_glued_headline("Floods reach the capital", "Floods reach the capital") == [
        "Floods reach the capital"
    ]


# ---------------------------------------------------------------- line breaks


def test_break_before_a_lower_case_word_is_joined_and_paragraphs_kept() -> None:
    text = "The virus was no\nmore severe than flu.\n\nA new paragraph starts."
    assert join_wrapped_lines(text) == "The virus was no more severe than flu.\n\nA new paragraph starts."


def test_hard_wrapped_paragraph_is_joined_into_one_line() -> None:
    text = (
        "The committee met on Tuesday to discuss the budget and the\n"
        "Treasury proposal, which several members described as too\n"
        "Optimistic for a year of slow growth and rising prices.\n"
        "Members will vote next week."
    )
    out = join_wrapped_lines(text)
    assert out.split("\n")[0].endswith("rising prices.")
    assert "the Treasury proposal" in out
    assert out.count("\n") == 1


def test_lines_that_end_sentences_and_headline_lines_stay_apart() -> None:
    text = "Floods reach the capital\nThousands fled on Monday.\nMore rain is due."
    assert join_wrapped_lines(text) == text


# ---------------------------------------------------------------- whole document


def test_tidy_cleans_a_wire_story() -> None:
    text = (
        "Floods reach the capital Thousands of people fled their homes on Monday night.\n\n"
        "MEXICO CITY (Reuters) - Rescue teams worked through the\nnight, officials said."
    )
    assert tidy(text) == (
        "Floods reach the capital\nThousands of people fled their homes on Monday night.\n\n"
        "Rescue teams worked through the night, officials said."
    )


def test_article_from_ptb_source_has_clean_text_and_title() -> None:
    raw = RawDoc(
        text=(
            "Storm batters coast Hundreds of homes were damaged , officials said .\n"
            "LONDON -LRB- Reuters -RRB- - The storm 's winds reached 150 km\\/h .\n"
            "`` It was terrifying , '' a resident said .\n"
        ),
        meta={},
    )
    article = build_article("a.txt", Path("a.txt"), raw, {}, Cleaner())
    assert article is not None
    assert article.title == "Storm batters coast"
    assert article.text.split("\n") == [
        "Storm batters coast",
        "Hundreds of homes were damaged, officials said.",
        "The storm's winds reached 150 km/h.",
        "“It was terrifying,” a resident said.",
    ]


def test_debris_data_holds_generic_forms_only() -> None:
    text = resources.files("briefgen").joinpath("data/ingest_debris.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert set(data) == {"wire_agencies", "sentence_openers"}
    agencies = [str(a) for a in data["wire_agencies"]]
    assert all(len(a.split()) <= 3 for a in agencies)  # agency names, not datelines or stories
    story_words = {"haiti", "mexico", "obama", "flu", "earthquake", "syria", "libya", "egypt", "swine"}
    words = {w.casefold() for w in text.split()}
    assert not words & story_words


def test_a_short_tokenised_caption_is_recognised() -> None:
    text = "Aid arrives by air Reporters say food , water and tents are landing at the airport ."
    assert looks_ptb(text)
    assert detokenise_if_ptb(text).endswith("food, water and tents are landing at the airport.")


def test_title_case_headline_and_clause_openers_are_not_split() -> None:
    for line in [
        "The Financial Crisis And You: What It Means For Savers and what they can do next.",
        "I can still remember the precise moment when I finally realized the plan had failed.",
    ]:
        assert split_glued_headline(line) == [line]
