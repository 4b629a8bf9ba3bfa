"""What aspect of a story an open question asks about (severity, extent, cause, timing…).

The lexicon is generic English (``briefgen/data/question_aspects.yaml``).  A question's
*primary* aspect is the one it names most often, the first named on a tie ("How severe will the pandemic
be?" asks about severity).  The ranking uses aspects to show one question per line of
inquiry before a second on the same line, and to count the outlets that pursue it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """Aspect name → word prefixes and phrases (lower case)."""
    text = (
        resources.files("briefgen")
        .joinpath("data/question_aspects.yaml")
        .read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text) or {}
    return {str(k): tuple(str(w).lower() for w in v) for k, v in data.items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alternatives = []
    for name, words in lexicon().items():
        group = "|".join(re.escape(w.strip()) + (r"\b" if w.endswith(" ") else "") for w in words)
        alternatives.append(f"(?P<{name}>\\b(?:{group}))")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def primary_aspect(text: str) -> str:
    """The aspect whose word comes first in ``text``, or "" when none does."""
    found = [
        m.lastgroup for m in _pattern().finditer(text.removeprefix("Unresolved:")) if m.lastgroup
    ]
    if not found:
        return ""
    counts = Counter(found)
    return max(found, key=lambda k: (counts[k], -found.index(k)))


def aspects(text: str) -> frozenset[str]:
    """Every aspect ``text`` touches."""
    return frozenset(m.lastgroup for m in _pattern().finditer(text) if m.lastgroup)
