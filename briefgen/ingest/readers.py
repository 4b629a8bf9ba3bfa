"""Readers: one function per file format, each returning raw document records.

A reader takes a path and returns a list of ``RawDoc`` (a feed or JSON-lines file holds
several).  Decoding problems raise ``UnreadableFile``; the loader skips such a file
with one warning.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefgen import yamlsafe
from briefgen.errors import IngestError
from briefgen.ingest.decode import UnreadableFile, decode

__all__ = ["READERS", "RawDoc", "UnreadableFile", "decode"]

log = logging.getLogger(__name__)


@dataclass
class RawDoc:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    suffix: str = ""  # distinguishes several documents of one file ("#2")


# metadata keys as writers spell them, by the field they fill
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "publish_date", "published_at", "datetime"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "publisher": ("publisher", "site", "sitename", "site_name", "source", "outlet"),
    "author": ("author", "authors", "byline"),
}
TEXT_KEYS = ("text", "content", "body", "article")


def pick_meta(record: dict[str, Any]) -> dict[str, Any]:
    """The known metadata fields of a record, under their canonical names."""
    meta: dict[str, Any] = {}
    for name, keys in META_KEYS.items():
        for key in keys:
            value = record.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value if v)
            if isinstance(value, dict):
                value = value.get("name")
            if value not in (None, ""):
                meta[name] = value
                break
    return meta


def read_text_file(path: Path, data: bytes) -> list[RawDoc]:
    return [RawDoc(text=decode(data))]


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def read_markdown(path: Path, data: bytes) -> list[RawDoc]:
    text = decode(data).replace("\r\n", "\n")
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yamlsafe.load(m.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 2}" if mark else str(path)
            problem = getattr(exc, "problem", None) or exc
            hint = "" if isinstance(exc, yamlsafe.YAMLSafetyError) else " (quote values that hold ':')"
            log.warning("%s: front matter ignored: YAML error: %s%s", where, problem, hint)
            loaded = None
        if isinstance(loaded, dict):
            meta = pick_meta(loaded)
        text = text[m.end() :]
    return [RawDoc(text=text, meta=meta)]


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise IngestError(
            f"cannot read HTML: trafilatura does not import ({exc}); "
            "run: pip install trafilatura lxml_html_clean"
        ) from None
    return trafilatura


def read_html(path: Path, data: bytes) -> list[RawDoc]:
    trafilatura = _trafilatura()
    page = decode(data)
    text = trafilatura.extract(page, include_comments=False, include_tables=False) or ""
    meta_obj = trafilatura.extract_metadata(page)
    meta: dict[str, Any] = {}
    if meta_obj is not None:
        m = meta_obj.as_dict()
        meta = {
            "title": m.get("title"),
            "author": m.get("author"),
            "publisher": m.get("sitename"),
            "url": m.get("url"),
            "date": m.get("date"),
        }
    if not text.strip():
        raise UnreadableFile("no article text found in the HTML")
    return [RawDoc(text=text, meta=meta)]


def read_json(path: Path, data: bytes) -> list[RawDoc]:
    text = decode(data)
    if path.suffix.lower() == ".jsonl":
        records = _json_lines(path, text)
    else:
        try:
            loaded = _json_value(text)
        except ValueError as exc:
            raise UnreadableFile(f"invalid JSON: {exc}") from None
        records = loaded if isinstance(loaded, list) else [loaded]
    docs = []
    for i, rec in enumerate(records):
        if not isinstance(rec, dict):
            continue
        body = next(
            (rec[k] for k in TEXT_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), ""
        )
        if not body:
            continue
        docs.append(RawDoc(text=body, meta=pick_meta(rec), suffix=f"#{i + 1}"))
    if len(docs) == 1:
        docs[0].suffix = ""
    return docs


def _json_lines(path: Path, text: str) -> list[Any]:
    """One record per line; a bad line is skipped with a warning naming it."""
    records: list[Any] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(_json_value(line))
        except ValueError as exc:
            log.warning("%s:%d: skipped: invalid JSON: %s", path, n, getattr(exc, "msg", exc))
            records.append(None)
    return records


def _json_value(text: str) -> Any:
    """``json.loads``, with nesting too deep to parse and numbers over Python's digit
    limit reported as ``ValueError`` like any other invalid JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    except ValueError:  # Python refuses int() of more than 4,300 digits
        raise ValueError("a number has too many digits to read") from None


def read_feed(path: Path, data: bytes) -> list[RawDoc]:
    import feedparser

    if not data.strip():
        raise UnreadableFile("the file is empty")
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise UnreadableFile(f"not a readable feed: {parsed.get('bozo_exception')}")
    publisher = parsed.feed.get("title")
    docs = []
    for i, entry in enumerate(parsed.entries):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        body = _strip_tags(body)
        if not body.strip():
            continue
        date = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            date = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
        meta = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "author": entry.get("author"),
            "publisher": publisher,
            "date": date,
        }
        docs.append(RawDoc(text=body, meta=meta, suffix=f"#{i + 1}"))
    return docs


_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def _strip_tags(fragment: str) -> str:
    """Plain text from a feed entry's HTML: block ends become line breaks."""
    if "<" not in fragment:
        return html.unescape(fragment)
    text = _BLOCK_TAG.sub("\n", fragment)
    text = _TAG.sub("", text)
    return "\n".join(line.strip() for line in html.unescape(text).splitlines())


READERS: dict[str, Callable[[Path, bytes], list[RawDoc]]] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_json,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
