"""The ``briefgen`` command line.  Thin: parse options, call the pipeline, map errors to exit codes."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal, Optional

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
ExecutorOpt = Annotated[
    Optional[Literal["local", "dask"]],
    typer.Option(
        "--executor",
        help="Where the per-document NLP runs: local, or dask (nlp.dask_address, else a local "
        "cluster of --workers processes; needs briefgen[dask]). Default: nlp.executor.",
    ),
]
PathsArg = Annotated[
    Optional[list[str]],
    typer.Argument(help="Article files, folders or globs; they replace the config's sources."),
]


SinceOpt = Annotated[
    Optional[datetime],
    typer.Option("--since", formats=["%Y-%m-%d"], help="Only articles dated on or after this day (YYYY-MM-DD)."),
]
UntilOpt = Annotated[
    Optional[datetime],
    typer.Option("--until", formats=["%Y-%m-%d"], help="Only articles dated on or before this day (YYYY-MM-DD)."),
]
StrictDatesOpt = Annotated[
    bool,
    typer.Option("--strict-dates", help="With a date window, leave out undated articles (default: keep them, with a warning)."),
]


def _with_window(cfg: BriefConfig, since: datetime | None, until: datetime | None, strict: bool) -> BriefConfig:
    """The config with the command line's date window laid over its `window:`."""
    window = cfg.window.model_copy(
        update={
            "since": since.date() if since else cfg.window.since,
            "until": until.date() if until else cfg.window.until,
            "strict": strict or cfg.window.strict,
        }
    )
    if window.since and window.until and window.since > window.until:
        typer.echo(f"error: --since {window.since} is after --until {window.until}", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    cfg.window = window
    return cfg


def _with_executor(cfg: BriefConfig, executor: str | None) -> BriefConfig:
    """The config with ``--executor`` laid over ``nlp.executor``."""
    if executor is not None:
        cfg.nlp = cfg.nlp.model_copy(update={"executor": executor})
    return cfg


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


def _fail_os(exc: OSError) -> None:
    """Disk full, permission denied and the like: one line saying what to do."""
    import errno

    hints = {
        errno.ENOSPC: "the disk is full; free some space and run again",
        errno.EACCES: "permission denied; check the folder's permissions or choose another --out",
        errno.EROFS: "the file system is read-only; choose another --out",
    }
    where = f"{exc.filename}: " if exc.filename else ""
    hint = hints.get(exc.errno or 0, exc.strerror or str(exc))
    _fail(BriefgenError(f"{where}{hint}"))


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
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict_dates: StrictDatesOpt = False,
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
    executor: ExecutorOpt = None,
) -> None:
    """Read the articles, extract, and write the brief (PDF, DOCX, HTML and extraction JSON)."""
    from briefgen import pipeline

    try:
        cfg = _with_executor(_with_window(load_config(config), since, until, strict_dates), executor)
        formats = _formats(fmt, cfg)
        written = pipeline.build(
            cfg, paths, _out_dir(out, cfg), formats, progress=_progress(),
            workers=workers, use_cache=False if no_cache else None,
        )
    except BriefgenError as exc:
        _fail(exc)
        return
    except OSError as exc:
        _fail_os(exc)
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
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict_dates: StrictDatesOpt = False,
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
    executor: ExecutorOpt = None,
) -> None:
    """Read the articles and write the extraction (briefgen.extraction/1 JSON)."""
    from briefgen import pipeline
    from briefgen.contract import write_extraction

    try:
        cfg = _with_executor(
            _with_window(_config_or_default(config), since, until, strict_dates), executor
        )
        ext = pipeline.extract(
            cfg, paths, progress=_progress(), workers=workers,
            use_cache=False if no_cache else None,
        )
        write_extraction(ext, output)
    except BriefgenError as exc:
        _fail(exc)
        return
    except OSError as exc:
        _fail_os(exc)
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
    except OSError as exc:
        _fail_os(exc)
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
    except OSError as exc:
        _fail_os(exc)
        return
    for p in problems:
        typer.echo(f"error: {p}", err=True)
    if problems:
        raise typer.Exit(int(ExitStatus.USAGE))
    if not _State.quiet:
        typer.echo(f"{config}: OK")


