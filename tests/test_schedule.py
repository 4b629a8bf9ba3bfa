"""``briefgen schedule``: the crontab line, the systemd units, and the foreground loop."""

from __future__ import annotations

import configparser
import datetime as dt
import re
import shutil
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen import schedule as sched
from briefgen.cli import app
from briefgen.config import load_config

runner = CliRunner()
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

# minute hour day-of-month month day-of-week, each a number, range, list, step or *
_FIELD = r"(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*"
CRON_RE = re.compile(rf"^({_FIELD})\s+({_FIELD})\s+({_FIELD})\s+({_FIELD})\s+({_FIELD})\s+(\S.*)$")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    path = tmp_path / "my briefs" / "weekly.yaml"
    path.parent.mkdir()
    path.write_text(
        "title: Steel tariffs\nsources: [../corpus]\n"
        "weekly: {name: steel, timezone: Europe/Berlin, day: mon, time: '06:30'}\n",
        encoding="utf-8",
    )
    return path


def _cron_fields(line: str) -> list[str]:
    m = CRON_RE.match(line)
    assert m, f"not a 5-field cron line: {line!r}"
    return line.split(None, 5)


def test_cron_line_is_valid_five_field_syntax_with_absolute_paths(config):
    cfg = load_config(config)
    winter = dt.datetime(2024, 1, 10, tzinfo=dt.UTC)
    entry = sched.cron_entry(cfg, host_zone=dt.UTC, now=winter)
    minute, hour, dom, month, dow, command = _cron_fields(entry.line)
    assert (minute, hour, dom, month, dow) == ("30", "5", "*", "*", "1")  # 06:30 Berlin = 05:30 UTC
    assert 0 <= int(minute) <= 59 and 0 <= int(hour) <= 23 and 0 <= int(dow) <= 7
    assert f"--config '{config.resolve()}'" in command  # quoted: the folder has a space
    assert sys.executable in command and " -m briefgen -q weekly " in command
    assert entry.comment.startswith("#") and "Europe/Berlin" in entry.comment
    # summer time moves the host time, never the weekday; a zone east of Berlin can
    summer = sched.cron_entry(
        cfg, host_zone=dt.UTC, now=dt.datetime(2024, 7, 1, tzinfo=dt.UTC)
    )
    assert _cron_fields(summer.line)[:5] == ["30", "4", "*", "*", "1"]
    late = load_config(config)
    late.weekly.time = "00:15"
    west = sched.cron_entry(late, host_zone=zoneinfo.ZoneInfo("America/New_York"), now=winter)
    assert _cron_fields(west.line)[:5] == ["15", "18", "*", "*", "0"]  # Sunday evening in New York


