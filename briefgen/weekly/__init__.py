"""The weekly brief: ISO-week windows, idempotent runs, what changed, one run at a time."""

from briefgen.weekly.run import WeeklyResult, brief_dir, brief_name, run_weekly
from briefgen.weekly.window import Week, last_complete_week, parse_week

__all__ = [
    "Week",
    "WeeklyResult",
    "brief_dir",
    "brief_name",
    "last_complete_week",
    "parse_week",
    "run_weekly",
]
