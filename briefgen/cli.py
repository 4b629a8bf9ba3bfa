"""The ``briefgen`` command line.  Thin: parse options, call the pipeline, map errors to exit codes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from briefgen import __version__
from briefgen.config import ALL_FORMATS, BriefConfig, load_config
from briefgen.errors import BriefgenError, ExitStatus

app = typer.Typer(
    help="Turn a pile of news articles into a policy brief (PDF, DOCX, HTML).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("briefgen")

DEFAULT_CONFIG = Path("config/brief.yaml")

ConfigOpt = Annotated[Path, typer.Option("--config", "-c", help="The brief's YAML config.")]
OutOpt = Annotated[
    Optional[Path], typer.Option("--out", help="Output folder (default: the config's outputs.directory).")
]
FormatOpt = Annotated[
    Optional[str], typer.Option("--format", "-f", help="Comma-separated: pdf,docx,html,json.")
]
WorkersOpt = Annotated[
    Optional[int],
    typer.Option("--workers", "-j", min=1, help="NLP worker processes (default: nlp.n_process, else CPU count up to 4)."),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the NLP cache for this run.")
]
PathsArg = Annotated[
    Optional[list[str]],
    typer.Argument(help="Article files, folders or globs; they replace the config's sources."),
]


class _State:
    verbose = False
    quiet = False


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details and tracebacks.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """briefgen: articles in, policy brief out."""
    if version:
        typer.echo(__version__)
        raise typer.Exit()
    _State.verbose, _State.quiet = verbose, quiet
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr, force=True)
    for noisy in ("weasyprint", "fontTools", "trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _progress(total: int | None = None):  # noqa: ANN202
    """Progress reporter on stderr: a counter line on a terminal, log lines otherwise."""
    step = [0]

    def say(msg: str) -> None:
        if _State.quiet:
            return
        step[0] += 1
        if sys.stderr.isatty():
            sys.stderr.write(f"\r\033[K[{step[0]}] {msg}…")
            sys.stderr.flush()
        else:
            log.info("%s", msg)

    return say


def _end_progress() -> None:
    if sys.stderr.isatty() and not _State.quiet:
        sys.stderr.write("\r\033[K")


def _fail(exc: BriefgenError) -> None:
    _end_progress()
    if _State.verbose:
        log.exception("failed")
    for line in str(exc).splitlines() or [type(exc).__name__]:
        typer.echo(f"error: {line}", err=True)
    raise typer.Exit(int(exc.exit_status))


def _formats(value: str | None, cfg: BriefConfig) -> list[str]:
    if not value:
        return list(cfg.outputs.formats)
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in chosen if f not in ALL_FORMATS]
    if bad:
        typer.echo(f"error: unknown format {bad[0]!r}; choose from {', '.join(ALL_FORMATS)}", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    return chosen


def _config_or_default(config: Path) -> BriefConfig:
    """The config file, or the defaults when the default config file is absent."""
    return load_config(config) if config.exists() or config != DEFAULT_CONFIG else BriefConfig()


def _out_dir(out: Path | None, cfg: BriefConfig) -> Path:
    return out if out is not None else cfg.resolve(cfg.outputs.directory)


@app.command()
def build(
    paths: PathsArg = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    out: OutOpt = None,
    fmt: FormatOpt = None,
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Read the articles, extract, and write the brief (PDF, DOCX, HTML and extraction JSON)."""
    from briefgen import pipeline

    try:
        cfg = load_config(config)
        formats = _formats(fmt, cfg)
        written = pipeline.build(
            cfg, paths, _out_dir(out, cfg), formats, progress=_progress(),
            workers=workers, use_cache=False if no_cache else None,
        )
    except BriefgenError as exc:
        _fail(exc)
        return
    _end_progress()
    for p in written:
        if not _State.quiet:
            typer.echo(str(p))


@app.command()
def extract(
    paths: PathsArg = None,
    config: ConfigOpt = DEFAULT_CONFIG,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the extraction JSON.")] = Path(
        "extraction.json"
    ),
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Read the articles and write the extraction (briefgen.extraction/1 JSON)."""
    from briefgen import pipeline
    from briefgen.contract import write_extraction

    try:
        cfg = _config_or_default(config)
        ext = pipeline.extract(
            cfg, paths, progress=_progress(), workers=workers,
            use_cache=False if no_cache else None,
        )
        write_extraction(ext, output)
    except BriefgenError as exc:
        _fail(exc)
        return
    _end_progress()
    if not _State.quiet:
        typer.echo(str(output))


@app.command()
def render(
    extraction: Annotated[Path, typer.Argument(help="An extraction JSON file, hand-edited or not.")],
    config: ConfigOpt = DEFAULT_CONFIG,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Render an extraction into the brief without running the NLP."""
    from briefgen import pipeline
    from briefgen.contract import read_extraction

    try:
        cfg = load_config(config)
        formats = [f for f in _formats(fmt, cfg) if f != "json"]
        ext = read_extraction(extraction)
        written = pipeline.render(ext, cfg, _out_dir(out, cfg), formats, progress=_progress())
    except BriefgenError as exc:
        _fail(exc)
        return
    _end_progress()
    for p in written:
        if not _State.quiet:
            typer.echo(str(p))


@app.command()
def check(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Validate the config and the templates; report every problem with file:line."""
    from briefgen.check import check as run_check

    try:
        cfg = load_config(config)
        problems = run_check(cfg)
    except BriefgenError as exc:
        _fail(exc)
        return
    for p in problems:
        typer.echo(f"error: {p}", err=True)
    if problems:
        raise typer.Exit(int(ExitStatus.USAGE))
    if not _State.quiet:
        typer.echo(f"{config}: OK")


cache_app = typer.Typer(help="Manage the on-disk cache of per-document NLP.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Delete every cached document analysis (the cache folder of the config)."""
    from briefgen import cache

    try:
        cfg = _config_or_default(config)
    except BriefgenError as exc:
        _fail(exc)
        return
    root = cfg.cache_dir()
    try:
        n = cache.clear(root)
    except OSError as exc:
        typer.echo(f"error: cannot clear the cache {root}: {exc}; check its permissions", err=True)
        raise typer.Exit(int(ExitStatus.ERROR)) from None
    if not _State.quiet:
        typer.echo(f"{root}: removed {n} cached document(s)")


@cache_app.command("info")
def cache_info(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Print where the cache is and how many documents it holds."""
    from briefgen import cache

    try:
        cfg = _config_or_default(config)
    except BriefgenError as exc:
        _fail(exc)
        return
    root = cfg.cache_dir()
    state = "enabled" if cfg.cache.enabled else "disabled in the config"
    typer.echo(f"{root}: {cache.count_entries(root)} cached document(s); {state}")
