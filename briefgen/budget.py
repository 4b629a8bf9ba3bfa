"""The length budget: how many items each section can show so that the brief's body
(everything before Sources) fits ``outputs.body_pages`` A4 pages.

The heights are estimates from the default stylesheet (``templates/brief.css``: A4 with
24/22 mm margins, 10 pt text at 1.45 line height, 9 pt tables): each item's height
follows from the length of its text.  The first page carries the title, the bottom
line and as many key actors as fit below it; the rest of the budget is shared between
the other sections (timeline and positions most), and what one section leaves unused
goes to the others.  A section's own ``limit:`` in the config is the most it shows: the
budget shows fewer when they would not fit.

Pure functions over the extraction: nothing here renders or measures a PDF.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PAGE_MM = 251.0  # A4 height less the top and bottom margins
FILL = 0.86  # page breaks before rows and headings that may not split waste some room
LINE_MM = 5.1  # 10 pt at 1.45
SMALL_LINE_MM = 4.6  # 9 pt table text at 1.45
ROW_PAD_MM = 1.7
H2_MM = 14.0
H3_MM = 9.5
TITLE_MM = 30.0
CHART_MM = 52.0  # the timeline chart at its tallest (12 lanes)
CITE_CHARS = 22  # "[1][2][3]†E4" after an item
SUMMARY_BULLETS = 5

# chars per line: full width prose, list items, the timeline's event column, the
# actors table's name, role and sources columns
PROSE_CHARS = 92
LIST_CHARS = 84
EVENT_CHARS = 80
NAME_CHARS, ROLE_CHARS, CITES_CHARS = 32, 18, 16

# how the pages after the first are shared; a section type not listed gets OTHER
SHARES = {"timeline": 0.42, "positions": 0.38, "open_questions": 0.12, "actors": 0.12}
OTHER = 0.1
MEASURED = frozenset(SHARES)  # section types whose items' heights the budget estimates
MIN_ACTORS, MAX_ACTORS = 5, 15
MAX_PER_SPEAKER = 3
MAX_CONFLICTS = 3  # other dates shown for a timeline event
MAX_ALIASES = 4  # an actor's other names shown (the extraction keeps them all)
ALSO_SAID = 2  # "also said" lines under a speaker's statement (views.MAX_ALSO_SAID)
H4_MM = 8.0  # a speaker's name under a side heading
ALSO_PREFIX = "Also said: "


@dataclass(frozen=True)
class Plan:
    """Per section key: how many items it shows (None: no limit) and its estimated mm."""

    limits: dict[str, int | None]
    height_mm: float


def lines(chars: int, per_line: int) -> int:
    return max(1, math.ceil(chars / per_line))


def summary_mm(text: str) -> float:
    return lines(len(text) + CITE_CHARS, LIST_CHARS) * LINE_MM + 1.2


def actor_mm(actor: Any) -> float:
    name = len(actor.name) + sum(len(a) + 2 for a in actor.aliases[:MAX_ALIASES]) + (7 if actor.aliases else 0)
    cites = 4 * min(len(actor.sources), 6) + 6
    rows = max(lines(name, NAME_CHARS), lines(len(actor.role or ""), ROLE_CHARS), lines(cites, CITES_CHARS))
    return rows * SMALL_LINE_MM + ROW_PAD_MM


def event_mm(event: Any) -> float:
    extra = 32 + 16 * len(set(event.conflict[:8])) if event.conflict else 0
    return lines(len(event.text) + CITE_CHARS + extra, EVENT_CHARS) * SMALL_LINE_MM + ROW_PAD_MM


def item_mm(text: str) -> float:
    return lines(len(text) + CITE_CHARS, LIST_CHARS) * LINE_MM + 1.0


def timeline_events(events: Sequence[Any]) -> list[Any]:
    """The events the timeline section can show, in the order its limit keeps them
    (:func:`briefgen.extract.timeline.key.cut_order`: the story's end, each month's
    main event, then the most salient)."""
    from briefgen.extract.timeline import key as timeline_key

    return timeline_key.cut_order(timeline_key.shown(events))


def background_mm(ext: Any) -> float:
    """The timeline's "Background" list under the table (heading and items): events
    naming one of the leading actors, as the timeline view shows them."""
    from briefgen.extract.timeline import key as timeline_key

    shown = timeline_key.background(ext.timeline, central=timeline_key.leading(ext.actors))
    if not shown:
        return 0.0
    return H3_MM + sum(item_mm(f"{e.date} {e.text}") for e in shown)


def position_costs(ext: Any) -> list[float]:
    """The estimated height of each positions entry, in the order the brief picks them:
    the statement, its "also said" lines, and the speaker's name and side heading with
    the speaker's first entry."""
    from briefgen.extract.positions.select import select

    rank = {a.name: i for i, a in enumerate(ext.actors)}
    seen_actors: set[str | None] = set()
    seen_sides: set[str | None] = set()
    out = []
    for e in select(ext.positions, None, rank, pick_order=True):
        p = e.position
        cost = item_mm(p.text) + sum(item_mm(ALSO_PREFIX + a.text) for a in e.also[:ALSO_SAID])
        if p.actor not in seen_actors:
            cost += H4_MM
            seen_actors.add(p.actor)
        if p.side not in seen_sides:
            cost += H3_MM
            seen_sides.add(p.side)
        out.append(cost)
    return out


