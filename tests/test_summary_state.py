"""The bottom line as the state of play: later figures win, sentences stand alone,
clean copies are preferred over garbled ones."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from summary_units import doc_of as _doc
from summary_units import units_of

from briefgen.extract import summary
from briefgen.extract.questions.rank import content_words
from briefgen.models import Article


def _combine(docs):
    stems = [sorted(content_words(" ".join(u.text for u in units))) for _, units in docs]
    return summary.combine(docs, stems, limit=5)


def test_a_later_figure_supersedes_the_earlier_one_with_up_from():
    docs = [
        _doc(
            "a.txt",
            2,
            "The flooding along the northern river has killed 12 people in three provinces, officials said.",
            "Rescue teams from the army reached the worst hit villages by boat on Thursday.",
        ),
        _doc(
            "b.txt",
            3,
            "The flooding along the northern river has killed 12 people in three provinces, the agency said.",
            "Farmers in the valley lost most of their rice crop to the water this week.",
        ),
        _doc(
            "c.txt",
            9,
            "The flooding along the northern river has now killed 57 people in three provinces, officials said.",
            "Schools in the region will stay closed until the water level falls again.",
        ),
    ]
    texts = [item.text for item in _combine(docs)]
    flood = [t for t in texts if "flooding" in t]
    assert len(flood) == 1, texts
    assert "57 people" in flood[0] and "up from 12 on 2 May 2024" in flood[0]


def test_a_figure_that_fell_reads_down_from():
    assert summary._change(40, 25, "2024-05-02") == "down from 40 on 2 May 2024"


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("There, the regional health agency confirmed two more cases.", False),
        ("That's impossible to say until the tests come back next week.", False),
        ("He added that the talks would resume after the holiday.", False),
        ("There are now 57 confirmed cases in the three provinces.", True),
        ("The health agency confirmed two more cases on Friday.", True),
    ],
)
def test_sentences_must_stand_alone(text, alone):
    assert summary.stands_alone(text) is alone


def test_a_garbled_copy_gives_way_to_a_clean_copy_of_the_same_fact():
    garbled = "An expert from the agency, expert said the virus could mutate into a more dangerous strain soon."
    clean = (
        "An expert from the agency said the virus could mutate into a more dangerous strain soon."
    )
    docs = [
        _doc(
            "a.txt",
            2,
            garbled,
            "Hospitals in the capital opened extra wards for patients with fever.",
        ),
        _doc(
            "b.txt",
            3,
            clean,
            "Schools in the northern districts closed for a week as a precaution.",
        ),
    ]
    texts = [item.text for item in _combine(docs)]
    assert any(t.endswith(clean) for t in texts) and not any("expert said" in t for t in texts)


def test_garbled_copies_score_worse_than_clean_ones():
    clean = "An expert from the agency said the virus could mutate into a more dangerous strain."
    garbled = "An expert from the agency, expert said the virus could mutate into a more dangerous strain."
    assert summary.garble(clean) == 0 < summary.garble(garbled)
    assert summary.garble("the the talks resumed.Then they stopped.") >= 2
    assert summary.garble("Minister Jane Doe Travel The visit to the port was short.") == 1
    assert summary.garble("It is unknown if the man is, in fact, from the north).") == 1


def test_a_sentence_needing_its_referent_is_never_a_bullet():
    docs = [
        _doc(
            "a.txt",
            2,
            "He said the new bridge over the river would open to traffic next spring.",
            "The new bridge over the river will carry four lanes of traffic and a railway line.",
        ),
        _doc(
            "b.txt",
            4,
            "The new bridge over the river will open to traffic next spring, the city council said.",
            "The city council approved the budget for the new bridge over the river last year.",
        ),
    ]
    texts = [item.text for item in _combine(docs)]
    assert texts and not any(t.startswith("He ") for t in texts)


def test_figures_skip_years_and_days():
    found = summary.figures(
        "On May 12, 2024 the storm left 3,400 homes without power and 12 people injured."
    )
    assert sorted(found.values()) == [12.0, 3400.0]


def test_figures_of_different_events_are_not_compared():
    killed = summary.figures("The new virus has killed up to 60 people in the region.")
    infected = summary.figures("In all 701 people have been infected in the region.")
    assert killed.keys().isdisjoint(infected.keys())


def test_a_sentence_repeated_word_for_word_on_many_pages_is_furniture():
    sidebar = "Two men were charged in a case that has nothing to do with this story, police said."
    docs = [
        _doc(
            f"d{i}.txt",
            i + 1,
            sidebar,
            f"The harbour board approved the new tariff schedule number {i} after a long debate.",
        )
        for i in range(5)
    ]
    texts = [item.text for item in _combine(docs)]
    assert texts and not any("charged" in t for t in texts)


@pytest.mark.parametrize(
    "text",
    [
        "ET) The president met his deputy, state television reported.",
        "Wednesday White House officials were asked about the aid.",
        "-- At least 2,000 people gathered in the square.",
    ],
)
def test_fragments_cut_from_live_pages_do_not_stand_alone(text):
    assert not summary.stands_alone(text)


def test_a_sentence_about_an_earlier_time_is_background():
    assert summary.is_background("In 1968 a pandemic killed about 1 million people.", 2009)
    assert not summary.is_background("The 2008 season was mild, officials said.", 2009)
    assert not summary.is_background("In 1968 a pandemic killed about 1 million people.", None)


def test_two_reports_of_one_development_make_one_bullet():
    docs = [
        _doc(
            "a.txt",
            2,
            "The court convicted the former mayor of fraud after a six-week trial in the capital.",
            "Farmers in the valley asked the council for new irrigation channels before summer.",
        ),
        _doc(
            "b.txt",
            3,
            "The former mayor was found guilty of fraud by the court in the capital.",
            "The port authority opened a new terminal for container ships on the east bank.",
        ),
    ]
    texts = [item.text for item in _combine(docs)]
    assert sum("mayor" in t for t in texts) == 1, texts


def test_the_main_development_comes_from_the_end_of_the_window():
    early = "The harbour workers' union rejected the port authority's pay offer and called a strike at all docks."
    docs = [
        _doc(
            f"e{i}.txt",
            1 + i,
            early,
            f"Shipping agents in the region expect delays of {3 + i} days for cargo.",
        )
        for i in range(4)
    ] + [
        _doc(
            "late.txt",
            28,
            "The harbour workers' union signed a pay deal with the port authority, ending the strike at all docks.",
            "Cranes at the container terminal were running again by the evening shift.",
        ),
    ]
    items = _combine(docs)
    assert items[0].text.startswith("28 May 2024") and "signed a pay deal" in items[0].text, items[
        0
    ].text


def test_a_page_dated_long_after_the_story_does_not_lead_the_bottom_line():
    said = ["The harbour workers' union held its strike at all {place} docks for a {n}th day.",
            "The port authority said talks with the union would resume once the pickets were lifted in {place}.",
            "Shipping agents expect long delays for cargo while the {place} docks stay closed.",
            "The transport minister urged the union and the port authority to accept mediation in {place}."]
    places = ["Northgate", "Southmoor", "Eastwick", "Westholm", "Redhill"]
    story = [_doc(f"s{i}.txt", 1 + i % 14, said[i % 4].format(place=places[i % 5], n=i + 2),
                  said[(i + 1) % 4].format(place=places[(i + 2) % 5], n=i + 3)) for i in range(20)]
    # a page re-dated by its "updated" stamp more than a year on
    stray = Article(id="stray.txt", path="stray.txt", date=dt.date(2025, 7, 29),
                    text="A tennis player from the port city rose three hundred places in the rankings this season.")
    items = _combine([*story, (stray, units_of(stray.text))])
    assert all("stray.txt" not in it.sources for it in items[:3]), [it.text for it in items]
    assert not any(it.text.startswith("29 July 2025") for it in items), [it.text for it in items]


def test_other_bullets_come_from_the_second_half_of_the_window_when_it_has_any():
    docs = [
        _doc(
            "a.txt",
            1,
            "Dock workers across the southern coast walked out after talks on wages broke down overnight.",
            "Fishing boats from the northern villages blocked the harbour mouth for several hours on Monday.",
        ),
        _doc(
            "b.txt",
            2,
            "Dock workers across the southern coast walked out after talks on wages broke down overnight.",
            "Fishing boats from the northern villages blocked the harbour mouth for several hours on Monday.",
        ),
        _doc(
            "c.txt",
            20,
            "Ferry operators on the island routes cancelled most crossings while the strike continued this week.",
            "Container ships waiting off the coast were diverted to ports further up the river estuary.",
        ),
        _doc(
            "d.txt",
            21,
            "Mediators from the labour ministry met both sides in the capital for a first round of talks.",
            "Prices of imported fruit in the capital markets rose sharply as stocks began to run low.",
        ),
    ]
    texts = [item.text for item in _combine(docs)]
    assert not any("Fishing boats" in t for t in texts), texts


def test_a_short_later_sentence_does_not_replace_a_whole_development():
    def sentence(text, date):
        return summary.Sentence(
            text=text, doc_id=date, index=0, words=frozenset(content_words(text)), date=date
        )

    first = sentence(
        "The civil war in the northern provinces has displaced thousands of families from the border towns.",
        "2024-05-02",
    )
    short = sentence("The civil war in the provinces is not over.", "2024-05-09")
    longer = sentence(
        "The civil war in the northern provinces has now displaced ten thousand families from the towns.",
        "2024-05-09",
    )
    assert summary.latest_version(first, [first, short])[0] is first
    assert summary.latest_version(first, [first, longer])[0] is longer


def test_a_sentence_ending_on_it_said_needs_the_sentence_before():
    assert (
        summary.stands_alone("Production at the field is around 31,000 barrels a day, it said.")
        is False
    )


def test_a_plan_whose_day_has_passed_by_the_end_of_the_window_is_not_a_bullet():
    def sentence(text, date):
        return summary.Sentence(
            text=text, doc_id=date, index=0, words=frozenset(content_words(text)), date=date
        )

    plan = sentence(
        "The tribute concert will take place at the city stadium on 8 October.", "2024-07-20"
    )
    assert summary.overtaken(plan, "2024-11-30") is True
    assert summary.overtaken(plan, "2024-09-30") is False
    late = sentence("The final hearing will take place on 3 January, the court said.", "2024-12-20")
    assert summary.overtaken(late, "2024-12-31") is False  # January of the next year
    assert (
        summary.overtaken(
            sentence("The mayor will speak to reporters later.", "2024-07-20"), "2024-11-30"
        )
        is False
    )


def test_every_bullet_says_when_it_was_reported():
    docs = [
        _doc(
            "a.txt",
            3,
            "Dock workers across the southern coast walked out after talks on wages broke down overnight.",
            "Ferry operators on the island routes cancelled most crossings while the strike continued.",
        ),
        _doc(
            "b.txt",
            9,
            "Mediators from the labour ministry met both sides in the capital for a first round of talks.",
            "Prices of imported fruit in the capital markets rose sharply as stocks began to run low.",
        ),
    ]
    items = _combine(docs)
    assert len(items) >= 2
    assert all(re.match(r"\d{1,2} May 2024\b", it.text) for it in items), [it.text for it in items]


def test_a_sentence_with_another_number_for_the_same_count_does_not_support_it():
    def sentence(text, doc):
        return summary.Sentence(
            text=text, doc_id=doc, index=0, words=frozenset(content_words(text)), date="2024-05-02"
        )

    home = sentence(
        "There are now 39 confirmed cases of the fever in the northern provinces, officials said.",
        "a",
    )
    other = sentence(
        "There are now 403 confirmed cases of the fever in the southern provinces, officials said.",
        "b",
    )
    same = sentence(
        "There are now 39 confirmed cases of the fever in the northern provinces, the ministry said.",
        "c",
    )
    summary.corroborate([home, other, same], salient=set())
    assert [e.doc for e in home.support] == ["c"]


def test_a_quoted_headline_run_into_the_lead_counts_as_garbled():
    glued = "Envoy says Ruritania could play a “positive role” UN envoy Jane Doe has met officials in the capital."
    assert summary.garble(glued) >= 1
    assert (
        summary.garble("“We will not go back,” Jane Doe said after the vote in the capital.") == 0
    )
    assert (
        summary.garble("The minister called the offer “a first step” and said talks would go on.")
        == 0
    )
