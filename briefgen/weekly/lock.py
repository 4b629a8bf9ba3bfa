"""One weekly run at a time per brief: an advisory ``flock`` on a lock file.

The kernel drops the lock when the process ends, however it ends, so a crashed run
never leaves a stale lock behind.  The file records who holds it, for the message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from briefgen.errors import LockedError

LOCK_NAME = ".weekly.lock"


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[Path]:
    """Hold ``path`` locked for the block; raise LockedError at once if it is taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            raise LockedError(
                f"{path}: another weekly run is in progress ({holder or 'holder unknown'}); "
                "this run did nothing. Wait for it to finish, or try again later."
            ) from None
        os.ftruncate(fd, 0)
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        os.write(fd, f"pid {os.getpid()}, started {started}\n".encode())
        yield path
    finally:
        os.close(fd)  # closing releases the lock


def _read(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode("utf-8", "replace").strip()
    except OSError:
        return ""