def text_mm(text: str) -> float:
    paragraphs = [p for p in (text or "").split("\n\n") if p.strip()] or [""]
    return sum(lines(len(p), PROSE_CHARS) * LINE_MM + 2.5 for p in paragraphs)


def plan(sections: Sequence[Any], ext: Any, pages: int, reserved_mm: float = 0.0) -> Plan:
    """The limits that fit ``pages`` pages, for the sections whose config sets none.

    ``sections``: the config's sections (``type``, ``key``, ``limit``, ``kinds``);
    ``reserved_mm``: room already taken before the sections (e.g. a weekly "New this
    week" box)."""
    total = pages * PAGE_MM * FILL - reserved_mm
    limits: dict[str, int | None] = {}
    body = [s for s in sections if s.type not in ("sources", "evidence")]
    used = TITLE_MM
    # the first page: title, bottom line, key actors
    for s in body:
        if s.type == "summary":
            n = s.limit or SUMMARY_BULLETS
            limits[s.key] = n
            used += H2_MM + 4 + sum(summary_mm(i.text) for i in ext.summary[:n])
        elif s.type == "text":
            limits[s.key] = None
            used += H2_MM + text_mm(s.text or "")
    first_actors = next((s for s in body if s.type == "actors"), None)
    if first_actors is not None:
        rows = _actors(ext, first_actors)
        room = max(PAGE_MM - used - H2_MM - 8, 0.0)
        n = _fit([actor_mm(a) for a in rows], room)
        n = max(min(MIN_ACTORS, first_actors.limit or MIN_ACTORS), min(n, first_actors.limit or MAX_ACTORS))
        limits[first_actors.key] = n
        used += H2_MM + 8 + sum(actor_mm(a) for a in rows[:n])

    # a section's own limit caps it; the budget may show fewer so that the body fits.
    # A type the budget cannot measure (added through the registry) keeps its limit.
    rest = [s for s in body if s.key not in limits]
    costs = {s.key: _costs(s, ext)[: s.limit or None] for s in rest}
    for s in rest:
        if s.limit and s.type not in MEASURED:
            limits[s.key] = s.limit
            used += H2_MM + sum(costs[s.key])
    free = [s for s in rest if s.key not in limits]
    room = max(total - used - H2_MM * len(free), 0.0)
    weight = sum(SHARES.get(s.type, OTHER) for s in free) or 1.0
    taken = {s.key: 0 for s in free}
    spent = {s.key: 0.0 for s in free}
    # first pass: each section up to its share; then the unused room, in order
    for s in free:
        share = room * SHARES.get(s.type, OTHER) / weight
        taken[s.key] = _fit(costs[s.key], share)
        spent[s.key] = sum(costs[s.key][: taken[s.key]])
    left = room - sum(spent.values())
    for s in free:
        more = _fit(costs[s.key][taken[s.key]:], left)
        taken[s.key] += more
        extra = sum(costs[s.key][taken[s.key] - more : taken[s.key]])
        spent[s.key] += extra
        left -= extra
    for s in free:
        limits[s.key] = taken[s.key]
    return Plan(limits=limits, height_mm=used + sum(spent.values()) + H2_MM * len(free))


def _fit(costs: Sequence[float], room: float) -> int:
    """How many of ``costs``, in order, fit ``room``."""
    n, acc = 0, 0.0
    for c in costs:
        if acc + c > room:
            break
        acc += c
        n += 1
    return n


def _actors(ext: Any, sec: Any) -> list[Any]:
    return [a for a in ext.actors if not sec.kinds or a.kind in sec.kinds]


