"""The ``briefgen`` command line.  Thin: parse options, call the pipeline, map errors to exit codes.

Every command is registered through :func:`_command`, which adds ``-q/-v`` (so they work
after the subcommand as well as before it) and wraps the body in :func:`_errors`, the one
place where failures become one line and an exit code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import glob
import inspect
import logging
import signal
import sys
import typing
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from briefgen import __version__
from briefgen.config import ALL_FORMATS, BriefConfig, default_config, load_config
from briefgen.errors import BriefgenError, ExitStatus, UsageError


def _typer(**kwargs: Any) -> typer.Typer:
    # rich_markup_mode=None: plain Click help, so flags show no "<bool>" value and
    # "[dask]" in a help text stays text instead of being read as Rich markup.
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **kwargs)


app = _typer(help="Turn a pile of news articles into a policy brief (PDF, DOCX, HTML).", no_args_is_help=True)
log = logging.getLogger("briefgen")

DEFAULT_CONFIG = Path("config/brief.yaml")

ConfigOpt = Annotated[Path, typer.Option("--config", "-c", help="The brief's YAML config.")]
OutOpt = Annotated[
    Path | None, typer.Option("--out", "-o", help="Output folder (default: the config's outputs.directory).")
]
FormatOpt = Annotated[
    str | None, typer.Option("--format", "-f", help="Comma-separated: pdf,docx,html,json.")
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-j", min=1, help="NLP worker processes (default: nlp.n_process, else CPU count up to 4)."),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the NLP cache for this run.")
]
ExecutorOpt = Annotated[
    Literal["local", "dask"] | None,
    typer.Option(
        "--executor",
        help="Where the per-document NLP runs: local, or dask (nlp.dask_address, else a local "
        "cluster of --workers processes; needs briefgen[dask]). Default: nlp.executor.",
    ),
]
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Article files, folders or globs; they replace the config's sources."),
]


SinceOpt = Annotated[
    datetime | None,
    typer.Option("--since", formats=["%Y-%m-%d"], help="Only articles dated on or after this day (YYYY-MM-DD)."),
]
UntilOpt = Annotated[
    datetime | None,
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
        raise UsageError(f"--since {window.since} is after --until {window.until}")
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
    progress: _Progress | None = None


NOISY_LOGGERS = ("weasyprint", "fontTools", "trafilatura", "htmldate", "charset_normalizer")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time, so log lines go through the
    progress bar's redirection (printed above the bar) instead of breaking it."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _configure(verbose: bool, quiet: bool) -> None:
    """Set the verbosity; ``-v`` and ``-q`` may come before or after the subcommand."""
    _State.verbose, _State.quiet = verbose, quiet and not verbose
    level = logging.DEBUG if verbose else logging.ERROR if _State.quiet else logging.INFO
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log details; show tracebacks.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")]


@app.callback()
def main(
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """briefgen: articles in, policy brief out."""
    _configure(verbose, quiet)


def _command(register: Callable[[Callable[..., Any]], Any], name: str) -> Callable[[Callable[..., Any]], Any]:
    """Register a command (or group callback) with ``-v/-q`` added and the one error handler.

    ``register`` is e.g. ``app.command("build")``; the function's own parameters stay as
    they are, so its help and defaults are unchanged.
    """

    def wrap(fn: Callable[..., Any]) -> Any:
        sig = inspect.signature(fn, eval_str=True)
        hints = typing.get_type_hints(fn, include_extras=True)

        @functools.wraps(fn)
        def run(*args: Any, verbose: bool = False, quiet: bool = False, **kwargs: Any) -> Any:
            if verbose or quiet:
                _configure(verbose or _State.verbose, quiet or _State.quiet)
            with _errors(name):
                return fn(*args, **kwargs)

        extra = [
            inspect.Parameter("verbose", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=VerboseOpt),
            inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=QuietOpt),
        ]
        run.__signature__ = sig.replace(parameters=[*sig.parameters.values(), *extra])  # type: ignore[attr-defined]
        run.__annotations__ = {**hints, "verbose": VerboseOpt, "quiet": QuietOpt}
        return register(run)

    return wrap


# ---------------------------------------------------------------- errors: the one handler

MAX_MESSAGE = 500  # characters of an unexpected error's message shown on its one line


@contextlib.contextmanager
def _errors(command: str) -> Iterator[None]:
    """Turn every failure of a command into one line on stderr and an exit code.

    Known errors (BriefgenError) exit with their own status (2: usage, config, template);
    OS errors say what to do; anything unexpected names the command and the stage it was
    in, hints at ``-v`` and exits 1.  With ``-v`` the traceback is logged first.
    """
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):  # Typer's own: exit codes and usage errors
        raise
    except BriefgenError as exc:
        _fail(str(exc) or type(exc).__name__, exc.exit_status, exc)
    except OSError as exc:
        _fail(_os_message(exc), ExitStatus.ERROR, exc)
    except KeyboardInterrupt:
        _fail("interrupted", 130, None)
    except Exception as exc:
        _fail(_unexpected_message(command, exc), ExitStatus.ERROR, exc, hint=True)
    finally:
        _end_progress()


def _unexpected_message(command: str, exc: BaseException) -> str:
    """``build failed while extracting actors: KeyError: 'x'``, with any notes that name the
    document; one line, cut to a readable length."""
    stage = _State.progress.stage if _State.progress and _State.progress.stage else None
    where = f"{command} failed while {stage}" if stage else f"{command} failed"
    detail = " ".join(str(exc).split()) or "(no message)"
    notes = "; ".join(" ".join(str(n).split()) for n in getattr(exc, "__notes__", []) or [])
    text = f"{where}: {type(exc).__name__}: {detail}" + (f" ({notes})" if notes else "")
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _os_message(exc: OSError) -> str:
    """Disk full, permission denied and the like: what happened to which file, and what to do."""
    hints = {
        errno.ENOSPC: "the disk is full; free some space and run again",
        errno.EACCES: "permission denied; check the folder's permissions or choose another --out",
        errno.EROFS: "the file system is read-only; choose another --out",
    }
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{hints.get(exc.errno or 0, exc.strerror or str(exc))}"


def _fail(message: str, status: int, exc: BaseException | None, hint: bool = False) -> None:
    _end_progress()
    if _State.verbose and exc is not None:
        log.error("traceback:", exc_info=exc)
    lines = message.splitlines() or ["failed"]
    if hint and not _State.verbose:
        lines[-1] += " (run with -v for the traceback)"
    for line in lines:
        typer.echo(f"error: {line}", err=True)
    raise typer.Exit(int(status))


# ---------------------------------------------------------------- progress


class _Progress:
    """Progress on stderr.  On a terminal: a bar with the stage, a count and a rate when
    the stage reports one (documents analysed), drawn with Rich; log lines and warnings
    print above it.  Otherwise each stage is one log line.  ``-q`` shows nothing."""

    def __init__(self) -> None:
        self.stage = ""
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, message: str) -> None:
        self.stage = message
        if _State.quiet:
            return
        if not sys.stderr.isatty():
            log.info("%s", message)
            return
        bar = self._live()
        if self._task is not None:
            bar.remove_task(self._task)  # a new stage: its own count and rate
        self._task = bar.add_task(message, total=None)

    def count(self, done: int, total: int) -> None:
        """``done`` of ``total`` items of the current stage are finished."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)
        elif not _State.quiet and not sys.stderr.isatty() and total and (done == total or done % 100 == 0):
            log.info("%s: %d/%d", self.stage, done, total)

    def _live(self) -> Any:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                ProgressColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.text import Text

            class Count(ProgressColumn):  # type: ignore[misc]
                def render(self, task: Any) -> Text:
                    if not task.total:
                        return Text("")
                    rate = f" {task.speed:.1f}/s" if task.speed else ""
                    return Text(f"{task.completed:.0f}/{task.total:.0f}{rate}")

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                Count(),
                TimeElapsedColumn(),
                console=Console(file=sys.stderr),
                transient=True,
                redirect_stderr=True,
            )
            self._bar.start()
            self._task = None
        return self._bar

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _progress() -> _Progress:
    _State.progress = _Progress()
    return _State.progress