templates_app = typer.Typer(help="Work with the brief's templates.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("init")
def templates_init(
    directory: Annotated[Path, typer.Argument(help="Folder to copy the default templates into.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
) -> None:
    """Copy the default templates (HTML partials, CSS, Word template) and a README into DIRECTORY."""
    from briefgen.render.scaffold import init_templates

    try:
        written = init_templates(directory, force=force)
    except BriefgenError as exc:
        _fail(exc)
        return
    if not _State.quiet:
        typer.echo(f"{directory}: {len(written)} files; set 'templates: {directory}' in your config")


@app.command()
def preview(
    config: ConfigOpt = DEFAULT_CONFIG,
    extraction: Annotated[
        Optional[Path], typer.Option("--extraction", "-e", help="Render this extraction JSON (default: sample data).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the preview.")] = Path("out/preview"),
    port: Annotated[int, typer.Option("--port", help="Port on localhost (0: any free port).")] = 8000,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve on localhost until Ctrl-C.")] = True,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open a browser on the preview.")] = True,
) -> None:
    """Write the HTML brief with its assets and serve it on localhost, without making a PDF."""
    import datetime as dt
    import webbrowser

    from briefgen.brief import build_brief
    from briefgen.check import sample_extraction
    from briefgen.contract import read_extraction
    from briefgen.render.env import make_env
    from briefgen.render.preview import serve as make_server
    from briefgen.render.preview import write_preview

    def rebuild() -> Path:
        cfg = load_config(config)
        ext = read_extraction(extraction) if extraction else sample_extraction()
        env = make_env(cfg.resolve(cfg.templates) if cfg.templates else None)
        return write_preview(build_brief(ext, cfg, dt.datetime.now(dt.timezone.utc)), env, out)

    try:
        page = rebuild()
    except BriefgenError as exc:
        _fail(exc)
        return
    if not serve:
        typer.echo(str(page))
        return
    try:
        server = make_server(out, port, rebuild)
    except OSError as exc:
        typer.echo(f"error: cannot serve on port {port}: {exc.strerror or exc}; try --port 0", err=True)
        raise typer.Exit(int(ExitStatus.ERROR)) from None
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    typer.echo(f"{page}\nserving {url} (reload the page after a change; Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


WEEKLY_CONFIG = Path("config/weekly.yaml")
WeeklyConfigOpt = Annotated[
    Path, typer.Option("--config", "-c", help="The weekly brief's YAML config (with a `weekly:` block).")
]


@app.command()
def weekly(
    config: WeeklyConfigOpt = WEEKLY_CONFIG,
    week: Annotated[
        Optional[str],
        typer.Option("--week", "-w", help="ISO week, e.g. 2023-W15 (default: the last complete week)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the week is up to date.")] = False,
    paths: PathsArg = None,
) -> None:
    """Write one ISO week's brief into out/<name>/<YYYY-Www>/; does nothing if it is up to date.

    Exit codes: 0 built or up to date, 1 the run failed, 2 bad usage or config,
    75 another run holds the lock.
    """
    from briefgen.weekly import parse_week, run_weekly

    try:
        cfg = load_config(config)
        chosen = parse_week(week) if week else None
        result = run_weekly(cfg, chosen, force=force, paths=paths, progress=_progress())
    except BriefgenError as exc:
        _fail(exc)
        return
    _end_progress()
    if not _State.quiet:
        typer.echo(f"{result.week.label}: {result.message}")
        for p in result.written:
            typer.echo(str(p))


schedule_app = typer.Typer(
    help="Schedule the weekly brief: print a cron line or systemd units, or run a foreground loop.",
    no_args_is_help=False,
)
app.add_typer(schedule_app, name="schedule")


@schedule_app.callback(invoke_without_command=True)
def schedule(
    ctx: typer.Context,
    print_: Annotated[
        Optional[str], typer.Option("--print", help="cron: a crontab line; systemd: a service and a timer unit.")
    ] = None,
    config: WeeklyConfigOpt = WEEKLY_CONFIG,
    write: Annotated[
        Optional[Path], typer.Option("--write", help="systemd: also write the two unit files into this folder.")
    ] = None,
) -> None:
    """Print how to run `briefgen weekly` every week for this config, with absolute paths."""
    from briefgen import schedule as sched

    if ctx.invoked_subcommand is not None:
        return
    if print_ not in ("cron", "systemd"):
        typer.echo("error: give --print cron or --print systemd, or use `briefgen schedule run`", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    try:
        cfg = load_config(config)
    except BriefgenError as exc:
        _fail(exc)
        return
    if print_ == "cron":
        typer.echo(str(sched.cron_entry(cfg)), nl=False)
        return
    units = sched.systemd_units(cfg)
    typer.echo(sched.format_units(units, write), nl=False)
    if write is not None:
        for p in sched.write_units(units, write):
            typer.echo(f"wrote {p}", err=True)


@schedule_app.command("run")
def schedule_run(
    config: WeeklyConfigOpt = WEEKLY_CONFIG,
    now: Annotated[bool, typer.Option("--now/--no-now", help="Run once at start to catch up a missed week.")] = True,
) -> None:
    """Stay in the foreground and run the weekly brief at the configured day and time.

    A failed run is logged and retried at the next scheduled time; stop with Ctrl-C.
    """
    from briefgen import schedule as sched
    from briefgen.weekly import run_weekly

    try:
        cfg = load_config(config)
    except BriefgenError as exc:
        _fail(exc)
        return

    def job() -> None:
        run_weekly(load_config(config))  # re-read: edits apply from the next run; it logs its result

    def when(moment: dt.datetime) -> dt.datetime:
        try:
            current = load_config(config)
        except BriefgenError as exc:
            log.error("%s; keeping the last good schedule", exc)
            current = cfg
        return sched.next_run(moment, current)

    log.info("scheduling %s: every %s at %s %s", config, cfg.weekly.day, cfg.weekly.time, cfg.weekly.timezone)
    # as PID 1 in a container SIGTERM would be ignored: stop cleanly instead
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        sched.run_forever(job, when, run_now=now)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)


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
