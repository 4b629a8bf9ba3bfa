"""Readers, encodings, bad files and the size cap, on the fixtures in fixtures/ingest."""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen.errors import IngestError
from briefgen.ingest import load_articles
from briefgen.ingest.decode import UnreadableFile, decode

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def formats():
    return {a.id: a for a in load_articles([FIXTURES / "formats"])}


def test_every_format_is_read(formats):
    assert sorted(formats) == [
        "desk.atom#1",
        "news.rss#1",
        "news.rss#2",
        "news.rss#3",
        "page.html",
        "plain.txt",
        "records.json#1",
        "records.json#2",
        "records.jsonl#1",
        "records.jsonl#2",
        "records.jsonl#4",  # line 3 is not JSON
        "story.md",
    ]
    assert not any(a.duplicate_of for a in formats.values())


def test_feed_entries_are_documents(formats):
    entries = [formats[f"news.rss#{i}"] for i in (1, 2, 3)]
    assert [e.date for e in entries] == [dt.date(2025, 1, d) for d in (6, 7, 8)]
    assert {e.publisher for e in entries} == {"Example Feed News"}
    assert entries[0].title == "Park to get new playground"
    assert entries[0].url == "https://example.org/park"
    assert "Building starts in March." in entries[0].text and "<p>" not in entries[0].text
    atom = formats["desk.atom#1"]
    assert (atom.author, atom.date, atom.date_source) == (
        "Robin Desk",
        dt.date(2024, 2, 1),
        "metadata",
    )


def test_markdown_front_matter(formats):
    md = formats["story.md"]
    assert (md.title, md.publisher, md.author) == (
        "Water utility raises rates",
        "Example Gazette",
        "Sam Writer",
    )
    assert (md.date, md.url) == (dt.date(2022, 5, 17), "https://example.org/water-rates")
    assert "Subscribe now" not in md.text and "title:" not in md.text
    assert "costly pipe replacement programme" in md.text


def test_html_main_text_and_metadata(formats):
    page = formats["page.html"]
    assert (page.publisher, page.author) == ("Example Times", "Alex Reporter")
    assert (page.date, page.date_source) == (dt.date(2020, 10, 5), "metadata")
    assert page.url == "https://example.org/library-hours"
    assert "more than four thousand signatures" in page.text
    assert "paid for from the culture budget" in page.text
    for furniture in ("Advertisement", "Related posts", "Pool closes", "Copyright", "Home"):
        assert furniture not in page.text


def test_json_records(formats):
    rec = formats["records.json#1"]
    assert (rec.title, rec.publisher, rec.author) == (
        "Bridge inspection finds corrosion",
        "Example Post",
        "Kim Author",
    )
    assert rec.date == dt.date(2019, 11, 2) and rec.url == "https://example.org/bridge"
    assert formats["records.jsonl#4"].title == "Marathon route changes"


def test_sidecar_overrides_and_text_date(formats):
    plain = formats["plain.txt"]
    assert (plain.title, plain.publisher) == ("Ferry terminal approved", "Sidecar Wire")
    assert (plain.date, plain.date_source) == (dt.date(2021, 3, 3), "text")
    assert "Advertisement" not in plain.text and "See also" not in plain.text
    assert "Copyright" not in plain.text
    assert "Critics argued that the cost estimates had doubled" in plain.text


@pytest.mark.parametrize(
    "name, needle",
    [
        ("utf8_bom.txt", "The museum will open its new wing"),
        ("utf16.txt", "Rail unions announced a two-day strike"),
        ("utf16le_nobom.txt", "Flood defences along the river"),
        ("cp1252.txt", "“We were not consulted,” said one owner"),
        ("latin1.txt", "Größere Veranstaltungen sollen ab Herbst"),
    ],
)
def test_encodings(name, needle):
    (article,) = load_articles([FIXTURES / "encodings" / name])
    assert needle in article.text
    assert "\ufeff" not in article.text and "\x00" not in article.text
    if name == "cp1252.txt":
        assert article.text.startswith("Café owners")


