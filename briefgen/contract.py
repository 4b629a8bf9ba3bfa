"""Read and write the ``briefgen.extraction/1`` JSON file, validated against its schema."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from briefgen.atomic import write_text_atomic
from briefgen.errors import ExtractionFileError
from briefgen.models import Extraction

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "extraction.schema.json"


@functools.cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validation_errors(data: Any) -> list[str]:
    """Every way ``data`` departs from the schema, as 'path: message' lines."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    return [
        f"{'.'.join(str(p) for p in err.absolute_path) or '(top level)'}: {err.message}"
        for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]


def dumps(ext: Extraction) -> str:
    return json.dumps(ext.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_extraction(ext: Extraction, path: Path) -> None:
    write_text_atomic(path, dumps(ext))


def read_extraction(path: Path) -> Extraction:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExtractionFileError(f"{path}: no such extraction file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractionFileError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ExtractionFileError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise ExtractionFileError(f"{path}: invalid JSON: nested too deeply to read") from None
    except ValueError:  # Python refuses int() of more than 4,300 digits
        raise ExtractionFileError(f"{path}: invalid JSON: a number has too many digits") from None
    try:
        problems = validation_errors(data)
    except RecursionError:
        problems = ["nested too deeply to check"]
    if problems:
        # a problem quotes the offending value: keep each to one short line
        shown = "; ".join(_short(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ExtractionFileError(f"{path}: not a briefgen.extraction/1 file: {shown}{more}")
    return Extraction.from_dict(data)


def _short(problem: str, limit: int = 200) -> str:
    line = " ".join(problem.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
