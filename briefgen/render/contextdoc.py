"""The variables templates can use, generated from the ``Brief`` model.

``docs/templates.md`` holds this text between two markers; a test fails when it drifts
or when a field has no help.  Regenerate with ``python -m briefgen.render.contextdoc``.
"""

from __future__ import annotations

import dataclasses
import sys
import typing
from pathlib import Path

from briefgen.brief import Brief
from briefgen.brief import model as brief_module

BEGIN = "<!-- BEGIN generated: python -m briefgen.render.contextdoc -->"
END = "<!-- END generated -->"
DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "templates.md"


def _classes(root: type) -> list[type]:
    """``root`` and every dataclass reachable from its fields, in first-seen order."""
    seen: list[type] = []
    todo = [root]
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        hints = typing.get_type_hints(cls, vars(brief_module))
        for f in dataclasses.fields(cls):
            for t in (hints[f.name], *typing.get_args(hints[f.name])):
                if isinstance(t, type) and dataclasses.is_dataclass(t) and t not in seen:
                    todo.append(t)
    return seen


def missing_help(root: type = Brief) -> list[str]:
    """'Class.field' for every field without a help text."""
    return [
        f"{cls.__name__}.{f.name}"
        for cls in _classes(root)
        for f in dataclasses.fields(cls)
        if not f.metadata.get("help")
    ]


def _type_name(t: typing.Any) -> str:
    return (
        str(t)
        .replace(" | ", " \\| ")
        .replace("typing.", "")
        .replace("briefgen.brief.model.", "").replace("briefgen.brief.", "")
        .replace("<class '", "")
        .replace("'>", "")
    )


def markdown(root: type = Brief) -> str:
    """One table per model class: field, type, meaning."""
    out = [BEGIN, ""]
    for cls in _classes(root):
        hints = typing.get_type_hints(cls, vars(brief_module))
        out.append(f"### `{cls.__name__}`" + (" (`brief`)" if cls is root else ""))
        out.append("")
        out.append((cls.__doc__ or "").strip().splitlines()[0])
        out.append("")
        out.append("| field | type | meaning |")
        out.append("|---|---|---|")
        for f in dataclasses.fields(cls):
            out.append(
                f"| `{f.name}` | `{_type_name(hints[f.name])}` | {f.metadata.get('help', '')} |"
            )
        out.append("")
    out.append(END)
    return "\n".join(out)


def update(doc: Path = DOC) -> bool:
    """Rewrite the generated part of ``doc``; True when it changed."""
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    new = head + markdown() + tail
    if new != text:
        doc.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    sys.stdout.write(f"{DOC}: {'updated' if update() else 'up to date'}\n")
