"""The document's own date, from metadata or from a dateline, header or byline line.

Only three shapes of line count, and only near the top or the bottom of the text
(after the trailer is cut off):

- a byline holding a full date: "By Jane Doe – The Outlet – July 31, 2023";
- a header line that is nothing but a date, maybe with weekday, time, time zone and a
  "Published"/"Updated" label: "Tuesday, April 23, 2024", "Thu Apr 22, 2010 7:30 pm EDT";
- a wire dateline opening a paragraph: "PARIS, April 15 (Wirenews) –".  Without a year
  it is completed only from a copyright line of the same text ("© 2023 …").

A body sentence that mentions a date is never the article's date, and nothing here
looks at today's clock: with no date found the document stays undated.

Last resort, :func:`date_from_path`: archives are often organised by day
(``2009-04-26/article.txt``, ``2009/04/26/article.txt``) or name files with the day
(``outlet__2009-04-26__911.txt``); such a path part dates the document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from briefgen.ingest.byline import is_byline

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?i:(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "July 31, 2023", "Apr 22, 2010"
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s+(\d{{4}})\b", re.IGNORECASE)
# "31 July 2023", "31st of July, 2023"
_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b")

_WEEKDAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_ZONE = r"\b(?:gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|ict|jst|sgt|hkt|ist|aest|aedt)(?:[+-]\d{1,2})?\b"
_LABEL = r"\b(?:published|posted|updated|last updated|page last updated|date|dated|first published|on|at)\b"
_LEFTOVER = re.compile(rf"{_WEEKDAY}|{_TIME}|{_ZONE}|{_LABEL}|[\s,.:;|/()–—-]+", re.IGNORECASE)

# "PARIS, April 15 (Wirenews) –", "WASHINGTON, March 3, 2021 (AP) —", "PARIS, 3 March -"
_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'’-]{{1,40}}(?:,\s*[A-Z][\w .'-]{{1,30}})?,\s*"
    rf"(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+(\d{{4}}))?\s*"
    rf"(?:\([^)]{{1,40}}\))?\s*[-–—:]",
)
_STAMP_TAIL = re.compile(
    rf"^[\s,:;|]*(?:{_TIME}|\b(?:published|posted|updated|last updated|page last updated)\b|\|)",
    re.IGNORECASE,
)
_STRONG_LABEL = re.compile(
    r"\b(?:published|posted|updated|last updated|first published)\b", re.IGNORECASE
)
_PLACE = re.compile(r"^[A-Z][A-Z .'-]{1,30}\|?$")
MAX_STAMP_OFFSET = 60
_COPYRIGHT_YEAR = re.compile(r"^(?:copyright|©|\(c\))\D{0,20}((?:19|20)\d{2})\b", re.IGNORECASE)

HEAD_LINES = 8
TAIL_LINES = 6
MAX_HEADER = 160  # longer lines are body prose, not headers


def date_from_text(text: str) -> dt.date | None:
    """The document date given by a header, byline or dateline line, else None."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    head, tail = lines[:HEAD_LINES], lines[HEAD_LINES:][-TAIL_LINES:]
    for line in head + tail:
        if len(line) <= MAX_HEADER and (is_byline(line) or _is_date_only(line)):
            found = parse_date(line)
            if found:
                return found
    for line in head:
        found = _leading_stamp(line)
        if found:
            return found
    year = _copyright_year(lines)
    for line in head:
        found = _dateline(line, year)
        if found:
            return found
    return None


