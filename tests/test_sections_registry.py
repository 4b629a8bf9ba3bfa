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
    assert set(REGISTRY) >= SECTION_TYPES


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


# A section with its own extraction: one folder of code (here, this test) and one line.


@dataclasses.dataclass
class RiskFacts:
    sentences: list[str]


@dataclasses.dataclass
class Risk:
    text: str
    sources: list[str]


class RiskExtractor:
    name = "risks"
    facts = RiskFacts

    def observe(self, ad) -> RiskFacts:
        return RiskFacts([s.text for s in ad.doc.sents if "risk" in s.text.casefold()])

    def combine(self, corpus) -> list[Risk]:
        by_text: dict[str, Risk] = {}
        for article, facts in corpus.facts:
            for text in facts.sentences:
                by_text.setdefault(text, Risk(text, [])).sources.append(article.id)
        return sorted(by_text.values(), key=lambda r: (-len(r.sources), r.text))


def risks_from_extraction(view, sec, ctx: ViewContext, limit):
    records = ctx.ext.sections.get("risks", [])
    view.items = [ctx.item(r["text"], r["sources"], []) for r in records[:limit]]
    view.left_out = len(records) - len(view.items)


@pytest.fixture
def risks_with_extraction():
    from briefgen.extract.registry import EXTRACTORS

    before, extractors = dict(REGISTRY), dict(EXTRACTORS)
    register(SectionType("risks", "Risks", risks_from_extraction, extractor=RiskExtractor()))
    yield
    REGISTRY.clear()
    REGISTRY.update(before)
    EXTRACTORS.clear()
    EXTRACTORS.update(extractors)
    SECTION_TYPES.discard("risks")


@pytest.mark.slow
def test_a_section_with_its_own_extractor_is_observed_combined_cached_and_shown(
    tmp_path: Path, risks_with_extraction
):
    from briefgen import pipeline
    from briefgen.contract import read_extraction, write_extraction

    corpus = tmp_path / "articles"
    corpus.mkdir()
    shared = "Engineers said the dam is at risk of failing."
    (corpus / "a.txt").write_text(f"Dam inspected\n\n{shared} Repairs began on Monday.\n")
    (corpus / "b.txt").write_text(f"Repairs go on\n\nThe work continued. {shared}\n")
    path = tmp_path / "brief.yaml"
    path.write_text(
        f"title: T\nsources: [articles]\ncache: {{directory: {tmp_path / 'cache'}}}\n"
        "sections:\n  - {type: risks}\n  - {type: sources}\n",
        encoding="utf-8",
    )
    cfg = load_config(path)
    ext = pipeline.extract(cfg, now=NOW)
    assert ext.sections["risks"] == [{"text": shared, "sources": ["a.txt", "b.txt"]}]
    again = pipeline.extract(cfg, now=NOW)  # from the facts cache this time
    assert again.sections == ext.sections
    write_extraction(ext, tmp_path / "extraction.json")
    stored = read_extraction(tmp_path / "extraction.json")  # schema-validated
    (risks,) = [s for s in build_brief(stored, cfg, NOW).sections if s.type == "risks"]
    assert [(it.text, it.cites) for it in risks.items] == [(shared, [1, 2])]
