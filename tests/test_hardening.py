"""A failed run never loses the last brief, and each error path gives one line and a code."""

from __future__ import annotations

import errno
import json

import pytest
from typer.testing import CliRunner

from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps

runner = CliRunner()


@pytest.fixture
def rendered(tmp_path):
    """A config, an extraction file and a first good brief in tmp_path/out."""
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\noutputs: {directory: out}\n", encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    return cfg, ext, tmp_path / "out"


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize(
    "writer",
    ["weasyprint.document.Document.write_pdf", "docxtpl.DocxTemplate.save"],
    ids=["pdf", "docx"],
)
def test_a_run_killed_inside_a_writer_leaves_every_previous_output_byte_identical(
    rendered, monkeypatch, writer
):
    cfg, ext, out = rendered
    before = _snapshot(out)
    assert {"brief.pdf", "brief.html", "brief.docx"} <= set(before)
    data = json.loads(ext.read_text(encoding="utf-8"))
    data["summary"][0]["text"] = "A new summary that must not half-land."
    ext.write_text(json.dumps(data), encoding="utf-8")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(writer, killed)
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg)])
    assert result.exit_code != 0
    # formats written before the failure did not land either, and no temporary file is left
    assert _snapshot(out) == before


@pytest.mark.parametrize(
    "err, needle",
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied")],
)
def test_disk_errors_give_one_line_and_exit_1(rendered, monkeypatch, err, needle):
    cfg, ext, out = rendered
    before = _snapshot(out)

    def fail(src, dst):
        raise OSError(err, "simulated", str(dst))

    monkeypatch.setattr("briefgen.atomic.os.replace", fail)
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 1
    assert needle in result.output
    assert "Traceback" not in result.output
    assert [ln for ln in result.output.splitlines() if ln.startswith("error:")] == [result.output.strip().splitlines()[-1]]
    assert _snapshot(out) == before


def test_missing_extraction_file_is_bad_usage(tmp_path):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(tmp_path / "none.json"), "--config", str(cfg)])
    assert result.exit_code == 2
    assert "no such extraction file" in result.output


HOSTILE = '<script>alert(1)</script> {{ 7*7 }} <img src="file:///etc/passwd">'


@pytest.mark.slow
def test_hostile_article_text_stays_literal_in_every_format(tmp_path):
    from docx import Document
    from pypdf import PdfReader

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = (
        "Talks on the port deal stall\n\n"
        f'"We found {HOSTILE} in the files and we will publish them," said Jane Doe, the '
        "transport minister, on Monday.\n\n"
        "Jane Doe met the port authority on Monday to discuss the deal and its costs.\n\n"
        + "The board said the port deal would be reviewed again. " * 40_000  # one 2 MB line
    )
    (corpus / "a.txt").write_text(body, encoding="utf-8")
    (corpus / "sources.yaml").write_text("a.txt: {date: 2024-05-06, publisher: Test Wire}\n", encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\nsources: [corpus]\noutputs: {directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["-q", "build", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and '<img src="file:///etc/passwd">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "49" not in html.split("&lt;script&gt;")[1][:40]
    pdf_text = " ".join(p.extract_text() for p in PdfReader(str(out / "brief.pdf")).pages)
    assert "<script>alert(1)</script>" in pdf_text and "{{ 7*7 }}" in pdf_text
    doc = Document(str(out / "brief.docx"))
    docx_text = " ".join(p.text for p in doc.paragraphs) + " ".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert HOSTILE in docx_text


def test_render_time_limit_gives_a_clear_error(tmp_path, monkeypatch):
    import time

    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\noutputs: {directory: out, render_timeout: 0.2}\n", encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")
    monkeypatch.setattr("briefgen.pipeline.render_html", lambda *a, **k: time.sleep(5))
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 1
    # sleeping uses no processor time: the clock stops it at 4 x the budget
    assert "rendering took longer than 0.8 s by the clock" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_document_cap_reads_the_newest_files_and_warns(tmp_path, caplog):
    import os

    from briefgen.ingest import load_articles

    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Article number {i} says something different {i * 7}.", encoding="utf-8")
        os.utime(tmp_path / f"{i}.txt", (1_000_000, 1_000_000 - i))
    articles = load_articles([tmp_path], max_documents=3)
    assert [a.id for a in articles] == ["0.txt", "1.txt", "2.txt"]
    assert "5 files found; only the 3 most recently modified are read" in caplog.text


def test_document_cap_also_counts_documents_inside_one_file(tmp_path, caplog):
    import json

    from briefgen.ingest import load_articles

    records = [{"text": f"Article number {i} says something different {i * 7}."} for i in range(5)]
    (tmp_path / "all.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "z.txt").write_text("Another article about a different matter.", encoding="utf-8")
    articles = load_articles([tmp_path], max_documents=3)
    assert len(articles) == 3
    assert "read the first 3 documents only" in caplog.text


def test_overlong_document_is_cut_at_a_sentence_before_the_nlp(caplog):
    from briefgen.models import Article
    from briefgen.pipeline import cap_for_nlp

    art = Article(id="long.txt", path="long.txt", text="One sentence here. " * 1000)
    cut = cap_for_nlp(art, 5_000)
    assert len(cut.text) <= 5_000 and cut.text.endswith(".")
    assert "only the first" in caplog.text
    assert cap_for_nlp(art, 100_000) is art


def test_a_template_that_is_not_found_gives_one_line_and_exit_2(tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief.html.j2").write_text('{% include "missing-partial.html.j2" %}\n', encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\ntemplates: tpl\noutputs: {directory: out}\n", encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")
    result = runner.invoke(app, ["-q", "render", str(ext), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: template not found: missing-partial.html.j2; check the templates folder"
    assert not (tmp_path / "out").exists()
