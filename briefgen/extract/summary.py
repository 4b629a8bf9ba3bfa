"""Summary (bottom line up front): a few extractive sentences, each cited.

First version: sentences scored by how many of the corpus's salient words they hold
(word frequency across distinct documents) and by the key actors they name; the top
ones are kept, skipping near-repeats, in a stable order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.extract.common import span_text, squash
from briefgen.models import Actor, Evidence, SummaryItem
from briefgen.nlp.load import AnnotatedDoc

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_WORDS, MAX_WORDS = 8, 45


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]{2,}", text.lower())}


def extract(
    docs: Sequence[AnnotatedDoc], actors: Sequence[Actor] = (), limit: int | None = 5
) -> list[SummaryItem]:
    limit = max(3, min(limit or 5, 5))
    doc_freq: Counter[str] = Counter()
    stop: set[str] = set()
    for ad in docs:
        doc_freq.update(_words(ad.article.text))  # == ad.doc.text, which spaCy rebuilds per call
        stop |= _stop_words(ad.doc)
    n_docs = max(len(docs), 1)
    key_names = [a.name.split()[-1] for a in actors[:8]]
    candidates: list[tuple[float, int, int, str, str]] = []
    for di, ad in enumerate(docs):
        for si, sent in enumerate(ad.doc.sents):
            text = squash(span_text(ad.article.text, sent))
            n = len(text.split())
            if not (MIN_WORDS <= n <= MAX_WORDS) or text.endswith("?") or '"' in text or "“" in text:
                continue
            words = _words(text) - stop
            if not words:
                continue
            spread = sum(math.log1p(doc_freq[w] - 1) for w in words if doc_freq[w] > 1)
            score = spread / math.sqrt(len(words)) + sum(1.0 for k in key_names if k in text)
            score += 1.0 / (1 + si)  # leads carry the news
            candidates.append((score, di, si, text, ad.id))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen: list[tuple[float, int, int, str, str]] = []
    for cand in candidates:
        words = _words(cand[3]) - stop
        if any(_overlap(words, _words(c[3]) - stop) > 0.5 for c in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= limit:
            break
    return [
        SummaryItem(text=text, sources=[doc_id], evidence=[Evidence(doc=doc_id, sentence=text)])
        for _, _, _, text, doc_id in chosen
    ]


def _stop_words(doc: Doc) -> set[str]:
    """The lower-cased forms of the stop-word tokens of ``doc`` (vectorised: no Token objects)."""
    from spacy.attrs import IS_STOP, LOWER

    arr = doc.to_array([LOWER, IS_STOP])
    if not len(arr):
        return set()
    return {doc.vocab.strings[int(h)] for h in set(arr[arr[:, 1] == 1, 0].tolist())}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
