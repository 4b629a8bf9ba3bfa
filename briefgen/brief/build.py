"""Build the :class:`~briefgen.brief.model.Brief` from an extraction and the config's
sections: each section is filled by its type's view (:mod:`briefgen.brief.registry`),
then the evidence is numbered, the sources are cut to what the items cite and the
method note is counted."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from briefgen import budget
from briefgen.brief import registry
from briefgen.brief.model import (
    Brief,
    Citation,
    Copy,
    Group,
    Item,
    Method,
    SectionView,
    Source,
    format_date,
)
from briefgen.brief.views import ViewContext
from briefgen.config import BriefConfig
from briefgen.extract.summary import framing as framing
from briefgen.models import Extraction


def build_brief(ext: Extraction, cfg: BriefConfig, now: dt.datetime | None = None) -> Brief:
    """Fill the configured sections from an extraction."""
    now = now or dt.datetime.now(dt.UTC)
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
            n_documents=len(set(ids)),
            single_source=n <= 1,
            **kw,
        )

    framed = _framing(ext, cfg)
    sides = dict(cfg.sides) or (framed.sides if framed else {})
    reserved = _changes_mm(ext, cfg.weekly.new_limit) if ext.changes is not None else 0.0
    limits = budget.plan(cfg.sections, ext, cfg.outputs.body_pages, reserved).limits
    ctx = ViewContext(ext=ext, cfg=cfg, item=item, sides=sides)
    views = []
    for sec in cfg.sections:
        kind = registry.get(sec.type)
        view = SectionView(id=sec.key, type=sec.type, title=sec.title or kind.title)
        if kind.view is not None:
            kind.view(view, sec, ctx, limits.get(sec.key, sec.limit))
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
    needs_title = "title" not in cfg.model_fields_set and meta_title in (
        None,
        framing.DEFAULT_TITLE,
    )
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
    """Every item a view shows: its items, the timeline's background, and the items of
    its groups, notes and sides (all of them cite sources the list must hold)."""
    out = [*view.items, *view.background]
    for g in [*view.groups, *view.notes, *(g for side in view.sides for g in side.groups)]:
        out.extend(g.items)
    return out


def _number_evidence(views: Sequence[SectionView]) -> None:
    """Number every item with a source sentence (E1, E2, … in section order) and fill the
    evidence sections with them, grouped by section."""
    notes: list[Group] = []
    ref = 0
    for view in views:
        if view.type not in registry.REGISTRY or not registry.get(view.type).annexed:
            continue
        group = Group(title=view.title)
        for it in [*view.items, *view.background]:
            if any(c.sentence for c in it.citations):
                ref += 1
                it.ref = ref
                group.items.append(it)
        if group.items:
            notes.append(group)
    for view in views:
        if view.type == "evidence":
            view.notes = notes


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
        groups.append(
            Group(
                title="New actors",
                items=[
                    item(a.name, a.sources, a.evidence, kind=a.kind, role=a.role)
                    for a in new_actors
                ],
            )
        )
    new_events = [
        events[k]
        for k in ((e.get("date"), e.get("text")) for e in ch.get("new_events") or [])
        if k in events
    ]
    if new_events:
        groups.append(
            Group(
                title="New events",
                items=[
                    item(
                        e.text,
                        e.sources,
                        e.evidence,
                        date=e.date,
                        precision=e.precision,
                        date_label=format_date(e.date, e.precision),
                        planned=e.planned,
                    )
                    for e in new_events
                ],
            )
        )
    new_questions = [asked[t] for t in ch.get("new_questions") or [] if t in asked]
    if new_questions:
        groups.append(
            Group(
                title="New open questions",
                items=[item(q.text, q.sources, q.evidence) for q in new_questions],
            )
        )
    dropped = list(ch.get("dropped_questions") or [])
    if dropped:
        groups.append(Group(title="No longer raised", items=[Item(text=t) for t in dropped]))

    for g in groups:
        if len(g.items) > limit:
            more = len(g.items) - limit
            g.items = [
                *g.items[:limit],
                Item(text=f"… and {more} more (flagged in the extraction JSON)"),
            ]

    labels = {
        "New actors": "New actor",
        "New events": "New event",
        "New open questions": "New question",
        "No longer raised": "No longer raised",
    }
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


def _sources(
    documents: Sequence[dict[str, Any]],
) -> tuple[list[Source], dict[str, int], dict[str, str]]:
    kept = [d for d in documents if not d.get("duplicate_of")]
    sources: list[Source] = []
    cite_of: dict[str, int] = {}
    publisher_of: dict[str, str] = {}
    for n, d in enumerate(kept, 1):
        sources.append(
            Source(
                n=n,
                id=d["id"],
                title=_listed_title(d.get("title")),
                publisher=d.get("publisher"),
                author=d.get("author"),
                date=d.get("date"),
                url=d.get("url"),
            )
        )
        cite_of[d["id"]] = n
        publisher_of[d["id"]] = (d.get("publisher") or d["id"]).casefold()
    by_id = {s.id: s for s in sources}
    for d in documents:
        orig = d.get("duplicate_of")
        if orig and orig in by_id:
            by_id[orig].duplicates.append(d["id"])
            by_id[orig].copies.append(
                Copy(id=d["id"], publisher=d.get("publisher"), url=d.get("url"))
            )
            cite_of[d["id"]] = cite_of[orig]
            publisher_of[d["id"]] = publisher_of[orig]
    return sources, cite_of, publisher_of


def _listed_title(title: str | None) -> str | None:
    """A title as the sources list prints it, before ", <date>.": without its own final
    full stop ("… spreading., 29 April" reads as a typo)."""
    if not title:
        return title
    return title[:-1].rstrip() if title.endswith(".") and not title.endswith("..") else title
