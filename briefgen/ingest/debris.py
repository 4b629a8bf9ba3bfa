"""Debris at the start of lines and lines broken inside sentences; pure functions.

Run on the cleaned article text, after page furniture is gone (``tidy`` does all):

* ``strip_dateline``: "PORT KAREL (Wirenews) - ", "Wirenews) - ", "LONDON (AP) — ",
  "WASHINGTON -- " at the start of a line go; the place is any capitalised run, the
  agency one of a short data list of wire-agency forms (``briefgen/data/ingest_debris.yaml``).
  Whatever header text precedes "(Agency) -" on that line (a byline, a time) goes too.
* ``strip_timestamp_byline``: "Dave Lee | 14:19 UK time, Monday, 25 January 2010 "
  or a live page's "(Update 3:53 p.m. Valdo, 8:53 a.m. ET) " before the text of a line
  goes; so does a line that is only "By Jane Doe, Daily Courier".
* ``split_glued_headline``: a headline printed on the same line as the lead
  ("Six killed in blast The police said ...") is put on a line of its own: at the
  known title, or else before a word that opens sentences ("The", "Hundreds", "It")
  following a word with no punctuation.
* ``join_wrapped_lines``: a single line break inside a sentence (hard-wrapped text)
  becomes a space; blank lines (paragraph breaks) stay.
"""

from __future__ import annotations

import functools
import re
import statistics
from importlib import resources
from typing import Any

import yaml

from briefgen.ingest.byline import parse_byline

MAX_DATELINE_PREFIX = 200  # header text allowed before "(Agency) -" on one line
HEADER_LINES = 3  # lines at the top where a dateline may follow header text
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 16
MIN_LEAD_WORDS = 6
WRAP_MIN_LINES = 3  # lines a paragraph needs before it can look hard-wrapped
WRAP_MIN_WIDTH = 40  # hard-wrapped lines are at least this wide
WRAP_FILL = 0.6  # a wrapped line fills at least this share of the paragraph's width

_FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
        "as", "into", "onto", "over", "under", "about", "after", "before", "than", "that", "this",
        "its", "his", "her", "their", "our", "your", "my", "is", "are", "was", "were", "be", "been",
        "said", "says", "told", "mr", "mrs", "ms", "dr", "st", "when", "where", "while", "because",
        "if", "which", "who", "whom", "whose", "what", "how", "why", "since", "until", "though",
        "although", "whether", "not", "no",
    ]
)
_DASH = r"(?:-{1,2}|–|—)"
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s")
_TIMESTAMP_BYLINE = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s+){1,5}\|\s*\d{1,2}[:.]\d{2}\b[^|\n]{0,80}?\b(?:19|20)\d{2}\b\s*"
)
_PLACE_TIME_LINE = re.compile(
    r"^[A-Z][A-Z.'’/-]+(?:[ ,]+[A-Z][A-Za-z.'’/-]+)*\s*\|\s*[^|\n]{0,40}\b(?:19|20)\d{2}\b[^|\n]{0,30}$"
)
# a live page's update stamp opening a line: "(Update 3:53 p.m. Valdo, 8:53 a.m. ET) ",
# "-- [Updated 14:05 GMT] ": a clock time, and "update" or a time zone, in brackets
_UPDATE_STAMP = re.compile(
    r"^(?:-{1,2}\s*)?[(\[](?=[^()\[\]]{0,80}?(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b))"
    r"(?=[^()\[\]]{0,80}?(?:\bupdated?\b|\b(?:ET|EST|EDT|CT|PT|GMT|BST|UTC|CET)\b|\blocal time\b))"
    r"[^()\[\]]{1,80}[)\]]\s*(?=\S)",
    re.IGNORECASE,
)
_STAFF_BYLINE = re.compile(r"^By (?:the )?(?:[A-Z][\w.&'’-]*\s+){1,4}(?:Wire\s+)?Staff\b[,:]?\s*")
_PLACE_DASH = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s+" + _DASH + r"\s+(?=[A-Z“\"‘'])"
)
_TERMINAL = re.compile(r"[.!?:;\"”’)\]…]$")


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("briefgen").joinpath("data/ingest_debris.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


@functools.cache
def _agency() -> str:
    """The wire-agency names as one regex alternation, longest first."""
    names = sorted((str(n) for n in _data().get("wire_agencies") or []), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@functools.cache
def _dateline_re() -> re.Pattern[str]:
    """ "…PLACE (Agency) - " or "Agency) - " at the start of a line."""
    return re.compile(
        rf"^(?P<head>[^\n]{{0,{MAX_DATELINE_PREFIX}}}?)\(?\s*(?:{_agency()})\s*\)\s*{_DASH}\s+(?=[A-Z“\"‘'])"
    )


@functools.cache
def _agency_re() -> re.Pattern[str]:
    """ "(Agency) - " anywhere in a line."""
    return re.compile(rf"\(\s*(?:{_agency()})\s*\)\s*{_DASH}\s+(?=[A-Z“\"‘'])")


# the place of a dateline at the end of the header text before "(Agency) -"
_CAPS_PLACE = re.compile(
    r"(?:[A-Z][A-Z.'’/-]+,?\s+)+(?:[A-Z][a-z]+,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+)?$"
)
_NAME_PLACE = re.compile(r"(?:[A-Z][a-z][\w.'’-]*,?\s+){1,2}$")
_BULLET = re.compile(r"\s+[*•]\s+")


@functools.cache
def _openers() -> frozenset[str]:
    return frozenset(str(_data().get("sentence_openers") or "").split())


def strip_dateline(line: str) -> str:
    """The line without a wire dateline ("PLACE, Month D (Agency) - ") or an all-capitals
    place dateline ("WASHINGTON -- ") at its start."""
    m = _dateline_re().match(line)
    if m and not _SENTENCE_END.search(m.group("head")):
        return line[m.end() :]
    m = _PLACE_DASH.match(line)
    if m and sum(ch.isalpha() for ch in m.group()) >= 3:
        return line[m.end() :]
    return line


def split_at_dateline(line: str) -> list[str]:
    """A line with header text (headline, summary bullets, byline) before a wire dateline
    in its middle, as the header's parts and the story text, the dateline removed:
    "Storm hits * Homes lost By A Roe LONDON (Wirenews) - The storm ..." gives
    ["Storm hits", "Homes lost", "By A Roe", "The storm ..."].  Other lines: [line]."""
    m = _agency_re().search(line)
    if not m or m.start() == 0:
        return [line]
    head = line[: m.start()]
    place = _CAPS_PLACE.search(head) or _NAME_PLACE.search(head)
    if place:
        head = head[: place.start()]
    parts = [p.strip() for p in _BULLET.split(" " + head) if p.strip()]
    return [*parts, line[m.end() :]]


def strip_timestamp_byline(line: str) -> str:
    """The line without a "Name | 14:19 UK time, Monday, 25 January 2010" or "By the
    Agency Wire Staff" opening; "" when the whole line is a byline ("By Jane Doe, Daily Courier
    News") or a place-and-time line ("PORT KAREL | Sun May 3, 2009 7:36 pm EDT")."""
    if _PLACE_TIME_LINE.match(line):
        return ""
    m = _TIMESTAMP_BYLINE.match(line) or _STAFF_BYLINE.match(line) or _UPDATE_STAMP.match(line)
    if m and len(line) > m.end():
        return line[m.end() :]
    if parse_byline(line) is not None:
        return ""
    return line


def split_glued_headline(line: str, title: str | None = None) -> list[str]:
    """A first line with a headline (and caption) glued to the lead, as separate lines.

    With a known ``title`` the split is at the title.  Otherwise at each word that opens
    sentences ("The", "Hundreds") which follows, with no punctuation between, a word that
    is not a function word, leaving a headline of 3-16 words and a lead of 6 or more; not
    inside a title-case run ("The Crisis And You").
    """
    if title:
        t = title.strip()
        rest = line[len(t) :] if line.startswith(t) else ""
        if t and rest[:1] == " " and len(rest.split()) >= MIN_LEAD_WORDS and not _TERMINAL.search(t):
            return [t, *split_glued_headline(rest.strip())]
        return [line]
    words = line.split(" ")
    openers = _openers()
    for i in range(MIN_HEADLINE_WORDS, min(len(words) - MIN_LEAD_WORDS, MAX_HEADLINE_WORDS) + 1):
        prev, word = words[i - 1], words[i]
        if word not in openers or not prev or _TERMINAL.search(prev) or prev.endswith(","):
            continue
        if prev.casefold().strip("“‘\"'") in _FUNCTION_WORDS or prev[-1] in "-–—":
            continue
        if prev[0].isupper() and words[i + 1][:1].isupper():  # a title-case headline
            continue
        head = " ".join(words[:i])
        return [head, *split_glued_headline(" ".join(words[i:]))]
    return [line]


def _is_wrapped(lines: list[str]) -> bool:
    """A paragraph of hard-wrapped prose: several lines of about the same, long width."""
    widths = [len(ln) for ln in lines]
    if len(widths) < WRAP_MIN_LINES:
        return False
    width = max(widths)
    body = widths[:-1]  # the last line of a paragraph may be short
    if width < WRAP_MIN_WIDTH:
        return False
    return statistics.median(body) >= WRAP_FILL * width


def join_wrapped_lines(text: str) -> str:
    """Single line breaks inside sentences joined; blank lines kept.

    A break is joined when the next line starts in lower case, or when the paragraph is
    hard-wrapped and the line does not end like a sentence.
    """
    paras = re.split(r"\n[ \t]*\n", text)
    out = []
    for para in paras:
        lines = [ln.strip() for ln in para.split("\n")]
        wrapped = _is_wrapped(lines)
        merged: list[str] = []
        for ln in lines:
            if merged and ln and merged[-1] and _continues(merged[-1], ln, wrapped):
                merged[-1] = merged[-1] + " " + ln
            else:
                merged.append(ln)
        out.append("\n".join(merged))
    return "\n\n".join(out)


def _continues(prev: str, line: str, wrapped: bool) -> bool:
    if _TERMINAL.search(prev):
        return False
    if line[0].islower():
        return True
    return wrapped and len(prev) >= WRAP_FILL * WRAP_MIN_WIDTH


def tidy(text: str, title: str | None = None) -> str:
    """Cleaned article text without datelines, bylines glued to lines, a headline glued
    to the lead, or line breaks inside sentences."""
    lines = join_wrapped_lines(text).split("\n")
    out: list[str] = []
    seen = 0  # non-empty lines so far
    for line in lines:
        line = strip_timestamp_byline(strip_dateline(line)).strip() if line else line
        line = strip_dateline(line) if line else line  # "By X PLACE (Wirenews) - …"
        if not line:
            out.append(line)
            continue
        seen += 1
        parts = split_at_dateline(line) if seen <= HEADER_LINES else [line]
        if seen == 1:
            parts = [*split_glued_headline(parts[0], title), *parts[1:]]
            # a byline glued to the lead ("By Jane Roe Courier UN correspondent The …")
            parts = [p for p in parts if strip_timestamp_byline(p)]
        out.extend(parts)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
