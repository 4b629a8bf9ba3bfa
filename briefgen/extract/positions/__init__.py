"""Positions: who said what, attributed to canonical actors, merged across sources.

``attribution`` finds direct quotes and reported speech in each document with the
speaker as written; ``speakers`` maps that to an actor of the actors section (or
None: never a guess, never a country or a pronoun).  This module keeps what is worth
showing, merges the same statement reported by several outlets into one entry with
several sources, assigns each speaker's side, tags a stance toward the brief's topic
terms, and orders the result by actor so the brief can group it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from briefgen.extract.positions.attribution import Attribution, attribute
from briefgen.extract.positions.speakers import SpeakerResolver, names_country, role_phrases
from briefgen.extract.positions.stance import stance
from briefgen.extract.text import doc_text, merge_evidence, merge_sources, norm_key, squash
from briefgen.models import Actor, Evidence, Position
from briefgen.nlp.load import AnnotatedDoc

MIN_WORDS = 4


@dataclass
class PositionFacts:
    """What one document gives the positions: its attributions, and the roles it gives
    names ("Name, the role,"), which let descriptions be resolved across the corpus."""

    doc: str
    attributions: list[Attribution] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)


def observe(ad: AnnotatedDoc) -> PositionFacts:
    names = [
        (e.start_char, e.end_char, e.text) for e in ad.doc.ents if e.label_ in ("PERSON", "ORG")
    ]
    return PositionFacts(
        doc=ad.id, attributions=attribute(ad.doc), roles=role_phrases(doc_text(ad.doc), names)
    )


def extract(
    docs: Sequence[AnnotatedDoc],
    actors: Sequence[Actor],
    sides: Mapping[str, Sequence[str]] | None = None,
    topic_terms: Sequence[str] = (),
) -> list[Position]:
    """Quotes and reported speech across the corpus, merged across sources."""
    return combine([observe(ad) for ad in docs], actors, sides, topic_terms)


def combine(
    facts: Sequence[PositionFacts],
    actors: Sequence[Actor],
    sides: Mapping[str, Sequence[str]] | None = None,
    topic_terms: Sequence[str] = (),
) -> list[Position]:
    """Every document's attributions resolved to actors, merged across sources."""
    resolver = SpeakerResolver(actors, [r for f in facts for r in f.roles])
    raw: list[Position] = []
    for f in facts:
        raw.extend(_positions(f.doc, f.attributions, resolver))
    kept = _drop_fragments(raw)
    merged = _merge(kept)
    side_of = _sides(
        actors, sides or {}, resolver.roles, {p.actor for p in merged if p.actor}, resolver
    )
    for p in merged:
        p.side = side_of.get(p.actor) if p.actor else None
        p.stance = stance(p.text, topic_terms) if topic_terms else None
    return _order(merged, actors)


def _positions(
    doc_id: str, items: Sequence[Attribution], resolver: SpeakerResolver
) -> list[Position]:
    out = []
    for a in items:
        actor = resolver.resolve(a.named_speaker)
        if actor is None and a.antecedent and a.speaker and not a.is_pronoun:
            actor = resolver.role_anaphor(a.speaker, a.antecedent)  # "the prime minister said"
        if a.kind == "reported" and actor is None:
            continue  # an unattributed paraphrase says nothing about anyone's position
        text = squash(a.text).strip(" ,;:")
        if a.kind == "quote":
            text = text.rstrip(",")
        out.append(
            Position(
                actor=actor,
                kind=a.kind,
                text=text,
                sources=[doc_id],
                evidence=[Evidence(doc=doc_id, sentence=a.sentence)],
            )
        )
    return out


def _drop_fragments(positions: list[Position]) -> list[Position]:
    """Drop fragments under MIN_WORDS words unless they are all a source has from that speaker."""
    longer: Counter[tuple[str, str | None]] = Counter()
    for p in positions:
        if len(p.text.split()) >= MIN_WORDS:
            longer[(p.sources[0], p.actor)] += 1
    out = []
    for p in positions:
        short = len(p.text.split()) < MIN_WORDS
        if short and (p.actor is None or longer[(p.sources[0], p.actor)]):
            continue
        out.append(p)
    return out


def _merge(positions: list[Position]) -> list[Position]:
    """One entry per statement: the same words from several outlets share an entry."""
    merged: dict[str, Position] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p in positions:
        key = _key(p.text)
        if key in merged:
            dst = merged[key]
            dst.sources = merge_sources(dst.sources, p.sources)
            dst.evidence = merge_evidence(dst.evidence, p.evidence)
            if p.kind == "quote":
                dst.kind = "quote"
        else:
            merged[key] = p
        if p.actor:
            votes[key][p.actor] += 1
    for key, p in merged.items():
        if votes[key]:
            p.actor = votes[key].most_common(1)[0][0]
    # a paraphrase contained in a quote of the same speaker adds nothing
    quotes: dict[str | None, list[str]] = defaultdict(list)  # speaker → keys of their quotes
    for key, p in merged.items():
        if p.kind == "quote":
            quotes[p.actor].append(key)
    return [
        p
        for key, p in merged.items()
        if p.kind == "quote" or not any(key in q for q in quotes.get(p.actor, ()))
    ]


def _key(text: str) -> str:
    return norm_key(text)[:80]


def _sides(
    actors: Sequence[Actor],
    sides: Mapping[str, Sequence[str]],
    roles: Mapping[str, set[str]],
    speakers: AbstractSet[str],
    resolver: SpeakerResolver | None = None,
) -> dict[str, str]:
    """Speaker name → side: the config's ``sides`` first, else the one country its roles
    name (only for ``speakers``: reading every actor's roles for countries is costly)."""
    out: dict[str, str] = {}
    lookup = {}
    for a in actors:
        for n in [a.name, *a.aliases]:
            lookup.setdefault(n.casefold(), a.name)
    for side, members in sides.items():
        for m in members:
            name = lookup.get(m.casefold(), m)
            out.setdefault(name, side)
    # a spokesperson's side is the organisation their role names; that organisation's
    # own statements then sit on the same side
    if resolver is not None:
        for a in actors:
            if a.name in out or a.name not in speakers:
                continue
            for p in sorted(roles.get(a.name, ())) + [a.role or ""]:
                org = resolver.organisation_of(p) if p else None
                if org:
                    out[a.name] = org
                    out.setdefault(org, org)
                    break
    countries = [a for a in actors if a.kind == "country"]
    for a in actors:
        if a.name in out or a.kind == "country" or a.name not in speakers:
            continue
        phrases = [p for p in [a.role or "", *sorted(roles.get(a.name, ()))] if p]
        # the country most of its role phrases name; ties go to the more salient country
        named = [
            (sum(names_country(p, c) for p in phrases), -i, c.name) for i, c in enumerate(countries)
        ]
        best = max(named, default=(0, 0, ""))
        if best[0]:
            out[a.name] = best[2]
    return out


def _order(positions: list[Position], actors: Sequence[Actor]) -> list[Position]:
    """Attributed quotes first, then paraphrases, each by actor (most salient first);
    unattributed last.  A section limit so keeps every speaker's own words."""
    rank = {a.name: i for i, a in enumerate(actors)}
    first_seen: dict[str | None, int] = {}
    for i, p in enumerate(positions):
        first_seen.setdefault(p.actor, i)
    return sorted(
        positions,
        key=lambda p: (
            p.actor is None,
            p.kind != "quote",
            rank.get(p.actor or "", len(rank)),
            first_seen[p.actor],
        ),
    )
