"""Selecting positions for the brief: one entry per speaker and topic, main actors
first, every side represented, nobody's words never shown."""

from __future__ import annotations

from briefgen.extract.positions.select import content_words, same_topic, select
from briefgen.models import Position

RANK = {"Ada": 0, "Bo": 1, "Cy": 2, "Di": 3}


def pos(actor, text, kind="quote", sources=("d1",), side=None) -> Position:
    return Position(actor=actor, kind=kind, text=text, sources=list(sources), side=side)


def test_same_speaker_same_topic_is_one_entry_with_the_rest_as_also_said() -> None:
    strong = pos(
        "Ada", "The vaccine will be ready for distribution within five months", sources=("a", "b")
    )
    weak = pos("Ada", "A vaccine could be ready for distribution by the autumn")
    other = pos("Ada", "Schools in the capital will reopen on Thursday after the closure")
    entries = select([weak, other, strong], None, RANK)
    assert len(entries) == 2
    top = next(e for e in entries if e.position is strong)
    assert top.also == [weak]


def test_direct_quote_beats_paraphrase_on_the_same_topic() -> None:
    reported = pos(
        "Ada",
        "the border with the neighbouring country would stay open",
        kind="reported",
        sources=("a", "b", "c"),
    )
    quote = pos("Ada", "We are not going to close the border with the neighbouring country")
    entries = select([reported, quote], None, RANK)
    assert [e.position for e in entries] == [quote]
    assert entries[0].also == [reported]


def test_main_actors_first_and_each_speaker_before_anyones_second_topic() -> None:
    found = [
        pos("Bo", "Hospitals have enough beds for the coming weeks of the outbreak"),
        pos("Ada", "Travel restrictions would do nothing to stop the spread of the disease"),
        pos("Ada", "The economy will shrink this year because of the tourism losses"),
        pos("Cy", "Pork from the region is safe to eat when properly cooked"),
    ]
    entries = select(found, 3, RANK)
    assert [e.position.actor for e in entries] == ["Ada", "Bo", "Cy"]


def test_every_side_is_represented_even_by_a_minor_speaker() -> None:
    found = [
        pos("Ada", f"Statement number {w} about the response to the outbreak {w}")
        for w in ("alpha", "bravo", "charlie", "delta")
    ]
    found = [pos(p.actor, p.text, side="North") for p in found]
    found.append(
        pos("Di", "The southern provinces have received no help from the capital", side="South")
    )
    entries = select(found, 2, RANK)
    assert {e.position.side for e in entries} == {"North", "South"}


def test_reported_speech_stands_in_for_a_side_without_a_direct_quote() -> None:
    found = [
        pos("Ada", "We have contained the outbreak in the northern provinces", side="North"),
        pos(
            "Ada", "Testing capacity has doubled in the last week across the country", side="North"
        ),
        pos(
            "Di",
            "the southern provinces had received no help at all",
            kind="reported",
            side="South",
        ),
    ]
    entries = select(found, 2, RANK)
    assert any(e.position.actor == "Di" and e.position.kind == "reported" for e in entries)


def test_statement_without_a_speaker_is_never_selected() -> None:
    found = [
        pos(None, "Does the government suggest I find a larger rock to hide under"),
        pos("Bo", "Hospitals have enough beds for the coming weeks of the outbreak"),
    ]
    assert [e.position.actor for e in select(found, 10, RANK)] == ["Bo"]


def test_direct_quotes_fill_the_brief_before_paraphrases() -> None:
    found = [
        pos("Ada", "the outbreak had peaked in the capital last week", kind="reported"),
        pos("Bo", "Hospitals have enough beds for the coming weeks of the outbreak"),
    ]
    assert [e.position.actor for e in select(found, 1, RANK)] == ["Bo"]


def test_topics_need_shared_content_words_not_shared_function_words() -> None:
    a = content_words("We will do what we can for the people of the region")
    b = content_words("They said that they can do it for all of the people")
    assert not same_topic(a, b)
    assert same_topic(
        content_words("vaccine production capacity"),
        content_words("the vaccines and production lines"),
    )


def test_a_fragment_is_not_the_strongest_statement_even_with_more_sources() -> None:
    fragment = pos("Ada", "the pandemic is not here yet", sources=("a", "b", "c"))
    full = pos(
        "Ada",
        "We are not there yet, but a pandemic is likely within weeks and countries must prepare now",
    )
    entries = select([fragment, full], None, RANK)
    assert entries[0].position is full and entries[0].also == [fragment]


def test_a_fragment_on_another_topic_is_neither_an_entry_nor_an_also_said() -> None:
    best = pos(
        "Ada", "We hope to take the partnership to a higher level and deepen trade ties further"
    )
    fragment = pos("Ada", "respect for human rights")
    entries = select([fragment, best], None, RANK)
    assert len(entries) == 1 and entries[0].position is best and entries[0].also == []


