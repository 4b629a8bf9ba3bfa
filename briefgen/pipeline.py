"""The only module that knows the order of the stages: ingest → NLP → extract → render."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from briefgen.brief import Brief, build_brief
from briefgen.config import BriefConfig, check_sources
from briefgen.contract import write_extraction
from briefgen.errors import ConfigError
from briefgen.extract import actors, positions, questions, summary, timeline
from briefgen.ingest import load_articles
from briefgen.models import Extraction
from briefgen.nlp import annotate
from briefgen.nlp.load import open_cache
from briefgen.render.atomic import write_text_atomic
from briefgen.render.docx import write_docx
from briefgen.render.env import find_template_file, make_env, search_path
from briefgen.render.html import render_html
from briefgen.render.pdf import check_weasyprint, write_pdf

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _limit(cfg: BriefConfig, kind: str, default: int | None) -> int | None:
    for s in cfg.sections:
        if s.type == kind:
            return s.limit or default
    return default


def resolve_sources(cfg: BriefConfig, paths: Sequence[str] | None) -> list[str]:
    """Command-line paths replace the config's sources; config paths are config-relative."""
    if paths:
        return list(paths)
    problems = check_sources(cfg)
    if problems:
        raise ConfigError(problems)
    if not cfg.sources:
        raise ConfigError(f"{cfg.path}: no sources: list article folders under 'sources:' or give PATHS")
    return [str(cfg.resolve(s)) for s in cfg.sources]


def extract(
    cfg: BriefConfig,
    paths: Sequence[str] | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    use_cache: bool | None = None,
) -> Extraction:
    """Read the articles and run every extractor: the whole extraction of one corpus.

    ``workers`` overrides ``nlp.n_process``; ``use_cache=False`` bypasses the NLP cache
    (neither reads nor writes it), ``None`` follows ``cache.enabled``.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    say = progress or (lambda msg: None)
    sources = resolve_sources(cfg, paths)
    say("reading articles")
    articles = load_articles(sources, since=cfg.window.since, until=cfg.window.until)
    kept = [a for a in articles if not a.duplicate_of]
    log.info("read %d documents, %d kept after de-duplication", len(articles), len(kept))
    say(f"analysing {len(kept)} documents with {cfg.nlp.model}")
    exclude = tuple(cfg.nlp.exclude)
    cache_on = cfg.cache.enabled if use_cache is None else use_cache
    cache = open_cache(cfg.cache_dir(), cfg.nlp.model, exclude) if cache_on else None
    docs = list(
        annotate(
            kept,
            cfg.nlp.model,
            batch_size=cfg.nlp.batch_size,
            n_process=workers or cfg.nlp.n_process,
            exclude=exclude,
            cache=cache,
        )
    )
    if cache is not None:
        log.info("NLP cache %s: %d hits, %d misses", cache.dir, cache.hits, cache.misses)
    say("extracting actors")
    found_actors = actors.extract(docs, not_actors=cfg.not_actors)
    say("extracting the timeline")
    events = timeline.extract(docs)
    say("extracting positions")
    found_positions = positions.extract(docs, found_actors)
    say("extracting open questions")
    found_questions = questions.extract(docs, limit=_limit(cfg, "open_questions", 8))
    say("writing the summary")
    found_summary = summary.extract(docs, found_actors, limit=_limit(cfg, "summary", 5))
    return Extraction(
        generated_at=now.isoformat(timespec="seconds"),
        brief={"title": cfg.title, "subtitle": cfg.subtitle},
        documents=[a.to_record() for a in articles],
        actors=found_actors,
        timeline=events,
        positions=found_positions,
        open_questions=found_questions,
        summary=found_summary,
    )


def render(
    ext: Extraction,
    cfg: BriefConfig,
    out_dir: Path,
    formats: Sequence[str],
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the brief in each format; every file is written atomically."""
    say = progress or (lambda msg: None)
    if "pdf" in formats:
        check_weasyprint()
    override = cfg.resolve(cfg.templates) if cfg.templates else None
    env = make_env(override)
    brief: Brief = build_brief(ext, cfg, now)
    stem = cfg.outputs.filename
    written: list[Path] = []
    html = None
    if {"html", "pdf"} & set(formats):
        say("rendering HTML")
        html = render_html(brief, env)
    # gather everything before writing anything: a template error leaves out/ untouched
    if "json" in formats:
        target = out_dir / cfg.outputs.extraction_filename
        write_extraction(ext, target)
        written.append(target)
    if "html" in formats and html is not None:
        target = out_dir / f"{stem}.html"
        write_text_atomic(target, html)
        written.append(target)
    if "pdf" in formats and html is not None:
        say("writing PDF")
        target = out_dir / f"{stem}.pdf"
        allowed = search_path(override)
        if cfg.logo:
            allowed.append(cfg.resolve(cfg.logo).parent)
        write_pdf(html, search_path(override)[0], target, allowed, lang=brief.language)
        written.append(target)
    if "docx" in formats:
        say("writing DOCX")
        target = out_dir / f"{stem}.docx"
        write_docx(brief, find_template_file("brief.docx", override), env, target)
        written.append(target)
    return written


def build(
    cfg: BriefConfig,
    paths: Sequence[str] | None,
    out_dir: Path,
    formats: Sequence[str],
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    use_cache: bool | None = None,
) -> list[Path]:
    now = now or dt.datetime.now(dt.timezone.utc)
    ext = extract(cfg, paths, now, progress, workers=workers, use_cache=use_cache)
    return render(ext, cfg, out_dir, formats, now, progress)
