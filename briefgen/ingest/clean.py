"""Page furniture removal: generic, line-based rules; pure functions.

The patterns live in ``FURNITURE_LINE`` (a line that is dropped on its own) and
``TRAILER_START`` (a line after which the rest of the document is a trailer of teasers,
comments or related links, and is dropped).  Config can add patterns to both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A whole line matching one of these is page furniture.
FURNITURE_LINE: list[str] = [
    r"advertisement",
    r"(sponsored|paid) content",
    r"subscribe( now| newsletter| to .*)?",
    r"sign up (for|to) .*newsletter.*",
    r"(do you have questions about|enjoying this article\??).*",
    r"reading time:?\s*\d+.*",
    r"why you can trust .*",
    r"\d{1,6}",  # share or comment counts standing alone
    r"(copyright|©|\(c\)).*|.*all rights reserved\.?",
    r"(photo|photograph|image|picture)( credit)?:.*",
    r".*\.\s*(photo|photograph|picture|image)s?( credit)?:\s*[\w .,&/-]{1,60}",  # caption
    r"\(?(covering|reporting|writing|additional reporting) by .*",
    r"editing by .*",
    r"our standards:.*",
    r"(share|tweet|email|print) (this|article).*",
    r"click here .*",
]

# Everything from a line matching one of these onward is a trailer.
TRAILER_START: list[str] = [
    r"(see also|related( posts| articles| stories| books.*)?|more from .*|read more|"
    r"recommended( for you)?|you may also like)\s*[:.]?",
    r"articles similaires\s*/\s*related posts\s*:?",
    r"leave a (reply|comment)",
    r"\d*\s*comments?",
    r"(reader )?comments\s*\(?\d*\)?",
]


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$", re.I)


class Cleaner:
    """Removes furniture lines, trailers, and repeated caption lines from article text."""

    def __init__(self, extra_lines: Iterable[str] = (), extra_trailers: Iterable[str] = ()):
        self.line_re = _compile([*FURNITURE_LINE, *extra_lines])
        self.trailer_re = _compile([*TRAILER_START, *extra_trailers])

    def clean(self, text: str) -> str:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        kept: list[str] = []
        seen_long: set[str] = set()
        for line in lines:
            stripped = line.strip()
            if stripped and self.trailer_re.match(stripped):
                break
            if stripped and self.line_re.match(stripped):
                continue
            # a caption repeated verbatim (e.g. under a photo) keeps its first copy only
            if len(stripped) > 40:
                key = stripped.casefold()
                if key in seen_long:
                    continue
                seen_long.add(key)
            kept.append(stripped)
        out = "\n".join(kept)
        out = re.sub(r"\n{3,}", "\n\n", out)
        return out.strip()
