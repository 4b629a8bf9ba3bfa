"""The editor's decisions in the config, applied to a stored extraction.

``render`` and ``preview`` take an extraction made earlier; an editor who has since
added an ``actors:`` override, a ``not_actors:`` entry or a ``sides:`` list expects the
brief to follow it without a new NLP run.  (Section limits are applied when the brief
is built, so they already follow the config.)  Applying the decisions twice gives the
same extraction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from briefgen.config import BriefConfig
from briefgen.extract.actors.cluster import fold
from briefgen.extract.actors.overrides import apply_overrides
from briefgen.models import Actor, Extraction


def apply_decisions(ext: Extraction, cfg: BriefConfig) -> Extraction:
    """The extraction with the config's ``not_actors``, ``actors`` and ``sides`` applied."""
    banned = {fold(n) for n in cfg.not_actors}
    excluded = banned | {fold(n) for ov in cfg.actors if ov.exclude for n in (ov.name, *ov.aliases)}
    renamed = {
        fold(n): ov.name for ov in cfg.actors if not ov.exclude for n in (ov.name, *ov.aliases)
    }
    kept = [a for a in ext.actors if fold(a.name) not in banned]
    for a in kept:  # an alias named in not_actors goes, the actor stays
        a.aliases = [x for x in a.aliases if fold(x) not in banned]
    actors = _renumbered(apply_overrides(kept, cfg.actors)) if cfg.actors else kept

    def speaker(name: str | None) -> str | None:
        if name is None or fold(name) in excluded:
            return None
        return renamed.get(fold(name), name)

    side_of = {fold(n): side for side, names in cfg.sides.items() for n in names}
    positions = [
        dataclasses.replace(
            p,
            actor=speaker(p.actor),
            side=side_of.get(fold(speaker(p.actor) or ""), p.side),  # the config wins
        )
        for p in ext.positions
    ]
    timeline = [dataclasses.replace(e, actors=_names(e.actors, speaker)) for e in ext.timeline]
    return dataclasses.replace(ext, actors=actors, positions=positions, timeline=timeline)


def _names(names: Sequence[str], speaker: object) -> list[str]:
    out = [speaker(n) for n in names]  # type: ignore[operator]
    return list(dict.fromkeys(n for n in out if n))


def _renumbered(actors: list[Actor]) -> list[Actor]:
    """Ids a1, a2, … for actors an override created (their id is empty)."""
    used = {a.id for a in actors if a.id}
    n = 0
    for a in actors:
        if not a.id:
            n += 1
            while f"a{n}" in used:
                n += 1
            a.id = f"a{n}"
            used.add(a.id)
    return actors


__all__ = ["apply_decisions"]
