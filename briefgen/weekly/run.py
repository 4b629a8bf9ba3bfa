"""``briefgen weekly``: one ISO week's brief, idempotent, locked, logged to a file.

Order of a run: take the lock → read the documents of the week and its look-back →
hash them → stop here if the week's manifest says nothing changed → extract → compare
with the previous week's extraction → render → write the manifest last.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import logging.handlers
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from briefgen import __version__
from briefgen.cache import CacheStats, prune_unused
from briefgen.config import BriefConfig, Section
from briefgen.contract import read_extraction
from briefgen.errors import BriefgenError, IngestError
from briefgen.ingest.dedup import mark_duplicates
from briefgen.models import Article, Extraction
from briefgen.weekly import changes, state
from briefgen.weekly.lock import LOCK_NAME, run_lock
from briefgen.weekly.window import Week, Window, last_complete_week, window_for

log = logging.getLogger(__name__)

LOG_NAME = "weekly.log"
Progress = Callable[[str], None]
ExtractFn = Callable[..., Extraction]
Status = Literal["built", "up-to-date", "empty", "skipped-empty"]


@dataclass
class WeeklyResult:
    week: Week
    week_dir: Path
    status: Status
    message: str
    written: list[Path] = field(default_factory=list)
    documents: int = 0


def brief_name(cfg: BriefConfig) -> str:
    """The brief's folder name: ``weekly.name``, else the title made file-name safe."""
    if cfg.weekly.name:
        return cfg.weekly.name
    slug = re.sub(r"[^\w]+", "-", cfg.title.casefold()).strip("-")
    return slug or "brief"


def brief_dir(cfg: BriefConfig) -> Path:
    """``<outputs.directory>/<brief name>``: every week's folder, the lock and the log."""
    return cfg.resolve(cfg.outputs.directory).resolve() / brief_name(cfg)


@contextlib.contextmanager
def log_to_file(path: Path) -> Iterator[None]:
    """Copy briefgen's log records, INFO and up, to ``path`` (rotated at 1 MB) for the block.

    The file gets INFO even under ``-q``, which is how cron and systemd run it; stderr
    keeps the level the command line chose.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("briefgen")
    old_level, effective = logger.level, logger.getEffectiveLevel()
    handler.setLevel(min(effective, logging.INFO))
    quieted = []
    if effective > logging.INFO:
        for h in logging.getLogger().handlers + logger.handlers:
            if h.level < effective:
                quieted.append((h, h.level))
                h.setLevel(effective)
        logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(old_level)
        for h, level in quieted:
            h.setLevel(level)


def run_weekly(
    cfg: BriefConfig,
    week: Week | None = None,
    *,
    force: bool = False,
    now: dt.datetime | None = None,
    paths: Sequence[str] | None = None,
    progress: Progress | None = None,
    extract_fn: ExtractFn | None = None,
) -> WeeklyResult:
    """Build one week's brief unless it is up to date; see the module docstring."""
    now = now or dt.datetime.now(dt.UTC)
    week = week or last_complete_week(now, cfg.weekly.timezone)
    base = brief_dir(cfg)
    with log_to_file(base / LOG_NAME):
        try:
            with run_lock(base / LOCK_NAME):
                result = _run(cfg, week, base, force, now, paths, progress, extract_fn)
        except BriefgenError as exc:
            log.error("%s: failed: %s", week.label, exc)
            raise
        except Exception:
            log.exception("%s: failed with an unexpected error", week.label)
            raise
        log.info("%s: %s", week.label, result.message)
        return result


