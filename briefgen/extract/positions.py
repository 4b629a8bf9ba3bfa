"""Positions: who said what.  Direct quotes and reported speech, attributed to actors.

First version: quotes found between straight or curly marks; the speaker taken from a
cue verb next to the quote ("…," X said / X said: "…" / said X), with pronouns resolved
to the last named person; reported speech from "X said (that) …" and "X told Y that …".
Speakers end as canonical actor names, or None when unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.extract.common import merge_evidence, merge_sources, norm_key, squash
from briefgen.models import Actor, Evidence, Position
from briefgen.nlp.load import AnnotatedDoc

CUE_VERBS = (
    "said|says|told|tells|added|adds|warned|warns|noted|notes|described|suggested|wrote|"
    "explained|argued|stressed|insisted|remarked|commented|asserted|declared|claimed|"
    "acknowledged|emphasised|emphasized|continued|replied|answered|according to"
)
_QUOTE_RE = re.compile(r"[\"“]([^\"“”]{3,1500}?)[\"”]", re.S)
_NAME = r"((?:[A-Z][\w'’-]+\s){0,3}[A-Z][\w'’-]+|he|she|they|He|She|They)"
_AFTER_RE = re.compile(rf"^\s*,?\s*(?:{_NAME}\s+(?:{CUE_VERBS})|(?:{CUE_VERBS})\s+{_NAME})\b")
_BEFORE_RE = re.compile(rf"{_NAME}\s+(?:{CUE_VERBS})(?:\s+\w+){{0,6}}\s*[:,]\s*$")
_REPORTED_RE = re.compile(
    rf"\b{_NAME}\s+(?:said|told [\w\s]{{1,40}}?|says|added|warned|noted|expressed hope)\s+that\s+(.+)"
)
PRONOUNS = {"he", "she", "they"}


def extract(docs: Sequence[AnnotatedDoc], actors: Sequence[Actor]) -> list[Position]:
    """Quotes and reported speech across the corpus, merged across sources."""
    lookup = _name_lookup(actors)
    persons = {a.name for a in actors if a.kind == "person"}
    out: list[Position] = []
    for ad in docs:
        text = ad.article.text  # == ad.doc.text, which spaCy rebuilds from the tokens per call
        last_person: str | None = None
        for para_start, para in _paragraphs(text):
            for m in _QUOTE_RE.finditer(para):
                quote = squash(m.group(1)).strip(" ,")
                if len(quote.split()) < 4:
                    continue
                speaker = _speaker(para[m.end():], para[: m.start()], lookup)
                if speaker == "PRONOUN":
                    speaker = last_person
                if speaker and speaker in persons:
                    last_person = speaker
                sentence = squash(para[max(0, m.start() - 150) : m.end() + 80])
                out.append(
                    Position(
                        actor=speaker,
                        kind="quote",
                        text=quote,
                        sources=[ad.id],
                        evidence=[Evidence(doc=ad.id, sentence=sentence)],
                    )
                )
            for sent in re.split(r"(?<=[.!?])\s+", para):
                if "“" in sent or '"' in sent:
                    continue
                r = _REPORTED_RE.search(sent)
                if r:
                    who = _resolve(r.group(1), lookup)
                    if who == "PRONOUN":
                        who = last_person
                    if who:
                        out.append(
                            Position(
                                actor=who,
                                kind="reported",
                                text=squash(r.group(2)).rstrip("."),
                                sources=[ad.id],
                                evidence=[Evidence(doc=ad.id, sentence=squash(sent))],
                            )
                        )
                for a in lookup_mentions(sent, lookup, persons):
                    last_person = a
    return _merge(out)


def lookup_mentions(sentence: str, lookup: dict[str, str], persons: set[str]) -> list[str]:
    """Canonical person names mentioned in ``sentence``, in order of appearance."""
    found = []
    for m in re.finditer(r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)*", sentence):
        name = lookup.get(m.group(0))
        if name and name in persons:
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for block in re.split(r"\n\s*\n", text):
        out.append((pos, block))
        pos += len(block) + 2
    return out


def _name_lookup(actors: Sequence[Actor]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for a in actors:
        for n in [a.name, *a.aliases]:
            lookup.setdefault(n, a.name)
    return lookup


def _resolve(name: str, lookup: dict[str, str]) -> str | None:
    if name.lower() in PRONOUNS:
        return "PRONOUN"
    if name in lookup:
        return lookup[name]
    last = name.split()[-1]
    return lookup.get(last)


def _speaker(after: str, before: str, lookup: dict[str, str]) -> str | None:
    m = _AFTER_RE.match(after[:120])
    if m:
        return _resolve(m.group(1) or m.group(2), lookup)
    m = _BEFORE_RE.search(before[-200:])
    if m:
        return _resolve(m.group(1), lookup)
    return None


def _merge(positions: list[Position]) -> list[Position]:
    merged: dict[str, Position] = {}
    for p in positions:
        key = norm_key(p.text)[:80]
        if key in merged:
            dst = merged[key]
            dst.sources = merge_sources(dst.sources, p.sources)
            dst.evidence = merge_evidence(dst.evidence, p.evidence)
            dst.actor = dst.actor or p.actor
        else:
            merged[key] = p
    return list(merged.values())