def _leading_stamp(line: str) -> dt.date | None:
    """A date-and-time stamp opening a line that runs on into the text.

    "GENEVA | Thu Jun 11, 2009 7:03 pm EDT GENEVA (Wirenews) - …" or "13 June 2012 Last
    updated at 21:40 GMT …": before the date only a place, weekday, time or label;
    a "Published"/"Updated" label before the date, or a time, label or "|" right after it.
    """
    dates = _iter_dates(line[: MAX_STAMP_OFFSET + 40])
    if not dates or dates[0][1].start() > MAX_STAMP_OFFSET:
        return None
    found, m = dates[0]
    prefix, suffix = line[: m.start()], line[m.end() :]
    rest = _LEFTOVER.sub(" ", prefix).strip()
    if rest and not _PLACE.match(rest):
        return None
    if _STRONG_LABEL.search(prefix) or _STAMP_TAIL.match(suffix):
        return found
    return None


def parse_date(text: str) -> dt.date | None:
    """The first full date (day, month and year) written in ``text``, else None."""
    for m in _iter_dates(text):
        return m[0]
    return None


def _iter_dates(text: str) -> list[tuple[dt.date, re.Match[str]]]:
    found: list[tuple[dt.date, re.Match[str]]] = []
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_ISO, "iso")):
        for m in rx.finditer(text):
            try:
                if order == "mdy":
                    d = dt.date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
                elif order == "dmy":
                    d = dt.date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
                else:
                    d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except (ValueError, KeyError):
                continue
            found.append((d, m))
    return sorted(found, key=lambda f: f[1].start())


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def is_date_line(line: str) -> bool:
    """True for a header line that is nothing but a date ("Tuesday, April 23, 2024")."""
    return len(line) <= MAX_HEADER and _is_date_only(line)


def _is_date_only(line: str) -> bool:
    """True when the line holds one date and nothing but weekday, time, zone or label."""
    dates = _iter_dates(line)
    if len(dates) != 1:
        return False
    m = dates[0][1]
    rest = line[: m.start()] + " " + line[m.end() :]
    return not _LEFTOVER.sub("", rest).strip()


def _dateline(line: str, year: int | None) -> dt.date | None:
    m = _DATELINE.match(line)
    if not m:
        return None
    month_a, day_a, day_b, month_b, y = m.groups()
    month, day = (month_a, day_a) if month_a else (month_b, day_b)
    y_val = int(y) if y else year
    if y_val is None:
        return None
    try:
        return dt.date(y_val, _month(month), int(day))
    except (ValueError, KeyError):
        return None


def _copyright_year(lines: Sequence[str]) -> int | None:
    for line in lines:
        m = _COPYRIGHT_YEAR.match(line)
        if m:
            return int(m.group(1))
    return None


# 2009-04-26 or 2009_04_26 or 20090426 inside a name, or 2009/04/26 as three folders;
# digits right before or after (an id such as 120090426) do not count
_PATH_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_./]?)(\d{2})\2(\d{2})(?!\d)")


def date_from_path(path: str) -> dt.date | None:
    """The date a file's path gives: the last ``YYYY-MM-DD`` (also ``YYYY_MM_DD``,
    ``YYYYMMDD``, or ``YYYY/MM/DD`` as folders) in its folders or name, else None.

    The part nearest the file wins: ``2009/archive/2009-04-26/x.txt`` is 26 April.
    Impossible dates (month 13) are no date."""
    text = str(path).replace("\\", "/")
    found: dt.date | None = None
    for m in _PATH_YMD.finditer(text):
        if m.group(2) == "" and not _whole_part(text, m):
            continue  # 8 bare digits are a date only as a whole name part, not inside an id
        try:
            found = dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
    return found


def undated_warning(paths: Sequence[str], total: int) -> str | None:
    """The warning for documents left undated (``paths``: theirs), with a count, or None."""
    if not paths:
        return None
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return (
        f"{len(paths)} of {total} documents have no date (none in metadata, text or path): "
        f"{shown}; weekly briefs leave them out. Give dates in sources.yaml or name folders or files by day (YYYY-MM-DD)"
    )


def _whole_part(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1] if m.start() else "/"
    after = text[m.end()] if m.end() < len(text) else "/"
    return not before.isalnum() and not after.isalnum()


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
        return parse_date(s)
