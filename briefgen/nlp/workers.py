"""NLP worker processes die with the process that started them.

``nlp.pipe(n_process=N)`` forks N workers that wait on a queue for texts.  When the
parent is killed (``kill -9``, the OOM killer) nothing tells them to stop, and they
wait forever.  Inside :func:`children_die_with_parent`, every child forked from the
main thread asks Linux to send it SIGTERM when its parent dies (``PR_SET_PDEATHSIG``),
and exits at once if the parent is already gone.  Elsewhere (other systems, other
threads, forks outside the block) nothing changes.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1

_armed = False  # inherited by a forked child: set while the block runs
_parent_pid = 0
_from_main_thread = False  # set just before each fork, in the forking thread


def _before_fork() -> None:
    global _from_main_thread
    _from_main_thread = threading.current_thread() is threading.main_thread()


def _after_fork_in_child() -> None:
    # PR_SET_PDEATHSIG fires when the forking *thread* ends: only arm main-thread forks
    if not (_armed and _from_main_thread):
        return
    if set_parent_death_signal(signal.SIGTERM) and os.getppid() != _parent_pid:
        os._exit(1)  # the parent died before the signal was armed


def set_parent_death_signal(sig: int) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies (Linux only);
    whether it was armed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)


@contextlib.contextmanager
def children_die_with_parent() -> Iterator[None]:
    """Processes forked (from the main thread) while the block runs die with this one."""
    global _armed, _parent_pid
    previous = _armed, _parent_pid
    _armed, _parent_pid = True, os.getpid()
    try:
        yield
    finally:
        _armed, _parent_pid = previous
