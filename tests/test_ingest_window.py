"""Date window: --since/--until and the config's window; undated articles and --strict-dates."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import load_config
from briefgen.errors import IngestError
from briefgen.ingest import load_articles

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {
        "a.md": "---\ndate: 2024-01-10\n---\nThe harbour reopened after the winter storms had closed it for a week.",
        "b.md": "---\ndate: 2024-02-20\n---\nThe council approved a new budget for road repairs in the northern district.",
        "c.md": "---\ndate: 2024-03-30\n---\nVolunteers planted three hundred trees along the river on Saturday morning.",
        "undated.txt": "A new bakery opened in the market square, drawing a queue before dawn.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _ids(articles) -> list[str]:
    return sorted(a.id for a in articles)


def test_window_selects_by_date_and_keeps_undated_with_warning(corpus, caplog):
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        got = load_articles([corpus], since=dt.date(2024, 2, 1), until=dt.date(2024, 2, 29))
    assert _ids(got) == ["b.md", "undated.txt"]
    assert any(
        "undated" in r.getMessage() and "undated.txt" in r.getMessage() for r in caplog.records
    )


def test_strict_dates_leaves_undated_out(corpus):
    got = load_articles([corpus], since=dt.date(2024, 2, 1), strict_dates=True)
    assert _ids(got) == ["b.md", "c.md"]


def test_no_window_keeps_everything_and_only_counts_the_undated(corpus, caplog):
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        got = load_articles([corpus])
    assert len(got) == 4
    assert [r.getMessage()[:35] for r in caplog.records] == ["1 of 4 documents have no date (none"]


def test_empty_window_is_an_error_that_says_what_to_do(corpus):
    with pytest.raises(IngestError, match="widen --since/--until"):
        load_articles([corpus], since=dt.date(2030, 1, 1), strict_dates=True)


def test_config_window(write_config):
    cfg = load_config(
        write_config("window: {since: 2024-02-01, until: 2024-03-01, strict: true}\n")
    )
    assert (cfg.window.since, cfg.window.until, cfg.window.strict) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 3, 1),
        True,
    )
    cfg = load_config(write_config("ingest: {max_file_mb: 1, furniture: ['listen to this.*']}\n"))
    assert cfg.ingest.max_bytes == 1024 * 1024


def test_cli_window_options(corpus, tmp_path):
    # an empty window fails before any NLP runs, with exit code 1 and a hint
    result = runner.invoke(
        app,
        [
            "extract",
            str(corpus),
            "--since",
            "2030-01-01",
            "--strict-dates",
            "-o",
            str(tmp_path / "x.json"),
        ],
    )
    assert result.exit_code == 1
    assert "widen --since/--until" in result.output
    bad = runner.invoke(app, ["extract", str(corpus), "--since", "2024-13-01"])
    assert bad.exit_code == 2
    reversed_window = runner.invoke(
        app, ["extract", str(corpus), "--since", "2024-03-01", "--until", "2024-01-01"]
    )
    assert reversed_window.exit_code == 2 and "after --until" in reversed_window.output
