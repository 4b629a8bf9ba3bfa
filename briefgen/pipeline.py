"""The only module that knows the order of the stages: ingest → NLP → extract → render."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path

from briefgen.atomic import atomic_path, write_text_atomic
from briefgen.brief import Brief, build_brief, for_print
from briefgen.cache import CacheStats, DocCache, FactCache, code_hash
from briefgen.config import BriefConfig, check_sources
from briefgen.contract import write_extraction
from briefgen.errors import ConfigError
from briefgen.executors import observe_all
from briefgen.extract import actors, positions, questions, registry, summary, timeline
from briefgen.extract.facts import FACTS_CODE, DocFacts, facts_key
from briefgen.ingest import Cleaner, load_articles
from briefgen.models import Actor, Article, Extraction
from briefgen.nlp.load import open_cache
from briefgen.render.docx import write_docx
from briefgen.render.env import find_template_file, make_env, search_path
from briefgen.render.html import render_html
from briefgen.render.pdf import check_weasyprint, write_pdf
from briefgen.render.timeout import render_budget, time_limit

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


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
    say = progress or (lambda msg: None)
    sources = resolve_sources(cfg, paths)
    say("reading articles")
    articles = read_articles(cfg, sources, since=cfg.window.since, until=cfg.window.until)
    return extract_articles(cfg, articles, now, progress, workers=workers, use_cache=use_cache)


def read_articles(
    cfg: BriefConfig,
    sources: Sequence[str],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    strict_dates: bool | None = None,
) -> list[Article]:
    """Ingest ``sources`` with the config's size cap and furniture patterns."""
    return load_articles(
        sources,
        since=since,
        until=until,
        strict_dates=cfg.window.strict if strict_dates is None else strict_dates,
        max_bytes=cfg.ingest.max_bytes,
        cleaner=Cleaner(cfg.ingest.furniture, cfg.ingest.trailers, cfg.ingest.teasers),
        max_documents=cfg.ingest.max_documents,
    )


def extract_articles(
    cfg: BriefConfig,
    articles: Sequence[Article],
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    focus: Collection[str] | None = None,
    *,
    workers: int | None = None,
    use_cache: bool | None = None,
    stats: CacheStats | None = None,
) -> Extraction:
    """Run the NLP and every extractor over already-read articles.

    ``focus`` (document ids) narrows the brief to those documents while the others are
    read as context only: actors are clustered over every document, so names and
    roles learnt earlier carry over, but only actors the focus documents mention are
    kept, and the timeline, positions, questions and summary come from the focus
    documents alone.  ``None`` means every article is in focus.  ``workers``
    overrides ``nlp.n_process``; ``use_cache=False`` bypasses the NLP cache (neither
    reads nor writes it), ``None`` follows ``cache.enabled``.  ``stats``, when given,
    is filled with how many documents were parsed and how many came from the cache.
    """
    now = now or dt.datetime.now(dt.UTC)
    say = progress or (lambda msg: None)
    kept = [cap_for_nlp(a, cfg.nlp.max_chars) for a in articles if not a.duplicate_of]
    log.info("read %d documents, %d kept after de-duplication", len(articles), len(kept))
    say(f"analysing {len(kept)} documents with {cfg.nlp.model}")
    facts = analyse(cfg, kept, workers=workers, use_cache=use_cache, stats=stats, progress=progress)
    with _gc_frozen():  # the facts live until the end: no collection needs to walk them
        return _combine(cfg, articles, kept, facts, now, say, focus)


def _combine(
    cfg: BriefConfig,
    articles: Sequence[Article],
    kept: Sequence[Article],
    facts: Sequence[DocFacts],
    now: dt.datetime,
    say: Progress,
    focus: Collection[str] | None,
) -> Extraction:
    """Every extractor's corpus half over the documents' facts."""
    pairs = list(zip(kept, facts))
    say("extracting actors")
    found_actors = actors.combine(
        [(a, f.actors) for a, f in pairs], not_actors=cfg.not_actors, overrides=cfg.actors
    )
    shown = list(articles)
    if focus is not None:
        focus = set(focus)
        pairs = [(a, f) for a, f in pairs if a.id in focus]
        found_actors = _focus_actors(found_actors, focus)
        shown = [a for a in articles if a.id in focus]
    say("extracting the timeline")
    events = timeline.combine([(a, f.timeline) for a, f in pairs], found_actors)
    say("extracting positions")
    found_positions = positions.combine(
        [f.positions for _, f in pairs], found_actors, sides=cfg.sides, topic_terms=cfg.topic_terms
    )
    say("extracting open questions")
    found_questions = questions.combine(
        [f.questions for _, f in pairs], limit=None, actors=found_actors  # the brief applies limits
    )
    say("writing the summary")
    found_summary = summary.combine(
        [(a, f.summary) for a, f in pairs],
        [f.questions.stems.split() for _, f in pairs],
        found_actors,
        limit=None,  # the summary's own 3-5 bullets; the brief applies the section's limit
        events=events,
        questions=found_questions,
    )
    sections = {}
    for name, extractor in sorted(registry.EXTRACTORS.items()):
        say(f"extracting {name}")
        corpus = registry.Corpus(
            facts=[(a, registry.decode_facts(name, f.extra[name])) for a, f in pairs if name in f.extra],
            actors=found_actors,
        )
        sections[name] = [dataclasses.asdict(r) for r in extractor.combine(corpus)]
    return Extraction(
        generated_at=now.isoformat(timespec="seconds"),
        brief={"title": cfg.title, "subtitle": cfg.subtitle},
        sections=sections,
        documents=[a.to_record() for a in shown],
        actors=found_actors,
        timeline=events,
        positions=found_positions,
        open_questions=found_questions,
        summary=found_summary,
    )


