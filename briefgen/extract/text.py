"""Text helpers every extractor shares: whitespace, keys, sources and evidence merged,
the document's text and entities, and sentence units (spaCy's sentences, split again
where the parser missed a boundary).

Sentence units: line breaks are left to the paragraph component of the NLP pipeline,
which ends a sentence at a blank line or a finished line but not inside hard-wrapped
prose.  A closing quote mark after a full stop ('…months.” Even…') often hides a
boundary from the small models.  A unit is a ``Span`` of the original Doc, so the
parse, lemmas and character offsets stay available.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from briefgen.models import Evidence
from briefgen.nlp.load import TEXT_KEY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse white space (including newlines) to single spaces."""
    return _WS.sub(" ", text).strip()




def trim_words(text: str, limit: int = 25) -> str:
    """``text`` cut to at most ``limit`` words, with an ellipsis when cut."""
    words = squash(text).split(" ")
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]).rstrip(",;:") + " …"


def merge_sources(*lists: Iterable[str]) -> list[str]:
    """The union of several source lists, first-seen order kept."""
    return list(dict.fromkeys(s for lst in lists for s in lst))


def merge_evidence(*lists: Iterable[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for lst in lists:
        for e in lst:
            key = (e.doc, e.sentence)
            if key not in seen:
                seen.add(key)
                out.append(e)
    return out


def norm_key(text: str) -> str:
    """A matching key: lower case, letters and digits only, single spaces."""
    text = text.replace("\u2019", "'").casefold()
    return squash(re.sub(r"[^\w\s]", " ", text))


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per Doc and kept in its ``user_data`` (``annotate`` puts
    the article's text there): spaCy joins every token's text on each access, which
    made per-span calls quadratic on long articles."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, built once per Doc: spaCy makes a new tuple of Spans on each access."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return ents


_ENTS_KEY = "briefgen_ents"


# ---- sentence units

_ENDS = {".", "?", "!"}
_CLOSERS = {'"', "”", "’", "'", ")"}


def _boundary_after(tok: Token) -> bool:
    """True when a new unit starts right after ``tok``."""
    if tok.is_space and "\n" in tok.text:
        # line structure: the paragraph component (briefgen.nlp.components) has already
        # started a sentence where a line ends like one; a hard-wrapped line goes on
        return tok.i + 1 < len(tok.doc) and bool(tok.doc[tok.i + 1].is_sent_start)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or not tok.whitespace_:
        return False
    starts_upper = nxt.text[:1].isupper() or nxt.text[:1] in {'"', "“"}
    if not starts_upper:
        return False
    if tok.text in _ENDS and len(tok.text) == 1:
        return True
    return tok.text in _CLOSERS and tok.i > 0 and tok.nbor(-1).text in _ENDS


def units(doc: Doc) -> Iterator[Span]:
    """Every sentence unit of ``doc`` in order; white-space-only units are skipped.

    The boundaries are found once per Doc (kept in its ``user_data``): several
    extractors walk the units, and finding them walks every token."""
    bounds = doc.user_data.get(_KEY)
    if bounds is None:
        bounds = doc.user_data[_KEY] = list(_bounds(doc))
    return (doc[start:end] for start, end in bounds)


_KEY = "briefgen_units"


def _bounds(doc: Doc) -> Iterator[tuple[int, int]]:
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.i + 1 < sent.end and _boundary_after(tok):
                span = _strip(doc, start, tok.i + 1)
                if span is not None:
                    yield span
                start = tok.i + 1
        span = _strip(doc, start, sent.end)
        if span is not None:
            yield span


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return (start, end) if end > start else None
