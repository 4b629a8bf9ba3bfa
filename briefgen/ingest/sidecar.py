"""``sources.yaml``: per-folder metadata that overrides what is inferred from a file."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import yaml

from briefgen import paths, yamlsafe
from briefgen.errors import ConfigError

log = logging.getLogger(__name__)

SIDECAR_NAME = "sources.yaml"
FIELDS = ("title", "publisher", "author", "date", "url")


def read_sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    """Metadata by file name from ``folder/sources.yaml``; {} when absent, unreadable or
    a symlink out of ``folder``."""
    path = folder / SIDECAR_NAME
    if (
        not path.is_file()
        or paths.allowed_path(path, paths.real_roots([folder]), what="metadata file") is None
    ):
        return {}
    try:
        node, data = yamlsafe.compose_and_load(path.read_text(encoding="utf-8"))
    except yamlsafe.YAMLSafetyError as exc:
        # well-formed but refused (an alias bomb, an impossible date, a 5,000-digit
        # number): the editor's metadata is wrong, so stop rather than guess
        line = f":{exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise ConfigError(f"{path}{line}: {exc.problem}") from None
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
        kept = {}
        for k, v in meta.items():
            if k not in FIELDS or not v:
                continue
            if isinstance(v, (list, dict, set)):
                shape = "a map" if isinstance(v, dict) else "a list"
                log.warning(
                    "%s:%d: %s: %s is %s, not one value; ignored (write it on one line, "
                    "in quotes if it holds a colon or brackets)",
                    path,
                    _line_of(node, name, k),
                    name,
                    k,
                    shape,
                )
                continue
            kept[k] = _clean(k, v)
        out[str(name)] = kept
    return out


def _line_of(root: yaml.Node | None, name: Any, key: str) -> int:
    """The 1-based line of ``name: {key: …}``'s value in the document (of ``name``'s
    entry when the key is not found; 1 when neither is)."""
    if not isinstance(root, yaml.MappingNode):
        return 1
    for name_node, meta_node in root.value:
        if name_node.value != str(name):
            continue
        if isinstance(meta_node, yaml.MappingNode):
            for key_node, value_node in meta_node.value:
                if key_node.value == key:
                    return int(value_node.start_mark.line) + 1
        return int(name_node.start_mark.line) + 1
    return 1


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
