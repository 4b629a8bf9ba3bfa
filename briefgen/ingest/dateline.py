"""The outlet named in a wire-style dateline; a pure function.

Wire copy opens with a dateline that names the agency: "STRELSAU (Wirenews) - The
council met…", "PORT KAREL, March 3 (Agence Nord) — …", sometimes after a slug line
("STRELSAU | Mon Feb 21, 2011 6:51pm EST STRELSAU (Wirenews) - …").  When neither
metadata nor a byline names the publisher, that dateline does: without it every
article of a wire corpus counts as its own outlet, and the wire shows up as an actor.

Only the opening of the text is read, and the dateline must have its shape: a place
in capitals, an optional date, the outlet in brackets, then a dash.  A bracketed word
in a sentence ("the council (Strelsau) - a body…") does not match, because the place
before it is not in capitals.
"""

from __future__ import annotations

import re

from briefgen.ingest.detok import BRACKETS

HEAD_CHARS = 700

_WORD = r"[A-Z][A-Z.'\-]+"
_PLACE = rf"{_WORD}(?:(?:[ ]|\\?/){_WORD}){{0,3}}"  # STRELSAU, PORT KAREL, STRELSAU/GENEVA
_REGION = r"(?:\s*,\s*[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?"  # ", Ruritania"
_DATE = r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"  # ", March 3" or " Oct 15"
_OUTLET = r"[A-Z][A-Za-z&.'\-]+(?:[ ][A-Z][A-Za-z&.'\-]+){0,3}"
_DATELINE = re.compile(
    rf"(?:^|[\s|*])(?:{_PLACE}){_REGION}{_DATE}\s*\(\s*(?P<outlet>{_OUTLET})\s*\)\s*[-–—]"
)
# bracket tokens in PTB-tokenised text the loader did not detokenise (too short to tell)
_PTB_RE = re.compile("|".join(map(re.escape, BRACKETS)))


def publisher_from_dateline(text: str) -> str | None:
    """The outlet a wire dateline at the start of ``text`` names, or None."""
    head = _PTB_RE.sub(lambda m: BRACKETS[m.group(0)], text[:HEAD_CHARS])
    m = _DATELINE.search(head)
    if not m:
        return None
    outlet = m.group("outlet").strip()
    return outlet if len(outlet) >= 2 else None
