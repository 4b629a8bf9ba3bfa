"""The method note of the HTML/PDF brief reads as prose: sentences spaced, lists joined
with commas, and evidence marks explained only when the brief has the evidence annex."""

from __future__ import annotations

import re

from briefgen.brief.model import Brief, Method
from briefgen.render.env import make_env
from briefgen.render.html import render_html


def _note(**kw) -> str:
    brief = Brief(
        title="T",
        generated_at="2026-11-30T12:00:00+00:00",
        method=Method(
            documents_read=10, duplicates=1, uncited=3, left_out=["2 of 5 open questions (Open questions)"], budget_pages=6
        ),
        **kw,
    )
    html = render_html(brief, make_env(None))
    footer = html.split('<footer class="method">', 1)[1].split("</footer>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", footer))


def test_method_note_sentences_are_separated_by_a_space():
    note = _note(inferred=["title", "subtitle"])
    assert not re.search(r"[a-z]\.[A-Z]", note), note
    assert "further sources. To fit" in note
    assert "item found. The title" in note


def test_method_note_lists_three_inferred_things_with_commas():
    assert "The title, subtitle and sides were inferred" in _note(inferred=["title", "subtitle", "sides"])
    assert "The title and subtitle were inferred" in _note(inferred=["title", "subtitle"])
    assert "The title was inferred" in _note(inferred=["title"])


def test_method_note_explains_evidence_marks_only_with_the_evidence_annex():
    assert "En leads" not in _note(has_evidence=False)
    assert "En leads to the sentence" in _note(has_evidence=True)
