"""Typed records passed between the stages: ingest → extract → render.

``Article`` is what ingestion produces.  ``Actor``, ``Event``, ``Position``,
``Question`` and ``SummaryItem`` are what the extractors produce.  ``Extraction``
bundles them and is (de)serialised as the ``briefgen.extraction/1`` JSON contract
(see ``docs/extraction.md`` and ``briefgen/schema/extraction.schema.json``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SCHEMA_ID = "briefgen.extraction/1"

ActorKind = Literal["person", "organization", "country", "group"]
Precision = Literal["year", "month", "day"]


@dataclass
class Article:
    """One ingested document, cleaned, with its metadata."""

    id: str
    path: str
    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    date: dt.date | None = None
    date_source: Literal["metadata", "text", "path"] | None = None
    duplicate_of: str | None = None

    def to_record(self) -> dict[str, Any]:
        """The document entry of the extraction contract (without the text)."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "url": self.url,
            "date": self.date.isoformat() if self.date else None,
            "date_source": self.date_source,
            "duplicate_of": self.duplicate_of,
        }


@dataclass
class Evidence:
    """The sentence of one document that an item was drawn from."""

    doc: str
    sentence: str


@dataclass
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: int = 0
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    # the country whose side a person or body is on, when its name or role says so
    # ("U.S. State Department", "Egyptian vice president")
    side: str | None = None


@dataclass
class Event:
    date: str
    precision: Precision
    text: str
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    planned: bool = False
    conflict: list[str] = field(default_factory=list)
    key: bool = False  # one of the story's key events (the timeline a journalist would draw)
    background: bool = False  # dated well before the corpus window: context, not this story
    salience: float = 0.0  # 0-1: how much of the corpus refers to this event and its date


@dataclass
class Position:
    actor: str | None
    kind: Literal["quote", "reported"]
    text: str
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    side: str | None = None
    stance: Literal["supportive", "sceptical", "neutral"] | None = None


@dataclass
class Question:
    text: str
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SummaryItem:
    text: str
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one corpus: the ``briefgen.extraction/1`` contract."""

    generated_at: str
    brief: dict[str, Any]
    documents: list[dict[str, Any]]
    actors: list[Actor] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    open_questions: list[Question] = field(default_factory=list)
    summary: list[SummaryItem] = field(default_factory=list)
    schema: str = SCHEMA_ID
    # what is new since an earlier extraction (weekly briefs); see docs/extraction.md
    changes: dict[str, Any] | None = None
    # records of the section types added through the registry (briefgen.extract.registry),
    # by section type, as plain dicts
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in the contract's stable key order."""
        data = {
            "schema": self.schema,
            "generated_at": self.generated_at,
            "brief": self.brief,
            "documents": self.documents,
            "actors": [asdict(a) for a in self.actors],
            "timeline": [asdict(e) for e in self.timeline],
            "positions": [asdict(p) for p in self.positions],
            "open_questions": [asdict(q) for q in self.open_questions],
            "summary": [asdict(s) for s in self.summary],
        }
        if self.sections:
            data["sections"] = self.sections
        if self.changes is not None:
            data["changes"] = self.changes
            _flag_new(data, self.changes)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild from a contract dict (already schema-validated)."""
        return cls(
            schema=data["schema"],
            generated_at=data["generated_at"],
            brief=dict(data.get("brief") or {}),
            documents=list(data.get("documents") or []),
            actors=[_record(Actor, a) for a in data.get("actors") or []],
            timeline=[_record(Event, e) for e in data.get("timeline") or []],
            positions=[_record(Position, p) for p in data.get("positions") or []],
            open_questions=[_record(Question, q) for q in data.get("open_questions") or []],
            summary=[_record(SummaryItem, s) for s in data.get("summary") or []],
            changes=data.get("changes"),
            sections={k: list(v) for k, v in (data.get("sections") or {}).items()},
        )


def _flag_new(data: dict[str, Any], changes: dict[str, Any]) -> None:
    """Mark each actor, event and open question ``new: true|false`` from ``changes``."""
    names = set(changes.get("new_actors") or [])
    events = {(e.get("date"), e.get("text")) for e in changes.get("new_events") or []}
    asked = set(changes.get("new_questions") or [])
    for a in data["actors"]:
        a["new"] = a["name"] in names
    for e in data["timeline"]:
        e["new"] = (e["date"], e["text"]) in events
    for q in data["open_questions"]:
        q["new"] = q["text"] in asked


def _record(kind: type, data: dict[str, Any]) -> Any:
    """Build a record dataclass from a dict, ignoring unknown keys."""
    known = {f.name for f in fields(kind)}
    values = {k: v for k, v in data.items() if k in known}
    if "evidence" in values:
        values["evidence"] = [
            Evidence(doc=e.get("doc", ""), sentence=e.get("sentence", ""))
            for e in values["evidence"] or []
        ]
    return kind(**values)
