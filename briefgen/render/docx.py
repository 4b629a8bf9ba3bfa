"""Write the brief as DOCX through a Word template (docxtpl) that editors can restyle."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

from briefgen.brief import Brief
from briefgen.errors import RenderError, TemplateError
from briefgen.render.atomic import atomic_path

# XML 1.0 forbids most control characters; article text may hold them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """A copy of a Brief value with XML-illegal characters stripped from every string.

    Dataclasses become namespaces, so templates use attribute access (``s.items`` is the
    section's items, not ``dict.items``).
    """
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("", value)
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return SimpleNamespace(
            **{f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


def docx_context(brief: Brief) -> dict[str, Any]:
    data = _xml_safe(brief)
    return {"brief": data, "sections": data.sections, "sources": data.sources}


def write_docx(brief: Brief, template: Path, env: jinja2.Environment, target: Path) -> None:
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(template))
        tpl.render(docx_context(brief), jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template}: Word template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{template}: Word template uses an undefined variable: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: Word template error: {exc}") from None
    except (OSError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise TemplateError(f"{template}: cannot render the Word template: {exc}") from None
    core = tpl.docx.core_properties
    core.title = brief.title
    core.author = brief.author or ""
    core.language = brief.language
    core.subject = brief.subtitle or ""
    try:
        with atomic_path(target) as tmp:
            tpl.save(str(tmp))
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the DOCX: {exc.strerror or exc}") from None
