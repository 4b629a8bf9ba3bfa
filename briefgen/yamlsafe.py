"""YAML written by people, read with bounds: the one loader for config, sidecars and front matter.

PyYAML's safe loaders run no code, but they trust the document's size: a 1 kB "billion
laughs" of nested aliases expands to billions of values once anything walks the result,
an alias may refer to itself, an impossible date (``2023-02-30``) or a 5,000-digit number
raises a bare ``ValueError``.  This module composes the document first, measures it with
every alias expanded, and refuses it (``YAMLLimitError``) before any value is built when
aliases would add more than ``MAX_ALIAS_NODES`` nodes; impossible dates and overlong
numbers raise ``YAMLValueError``.  Both are ``yaml.MarkedYAMLError``s, so a caller that
already reports a YAML error with its line keeps working, and ``problem_mark`` gives the
line of the offending node.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_NUMBER_DIGITS",
    "YAMLLimitError",
    "YAMLSafetyError",
    "YAMLValueError",
    "compose",
    "compose_and_load",
    "load",
]

# nodes that alias expansion may add on top of the document's own nodes: ordinary
# anchors (a shared block of defaults used a few times) stay far below this
MAX_ALIAS_NODES = 100_000
# digits in an integer or float literal; more is no quantity a config or article
# metadata needs (and Python refuses int() of more than 4,300 digits)
MAX_NUMBER_DIGITS = 30

# libyaml's parser when PyYAML has it: faster, and it refuses nesting deeper than 1,000
# levels itself (the pure-Python composer would hit Python's recursion limit instead)
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLSafetyError(ConstructorError):
    """The YAML is well-formed but refused: too large once expanded, or a bad value."""


class YAMLLimitError(YAMLSafetyError):
    """Aliases expand the document beyond the bound, or an alias refers to itself."""


class YAMLValueError(YAMLSafetyError):
    """A scalar that looks like a date or number but is not a valid one."""


def _mark_error(cls: type[YAMLSafetyError], node: yaml.Node, problem: str) -> YAMLSafetyError:
    return cls(None, None, problem, node.start_mark)


class _Loader(_BASE):  # type: ignore[misc,valid-type]
    """The safe loader with checked dates and bounded numbers."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _mark_error(
                YAMLValueError,
                node,
                f"{node.value!r} is not a valid date ({exc}); write a real calendar date "
                "as YYYY-MM-DD",
            ) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        _check_digits(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        _check_digits(node)
        return super().construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def _check_digits(node: yaml.ScalarNode) -> None:
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_NUMBER_DIGITS:
        raise _mark_error(
            YAMLValueError,
            node,
            f"a number of {digits} digits; numbers are limited to {MAX_NUMBER_DIGITS} digits "
            "(put it in quotes if it is text)",
        )


def compose(text: str) -> yaml.Node | None:
    """The document's node graph, checked: raise YAMLLimitError when aliases expand it
    beyond the bound or refer to themselves."""
    loader = _Loader(text)
    try:
        node = _single_node(loader)
    finally:
        loader.dispose()
    return node


def load(text: str) -> Any:
    """The document's value (``None`` for an empty document), checked as in :func:`compose`."""
    return compose_and_load(text)[1]


def compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The node graph (for line numbers) and the value, composed once and checked."""
    loader = _Loader(text)
    try:
        node = _single_node(loader)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _single_node(loader: Any) -> yaml.Node | None:
    try:
        node = loader.get_single_node()
    except RecursionError:  # the pure-Python composer on very deep nesting
        raise YAMLLimitError(
            None, None, "the document is nested too deeply to read", None
        ) from None
    if node is not None:
        check_expansion(node)
    return node


def check_expansion(root: yaml.Node, max_alias_nodes: int = MAX_ALIAS_NODES) -> int:
    """The number of nodes of ``root`` with every alias expanded.

    Counted without expanding anything (each distinct node once, memoised), so a bomb
    is measured in time linear in its size.  Raises YAMLLimitError when aliases add more
    than ``max_alias_nodes`` nodes, or when a node contains itself.
    """
    expanded: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            expanded[key] = size = 1 + sum(expanded[id(c)] for c in _children(node))
            if size - len(expanded) > max_alias_nodes:  # the first node over the bound
                raise _mark_error(
                    YAMLLimitError,
                    node,
                    f"aliases (*name) expand this value to {size:,} values; at most "
                    f"{max_alias_nodes:,} may come from aliases: write the values out instead",
                )
            continue
        if key in expanded:
            continue
        if key in on_path:
            raise _mark_error(
                YAMLLimitError, node, "an alias refers to the node that contains it"
            )
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                raise _mark_error(
                    YAMLLimitError, child, "an alias refers to the node that contains it"
                )
            if id(child) not in expanded:
                stack.append((child, False))
    total = expanded[id(root)]
    return total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
