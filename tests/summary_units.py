"""Hand-made summary units for the bottom-line tests (no model needed)."""

from __future__ import annotations

import datetime as dt

from briefgen.extract import summary
from briefgen.extract.questions.rank import content_words
from briefgen.models import Article


def units_of(*sentences: str) -> list[summary.Unit]:
    return [
        summary.Unit(text=t, index=i, words=" ".join(sorted(content_words(t))), subjects=())
        for i, t in enumerate(sentences)
    ]


def doc_of(doc_id: str, day: int, *sentences: str) -> tuple[Article, list[summary.Unit]]:
    art = Article(id=doc_id, path=doc_id, text=" ".join(sentences), date=dt.date(2024, 5, day))
    return art, units_of(*sentences)
