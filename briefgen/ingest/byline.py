"""Bylines and credit lines, recognised by their shape; pure functions.

A byline is a short line that opens with "By" and holds only names, outlet names,
dates, times and a few job words: "By Jane Doe – The Outlet – July 31, 2023",
"By JANE DOE, Staff Writer".  A credit line names the people behind wire copy:
"(Reporting by Jane Doe; Editing by John Roe)".  Both are dropped from the article
text; a byline also gives the author and the publisher when metadata lacks them.

The test is that every word is capitalised, a number, or one of the few lower-case
words bylines use.  A sentence ("By Friday, the talks had collapsed.") fails it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WORDS = 24

# lower-case words a byline or credit line may hold besides names and dates
_SMALL_WORDS = frozenset(
    [
        "by",
        "and",
        "in",
        "of",
        "the",
        "for",
        "at",
        "on",
        "from",
        "with",
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "binti",
        "al",
        "el",
        "la",
        "le",
        "y",
        "staff",
        "writer",
        "writers",
        "correspondent",
        "correspondents",
        "reporter",
        "reporters",
        "editor",
        "editors",
        "contributor",
        "contributing",
        "senior",
        "chief",
        "political",
        "diplomatic",
        "foreign",
        "news",
        "desk",
        "published",
        "updated",
        "posted",
        "last",
        "am",
        "pm",
        "a.m",
        "p.m",
        "gmt",
        "utc",
        "bst",
        "cet",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "ict",
        "jst",
        "sgt",
        "hkt",
        "ist",
        "additional",
        "reporting",
        "writing",
        "covering",
        "compiled",
        "edited",
        "editing",
        "translated",
        "produced",
        "photography",
        "photos",
        "graphics",
        "via",
    ]
)
_WORD = re.compile(r"[^\W_][\w'’.&-]*", re.UNICODE)
_CREDIT_START = re.compile(
    r"^\(?\s*(additional\s+)?(reporting|writing|covering|compiled|editing|edited|translated|"
    r"produced|written|research)\s+by\b",
    re.IGNORECASE,
)
_BYLINE_START = re.compile(r"^by\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[–—|·•-]\s+|\s*[|·•]\s*|,\s+")


@dataclass(frozen=True)
class Byline:
    author: str | None
    publisher: str | None


def _name_like(text: str) -> bool:
    words = _WORD.findall(text)
    if not words or len(words) > MAX_WORDS:
        return False
    for w in words:
        bare = w.rstrip(".").casefold()
        if w[0].isupper() or w[0].isdigit() or bare in _SMALL_WORDS:
            continue
        return False
    return True


def is_credit_line(line: str) -> bool:
    """True for "(Reporting by A; Editing by B)"-style wire credits."""
    s = line.strip()
    return bool(_CREDIT_START.match(s)) and _name_like(s)


def parse_byline(line: str) -> Byline | None:
    """The author and publisher of a byline line, or None when the line is not one."""
    s = line.strip()
    if (
        not _BYLINE_START.match(s)
        or len(s) > 200
        or (s.endswith((".", "?", "!"))
        and not s.endswith(("a.m.", "p.m.")))
    ):
        return None
    rest = _BYLINE_START.sub("", s)
    if not _name_like(rest):
        return None
    parts = [p.strip() for p in _SEPARATORS.split(rest) if p.strip()]
    author = parts[0] if parts else None
    publisher = None
    for part in parts[1:]:
        if any(ch.isdigit() for ch in part) or part.casefold() in _SMALL_WORDS:
            continue
        if part.split()[0].casefold() in {"staff", "senior", "chief", "contributing"}:
            continue
        publisher = part
        break
    return Byline(author=author, publisher=publisher)


def is_byline(line: str) -> bool:
    return parse_byline(line) is not None
