"""Readers: one function per file format, each returning raw document records.

A reader takes a path and returns a list of ``RawDoc`` (a feed or JSON-lines file holds
several).  Decoding problems raise ``UnreadableFile``; the loader skips such a file
with one warning.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class UnreadableFile(Exception):
    """The file cannot be decoded or parsed as its format."""


@dataclass
class RawDoc:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    suffix: str = ""  # distinguishes several documents of one file ("#2")


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16, else a detected charset."""
    if not data.strip():
        raise UnreadableFile("file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise UnreadableFile("binary or undecodable content") from None
        text = str(best)
    if "\x00" in text[:4096]:
        raise UnreadableFile("binary content")
    return text


def read_text_file(path: Path, data: bytes) -> list[RawDoc]:
    return [RawDoc(text=decode(data))]


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def read_markdown(path: Path, data: bytes) -> list[RawDoc]:
    text = decode(data)
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            raise UnreadableFile(f"bad YAML front matter: {exc}") from None
        if isinstance(loaded, dict):
            meta = loaded
        text = text[m.end():]
    return [RawDoc(text=text, meta=meta)]


def read_html(path: Path, data: bytes) -> list[RawDoc]:
    import trafilatura

    html = decode(data)
    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta_obj = trafilatura.extract_metadata(html)
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
    try:
        if path.suffix.lower() == ".jsonl":
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            loaded = json.loads(text)
            records = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"invalid JSON: {exc}") from None
    docs = []
    for i, rec in enumerate(records):
        if not isinstance(rec, dict) or not str(rec.get("text") or "").strip():
            continue
        meta = {k: rec.get(k) for k in ("title", "date", "url", "publisher", "author")}
        docs.append(RawDoc(text=str(rec["text"]), meta=meta, suffix=f"#{i + 1}"))
    if len(docs) == 1:
        docs[0].suffix = ""
    return docs


def read_feed(path: Path, data: bytes) -> list[RawDoc]:
    import feedparser

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


def _strip_tags(html: str) -> str:
    if "<" not in html:
        return html
    import trafilatura

    extracted = trafilatura.extract(f"<html><body>{html}</body></html>")
    if extracted:
        return extracted
    return re.sub(r"<[^>]+>", " ", html)


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