def _run(
    cfg: BriefConfig,
    week: Week,
    base: Path,
    force: bool,
    now: dt.datetime,
    paths: Sequence[str] | None,
    progress: Progress | None,
    extract_fn: ExtractFn | None,
) -> WeeklyResult:
    from briefgen import pipeline

    say = progress or (lambda msg: None)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    window = window_for(week, cfg.weekly.lookback_weeks)
    week_dir = base / week.label

    say(f"reading articles for {week.label}")
    sources = pipeline.resolve_sources(cfg, paths)
    articles = candidates(pipeline.read_articles(cfg, sources), window, sources)
    in_week, context = _select(articles, window)
    timings["read"] = time.perf_counter() - started
    log.info(
        "%s: %d documents dated %s to %s, %d more from the %d-week look-back",
        week.label,
        len(in_week),
        window.since,
        window.until,
        len(context),
        cfg.weekly.lookback_weeks,
    )

    inputs = [state.input_record(a, "week") for a in in_week]
    inputs += [state.input_record(a, "context") for a in context]
    previous = state.previous_extraction(base, week, cfg.outputs.extraction_filename)
    formats = sorted(set(cfg.outputs.formats) | {"json"})
    key_parts: dict[str, Any] = {
        "version": __version__,
        "config": state.sha256_file(cfg.path) if cfg.path else None,
        "templates": state.tree_hash(cfg.resolve(cfg.templates) if cfg.templates else None),
        "formats": formats,
        "window": [str(window.context_since), str(window.since), str(window.until)],
        "inputs": inputs,
        "previous": state.extraction_hash(previous[1]) if previous else None,
    }
    key = state.run_key(key_parts)
    old = state.read_manifest(week_dir)
    if not force and state.up_to_date(old, key, week_dir):
        assert old is not None
        return WeeklyResult(
            week,
            week_dir,
            "up-to-date",
            f"up to date (built {old.get('finished_at', '?')}); nothing to do; --force rebuilds",
            documents=len(in_week),
        )
    _log_reason(week, old, key_parts, force)
    state.forget(week_dir)

    written: list[Path] = []
    cache_stats: dict[str, int] | None = None
    if not in_week and cfg.weekly.empty_week == "skip":
        status: Status = "skipped-empty"
        message = "no documents this week; no brief written (weekly.empty_week: skip)"
    else:
        t = time.perf_counter()
        if in_week:
            extract = extract_fn or pipeline.extract_articles
            use_cache = cfg.weekly.cache and cfg.cache.enabled
            stats = CacheStats()
            ext = extract(
                cfg,
                [*context, *in_week],
                now,
                progress,
                focus={a.id for a in in_week},
                use_cache=use_cache,
                stats=stats,
            )
            if use_cache:
                cache_stats = {"hits": stats.reused, "misses": stats.parsed}
                prune_unused(cfg.cache_dir(), cfg.cache.keep_days)
            ext.changes = _changes(previous, ext)
            status, view = "built", cfg
        else:
            ext = _empty_extraction(cfg, now)
            status, view = "empty", _empty_config(cfg, week, bool(context))
        timings["extract"] = time.perf_counter() - t
        subtitle = f"{cfg.subtitle} · {week.describe()}" if cfg.subtitle else week.describe()
        ext.brief = {
            **ext.brief,
            "subtitle": subtitle,
            "week": {
                "label": week.label,
                "start": str(week.start),
                "end": str(week.end),
                "context_since": str(window.context_since),
            },
        }
        t = time.perf_counter()
        written = pipeline.render(
            ext, view.model_copy(update={"subtitle": subtitle}), week_dir, formats, now, progress
        )
        timings["render"] = time.perf_counter() - t
        message = (
            f"built from {len(in_week)} documents: " + ", ".join(p.name for p in written)
            if status == "built"
            else "no documents this week; wrote a 'no new reporting' brief"
        )
    timings["total"] = time.perf_counter() - started
    manifest = {
        "schema": state.MANIFEST_SCHEMA,
        "brief": brief_name(cfg),
        "week": week.label,
        "window": {
            "start": str(window.since),
            "end": str(window.until),
            "context_since": str(window.context_since),
            "timezone": cfg.weekly.timezone,
        },
        "status": status,
        "key": key,
        "version": __version__,
        "config": {"path": str(cfg.path) if cfg.path else None, "sha256": key_parts["config"]},
        "templates_sha256": key_parts["templates"],
        "nlp_model": cfg.nlp.model,
        "previous": (
            {"week": previous[0].label, "extraction_sha256": key_parts["previous"]}
            if previous
            else None
        ),
        "inputs": inputs,
        "outputs": state.output_records(week_dir, written),
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
        "nlp_cache": cache_stats,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    state.write_manifest(week_dir, manifest)
    return WeeklyResult(week, week_dir, status, message, written, len(in_week))


def candidates(articles: Sequence[Article], window: Window, sources: Sequence[str]) -> list[Article]:
    """The documents a week reads: those dated in its look-back or the week itself, with
    duplicates marked among them alone.

    Every document of the sources is read first, so a quiet week (nothing dated in it,
    nor in its look-back) is told from a corpus whose documents have no date at all:
    the first writes a short brief, the second is an error (IngestError, exit 1).
    """
    if articles and all(a.date is None for a in articles):
        raise IngestError(
            f"none of the {len(articles)} documents in {', '.join(sources)} has a date, so no "
            "week can be chosen: give dates in sources.yaml or front matter, or name folders "
            "or files by day (YYYY-MM-DD/…); `briefgen build` makes an undated brief"
        )
    chosen = [a for a in articles if window.in_context(a.date) or window.in_week(a.date)]
    for a in chosen:
        a.duplicate_of = None
    mark_duplicates(chosen)
    return chosen


def _select(articles: Sequence[Article], window: Window) -> tuple[list[Article], list[Article]]:
    """(documents dated in the week, documents dated in the look-back)."""
    in_week = [a for a in articles if window.in_week(a.date)]
    context = [a for a in articles if window.in_context(a.date)]
    return in_week, context


def _changes(previous: tuple[Week, Path] | None, ext: Extraction) -> dict[str, Any]:
    before = None
    if previous is not None:
        try:
            before = read_extraction(previous[1])
        except BriefgenError as exc:
            log.warning("cannot compare with %s: %s", previous[0].label, exc)
    return changes.diff(before, ext, previous[0].label if previous and before else None)


def _empty_extraction(cfg: BriefConfig, now: dt.datetime) -> Extraction:
    return Extraction(
        generated_at=now.isoformat(timespec="seconds"),
        brief={"title": cfg.title, "subtitle": cfg.subtitle},
        documents=[],
    )


def _empty_config(cfg: BriefConfig, week: Week, context: bool = True) -> BriefConfig:
    """The config of a 'no new reporting' brief: one short text section."""
    before = (
        "" if context
        else f" Nor is any dated in the {cfg.weekly.lookback_weeks} weeks before it."
    )
    text = (
        f"No new reporting: no article in the sources is dated {week.describe()}.{before} "
        "The next brief covers the following week."
    )
    return cfg.model_copy(
        update={
            "sections": [
                Section(type="text", id="no_new_reporting", title="No new reporting", text=text)
            ]
        }
    )


def _log_reason(week: Week, old: dict[str, Any] | None, parts: dict[str, Any], force: bool) -> None:
    if force:
        log.info("%s: rebuilding (--force)", week.label)
        return
    if old is None:
        log.info("%s: building (no earlier manifest)", week.label)
        return
    reasons = state.inputs_changed(old, parts["inputs"])
    if (old.get("config") or {}).get("sha256") != parts["config"]:
        reasons.append("config changed")
    if old.get("version") != parts["version"]:
        reasons.append(f"briefgen {old.get('version')} → {parts['version']}")
    if old.get("templates_sha256") != parts["templates"]:
        reasons.append("template overrides changed")
    if ((old.get("previous") or {}).get("extraction_sha256")) != parts["previous"]:
        reasons.append("the previous week's extraction changed")
    log.info("%s: rebuilding: %s", week.label, "; ".join(reasons) or "outputs missing")
