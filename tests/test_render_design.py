"""The brief as a product: PDF/UA tagging and metadata, [n] links, chart, DOCX styles."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps
from briefgen.errors import RenderError
from briefgen.render import chart
from briefgen.render.pdf import write_pdf

runner = CliRunner()
SECTIONS = (
    "Bottom line",
    "Key actors",
    "Timeline",
    "Positions",
    "Open questions",
    "Sources",
    "Method",
)


def _render(tmp_path: Path, fmt: str, extraction: dict | None = None, extra: str = "") -> Path:
    path = tmp_path / "x.json"
    path.write_text(
        json.dumps(extraction) if extraction else dumps(sample_extraction()), encoding="utf-8"
    )
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(
        "title: Test brief\nsubtitle: Weekly\norganisation: Unit\nclassification: RESTRICTED\n"
        f"language: en-GB\noutputs: {{directory: out}}\n{extra}",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", fmt])
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def test_pdf_is_tagged_pdf_ua_with_title_language_and_links(tmp_path):
    out = _render(tmp_path, "pdf")
    reader = PdfReader(str(out / "brief.pdf"))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Test brief"  # the config sets a title, and it wins
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    text = " ".join(p.extract_text() for p in reader.pages)
    for title in SECTIONS:
        assert title in text, title
    assert text.count("RESTRICTED") >= 2 * len(reader.pages)  # top and bottom of every page
    links = [
        a.get_object()
        for page in reader.pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert {str(a.get("/Dest")) for a in links} >= {"src-1"}
    assert "src-1" in reader.named_destinations


def test_chart_has_alt_text_in_the_pdf_structure(tmp_path):
    out = _render(tmp_path, "pdf,html")
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "<title>Timeline chart of 1 events" in html
    raw = (out / "brief.pdf").read_bytes()
    reader = PdfReader(str(out / "brief.pdf"))

    def walk(node, found):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append(node.get("/Alt"))
            kids = node.get("/K")
            if kids is not None:
                for k in kids if isinstance(kids, list) else [kids]:
                    walk(k, found)
        return found

    alts = walk(reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert alts and all(alts) and "Timeline chart" in str(alts[0]), (alts, len(raw))


def test_a_remote_url_fails_the_pdf_loudly_and_fast(tmp_path):
    html = '<html lang="en"><head><title>T</title></head><body><h1>T</h1><img src="http://10.255.255.1/x.png" alt="x"></body></html>'
    target = tmp_path / "brief.pdf"
    started = dt.datetime.now()
    with pytest.raises(RenderError, match=r"http://10\.255\.255\.1/x\.png"):
        write_pdf(html, tmp_path, target, [tmp_path])
    assert (dt.datetime.now() - started).total_seconds() < 20
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_docx_uses_word_styles_and_core_properties(tmp_path):
    out = _render(tmp_path, "docx")
    doc = Document(str(out / "brief.docx"))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Quote", "List Number", "List Bullet"} <= styles
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:6] == list(SECTIONS[:6])
    assert all(t.style is not None and t.style.name for t in doc.tables)
    core = doc.core_properties
    assert core.title == "Test brief" and core.author == "Unit"
    assert core.created == dt.datetime(2024, 1, 1) or core.created.year >= 2024
    xml = (out / "brief.docx").read_bytes()
    import zipfile

    with zipfile.ZipFile(out / "brief.docx") as zf:
        body = zf.read("word/document.xml").decode("utf-8")
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in zf.namelist())
    assert 'descr="Timeline chart of 1 events' in body
    assert "<w:tblHeader/>" in body and "<w:cantSplit/>" in body
    assert len(xml) > 0


def test_sides_group_positions_in_html_and_docx(tmp_path):
    data = json.loads(dumps(sample_extraction()))
    data["positions"].append(
        {
            "actor": "John Roe",
            "kind": "reported",
            "text": "Roe disagreed.",
            "sources": ["sample.txt"],
            "evidence": [],
            "side": None,
        }
    )
    out = _render(
        tmp_path, "html,docx", data, "sides:\n  Government: [Jane Doe]\n  Opposition: [John Roe]\n"
    )
    html = (out / "brief.html").read_text(encoding="utf-8")
    html = html[html.index('id="sec-positions"') :]
    assert (
        html.index("Government")
        < html.index("Jane Doe")
        < html.index("Opposition")
        < html.index("Roe disagreed.")
    )
    doc = Document(str(out / "brief.docx"))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    body = paras[: paras.index(("Heading 1", "Method"))]  # the evidence annex follows
    h = [p for p in body if p[0] in ("Heading 2", "Heading 3")]
    assert h == [
        ("Heading 2", "Government"),
        ("Heading 3", "Jane Doe"),
        ("Heading 2", "Opposition"),
        ("Heading 3", "John Roe"),
    ]


def test_citations_carry_the_source_sentence_and_single_source_mark(tmp_path):
    out = _render(tmp_path, "html,docx")
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<a class="cite" href="#src-1" title="A sample sentence.">[1]</a>' in html
    assert 'class="single"' in html
    assert 'id="src-1"' in html
    # every item with evidence links to its entry in the evidence annex, after the method note
    assert '<a class="ev" href="#ev-1"' in html and 'id="ev-1"' in html
    assert html.index("Generated by briefgen") < html.index('id="ev-1"')
    refs = html.count('class="ev"')
    assert refs == html.count('class="note"') == 4  # summary, timeline, position, question
    docx_text = "\n".join(p.text for p in Document(str(out / "brief.docx")).paragraphs)
    assert "E4" not in docx_text  # the annex is in the HTML only unless outputs.evidence: annex


def test_no_evidence_annex_no_evidence_links(tmp_path):
    out = _render(tmp_path, "html", extra="sections:\n  - {type: summary}\n  - {type: sources}\n")
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert 'class="ev"' not in html and "[1]</a>" in html


class _E:
    def __init__(self, date, precision, planned=False):
        self.date, self.precision, self.planned = date, precision, planned


def test_chart_layout_shows_precision_and_stacks_overlaps():
    items = [
        _E("2023-04-15", "day"),
        _E("2023-04-15", "day"),
        _E("2023-04", "month"),
        _E("2022", "year"),
        _E("2023-09", "month", planned=True),
        _E("bad", "day"),
    ]
    lay = chart.layout(items)
    by = {(m.precision, m.planned): m for m in lay.marks}
    assert by[("day", False)].count == 2  # two events on one day: one mark, "×2"
    year, month = by[("year", False)], by[("month", False)]
    assert year.x1 - year.x0 > 5 * (month.x1 - month.x0)  # a year spans twelve months
    assert by[("month", True)].planned
    assert len({m.lane for m in lay.marks}) >= 2  # the April day overlaps the April month
    assert "5 events" in lay.alt and "1 planned" in lay.alt
    svg = chart.to_svg(lay)
    assert svg.startswith("<svg") and "<title>" in svg and "×2" in svg
    assert chart.to_png(lay).startswith(b"\x89PNG")


def test_chart_of_nothing_is_harmless():
    lay = chart.layout([])
    assert lay.marks == [] and "no dated events" in lay.alt
    assert chart.to_png(lay).startswith(b"\x89PNG")


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("libreoffice"), reason="libreoffice is not installed")
def test_seed_docx_converts_with_libreoffice(tmp_path, seed_extraction):
    out = _render(tmp_path, "docx", json.loads(dumps(seed_extraction)))
    result = subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo-out"),
            str(out / "brief.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lo-out" / "brief.pdf").stat().st_size > 10_000


def test_logo_and_period_in_pdf_and_docx(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(chart.to_png(chart.layout([])))
    out = _render(
        tmp_path,
        "pdf,docx",
        extra="logo: logo.png\nwindow: {since: 2024-01-01, until: 2024-01-31}\n",
    )
    reader = PdfReader(str(out / "brief.pdf"))
    text = reader.pages[0].extract_text()
    assert "Period covered: 1 January 2024 to 31 January 2024" in text
    assert any("/XObject" in (p.get("/Resources") or {}) for p in reader.pages)  # the logo image
    import zipfile

    with zipfile.ZipFile(out / "brief.docx") as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert 'descr="Unit"' in body  # the logo, with the organisation as alt text
    paras = [p.text for p in Document(str(out / "brief.docx")).paragraphs]
    assert any("Period covered: 1 January 2024 to 31 January 2024" in t for t in paras)


def test_chart_axis_labels_stay_inside_the_chart_and_counts_are_readable():
    items = [_E("2009-04-01", "day"), _E("2009-04-01", "day"), _E("2009-06-20", "day"), _E("2009-08-31", "day")]
    lay = chart.layout(items)
    assert lay.ticks and lay.ticks[0].x - chart.text_w(lay.ticks[0].label, chart.FONT) / 2 < 0  # centred, it would be cut
    for t in lay.ticks:
        w = chart.text_w(t.label, chart.FONT)
        left = {"start": t.label_x, "middle": t.label_x - w / 2, "end": t.label_x - w}[t.anchor]
        assert left >= 0 and left + w <= lay.width, (t.label, t.anchor, t.label_x)
    svg = chart.to_svg(lay)
    sizes = [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]
    assert min(sizes) >= 8  # viewBox units of a 640-wide chart: about 6 pt on the page
    assert f'text-anchor="{lay.ticks[0].anchor}"' in svg and lay.ticks[0].anchor == "start"


def test_a_label_in_the_middle_of_the_chart_stays_centred_on_its_tick():
    assert chart.place_label(300.0, "Jun 2009", 640.0) == ("middle", 300.0)
    assert chart.place_label(630.0, "Dec 2009", 640.0) == ("end", 639.0)


def test_a_two_week_story_gets_a_day_axis_that_starts_at_its_first_item():
    lay = chart.layout([_E("2009-04-24", "day"), _E("2009-05-01", "day"), _E("2009-05-08", "day")])
    first = min(m.x0 for m in lay.marks)
    assert first < chart.MARGIN + 0.06 * lay.width  # not pushed right by the month's start
    assert [t.label for t in lay.ticks][:2] == ["24 Apr", "26 Apr"] and len(lay.ticks) <= 8
    long = chart.layout([_E("2009-04-24", "day"), _E("2009-09-08", "day")])
    assert long.ticks[0].label == "Apr 2009"  # a long story keeps month ticks
