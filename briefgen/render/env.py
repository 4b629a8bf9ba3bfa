"""The Jinja environment: editor overrides first, then the packaged defaults.

``{% extends "default:brief.html.j2" %}`` reaches the default of a file an editor
overrides.  Autoescape is on and undefined variables fail loudly.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from briefgen import links, paths
from briefgen.brief import format_date
from briefgen.render import chart
from briefgen.render.limits import LimitedSandbox
from briefgen.render.theme import load_theme


def _find_default_templates() -> Path:
    """``briefgen/templates`` inside an installed wheel (setup.py copies the repository's
    ``templates/`` there); in a source checkout or an editable install, ``templates/``
    at the repository's root."""
    packaged = Path(str(importlib.resources.files("briefgen") / "templates"))
    if (packaged / "brief.html.j2").is_file():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


DEFAULT_TEMPLATES = _find_default_templates()


def default_templates_dir() -> Path:
    """The packaged default templates folder."""
    return DEFAULT_TEMPLATES


def search_path(override_dir: Path | None) -> list[Path]:
    dirs = [override_dir] if override_dir else []
    return [*dirs, DEFAULT_TEMPLATES]


def find_template_file(name: str, override_dir: Path | None) -> Path:
    """The first file called ``name`` on the search path (override, then default); a
    symlink that leads out of its folder is refused (:mod:`briefgen.paths`)."""
    for d in search_path(override_dir):
        candidate = d / name
        if candidate.is_file() and paths.allowed_path(candidate, paths.real_roots([d]), what="template"):
            return candidate
    return DEFAULT_TEMPLATES / name


class RootedLoader(jinja2.FileSystemLoader):
    """A ``FileSystemLoader`` that reads a template only when its real path (symlinks
    followed) lies inside the folder it was found in.  A symlink leading out is refused
    with one warning naming it, and the search goes on to the next folder, so the
    packaged default is used instead."""

    def __init__(self, searchpath: list[str]) -> None:
        super().__init__(searchpath)
        self._warned: set[str] = set()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            filename = posixpath.join(folder, *pieces)
            if not os.path.isfile(filename):
                continue
            real = paths.allowed_path(
                filename, paths.real_roots([folder]), what="template", warn=filename not in self._warned
            )
            if real is None:
                self._warned.add(filename)
                continue
            contents = real.read_text(encoding=self.encoding)
            mtime = os.path.getmtime(real)

            def uptodate(real: Path = real, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(real) == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


def make_env(override_dir: Path | None) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            RootedLoader([str(p) for p in search_path(override_dir)]),
            jinja2.PrefixLoader({"default": RootedLoader([str(DEFAULT_TEMPLATES)])}, delimiter=":"),
        ]
    )
    env = LimitedSandbox(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datefmt"] = format_date
    env.filters["cite"] = lambda ns: "".join(f"[{n}]" for n in ns)
    theme = load_theme(search_path(override_dir))  # theme.css: also the chart's and Word's colours
    colours = chart.chart_colours(theme)
    env.globals["theme"] = theme
    env.globals["timeline_chart"] = lambda section: timeline_chart(section, colours)
    env.filters["fileurl"] = file_url
    env.filters["timefmt"] = format_time
    env.filters["href"] = links.href
    env.tests["weblink"] = links.is_web_link
    return env


def format_time(value: str) -> str:
    """'2026-11-23T13:36:47+00:00' → '23 November 2026, 13:36 UTC' (other offsets kept)."""
    try:
        t = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    zone = "UTC" if t.utcoffset() == dt.timedelta(0) else t.strftime("UTC%z") if t.tzinfo else ""
    return f"{t:%-d %B %Y, %H:%M} {zone}".strip()


def file_url(path: str) -> str:
    """An absolute path as a file:// URL; a relative one (the preview's copy) as it is."""
    return Path(path).as_uri() if Path(path).is_absolute() else quote(path)


def timeline_chart(section: Any, colours: chart.ChartColours | None = None) -> Markup:
    """The timeline section's chart as inline SVG (its <title> is the alt text), in the theme's colours."""
    return Markup(chart.to_svg(chart.layout(section.items), colours))


def section_template(env: jinja2.Environment, section_id: str, section_type: str, ext: str) -> jinja2.Template:
    """Most specific first: sections/<id>, then sections/<type>, then sections/default."""
    return env.select_template(
        [
            f"sections/{section_id}.{ext}.j2",
            f"sections/{section_type}.{ext}.j2",
            f"sections/default.{ext}.j2",
        ]
    )


def template_location(exc: BaseException) -> str | None:
    """'file:line' of the innermost template frame in an exception's traceback, if any.

    Jinja rewrites tracebacks so that template frames carry the template's file name and
    line number; this finds the deepest one.
    """
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".css")):
            found = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
