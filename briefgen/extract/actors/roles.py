"""Pick an actor's role from the roles its mentions carry.

The chosen role is the most specific one that the most documents support: a role is
supported by every document that gives it, a more general form of it ("minister" for
"foreign minister") or a more specific one.  When some role is given by two documents
or more, roles given by one document only ("desperate president") are not chosen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from briefgen.extract.actors.evidence import is_stale
from briefgen.extract.actors.mentions import Mention

MAX_ROLE_WORDS = 16


def _words(role: str) -> list[str]:
    return re.findall(r"[\w'’-]+", role.casefold())


def _contains(big: list[str], small: list[str]) -> bool:
    """``small`` is a subsequence of ``big`` (all its words, in order)."""
    it = iter(big)
    return all(w in it for w in small)


def choose_role(mentions: Iterable[Mention]) -> str | None:
    """The best-supported, most specific role, or None when no mention has one."""
    # a role that holds the name itself is a run of names ("A, B and the rest of C"), not
    # a role
    mentions = [m for m in mentions if m.role and m.name.casefold() not in m.role.casefold()]
    # a word before an organisation's name ("the rebel Council") is its role when two
    # documents or more use it; once, it may be any adjective ("the relevant Council")
    modifier_docs: dict[str, set[str]] = {}
    for m in mentions:
        if m.role_source == "modifier":
            modifier_docs.setdefault(m.role.casefold(), set()).add(m.doc)  # type: ignore[union-attr]
    mentions = [
        m
        for m in mentions
        if m.role_source != "modifier" or len(modifier_docs[m.role.casefold()]) >= 2  # type: ignore[union-attr]
    ]
    # current over former: "former governor" only when nothing else is said; a role noun
    # over a bare affiliation ("Jane Roe of Acme" says where she works, not what she
    # does); a noun description of an organisation over a relative clause
    for weaker in (
        lambda m: is_stale(m.role),
        lambda m: m.role_source == "affiliation",
        lambda m: m.role_source == "clause",
        lambda m: m.role_source == "class",
        lambda m: m.role_source == "modifier",
    ):
        if any(not weaker(m) for m in mentions):
            mentions = [m for m in mentions if not weaker(m)]
    given = [(m.role, m.doc) for m in mentions if m.role]
    if not given:
        return None
    counts = Counter(r for r, _ in given)
    words = {r: _words(r) for r in counts}

    def support(r: str) -> int:
        return len(
            {d for o, d in given if _contains(words[o], words[r]) or _contains(words[r], words[o])}
        )

    docs_giving = {r: len({d for o, d in given if o == r}) for r in counts}
    # a role given by one document only is a candidate when no role is given by several
    several = [r for r in counts if docs_giving[r] >= 2] or list(counts)
    best = max(
        several,
        key=lambda r: (support(r), min(len(words[r]), MAX_ROLE_WORDS), counts[r], r),
    )
    return with_organisation(best, docs_giving)


def with_organisation(role: str, docs_giving: dict[str, int]) -> str:
    """ "director general" → "HRA director general" when another mention gives the same
    role with the organisation or country it serves: capitalised words only ("former
    director general" does not replace it), given by two documents or an acronym
    ("U.S.", "HRA"; not a one-off "Capitalia" from a dateline)."""
    base = role.split()
    best = role
    for o, n_docs in docs_giving.items():
        ow = o.split()
        if len(ow) <= len(best.split()) or len(ow) > MAX_ROLE_WORDS:
            continue
        # the role's words, in order, at the end; only capitalised words before them
        if [w.casefold() for w in ow[-len(base) :]] != [w.casefold() for w in base]:
            continue
        extra = ow[: -len(base)]
        if not all(w[:1].isupper() for w in extra):
            continue
        if n_docs >= 2 or all(w.replace(".", "").isupper() for w in extra):
            best = o
    return best
