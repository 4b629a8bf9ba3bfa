"""A stand-in title from the article text when the file gives none; pure functions.

The first line that reads like a headline or a lead is taken.  Skipped are lines that
are page debris rather than the story: bare dates, bylines ("By Jane Roe Courier UN
correspondent"), update stamps ("Page last updated at 07:02 GMT"), photo captions,
author notes ("The author is a columnist."), and site notices ("This live page is part
of a trial…").  A long line is shortened at a word boundary, never inside a word, and a
title is always one line.
"""

from __future__ import annotations

import re

from briefgen.ingest.blocks import is_caption, is_listing, split_page_stamps
from briefgen.ingest.byline import parse_byline
from briefgen.ingest.docdate import is_date_line

MAX_TITLE_CHARS = 200
BYLINE_MAX_WORDS = 12

_AUTHOR_NOTE = re.compile(
    r"^(?:the |this )?(?:author|writer|columnist|reporter)s? (?:is|are|was|were)\b"
    r"|^(?:the )?(?:views|opinions) expressed\b",
    re.IGNORECASE,
)
_SITE_NOTICE = re.compile(
    r"^this (?:live )?(?:page|site|blog|feed|website)\b.{0,40}\b(?:is|was|has been|will)\b"
    r"|^(?:transmission|schedule|programme|program) (?:details|information)\b"
    r"|^(?:last|page last) updated\b"
    r"|^browse (?:this|our|the)\b"
    r"|\btransmission details\b.{0,160}\bnot updated\b"
    r"|^(?:please note|for (?:more |the latest )?updates|note to (?:readers|editors))\b",
    re.IGNORECASE,
)
# "By Jane Roe Courier UN correspondent": "By" and capitalised words, no sentence in it
_SHORT_BYLINE = re.compile(r"^By (?:[A-Z][\w.'’-]*,?\s+){1,3}[A-Z][\w.'’-]*\b(?!.*[.!?]\s*$)")
# "Associate fellow, Royal Institute", "Courier Middle East editor, Strelsau The …": the
# author's post, printed under the byline
_AUTHOR_POST = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+){0,4}(?:editor|correspondent|reporter|fellow|columnist|analyst|writer|producer)s?,\s",
    re.IGNORECASE,
)
# "By Jane Roe Daily Courier, Paris The talks …": a byline glued to the lead
_BYLINE_OPENING = re.compile(r"^By [A-Z][a-z'’.-]+ (?:[A-Z]\.? )?[A-Z][\w'’-]+(?!'s|’s)\b(?! *,)")
_CLOCK_STAMP = re.compile(r"^\d{1,2}\s+\w+\s+\d{2,4}\s+\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|BST|ET)\b", re.IGNORECASE)


def one_line(title: str) -> str:
    """The title with line breaks and runs of spaces made single spaces."""
    return " ".join(title.split())


def is_title_debris(line: str) -> bool:
    """A line that cannot stand as an article's title."""
    s = line.strip()
    if not s or is_date_line(s):
        return True
    if split_page_stamps(s) != [s] or _CLOCK_STAMP.match(s):
        return True
    if is_caption(s) or is_listing(s) or _AUTHOR_NOTE.match(s) or _SITE_NOTICE.search(s):
        return True
    if parse_byline(s) is not None:
        return True
    if _BYLINE_OPENING.match(s) or _AUTHOR_POST.match(s):
        return True
    return len(s.split()) <= BYLINE_MAX_WORDS and bool(_SHORT_BYLINE.match(s))


def shorten(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """At most ``limit`` characters, cut at a word boundary with "…" when cut."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


# a wire service's version tag before a headline: "UPDATE 3-", "REFILE-", "CORRECTED-"
_VERSION_TAG = re.compile(r"^(?:UPDATE\s*\d*|REFILE|CORRECTED|RPT)\s*[-–—:]\s*(?=\S)")


def title_from_text(text: str) -> str | None:
    """The first line of ``text`` that is not page debris, as a one-line title."""
    for line in text.splitlines():
        if not is_title_debris(line):
            return shorten(_VERSION_TAG.sub("", one_line(line)))
    return None
