"""One view per section type: how a configured section is filled from the extraction.

A view takes the empty :class:`SectionView`, its config entry, the shared
:class:`ViewContext` and the number of items the section may show (its ``limit``, or
what the length budget leaves it; None for no cap), and fills the view's items (and
groups, sides, background) and ``left_out``.  Views only choose and arrange: every
item goes through ``ctx.item``, which numbers its citations the same way for all.
The registry (:mod:`briefgen.brief.registry`) says which view fills which type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from briefgen import budget
from briefgen.brief.model import Group, Item, SectionView, Side, format_date
from briefgen.config import BriefConfig, Section
from briefgen.extract.positions.select import select as select_positions
from briefgen.extract.timeline import key as timeline_key
from briefgen.models import Event, Extraction


class ItemFactory(Protocol):
    def __call__(self, text: str, ids: Sequence[str], evidence: Sequence[Any], **fields: Any) -> Item: ...


@dataclass
class ViewContext:
    """What every view may read."""

    ext: Extraction
    cfg: BriefConfig
    item: ItemFactory
    sides: dict[str, list[str]]  # the config's sides, else those inferred from the corpus


# a speaker's other statements on the same topic shown under the strongest one: more is
# a transcript, not a brief (the extraction keeps them all)
MAX_ALSO_SAID = 2

View = Callable[[SectionView, Section, ViewContext, "int | None"], None]


def summary(view: SectionView, sec: Section, ctx: ViewContext, limit: int | None) -> None:
    view.items = [ctx.item(s.text, s.sources, s.evidence) for s in ctx.ext.summary[:limit]]
    view.left_out = len(ctx.ext.summary) - len(view.items)


def actors(view: SectionView, sec: Section, ctx: ViewContext, limit: int | None) -> None:
    found = [a for a in ctx.ext.actors if not sec.kinds or a.kind in sec.kinds]
    view.items = [
        ctx.item(a.name, a.sources, a.evidence, kind=a.kind, role=a.role,
                 aliases=list(a.aliases)[: budget.MAX_ALIASES], mentions=a.mentions)
        for a in found[:limit]
    ]
    view.left_out = len(found) - len(view.items)


def timeline(view: SectionView, sec: Section, ctx: ViewContext, limit: int | None) -> None:
    def event_item(e: Event) -> Item:
        return ctx.item(e.text, e.sources, e.evidence, date=e.date, precision=e.precision,
                        date_label=format_date(e.date, e.precision), planned=e.planned,
                        conflict=list(dict.fromkeys(e.conflict))[: budget.MAX_CONFLICTS])

    view.items = [event_item(e) for e in timeline_key.shown(ctx.ext.timeline, limit)]
    central = timeline_key.leading(ctx.ext.actors)
    view.background = [
        event_item(e) for e in timeline_key.background(ctx.ext.timeline, central=central)
    ]
    view.left_out = len(ctx.ext.timeline) - len(view.items) - len(view.background)


def positions(view: SectionView, sec: Section, ctx: ViewContext, limit: int | None) -> None:
    sides = ctx.sides
    side_of_actor = {a.casefold(): side for side, names in sides.items() for a in names}

    def side_of(p: Any) -> str | None:
        return p.side or side_of_actor.get((p.actor or "").casefold())

    entries = select_positions(
        ctx.ext.positions, limit, {a.name: i for i, a in enumerate(ctx.ext.actors)}, side_of
    )
    shown = [e.position for e in entries]
    also = [[a.text for a in e.also][: MAX_ALSO_SAID] for e in entries]
    view.left_out = len(ctx.ext.positions) - len(shown) - sum(len(a) for a in also)
    view.items = [
        ctx.item(p.text, p.sources, p.evidence, actor=p.actor, kind=p.kind,
                 side=p.side, stance=p.stance, also=said)
        for e, said in zip(entries, also) for p in [e.position]
    ]
    view.groups = by_actor(view.items)
    by_side: dict[str | None, list[Item]] = {}
    for p, it in zip(shown, view.items):
        it.side = side_of(p)
        by_side.setdefault(it.side, []).append(it)
    order = [*sides, *sorted(k for k in by_side if k and k not in sides), None]
    titled = any(k for k in by_side)  # then speakers of no known side get a heading too
    view.sides = [
        Side(title=k or ("Other speakers" if titled else None), groups=by_actor(by_side[k]))
        for k in order
        if k in by_side
    ]


def open_questions(view: SectionView, sec: Section, ctx: ViewContext, limit: int | None) -> None:
    view.items = [ctx.item(q.text, q.sources, q.evidence) for q in ctx.ext.open_questions[:limit]]
    view.left_out = len(ctx.ext.open_questions) - len(view.items)


def text(view: SectionView, sec: Section, ctx: ViewContext, limit: int | None) -> None:
    view.text = sec.text or ""


def by_actor(items: Sequence[Item]) -> list[Group]:
    """Items grouped by speaker, most items first; unattributed last."""
    groups: dict[str, Group] = {}
    for it in items:
        title = it.actor or "Unattributed"
        groups.setdefault(title, Group(title=title, side=it.side)).items.append(it)
    return sorted(groups.values(), key=lambda g: (g.title == "Unattributed", -len(g.items)))
