"""Custom spaCy pipeline components."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS = "briefgen_paragraphs"
_FINAL = re.compile(r"[.!?:;\"”’)\]…]$")
_INNER_END = re.compile(r"[.!?][\"”’)]?\s")


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every paragraph and at every line that follows a finished line.

    A blank line always ends a sentence, so a headline or a dateline never runs into the
    body.  A single line break ends one only when the line before it ends like a sentence
    (or is a short title-like line), so hard-wrapped prose stays whole.  The parser keeps
    these boundaries and adds its own inside them.
    """
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        prev = _previous_word(doc, tok.i)
        if nxt.is_space or prev is None:
            continue
        blank = tok.text.count("\n") >= 2
        if blank or _FINAL.search(prev.text) or _title_line(doc, prev):
            nxt.is_sent_start = True
    return doc


def _previous_word(doc: Doc, i: int):
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


def _title_line(doc: Doc, last: object) -> bool:
    """A headline-like line: short, with no sentence end inside, and clearly shorter than
    the line after it (lines of hard-wrapped prose have about the same length)."""
    text = doc.text
    end = last.idx + len(last.text)  # type: ignore[attr-defined]
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end].strip()
    nxt_start = text.find("\n", end)
    nxt_end = text.find("\n", nxt_start + 1) if nxt_start >= 0 else -1
    following = text[nxt_start + 1 : nxt_end if nxt_end >= 0 else len(text)].strip()
    if not line or len(line.split()) > 12 or line.endswith(",") or _INNER_END.search(line):
        return False
    return len(line) < 0.75 * len(following)
