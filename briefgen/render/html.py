"""Render the Brief to an HTML string with the Jinja templates."""

from __future__ import annotations

import re

import jinja2
from markupsafe import Markup

from briefgen.brief import Brief
from briefgen.errors import TemplateError
from briefgen.render.env import section_template, template_location

ANNEX_TYPES = ("evidence",)

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; the two
# non-characters XML forbids.  Article text may hold them; HTML has no use for them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_controls(html: str) -> str:
    """``html`` without control characters (see ``_CONTROL``), as the DOCX writer does."""
    return _CONTROL.sub("", html)


def annex_start(brief: Brief) -> int:
    """Index of the first of the trailing annex sections (evidence), which follow the method note."""
    start = len(brief.sections)
    while start > 0 and brief.sections[start - 1].type in ANNEX_TYPES:
        start -= 1
    return start


def render_html(brief: Brief, env: jinja2.Environment) -> str:
    try:
        parts = []
        for sec in brief.sections:
            tpl = section_template(env, sec.id, sec.type, "html")
            parts.append(Markup(tpl.render(brief=brief, section=sec)))
        body = annex_start(brief)
        return strip_controls(
            env.get_template("brief.html.j2").render(
                brief=brief, rendered_sections=parts[:body], rendered_annexes=parts[body:]
            )
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}; check the templates folder") from None
    except jinja2.UndefinedError as exc:
        where = template_location(exc) or "template"
        raise TemplateError(f"{where}: undefined variable: {exc.message}; see docs/templates.md for the variables") from None
    except jinja2.TemplateError as exc:
        where = template_location(exc) or "template"
        raise TemplateError(f"{where}: template error: {exc}") from None
