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
            documents_read=10,
            duplicates=1,
            uncited=3,
            left_out=["2 of 5 open questions (Open questions)"],
            budget_pages=6,
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
    assert "The title, subtitle and sides were inferred" in _note(
        inferred=["title", "subtitle", "sides"]
    )
    assert "The title and subtitle were inferred" in _note(inferred=["title", "subtitle"])
    assert "The title was inferred" in _note(inferred=["title"])


def test_method_note_explains_evidence_marks_only_with_the_evidence_annex():
    assert "En leads" not in _note(has_evidence=False)
    assert "En leads to the sentence" in _note(has_evidence=True)


def test_one_uncited_document_reads_was_read():
    brief = Brief(
        title="T",
        generated_at="2026-11-30T12:00:00+00:00",
        method=Method(documents_read=2, duplicates=0, uncited=1),
    )
    footer = render_html(brief, make_env(None)).split('<footer class="method">', 1)[1]
    assert "1 more was read" in re.sub(r"\s+", " ", footer)


def test_the_word_method_note_says_what_the_budget_left_out_and_what_was_inferred(tmp_path):
    from docx import Document

    from briefgen.render.docx import write_docx
    from briefgen.render.env import default_templates_dir

    brief = Brief(
        title="T",
        generated_at="2026-11-30T12:00:00+00:00",
        method=Method(
            documents_read=10,
            duplicates=0,
            uncited=3,
            left_out=["2 of 5 open questions (Open questions)"],
            budget_pages=6,
        ),
        inferred=["title", "sides"],
    )
    target = tmp_path / "brief.docx"
    write_docx(brief, default_templates_dir() / "brief.docx", make_env(None), target)
    text = " ".join(p.text for p in Document(str(target)).paragraphs)
    assert "the brief shows 2 of 5 open questions (Open questions)" in text
    assert "The title and sides were inferred from the articles" in text
    assert "3 more were read" in text
