"""A wall-clock limit on rendering, so a runaway template or document cannot hang a run."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from briefgen.errors import RenderError

# outputs.render_timeout is the budget of a brief of up to this many documents; a larger
# brief gets proportionally more (its sources list, evidence and PDF pages grow with it)
DOCUMENTS_PER_TIMEOUT = 1_000


def render_budget(timeout: float, n_documents: int) -> float:
    """Seconds allowed to render a brief of ``n_documents``: ``timeout`` up to
    ``DOCUMENTS_PER_TIMEOUT`` documents, scaled linearly beyond."""
    return timeout * max(1.0, n_documents / DOCUMENTS_PER_TIMEOUT)


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "rendering") -> Iterator[None]:
    """Raise RenderError when the block runs longer than ``seconds``.

    Uses SIGALRM, so it applies in the main thread of a Unix process; elsewhere the
    block runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RenderError(
            f"{what} took longer than {seconds:g} s; raise outputs.render_timeout in the "
            "config or look for a template that loops or a very large table"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