def test_also_said_drops_repeats_questions_and_chronology_lines() -> None:
    lead = pos(
        "Ada",
        "We will keep the border open to trade and to travellers from the region",
        sources=("a", "b"),
    )
    repeat = pos("Ada", "keep the border open to trade and to travellers", kind="reported")
    question = pos("Ada", "When will the border with the region open to trade again?")
    dated = pos("Ada", "April 10 - the border opens to trade with the region again")
    kept = pos("Ada", "The border will stay open to trade for as long as the region is calm")
    entries = select([repeat, question, dated, kept, lead], None, RANK)
    assert [e.position for e in entries] == [lead]
    assert entries[0].also == [kept]


def test_a_whole_paraphrase_is_stronger_than_a_quoted_fragment() -> None:
    fragment = pos("Ada", "a new level of trade")
    reported = pos(
        "Ada",
        "the government was making plans to deepen trade ties with its neighbours",
        kind="reported",
    )
    entries = select([fragment, reported], None, RANK)
    assert entries[0].position is reported


def test_a_whole_quoted_sentence_leads_before_a_quote_picked_up_mid_sentence() -> None:
    partial = pos(
        "Ada",
        "send a very clear message to the people of the region that we stand with them",
        sources=("a", "b"),
    )
    sentence = pos(
        "Ada", "We will continue to support the efforts to protect the people of the region."
    )
    entries = select([partial, sentence], None, RANK)
    assert entries[0].position is sentence


def test_a_quoted_phrase_is_no_also_said_but_a_quoted_sentence_is() -> None:
    lead = pos(
        "Ada", "The council must act now to protect the civilians of the region", sources=("a", "b")
    )
    phrase = pos("Ada", "unless the council acts to protect civilians")
    sentence = pos("Ada", "Civilians in the region need the council to act before the winter comes")
    entries = select([lead, phrase, sentence], None, RANK)
    assert [e.position for e in entries] == [lead]
    assert entries[0].also == [sentence]


def test_a_quoted_phrase_without_its_subject_is_no_also_said() -> None:
    lead = pos(
        "Ada", "The new canal was built by the army to carry water to the south", sources=("a", "b")
    )
    subjectless = pos("Ada", "may have been dug as a side order of the canal work in the south")
    entries = select([lead, subjectless], None, RANK)
    assert entries[0].also == []


def test_a_main_speaker_without_a_side_is_shown_before_a_minor_sides_speaker() -> None:
    rank = {"Ada": 0, "Bo": 1, "Cy": 2, "Di": 3, "Eve": 4, "Fay": 5, "Gus": 20}
    found = [
        pos("Ada", "We will hold the northern cities whatever the council decides", side="North"),
        pos("Bo", "The council speaks for every town that has risen against the government"),
        pos("Gus", "Our ministry is watching the situation in the north very closely", side="Far"),
        pos(
            "Gus", "Our ministry will send aid to the refugees at the border next week", side="Far"
        ),
    ]
    entries = select(found, 2, rank)
    assert [e.position.actor for e in entries] == ["Ada", "Bo"]
    minor = [pos("Gus", p.text, side=None) for p in found if p.actor == "Gus"]
    assert "Gus" in {e.position.actor for e in select([*found[:2], *minor], 3, rank)}


def test_a_reported_phrase_without_a_verb_is_no_also_said() -> None:
    lead = pos(
        "Ada",
        "The alliance will use every means it has to protect the civilians",
        sources=("a", "b"),
    )
    phrase = pos("Ada", "any means necessary to protect the civilians of the city", kind="reported")
    reported = pos(
        "Ada", "the alliance protected the civilians of the city for a month", kind="reported"
    )
    entries = select([lead, phrase, reported], None, RANK)
    assert entries[0].also == [reported]


def test_a_speaker_with_only_a_quoted_word_is_not_shown_even_for_a_side() -> None:
    found = [
        pos("Ada", "We will hold the northern cities whatever the council decides", side="North"),
        pos("Di", "liar", side="South"),
    ]
    assert [e.position.actor for e in select(found, 5, RANK)] == ["Ada"]


def test_a_main_speaker_is_shown_beside_a_stronger_speaker_of_the_same_side() -> None:
    rank = {"Ada": 0, "Bo": 1, "Gus": 20, "Hal": 21}
    found = [
        pos(
            "Bo",
            "The agency has no evidence that the virus spreads through food",
            side="Agency",
            sources=("a", "b", "c"),
        ),
        pos(
            "Ada",
            "Flu viruses are very unpredictable and we must prepare for the worst",
            side="Agency",
        ),
        pos(
            "Gus",
            "Our airport is screening every passenger from the region on arrival",
            side="Port",
        ),
        pos("Hal", "The central bank will keep interest rates where they are for now", side="Bank"),
    ]
    assert [e.position.actor for e in select(found, 3, rank, pick_order=True)] == [
        "Ada",
        "Bo",
        "Gus",
    ]


def test_a_short_whole_quoted_sentence_is_still_a_position() -> None:
    found = [pos("Di", "We will see.", side="South"), pos("Bo", "liar", side="North")]
    assert [e.position.actor for e in select(found, 5, RANK)] == ["Di"]
