"""Open questions: what the sources present as unresolved.

First version: explicit questions in the body, and sentences carrying an uncertainty
cue ("it remains unclear", "time will tell", "will bear close watching", "whether").
An explicit question is kept as written; other sentences are shown as they are.
Questions raised by several sources merge on their wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.extract.common import merge_evidence, merge_sources, norm_key, span_text, squash
from briefgen.models import Evidence, Question
from briefgen.nlp.load import AnnotatedDoc

UNCERTAINTY_CUES = [
    r"\b(remains?|is|are|was|it's) (still )?unclear\b",
    r"\bunclear (when|whether|if|how|what|why)\b",
    r"\bremains to be seen\b",
    r"\btime will tell\b",
    r"\bbear (close )?watching\b",
    r"\b(hard|difficult|too early) to (say|tell|predict|know)\b",
    r"\bmysterious\b",
    r"\bit is not (yet )?(known|clear)\b",
    r"\bopen question\b",
    r"\buncertain(ty)?\b",
    r"\bdepends? on (how|whether)\b",
]
_CUE_RE = re.compile("|".join(UNCERTAINTY_CUES), re.I)
# questions addressed to the reader are page furniture, not open questions
_FURNITURE_RE = re.compile(r"\b(do you have questions|enjoying this|subscribe|newsletter|sign up)\b", re.I)


def extract(docs: Sequence[AnnotatedDoc], limit: int | None = 8) -> list[Question]:
    found: list[Question] = []
    for ad in docs:
        for sent in ad.doc.sents:
            text = squash(span_text(ad.article.text, sent))
            if len(text.split()) < 5 or _FURNITURE_RE.search(text):
                continue
            if text.endswith("?") or _CUE_RE.search(text):
                found.append(
                    Question(
                        text=text,
                        sources=[ad.id],
                        evidence=[Evidence(doc=ad.id, sentence=text)],
                    )
                )
    merged: dict[str, Question] = {}
    for q in found:
        key = norm_key(q.text)
        if key in merged:
            merged[key].sources = merge_sources(merged[key].sources, q.sources)
            merged[key].evidence = merge_evidence(merged[key].evidence, q.evidence)
        else:
            merged[key] = q
    ranked = sorted(merged.values(), key=lambda q: (-len(q.sources), not q.text.endswith("?")))
    return ranked[:limit] if limit else ranked
