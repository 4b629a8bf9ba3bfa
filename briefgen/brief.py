"""The ``Brief``: what templates see.  Built from an extraction and the config's sections.

This is the documented contract with template authors: every field has a help text
(``docs/templates.md`` is generated from it), and a test fails if one is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from briefgen import __version__
from briefgen.config import BriefConfig, Section
from briefgen.models import Extraction


def _f(help: str, **kw: Any) -> Any:
    return field(metadata={"help": help}, **kw)


@dataclass
class Item:
    """One entry of a section: an actor, an event, a position, a question or a sentence."""

    text: str = _f("the item's main text (name for an actor, quote for a position)")
    cites: list[int] = _f("source numbers [n] in the sources list", default_factory=list)
    evidence: list[str] = _f("source sentences the item was drawn from", default_factory=list)
    single_source: bool = _f("true when only one outlet supports the item", default=False)
    date: str | None = _f("timeline: the date, YYYY, YYYY-MM or YYYY-MM-DD", default=None)
    date_label: str | None = _f("timeline: the date formatted at its precision", default=None)
    precision: str | None = _f("timeline: year, month or day", default=None)
    planned: bool = _f("timeline: a future or planned event", default=False)
    conflict: list[str] = _f("timeline: other dates sources give", default_factory=list)
    actor: str | None = _f("positions: the speaker's canonical name, or None", default=None)
    kind: str | None = _f("actors: person/organization/country/group; positions: quote/reported", default=None)
    role: str | None = _f("actors: title or function", default=None)
    aliases: list[str] = _f("actors: other names merged into this one", default_factory=list)
    mentions: int = _f("actors: number of mentions", default=0)
    n_sources: int = _f("number of distinct sources", default=0)
    side: str | None = _f("positions: the speaker's side (config `sides`, else a country)", default=None)
    stance: str | None = _f("positions: supportive, sceptical or neutral toward the topic terms", default=None)


@dataclass
class Group:
    """A titled group of items (positions by actor)."""

    title: str = _f("group heading, e.g. the speaker's name")
    side: str | None = _f("positions: the side of the group's speaker", default=None)
    items: list[Item] = _f("the group's items", default_factory=list)


@dataclass
class SectionView:
    """One configured section, filled."""

    id: str = _f("the section id (config `id`, else its type)")
    type: str = _f("summary, actors, timeline, positions, open_questions, sources or text")
    title: str = _f("the section heading")
    items: list[Item] = _f("the section's items, in order", default_factory=list)
    groups: list[Group] = _f("positions: items grouped by actor", default_factory=list)
    text: str | None = _f("text sections: the fixed prose from config", default=None)


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


@dataclass
class Method:
    """The method note's figures."""

    documents_read: int = _f("documents read")
    duplicates: int = _f("documents set aside as duplicates")
    date_from: str | None = _f("earliest document date", default=None)
    date_to: str | None = _f("latest document date", default=None)


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
    generated_at: str = _f("generation time, ISO 8601", default="")
    version: str = _f("briefgen version", default=__version__)
    logo: str | None = _f("logo file path, when configured", default=None)
    sections: list[SectionView] = _f("the configured sections, in order", default_factory=list)
    sources: list[Source] = _f("the numbered sources list", default_factory=list)
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
        return Item(
            text=text,
            cites=cites(ids),
            evidence=[e.sentence for e in evidence],
            n_sources=n,
            single_source=n <= 1,
            **kw,
        )

    views = []
    for sec in cfg.sections:
        view = SectionView(id=sec.key, type=sec.type, title=sec.title or _default_title(sec))
        lim = sec.limit
        if sec.type == "summary":
            view.items = [item(s.text, s.sources, s.evidence) for s in ext.summary[:lim]]
        elif sec.type == "actors":
            actors = [a for a in ext.actors if not sec.kinds or a.kind in sec.kinds]
            view.items = [
                item(a.name, a.sources, a.evidence, kind=a.kind, role=a.role,
                     aliases=list(a.aliases), mentions=a.mentions)
                for a in actors[:lim]
            ]
        elif sec.type == "timeline":
            view.items = [
                item(e.text, e.sources, e.evidence, date=e.date, precision=e.precision,
                     date_label=format_date(e.date, e.precision), planned=e.planned,
                     conflict=list(e.conflict))
                for e in ext.timeline[:lim]
            ]
        elif sec.type == "positions":
            positions = ext.positions[:lim]
            view.items = [
                item(p.text, p.sources, p.evidence, actor=p.actor, kind=p.kind,
                     side=p.side, stance=p.stance)
                for p in positions
            ]
            groups: dict[str, Group] = {}
            for it in view.items:
                title = it.actor or "Unattributed"
                groups.setdefault(title, Group(title=title, side=it.side)).items.append(it)
            # speakers of one side stay together; sides in order of first appearance
            side_rank: dict[str | None, int] = {}
            for g in groups.values():
                side_rank.setdefault(g.side, len(side_rank))
            view.groups = sorted(
                groups.values(),
                key=lambda g: (g.title == "Unattributed", g.side is None, side_rank[g.side], -len(g.items)),
            )
        elif sec.type == "open_questions":
            view.items = [item(q.text, q.sources, q.evidence) for q in ext.open_questions[:lim]]
        elif sec.type == "text":
            view.text = sec.text or ""
        views.append(view)

    dates = sorted(d["date"] for d in ext.documents if d.get("date"))
    brief_meta = ext.brief or {}
    return Brief(
        title=brief_meta.get("title") or cfg.title,
        subtitle=cfg.subtitle if cfg.subtitle is not None else brief_meta.get("subtitle"),
        organisation=cfg.organisation,
        author=cfg.author or cfg.organisation,
        classification=cfg.classification,
        language=cfg.language,
        date=now.strftime("%-d %B %Y"),
        generated_at=now.isoformat(timespec="seconds"),
        logo=str(cfg.resolve(cfg.logo)) if cfg.logo else None,
        sections=views,
        sources=sources,
        method=Method(
            documents_read=len(ext.documents),
            duplicates=sum(1 for d in ext.documents if d.get("duplicate_of")),
            date_from=dates[0] if dates else None,
            date_to=dates[-1] if dates else None,
        ),
    )


def _default_title(sec: Section) -> str:
    return {
        "summary": "Bottom line",
        "actors": "Key actors",
        "timeline": "Timeline",
        "positions": "Positions",
        "open_questions": "Open questions",
        "sources": "Sources",
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
            cite_of[d["id"]] = cite_of[orig]
            publisher_of[d["id"]] = publisher_of[orig]
    return sources, cite_of, publisher_of
