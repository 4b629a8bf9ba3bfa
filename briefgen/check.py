"""``briefgen check``: validate the config and every template, reporting each problem."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import jinja2

from briefgen.brief import build_brief
from briefgen.config import BriefConfig, check_sources
from briefgen.errors import BriefgenError
from briefgen.models import Actor, Event, Evidence, Extraction, Position, Question, SummaryItem
from briefgen.render.docx import write_docx
from briefgen.render.env import find_template_file, make_env, search_path
from briefgen.render.html import render_html


def sample_extraction() -> Extraction:
    """A small extraction holding one item of every kind, for template checks."""
    ev = [Evidence(doc="sample.txt", sentence="A sample sentence.")]
    return Extraction(
        generated_at="2024-01-01T00:00:00+00:00",
        brief={"title": "Sample brief"},
        documents=[
            {"id": "sample.txt", "path": "sample.txt", "title": "Sample article",
             "publisher": "Sample Times", "author": None, "url": "https://example.org/a",
             "date": "2024-01-01", "date_source": "metadata", "duplicate_of": None},
            {"id": "copy.txt", "path": "copy.txt", "title": "Sample article",
             "publisher": "Sample Times", "author": None, "url": None,
             "date": "2024-01-01", "date_source": "metadata", "duplicate_of": "sample.txt"},
        ],
        actors=[Actor(id="a1", name="Jane Doe", kind="person", aliases=["Doe"],
                      role="minister", mentions=3, sources=["sample.txt"], evidence=ev)],
        timeline=[Event(date="2024-01-01", precision="day", text="Something happened.",
                        sources=["sample.txt"], evidence=ev)],
        positions=[Position(actor="Jane Doe", kind="quote", text="We will see.",
                            sources=["sample.txt"], evidence=ev)],
        open_questions=[Question(text="What happens next?", sources=["sample.txt"], evidence=ev)],
        summary=[SummaryItem(text="Something happened.", sources=["sample.txt"], evidence=ev)],
    )


def check(cfg: BriefConfig) -> list[str]:
    """Every problem found in the config and the templates, as 'file:line: message'."""
    problems = list(check_sources(cfg))
    override = cfg.resolve(cfg.templates) if cfg.templates else None
    env = make_env(override)
    for folder in search_path(override):
        for path in sorted(folder.rglob("*.j2")):
            try:
                env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
            except jinja2.TemplateSyntaxError as exc:
                problems.append(f"{path}:{exc.lineno}: template syntax error: {exc.message}")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: cannot read: {exc}")
    if problems:
        return problems
    brief = build_brief(sample_extraction(), cfg, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    try:
        render_html(brief, env)
    except BriefgenError as exc:
        problems.append(str(exc))
    with tempfile.TemporaryDirectory() as tmp:
        try:
            write_docx(brief, find_template_file("brief.docx", override), env, Path(tmp) / "x.docx")
        except BriefgenError as exc:
            problems.append(str(exc))
    return problems
