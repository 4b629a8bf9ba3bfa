"""The weekly state, kept in each week's ``manifest.json``: no database, no daemon.

A week is up to date when its manifest's ``key`` equals the key of the present inputs
(document contents and metadata, config, template overrides, briefgen version, and the
previous week's extraction the changes are computed against) and every output it lists
still exists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from briefgen.atomic import write_text_atomic
from briefgen.errors import UsageError
from briefgen.models import Article
from briefgen.weekly.window import Week, parse_week

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = "briefgen.weekly-manifest/1"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def extraction_hash(path: Path) -> str | None:
    """The hash of an extraction's content, ignoring when it was generated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return sha256_file(path)
    if isinstance(data, dict):
        data.pop("generated_at", None)
    return sha256_bytes(json.dumps(data, sort_keys=True).encode("utf-8"))


def input_record(article: Article, role: str) -> dict[str, Any]:
    """One manifest input: the document's metadata, its role, and its text's hash.

    The hash is taken over the cleaned text, so a feed file with several entries gives
    each entry its own hash.
    """
    rec = article.to_record()
    rec["role"] = role
    rec["sha256"] = sha256_bytes(article.text.encode("utf-8"))
    return rec


def tree_hash(folder: Path | None) -> str | None:
    """One hash over every file's name and contents under ``folder`` (template overrides)."""
    if folder is None or not folder.is_dir():
        return None
    h = hashlib.sha256()
    for p in sorted(q for q in folder.rglob("*") if q.is_file()):
        h.update(p.relative_to(folder).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def run_key(parts: dict[str, Any]) -> str:
    """A stable hash of everything that decides a week's outputs."""
    return sha256_bytes(json.dumps(parts, sort_keys=True, default=str).encode("utf-8"))


def read_manifest(week_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((week_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA else None


def write_manifest(week_dir: Path, manifest: dict[str, Any]) -> Path:
    target = week_dir / MANIFEST_NAME
    write_text_atomic(target, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return target


def forget(week_dir: Path) -> None:
    """Drop the manifest before rebuilding, so a run that fails half-way is redone next time."""
    (week_dir / MANIFEST_NAME).unlink(missing_ok=True)


def up_to_date(manifest: dict[str, Any] | None, key: str, week_dir: Path) -> bool:
    if not manifest or manifest.get("key") != key:
        return False
    return all((week_dir / o["file"]).is_file() for o in manifest.get("outputs") or [])


def output_records(week_dir: Path, paths: Iterable[Path]) -> list[dict[str, Any]]:
    return [{"file": p.relative_to(week_dir).as_posix(), "sha256": sha256_file(p)} for p in paths]


def week_dirs(brief_dir: Path) -> list[tuple[Week, Path]]:
    """Every week folder of a brief, oldest first."""
    found = []
    if brief_dir.is_dir():
        for d in brief_dir.iterdir():
            if not d.is_dir():
                continue
            try:
                found.append((parse_week(d.name), d))
            except UsageError:  # not a week folder
                continue
    return sorted(found, key=lambda wd: (wd[0].year, wd[0].week))


def previous_extraction(
    brief_dir: Path, week: Week, extraction_name: str
) -> tuple[Week, Path] | None:
    """The latest earlier week of this brief that has an extraction (and a manifest)."""
    earlier = [
        (w, d)
        for w, d in week_dirs(brief_dir)
        if (w.year, w.week) < (week.year, week.week)
        and (d / extraction_name).is_file()
        and read_manifest(d) is not None
    ]
    if not earlier:
        return None
    w, d = earlier[-1]
    return w, d / extraction_name


def inputs_changed(old: dict[str, Any] | None, new: Sequence[dict[str, Any]]) -> list[str]:
    """Short human lines saying which inputs differ from the last manifest (for the log)."""
    if not old:
        return []
    before = {i["id"]: i.get("sha256") for i in old.get("inputs") or []}
    now = {i["id"]: i.get("sha256") for i in new}
    lines = [f"added {i}" for i in sorted(now.keys() - before.keys())]
    lines += [f"removed {i}" for i in sorted(before.keys() - now.keys())]
    lines += [f"changed {i}" for i in sorted(now.keys() & before.keys()) if now[i] != before[i]]
    return lines
