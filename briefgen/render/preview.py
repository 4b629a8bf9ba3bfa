"""``briefgen preview``: the HTML brief with its assets in a folder, served on localhost."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import shutil
from pathlib import Path

import jinja2

from briefgen.brief import Brief
from briefgen.render.atomic import write_text_atomic
from briefgen.render.html import render_html


def write_preview(brief: Brief, env: jinja2.Environment, folder: Path) -> Path:
    """Write ``index.html`` into ``folder``, with the logo copied next to it."""
    folder.mkdir(parents=True, exist_ok=True)
    if brief.logo:
        logo = Path(brief.logo)
        shutil.copy2(logo, folder / logo.name)
        brief = dataclasses.replace(brief, logo=logo.name)
    target = folder / "index.html"
    write_text_atomic(target, render_html(brief, env))
    return target


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``folder`` bound to localhost only (port 0: any free port)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
