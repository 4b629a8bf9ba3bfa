"""Junk never becomes a date: one small text per family, and the relative-date cues.

Pure string rules (:mod:`briefgen.extract.timeline.junk`): no model needed.
"""

from __future__ import annotations

import pytest

from briefgen.extract.timeline.junk import cue, junk_reason, non_event_line


def around(sentence: str, expr: str) -> tuple[str, str, str]:
    """(expr, text before it, text after it) in ``sentence``."""
    i = sentence.index(expr)
    return expr, sentence[:i], sentence[i + len(expr):]


@pytest.mark.parametrize(
    ("sentence", "expr", "family"),
    [
        ("The ministers met at 1516 GMT to agree the text.", "1516", "clock time"),
        ("Trading closed at 1700 BST after a volatile day.", "1700", "clock time"),
        ("The committee resumed at 09.30 GMT on the second day.", "09.30", "clock time"),
        ("Tickets cost $1999 each for the opening night.", "1999", "quantity"),
        ("Officials said 1918 cases had been confirmed so far.", "1918", "quantity"),
        ("Shares rose 2010 per cent in the quarter, a record.", "2010", "quantity"),
        ("Streets looked like a scene from 28 Days Later as shops closed.", "28 Days", "title"),
        ('He starred in the film "2012" before turning to politics.', "2012", "title"),
        ("Prices were frozen from 2008 to 2011 under the deal.", "2011", "range end"),
        ("It is a big change from yesterday, officials said.", "yesterday", "comparison"),
        ("29 August 1958 Born: in a tent near the coast", "29 August 1958", "fact box"),
        ("1991 Education: a degree in law from the capital's university", "1991", "fact box"),
    ],
)
def test_each_junk_family_is_not_an_event_date(sentence: str, expr: str, family: str) -> None:
    assert junk_reason(*around(sentence, expr)) == family


@pytest.mark.parametrize(
    ("sentence", "expr"),
    [
        ("The ministers met in 2016 to agree the text.", "2016"),
        ("Prices were frozen from 2008 to 2011 under the deal.", "2008"),
        ("The outbreak began in Mexico on April 24, officials said.", "April 24"),
        ("Yesterday the government closed all schools.", "Yesterday"),
        ("Days later, the army was deployed.", "Days later"),
        ("1969 Leads a bloodless coup against the king.", "1969"),
        ("March 5 - The rebel council declares itself the sole representative.", "March 5"),
    ],
)
def test_real_event_dates_are_kept(sentence: str, expr: str) -> None:
    assert junk_reason(*around(sentence, expr)) is None


@pytest.mark.parametrize(
    "line",
    [
        "Picture taken April 21, 2010.",
        "Reporting by Jane Roe; Editing by John Doe",
        "Posted by reader99 on April 28, 2009 at 10:32 AM",
        "Sunday 26 April 2009 18.45 BST",
        "A version appeared on p7 of the Main section on Saturday 2 May 2009.",
    ],
)
def test_captions_bylines_and_comment_stamps_date_no_event(line: str) -> None:
    assert non_event_line(line)


def test_a_news_sentence_is_not_a_caption_line() -> None:
    assert not non_event_line("The government ordered schools closed across the country on Monday, officials said.")


def test_until_anchors_the_event_to_the_article_and_beginning_on_a_weekday_is_a_start() -> None:
    assert cue(*around("The government ordered classes cancelled until May 6", "May 6")[:2]) == "until"
    assert cue(*around("Businesses were told to stop work beginning on Friday", "Friday")[:2]) == "start"
    assert cue(*around("Schools will be closed from Friday", "Friday")[:2]) == "start"
    assert cue(*around("The schools closed on Friday", "Friday")[:2]) is None
    assert cue(*around("Prices were frozen from 2008 until 2011", "2011")[:2]) is None  # a range end, not "until"


def test_a_weekday_after_a_gathering_that_was_arranged_dates_the_gathering() -> None:
    line = "Earlier, the commission convened an emergency meeting of the ministers on Thursday"
    assert cue(*around(line, "Thursday")[:2]) == "start"
    assert cue(*around("The president called a summit on Friday", "Friday")[:2]) == "start"
    # the act itself on a weekday is not a gathering that was arranged
    assert cue(*around("The ministers met on Thursday to discuss it", "Thursday")[:2]) is None
    assert cue(*around("The president called for calm on Friday", "Friday")[:2]) is None


@pytest.mark.parametrize(
    ("sentence", "expr", "family"),
    [
        ("Born: August 29, 1958, in a small town", "August 29, 1958", "fact box"),
        ("1626: A correspondent writes from the court that the jury is out", "1626", "clock time"),
        ("The doctor said it was 1040 on 25 June when he was called", "1040", "clock time"),
        ("He gave the patient the drug between 1040 and 1050, the detective said", "1040", "clock time"),
        ("The guard had stopped breathing shortly after 1100, the court heard", "1100", "clock time"),
        ("Phone records show calls between 1100 and 1200 that day", "between 1100 and 1200", "clock time"),
        ("1228 Eyewitness Jo Bell tells the radio there are people trapped", "1228", "clock time"),
    ],
)
def test_fact_box_labels_and_live_page_stamps_are_not_event_dates(sentence: str, expr: str, family: str) -> None:
    assert junk_reason(*around(sentence, expr)) == family


def test_a_year_opening_a_sentence_stays_a_year() -> None:
    assert junk_reason(*around("1991 was the year the war began", "1991")) is None
    assert junk_reason(*around("2008 Olympic Games opened in the capital", "2008")) is None


def test_since_a_day_dates_a_statement_of_the_article_but_since_a_year_does_not() -> None:
    line = "Since the alliance took over command on March 31"
    assert cue(*around(line, "March 31")[:2]) == "until"
    assert cue(*around("Prices have doubled since 2013", "2013")[:2]) is None
    assert junk_reason(*around("The war began in 1991 after the invasion", "1991")) is None


def test_a_pair_of_years_after_a_time_word_stays_a_pair_of_years() -> None:
    assert junk_reason(*around("The empire grew between 1914 and 1918 under him", "1914")) is None
    assert junk_reason(*around("The empire grew between 1914 and 1918 under him", "between 1914 and 1918")) is None
    assert junk_reason(*around("Prices doubled after 2008 in the region", "2008")) is None
