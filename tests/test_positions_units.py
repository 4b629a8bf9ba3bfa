"""Positions without a model: quote spans, speaker resolution, merging, stance."""

from __future__ import annotations

import pytest

from briefgen.extract.positions import _drop_fragments, _merge, _sides
from briefgen.extract.positions.quotes import find_quotes
from briefgen.extract.positions.speakers import SpeakerResolver, role_phrases
from briefgen.extract.positions.stance import stance
from briefgen.models import Actor, Position

ACTORS = [
    Actor(id="a1", name="Maria Lopez", kind="person", aliases=["Lopez"], role="foreign minister"),
    Actor(id="a2", name="Jan Novak", kind="person", aliases=["Novak"], role="prime minister"),
    Actor(id="a3", name="Tom Berg", kind="person", aliases=["Berg"]),
    Actor(id="a4", name="Freedonia", kind="country", aliases=["Freedonian capital"]),
    Actor(id="a5", name="Sylvania", kind="country"),
    Actor(id="a6", name="Berg", kind="person"),  # a fragment the actors step left behind
    Actor(id="a7", name="Ann Kerr", kind="person"),
    Actor(id="a8", name="Bob Kerr", kind="person"),
]


# ----------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "the plan will work well" and left.', ["the plan will work well"]),
        ("“The plan will work,” she said.", ["The plan will work,"]),
        # mismatched curly marks are read by the spacing around them
        (
            "“Mismatched marks here,“ she said. ”Another one follows.”",
            ["Mismatched marks here,", "Another one follows."],
        ),
        # a split quote gives two spans
        ('"We agree," he said. "We will sign it soon."', ["We agree,", "We will sign it soon."]),
        # an apostrophe or an inch mark is not a quote
        ("It's 5'11\" tall and “quite real” indeed.", ["quite real"]),
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert [q.text for q in find_quotes(text)] == expected


def test_quote_running_across_paragraphs_is_one_quote() -> None:
    text = "“The first part goes on\n\n“and the second part ends it,” she said.\n\nNext."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text == "The first part goes on and the second part ends it,"
    assert len(quotes[0].parts) == 2


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    quotes = find_quotes("She said “this never closes\n\nA new paragraph.")
    assert [(q.text, q.closed) for q in quotes] == [("this never closes", False)]


def test_offsets_point_at_the_content() -> None:
    text = 'Intro. "Exact words here," he said.'
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "Exact words here,"


# ----------------------------------------------------------------------------- speakers


@pytest.fixture
def resolver() -> SpeakerResolver:
    return SpeakerResolver(ACTORS, [("Maria Lopez", "the country's top diplomat")])


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Maria Lopez", "Maria Lopez"),
        ("Lopez", "Maria Lopez"),
        ("Prime Minister Jan Novak", "Jan Novak"),
        ("Mr. Novak", "Jan Novak"),
        ("Berg", "Tom Berg"),  # a surname fragment joins the one full name ending with it
        ("the prime minister", "Jan Novak"),  # a description goes to the role holder
        ("the top diplomat", "Maria Lopez"),  # through the corpus role and synonyms
        ("the foreign minister", "Maria Lopez"),
    ],
)
def test_speakers_resolve_to_canonical_actors(
    resolver: SpeakerResolver, written: str, canonical: str
) -> None:
    assert resolver.resolve(written) == canonical


@pytest.mark.parametrize(
    "written",
    [
        None,
        "he",  # a pronoun the attribution step could not resolve
        "Freedonia",  # a country never speaks
        "Freedonian capital",
        "Kerr",  # two people share the surname: never guess
        "Someone Unknown",  # not an actor
        "analysts",
        "the president",  # nobody holds that role
    ],
)
def test_unresolvable_speakers_are_none(resolver: SpeakerResolver, written: str | None) -> None:
    assert resolver.resolve(written) is None


def test_role_phrases_from_titles_appositives_and_as() -> None:
    text = "Prime Minister Jan Novak met Tom Berg, a senior fellow at an institute, while as the top envoy, Ann Kerr waited."
    names = [
        (text.index(n), text.index(n) + len(n), n) for n in ("Jan Novak", "Tom Berg", "Ann Kerr")
    ]
    pairs = role_phrases(text, names)
    assert ("Jan Novak", "Prime Minister") in pairs
    assert ("Tom Berg", "senior fellow at an institute") in pairs
    assert ("Ann Kerr", "top envoy") in pairs


# ----------------------------------------------------------------------------- merging


def _p(actor: str | None, text: str, doc: str, kind: str = "quote") -> Position:
    return Position(actor=actor, kind=kind, text=text, sources=[doc])  # type: ignore[arg-type]


def test_same_quote_from_several_outlets_is_one_entry() -> None:
    merged = _merge(
        [
            _p("Maria Lopez", "We will sign the treaty this year.", "a.txt"),
            _p("Maria Lopez", "We will sign the treaty this year", "b.txt"),
            _p(None, "We will sign the treaty this year.", "c.txt"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].sources == ["a.txt", "b.txt", "c.txt"]
    assert merged[0].actor == "Maria Lopez"


def test_paraphrase_inside_a_quote_of_the_same_speaker_is_dropped() -> None:
    merged = _merge(
        [
            _p("Jan Novak", "the talks went well and will go on next week", "a.txt"),
            _p("Jan Novak", "the talks went well", "a.txt", kind="reported"),
        ]
    )
    assert [p.kind for p in merged] == ["quote"]


def test_short_fragments_are_kept_only_when_all_a_source_has_from_that_speaker() -> None:
    kept = _drop_fragments(
        [
            _p("Maria Lopez", "a new level", "a.txt"),
            _p("Maria Lopez", "We will sign the treaty this year.", "a.txt"),
            _p("Jan Novak", "extraordinary progress", "a.txt"),
            _p(None, "strategic", "a.txt"),
        ]
    )
    assert [p.text for p in kept] == [
        "We will sign the treaty this year.",
        "extraordinary progress",
    ]


def test_sides_from_config_then_from_roles() -> None:
    actors = [
        *ACTORS[:5],
        Actor(id="x", name="Ann Kerr", kind="person", role="Sylvanian ambassador"),
    ]
    sides = _sides(
        actors,
        {"government": ["Novak", "Maria Lopez"]},
        {"Tom Berg": {"adviser to the Freedonian cabinet"}},
        {"Tom Berg", "Ann Kerr"},
    )
    assert sides["Jan Novak"] == "government"
    assert sides["Maria Lopez"] == "government"
    assert sides["Tom Berg"] == "Freedonia"
    assert sides["Ann Kerr"] == "Sylvania"
    assert "Freedonia" not in sides


# ----------------------------------------------------------------------------- stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We welcome the treaty and hope it brings progress.", "supportive"),
        ("The treaty carries enormous risks and costs.", "sceptical"),
        ("The treaty is not a success.", "sceptical"),
        ("The treaty will be discussed on Monday.", "neutral"),
        ("The weather was fine.", None),  # does not mention the topic
    ],
)
def test_stance_cues(text: str, expected: str | None) -> None:
    assert stance(text, ["treaty"]) == expected


def test_topic_words_are_not_stance_cues() -> None:
    # "upgrade" is a supportive cue in general, but here it is the topic itself
    assert stance("The upgrade was discussed on Monday.", ["upgrade"]) == "neutral"