def _costs(sec: Any, ext: Any) -> list[float]:
    """The estimated height of each item the section would show, in the order the brief
    takes them (see ``pick_events`` and ``pick_positions``)."""
    if sec.type == "actors":
        return [actor_mm(a) for a in _actors(ext, sec)]
    if sec.type == "timeline":
        events = timeline_events(ext.timeline)
        fixed = CHART_MM + 8 + background_mm(ext)
        return [event_mm(e) + (fixed if i == 0 else 0.0) for i, e in enumerate(events)]
    if sec.type == "positions":
        return position_costs(ext)
    if sec.type == "open_questions":
        return [item_mm(q.text) for q in ext.open_questions]
    # a type added through the section registry: its records' text, when it has records
    records = (getattr(ext, "sections", None) or {}).get(sec.type, [])
    return [item_mm(str(r.get("text", ""))) for r in records]


def event_priority(events: Sequence[Any], since: str | None = None, until: str | None = None) -> list[int]:
    """Indices of ``events`` best first.  Last come background and furniture: events
    dated before ``since`` (ISO, e.g. a month before the first article), past events
    dated after ``until`` (a copyright year), and events whose source sentence is the
    same word for word in several documents (a site's standing text).  Then more
    sources first, day before month before year precision, earlier first."""
    rank = {"day": 0, "month": 1, "year": 2}

    def aside(e: Any) -> bool:
        date = e.date or ""
        early = since is not None and date < since
        late = until is not None and date[: len(until)] > until[: len(date)] and not e.planned
        return early or late or standing_text(e)

    return sorted(
        range(len(events)),
        key=lambda i: (aside(events[i]), -len(events[i].sources), rank.get(events[i].precision, 3), i),
    )


def standing_text(item: Any, copies: int = 4) -> bool:
    """True when ``copies`` or more documents give the item's source sentence word for word."""
    seen: dict[str, set[str]] = {}
    for e in item.evidence:
        seen.setdefault(" ".join(e.sentence.split()).casefold(), set()).add(e.doc)
    return any(len(docs) >= copies for docs in seen.values())


def pick_events(
    events: Sequence[Any], n: int | None, period: tuple[str | None, str | None] = (None, None)
) -> list[Any]:
    """The ``n`` best events (see ``event_priority``; ``period``: its ``since`` and
    ``until``), in the timeline's (chronological) order."""
    if n is None or n >= len(events):
        return list(events)
    return [events[i] for i in sorted(event_priority(events, *period)[:n])]


def corpus_period(documents: Sequence[dict[str, Any]], days: int = 31) -> tuple[str | None, str | None]:
    """``days`` before the earliest document date to ``days`` after the latest (ISO): the
    corpus's own period; events outside it are background."""
    import datetime as dt

    dates = sorted(d["date"] for d in documents if d.get("date"))
    if not dates:
        return None, None
    pad = dt.timedelta(days=days)
    return (
        (dt.date.fromisoformat(dates[0]) - pad).isoformat(),
        (dt.date.fromisoformat(dates[-1]) + pad).isoformat(),
    )


def position_priority(positions: Sequence[Any], per_speaker: int = MAX_PER_SPEAKER) -> list[int]:
    """Indices of ``positions`` in the order the brief takes them: first the speakers
    heard more than once (in the extraction's order, the most salient first), each one's
    first position, then each one's second, … up to ``per_speaker`` each; then speakers
    heard once; then unattributed positions and anyone's further ones."""
    by_actor: dict[str | None, list[int]] = {}
    for i, p in enumerate(positions):
        by_actor.setdefault(p.actor, []).append(i)
    repeated = [a for a in by_actor if a is not None and len(by_actor[a]) > 1]
    once = [a for a in by_actor if a is not None and len(by_actor[a]) == 1]
    out: list[int] = []
    for round_ in range(per_speaker):
        out.extend(by_actor[a][round_] for a in repeated if round_ < len(by_actor[a]))
    out.extend(by_actor[a][0] for a in once)
    out.extend(by_actor.get(None, []))
    out.extend(i for a in repeated for i in by_actor[a][per_speaker:])
    return out


def pick_positions(positions: Sequence[Any], n: int | None) -> list[Any]:
    """``n`` positions spread over the speakers (see ``position_priority``), in the
    extraction's order."""
    if n is None or n >= len(positions):
        return list(positions)
    return [positions[i] for i in sorted(position_priority(positions)[:n])]
