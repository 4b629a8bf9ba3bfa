"""Atomic file writes: a temporary file in the same folder, renamed into place.

The temporary is called ``.<name>.<pid>-<random>.tmp``.  A run killed mid-write
(``kill -9``, power loss) leaves it behind; the next write of the same file removes such
leftovers whose process is gone, and says so.  An I/O error while writing names the
file the user asked for, not the temporary.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

# a temporary without a process id (written before they carried one) counts as stale
# once it is this old; one whose process is alive, once it is older than a day
STALE_UNOWNED_SECONDS = 3600
STALE_OWNED_SECONDS = 86_400


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success rename it onto ``target``.

    On any exception the temporary file is removed and ``target`` is left as it was;
    an ``OSError`` about the temporary (or about no file) is raised again naming
    ``target``.  Stale temporaries of ``target`` left by killed runs are removed first.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise _naming(exc, None, target) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        if isinstance(exc, OSError):
            raise _naming(exc, tmp_path, target) from exc
        raise


def _naming(exc: OSError, tmp: Path | None, target: Path) -> OSError:
    """``exc`` about ``target`` when it was about the temporary or named no file."""
    names = {None, str(tmp)} if tmp is not None else {None}
    if exc.filename not in names and str(exc.filename) not in names:
        return exc
    return type(exc)(exc.errno, exc.strerror or str(exc), str(target))


def temporary_pattern(target: Path) -> re.Pattern[str]:
    """Names of ``target``'s temporaries; group ``pid`` is the writing process, if named."""
    return re.compile(
        r"\A\." + re.escape(target.name) + r"\.(?:(?P<pid>\d+)-)?[A-Za-z0-9_]+\.tmp\Z"
    )


def remove_stale_temporaries(target: Path, now: float | None = None) -> list[Path]:
    """Remove the temporaries of ``target`` that no running process will finish.

    One is stale when the process named in it no longer exists, when it names none and
    is older than ``STALE_UNOWNED_SECONDS``, or when it is older than
    ``STALE_OWNED_SECONDS``.  Returns the removed paths and logs one warning naming them.
    """
    pattern = temporary_pattern(target)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = m.group("pid")
        if pid is None:
            stale = age > STALE_UNOWNED_SECONDS
        else:
            stale = age > STALE_OWNED_SECONDS or not _alive(int(pid))
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    if removed:
        log.warning(
            "%s: removed %d temporary file(s) left by an interrupted run: %s",
            target.parent,
            len(removed),
            ", ".join(p.name for p in removed[:5]) + (" …" if len(removed) > 5 else ""),
        )
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # exists, owned by someone else (or not a real pid: leave it)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
