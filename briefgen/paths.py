"""The one rule for every file briefgen reads on someone else's say-so (templates, the
files a PDF refers to, the logo, fonts, input articles): resolve the path to a real
path with every symlink followed, then require it under one of the allowed roots
(themselves resolved).  A symlink that leaves its root is refused with a warning
naming it, so a planted link cannot turn a template, input or stylesheet folder into a
window on the rest of the disk.

``file:`` URLs are parsed with their host: only an empty host or ``localhost`` names a
local file, and then only by an absolute path.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

LOCAL_HOSTS = ("", "localhost")


def real(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute with every symlink followed (the file need not exist)."""
    return Path(os.path.realpath(path))


def is_under(path: Path, root: Path) -> bool:
    """Whether the (already real) ``path`` is ``root`` or inside it."""
    return path == root or root in path.parents


def real_roots(roots: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The allowed roots, resolved once."""
    return [real(r) for r in roots]


def allowed_path(
    path: str | os.PathLike[str], roots: Iterable[Path], *, what: str = "file", warn: bool = True
) -> Path | None:
    """The real path of ``path`` when it lies under one of ``roots`` (real paths, see
    :func:`real_roots`), else None, with a warning naming ``path`` and where it leads
    when it is a symlink (a plain path outside the roots is refused quietly: the caller
    says why)."""
    resolved = real(path)
    if any(is_under(resolved, r) for r in roots):
        return resolved
    if warn and resolved != Path(os.path.abspath(path)):
        log.warning(
            "%s: refused: this %s is a symlink to %s, outside the folder it is in; "
            "copy the file into the folder to use it",
            path, what, resolved,
        )
    return None


def file_url_path(url: str) -> Path | None:
    """The local path a ``file:`` URL names, or None when it names none.

    ``file:///a/b`` and ``file://localhost/a/b`` name ``/a/b``; a URL with any other
    host (``file://server/share``), a relative path (``file:a/b``) or a NUL is refused.
    The query and fragment are dropped.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() != "file":
        return None
    if (parts.hostname or "").lower() not in LOCAL_HOSTS or port is not None:
        return None
    if parts.username or parts.password:
        return None
    path = unquote(parts.path)
    if not path.startswith("/") or "\x00" in path:
        return None
    return Path(path)
