"""Direct quotations: find the spans between quotation marks in plain text.

Pure text, no model: straight and curly double marks, mismatched ones ("“…“" or
"”…”" are read by the spacing around each mark), and quotes running across
paragraphs (the news convention: an unclosed paragraph whose successor opens with a
mark continues the same quote).  Attribution to a speaker is done elsewhere
(``briefgen.extract.positions.attribution``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
NEUTRAL_MARKS = '"‟'
MARKS = OPEN_MARKS + CLOSE_MARKS + NEUTRAL_MARKS
_PARA_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[" + re.escape(MARKS) + "])")
_LEFT_CONTEXT = set("([{—–-/") | {""}


@dataclass
class QuoteSpan:
    """One direct quotation: character offsets of its content (marks excluded).

    ``parts`` lists the content of each paragraph when the quote runs across
    paragraphs; ``start``/``end`` cover them all.
    """

    start: int
    end: int
    text: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    @property
    def words(self) -> int:
        return len(self.text.split())


def _direction(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``text[i]``."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    left_open = prev.isspace() or prev in _LEFT_CONTEXT
    right_closed = nxt == "" or nxt.isspace() or nxt in ",.;:!?)]}—–-…'’"
    if left_open and not right_closed:
        return "open"
    if right_closed and not left_open:
        return "close"
    mark = text[i]
    if mark in OPEN_MARKS:
        return "open"
    if mark in CLOSE_MARKS:
        return "close"
    return "either"


def _paragraph_ends(text: str) -> list[int]:
    """Offsets where a paragraph ends (the start of each break, plus the text end)."""
    return [m.start() for m in re.finditer(r"\n", text)] + [len(text)]


def _clean(text: str) -> str:
    text = re.sub("[" + re.escape(MARKS) + "]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def find_quotes(text: str, max_chars: int = 3000) -> list[QuoteSpan]:
    """Every direct quotation in ``text``, in order of appearance."""
    marks = [(i, _direction(text, i)) for i, c in enumerate(text) if c in MARKS]
    line_ends = _paragraph_ends(text)
    out: list[QuoteSpan] = []
    start: int | None = None
    parts: list[tuple[int, int]] = []

    def line_end_after(pos: int) -> int:
        for e in line_ends:
            if e >= pos:
                return e
        return len(text)

    def emit(end: int, closed: bool) -> None:
        nonlocal start, parts
        assert start is not None
        segs = [*parts, (start, end)]
        segs = [(s, e) for s, e in segs if e > s]
        if segs:
            s0, e0 = segs[0][0], segs[-1][1]
            body = " ".join(text[s:e] for s, e in segs)
            if 0 < e0 - s0 <= max_chars and body.strip():
                out.append(
                    QuoteSpan(start=s0, end=e0, text=_clean(body), parts=segs, closed=closed)
                )
        start, parts = None, []

    k = 0
    while k < len(marks):
        i, d = marks[k]
        if start is None:
            if d in ("open", "either"):
                start = i + 1
            k += 1
            continue
        # inside a quote: a paragraph break before this mark?
        le = line_end_after(start)
        if i > le:
            # the quote was not closed in its paragraph; it continues when the next
            # paragraph opens with a mark, otherwise it ends with the paragraph
            nxt_para = text[le:i]
            if d in ("open", "either") and nxt_para.strip() == "":
                parts.append((start, le))
                start = i + 1
                k += 1
                continue
            emit(le, closed=False)
            continue  # reconsider this mark outside any quote
        if d in ("close", "either"):
            emit(i, closed=True)
        else:
            # an opening mark inside an open quote: the earlier mark was stray
            start = i + 1
            parts = []
        k += 1
    if start is not None:
        emit(line_end_after(start), closed=False)
    return out


def strip_marks(text: str) -> str:
    """``text`` without quotation marks, white space collapsed."""
    return _clean(text)
