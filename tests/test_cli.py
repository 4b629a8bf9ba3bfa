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

    result = runner.invoke(
        app, ["render", "x.json", "--config", str(DEFAULT_CONFIG), "--format", "odt"]
    )
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
    (tpl / "summary.html.j2").write_text(
        "<h2>{{ section.title }}</h2>\n{% for x in %}\n", encoding="utf-8"
    )
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\ntemplates: tpl\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(cfg)])
    assert result.exit_code == 2
    assert f"{tpl / 'summary.html.j2'}:2:" in result.output


# ---- the CLI behaves like its peers


def test_version_prints_the_version_without_a_command():
    from briefgen import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_and_verbose_are_accepted_before_or_after_the_subcommand(tmp_path, where):
    for flag in ("-q", "-v"):
        args = ["render", str(tmp_path / "none.json")]
        args = [flag, *args] if where == "before" else [*args, flag]
        result = runner.invoke(app, args)
        assert "No such option" not in result.output, result.output
        assert result.exit_code == 2  # the missing extraction, not the flag


@pytest.mark.parametrize("command", ["build", "extract"])
def test_a_missing_input_path_is_a_usage_error(tmp_path, command):
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(app, [command, str(missing), "-q"])
    assert result.exit_code == 2, result.output
    assert f"{missing}: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_a_pattern_matching_nothing_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "*.nothing")])
    assert result.exit_code == 2
    assert "matches no file" in result.output


def test_boolean_flags_show_no_value_in_help():
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert "briefgen[dask]" in result.output  # brackets in help text stay text


def _raise_unexpected(*args, **kwargs):
    progress = kwargs.get("progress")
    if progress is not None:
        progress("extracting actors")
    err = KeyError(("world health organisation", "b.txt"))
    err.add_note("document b.txt")
    raise err


def test_an_unexpected_error_is_one_line_with_the_stage_and_a_hint(tmp_path, monkeypatch):
    from briefgen import pipeline

    monkeypatch.setattr(pipeline, "build", _raise_unexpected)
    (tmp_path / "a.txt").write_text("Title\n\nText.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt")])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: build failed while extracting actors: KeyError")
    assert "b.txt" in lines[0] and "run with -v for the traceback" in lines[0]
    assert "Traceback" not in result.output


def test_an_unexpected_error_shows_its_traceback_with_verbose(tmp_path, monkeypatch):
    from briefgen import pipeline

    monkeypatch.setattr(pipeline, "build", _raise_unexpected)
    (tmp_path / "a.txt").write_text("Title\n\nText.", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "-v"])
    assert result.exit_code == 1
    assert "Traceback" in result.output
    assert "run with -v" not in result.output


def test_a_huge_unexpected_message_is_cut_to_one_readable_line(tmp_path, monkeypatch):
    from briefgen import contract

    def boom(path):
        raise ValueError("x" * 100_000 + "\nsecond line")

    monkeypatch.setattr(contract, "read_extraction", boom)
    ext = tmp_path / "e.json"
    ext.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["render", str(ext)])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and len(lines[0]) < 700
    assert "second line" not in result.output


def test_progress_off_a_terminal_logs_each_stage_and_the_document_count(caplog):
    import logging

    from briefgen.cli import _Progress

    progress = _Progress()
    with caplog.at_level(logging.INFO, logger="briefgen"):
        progress("analysing 3 documents")
        progress.count(3, 3)
    assert "analysing 3 documents" in caplog.text
    assert "analysing 3 documents: 3/3" in caplog.text


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["extract"],
        ["render"],
        ["check"],
        ["preview"],
        ["weekly"],
        ["templates", "init"],
        ["cache", "info"],
        ["schedule", "run"],
    ],
)
def test_every_command_takes_quiet_and_verbose_after_its_name(command):
    for flag in ("-q", "-v", "--quiet", "--verbose"):
        result = runner.invoke(app, [*command, flag, "--help"])
        assert result.exit_code == 0, (command, flag, result.output)


def test_on_a_terminal_warnings_print_above_the_progress_bar_as_whole_lines(monkeypatch):
    import io
    import logging
    import re
    import sys

    from briefgen.cli import _configure, _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    _configure(verbose=False, quiet=False)
    progress = _Progress()
    progress("analysing 2 documents")
    progress.count(1, 2)
    logging.getLogger("briefgen.test").warning("a.txt: undated")
    progress.count(2, 2)
    progress.close()
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", term.getvalue())
    assert re.search(r"(^|[\r\n])WARNING: a\.txt: undated\r?\n", plain), plain
    assert "2/2" in plain or "1/2" in plain


def test_check_reports_an_nlp_model_that_is_not_installed_with_file_and_line(tmp_path):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\nnlp:\n  model: en_core_web_not_installed\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(cfg)])
    assert result.exit_code == 2
    assert (
        f"{cfg}:3: nlp.model: spaCy model 'en_core_web_not_installed' is not installed"
        in result.output
    )


def test_check_accepts_a_model_folder_given_by_path(tmp_path):
    from briefgen.check import model_installed

    folder = tmp_path / "my_model"
    folder.mkdir()
    assert not model_installed(str(folder))
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    assert model_installed(str(folder))
    assert not model_installed("no_such_model_package_here")


def test_minus_o_names_the_output_folder_of_render_as_out_does(tmp_path):
    from briefgen.check import sample_extraction
    from briefgen.contract import write_extraction

    extraction = tmp_path / "x.json"
    write_extraction(sample_extraction(), extraction)
    for flag, folder in (("-o", tmp_path / "short"), ("--out", tmp_path / "long")):
        result = runner.invoke(app, ["render", str(extraction), flag, str(folder), "-f", "html", "-q"])
        assert result.exit_code == 0, result.output
        assert (folder / "brief.html").is_file()
