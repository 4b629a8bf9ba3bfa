"""The section registry: a new section type is one registration (plus its template)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from briefgen.brief import REGISTRY, SectionType, build_brief, register
from briefgen.brief.views import ViewContext
from briefgen.check import sample_extraction
from briefgen.config import SECTION_TYPES, load_config
from briefgen.errors import ConfigError
from briefgen.render.env import make_env
from briefgen.render.html import render_html

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
RISK_WORDS = ("risk", "threat", "danger", "could", "may")


def risks_view(view, sec, ctx: ViewContext, limit):
    """Example: the summary sentences and questions that name a risk."""
    found = [
        ctx.item(u.text, u.sources, u.evidence)
        for u in [*ctx.ext.summary, *ctx.ext.open_questions]
        if any(w in u.text.casefold() for w in RISK_WORDS)
    ]
    view.items = found[:limit]
    view.left_out = len(found) - len(view.items)


@pytest.fixture
def risks_type():
    before = dict(REGISTRY)
    register(SectionType("risks", "Risks", risks_view))
    yield
    REGISTRY.clear()
    REGISTRY.update(before)
    SECTION_TYPES.discard("risks")


def test_every_built_in_type_the_config_accepts_is_registered():
    assert SECTION_TYPES <= set(REGISTRY)


def test_an_unregistered_section_type_is_a_config_error_naming_the_known_types(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\nsections:\n  - {type: risks}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"brief.yaml:3.*unknown section type 'risks'.*'timeline'"):
        load_config(path)


def test_a_registered_section_type_is_configured_filled_and_rendered_by_its_template(
    tmp_path: Path, risks_type
):
    tpl = tmp_path / "tpl" / "sections"
    tpl.mkdir(parents=True)
    (tpl / "risks.html.j2").write_text(
        '<section class="risks"><h2>{{ section.title }}</h2>{% for it in section.items %}'
        "<p>RISK: {{ it.text }}</p>{% endfor %}</section>",
        encoding="utf-8",
    )
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: T\ntemplates: tpl\nsections:\n  - {type: risks, limit: 5}\n  - {type: sources}\n",
        encoding="utf-8",
    )
    cfg = load_config(path)
    ext = sample_extraction()
    warning = "Officials warn of a risk of floods."
    ext.summary.append(dataclasses.replace(ext.summary[0], text=warning))
    brief = build_brief(ext, cfg, NOW)
    (risks,) = [s for s in brief.sections if s.type == "risks"]
    assert [it.text for it in risks.items] == [warning]
    assert risks.items[0].cites == [1]  # cited like every other item
    assert risks.title == "Risks"
    html = render_html(brief, make_env(cfg.resolve(cfg.templates)))
    assert f'<section class="risks"><h2>Risks</h2><p>RISK: {warning}</p></section>' in html


def test_a_section_without_its_own_template_falls_back_to_the_default_partial(
    tmp_path: Path, risks_type
):
    path = tmp_path / "brief.yaml"
    path.write_text("title: T\nsections:\n  - {type: risks}\n", encoding="utf-8")
    cfg = load_config(path)
    html = render_html(build_brief(sample_extraction(), cfg, NOW), make_env(None))
    assert "Risks" in html
