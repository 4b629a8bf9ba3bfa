"""The ``Brief``: what templates see.  Built from an extraction and the config's sections.

This is the documented contract with template authors: every field has a help text
(``docs/templates.md`` is generated from it), and a test fails if one is missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefgen import __version__, budget
from briefgen.config import BriefConfig, Section
from briefgen.extract import framing
from briefgen.models import Extraction


def _f(help: str, **kw: Any) -> Any:
    return field(metadata={"help": help}, **kw)


@dataclass
class Citation:
    """One source cited by an item, with the sentence the item was drawn from there."""

    n: int = _f("the source's number in the sources list; link to #src-<n>")
    sentence: str | None = _f("the source sentence (evidence), when the extraction kept it", default=None)


@dataclass
class Item:
    """One entry of a section: an actor, an event, a position, a question or a sentence."""

    text: str = _f("the item's main text (name for an actor, quote for a position)")
    ref: int | None = _f("the item's number in the evidence annex (E<ref>, anchor #ev-<ref>); None without evidence or annex", default=None)
    cites: list[int] = _f("source numbers [n] in the sources list (at most `outputs.max_citations`)", default_factory=list)
    citations: list[Citation] = _f("one entry per cited source: its number and evidence sentence", default_factory=list)
    more_sources: int = _f("further sources supporting the item, not cited (over `outputs.max_citations`)", default=0)
    evidence: list[str] = _f("source sentences the item was drawn from", default_factory=list)
    single_source: bool = _f("true when only one outlet (publisher) supports the item", default=False)
    date: str | None = _f("timeline: the date, YYYY, YYYY-MM or YYYY-MM-DD", default=None)
    date_label: str | None = _f("timeline: the date formatted at its precision", default=None)
    precision: str | None = _f("timeline: year, month or day", default=None)
    planned: bool = _f("timeline: a future or planned event", default=False)
    conflict: list[str] = _f("timeline: other dates sources give (the first few, each once)", default_factory=list)
    actor: str | None = _f("positions: the speaker's canonical name, or None", default=None)
    kind: str | None = _f("actors: person/organization/country/group; positions: quote/reported", default=None)
    role: str | None = _f("actors: title or function", default=None)
    aliases: list[str] = _f("actors: other names merged into this one (the first few; the extraction lists all)", default_factory=list)
    mentions: int = _f("actors: number of mentions", default=0)
    n_sources: int = _f("number of distinct outlets (publishers) supporting the item", default=0)
    side: str | None = _f("positions: the speaker's side (config `sides`, else a country)", default=None)
    stance: str | None = _f("positions: supportive, sceptical or neutral toward the topic terms", default=None)


@dataclass
class Group:
    """A titled group of items (positions by actor)."""

    title: str = _f("group heading, e.g. the speaker's name")
    side: str | None = _f("positions: the side of the group's speaker", default=None)
    items: list[Item] = _f("the group's items", default_factory=list)


@dataclass
class Side:
    """Positions of one side (from the extraction or the config's ``sides:``), by actor."""

    title: str | None = _f("the side's name, or None when sides are not known")
    groups: list[Group] = _f("the side's positions grouped by actor", default_factory=list)


@dataclass
class SectionView:
    """One configured section, filled."""

    id: str = _f("the section id (config `id`, else its type)")
    type: str = _f("summary, actors, timeline, positions, open_questions, sources or text")
    title: str = _f("the section heading")
    items: list[Item] = _f("the section's items, in order", default_factory=list)
    groups: list[Group] = _f("positions: items grouped by actor", default_factory=list)
    sides: list[Side] = _f("positions: groups by side, then by actor; one untitled side when no sides are known", default_factory=list)
    text: str | None = _f("text sections: the fixed prose from config", default=None)
    notes: list[Group] = _f("evidence: per section (title), its items that have evidence, numbered by `ref`", default_factory=list)
    left_out: int = _f("items the extraction holds that the section does not show (its limit or the length budget)", default=0)


@dataclass
class Copy:
    """A duplicate of a kept article, set aside by de-duplication."""

    id: str = _f("the duplicate's document id")
    publisher: str | None = _f("publisher or outlet of the duplicate", default=None)
    url: str | None = _f("URL of the duplicate", default=None)


@dataclass
class Source:
    """One entry of the numbered sources list."""

    n: int = _f("the citation number")
    id: str = _f("the document id")
    title: str | None = _f("article title", default=None)
    publisher: str | None = _f("publisher or outlet", default=None)
    author: str | None = _f("author", default=None)
    date: str | None = _f("publication date, YYYY-MM-DD", default=None)
    url: str | None = _f("URL", default=None)
    duplicates: list[str] = _f("ids of copies of this article that were set aside", default_factory=list)
    copies: list[Copy] = _f("the copies set aside, with their publisher and URL", default_factory=list)


@dataclass
class Method:
    """The method note's figures."""

    documents_read: int = _f("documents read")
    duplicates: int = _f("documents set aside as duplicates")
    date_from: str | None = _f("earliest document date", default=None)
    date_to: str | None = _f("latest document date", default=None)
    uncited: int = _f("documents read (duplicates aside) that no item shown cites, so not in the sources list", default=0)
    left_out: list[str] = _f("per section that shows fewer items than extracted: e.g. '120 of 160 timeline events'", default_factory=list)
    budget_pages: int | None = _f("the length budget: A4 pages of the body (`outputs.body_pages`)", default=None)


@dataclass
class Brief:
    """Everything a template can use."""

    title: str = _f("the brief's title")
    subtitle: str | None = _f("subtitle", default=None)
    organisation: str | None = _f("issuing organisation", default=None)
    author: str | None = _f("author named in the document properties", default=None)
    classification: str | None = _f("classification marking shown on every page", default=None)
    language: str = _f("document language (BCP 47)", default="en")
    date: str = _f("the brief's date, e.g. 23 November 2026", default="")
    period: str | None = _f("the period covered, from the config's window, e.g. 1 April 2023 to 30 April 2023", default=None)
    generated_at: str = _f("generation time, ISO 8601", default="")
    version: str = _f("briefgen version", default=__version__)
    logo: str | None = _f("logo file path, when configured", default=None)
    sections: list[SectionView] = _f("the configured sections, in order", default_factory=list)
    sources: list[Source] = _f("the numbered sources list", default_factory=list)
    has_evidence: bool = _f("true when an evidence annex is configured, so items link to it", default=False)
    inferred: list[str] = _f("what was inferred from the articles, not set in the config: title, subtitle, sides", default_factory=list)
    method: Method = _f("figures for the method note", default_factory=lambda: Method(0, 0))


def format_date(value: str | None, precision: str | None = None) -> str:
    """'2023-04-15' → '15 April 2023'; '2023-04' → 'April 2023'; '2023' → '2023'."""
    if not value:
        return ""
    parts = value.split("-")
    try:
        if len(parts) == 3 and precision in (None, "day"):
            return dt.date.fromisoformat(value).strftime("%-d %B %Y")
        if len(parts) >= 2 and precision in (None, "day", "month"):
            return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    except ValueError:
        return value
    return parts[0]


def build_brief(ext: Extraction, cfg: BriefConfig, now: dt.datetime | None = None) -> Brief:
    """Fill the configured sections from an extraction."""
    now = now or dt.datetime.now(dt.timezone.utc)
    sources, cite_of, publisher_of = _sources(ext.documents)

    def cites(ids: Sequence[str]) -> list[int]:
        return sorted({cite_of[i] for i in ids if i in cite_of})

    def outlets(ids: Sequence[str]) -> int:
        return len({publisher_of.get(i) or i for i in ids})

    def item(text: str, ids: Sequence[str], evidence: Sequence[Any], **kw: Any) -> Item:
        n = outlets(ids)
        sentence_of: dict[int, str] = {}
        for e in evidence:
            num = cite_of.get(e.doc)
            if num is not None and e.sentence:
                sentence_of.setdefault(num, e.sentence)
        numbers = cites(ids)
        shown = numbers[: cfg.outputs.max_citations]
        return Item(
            text=text,
            cites=shown,
            citations=[Citation(n=num, sentence=sentence_of.get(num)) for num in shown],
            more_sources=len(numbers) - len(shown),
            evidence=[e.sentence for e in evidence],
            n_sources=n,
            single_source=n <= 1,
            **kw,
        )

    framed = _framing(ext, cfg)
    sides = dict(cfg.sides) or (framed.sides if framed else {})
    reserved = _changes_mm(ext, cfg.weekly.new_limit) if ext.changes is not None else 0.0
    limits = budget.plan(cfg.sections, ext, cfg.outputs.body_pages, reserved).limits
    views = []
    for sec in cfg.sections:
        view = SectionView(id=sec.key, type=sec.type, title=sec.title or _default_title(sec))
        lim = limits.get(sec.key, sec.limit)
        if sec.type == "summary":
            view.items = [item(s.text, s.sources, s.evidence) for s in ext.summary[:lim]]
            view.left_out = len(ext.summary) - len(view.items)
        elif sec.type == "actors":
            actors = [a for a in ext.actors if not sec.kinds or a.kind in sec.kinds]
            view.items = [
                item(a.name, a.sources, a.evidence, kind=a.kind, role=a.role,
                     aliases=list(a.aliases)[: budget.MAX_ALIASES], mentions=a.mentions)
                for a in actors[:lim]
            ]
            view.left_out = len(actors) - len(view.items)
        elif sec.type == "timeline":
            view.items = [
                item(e.text, e.sources, e.evidence, date=e.date, precision=e.precision,
                     date_label=format_date(e.date, e.precision), planned=e.planned,
                     conflict=list(dict.fromkeys(e.conflict))[: budget.MAX_CONFLICTS])
                for e in budget.pick_events(ext.timeline, lim, budget.corpus_period(ext.documents))
            ]
            view.left_out = len(ext.timeline) - len(view.items)
        elif sec.type == "positions":
            positions = budget.pick_positions(ext.positions, lim)
            view.left_out = len(ext.positions) - len(positions)
            view.items = [
                item(p.text, p.sources, p.evidence, actor=p.actor, kind=p.kind,
                     side=p.side, stance=p.stance)
                for p in positions
            ]
            view.groups = _by_actor(view.items)
            side_of_actor = {a.casefold(): side for side, names in sides.items() for a in names}
            by_side: dict[str | None, list[Item]] = {}
            for p, it in zip(positions, view.items):
                side = p.side or side_of_actor.get((p.actor or "").casefold())
                it.side = side
                by_side.setdefault(side, []).append(it)
            order = [*sides, *sorted(k for k in by_side if k and k not in sides), None]
            titled = any(k for k in by_side)  # then speakers of no known side get a heading too
            view.sides = [
                Side(title=k or ("Other speakers" if titled else None), groups=_by_actor(by_side[k]))
                for k in order
                if k in by_side
            ]
        elif sec.type == "open_questions":
            view.items = [item(q.text, q.sources, q.evidence) for q in ext.open_questions[:lim]]
            view.left_out = len(ext.open_questions) - len(view.items)
        elif sec.type == "text":
            view.text = sec.text or ""
        views.append(view)
    if cfg.outputs.evidence == "off":
        views = [v for v in views if v.type != "evidence"]
    has_evidence = any(v.type == "evidence" for v in views)
    if has_evidence:
        _number_evidence(views)

    if ext.changes is not None:
        views.insert(0, _changes_view(ext, item, cfg.weekly.new_limit))

    sources = _cited_only(views, sources)
    dates = sorted(d["date"] for d in ext.documents if d.get("date"))
    brief_meta = ext.brief or {}
    title, subtitle, inferred = _title(cfg, brief_meta, framed)
    return Brief(
        title=title,
        subtitle=subtitle,
        organisation=cfg.organisation,
        author=cfg.author or cfg.organisation,
        classification=cfg.classification,
        language=cfg.language,
        date=now.strftime("%-d %B %Y"),
        period=_period(cfg.window.since, cfg.window.until),
        generated_at=now.isoformat(timespec="seconds"),
        logo=str(cfg.resolve(cfg.logo)) if cfg.logo else None,
        sections=views,
        sources=sources,
        has_evidence=has_evidence,
        inferred=inferred + (["sides"] if framed and sides and not cfg.sides else []),
        method=Method(
            documents_read=len(ext.documents),
            duplicates=sum(1 for d in ext.documents if d.get("duplicate_of")),
            uncited=sum(1 for d in ext.documents if not d.get("duplicate_of")) - len(sources),
            date_from=dates[0] if dates else None,
            date_to=dates[-1] if dates else None,
            left_out=_left_out(views),
            budget_pages=cfg.outputs.body_pages,
        ),
    )


def _framing(ext: Extraction, cfg: BriefConfig) -> framing.Framing | None:
    """The framing inferred from the corpus, when the config leaves the title or the
    sides to it (and there are documents to infer from)."""
    meta_title = (ext.brief or {}).get("title")
    needs_title = "title" not in cfg.model_fields_set and meta_title in (None, framing.DEFAULT_TITLE)
    if not ext.documents or not (needs_title or not cfg.sides):
        return None
    return framing.infer(ext)


def _title(
    cfg: BriefConfig, meta: dict[str, Any], framed: framing.Framing | None
) -> tuple[str, str | None, list[str]]:
    """(title, subtitle, what of them was inferred).  The config's title wins when it sets
    one (editors retitle without re-extracting), then the extraction's own (a hand-edited
    extraction), then the one inferred from the corpus."""
    inferred = []
    if "title" in cfg.model_fields_set:
        title = cfg.title
    elif meta.get("title") not in (None, framing.DEFAULT_TITLE):
        title = meta["title"]
    elif framed is not None and framed.title != framing.DEFAULT_TITLE:
        title, inferred = framed.title, ["title"]
    else:
        title = cfg.title
    if cfg.subtitle is not None:
        subtitle = cfg.subtitle
    elif meta.get("subtitle"):
        subtitle = meta["subtitle"]
    elif framed is not None and framed.subtitle:
        subtitle, inferred = framed.subtitle, [*inferred, "subtitle"]
    else:
        subtitle = None
    return title, subtitle, inferred


NOUNS = {
    "summary": "bottom-line points",
    "actors": "actors",
    "timeline": "timeline events",
    "positions": "positions",
    "open_questions": "open questions",
}


def _left_out(views: Sequence[SectionView]) -> list[str]:
    """'40 of 160 timeline events', for every section that shows fewer than it has."""
    return [
        f"{len(v.items)} of {len(v.items) + v.left_out} {NOUNS.get(v.type, 'items')} ({v.title})"
        for v in views
        if v.left_out > 0
    ]


def _changes_mm(ext: Extraction, limit: int) -> float:
    """The estimated height of the weekly "New this week" box."""
    ch = ext.changes or {}
    n = sum(
        min(len(ch.get(k) or []), limit + 1)
        for k in ("new_actors", "new_events", "new_questions", "dropped_questions")
    )
    return budget.H2_MM + 10 + n * budget.LINE_MM * 1.6


def for_print(brief: Brief, evidence: str) -> Brief:
    """The brief as the PDF and DOCX show it: without the evidence annex unless
    ``outputs.evidence`` is ``annex`` (the HTML keeps it unless ``off``)."""
    if evidence == "annex" or not brief.has_evidence:
        return brief
    return dataclasses.replace(
        brief,
        sections=[v for v in brief.sections if v.type != "evidence"],
        has_evidence=False,
    )


def _period(since: dt.date | None, until: dt.date | None) -> str | None:
    if since and until:
        return f"{format_date(since.isoformat())} to {format_date(until.isoformat())}"
    if since:
        return f"since {format_date(since.isoformat())}"
    if until:
        return f"until {format_date(until.isoformat())}"
    return None


def _cited_only(views: Sequence[SectionView], sources: list[Source]) -> list[Source]:
    """The sources the items shown cite, renumbered 1, 2, … in document order; every
    item's citations follow.  A brief over a thousand documents lists what it cites,
    not everything read (the method note counts the rest; extraction.json lists them)."""
    items = {id(it): it for view in views for it in _all_items(view)}.values()
    used = sorted({c.n for it in items for c in it.citations})
    new = {old: i for i, old in enumerate(used, 1)}
    for it in items:
        it.cites = [new[n] for n in it.cites]
        for c in it.citations:
            c.n = new[c.n]
    kept = [s for s in sources if s.n in new]
    for s in kept:
        s.n = new[s.n]
    return kept


def _all_items(view: SectionView) -> list[Item]:
    out = list(view.items)
    for g in [*view.groups, *view.notes, *(g for side in view.sides for g in side.groups)]:
        out.extend(g.items)
    return out


def _number_evidence(views: Sequence[SectionView]) -> None:
    """Number every item with a source sentence (E1, E2, … in section order) and fill the
    evidence sections with them, grouped by section."""
    notes: list[Group] = []
    ref = 0
    for view in views:
        if view.type in ("evidence", "sources", "text", "actors"):
            continue
        group = Group(title=view.title)
        for it in view.items:
            if any(c.sentence for c in it.citations):
                ref += 1
                it.ref = ref
                group.items.append(it)
        if group.items:
            notes.append(group)
    for view in views:
        if view.type == "evidence":
            view.notes = notes


def _by_actor(items: Sequence[Item]) -> list[Group]:
    """Items grouped by speaker, most items first; unattributed last."""
    groups: dict[str, Group] = {}
    for it in items:
        title = it.actor or "Unattributed"
        groups.setdefault(title, Group(title=title, side=it.side)).items.append(it)
    return sorted(groups.values(), key=lambda g: (g.title == "Unattributed", -len(g.items)))


CHANGES_SECTION = "new_this_week"


def _changes_view(ext: Extraction, item: Any, limit: int) -> SectionView:
    """The "New this week" box: new actors, new events, new and dropped questions.

    ``items`` carry a self-describing text ("New actor: …") for plain renderers such as
    the Word template; ``groups`` hold the same entries by kind for the HTML box.
    """
    ch = ext.changes or {}
    view = SectionView(id=CHANGES_SECTION, type=CHANGES_SECTION, title="New this week")
    actors = {a.name: a for a in ext.actors}
    events = {(e.date, e.text): e for e in ext.timeline}
    asked = {q.text: q for q in ext.open_questions}
    groups: list[Group] = []

    new_actors = [actors[n] for n in ch.get("new_actors") or [] if n in actors]
    if new_actors:
        groups.append(Group(title="New actors", items=[
            item(a.name, a.sources, a.evidence, kind=a.kind, role=a.role) for a in new_actors
        ]))
    new_events = [events[k] for k in ((e.get("date"), e.get("text")) for e in ch.get("new_events") or [])
                  if k in events]
    if new_events:
        groups.append(Group(title="New events", items=[
            item(e.text, e.sources, e.evidence, date=e.date, precision=e.precision,
                 date_label=format_date(e.date, e.precision), planned=e.planned)
            for e in new_events
        ]))
    new_questions = [asked[t] for t in ch.get("new_questions") or [] if t in asked]
    if new_questions:
        groups.append(Group(title="New open questions", items=[
            item(q.text, q.sources, q.evidence) for q in new_questions
        ]))
    dropped = list(ch.get("dropped_questions") or [])
    if dropped:
        groups.append(Group(title="No longer raised", items=[Item(text=t) for t in dropped]))

    for g in groups:
        if len(g.items) > limit:
            more = len(g.items) - limit
            g.items = [*g.items[:limit], Item(text=f"… and {more} more (flagged in the extraction JSON)")]

    labels = {"New actors": "New actor", "New events": "New event",
              "New open questions": "New question", "No longer raised": "No longer raised"}
    for g in groups:
        for it in g.items:
            when = f" ({it.date_label})" if it.date_label else ""
            text = it.text if it.text.startswith("…") else f"{labels[g.title]}{when}: {it.text}"
            view.items.append(dataclasses.replace(it, text=text))
    view.groups = groups
    if not ch.get("compared_with"):
        view.text = "No earlier weekly brief to compare with."
    elif not groups:
        view.text = f"Nothing new since the brief for {ch['compared_with']}."
    else:
        view.text = f"Compared with the brief for {ch['compared_with']}."
    if not view.items:
        view.items.append(Item(text=view.text))
    return view


def _default_title(sec: Section) -> str:
    return {
        "summary": "Bottom line",
        "actors": "Key actors",
        "timeline": "Timeline",
        "positions": "Positions",
        "open_questions": "Open questions",
        "sources": "Sources",
        "evidence": "Evidence",
        "text": "",
    }[sec.type]


def _sources(documents: Sequence[dict[str, Any]]) -> tuple[list[Source], dict[str, int], dict[str, str]]:
    kept = [d for d in documents if not d.get("duplicate_of")]
    sources: list[Source] = []
    cite_of: dict[str, int] = {}
    publisher_of: dict[str, str] = {}
    for n, d in enumerate(kept, 1):
        sources.append(
            Source(n=n, id=d["id"], title=d.get("title"), publisher=d.get("publisher"),
                   author=d.get("author"), date=d.get("date"), url=d.get("url"))
        )
        cite_of[d["id"]] = n
        publisher_of[d["id"]] = (d.get("publisher") or d["id"]).casefold()
    by_id = {s.id: s for s in sources}
    for d in documents:
        orig = d.get("duplicate_of")
        if orig and orig in by_id:
            by_id[orig].duplicates.append(d["id"])
            by_id[orig].copies.append(Copy(id=d["id"], publisher=d.get("publisher"), url=d.get("url")))
            cite_of[d["id"]] = cite_of[orig]
            publisher_of[d["id"]] = publisher_of[orig]
    return sources, cite_of, publisher_of
