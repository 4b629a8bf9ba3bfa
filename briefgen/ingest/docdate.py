"""The document's own date, found in a dateline or header line when metadata lacks it."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# "July 31, 2023", "Tuesday, April 23, 2024", "Thu Apr 22, 2010 7:30 pm EDT"
_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
# "31 July 2023"
_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

HEAD_LINES = 6
TAIL_LINES = 6
MAX_LINE = 120  # longer lines are body prose, not datelines


def date_from_text(text: str) -> dt.date | None:
    """A full date from a short header, dateline or byline line, else None.

    Only short lines near the top or the bottom are looked at, and only dates with
    day, month and year: a body sentence that mentions a date is not the article's date.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    candidates = lines[:HEAD_LINES] + lines[-TAIL_LINES:]
    for line in candidates:
        if len(line) > MAX_LINE:
            continue
        found = _parse(line)
        if found:
            return found
    return None


def _parse(line: str) -> dt.date | None:
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_ISO, "iso")):
        m = rx.search(line)
        if not m:
            continue
        try:
            if order == "mdy":
                return dt.date(int(m.group(3)), _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
            if order == "dmy":
                return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except (ValueError, KeyError):
            continue
    return None


def coerce_date(value: object) -> dt.date | None:
    """A metadata date value (date, datetime or string) as a date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return _parse(s)
