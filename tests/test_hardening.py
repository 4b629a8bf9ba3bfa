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
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", "html,docx"])
    assert result.exit_code == 0, result.output
    return cfg, ext, tmp_path / "out"


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_crash_inside_the_writer_leaves_the_previous_brief_byte_identical(rendered, monkeypatch):
    cfg, ext, out = rendered
    before = _snapshot(out)
    data = json.loads(ext.read_text(encoding="utf-8"))
    data["summary"][0]["text"] = "A new summary that must not half-land."
    ext.write_text(json.dumps(data), encoding="utf-8")

    def explode(*args, **kwargs):
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr("docxtpl.DocxTemplate.save", explode)
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", "docx"])
    assert result.exit_code != 0
    assert _snapshot(out) == before  # no partial or temporary files either


@pytest.mark.parametrize(
    "err, needle",
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied")],
)
def test_disk_errors_give_one_line_and_exit_1(rendered, monkeypatch, err, needle):
    cfg, ext, out = rendered
    before = _snapshot(out)

    def fail(src, dst):
        raise OSError(err, "simulated", str(dst))

    monkeypatch.setattr("briefgen.render.atomic.os.replace", fail)
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
