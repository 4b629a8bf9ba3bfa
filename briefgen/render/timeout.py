"""A time limit on rendering, so a runaway template or document cannot hang a run."""

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


# a process starved by a busy machine is not a runaway template: the wall clock may run
# this many times the processor-time budget before the block is stopped
WALL_FACTOR = 4


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "rendering", wall_factor: float = WALL_FACTOR) -> Iterator[None]:
    """Raise RenderError when the block uses more than ``seconds`` of processor time, or
    runs longer than ``wall_factor`` × ``seconds`` by the clock.

    A looping template burns processor time and is stopped after ``seconds``; a build
    that merely waits its turn on a loaded machine gets ``wall_factor`` times longer
    (measured: a 273-article PDF took 300 s by the clock with a tenth of a core).  Uses
    SIGPROF and SIGALRM, so it applies in the main thread of a Unix process; elsewhere
    the block runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    hint = (
        "raise outputs.render_timeout in the config or look for a template that loops or a "
        "very large table"
    )

    def on_cpu(signum: int, frame: object) -> None:
        raise RenderError(f"{what} took longer than {seconds:g} s of processor time; {hint}")

    def on_wall(signum: int, frame: object) -> None:
        raise RenderError(
            f"{what} took longer than {seconds * wall_factor:g} s by the clock "
            f"({wall_factor:g} × outputs.render_timeout); {hint}"
        )

    previous = signal.signal(signal.SIGPROF, on_cpu), signal.signal(signal.SIGALRM, on_wall)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * wall_factor)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])
