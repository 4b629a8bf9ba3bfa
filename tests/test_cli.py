from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefgen.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["build", "extract", "render", "check"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    assert app.registered_commands and all(c.callback.__doc__ for c in app.registered_commands)


def _out_snapshot(out):
    return sorted((p.name, p.read_bytes()) for p in out.iterdir())


@pytest.mark.parametrize(
    "config_text, needle",
    [
        ("title: T\nsections:\n  - {type: summary\n", ":4:8: YAML syntax error"),
        ("title: T\nsections:\n  - type: nonsense\n", ":3: sections.0.type"),
        ("title: T\nsources:\n  - ./no-such-folder\n", ":3: sources.0"),
    ],
    ids=["yaml-syntax", "unknown-section", "missing-source"],
)
def test_bad_config_exits_2_with_file_line_and_leaves_out_untouched(tmp_path, config_text, needle):
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.pdf").write_bytes(b"previous brief")
    before = _out_snapshot(out)
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(config_text + "outputs: {directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "--config", str(cfg)])
    assert result.exit_code == 2, result.output
    assert f"{cfg}{needle}" in result.output
    assert "Traceback" not in result.output
    assert _out_snapshot(out) == before


def test_unknown_format_is_bad_usage(tmp_path):
    from conftest import DEFAULT_CONFIG

    result = runner.invoke(app, ["render", "x.json", "--config", str(DEFAULT_CONFIG), "--format", "odt"])
    assert result.exit_code == 2
    assert "unknown format 'odt'" in result.output


def test_check_passes_on_the_default_config():
    from conftest import DEFAULT_CONFIG

    result = runner.invoke(app, ["check", "--config", str(DEFAULT_CONFIG)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_check_reports_a_template_syntax_error_with_file_and_line(tmp_path):
    tpl = tmp_path / "tpl" / "sections"
    tpl.mkdir(parents=True)
    (tpl / "summary.html.j2").write_text("<h2>{{ section.title }}</h2>\n{% for x in %}\n", encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\ntemplates: tpl\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(cfg)])
    assert result.exit_code == 2
    assert f"{tpl / 'summary.html.j2'}:2:" in result.output
