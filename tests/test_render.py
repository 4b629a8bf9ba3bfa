"""Rendering from an extraction file, without the NLP."""

from __future__ import annotations

import json
import re

import pytest
from docx import Document
from typer.testing import CliRunner

from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps, read_extraction, validation_errors
from briefgen.errors import ExtractionFileError

runner = CliRunner()


def _config(tmp_path, extra=""):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: Test brief\noutputs: {{directory: out}}\n{extra}", encoding="utf-8")
    return cfg


def test_sample_extraction_follows_the_schema():
    assert validation_errors(json.loads(dumps(sample_extraction()))) == []


def test_render_of_a_hand_edited_extraction_shows_the_edit(tmp_path):
    data = json.loads(dumps(sample_extraction()))
    data["open_questions"][0]["text"] = "Will the hand-edited question appear?"
    data["actors"][0]["role"] = "edited role of the minister"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(_config(tmp_path)), "--format", "html,docx"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "Will the hand-edited question appear?" in html
    assert "edited role of the minister" in html
    docx_text = "\n".join(p.text for p in Document(str(tmp_path / "out" / "brief.docx")).paragraphs)
    assert "Will the hand-edited question appear?" in docx_text


def test_render_refuses_a_file_that_breaks_the_contract(tmp_path):
    data = json.loads(dumps(sample_extraction()))
    del data["timeline"][0]["date"]
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExtractionFileError, match="timeline.0"):
        read_extraction(path)


def test_sections_follow_the_config_order_and_titles(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(dumps(sample_extraction()), encoding="utf-8")
    cfg = _config(
        tmp_path,
        "sections:\n  - {type: open_questions, title: Unknowns}\n"
        "  - {type: text, title: Note, text: Fixed prose from the editor.}\n"
        "  - {type: actors, title: Who}\n",
    )
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert html.index("Unknowns") < html.index("Fixed prose from the editor.") < html.index("Who")
    assert "Timeline" not in html


def test_article_text_is_escaped_in_html(tmp_path):
    data = json.loads(dumps(sample_extraction()))
    data["summary"][0]["text"] = "<script>alert(1)</script> {{ 7*7 }}"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(_config(tmp_path)), "--format", "html,docx"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    docx_text = "\n".join(p.text for p in Document(str(tmp_path / "out" / "brief.docx")).paragraphs)
    assert "<script>alert(1)</script> {{ 7*7 }}" in docx_text


def test_the_config_title_wins_over_the_extraction_title(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(dumps(sample_extraction()), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: Retitled by the editor\noutputs: {directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "<h1>Retitled by the editor</h1>" in html or "Retitled by the editor</h1>" in html


# ---- the config's editor decisions apply to a stored extraction


def _render_html_with(tmp_path, config_extra: str) -> str:
    from briefgen.check import sample_extraction
    from briefgen.contract import dumps
    from briefgen.models import Actor

    ext = sample_extraction()
    ext.actors.append(Actor(id="a2", name="Daily Planet", kind="organization", mentions=2, sources=["sample.txt"]))
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "x.json"
    path.write_text(dumps(ext), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: T\noutputs: {{directory: out}}\n{config_extra}", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 0, result.output
    return (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")


def _actor_names(html: str) -> list[str]:
    section = html.split('class="section section-actors"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<tr>\s*<td>([^<]+)", section)


def test_render_honours_a_not_actors_entry_added_after_extraction(tmp_path):
    assert "Daily Planet" in _actor_names(_render_html_with(tmp_path / "a", ""))
    html = _render_html_with(tmp_path / "b", "not_actors: [daily planet]\n")
    assert _actor_names(html) == ["Jane Doe"]


def test_render_honours_an_actor_override_and_sides_added_after_extraction(tmp_path):
    html = _render_html_with(
        tmp_path,
        "actors:\n  - {name: Minister Jane Doe, aliases: [Jane Doe], role: finance minister}\n"
        "sides:\n  Government: [Minister Jane Doe]\n",
    )
    assert "Minister Jane Doe" in _actor_names(html)
    assert "finance minister" in html
    positions = html.split('class="section section-positions"', 1)[1].split("</section>", 1)[0]
    assert "Government" in positions and "Minister Jane Doe" in positions


def test_applying_the_decisions_twice_changes_nothing_more():
    from briefgen.check import sample_extraction
    from briefgen.config import BriefConfig
    from briefgen.decisions import apply_decisions

    cfg = BriefConfig.model_validate(
        {"not_actors": ["Doe"], "sides": {"Government": ["Jane Doe"]}}
    )
    once = apply_decisions(sample_extraction(), cfg)
    assert apply_decisions(once, cfg) == once
    assert once.actors[0].aliases == []  # the alias named in not_actors went; the actor stays
    assert once.positions[0].side == "Government"


def test_the_method_note_keeps_its_sentences_apart_and_names_e_numbers_only_with_the_annex():
    import dataclasses
    import html as html_lib

    from briefgen.brief import build_brief, for_print
    from briefgen.config import DEFAULT_SECTIONS, BriefConfig, Outputs
    from briefgen.render.env import make_env
    from briefgen.render.html import render_html

    cfg = BriefConfig(sections=DEFAULT_SECTIONS, outputs=Outputs(evidence="html"))
    brief = build_brief(sample_extraction(), cfg)
    brief = dataclasses.replace(brief, method=dataclasses.replace(
        brief.method, uncited=7, left_out=["3 of 9 positions (Positions)"]), inferred=["title"])

    def note(b) -> str:
        page = render_html(b, make_env(None))
        text = re.sub(r"<[^>]+>", "", page.split('<footer class="method">')[1].split("</footer>")[0])
        return " ".join(html_lib.unescape(text).split())

    printed = note(for_print(brief, "html"))
    assert not re.search(r"[a-z)]\.[A-Z]", printed), printed  # "sources.To fit" glued
    assert "further sources. To fit" in printed and "found. The title" in printed
    assert "En leads" not in printed and "evidence annex" not in printed
    assert brief.has_evidence and "En leads to the sentence" in note(brief)
