"""Page furniture removal: generic, line-based rules; pure functions.

The patterns live in ``briefgen.ingest.patterns`` (documented there); config extends
them.  ``Cleaner.split`` does the work in two steps and keeps both results, because
dating needs the text before the byline is removed:

1. ``body``: the text with the trailer cut off (related links, teasers, and reader
   comments: a comment thread and the call for comments before it are cut wherever
   the thread starts);
2. ``text``: ``body`` without furniture lines, teasers, bylines, credit lines, the
   prompt lines around a subscription box, and verbatim repeats of long lines
   (captions printed twice); the first copy of a repeat is kept.

Rules only ever drop whole lines that match; a line of prose that matches no rule is
always kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefgen.ingest.byline import Byline, is_credit_line, parse_byline
from briefgen.ingest.patterns import (
    COMMENT_HEADERS,
    FURNITURE,
    PROMO_WORDS,
    READER_CALLS,
    TEASERS,
    TRAILERS,
)

REPEAT_MIN_CHARS = 40  # shorter lines ("Paris", "Analysis") may repeat legitimately
PROMO_MAX_CHARS = 160
TRAILER_MIN_SHARE = 0.5  # a trailer heading cuts the rest only in the second half
THREAD_MIN_HEADERS = 2  # comment headers that make a thread wherever it starts
PROMPT_MAX_LINES = 4  # questions to the reader kept with the call or thread they open


def compile_patterns(patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive whole-line regex from a list of patterns."""
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$", re.IGNORECASE)


@dataclass
class Cleaned:
    """The result of cleaning one document."""

    text: str
    body: str
    bylines: list[Byline] = field(default_factory=list)
    source_note: str | None = None  # "…originally appeared on <publisher>": the publisher
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, line)


_MORE_FROM = re.compile(r"^\s*more (?:from|on) (.+?)\s*:?\s*$", re.IGNORECASE)


class Cleaner:
    """Removes furniture lines, teasers, trailers, bylines and repeated lines."""

    def __init__(
        self,
        extra_furniture: Iterable[str] = (),
        extra_trailers: Iterable[str] = (),
        extra_teasers: Iterable[str] = (),
    ) -> None:
        self.furniture_re = compile_patterns([*FURNITURE, *extra_furniture])
        self.teaser_re = compile_patterns([*TEASERS, *extra_teasers])
        self.trailer_re = compile_patterns([*TRAILERS, *READER_CALLS, *extra_trailers])
        self.comment_re = compile_patterns(COMMENT_HEADERS)
        self.promo_re = re.compile("|".join(re.escape(w) for w in PROMO_WORDS), re.IGNORECASE)

    def clean(self, text: str) -> str:
        """The cleaned article text."""
        return self.split(text).text

    def split(self, text: str) -> Cleaned:
        lines = [ln.strip() for ln in _normalise(text).split("\n")]
        dropped: list[tuple[str, str]] = []
        body_lines, trailer, site_names = self._cut_trailer(lines)
        dropped.extend(("trailer", ln) for ln in trailer if ln)
        kept: list[str] = []
        bylines: list[Byline] = []
        seen_long: set[str] = set()
        for i, line in enumerate(body_lines):
            if not line:
                kept.append(line)
                continue
            reason = self._reason(line, site_names)
            if reason is None and self._is_promo(body_lines, i):
                reason = "prompt"
            if reason is None:
                byline = parse_byline(line)
                if byline is not None:
                    bylines.append(byline)
                    reason = "byline"
            if reason is None and len(line) > REPEAT_MIN_CHARS:
                key = line.casefold()
                if key in seen_long:
                    reason = "repeat"
                seen_long.add(key)
            if reason:
                dropped.append((reason, line))
                continue
            kept.append(line)
        return Cleaned(
            text=_join(kept),
            body=_join(body_lines),
            bylines=bylines,
            source_note=_source_note(ln for reason, ln in dropped if reason == "furniture"),
            dropped=dropped,
        )

    def _reason(self, line: str, site_names: set[str]) -> str | None:
        if self.furniture_re.match(line):
            return "furniture"
        if self.teaser_re.match(line):
            return "teaser"
        if self.trailer_re.match(line):
            return "heading"
        if self.comment_re.match(line):
            return "comment"
        if is_credit_line(line):
            return "credit"
        if line.casefold() in site_names:
            return "site name"
        return None

    def _cut_trailer(self, lines: Sequence[str]) -> tuple[list[str], list[str], set[str]]:
        """(body lines, trailer lines, site names from "More from X" headings)."""
        cut = self._trailer_start(lines)
        if cut is None:
            return list(lines), [], set()
        cut = _with_reader_prompts(lines, cut)
        names = set()
        for ln in lines[cut:]:
            m = _MORE_FROM.match(ln)
            if m:
                names.add(m.group(1).casefold())
        return list(lines[:cut]), list(lines[cut:]), names

    def _trailer_start(self, lines: Sequence[str]) -> int | None:
        """The first line of the trailer: a trailer heading in the second half of the
        text, or the first header of a reader-comment thread (two headers anywhere, or
        one in the second half); None when there is no trailer."""
        total = sum(len(ln) for ln in lines) or 1
        before = 0
        heading = None
        headers: list[tuple[int, float]] = []
        for i, line in enumerate(lines):
            share = before / total
            if line and heading is None and share >= TRAILER_MIN_SHARE and self.trailer_re.match(line):
                heading = i
            if line and self.comment_re.match(line):
                headers.append((i, share))
            before += len(line)
        thread = None
        if len(headers) >= THREAD_MIN_HEADERS or (headers and headers[0][1] >= TRAILER_MIN_SHARE):
            thread = headers[0][0]
        found = [i for i in (heading, thread) if i is not None]
        return min(found) if found else None

    def _is_promo(self, lines: Sequence[str], i: int) -> bool:
        """A short promotional line directly before a subscription prompt."""
        line = lines[i]
        if len(line) > PROMO_MAX_CHARS or not self.promo_re.search(line):
            return False
        for nxt in lines[i + 1 :]:
            if nxt:
                return bool(self.furniture_re.match(nxt)) and bool(self.promo_re.search(nxt))
        return False


_YOU = re.compile(r"\b(you|your)\b", re.IGNORECASE)


def _with_reader_prompts(lines: Sequence[str], cut: int) -> int:
    """Move a trailer's start up over the questions to the reader right before it
    ("Are you in the area?", "Do you know someone affected?")."""
    i, taken = cut, 0
    while i > 0 and taken < PROMPT_MAX_LINES:
        line = lines[i - 1]
        if not line:
            i -= 1
            continue
        if len(line) <= PROMO_MAX_CHARS and line.endswith("?") and _YOU.search(line):
            i -= 1
            taken += 1
            continue
        break
    while i < cut and not lines[i]:
        i += 1
    return i


_SOURCE_NOTE = re.compile(
    r"^(?:this|the) (?:article|story|piece|post) (?:originally|first) "
    r"(?:appeared|ran|was published) (?:on|in) (?:the )?(?P<name>[^()]{2,80}?)\s*(?:\([^)]*\))?\s*\.?$",
    re.IGNORECASE,
)


def _source_note(lines: Iterable[str]) -> str | None:
    """The publisher named by a syndication note, if one was dropped."""
    for line in lines:
        m = _SOURCE_NOTE.match(line)
        if m:
            return m.group("name").strip(" .,")
    return None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\ufeff", "")


def _join(lines: Sequence[str]) -> str:
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()
