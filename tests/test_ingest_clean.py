"""Page furniture removal: furniture goes, every line of the article proper stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import IngestConfig
from briefgen.ingest.byline import is_credit_line, parse_byline
from briefgen.ingest.clean import Cleaner

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# For each seed: the opening words of every line cleaning must drop (hand-labelled by
# reading the files), and the opening words of the first trailer line, from which
# everything is dropped.  Every other non-empty line must survive unchanged.
SEED_FURNITURE: dict[str, tuple[list[str], str | None]] = {
    "000_85fd3166f8a89122.txt": (
        [
            "This Week in Asia",  # section header, named again by "More from This Week in Asia"
            "Do you have questions about the biggest topics",
            "This article originally appeared on",
            "Copyright (c) 2023",
        ],
        "More from This Week in Asia",
    ),
    "001_23cc1a3667f8ab6f.txt": (
        [
            "Advertisement",
            "Reading Time:",
            "Why you can trust",
            "27",
            "US Secretary of State Antony Blinken (left) is greeted",  # photo caption
            "US Secretary of State Antony Blinken said on Saturday that the US was finalising",  # caption, twice
        ],
        None,
    ),
    "002_9bfdfce3e2fb89ff.txt": (["By Sebastian Strangio"], "Articles similaires / Related posts"),
    "003_a09b2cf6880cc8fb.txt": (
        ["See also", "(Covering by", "Our standards:"],
        "Leave a Reply",
    ),
    "004_06edac9f7beaf37f.txt": (
        ["Find out about the story of the week", "Subscribe Newsletter", "Enjoying this article?"],
        None,
    ),
}


def _lines(text: str) -> list[str]:
    return [ln.strip().replace("\u00a0", " ") for ln in text.splitlines() if ln.strip()]


@pytest.mark.parametrize("name", sorted(SEED_FURNITURE))
def test_seed_cleaning_drops_furniture_and_keeps_every_body_line(name):
    raw = _lines((SEEDS / name).read_text(encoding="utf-8"))
    furniture, trailer = SEED_FURNITURE[name]
    if trailer:
        cut = next(i for i, ln in enumerate(raw) if ln.startswith(trailer))
        raw = raw[:cut]
    expected_body = [ln for ln in raw if not any(ln.startswith(f) for f in furniture)]
    assert len(expected_body) < len(raw), "the hand labels must match lines of the seed"

    cleaned = _lines(Cleaner().clean((SEEDS / name).read_text(encoding="utf-8")))

    assert cleaned == expected_body


@pytest.mark.parametrize(
    "furniture",
    [
        "Advertisement",
        "Do you have questions about the biggest topics and trends? Get the answers with Example Knowledge, our new platform.",
        "See also  Senate passes budget bill",
        "Subscribe Newsletter",
        "Enjoying this article? Click here to subscribe for full access.",
        "Reading Time:3 minutes",
        "Why you can trust Example News",
        "1,204 shares",
        "5 min read",
        "Copyright 2024 Example Media Ltd.",
        "© 2024 Example Media. All rights reserved.",
        "This article originally appeared on the Example Post.",
        "Photo: Jane Doe/Example Agency",
        "The minister arrives at the airport on Monday. Photo: AFP",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "(Covering by Jane Doe). Editing by John Roe",
        "By Jane Doe – The Example – July 31, 2023",
        "Read more: Council approves budget",
        "Sign up for our morning newsletter",
        "Interview With Anna Berg; Budget Talks Aired March 3, 2024 - 10:00 ET THIS IS A RUSH TRANSCRIPT.",
        "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.",
        "Strelsau Tonight Aired March 3, 2024 - 20:00:00 ET",
    ],
)
def test_furniture_line_is_dropped(furniture):
    text = f"The council met on Monday to discuss the budget.\n\n{furniture}\n\nThe vote was postponed."
    out = Cleaner().clean(text)
    assert furniture.strip() not in out
    assert "The council met on Monday to discuss the budget." in out
    assert "The vote was postponed." in out


@pytest.mark.parametrize(
    "prose",
    [
        "By Friday, the talks had collapsed and both delegations had gone home.",
        "Reporting by the local newspaper revealed that the contract had been changed twice.",
        "Related talks will continue next week in the capital, officials said.",
        "Related-party transactions rose by five percent last year, the audit found.",
        "Subscribers to the service will see prices rise in the spring.",
        "The advertisement campaign cost more than the ministry had said.",
        "More from the minister's speech suggested a change of course.",
        "Copyright law was the main subject of the hearing on Tuesday.",
        "See the full list of measures below, the ministry said.",
        "Comments by the president last week surprised analysts.",
        "2023 was the warmest year on record, the agency said.",
        "(c) the fund must publish its accounts every year.",
        "The interview aired on Monday and drew a record audience, the network said.",
    ],
)
def test_article_sentence_is_kept(prose):
    text = f"Officials met on Monday.\n\n{prose}\n\nThe meeting ended at noon."
    assert prose in Cleaner().clean(text)


def test_trailer_in_second_half_cuts_the_rest():
    body = "\n\n".join(
        f"Paragraph {i} of the report explains one more detail of the plan." for i in range(6)
    )
    text = (
        body
        + "\n\nRelated posts:\n\n- Another story entirely\n- A third story about something else"
    )
    out = Cleaner().clean(text)
    assert out.endswith("Paragraph 5 of the report explains one more detail of the plan.")
    assert "Another story" not in out


def test_trailer_heading_early_drops_only_the_heading():
    text = (
        "Related posts\n\nThe first paragraph of the article is here and it is long enough.\n\n"
        + "\n\n".join(f"Paragraph {i} continues the article with more words." for i in range(5))
    )
    out = Cleaner().clean(text)
    assert "Related posts" not in out
    assert "The first paragraph of the article is here" in out
    assert "Paragraph 4 continues" in out


def test_repeated_caption_keeps_one_copy():
    caption = "Crowds gather outside the parliament building in the capital on Monday evening."
    text = f"{caption}\n{caption}\n\nThe protest was peaceful, police said."
    assert Cleaner().clean(text).count(caption) == 1


def test_prompt_line_before_subscribe_box_is_dropped():
    text = (
        "The budget passed on Tuesday.\n\nGet the week's top stories delivered to your inbox.\n\n"
        "Subscribe now\n\nThe opposition voted against it."
    )
    out = Cleaner().clean(text)
    assert "top stories" not in out
    assert "The opposition voted against it." in out


def test_config_patterns_extend_the_lists():
    cfg = IngestConfig(furniture=[r"listen to this article.*"], trailers=[r"about the author"])
    cleaner = Cleaner(cfg.furniture, cfg.trailers, cfg.teasers)
    text = (
        "Listen to this article (3 min)\n\nThe port reopened on Friday after the storm.\n\n"
        "Ships queued outside the harbour for two days before the pilots returned.\n\n"
        "About the author\n\nJane writes about shipping."
    )
    out = cleaner.clean(text)
    assert "Listen to this" not in out
    assert "Jane writes" not in out
    assert "The port reopened on Friday after the storm." in out


def test_bad_config_pattern_is_refused():
    with pytest.raises(ValueError, match="not a valid regular expression"):
        IngestConfig(furniture=["(unclosed"])


def test_byline_parts():
    b = parse_byline("By Jane Doe – The Example Times – July 31, 2023")
    assert b is not None and (b.author, b.publisher) == ("Jane Doe", "The Example Times")
    assert parse_byline("By JANE DOE, Staff Writer").publisher is None  # type: ignore[union-attr]
    assert parse_byline("By then, the market had closed.") is None
    assert is_credit_line("(Reporting by Jane Doe; Editing by John Roe)")
    assert not is_credit_line("Reporting by the commission showed widespread fraud.")


# ---------------------------------------------------------------- reader comments

_ARTICLE = (
    "Health officials confirmed two new cases of the illness on Sunday, bringing the "
    "national total to 40.\n\n"
    "“We are monitoring the situation closely and schools will stay open,” the regional "
    "health director said at a news conference.\n\n"
    "Laboratories are testing further samples from the outbreak area, and results are "
    "expected by the end of the week.\n\n"
)


def _cleaned(text: str):
    return Cleaner().split(text)


def test_timestamped_comment_thread_is_cut_with_the_call_for_comments() -> None:
    page = (
        _ARTICLE
        + "Are you in the affected area? Do you know someone who has been affected?\n\n"
        "Add your comment\n\n"
        "At 15:18 26th Apr 2009, Dan wrote:\n\n"
        "Does the government suggest I find a larger rock to hide under?\n\n"
        "At 15:42 26th Apr 2009, Priya, Leeds wrote:\n\n"
        "“This is a scandal,” my neighbour said, and I agree with her.\n\n"
        "Comments are closed\n"
    )
    out = _cleaned(page)
    assert out.text.endswith("end of the week.")
    assert "larger rock" not in out.text and "scandal" not in out.text
    assert "Are you in the affected area?" not in out.text
    assert "the regional health director said" in out.text


def test_numbered_comment_list_is_cut_even_in_the_first_half_of_the_page() -> None:
    comments = "".join(
        f"{n}. Reader{n}, Springfield wrote:\n\nI have a long opinion about this that goes on "
        "and on for several sentences, more than the article itself.\n\n"
        for n in range(1, 6)
    )
    out = _cleaned(_ARTICLE + comments)
    assert "Reader1" not in out.text and "long opinion" not in out.text
    assert out.text.endswith("end of the week.")


def test_comment_number_headers_make_a_thread() -> None:
    page = _ARTICLE + "Comment number 1.\n\nAt 9:02am on 27 April 2009, Sam wrote:\n\nRubbish.\n"
    assert _cleaned(page).text.endswith("end of the week.")


def test_a_single_wrote_line_in_the_article_is_not_a_comment_thread() -> None:
    page = (
        "In a letter to staff, the chief executive wrote:\n\n"
        "“We will not close any factory this year.”\n\n" + _ARTICLE
    )
    out = _cleaned(page)
    assert "We will not close any factory" in out.text
    assert out.text.endswith("end of the week.")


def test_reader_call_in_the_first_half_drops_only_its_own_line() -> None:
    page = "Tell us your experiences using the form below.\n\n" + _ARTICLE
    out = _cleaned(page)
    assert "Tell us your experiences" not in out.text
    assert out.text.startswith("Health officials confirmed") and out.text.endswith("end of the week.")


def test_story_highlights_heading_is_dropped_and_its_bullets_kept() -> None:
    from briefgen.ingest.clean import Cleaner

    text = "STORY HIGHLIGHTS\nThe bridge reopens on Friday\nOfficials said the bridge would reopen."
    assert Cleaner().clean(text) == "The bridge reopens on Friday\nOfficials said the bridge would reopen."


def test_comment_stamps_with_reply_or_report_abuse_cut_the_thread() -> None:
    stamped = (
        "Strelsau for the Strelsauers! April 21, 2011 at 12:33 pm | Reply Nobody has said otherwise.\n\n"
        "April 22, 2011 at 9:22 am | Reply Let the parties decide the outcome themselves.\n"
    )
    signed = (
        "He should stay home and skip the debate. Posted by: reader71 | September 26, 2008 11:57 AM | Report abuse\n\n"
        "Both candidates are wrong. Posted by: anna_b | September 26, 2008 12:05 PM | Report abuse\n"
    )
    for comments in (stamped, signed):
        out = _cleaned(_ARTICLE + comments)
        assert out.text.endswith("end of the week."), comments
        assert "Nobody has said" not in out.text and "Both candidates" not in out.text


def test_a_posts_own_posted_by_line_is_kept() -> None:
    out = _cleaned("Posted by: Anna Berg | September 26, 2008 11:57 AM\n\n" + _ARTICLE)
    assert out.text.endswith("end of the week.") and "Health officials confirmed" in out.text
