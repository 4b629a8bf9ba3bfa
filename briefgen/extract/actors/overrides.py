"""Editor overrides from the brief's YAML (``actors:``): pin, merge, rename, exclude.

An override names an actor and lists aliases.  Every extracted actor whose name or alias
matches one of them is merged into one actor that takes the override's name, role and
kind.  ``exclude: true`` drops the matching actors instead.  An override that matches
nothing pins a new actor.  Overridden actors come first, in the order the YAML lists
them: the editor has chosen them.  The overrides are applied on every run, so a re-run
keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from briefgen.extract.actors.cluster import fold
from briefgen.extract.text import merge_evidence, merge_sources
from briefgen.models import Actor, ActorKind


class Override(Protocol):
    name: str
    aliases: list[str]
    role: str | None
    kind: ActorKind | None
    exclude: bool


def _names(a: Actor) -> set[str]:
    return {fold(a.name), *(fold(x) for x in a.aliases)}


def apply_overrides(actors: Sequence[Actor], overrides: Sequence[Override]) -> list[Actor]:
    """The actors with every override applied; overridden ones first."""
    rest = list(actors)
    pinned: list[Actor] = []
    for ov in overrides:
        wanted = {fold(ov.name), *(fold(a) for a in ov.aliases)}
        hits = [a for a in rest if _names(a) & wanted]
        rest = [a for a in rest if not (_names(a) & wanted)]
        if ov.exclude:
            continue
        pinned.append(_merge(ov, hits))
    return pinned + rest


def _merge(ov: Override, hits: list[Actor]) -> Actor:
    names: list[str] = []
    for a in hits:
        names += [a.name, *a.aliases]
    aliases = [n for n in dict.fromkeys([*ov.aliases, *names]) if fold(n) != fold(ov.name)]
    kind = ov.kind or (max(hits, key=lambda a: a.mentions).kind if hits else "person")
    role = ov.role or next(
        (a.role for a in sorted(hits, key=lambda a: -a.mentions) if a.role), None
    )
    merges = [m for a in hits for m in a.merges]
    merges += [f"{a.name} → {ov.name}: editor override" for a in hits if a.name != ov.name]
    if not hits:
        merges.append(f"{ov.name}: pinned by the editor (not found in the documents)")
    return Actor(
        id="",
        name=ov.name,
        kind=kind,
        aliases=aliases,
        role=role,
        mentions=sum(a.mentions for a in hits),
        sources=merge_sources(*(a.sources for a in hits)),
        evidence=merge_evidence(*(a.evidence for a in hits)),
        merges=merges,
    )