def _end_progress() -> None:
    if _State.progress is not None:
        _State.progress.close()


def _existing_paths(paths: list[str] | None) -> list[str] | None:
    """The command line's article paths; a path or pattern that matches nothing is a usage error."""
    for raw in paths or []:
        if any(ch in raw for ch in "*?["):
            if not glob.glob(raw, recursive=True):
                raise UsageError(f"{raw}: the pattern matches no file")
        elif not Path(raw).exists():
            raise UsageError(f"{raw}: no such file or folder")
    return paths


def _formats(value: str | None, cfg: BriefConfig) -> list[str]:
    if not value:
        return list(cfg.outputs.formats)
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in chosen if f not in ALL_FORMATS]
    if bad:
        raise UsageError(f"unknown format {bad[0]!r}; choose from {', '.join(ALL_FORMATS)}")
    return chosen


def _config_or_default(config: Path) -> BriefConfig:
    """The config file, or the defaults when the default config file is absent."""
    return load_config(config) if config.exists() or config != DEFAULT_CONFIG else BriefConfig()


TitleOpt = Annotated[
    str | None, typer.Option("--title", help="The brief's title (default: the config's, else inferred from the articles).")
]
FOLDER_CONFIG = "brief.yaml"  # written by `briefgen init DIR`, read by the next build of DIR (see config.FOLDER_CONFIG)


