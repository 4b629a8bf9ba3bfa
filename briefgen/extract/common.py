"""Small helpers shared by the extractors: sentence text, evidence, source lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from briefgen.models import Evidence
from briefgen.nlp.load import TEXT_KEY

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse white space (including newlines) to single spaces."""
    return _WS.sub(" ", text).strip()


def span_text(text: str, span: Any) -> str:
    """``span.text`` sliced from its document's ``text`` (the article text, equal to
    ``doc.text``): spaCy builds ``Span.text`` and ``Doc.text`` from Token objects on
    every access, which dominates an extractor's time on a large corpus."""
    return text[span.start_char : span.end_char]


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
