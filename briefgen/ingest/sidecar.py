"""``sources.yaml``: per-folder metadata that overrides what is inferred from a file."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import yaml

from briefgen import paths

log = logging.getLogger(__name__)

SIDECAR_NAME = "sources.yaml"
FIELDS = ("title", "publisher", "author", "date", "url")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    """Metadata by file name from ``folder/sources.yaml``; {} when absent, unreadable or
    a symlink out of ``folder``."""
    path = folder / SIDECAR_NAME
    if not path.is_file() or paths.allowed_path(path, paths.real_roots([folder]), what="metadata file") is None:
        return {}
    try:
        # libyaml's loader when PyYAML has it: a sidecar lists every article of a folder
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - safe loaders only
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        log.warning("%s: ignoring unreadable metadata file: %s", where, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("%s: ignoring metadata file: expected a mapping of file names", path)
        return {}
    out: dict[str, dict[str, Any]] = {}
    for name, meta in data.items():
        if not isinstance(meta, dict):
            continue
        out[str(name)] = {k: _clean(k, v) for k, v in meta.items() if k in FIELDS and v}
    return out


def _clean(key: str, value: Any) -> Any:
    if key == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    return str(value).strip()
