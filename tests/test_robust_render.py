"""Rendering leaves nothing behind and stays bounded: stale temporaries of killed runs
are removed and reported, I/O errors name the user's file, and templates that ask for
huge values or recurse without end give one template error."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
import time

import pytest
from typer.testing import CliRunner

from briefgen.atomic import atomic_path, remove_stale_temporaries, write_text_atomic
from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps

runner = CliRunner()


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_stale_temporaries_of_the_target_are_removed_and_reported(tmp_path, caplog):
    target = tmp_path / "brief.pdf"
    dead = tmp_path / f".brief.pdf.{_dead_pid()}-k3j2x9.tmp"
    old_unowned = tmp_path / ".brief.pdf.a8f3kq1z.tmp"
    live = tmp_path / f".brief.pdf.{os.getpid()}-zz81.tmp"
    young_unowned = tmp_path / ".brief.pdf.q0w9e8r7.tmp"
    other = tmp_path / ".notes.pdf.123-abc.tmp"
    for p in (dead, old_unowned, live, young_unowned, other):
        p.write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    os.utime(old_unowned, (two_hours_ago, two_hours_ago))
    with caplog.at_level(logging.WARNING):
        write_text_atomic(target, "done")
    assert target.read_text() == "done"
    assert not dead.exists() and not old_unowned.exists()
    assert live.exists() and young_unowned.exists() and other.exists()
    assert "removed 2 temporary file(s) left by an interrupted run" in caplog.text
    assert remove_stale_temporaries(target) == []  # nothing more to remove, no new warning


def test_a_killed_render_leaves_a_temporary_that_the_next_run_removes(tmp_path):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\noutputs: {directory: out}\n", encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    # what kill -9 during the HTML write leaves: a temporary whose process is gone
    (out / f".brief.html.{_dead_pid()}-x1y2z3.tmp").write_text("<html>half", encoding="utf-8")
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["brief.html"]
    assert "removed 1 temporary file(s)" in result.output


@pytest.mark.parametrize("with_name", [False, True], ids=["no-file-name", "temporary-named"])
def test_a_disk_full_error_names_the_users_file_not_the_temporary(tmp_path, with_name):
    target = tmp_path / "brief.pdf"
    with pytest.raises(OSError) as err, atomic_path(target) as tmp:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp) if with_name else None)
    assert err.value.errno == errno.ENOSPC
    assert err.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_disk_full_through_the_cli_is_one_line_naming_the_output(tmp_path, monkeypatch):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\noutputs: {directory: out}\n", encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("pathlib.Path.write_text", full)
    result = runner.invoke(app, ["render", str(ext), "--config", str(cfg), "--format", "html"])
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last == f"error: {tmp_path / 'out' / 'brief.html'}: the disk is full; free some space and run again"
    assert ".tmp" not in result.output


TEMPLATE_BOMBS = {
    "huge-range": ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "range() of 1,000,000,000 items"),
    "huge-string": ("{{ 'x' * 10**10 }}", "a value of 10,000,000,000 items from '*'"),
    "doubling": (
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ '' + ns.s %}"
            "{% endfor %}{{ ns.s }}"
        ),
        "from '+'",
    ),
    "recursive-macro": ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "call each other more than"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_BOMBS))
def test_a_template_asking_for_huge_resources_is_one_template_error(tmp_path, name):
    source, needle = TEMPLATE_BOMBS[name]
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief.html.j2").write_text(source + "\n", encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\ntemplates: tpl\noutputs: {directory: out}\n", encoding="utf-8")
    ext = tmp_path / "x.json"
    ext.write_text(dumps(sample_extraction()), encoding="utf-8")
    start = time.monotonic()
    result = runner.invoke(app, ["-q", "render", str(ext), "--config", str(cfg), "--format", "html"])
    assert time.monotonic() - start < 60
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "brief.html.j2:1" in lines[0] and needle in lines[0]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_ordinary_template_arithmetic_and_bounded_recursion_still_work():
    from briefgen.render.env import make_env

    env = make_env(None)
    src = (
        "{% macro m(n) %}{% if n < 30 %}{{ m(n + 1) }}{% else %}{{ n }}{% endif %}{% endmacro %}"
        "{{ m(0) }} {{ 'ab' * 3 }} {{ 2 ** 10 }} {{ [1] + [2] }} {{ range(3) | list }}"
    )
    assert env.from_string(src).render() == "30 ababab 1024 [1, 2] [0, 1, 2]"


def test_the_render_budget_scales_with_the_number_of_documents():
    from briefgen.render.timeout import render_budget

    assert render_budget(300, 2) == 300
    assert render_budget(300, 1_000) == 300
    assert render_budget(300, 2_000) == 600
    assert render_budget(0.2, 5) == 0.2


def test_a_template_that_burns_processor_time_is_stopped_by_the_processor_budget():
    from briefgen.errors import RenderError
    from briefgen.render.timeout import time_limit

    start = time.monotonic()
    with pytest.raises(RenderError, match=r"took longer than 0.3 s of processor time"), time_limit(0.3):
        while True:
            sum(range(10_000))
    assert time.monotonic() - start < 0.3 * 4 + 5


def test_a_starved_block_is_stopped_by_the_clock_only_at_the_wall_factor():
    from briefgen.errors import RenderError
    from briefgen.render.timeout import time_limit

    start = time.monotonic()
    with pytest.raises(RenderError, match=r"took longer than 0.4 s by the clock"), time_limit(0.1):
        time.sleep(5)  # no processor time used
    assert 0.35 < time.monotonic() - start < 4