def test_bad_files_are_skipped_with_one_warning_each(caplog, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "The bakery on the corner reopened on Monday after a fire in the spring.", encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        articles = load_articles([FIXTURES / "bad", good])
    assert [a.id for a in articles] == ["good.txt"]
    for name, reason in [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "binary"),
        ("table.csv", "no reader"),
    ]:
        hits = [r.getMessage() for r in caplog.records if name in r.getMessage()]
        assert len(hits) == 1 and reason in hits[0], (name, hits)


def test_nothing_readable_is_an_error():
    with pytest.raises(IngestError, match="no readable article"):
        load_articles([FIXTURES / "bad"])


@pytest.mark.parametrize(
    "data",
    [b"", b"\n \n", b"\xef\xbb\xbf", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
)
def test_decode_refuses_empty_and_binary(data):
    with pytest.raises(UnreadableFile):
        decode(data)


def test_decode_tolerates_a_character_cut_by_the_cap():
    data = "Ein schöner Tag".encode()
    cut = data[: data.index("ö".encode()) + 1]  # half of the two-byte ö
    assert decode(cut) == "Ein sch"


def test_cap_truncates_with_warning(caplog, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(
        "".join(f"Line {i} of a long report about roads.\n" for i in range(2000)), encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        (article,) = load_articles([big], max_bytes=10_000)
    assert len(article.text.encode("utf-8")) <= 10_000
    assert "Line 0 of a long report" in article.text and "Line 1999" not in article.text
    assert any("larger than" in r.getMessage() for r in caplog.records)


def test_50_mb_file_loads_within_the_cap_and_500_mb(tmp_path):
    """A 50 MB file is read only up to the 5 MB default cap, in a process under 500 MB."""
    big = tmp_path / "huge.txt"
    line = "Paragraph {i}: the regional council debated transport, housing and water budgets.\n"
    with big.open("w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < 50 * 1024 * 1024:
            fh.write("".join(line.format(i=i + k) for k in range(1000)))
            i += 1000
    script = textwrap.dedent(
        f"""
        import json
        from briefgen.ingest import load_articles
        (a,) = load_articles([{str(big)!r}])
        # VmHWM is this process's own peak; ru_maxrss would also count the parent's
        # peak before exec (a test runner that has loaded the spaCy model)
        status = open("/proc/self/status").read()
        peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
        print(json.dumps({{"chars": len(a.text), "peak_mb": peak_mb}}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert 4 * 1024 * 1024 < result["chars"] <= 5 * 1024 * 1024
    assert result["peak_mb"] < 500, result
    assert "larger than the 5 MB cap" in out.stderr


def test_sidecar_keys_for_a_whole_feed_and_for_one_entry(tmp_path):
    (tmp_path / "news.rss").write_bytes((FIXTURES / "formats" / "news.rss").read_bytes())
    (tmp_path / "sources.yaml").write_text(
        "news.rss: {publisher: Overridden Desk}\n'news.rss#2': {title: Fares stay the same, date: 2025-02-01}\n",
        encoding="utf-8",
    )
    by_id = {a.id: a for a in load_articles([tmp_path])}
    assert {a.publisher for a in by_id.values()} == {"Overridden Desk"}
    assert (by_id["news.rss#2"].title, by_id["news.rss#2"].date) == (
        "Fares stay the same",
        dt.date(2025, 2, 1),
    )
    assert by_id["news.rss#1"].title == "Park to get new playground"


def test_globs_and_nested_folders():
    assert [a.id for a in load_articles([str(FIXTURES / "formats" / "*.md")])] == ["story.md"]
    nested = load_articles([str(FIXTURES / "**" / "*.jsonl")])
    assert [a.id for a in nested] == ["records.jsonl#1", "records.jsonl#2", "records.jsonl#4"]
    ids = {a.id for a in load_articles([FIXTURES / "encodings", FIXTURES / "formats"])}
    assert "utf16.txt" in ids and "page.html" in ids
    everything = {a.id for a in load_articles([FIXTURES])}  # recursive, ids relative to the folder
    assert "formats/page.html" in everything and "encodings/latin1.txt" in everything
