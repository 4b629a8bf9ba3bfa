"""The ``Brief``: what templates see, the documented contract with template authors.

Every field has a help text (``docs/templates.md`` is generated from it), and a test
fails if one is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from briefgen import __version__


def _f(help: str, **kw: Any) -> Any:
    return field(metadata={"help": help}, **kw)


@dataclass
class Citation:
    """One source cited by an item, with the sentence the item was drawn from there."""

    n: int = _f("the source's number in the sources list; link to #src-<n>")
    sentence: str | None = _f(
        "the source sentence (evidence), when the extraction kept it", default=None
    )


@dataclass
class Item:
    """One entry of a section: an actor, an event, a position, a question or a sentence."""

    text: str = _f("the item's main text (name for an actor, quote for a position)")
    ref: int | None = _f(
        "the item's number in the evidence annex (E<ref>, anchor #ev-<ref>); None without evidence or annex",
        default=None,
    )
    cites: list[int] = _f(
        "source numbers [n] in the sources list (at most `outputs.max_citations`)",
        default_factory=list,
    )
    citations: list[Citation] = _f(
        "one entry per cited source: its number and evidence sentence", default_factory=list
    )
    more_sources: int = _f(
        "further sources supporting the item, not cited (over `outputs.max_citations`)", default=0
    )
    evidence: list[str] = _f("source sentences the item was drawn from", default_factory=list)
    single_source: bool = _f(
        "true when only one outlet (publisher) supports the item", default=False
    )
    date: str | None = _f("timeline: the date, YYYY, YYYY-MM or YYYY-MM-DD", default=None)
    date_label: str | None = _f("timeline: the date formatted at its precision", default=None)
    precision: str | None = _f("timeline: year, month or day", default=None)
    planned: bool = _f("timeline: a future or planned event", default=False)
    conflict: list[str] = _f(
        "timeline: other dates sources give (the first few, each once)", default_factory=list
    )
    actor: str | None = _f("positions: the speaker's canonical name, or None", default=None)
    kind: str | None = _f(
        "actors: person/organization/country/group; positions: quote/reported", default=None
    )
    role: str | None = _f("actors: title or function", default=None)
    aliases: list[str] = _f(
        "actors: other names merged into this one (the first few; the extraction lists all)",
        default_factory=list,
    )
    mentions: int = _f("actors: number of mentions", default=0)
    n_sources: int = _f("number of distinct outlets (publishers) supporting the item", default=0)
    n_documents: int = _f(
        "number of documents supporting the item (at least `n_sources`)", default=0
    )
    side: str | None = _f(
        "positions: the speaker's side (config `sides`, else a country)", default=None
    )
    stance: str | None = _f(
        "positions: supportive, sceptical or neutral toward the topic terms", default=None
    )
    also: list[str] = _f(
        "positions: the same speaker's other statements on the same topic", default_factory=list
    )


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
    sides: list[Side] = _f(
        "positions: groups by side, then by actor; one untitled side when no sides are known",
        default_factory=list,
    )
    text: str | None = _f("text sections: the fixed prose from config", default=None)
    notes: list[Group] = _f(
        "evidence: per section (title), its items that have evidence, numbered by `ref`",
        default_factory=list,
    )
    background: list[Item] = _f(
        "timeline: at most five background events (well before the corpus window), the most referenced, in date order",
        default_factory=list,
    )
    left_out: int = _f(
        "items the extraction holds that the section does not show (its limit or the length budget)",
        default=0,
    )


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
    duplicates: list[str] = _f(
        "ids of copies of this article that were set aside", default_factory=list
    )
    copies: list[Copy] = _f(
        "the copies set aside, with their publisher and URL", default_factory=list
    )


@dataclass
class Method:
    """The method note's figures."""

    documents_read: int = _f("documents read")
    duplicates: int = _f("documents set aside as duplicates")
    date_from: str | None = _f("earliest document date", default=None)
    date_to: str | None = _f("latest document date", default=None)
    uncited: int = _f(
        "documents read (duplicates aside) that no item shown cites, so not in the sources list",
        default=0,
    )
    left_out: list[str] = _f(
        "per section that shows fewer items than extracted: e.g. '120 of 160 timeline events'",
        default_factory=list,
    )
    budget_pages: int | None = _f(
        "the length budget: A4 pages of the body (`outputs.body_pages`)", default=None
    )


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
    period: str | None = _f(
        "the period covered, from the config's window, e.g. 1 April 2023 to 30 April 2023",
        default=None,
    )
    generated_at: str = _f("generation time, ISO 8601", default="")
    version: str = _f("briefgen version", default=__version__)
    logo: str | None = _f("logo file path, when configured", default=None)
    sections: list[SectionView] = _f("the configured sections, in order", default_factory=list)
    sources: list[Source] = _f("the numbered sources list", default_factory=list)
    has_evidence: bool = _f(
        "true when an evidence annex is configured, so items link to it", default=False
    )
    inferred: list[str] = _f(
        "what was inferred from the articles, not set in the config: title, subtitle, sides",
        default_factory=list,
    )
    method: Method = _f("figures for the method note", default_factory=lambda: Method(0, 0))


def format_date(value: str | None, precision: str | None = None) -> str:
    """'2023-04-15' → '15 April 2023'; '2023-04' → 'April 2023'; '2023' → '2023'.  Text
    after the date ("2023-04-15 (doc.txt)", a timeline conflict) is left out."""
    if not value:
        return ""
    value = value.split()[0]
    parts = value.split("-")
    try:
        if len(parts) == 3 and precision in (None, "day"):
            return dt.date.fromisoformat(value).strftime("%-d %B %Y")
        if len(parts) >= 2 and precision in (None, "day", "month"):
            return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    except ValueError:
        return value
    return parts[0]