def _find_config(
    config: Path, paths: list[str] | None, default: Path, title: str | None = None, *, reads: bool = True
) -> BriefConfig:
    """The run's config: ``--config`` when given; else DIR/brief.yaml of the one folder
    given (see `init`); else ``default`` in the working folder; else the packaged defaults."""
    if config != default:
        cfg = load_config(config)
    else:
        folder = Path(paths[0]) / FOLDER_CONFIG if paths and len(paths) == 1 else None
        if folder is not None and folder.is_file():
            cfg = load_config(folder)
        elif default.exists():
            cfg = load_config(default)
            if paths and cfg.sources and "title" in cfg.model_fields_set and not title:
                log.warning(
                    "%s: its title %r, sides and topic terms apply to the articles given; "
                    "run from another folder (or give --title) for a brief on other articles",
                    default, cfg.title,
                )
        else:
            if reads and not paths:
                raise UsageError(
                    f"no config file ({default}) and no articles given: "
                    "name a folder of articles, e.g. `briefgen build my-articles/`"
                )
            cfg = default_config()
    if title:
        cfg.title = title
    return cfg


def _out_dir(out: Path | None, cfg: BriefConfig) -> Path:
    return out if out is not None else cfg.resolve(cfg.outputs.directory)


def _existing_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise UsageError(f"{path}: no such {what}")
    return path


def _print_paths(written: list[Path]) -> None:
    if not _State.quiet:
        for p in written:
            typer.echo(str(p))


@_command(app.command("build"), "build")
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
    title: TitleOpt = None,
) -> None:
    """Read the articles, extract, and write the brief (PDF, DOCX, HTML and extraction JSON).

    Without --config: DIR/brief.yaml (see `init`), else config/brief.yaml, else built-in defaults."""
    from briefgen import pipeline

    paths = _existing_paths(paths)
    cfg = _with_executor(
        _with_window(_find_config(config, paths, DEFAULT_CONFIG, title), since, until, strict_dates),
        executor,
    )
    formats = _formats(fmt, cfg)
    written = pipeline.build(
        cfg, paths, _out_dir(out, cfg), formats, progress=_progress(),
        workers=workers, use_cache=False if no_cache else None,
    )
    _end_progress()
    _print_paths(written)


@_command(app.command("extract"), "extract")
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
    title: TitleOpt = None,
) -> None:
    """Read the articles and write the extraction (briefgen.extraction/1 JSON)."""
    from briefgen import pipeline
    from briefgen.contract import write_extraction

    paths = _existing_paths(paths)
    cfg = _with_executor(
        _with_window(_find_config(config, paths, DEFAULT_CONFIG, title), since, until, strict_dates),
        executor,
    )
    ext = pipeline.extract(
        cfg, paths, progress=_progress(), workers=workers,
        use_cache=False if no_cache else None,
    )
    write_extraction(ext, output)
    _end_progress()
    _print_paths([output])


