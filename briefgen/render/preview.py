"""``briefgen preview``: the HTML brief with its assets in a folder, served on localhost."""

from __future__ import annotations

import dataclasses
import functools
import html
import http.server
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from briefgen.brief import Brief
from briefgen.errors import BriefgenError
from briefgen.atomic import write_text_atomic
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


def serve(
    folder: Path, port: int, rebuild: Callable[[], None] | None = None
) -> http.server.HTTPServer:
    """An HTTP server for ``folder`` bound to localhost only (port 0: any free port).

    When ``rebuild`` is given it runs before each request for the page, so a reload in the
    browser shows the editor's latest change; a template error is shown on the page.
    """
    handler = functools.partial(_Handler, rebuild, directory=str(folder))
    return http.server.HTTPServer(("127.0.0.1", port), handler)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, rebuild: Callable[[], None] | None, *args: Any, **kwargs: Any) -> None:
        self.rebuild = rebuild
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.rebuild is not None and self.path.split("?")[0] in ("/", "/index.html"):
            try:
                self.rebuild()
            except BriefgenError as exc:
                self._error_page(str(exc))
                return
        super().do_GET()

    def _error_page(self, message: str) -> None:
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>briefgen: error</title></head>'
            f"<body><h1>The brief cannot be rendered</h1><pre>{html.escape(message)}</pre>"
            "<p>Fix the template and reload this page.</p></body></html>"
        ).encode()
        self.send_response(500)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass
