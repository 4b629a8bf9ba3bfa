"""Rendering from an extraction file, without the NLP."""

from __future__ import annotations

import json

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