def test_cli_prints_the_cron_line(config):
    result = runner.invoke(app, ["schedule", "--print", "cron", "--config", str(config)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("# briefgen weekly brief")
    _cron_fields(lines[1])


def test_cli_schedule_needs_a_mode(config):
    result = runner.invoke(app, ["schedule", "--config", str(config)])
    assert result.exit_code == 2 and "--print cron" in result.output
    result = runner.invoke(app, ["schedule", "--print", "launchd", "--config", str(config)])
    assert result.exit_code == 2


def _units(cfg) -> dict[str, configparser.ConfigParser]:
    out = {}
    for name, text in sched.systemd_units(cfg).items():
        parser = configparser.ConfigParser(interpolation=None, strict=True)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read_string(text)
        out[name] = parser
    return out


def test_systemd_units_have_the_expected_structure(config):
    cfg = load_config(config)
    units = _units(cfg)
    assert set(units) == {"briefgen-weekly-steel.service", "briefgen-weekly-steel.timer"}
    service, timer = units["briefgen-weekly-steel.service"], units["briefgen-weekly-steel.timer"]
    assert service.sections() == ["Unit", "Service"]
    assert service["Service"]["Type"] == "oneshot"
    exec_start = service["Service"]["ExecStart"]
    assert exec_start.startswith(sys.executable + " -m briefgen -q weekly --config ")
    assert f'"{config.resolve()}"' in exec_start  # systemd quoting for the space
    assert Path(service["Service"]["WorkingDirectory"]).is_absolute()
    assert service["Service"]["SuccessExitStatus"] == "75"
    assert timer.sections() == ["Unit", "Timer", "Install"]
    assert timer["Timer"]["OnCalendar"] == "Mon *-*-* 06:30:00 Europe/Berlin"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "briefgen-weekly-steel.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_systemd_units_pass_systemd_analyze_verify(config, tmp_path):
    cfg = load_config(config)
    folder = tmp_path / "units"
    paths = sched.write_units(sched.systemd_units(cfg), folder)
    result = subprocess.run(
        ["systemd-analyze", "verify", *map(str, paths)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    problems = [line for line in result.stderr.splitlines() if "briefgen-weekly-steel" in line]
    assert problems == [], result.stderr
    calendar = subprocess.run(
        ["systemd-analyze", "calendar", "Mon *-*-* 06:30:00 Europe/Berlin"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert calendar.returncode == 0, calendar.stderr


def test_cli_prints_and_writes_the_systemd_units(config, tmp_path):
    folder = tmp_path / "units"
    result = runner.invoke(
        app, ["schedule", "--print", "systemd", "--config", str(config), "--write", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert f"# --- {folder / 'briefgen-weekly-steel.service'}" in result.output
    assert "[Timer]" in result.output and "OnCalendar=" in result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefgen-weekly-steel.service",
        "briefgen-weekly-steel.timer",
    ]


def test_next_run_is_the_next_configured_weekday_and_time(config):
    cfg = load_config(config)
    # Monday 2024-03-18 05:00 UTC is 06:00 in Berlin: 06:30 is still ahead that day
    assert sched.next_run(
        dt.datetime(2024, 3, 18, 5, 0, tzinfo=dt.UTC), cfg
    ) == dt.datetime(2024, 3, 18, 6, 30, tzinfo=BERLIN)
    # exactly at the time: strictly later, so a week on
    at = dt.datetime(2024, 3, 18, 6, 30, tzinfo=BERLIN)
    assert sched.next_run(at, cfg) == dt.datetime(2024, 3, 25, 6, 30, tzinfo=BERLIN)
    # across the change to summer time (31 March 2024) the local time stays 06:30
    after = sched.next_run(dt.datetime(2024, 3, 26, tzinfo=dt.UTC), cfg)
    assert after == dt.datetime(2024, 4, 1, 6, 30, tzinfo=BERLIN)
    assert after.utcoffset() == dt.timedelta(hours=2)


class FakeClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> dt.datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += dt.timedelta(seconds=seconds)


def test_the_loop_survives_a_failed_run_and_tries_again_next_week(config):
    cfg = load_config(config)
    clock = FakeClock(dt.datetime(2024, 3, 20, 12, 0, tzinfo=dt.UTC))
    fired: list[dt.datetime] = []

    def job() -> None:
        fired.append(clock())
        if len(fired) == 2:
            raise RuntimeError("the first scheduled run fails")

    runs = sched.run_forever(
        job,
        lambda now: sched.next_run(now, cfg),
        clock=clock,
        sleep=clock.sleep,
        max_runs=3,
        nap=3600,
    )
    assert runs == 3
    assert [f.astimezone(BERLIN).strftime("%a %Y-%m-%d %H:%M") for f in fired] == [
        "Wed 2024-03-20 13:00",  # at start, to catch up
        "Mon 2024-03-25 06:30",  # fails
        "Mon 2024-04-01 06:30",  # the loop went on
    ]
    assert max(clock.slept) <= 3600  # short naps re-read the clock


def test_schedule_run_builds_the_week_in_the_foreground(config, monkeypatch):
    calls = []

    def fake_loop(job, when, run_now):
        calls.append(when(dt.datetime(2024, 3, 18, 5, 0, tzinfo=dt.UTC)))
        job()
        return 1

    monkeypatch.setattr("briefgen.weekly.run_weekly", lambda cfg: calls.append(cfg.weekly.name))
    monkeypatch.setattr(sched, "run_forever", fake_loop)
    monkeypatch.setattr("signal.signal", lambda *args: None)  # keep pytest's own SIGTERM handling
    result = runner.invoke(app, ["schedule", "run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert calls == [dt.datetime(2024, 3, 18, 6, 30, tzinfo=BERLIN), "steel"]


@pytest.mark.parametrize("command", [["weekly"], ["schedule"], ["schedule", "run"]])
def test_weekly_commands_have_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_a_system_unit_runs_as_the_invoking_user_not_root(config):
    cfg = load_config(config)
    service = next(t for n, t in sched.systemd_units(cfg, user="alice").items() if n.endswith(".service"))
    assert "\nUser=alice\n" in service
    assert sched.invoking_user({"SUDO_USER": "alice", "USER": "root"}) == "alice"


def test_the_cli_names_the_user_for_system_units_but_not_for_user_units(config, tmp_path, monkeypatch):
    monkeypatch.setenv("SUDO_USER", "alice")
    printed = runner.invoke(app, ["schedule", "--print", "systemd", "--config", str(config)])
    assert printed.exit_code == 0 and "User=alice" in printed.output
    user_dir = tmp_path / ".config" / "systemd" / "user"
    written = runner.invoke(
        app, ["schedule", "--print", "systemd", "--config", str(config), "--write", str(user_dir)]
    )
    assert written.exit_code == 0, written.output
    assert "User=" not in written.output
