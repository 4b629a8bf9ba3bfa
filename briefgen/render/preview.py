"""``briefgen preview``: the HTML brief with its assets in a folder, served on localhost.

The server is for one editor on one machine: it binds 127.0.0.1, answers only requests
whose ``Host`` is a localhost name (so a web page cannot reach it through DNS
rebinding), serves each connection in its own thread with a timeout (an idle
connection blocks nothing), and answers a bad request with a 400 or 404 page, never a
traceback.  Files come from the preview folder, then from the template folders (fonts
and images an editor's CSS refers to); a path that resolves outside them is not served.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import http.server
import logging
import shutil
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from briefgen.atomic import write_text_atomic
from briefgen.brief import Brief
from briefgen.errors import BriefgenError
from briefgen.render.html import render_html

log = logging.getLogger(__name__)

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
CONNECTION_TIMEOUT = 10.0  # seconds a connection may stay idle before it is closed
RELOAD_PATH = "/__briefgen_reload"
POLL_MS = 1000

# A small polling script added to the served page (not to the written file): it asks
# the server for the newest change time of the watched files and reloads on a change.
RELOAD_SCRIPT = (
    "<script>(function(){var last=null;function poll(){fetch('" + RELOAD_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(last!==null&&t!==last)"
    "{location.reload()}last=t}).catch(function(){}).finally(function(){setTimeout(poll," + str(POLL_MS) + ")})}"
    "poll()})();</script>"
)


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


class PreviewServer(http.server.ThreadingHTTPServer):
    """One thread per connection; threads do not keep the process alive."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # a page load opens many connections at once; the default is 5

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that hangs up or times out is not worth a traceback on the console
        log.debug("preview: connection from %s ended with an error", client_address)


def serve(
    folder: Path,
    port: int,
    rebuild: Callable[[], Any] | None = None,
    *,
    assets: Sequence[Path] = (),
    watched: Callable[[], Sequence[Path]] | None = None,
    timeout: float = CONNECTION_TIMEOUT,
) -> PreviewServer:
    """An HTTP server for ``folder`` bound to localhost only (port 0: any free port).

    When ``rebuild`` is given it runs before each request for the page, so a reload in the
    browser shows the editor's latest change; a template error is shown on the page.
    ``assets`` are further folders (the template folders) whose files are served when the
    preview folder has no such file.  With ``watched`` (a function listing files and
    folders) the page polls the server and reloads itself when one of them changes.
    """
    handler = functools.partial(
        _Handler,
        rebuild,
        [folder, *assets],
        watched,
        timeout,
        directory=str(folder),
    )
    return PreviewServer(("127.0.0.1", port), handler)


def host_allowed(host: str | None) -> bool:
    """Whether a ``Host`` header names this machine (``localhost``, ``127.0.0.1``, ``[::1]``,
    with or without a port)."""
    if not host:
        return False
    host = host.strip().lower()
    if host.startswith("["):
        name = host[: host.find("]") + 1] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name in LOCAL_HOSTS


def change_stamp(paths: Sequence[Path]) -> str:
    """The newest modification time under ``paths`` (files, or folders searched), as text."""
    newest = 0.0
    for p in paths:
        try:
            if p.is_dir():
                for f in p.rglob("*"):
                    newest = max(newest, f.stat().st_mtime)
            elif p.exists():
                newest = max(newest, p.stat().st_mtime)
        except OSError:
            continue
    return f"{newest:.6f}"


def resolve_asset(roots: Sequence[Path], url_path: str) -> Path | None:
    """The file a URL path names in the first root that has it, or None.

    The path is resolved with symlinks followed and must stay inside its root.
    """
    parts = [p for p in url_path.split("/") if p not in ("", ".")]
    if any(p == ".." or "\\" in p for p in parts):
        return None
    for root in roots:
        base = root.resolve()
        candidate = base.joinpath(*parts).resolve()
        if candidate.is_file() and candidate.is_relative_to(base):
            return candidate
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(
        self,
        rebuild: Callable[[], Any] | None,
        roots: Sequence[Path],
        watched: Callable[[], Sequence[Path]] | None,
        timeout: float,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        self.timeout = timeout  # type: ignore[misc]  # this connection's socket timeout (StreamRequestHandler)
        self.rebuild = rebuild
        self.roots = list(roots)
        self.watched = watched
        super().__init__(*args, **kwargs)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        try:
            self._route(send_body)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            raise
        except Exception:  # the client gets a status, the console a debug line
            log.debug("preview: request %r failed", self.path, exc_info=True)
            self._page(500, "The preview server could not answer this request.", send_body)

    def _route(self, send_body: bool) -> None:
        if not host_allowed(self.headers.get("Host")):
            self._page(400, "Bad Host header: the preview answers only to localhost.", send_body)
            return
        path = _url_path(self.path)
        if path is None or not path.startswith("/") or any(ord(c) < 32 or c == "\x7f" for c in path):
            self._page(400, "Bad request path.", send_body)
            return
        if path == RELOAD_PATH:
            stamp = change_stamp(self.watched() if self.watched else [])
            self._send(200, stamp.encode(), "text/plain; charset=utf-8", send_body)
            return
        if path in ("/", "/index.html"):
            self._index(send_body)
            return
        found = resolve_asset(self.roots, path)
        if found is None:
            self._page(404, "Not found.", send_body)
            return
        self._send(200, found.read_bytes(), self.guess_type(str(found)), send_body)

    def _index(self, send_body: bool) -> None:
        if self.rebuild is not None:
            try:
                self.rebuild()
            except BriefgenError as exc:
                self._page(500, str(exc), send_body, title="The brief cannot be rendered",
                           hint="Fix the template and save: this page reloads itself.")
                return
        page = Path(self.directory) / "index.html"
        if not page.is_file():
            self._page(404, "Not found.", send_body)
            return
        body = page.read_text(encoding="utf-8")
        if self.watched is not None:
            body = _with_reload_script(body)
        self._send(200, body.encode("utf-8"), "text/html; charset=utf-8", send_body)

    def _page(
        self, status: int, message: str, send_body: bool, title: str = "briefgen preview", hint: str = ""
    ) -> None:
        script = RELOAD_SCRIPT if self.watched is not None and status == 500 else ""
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1><pre>{html.escape(message)}</pre>"
            f"{f'<p>{html.escape(hint)}</p>' if hint else ''}{script}</body></html>"
        ).encode()
        self._send(status, body, "text/html; charset=utf-8", send_body)

    def _send(self, status: int, body: bytes, ctype: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _url_path(target: str) -> str | None:
    """The decoded path of a request target, or None when it is not valid UTF-8 text."""
    raw = target.split("?", 1)[0].split("#", 1)[0]
    if not raw.isascii():
        return None
    try:
        return urllib.parse.unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None


def _with_reload_script(page: str) -> str:
    at = page.rfind("</body>")
    return page + RELOAD_SCRIPT if at < 0 else page[:at] + RELOAD_SCRIPT + page[at:]
