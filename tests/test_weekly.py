"""``briefgen weekly``: windows, idempotency, the lock, empty weeks, and what changed.

A small corpus dated across three ISO weeks of 2024 (W10, W11, W12), with one earlier
article for the look-back and one undated article.  Most tests replace the NLP with a
recording stub so they run in milliseconds; the test marked ``slow`` runs the real model.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import load_config
from briefgen.errors import ExitStatus, LockedError, UsageError
from briefgen.models import Actor, Article, Event, Extraction, Question
from briefgen.weekly import changes
from briefgen.weekly.lock import LOCK_NAME, run_lock
from briefgen.weekly.run import brief_dir, run_weekly
from briefgen.weekly.window import Week, last_complete_week, parse_week, window_for

runner = CliRunner()
NOW = dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC)

ARTICLES = {
    # look-back only (2024-W07): context for W10 and W11, outside W12's 4-week look-back
    "w07.txt": (
        "2024-02-14",
        """\
        Steel makers ask for help

        German Chancellor Olaf Scholz said on Wednesday that steel makers needed help.""",
    ),
    "w10a.txt": (
        "2024-03-05",
        """\
        Leaders discuss new steel tariffs

        French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday
        to discuss new tariffs on imported steel. Macron said Europe had to protect its
        factories. Scholz said Germany wanted a common answer from the European Commission.""",
    ),
    "w10b.txt": (
        "2024-03-07",
        """\
        Steel tariffs on the agenda

        The European Commission said on Thursday that it would publish a proposal on steel
        tariffs before the summer. France and Germany have asked for quick action. Will the
        proposal be ready before the election?""",
    ),
    "w11a.txt": (
        "2024-03-12",
        """\
        Paris and Berlin agree on a steel plan

        French President Emmanuel Macron and German Chancellor Olaf Scholz agreed on a joint
        steel plan on March 12, 2024. France and Germany will ask the European Commission to
        adopt it. It is unclear whether the proposal will be ready before the election.""",
    ),
    "w12a.txt": (
        "2024-03-19",
        """\
        More support for the steel plan

        Italian Prime Minister Giorgia Meloni joined the steel talks on March 19, 2024. Meloni
        said Italy would support the plan. Emmanuel Macron and Olaf Scholz agreed on the joint
        steel plan on March 12, 2024. France and Germany welcomed her support. It is not yet
        clear how the European Commission will respond.""",
    ),
    "undated.txt": (
        None,
        """\
        A note without a date

        Olaf Scholz spoke about steel.""",
    ),
}
WEEK_DOCS = {
    "2024-W10": ({"w10a.txt", "w10b.txt"}, {"w07.txt"}),
    "2024-W11": ({"w11a.txt"}, {"w07.txt", "w10a.txt", "w10b.txt"}),
    "2024-W12": ({"w12a.txt"}, {"w10a.txt", "w10b.txt", "w11a.txt"}),
    "2024-W13": (set(), {"w10a.txt", "w10b.txt", "w11a.txt", "w12a.txt"}),
}


def make_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta = {}
    for name, (date, text) in ARTICLES.items():
        (folder / name).write_text(textwrap.dedent(text) + "\n", encoding="utf-8")
        if date:
            meta[name] = {"title": name, "publisher": f"Outlet {len(meta) % 2}", "date": date}
    (folder / "sources.yaml").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def make_config(tmp_path: Path, empty_week: str = "write", formats: str = "[html, json]") -> Path:
    make_corpus(tmp_path / "corpus")
    path = tmp_path / "weekly.yaml"
    path.write_text(
        textwrap.dedent(f"""\
            title: Steel tariffs
            subtitle: Weekly brief
            sources: [corpus]
            outputs: {{formats: {formats}, directory: out}}
            weekly: {{name: steel, timezone: Europe/Berlin, lookback_weeks: 4, empty_week: {empty_week}}}
            cache: {{directory: cache}}
            """),
        encoding="utf-8",
    )
    return path


class StubExtract:
    """Records which documents each run read and in focus; returns an empty extraction."""

    def __init__(self) -> None:
        self.calls: list[tuple[set[str], set[str]]] = []

    def __call__(self, cfg, articles, now, progress, focus, **kwargs) -> Extraction:
        ids = {a.id for a in articles}
        self.calls.append((set(focus), ids - set(focus)))
        return Extraction(
            generated_at=now.isoformat(),
            brief={"title": cfg.title},
            documents=[a.to_record() for a in articles if a.id in focus],
        )


# --- weeks and windows -------------------------------------------------------------


def test_parse_week_accepts_iso_weeks_and_explains_bad_ones():
    assert parse_week("2023-W15") == Week(2023, 15)
    assert parse_week("2023w5").label == "2023-W05"
    assert (parse_week("2020-W53").start, parse_week("2020-W53").end) == (
        dt.date(2020, 12, 28),
        dt.date(2021, 1, 3),
    )
    with pytest.raises(UsageError, match="expected an ISO week such as 2023-W15"):
        parse_week("April")
    with pytest.raises(UsageError, match="2023 has no ISO week 53"):
        parse_week("2023-W53")


def test_last_complete_week_follows_the_configured_timezone():
    # Sunday 23:30 UTC is already Monday 00:30 in Berlin: that week has just ended there
    sunday_night = dt.datetime(2024, 3, 17, 23, 30, tzinfo=dt.UTC)
    assert last_complete_week(sunday_night, "Europe/Berlin").label == "2024-W11"
    assert last_complete_week(sunday_night, "UTC").label == "2024-W10"
    assert last_complete_week(sunday_night, "America/New_York").label == "2024-W10"


def test_window_includes_the_look_back():
    w = window_for(Week(2024, 12), lookback_weeks=4)
    assert (w.context_since, w.since, w.until) == (
        dt.date(2024, 2, 19),
        dt.date(2024, 3, 18),
        dt.date(2024, 3, 24),
    )
    assert w.in_week(dt.date(2024, 3, 24)) and not w.in_week(dt.date(2024, 3, 25))
    assert w.in_context(dt.date(2024, 2, 19)) and not w.in_context(dt.date(2024, 3, 18))
    assert not w.in_week(None) and not w.in_context(None)


# --- selection, outputs, idempotency -----------------------------------------------


@pytest.mark.parametrize("label", ["2024-W10", "2024-W11", "2024-W12"])
def test_each_week_selects_its_documents_and_its_look_back(tmp_path, label):
    cfg = load_config(make_config(tmp_path))
    stub = StubExtract()
    result = run_weekly(cfg, parse_week(label), now=NOW, extract_fn=stub)
    in_week, context = WEEK_DOCS[label]
    assert stub.calls == [(in_week, context)]  # the undated article is in neither
    assert result.status == "built"
    week_dir = tmp_path / "out" / "steel" / label
    assert result.week_dir == week_dir
    assert {p.name for p in week_dir.iterdir()} == {
        "brief.html",
        "extraction.json",
        "manifest.json",
    }
    manifest = json.loads((week_dir / "manifest.json").read_text())
    assert {i["id"] for i in manifest["inputs"] if i["role"] == "week"} == in_week
    assert {i["id"] for i in manifest["inputs"] if i["role"] == "context"} == context
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["version"] and set(manifest["timings_s"]) >= {
        "read",
        "extract",
        "render",
        "total",
    }
    assert {o["file"] for o in manifest["outputs"]} == {"brief.html", "extraction.json"}
    ext = json.loads((week_dir / "extraction.json").read_text())
    assert {d["id"] for d in ext["documents"]} == in_week
    assert ext["brief"]["week"]["label"] == label


def test_the_title_block_names_the_window(tmp_path):
    cfg = load_config(make_config(tmp_path))
    result = run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=StubExtract())
    html = (result.week_dir / "brief.html").read_text()
    header = html[html.index('<header class="titleblock">') : html.index("</header>")]
    assert "Weekly brief · Week 11 of 2024, 11–17 March 2024" in header


def test_without_week_it_builds_the_last_complete_week(tmp_path):
    cfg = load_config(make_config(tmp_path))
    stub = StubExtract()
    monday_morning = dt.datetime(2024, 3, 18, 5, 0, tzinfo=dt.UTC)
    result = run_weekly(cfg, now=monday_morning, extract_fn=stub)
    assert result.week.label == "2024-W11"
    assert stub.calls[0][0] == {"w11a.txt"}


def test_second_run_is_a_no_op_and_force_or_changed_inputs_rebuild(tmp_path):
    cfg = load_config(make_config(tmp_path))
    stub = StubExtract()
    first = run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub)
    stamps = {p.name: p.stat().st_mtime_ns for p in first.week_dir.iterdir()}

    second = run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub)
    assert second.status == "up-to-date" and "nothing to do" in second.message
    assert len(stub.calls) == 1
    assert {p.name: p.stat().st_mtime_ns for p in first.week_dir.iterdir()} == stamps

    assert run_weekly(cfg, Week(2024, 11), force=True, now=NOW, extract_fn=stub).status == "built"
    assert len(stub.calls) == 2

    # a changed look-back article is a changed input too
    (tmp_path / "corpus" / "w10a.txt").write_text("Leaders met again.\n", encoding="utf-8")
    assert run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub).status == "built"
    assert run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub).status == "up-to-date"
    # so is an article moved into the week by its metadata
    meta = json.loads((tmp_path / "corpus" / "sources.yaml").read_text())
    meta["w07.txt"]["date"] = "2024-03-13"
    (tmp_path / "corpus" / "sources.yaml").write_text(json.dumps(meta), encoding="utf-8")
    assert run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub).status == "built"
    assert stub.calls[-1][0] == {"w11a.txt", "w07.txt"}
    # and a deleted output
    (first.week_dir / "brief.html").unlink()
    assert run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub).status == "built"
    assert len(stub.calls) == 5
    # the week after depends on this week's extraction, not on when it was generated
    assert run_weekly(cfg, Week(2024, 12), now=NOW, extract_fn=stub).status == "built"
    later = NOW + dt.timedelta(days=1)
    assert run_weekly(cfg, Week(2024, 11), force=True, now=later, extract_fn=stub).status == "built"
    assert run_weekly(cfg, Week(2024, 12), now=NOW, extract_fn=stub).status == "up-to-date"



def test_cli_says_the_second_run_did_nothing(tmp_path, monkeypatch):
    config = make_config(tmp_path)
    stub = StubExtract()
    monkeypatch.setattr("briefgen.pipeline.extract_articles", stub)
    first = runner.invoke(app, ["weekly", "--config", str(config), "--week", "2024-W10"])
    assert first.exit_code == 0, first.output
    assert "2024-W10: built" in first.output
    second = runner.invoke(app, ["weekly", "--config", str(config), "--week", "2024-W10"])
    assert second.exit_code == 0, second.output
    assert "2024-W10: up to date" in second.output and "--force" in second.output
    assert len(stub.calls) == 1
    forced = runner.invoke(
        app, ["weekly", "--config", str(config), "--week", "2024-W10", "--force"]
    )
    assert forced.exit_code == 0 and "built" in forced.output
    assert len(stub.calls) == 2


def test_a_failed_run_is_redone_next_time(tmp_path):
    cfg = load_config(make_config(tmp_path))
    stub = StubExtract()
    run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        run_weekly(cfg, Week(2024, 11), force=True, now=NOW, extract_fn=broken)
    assert (tmp_path / "out" / "steel" / "2024-W11" / "brief.html").is_file()  # previous brief kept
    assert run_weekly(cfg, Week(2024, 11), now=NOW, extract_fn=stub).status == "built"
    log = (tmp_path / "out" / "steel" / "weekly.log").read_text()
    assert "2024-W11: failed with an unexpected error" in log and "disk on fire" in log


# --- unattended operation ------------------------------------------------------------


def test_a_concurrent_run_is_refused_by_the_lock(tmp_path):
    config = make_config(tmp_path)
    cfg = load_config(config)
    lock = brief_dir(cfg) / LOCK_NAME
    with run_lock(lock):
        with pytest.raises(LockedError, match="another weekly run is in progress"):
            run_weekly(cfg, Week(2024, 10), now=NOW, extract_fn=StubExtract())
        result = runner.invoke(app, ["weekly", "--config", str(config), "--week", "2024-W10"])
    assert result.exit_code == ExitStatus.LOCKED == 75
    assert "another weekly run is in progress" in result.output
    assert f"pid {os.getpid()}" in result.output
    assert not (tmp_path / "out" / "steel" / "2024-W10").exists()
    assert "failed" in (tmp_path / "out" / "steel" / "weekly.log").read_text()
    # released with the block: the next run goes ahead
    assert run_weekly(cfg, Week(2024, 10), now=NOW, extract_fn=StubExtract()).status == "built"


def test_the_lock_is_held_across_processes_and_freed_when_the_holder_dies(tmp_path):
    lock = tmp_path / LOCK_NAME
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from briefgen.weekly.lock import run_lock\n"
            f"with run_lock(Path({str(lock)!r})):\n print('locked', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError, match=f"pid {holder.pid}"), run_lock(lock):
            pass
    finally:
        holder.kill()
        holder.wait()
    with run_lock(lock):  # the kernel released it with the process
        pass


def test_an_empty_week_writes_a_short_brief_when_configured(tmp_path):
    cfg = load_config(make_config(tmp_path, empty_week="write"))
    stub = StubExtract()
    result = run_weekly(cfg, Week(2024, 13), now=NOW, extract_fn=stub)
    assert result.status == "empty" and stub.calls == []
    html = (result.week_dir / "brief.html").read_text()
    assert "No new reporting" in html and "Week 13 of 2024" in html
    assert json.loads((result.week_dir / "manifest.json").read_text())["status"] == "empty"
    assert run_weekly(cfg, Week(2024, 13), now=NOW, extract_fn=stub).status == "up-to-date"


def test_an_empty_week_writes_nothing_when_configured(tmp_path):
    config = make_config(tmp_path, empty_week="skip")
    result = runner.invoke(app, ["weekly", "--config", str(config), "--week", "2024-W13"])
    assert result.exit_code == 0, result.output
    assert "no brief written" in result.output
    week_dir = tmp_path / "out" / "steel" / "2024-W13"
    assert {p.name for p in week_dir.iterdir()} == {"manifest.json"}
    again = runner.invoke(app, ["weekly", "--config", str(config), "--week", "2024-W13"])
    assert "up to date" in again.output


def test_logs_go_to_a_file_in_the_output_folder_even_when_quiet(tmp_path, monkeypatch):
    config = make_config(tmp_path)
    monkeypatch.setattr("briefgen.pipeline.extract_articles", StubExtract())
    result = runner.invoke(app, ["-q", "weekly", "--config", str(config), "--week", "2024-W12"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    log = (tmp_path / "out" / "steel" / "weekly.log").read_text()
    assert "2024-W12: 1 documents dated 2024-03-18 to 2024-03-24" in log
    assert "1 of 6 documents have no date" in log
    assert "2024-W12: built from 1 documents" in log


def test_failures_exit_non_zero_with_a_message(tmp_path):
    config = make_config(tmp_path)
    bad_week = runner.invoke(app, ["weekly", "--config", str(config), "--week", "last"])
    assert bad_week.exit_code == 2 and "expected an ISO week" in bad_week.output
    for p in (tmp_path / "corpus").iterdir():
        p.unlink()
    (tmp_path / "corpus" / "notes.bin").write_bytes(b"\0")
    failed = runner.invoke(app, ["weekly", "--config", str(config), "--week", "2024-W10"])
    assert failed.exit_code == 1
    assert "error: no readable article found" in failed.output
    assert (
        "2024-W10: failed: no readable article"
        in (tmp_path / "out" / "steel" / "weekly.log").read_text()
    )


def test_weekly_config_rejects_bad_values(write_config):
    from briefgen.errors import ConfigError

    path = write_config("weekly: {timezone: Mars/Base, time: '25:00', empty_week: maybe}\n")
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    text = str(exc.value)
    assert "weekly.timezone" in text and "unknown time zone" in text
    assert "weekly.time" in text and "weekly.empty_week" in text


# --- what changed --------------------------------------------------------------------


def _ext(actors=(), events=(), questions=()) -> Extraction:
    return Extraction(
        generated_at="2024-01-01T00:00:00",
        brief={},
        documents=[],
        actors=list(actors),
        timeline=list(events),
        open_questions=list(questions),
    )


def test_changes_flag_new_actors_by_any_known_name():
    before = [
        Actor("a1", "United States", "country", aliases=["U.S."]),
        Actor("a2", "Olaf Scholz", "person", aliases=["Scholz"]),
    ]
    now = [
        Actor("a1", "US", "country"),
        Actor("a2", "Scholz", "person"),
        Actor("a3", "Giorgia Meloni", "person"),
    ]
    assert [a.name for a in changes.new_actors(before, now)] == ["Giorgia Meloni"]


def test_changes_match_events_by_date_and_similar_text():
    before = [
        Event("2024-03-12", "day", "Macron and Scholz agreed on a joint steel plan in Paris.")
    ]
    now = [
        Event(
            "2024-03-12", "day", "Emmanuel Macron and Olaf Scholz agreed on the joint steel plan."
        ),
        Event("2024-03-19", "day", "Macron and Scholz agreed on a joint steel plan in Paris."),
        Event("2024-03-12", "day", "Italy joined the talks."),
    ]
    assert [e.text for e in changes.new_events(before, now)] == [now[1].text, now[2].text]


def test_changes_list_new_and_dropped_questions():
    before = [Question("Will the proposal be ready before the election?"), Question("Who pays?")]
    now = [Question("Who pays ?"), Question("How will the Commission respond?")]
    added, dropped = changes.question_changes(before, now)
    assert [q.text for q in added] == ["How will the Commission respond?"]
    assert [q.text for q in dropped] == ["Will the proposal be ready before the election?"]


def test_changes_flags_reach_the_json_and_the_box():
    from briefgen.brief import build_brief
    from briefgen.config import BriefConfig
    from briefgen.contract import dumps, validation_errors

    prev = _ext(
        [Actor("a1", "Olaf Scholz", "person")],
        [Event("2024-03-12", "day", "A plan was agreed.")],
        [Question("Who pays?")],
    )
    cur = _ext(
        [
            Actor("a1", "Olaf Scholz", "person", sources=["d"]),
            Actor("a2", "Giorgia Meloni", "person", role="prime minister", sources=["d"]),
        ],
        [
            Event("2024-03-12", "day", "A plan was agreed."),
            Event("2024-03-19", "day", "Italy joined.", sources=["d"]),
        ],
        [Question("How will the Commission respond?", sources=["d"])],
    )
    cur.documents = [
        Article(
            "d", "d.txt", "text", title="T", publisher="P", date=dt.date(2024, 3, 19)
        ).to_record()
    ]
    cur.changes = changes.diff(prev, cur, "2024-W11")
    data = json.loads(dumps(cur))
    assert validation_errors(data) == []
    assert [(a["name"], a["new"]) for a in data["actors"]] == [
        ("Olaf Scholz", False),
        ("Giorgia Meloni", True),
    ]
    assert [(e["date"], e["new"]) for e in data["timeline"]] == [
        ("2024-03-12", False),
        ("2024-03-19", True),
    ]
    assert [q["new"] for q in data["open_questions"]] == [True]
    assert data["changes"]["dropped_questions"] == ["Who pays?"]

    brief = build_brief(Extraction.from_dict(data), BriefConfig(), NOW)
    box = brief.sections[0]
    assert (box.id, box.title) == ("new_this_week", "New this week")
    assert [g.title for g in box.groups] == [
        "New actors",
        "New events",
        "New open questions",
        "No longer raised",
    ]
    assert [it.text for it in box.items] == [
        "New actor: Giorgia Meloni",
        "New event (19 March 2024): Italy joined.",
        "New question: How will the Commission respond?",
        "No longer raised: Who pays?",
    ]
    assert box.items[0].cites == [1]


def test_no_changes_box_outside_weekly_briefs():
    from briefgen.brief import build_brief
    from briefgen.config import BriefConfig

    assert "new_this_week" not in {s.id for s in build_brief(_ext(), BriefConfig(), NOW).sections}
    assert "changes" not in _ext().to_dict()


@pytest.mark.slow
def test_three_weeks_with_the_model_flag_exactly_the_new_actors_and_events(tmp_path):
    cfg = load_config(make_config(tmp_path, formats="[html, docx, json]"))
    for label in ("2024-W10", "2024-W11", "2024-W12"):
        assert run_weekly(cfg, parse_week(label), now=NOW).status == "built"
    week_dir = tmp_path / "out" / "steel" / "2024-W12"
    data = json.loads((week_dir / "extraction.json").read_text())
    assert data["changes"]["compared_with"] == "2024-W11"
    assert {a["name"] for a in data["actors"] if a["new"]} == {"Giorgia Meloni", "Italy"}
    assert {a["name"] for a in data["actors"] if not a["new"]} >= {"Emmanuel Macron", "Olaf Scholz"}
    assert [e["date"] for e in data["timeline"] if e["new"]] == ["2024-03-19"]
    assert [e["date"] for e in data["timeline"] if not e["new"]] == ["2024-03-12"]
    assert data["changes"]["new_questions"] == ["How will the European Commission respond?"]
    assert data["changes"]["dropped_questions"] == [
        "Will the proposal be ready before the election?"
    ]
    html = (week_dir / "brief.html").read_text()
    box = html[html.index('id="sec-new_this_week"') :]
    box = box[: box.index("</section>")]
    assert "Giorgia Meloni" in box and "Compared with the brief for 2024-W11" in box
    assert "Emmanuel Macron" not in box.split("New events")[0]
    from docx import Document

    text = "\n".join(p.text for p in Document(str(week_dir / "brief.docx")).paragraphs)
    assert "New this week" in text and "New actor: Giorgia Meloni" in text
    # parsed documents are cached for the next weeks' look-back, with the same result
    manifest = json.loads((week_dir / "manifest.json").read_text())
    assert manifest["nlp_cache"] == {"hits": 3, "misses": 1}  # w10a, w10b, w11a were parsed before
    assert run_weekly(cfg, parse_week("2024-W12"), force=True, now=NOW).status == "built"
    again = json.loads((week_dir / "extraction.json").read_text())
    assert json.loads((week_dir / "manifest.json").read_text())["nlp_cache"] == {"hits": 4, "misses": 0}
    assert again == data
    # the look-back: W12 read W10 and W11 as context, but only W12's article is cited
    assert [d["id"] for d in data["documents"]] == ["w12a.txt"]
    assert all(s == ["w12a.txt"] for a in data["actors"] for s in [a["sources"]])


@pytest.mark.slow
def test_a_weekly_run_after_a_build_over_the_same_articles_parses_nothing(tmp_path):
    from briefgen import pipeline

    cfg = load_config(make_config(tmp_path))
    pipeline.build(cfg, None, tmp_path / "built", ["json"], NOW)
    result = run_weekly(cfg, parse_week("2024-W12"), now=NOW)
    assert result.status == "built"
    manifest = json.loads((result.week_dir / "manifest.json").read_text())
    assert manifest["nlp_cache"]["misses"] == 0
    assert manifest["nlp_cache"]["hits"] == 4  # W12's article and the 3 of its look-back


def test_cache_entries_unused_for_keep_days_are_pruned_and_used_ones_kept(tmp_path):
    from briefgen.cache import FactCache, prune_unused

    cache = FactCache(tmp_path, "ns")
    cache._write("aa" * 32, b"one")
    cache._write("bb" * 32, b"two")
    old = os.path.getmtime(cache.path("aa" * 32)) - 200 * 86400
    for key in ("aa" * 32, "bb" * 32):
        os.utime(cache.path(key), (old, old))
    assert cache._load("bb" * 32, bytes) == b"two"  # a hit marks the entry as used
    assert prune_unused(tmp_path, keep_days=120) == 1
    assert not cache.path("aa" * 32).exists()
    assert cache.path("bb" * 32).exists()


def test_a_quiet_week_with_an_empty_look_back_exits_0_with_the_short_brief(tmp_path):
    config = make_config(tmp_path)
    result = runner.invoke(app, ["-q", "weekly", "--config", str(config), "--week", "2025-W20"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "steel" / "2025-W20" / "brief.html").read_text()
    assert "No new reporting" in html and "Nor is any dated in the 4 weeks before it" in html
    assert "--since" not in result.output


def test_a_corpus_without_any_date_fails_the_weekly_run_with_exit_1(tmp_path):
    corpus = tmp_path / "undated"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"note{n}.txt").write_text(f"A note\n\nThe council met about roads, item {n}.\n", encoding="utf-8")
    config = tmp_path / "weekly.yaml"
    config.write_text("title: Roads\nsources: [undated]\noutputs: {formats: [html], directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["-q", "weekly", "--config", str(config), "--week", "2024-W12"])
    assert result.exit_code == 1
    assert "none of the 3 documents" in result.output and "has a date" in result.output
    assert not (tmp_path / "out" / "roads" / "2024-W12" / "brief.html").exists()


def test_documents_dated_by_their_folder_are_found_by_their_week(tmp_path):
    corpus = tmp_path / "archive"
    for day, text in (("2024-03-19", "Mills cut output."), ("2024-03-27", "Mills resume output.")):
        (corpus / day).mkdir(parents=True)
        (corpus / day / "story.txt").write_text(f"Steel mills\n\n{text}\n", encoding="utf-8")
    config = tmp_path / "weekly.yaml"
    config.write_text("title: Steel\nsources: [archive]\noutputs: {formats: [json], directory: out}\n", encoding="utf-8")
    stub = StubExtract()
    result = run_weekly(load_config(config), Week(2024, 12), now=NOW, extract_fn=stub)
    assert result.status == "built" and stub.calls == [({"2024-03-19/story.txt"}, set())]
