"""ISO weeks: parse ``2023-W15``, find the last complete week, and the reading window."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from briefgen.errors import UsageError

_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.I)


@dataclass(frozen=True)
class Week:
    """One ISO week: Monday ``start`` to Sunday ``end``, both inclusive."""

    year: int
    week: int

    @property
    def label(self) -> str:
        """``2023-W15``: the folder name and the --week value."""
        return f"{self.year:04d}-W{self.week:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 7)

    def shift(self, weeks: int) -> Week:
        return week_of(self.start + dt.timedelta(weeks=weeks))

    def describe(self) -> str:
        """``Week 15 of 2023, 10–16 April 2023``: the window named in the title block."""
        s, e = self.start, self.end
        if s.year != e.year:
            span = f"{s:%-d %B %Y} – {e:%-d %B %Y}"
        elif s.month != e.month:
            span = f"{s:%-d %B} – {e:%-d %B %Y}"
        else:
            span = f"{s:%-d}–{e:%-d %B %Y}"
        return f"Week {self.week} of {self.year}, {span}"


@dataclass(frozen=True)
class Window:
    """The documents a weekly brief reads: the week itself and the look-back before it."""

    week: Week
    context_since: dt.date

    @property
    def since(self) -> dt.date:
        return self.week.start

    @property
    def until(self) -> dt.date:
        return self.week.end

    def in_week(self, day: dt.date | None) -> bool:
        return day is not None and self.since <= day <= self.until

    def in_context(self, day: dt.date | None) -> bool:
        return day is not None and self.context_since <= day < self.since


def week_of(day: dt.date) -> Week:
    year, week, _ = day.isocalendar()
    return Week(year, week)


def parse_week(text: str) -> Week:
    """``2023-W15`` (or ``2023W15``) → Week; raises UsageError with the expected form."""
    m = _WEEK_RE.match(text.strip())
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise UsageError(f"--week {text}: {year} has no ISO week {week}") from None
        return Week(year, week)
    raise UsageError(f"--week {text}: expected an ISO week such as 2023-W15")


def last_complete_week(now: dt.datetime, timezone: str) -> Week:
    """The latest ISO week that has fully ended at ``now`` in ``timezone``."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    today = now.astimezone(zoneinfo.ZoneInfo(timezone)).date()
    return week_of(today - dt.timedelta(days=today.isoweekday()))


def window_for(week: Week, lookback_weeks: int) -> Window:
    return Window(week=week, context_since=week.start - dt.timedelta(weeks=lookback_weeks))
