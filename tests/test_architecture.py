"""The import graph follows the data flow: no stage imports a later one.

Every top-level module or subpackage of ``briefgen`` has a layer; a module may import
from its own layer and from earlier ones only.  A new top-level module fails here until
it is given a layer, which is the point: decide where it sits in the flow.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"

# Earliest first.  Layer 0 may be imported from anywhere.
LAYERS: list[set[str]] = [
    # neutral helpers: standard library (and their own package) only
    {"__init__", "errors", "models", "atomic", "codec", "links", "paths", "yamlsafe"},
    {"cache", "config", "contract"},
    {"ingest"},
    {"nlp"},
    {"extract"},
    {"executors"},
    {"brief", "budget", "decisions"},
    {"render"},
    {"pipeline"},
    {"weekly"},
    {"check", "schedule", "bench"},
    {"cli", "__main__"},
]
LAYER_OF = {name: i for i, names in enumerate(LAYERS) for name in names}


def _unit(path: Path) -> str:
    """The top-level unit a file belongs to: ``ingest`` for ``briefgen/ingest/x.py``."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported_units(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "briefgen":
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:  # from briefgen import x
                found.update(a.name if (PACKAGE / a.name).exists() or (PACKAGE / f"{a.name}.py").exists()
                             else "__init__" for a in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "briefgen" and len(parts) > 1:
                    found.add(parts[1])
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        graph.setdefault(_unit(path), set()).update(_imported_units(ast.parse(path.read_text())))
    return graph


def test_every_top_level_module_has_a_layer():
    assert set(_graph()) - set(LAYER_OF) == set()


def test_no_stage_imports_a_later_stage():
    upward = sorted(
        f"{unit} (layer {LAYER_OF[unit]}) imports {dep} (layer {LAYER_OF[dep]})"
        for unit, deps in _graph().items()
        for dep in deps
        if unit in LAYER_OF and dep in LAYER_OF and LAYER_OF[dep] > LAYER_OF[unit]
    )
    assert upward == []


def test_the_checker_catches_an_upward_import(tmp_path):
    tree = ast.parse("from briefgen.render.html import render_html\nimport briefgen.pipeline\n")
    assert _imported_units(tree) == {"render", "pipeline"}
