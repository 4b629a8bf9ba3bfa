"""The Word brief carries what the PDF carries: working [n] and E-number links,
external links for URLs, aliases and dates, and editors' section overrides."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps

runner = CliRunner()


def _render(tmp_path: Path, fmt: str, data: dict | None = None, templates: dict[str, str] | None = None) -> Path:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data) if data else dumps(sample_extraction()), encoding="utf-8")
    extra = ""
    if templates:
        for name, text in templates.items():
            (tmp_path / "tpl" / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "tpl" / name).write_text(text, encoding="utf-8")
        extra = "templates: tpl\n"
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: Test brief\noutputs: {{directory: out}}\n{extra}", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", fmt])
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def _document_xml(docx: Path) -> str:
    with zipfile.ZipFile(docx) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def _pdf_link_targets(pdf: Path) -> list[str]:
    targets = []
    for page in PdfReader(str(pdf)).pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Link" and a.get("/Dest") is not None:
                targets.append(str(a.get("/Dest")))
    return targets


def _with_url_and_second_source() -> dict:
    data = json.loads(dumps(sample_extraction()))
    data["documents"][1] = dict(data["documents"][0], id="other.txt", path="other.txt",
                                publisher="Other Post", url="javascript:alert(1)", date="2024-01-02")
    for section in ("summary", "open_questions"):
        for item in data[section]:
            item["sources"] = ["sample.txt", "other.txt"]
    return data


def test_every_citation_and_evidence_link_of_the_pdf_is_a_word_hyperlink(tmp_path):
    out = _render(tmp_path, "pdf,docx", _with_url_and_second_source())
    pdf_targets = _pdf_link_targets(out / "brief.pdf")
    xml = _document_xml(out / "brief.docx")
    word_targets = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml)
    pdf_cites = [t for t in pdf_targets if t.startswith("src-")]
    pdf_evidence = [t for t in pdf_targets if t.startswith("ev-")]
    assert pdf_cites  # the fixture has citations at all
    assert sorted(t.replace("_", "-") for t in word_targets if t.startswith("src_")) == sorted(pdf_cites)
    assert sorted(t.replace("_", "-") for t in word_targets if t.startswith("ev_")) == sorted(pdf_evidence)
    # and every link lands on a bookmark
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    assert set(word_targets) <= bookmarks


def test_source_urls_are_external_links_and_unsafe_ones_stay_text(tmp_path):
    out = _render(tmp_path, "docx", _with_url_and_second_source())
    with zipfile.ZipFile(out / "brief.docx") as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
    xml = _document_xml(out / "brief.docx")
    ids = re.findall(r'<w:hyperlink r:id="([^"]+)"', xml)
    targets = {re.search(rf'Id="{i}"[^>]*Target="([^"]+)"', rels).group(1) for i in ids}
    assert targets == {"https://example.org/a"}
    assert "javascript:alert(1)" not in rels
    assert "javascript:alert(1)" in xml  # shown as text


def test_the_word_brief_shows_aliases_dates_and_numbers_sources_once(tmp_path):
    out = _render(tmp_path, "docx", _with_url_and_second_source())
    doc = Document(str(out / "brief.docx"))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "(also Doe)" in cells
    sources = [p for p in doc.paragraphs if 'w:name="src_' in p._p.xml]
    assert [p.text[:4] for p in sources] == ["[1] ", "[2] "]
    assert all(not p.style.name.startswith("List") for p in sources)  # [n] only, no bullet
    assert "1 January 2024" in sources[0].text and "Sample Times" in sources[0].text


def test_a_block_override_in_a_word_section_template_takes_effect(tmp_path):
    override = (
        '{% extends "default:sections/summary.docx.j2" %}\n'
        '{% block header %}<w:p>{{ w.text("Bottom line, edited") }}</w:p>{% endblock %}\n'
    )
    out = _render(tmp_path, "docx", templates={"sections/summary.docx.j2": override})
    texts = [p.text for p in Document(str(out / "brief.docx")).paragraphs]
    assert "Bottom line, edited" in texts
    assert any("[1]" in t for t in texts)  # the items are still the default's


def test_a_section_id_choice_applies_to_the_word_brief(tmp_path):
    data = json.loads(dumps(sample_extraction()))
    out = _render(
        tmp_path,
        "docx",
        data,
        templates={"sections/open_questions.docx.j2": '<w:p><w:r><w:t>Questions by the editor</w:t></w:r></w:p>'},
    )
    texts = [p.text for p in Document(str(out / "brief.docx")).paragraphs]
    assert "Questions by the editor" in texts


def test_a_word_template_made_before_section_templates_still_renders(tmp_path):
    """An editor's brief.docx of the earlier layout (its own loop over sections, using
    s.items and s.chart) keeps working."""
    doc = Document()
    for text in (
        "{%p for s in sections %}",
        "{{ s.title }}",
        "{%p if s.type == 'timeline' %}",
        "{{ s.chart }}",
        "{%p endif %}",
        "{%p for it in s.items %}",
        "{{ it.text }}",
        "{%p endfor %}",
        "{%p endfor %}",
    ):
        doc.add_paragraph(text)
    (tmp_path / "tpl").mkdir()
    doc.save(str(tmp_path / "tpl" / "brief.docx"))
    path = tmp_path / "x.json"
    path.write_text(dumps(sample_extraction()), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\ntemplates: tpl\noutputs: {directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", "docx"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "brief.docx") as zf:
        assert any(n.startswith("word/media/") for n in zf.namelist())  # the chart
    texts = [p.text for p in Document(str(tmp_path / "out" / "brief.docx")).paragraphs]
    assert "What happens next?" in texts


def test_the_word_brief_lists_the_timeline_background_with_its_citations(tmp_path):
    data = json.loads(dumps(sample_extraction()))
    data["timeline"].append(dict(data["timeline"][0], date="1990-05-01", text="An old treaty was signed.",
                                 planned=False, conflict=[], background=True,
                                 actors=[data["actors"][0]["name"]]))  # about a leading actor
    out = _render(tmp_path, "docx", data)
    doc = Document(str(out / "brief.docx"))
    texts = [p.text for p in doc.paragraphs]
    heading = texts.index("Background")
    assert doc.paragraphs[heading].style.name.startswith("Heading")
    (line,) = [p for p in doc.paragraphs[heading + 1:] if "An old treaty was signed." in p.text]
    assert "1 May 1990" in line.text and "[1]" in line.text
    assert 'w:anchor="src_1"' in line._p.xml


def test_the_word_brief_has_no_empty_subtitle_without_organisation_or_subtitle(tmp_path):
    out = _render(tmp_path, "docx")
    doc = Document(str(out / "brief.docx"))
    first = next(p for p in doc.paragraphs if p.text.strip())
    assert first.style.name == "Title" and first.text == "Test brief"
    assert not [p for p in doc.paragraphs if p.style.name == "Subtitle" and not p.text.strip()]