@_command(app.command("render"), "render")
def render(
    extraction: Annotated[Path, typer.Argument(help="An extraction JSON file, hand-edited or not.")],
    config: ConfigOpt = DEFAULT_CONFIG,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Render an extraction into the brief without running the NLP.

    The config's editor decisions (actors, not_actors, sides, section limits) apply to the
    stored extraction, so they need no new NLP run.
    """
    from briefgen import pipeline
    from briefgen.contract import read_extraction
    from briefgen.decisions import apply_decisions

    cfg = _find_config(config, None, DEFAULT_CONFIG, reads=False)
    formats = [f for f in _formats(fmt, cfg) if f != "json"]
    ext = apply_decisions(read_extraction(_existing_file(extraction, "extraction file")), cfg)
    written = pipeline.render(ext, cfg, _out_dir(out, cfg), formats, progress=_progress())
    _end_progress()
    _print_paths(written)


@_command(app.command("check"), "check")
def check(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Validate the config and the templates; report every problem with file:line."""
    from briefgen.check import check as run_check

    problems = run_check(load_config(config))
    for p in problems:
        typer.echo(f"error: {p}", err=True)
    if problems:
        raise typer.Exit(int(ExitStatus.USAGE))
    if not _State.quiet:
        typer.echo(f"{config}: OK")


@_command(app.command("init"), "init")
def init(
    directory: Annotated[Path, typer.Argument(help="A folder of articles.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing brief.yaml.")] = False,
    workers: WorkersOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write DIRECTORY/brief.yaml with the title, sides, topic terms and top actors its
    articles suggest, for an editor to adjust; `briefgen build DIRECTORY` then reads it."""
    from briefgen import pipeline
    from briefgen.config import suggested_config
    from briefgen.extract.summary import framing as framing

    target = directory / FOLDER_CONFIG
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder; give the folder of articles")
    if target.exists() and not force:
        raise UsageError(f"{target} exists; edit it, or give --force to write it anew")
    ext = pipeline.extract(
        default_config(), [str(directory)], progress=_progress(), workers=workers,
        use_cache=False if no_cache else None,
    )
    found = framing.infer(ext)
    text = suggested_config(
        directory, found.title, found.subtitle, found.sides, found.topic_terms, found.top_actors
    )
    target.write_text(text, encoding="utf-8")
    _end_progress()
    if not _State.quiet:
        typer.echo(f"{target}: title {found.title!r}; edit it, then run `briefgen build {directory}`")


templates_app = _typer(help="Work with the brief's templates.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@_command(templates_app.command("init"), "templates init")
def templates_init(
    directory: Annotated[Path, typer.Argument(help="Folder to copy the default templates into.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
) -> None:
    """Copy the default templates (HTML partials, CSS, Word template) and a README into DIRECTORY."""
    from briefgen.render.scaffold import init_templates

    written = init_templates(directory, force=force)
    if not _State.quiet:
        typer.echo(f"{directory}: {len(written)} files; set 'templates: {directory}' in your config")


def _default_extraction(cfg: BriefConfig) -> Path | None:
    """The last build's extraction JSON, when there is one."""
    path = cfg.resolve(cfg.outputs.directory) / cfg.outputs.extraction_filename
    return path if path.is_file() else None


@_command(app.command("preview"), "preview")
def preview(
    config: ConfigOpt = DEFAULT_CONFIG,
    extraction: Annotated[
        Path | None,
        typer.Option(
            "--extraction", "-e",
            help="Render this extraction JSON (default: the last build's, else sample data).",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the preview.")] = Path("out/preview"),
    port: Annotated[int, typer.Option("--port", help="Port on localhost (0: any free port).")] = 8000,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve on localhost until Ctrl-C.")] = True,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open a browser on the preview.")] = True,
) -> None:
    """Write the HTML brief with its assets and serve it on localhost, without making a PDF.

    The page reloads itself when a template, CSS or the config changes.
    """
    import webbrowser

    from briefgen.brief import build_brief
    from briefgen.check import sample_extraction
    from briefgen.contract import read_extraction
    from briefgen.decisions import apply_decisions
    from briefgen.render.env import make_env, search_path
    from briefgen.render.preview import serve as make_server
    from briefgen.render.preview import write_preview

    if extraction is not None:
        _existing_file(extraction, "extraction file")
    chosen = extraction or _default_extraction(_config_or_default(config))
    if chosen is not None and extraction is None:
        log.info("previewing %s (give -e for another extraction)", chosen)

    def template_folders() -> list[Path]:
        cfg = _config_or_default(config)
        return search_path(cfg.resolve(cfg.templates) if cfg.templates else None)

    def watched() -> list[Path]:
        return [config, *template_folders()]

    def rebuild() -> Path:
        cfg = _config_or_default(config)
        ext = apply_decisions(read_extraction(chosen), cfg) if chosen else sample_extraction()
        env = make_env(cfg.resolve(cfg.templates) if cfg.templates else None)
        return write_preview(build_brief(ext, cfg, dt.datetime.now(dt.UTC)), env, out)

    page = rebuild()
    if not serve:
        typer.echo(str(page))
        return
    try:
        server = make_server(out, port, rebuild, assets=template_folders(), watched=watched)
    except OSError as exc:
        raise BriefgenError(f"cannot serve on port {port}: {exc.strerror or exc}; try --port 0") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    typer.echo(f"{page}\nserving {url} (the page reloads after a change; Ctrl-C to stop)")
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


@_command(app.command("weekly"), "weekly")
def weekly(
    config: WeeklyConfigOpt = WEEKLY_CONFIG,
    week: Annotated[
        str | None,
        typer.Option("--week", "-w", help="ISO week, e.g. 2023-W15 (default: the last complete week)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the week is up to date.")] = False,
    paths: PathsArg = None,
    title: TitleOpt = None,
) -> None:
    """Write one ISO week's brief into out/<name>/<YYYY-Www>/; does nothing if it is up to date.

    Exit codes: 0 built or up to date, 1 the run failed, 2 bad usage or config,
    75 another run holds the lock.
    """
    from briefgen.weekly import parse_week, run_weekly

    paths = _existing_paths(paths)
    cfg = _find_config(config, paths, WEEKLY_CONFIG, title)
    chosen = parse_week(week) if week else None
    result = run_weekly(cfg, chosen, force=force, paths=paths, progress=_progress())
    _end_progress()
    if not _State.quiet:
        typer.echo(f"{result.week.label}: {result.message}")
        for p in result.written:
            typer.echo(str(p))


schedule_app = _typer(
    help="Schedule the weekly brief: print a cron line or systemd units, or run a foreground loop.",
    no_args_is_help=False,
)
app.add_typer(schedule_app, name="schedule")


@_command(schedule_app.callback(invoke_without_command=True), "schedule")
def schedule(
    ctx: typer.Context,
    print_: Annotated[
        str | None, typer.Option("--print", help="cron: a crontab line; systemd: a service and a timer unit.")
    ] = None,
    config: WeeklyConfigOpt = WEEKLY_CONFIG,
    write: Annotated[
        Path | None, typer.Option("--write", help="systemd: also write the two unit files into this folder.")
    ] = None,
) -> None:
    """Print how to run `briefgen weekly` every week for this config, with absolute paths."""
    from briefgen import schedule as sched

    if ctx.invoked_subcommand is not None:
        return
    if print_ not in ("cron", "systemd"):
        raise UsageError("give --print cron or --print systemd, or use `briefgen schedule run`")
    cfg = load_config(config)
    if print_ == "cron":
        typer.echo(str(sched.cron_entry(cfg)), nl=False)
        return
    # a system unit runs as the invoking user (not root under sudo); a user unit needs no User=
    user = None if sched.is_user_unit_folder(write) else sched.invoking_user()
    units = sched.systemd_units(cfg, user=user)
    typer.echo(sched.format_units(units, write), nl=False)
    if write is not None:
        for p in sched.write_units(units, write):
            typer.echo(f"wrote {p}", err=True)


@_command(schedule_app.command("run"), "schedule run")
def schedule_run(
    config: WeeklyConfigOpt = WEEKLY_CONFIG,
    now: Annotated[bool, typer.Option("--now/--no-now", help="Run once at start to catch up a missed week.")] = True,
) -> None:
    """Stay in the foreground and run the weekly brief at the configured day and time.

    A failed run is logged and retried at the next scheduled time; stop with Ctrl-C.
    """
    from briefgen import schedule as sched
    from briefgen.weekly import run_weekly

    cfg = load_config(config)

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


cache_app = _typer(help="Manage the on-disk cache of per-document NLP.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@_command(cache_app.command("clear"), "cache clear")
def cache_clear(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Delete every cached document analysis (the cache folder of the config)."""
    from briefgen import cache

    root = _config_or_default(config).cache_dir()
    try:
        n = cache.clear(root)
    except OSError as exc:
        raise BriefgenError(f"cannot clear the cache {root}: {exc}; check its permissions") from None
    if not _State.quiet:
        typer.echo(f"{root}: removed {n} cached document(s)")


@_command(cache_app.command("info"), "cache info")
def cache_info(config: ConfigOpt = DEFAULT_CONFIG) -> None:
    """Print where the cache is and how many documents it holds."""
    from briefgen import cache

    cfg = _config_or_default(config)
    root = cfg.cache_dir()
    state = "enabled" if cfg.cache.enabled else "disabled in the config"
    typer.echo(f"{root}: {cache.count_entries(root)} cached document(s); {state}")


if __name__ == "__main__":  # `python -m briefgen.cli …` works as `python -m briefgen …`
    app()
