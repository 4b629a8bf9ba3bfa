"""Resource limits for editor templates: the Jinja sandbox, bounded.

Jinja's sandbox stops a template from reaching Python internals, but not from asking
for a huge value: ``range(10**9)`` raised a bare ``OverflowError``, ``'x' * 10**10``
tried to allocate 10 GB, and a macro that calls itself ended in ``RecursionError``.
:class:`LimitedSandbox` turns each into a ``jinja2.sandbox.SecurityError`` (a
``jinja2.TemplateError``), which the renderers report as one template error with the
template's file and line.  A template that merely loops for long is stopped by the
render time limit (``briefgen.render.timeout``).
"""

from __future__ import annotations

import math
import threading
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_RANGE = 100_000  # items of one range() (Jinja's own sandbox bound)
MAX_SIZE = 10_000_000  # characters or items that one * or + may produce
MAX_POWER_BITS = 4_096  # bits of the result of **
MAX_CALL_DEPTH = 64  # macros and functions calling each other


def limited_range(*args: int) -> range:
    """``range``, refused beyond ``MAX_RANGE`` items."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(
            f"range() of {len(rng):,} items; templates may loop over at most {MAX_RANGE:,}"
        )
    return rng


def _size(value: Any) -> int | None:
    if isinstance(value, (str, bytes, list, tuple)):
        return len(value)
    return None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(n, int) and size * n > MAX_SIZE:
                raise SecurityError(
                    f"a value of {size * n:,} items from '*'; at most {MAX_SIZE:,}"
                )
    elif operator == "+":
        a, b = _size(left), _size(right)
        if a is not None and b is not None and a + b > MAX_SIZE:
            raise SecurityError(f"a value of {a + b:,} items from '+'; at most {MAX_SIZE:,}")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        bits = right * math.log2(abs(left)) if abs(left) > 1 and right > 0 else 0
        if bits > MAX_POWER_BITS:
            raise SecurityError(f"a number of about {bits:,.0f} bits from '**'; too large")


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox with bounded ranges, sizes, powers and call depth."""

    # intercepted operators also stop Jinja folding constants like 'x' * 10**10 at
    # compile time, where no check could run
    intercepted_binops = frozenset({"*", "+", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = limited_range
        self._depth = threading.local()

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        depth = getattr(self._depth, "n", 0)
        if depth >= MAX_CALL_DEPTH:
            raise SecurityError(
                f"macros or functions call each other more than {MAX_CALL_DEPTH} deep; "
                "look for a macro that calls itself without end"
            )
        self._depth.n = depth + 1
        try:
            return super().call(context, obj, *args, **kwargs)
        finally:
            self._depth.n = depth
