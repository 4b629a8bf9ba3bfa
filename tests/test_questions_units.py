"""Sentence units: line breaks and stops hidden by a closing quote end a unit."""

from __future__ import annotations

import spacy

from briefgen.extract.text import units
from briefgen.nlp.components import PARAGRAPHS


def _units(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(PARAGRAPHS)  # as in the real pipeline: line structure sets boundaries
    return [u.text for u in units(nlp(text))]


def test_a_headline_line_is_its_own_unit():
    text = "Weekly Review\n\nWill the bridge open in May?\n\nThe council met on Monday."
    assert _units(text) == [
        "Weekly Review",
        "Will the bridge open in May?",
        "The council met on Monday.",
    ]


def test_a_hard_wrapped_question_stays_one_unit():
    text = "France and Germany welcomed her support. How will the\nEuropean Commission respond?"
    assert _units(text)[-1] == "How will the\nEuropean Commission respond?"


def test_a_stop_before_a_closing_quote_ends_a_unit():
    doc_units = _units(
        'She hoped it could happen "in the coming weeks." Even more odd is the timing.'
    )
    assert doc_units[-1] == "Even more odd is the timing."
    assert doc_units[0].endswith('weeks."')


def test_lower_case_after_a_stop_does_not_split():
    assert len(_units("The talks, e.g. on trade, resumed on Monday in the capital.")) == 1
