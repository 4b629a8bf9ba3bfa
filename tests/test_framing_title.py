"""The inferred title names the story: the country for its demonym, a person's full name
for a first name, and what happens (a repeated headline noun) before secondary actors."""

from __future__ import annotations

import datetime as dt

from briefgen.extract.summary import framing as framing
from briefgen.models import Actor, Extraction


def _ext(titles: list[str], actors: list[Actor]) -> Extraction:
    docs = [
        {"id": f"d{i}", "title": t, "date": "2024-05-01", "publisher": "Outlet"}
        for i, t in enumerate(titles)
    ]
    return Extraction(
        generated_at=dt.datetime(2024, 6, 1).isoformat(),
        brief={"title": "Policy brief", "subtitle": None},
        documents=docs,
        actors=actors,
    )


def _actor(name: str, kind: str, n: int) -> Actor:
    return Actor(id=name, name=name, kind=kind, mentions=n, sources=[f"d{i}" for i in range(n)])


def test_demonym_possessive_and_country_name_count_as_the_country():
    counts = dict(
        framing.headline_counts(
            [
                "Norwegian fishermen block harbour",
                "Norway's fishing quota cut again",
                "Fishing quota talks in Norway stall",
                "Norwegian minister defends quota",
            ]
        )
    )
    assert counts["Norway"] == 4
    assert "Norwegian" not in counts and "Norway's" not in counts


def test_plural_and_agent_nouns_count_with_the_shorter_form():
    counts = dict(
        framing.headline_counts(
            [
                "Protesters fill the main square",
                "Protests spread to the port",
                "Police disperse protest at dawn",
                "Strikers join the protesters",
            ]
        )
    )
    assert max(counts.values()) == counts.get(
        "Protest", counts.get("Protests", counts.get("Protesters"))
    )
    assert sum(1 for k in counts if k.casefold().startswith("protest")) == 1
    assert "US" not in set(counts)  # no acronym made from a plural


def test_a_first_name_headline_phrase_becomes_the_full_name_of_the_person():
    titles = [
        "Dana Quill trial opens",
        "Dana's doctor testifies",
        "Dana fans gather",
        "Doctor denies fault in Dana case",
    ]
    ext = _ext(titles, [_actor("Dana Quill", "person", 4), _actor("Arno Pike", "person", 2)])
    assert framing.infer(ext).title.startswith("Dana Quill")
    assert framing.full_name("Quill", ["Arno Pike", "Dana Quill"]) == "Dana Quill"
    assert framing.full_name("Harbour strike", ["Dana Quill"]) == "Harbour strike"


def test_title_of_a_country_story_names_what_happens_before_secondary_actors():
    titles = [
        "Earthquake strikes Norway coast",
        "Norway earthquake death toll rises",
        "Aid arrives after earthquake in Norway",
        "Norway asks for help",
        "Rescuers search rubble in Norway",
    ]
    actors = [
        _actor("Norway", "country", 5),
        _actor("Sweden", "country", 3),
        _actor("Finland", "country", 2),
    ]
    assert framing.infer(_ext(titles, actors)).title == "Norway: earthquake and Sweden"


def test_a_topic_phrase_must_be_repeated_enough_to_replace_the_actors():
    titles = [
        "Norway talks",
        "Norway vote",
        "Norway budget",
        "Norway earthquake",
        "Norway earthquake drill",
        "Norway port",
        "Norway roads",
        "Norway tax",
        "Norway fish",
        "Norway oil",
        "Norway rail",
    ]
    actors = [
        _actor("Norway", "country", 5),
        _actor("Sweden", "country", 3),
        _actor("Finland", "country", 2),
    ]
    assert framing.infer(_ext(titles, actors)).title == "Norway: Sweden and Finland"


def test_an_event_noun_names_the_story_before_a_more_repeated_person_noun():
    titles = [
        "Doctor charged over Dana Quill",
        "Doctor in court for Dana Quill",
        "Doctor of Dana Quill speaks",
        "Doctor denies fault in Dana Quill case",
        "Trial opens for Dana Quill",
        "Trial hears expert on Dana Quill",
        "Trial jury out in Dana Quill case",
        "Dana Quill fans gather",
        "Dana Quill estate sold",
    ]
    actors = [_actor("Dana Quill", "person", 8), _actor("Arno Pike", "person", 5)]
    actors[1].role = "doctor"
    title = framing.infer(_ext(titles, actors)).title
    assert title == "Dana Quill: trial and Arno Pike"


def test_the_event_word_of_a_country_phrase_is_the_topic():
    titles = [f"Norway crisis: {w}" for w in ("talks fail", "ports shut", "envoy leaves")] + [
        f"Norway {w}"
        for w in ("budget", "roads", "rail", "tax", "fish", "oil", "ports", "power", "news")
    ]
    actors = [_actor("Norway", "country", 9), _actor("Sweden", "country", 3)]
    assert framing.infer(_ext(titles, actors)).title == "Norway: crisis and Sweden"
