"""Ingest on awkward real-world files: deep JSON, bad JSON lines, huge numbers,
file names that are not UTF-8, and a folder with more files than the document cap."""

from __future__ import annotations

import json
import logging
import os
import sys

import pytest

from briefgen.contract import read_extraction
from briefgen.errors import ExtractionFileError
from briefgen.ingest import load_articles

BODY = "The council met on Monday and agreed the budget for the port."
DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "1" * 5_000


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "content", [DEEP, '{"text": "x", "n": ' + HUGE + "}"], ids=["deep", "huge-number"]
)
def test_an_unparseable_json_file_is_skipped_with_a_warning_and_the_rest_is_read(
    tmp_path, caplog, content
):
    _write(tmp_path, "bad.json", content)
    _write(tmp_path, "good.txt", BODY)
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert [a.id for a in articles] == ["good.txt"]
    assert "bad.json: skipped: invalid JSON" in caplog.text


def test_bad_jsonl_lines_are_skipped_one_by_one_and_good_lines_kept(tmp_path, caplog):
    lines = [
        json.dumps({"text": BODY, "title": "One"}),
        DEEP,
        '{"text": "A second article about the harbour budget.", "n": ' + HUGE + "}",
        "{not json",
        json.dumps(
            {"text": "A third article: the port authority met the council.", "title": "Three"}
        ),
    ]
    _write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert [a.title for a in articles] == ["One", "Three"]
    skipped = [r.getMessage() for r in caplog.records if "skipped: invalid JSON" in r.getMessage()]
    assert [m.split(": ")[0].rsplit(":", 1)[1] for m in skipped] == ["2", "3", "4"]
    assert "nested too deeply" in skipped[0] and "too many digits" in skipped[1]


@pytest.mark.parametrize(
    "content, needle",
    [(DEEP, "nested too deeply"), ('{"schema": ' + HUGE + "}", "too many digits")],
    ids=["deep", "huge-number"],
)
def test_an_unreadable_extraction_file_is_one_clear_error(tmp_path, content, needle):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionFileError) as err:
        read_extraction(path)
    assert str(err.value).startswith(f"{path}: invalid JSON: ") and needle in str(err.value)


def test_schema_problems_quote_huge_values_short(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"schema": "y" * 6_000_000}), encoding="utf-8")
    with pytest.raises(ExtractionFileError) as err:
        read_extraction(path)
    assert len(str(err.value)) < 2_000


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_a_replacement_character(
    tmp_path, caplog
):
    from briefgen.contract import dumps
    from briefgen.models import Extraction

    folder = os.fsencode(tmp_path / "corpus")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write(BODY)
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path / "corpus"])
    assert article.id == "caf\ufffd.txt"
    article.path.encode("utf-8")  # writable as UTF-8: the writers no longer fail
    assert "not valid UTF-8" in caplog.text
    ext = Extraction(
        generated_at="2026-01-01T00:00:00+00:00",
        brief={"title": "T"},
        documents=[article.to_record()],
    )
    assert "caf\ufffd.txt" in dumps(ext)


def test_the_document_cap_keeps_the_newest_files_before_parsing_any(tmp_path, caplog, monkeypatch):
    from briefgen.ingest import loader

    for i in range(6):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"Article {i}: the council met and agreed item {i * 7}.", encoding="utf-8")
        os.utime(path, (1_000_000, 1_000_000 + (i * 5) % 6))  # mtimes 0,5,4,3,2,1: not name order
    parsed = []
    real = loader.read_file
    monkeypatch.setattr(loader, "read_file", lambda p, n: parsed.append(p.name) or real(p, n))
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path], max_documents=3)
    newest = sorted(tmp_path.iterdir(), key=lambda p: p.stat().st_mtime)[-3:]
    assert sorted(a.id for a in articles) == sorted(p.name for p in newest)
    assert sorted(parsed) == sorted(p.name for p in newest)  # the others were never opened
    assert "6 files found; only the 3 most recently modified are read" in caplog.text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_named_pipe_is_said_to_be_one_and_skipped_without_blocking(tmp_path, caplog, given):
    _write(tmp_path, "good.txt", BODY)
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    paths = [tmp_path] if given == "folder" else [tmp_path / "pipe.txt", tmp_path / "good.txt"]
    with caplog.at_level(logging.WARNING):
        articles = load_articles(paths)
    assert [a.id for a in articles] == ["good.txt"]
    assert (
        f"{tmp_path / 'pipe.txt'}: skipped: a named pipe (FIFO), not a regular file" in caplog.text
    )
    assert "no such file" not in caplog.text


def test_a_dangling_symlink_in_a_folder_is_named_and_skipped(tmp_path, caplog):
    _write(tmp_path, "good.txt", BODY)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert [a.id for a in articles] == ["good.txt"]
    assert "gone.txt: skipped: a symlink to a file that does not exist" in caplog.text


def test_a_subfolder_that_cannot_be_listed_is_warned_once_with_its_path(
    tmp_path, caplog, monkeypatch
):
    _write(tmp_path, "good.txt", BODY)
    _write(tmp_path / "locked", "hidden.txt", BODY + " Another sentence.")
    _write(tmp_path / "open", "other.txt", "The port authority met the council on Friday.")
    locked = tmp_path / "locked"
    real_scandir = os.scandir

    def scandir(path="."):  # as for a folder without read permission (root ignores chmod)
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert sorted(a.id for a in articles) == ["good.txt", "open/other.txt"]
    warned = [r.getMessage() for r in caplog.records if "cannot list" in r.getMessage()]
    assert warned == [f"{locked}: folder skipped: cannot list it (Permission denied)"]


@pytest.mark.parametrize(
    "field, value, shape",
    [
        ("title", "[Part one, Part two]", "a list"),
        ("url", "{href: 'https://example.org/a'}", "a map"),
    ],
)
def test_a_sidecar_title_or_url_that_is_a_list_or_map_is_warned_with_its_line_not_used(
    tmp_path, caplog, field, value, shape
):
    _write(tmp_path, "a.txt", BODY)
    _write(tmp_path, "sources.yaml", f"a.txt:\n  publisher: Harbour Gazette\n  {field}: {value}\n")
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path])
    assert f"sources.yaml:3: a.txt: {field} is {shape}, not one value" in caplog.text
    assert article.publisher == "Harbour Gazette"
    shown = article.title if field == "title" else article.url
    assert shown is None or not shown.startswith(("[", "{"))
