"""Scheduling the weekly brief: a crontab line, a systemd service + timer, or a loop.

``cron_entry`` and ``systemd_units`` only produce text (with absolute paths) for the
user to install; ``run_forever`` is the fallback for containers and hosts without cron.
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
import re
import shlex
import sys
import time
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.config import BriefConfig
from briefgen.errors import ExitStatus

log = logging.getLogger(__name__)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SYSTEMD_DAY = {d: d.capitalize() for d in DAYS}


def weekly_command(cfg: BriefConfig, python: str | None = None) -> list[str]:
    """The command a scheduler runs, with absolute paths: ``python -m briefgen -q weekly --config F``."""
    assert cfg.path is not None, "the config must come from load_config"
    return [python or sys.executable, "-m", "briefgen", "-q", "weekly", "--config", str(cfg.path)]


def _at(cfg: BriefConfig) -> tuple[int, int]:
    hour, minute = cfg.weekly.time.split(":")
    return int(hour), int(minute)


def next_run(now: dt.datetime, cfg: BriefConfig) -> dt.datetime:
    """The first scheduled time strictly after ``now`` (aware, in the configured zone)."""
    zone = zoneinfo.ZoneInfo(cfg.weekly.timezone)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    local = now.astimezone(zone)
    hour, minute = _at(cfg)
    days_ahead = (DAYS.index(cfg.weekly.day) - local.weekday()) % 7
    day = local.date() + dt.timedelta(days=days_ahead)
    for _ in range(3):
        candidate = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
        if candidate > now:
            return candidate
        day += dt.timedelta(days=7)
    raise AssertionError("unreachable: a later week always exists")


@dataclass(frozen=True)
class CronEntry:
    comment: str
    line: str

    def __str__(self) -> str:
        return f"{self.comment}\n{self.line}\n"


def cron_entry(
    cfg: BriefConfig,
    host_zone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
    python: str | None = None,
) -> CronEntry:
    """A 5-field crontab line.  cron uses the host's zone, so the configured time is
    converted to it (for the next run; a DST change can move it by an hour, which is
    harmless: the command itself works out which week is complete)."""
    host_zone = host_zone or dt.datetime.now().astimezone().tzinfo
    now = now or dt.datetime.now(dt.UTC)
    when = next_run(now, cfg).astimezone(host_zone)
    cron_dow = when.isoweekday() % 7  # cron: 0 = Sunday
    command = " ".join(shlex.quote(p) for p in weekly_command(cfg, python))
    line = (
        f"{when.minute} {when.hour} * * {cron_dow} cd {shlex.quote(str(cfg.base_dir))} && {command}"
    )
    comment = (
        f"# briefgen weekly brief '{cfg.title}': {cfg.weekly.day.capitalize()} {cfg.weekly.time} "
        f"{cfg.weekly.timezone} (= {when:%a %H:%M} host time, {when.tzname()})"
    )
    return CronEntry(comment, line)


def unit_name(cfg: BriefConfig) -> str:
    from briefgen.weekly import brief_name

    return "briefgen-weekly-" + (
        re.sub(r"[^A-Za-z0-9_.-]+", "-", brief_name(cfg)).strip("-") or "brief"
    )


def _pct(value: str) -> str:
    """Escape systemd's specifier character: every ``%`` in a unit value becomes ``%%``."""
    return value.replace("%", "%%")


def _systemd_quote(arg: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_@+=:,./-]+", arg):
        return arg
    return '"' + _pct(arg).replace("\\", "\\\\").replace('"', '\\"') + '"'


def invoking_user(environ: Mapping[str, str] | None = None) -> str:
    """The user who asked for the units: under ``sudo`` the one who ran sudo, not root."""
    env = os.environ if environ is None else environ
    sudo_user = env.get("SUDO_USER")
    if sudo_user and sudo_user != "root":
        return sudo_user
    return getpass.getuser()


def is_user_unit_folder(folder: Path | None) -> bool:
    """Whether ``folder`` is a per-user systemd folder, where ``User=`` does not belong."""
    return folder is not None and folder.expanduser().resolve().as_posix().endswith("/systemd/user")


def systemd_units(cfg: BriefConfig, python: str | None = None, user: str | None = None) -> dict[str, str]:
    """``{file name: contents}`` for a oneshot service and the timer that starts it.

    With ``user`` the service runs as that user (``User=``), so a system unit installed
    with sudo writes briefs its owner can edit, not root-owned files."""
    name = unit_name(cfg)
    exec_start = " ".join(_systemd_quote(p) for p in weekly_command(cfg, python))
    run_as = f"User={_pct(user)}\n" if user else ""
    service = f"""[Unit]
Description=briefgen weekly brief: {_pct(cfg.title)}
Documentation={_pct(cfg.path.as_uri()) if cfg.path else ""}

[Service]
Type=oneshot
{run_as}WorkingDirectory={_pct(str(cfg.base_dir))}
ExecStart={exec_start}
# {int(ExitStatus.LOCKED)}: another run held the lock and this one did nothing; not a failure.
SuccessExitStatus={int(ExitStatus.LOCKED)}
Nice=10
"""
    timer = f"""[Unit]
Description=Start {name}.service every week

[Timer]
OnCalendar={_SYSTEMD_DAY[cfg.weekly.day]} *-*-* {cfg.weekly.time}:00 {cfg.weekly.timezone}
Persistent=true
Unit={name}.service

[Install]
WantedBy=timers.target
"""
    return {f"{name}.service": service, f"{name}.timer": timer}


Job = Callable[[], object]


def run_forever(
    job: Job,
    next_time: Callable[[dt.datetime], dt.datetime],
    *,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    sleep: Callable[[float], None] = time.sleep,
    run_now: bool = True,
    max_runs: int | None = None,
    nap: float = 300.0,
) -> int:
    """Run ``job`` now (to catch up a missed week) and then at every ``next_time``.

    A failing job is logged and the loop goes on to the next week.  Sleeps in naps of
    at most ``nap`` seconds and re-reads the clock, so a suspended host or a clock
    change does not skip a run.  Returns the number of runs (only with ``max_runs``).
    """
    runs = 0

    def fire() -> None:
        nonlocal runs
        runs += 1
        try:
            job()
        except Exception:
            log.exception("scheduled weekly run failed; trying again at the next scheduled time")

    if run_now:
        fire()
    while max_runs is None or runs < max_runs:
        due = next_time(clock())
        log.info("next weekly run at %s", due.isoformat(timespec="minutes"))
        while (left := (due - clock()).total_seconds()) > 0:
            sleep(min(left, nap))
        fire()
    return runs


def format_units(units: dict[str, str], folder: Path | None = None) -> str:
    """Both units as one text, each headed by the file it belongs in."""
    where = folder or Path("/etc/systemd/system")
    return "\n".join(f"# --- {where / name}\n{text}" for name, text in units.items())


def write_units(units: dict[str, str], folder: Path) -> Sequence[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in units.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
