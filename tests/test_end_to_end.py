"""The whole path on the seeds: extraction contract, then PDF/DOCX/HTML."""

from __future__ import annotations

import json

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import load_config
from briefgen.contract import dumps, validation_errors

pytestmark = pytest.mark.slow
runner = CliRunner()
SECTIONS = ("summary", "actors", "timeline", "positions", "open_questions")


def test_seed_extraction_follows_the_contract(seed_extraction):
    data = json.loads(dumps(seed_extraction))
    assert validation_errors(data) == []
    assert data["schema"] == "briefgen.extraction/1"
    for key in SECTIONS:
        assert data[key], f"section {key} is empty"
        for item in data[key]:
            assert item["sources"], f"{key} item without sources: {item}"
            if key != "actors":
                assert item["evidence"], f"{key} item without evidence: {item}"
    assert {d["id"] for d in data["documents"]} >= {
        "000_85fd3166f8a89122.txt",
        "004_06edac9f7beaf37f.txt",
    }


def test_seed_sources_are_documents(seed_extraction):
    ids = {d["id"] for d in seed_extraction.documents}
    for item in [*seed_extraction.actors, *seed_extraction.timeline, *seed_extraction.positions]:
        assert set(item.sources) <= ids


def test_build_writes_every_format_with_every_section(tmp_path, seeds_dir):
    from conftest import DEFAULT_CONFIG

    cfg = load_config(DEFAULT_CONFIG)
    # the evidence annex is in the HTML only, unless outputs.evidence: annex
    titles = [s.title for s in cfg.sections if s.type != "evidence" or cfg.outputs.evidence == "annex"]
    out = tmp_path / "out"
    result = runner.invoke(app, ["-q", "build", str(seeds_dir), "--config", str(DEFAULT_CONFIG), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("brief.pdf", "brief.docx", "brief.html", "extraction.json"):
        assert (out / name).stat().st_size > 0, name

    ext = json.loads((out / "extraction.json").read_text(encoding="utf-8"))
    first_items = {
        "summary": ext["summary"][0]["text"],
        "actors": ext["actors"][0]["name"],
        "timeline": next(e["text"] for e in ext["timeline"] if e["key"]),  # the section shows key events
        "positions": ext["positions"][0]["text"],
        "open_questions": ext["open_questions"][0]["text"],
    }

    def words(text: str) -> str:
        return " ".join(text.replace("“", '"').replace("”", '"').split())

    pdf_text = words(" ".join(page.extract_text() for page in PdfReader(str(out / "brief.pdf")).pages))
    docx = Document(str(out / "brief.docx"))
    docx_text = words(
        " ".join(p.text for p in docx.paragraphs)
        + " ".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
    )
    for title in titles:
        assert title in pdf_text, f"PDF lacks section {title!r}"
        assert title in docx_text, f"DOCX lacks section {title!r}"
    for kind, text in first_items.items():
        probe = words(text)[:30]
        assert probe in docx_text, f"DOCX lacks the first {kind} item {probe!r}"
        # PDF text extraction may break lines; compare the first words only
        assert " ".join(probe.split()[:3]) in pdf_text, f"PDF lacks the first {kind} item {probe!r}"
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert all(s.title in html for s in cfg.sections), "HTML lacks a section"
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert set(titles) <= set(headings)