def analyse(
    cfg: BriefConfig,
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    use_cache: bool | None = None,
    stats: CacheStats | None = None,
    progress: Progress | None = None,
) -> list[DocFacts]:
    """The NLP and every extractor's per-document half, one :class:`DocFacts` per article.

    With the cache on, a document whose facts are cached skips both; one whose NLP is
    cached skips the NLP.  Each Doc is observed as the pipe yields it (so the main
    process works while the NLP workers parse the next batches) and then dropped.
    """
    exclude = tuple(cfg.nlp.exclude)
    cache_on = cfg.cache.enabled if use_cache is None else use_cache
    doc_cache = open_cache(cfg.cache_dir(), cfg.nlp.model, exclude) if cache_on else None
    fact_cache = open_fact_cache(doc_cache) if doc_cache is not None else None
    keys = [facts_key(a) for a in articles] if fact_cache else []
    found: list[DocFacts | None] = (
        [fact_cache.get(k, DocFacts) for k in keys] if fact_cache else [None] * len(articles)
    )
    todo = [i for i, f in enumerate(found) if f is None]
    observed = observe_all(
        cfg, [articles[i] for i in todo], workers=workers or cfg.nlp.n_process, doc_cache=doc_cache
    )
    count = getattr(progress, "count", None)  # the CLI's progress bar takes (done, total)
    if count is not None:
        count(len(articles) - len(todo), len(articles))
    for n, (i, facts) in enumerate(zip(todo, observed), 1):
        if count is not None:
            count(len(articles) - len(todo) + n, len(articles))
        if fact_cache is not None:
            fact_cache.put(keys[i], facts)
        found[i] = facts
    if stats is not None:
        stats.parsed += doc_cache.misses if doc_cache is not None else len(todo)
        stats.reused += len(articles) - (doc_cache.misses if doc_cache is not None else len(todo))
    if doc_cache is not None and fact_cache is not None:
        log.info(
            "cache %s: facts of %d documents reused; NLP of %d reused, %d analysed",
            doc_cache.dir, fact_cache.hits, doc_cache.hits, doc_cache.misses,
        )
    return [f for f in found if f is not None]


def open_fact_cache(doc_cache: DocCache) -> FactCache:
    """The facts cache beside ``doc_cache``: same model namespace, plus the extractors' code."""
    code = code_hash(*FACTS_CODE, *registry.code_files())
    return FactCache(doc_cache.root, f"{doc_cache.dir.name}-facts-{code}")


def cap_for_nlp(article: Article, max_chars: int) -> Article:
    """The article, cut at a paragraph or sentence end before ``max_chars`` when longer.

    Keeps the NLP's memory bounded (the parser needs about 1 GB per 100,000 characters
    at worst) and below spaCy's own length limit.
    """
    if len(article.text) <= max_chars:
        return article
    head = article.text[:max_chars]
    cut = max(head.rfind("\n\n"), head.rfind(". "))
    text = head[: cut + 1] if cut > max_chars // 2 else head
    log.warning(
        "%s: %d characters; only the first %d go through the NLP (nlp.max_chars)",
        article.id, len(article.text), len(text),
    )
    return dataclasses.replace(article, text=text)


def _focus_actors(found: Sequence[Actor], focus: set[str]) -> list[Actor]:
    """The actors the focus documents mention, with only those documents as sources."""
    out = []
    for a in found:
        sources = [s for s in a.sources if s in focus]
        if not sources:
            continue
        evidence = [e for e in a.evidence if e.doc in focus]
        out.append(dataclasses.replace(a, sources=sources, evidence=evidence))
    out.sort(key=lambda a: (-len(a.sources), -a.mentions, a.name))
    for i, a in enumerate(out, 1):
        a.id = f"a{i}"
    return out


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
    # Every format is written to a temporary file first; only when all of them are done
    # are they renamed into place together.  A failure (or the time limit) at any point
    # leaves the previous brief's files as they were and no partial file behind.
    budget = render_budget(cfg.outputs.render_timeout, len(ext.documents))
    with contextlib.ExitStack() as commit, time_limit(budget), _gc_frozen():

        def slot(name: str) -> Path:
            target = out_dir / name
            written.append(target)
            return commit.enter_context(atomic_path(target))

        html = None
        printed = for_print(brief, cfg.outputs.evidence)  # PDF and DOCX: no evidence annex by default
        if "html" in formats:
            say("rendering HTML")
            html = render_html(brief, env)
        if "json" in formats:
            write_extraction(ext, slot(cfg.outputs.extraction_filename))
        if "html" in formats and html is not None:
            write_text_atomic(slot(f"{stem}.html"), html)
        if "pdf" in formats:
            say("writing PDF")
            page = html if printed is brief and html is not None else render_html(printed, env)
            allowed = search_path(override)
            if cfg.logo:
                allowed.append(cfg.resolve(cfg.logo).parent)
            write_pdf(page, search_path(override)[0], slot(f"{stem}.pdf"), allowed)
        if "docx" in formats:
            say("writing DOCX")
            write_docx(printed, find_template_file("brief.docx", override), env, slot(f"{stem}.docx"))
    return written


@contextlib.contextmanager
def _gc_frozen() -> Iterator[None]:
    """Keep the objects alive now (the documents' facts before the corpus half of the
    extractors; the extraction before rendering) out of the garbage collector's scans:
    the work that follows allocates enough to trigger many full collections, and each
    walked the whole heap (measured: 0.3 s of a 2.6 s PDF after extracting 1,000
    articles).  No collection first: that alone would walk the heap once more."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
    now = now or dt.datetime.now(dt.UTC)
    ext = extract(cfg, paths, now, progress, workers=workers, use_cache=use_cache)
    return render(ext, cfg, out_dir, formats, now, progress)
