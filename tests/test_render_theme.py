"""One theme for every format: theme.css's custom properties colour the HTML and PDF,
the timeline chart (SVG and the Word picture) and the Word headings."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import RGBColor
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps
from briefgen.render.env import default_templates_dir
from briefgen.render.theme import parse_theme

runner = CliRunner()
NEW_ACCENT = (0xB2, 0x22, 0x22)


def _render(tmp_path: Path, fmt: str, files: dict[str, str | bytes]) -> Path:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    for name, content in files.items():
        target = tpl / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\ntemplates: tpl\noutputs: {directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", fmt])
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def _theme_with_accent(hex_colour: str) -> str:
    default = (default_templates_dir() / "theme.css").read_text(encoding="utf-8")
    return re.sub(r"--accent:\s*#[0-9a-fA-F]+", f"--accent: {hex_colour}", default)


def _pdf_fill_colours(pdf: Path) -> set[tuple[int, int, int]]:
    found = set()
    for page in PdfReader(str(pdf)).pages:
        data = page.get_contents().get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", data):
            found.add(tuple(round(float(v) * 255) for v in (r, g, b)))
    return found


def _docx_chart_colours(docx: Path) -> set[tuple[int, int, int]]:
    with zipfile.ZipFile(docx) as zf:
        names = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert names, "no chart picture in the DOCX"
        img = Image.open(io.BytesIO(zf.read(names[0]))).convert("RGB")
    return {c for _, c in img.getcolors(1 << 20)}


def test_theme_properties_are_read_with_var_references_and_comments():
    theme = parse_theme(":root { /* x */ --accent: #123456; --link: var(--accent); --font: 'A', serif }")
    assert theme.hex("accent", "#000000") == "#123456"
    assert theme.hex("link", "#000000") == "#123456"
    assert theme.get("font", "") == "'A', serif"
    assert theme.hex("missing", "#abcdef") == "#abcdef"


def test_changing_one_colour_variable_changes_pdf_chart_and_word_headings(tmp_path):
    out = _render(tmp_path, "html,pdf,docx", {"theme.css": _theme_with_accent("#b22222")})
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert 'fill="#b22222"' in html  # the chart's SVG marks
    assert NEW_ACCENT in _pdf_fill_colours(out / "brief.pdf")  # headings, rules, table heads
    assert NEW_ACCENT in _docx_chart_colours(out / "brief.docx")
    doc = Document(str(out / "brief.docx"))
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(*NEW_ACCENT)


def test_the_default_theme_keeps_the_default_colours(tmp_path):
    out = _render(tmp_path, "html,docx", {})
    assert NEW_ACCENT not in _docx_chart_colours(out / "brief.docx")
    assert Document(str(out / "brief.docx")).styles["Heading 1"].font.color.rgb == RGBColor(0x1F, 0x3A, 0x5F)


def test_a_heading_recoloured_in_word_keeps_its_colour(tmp_path):
    word = tmp_path / "custom.docx"
    shutil.copy(default_templates_dir() / "brief.docx", word)
    doc = Document(str(word))
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0x00, 0x80, 0x00)
    buf = io.BytesIO()
    doc.save(buf)
    out = _render(
        tmp_path, "docx", {"theme.css": _theme_with_accent("#b22222"), "brief.docx": buf.getvalue()}
    )
    styles = Document(str(out / "brief.docx")).styles
    assert styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0x80, 0x00)
    assert styles["Heading 2"].font.color.rgb == RGBColor(*NEW_ACCENT)
