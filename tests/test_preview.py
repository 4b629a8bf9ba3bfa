"""The preview server: localhost only, threaded with timeouts, no tracebacks, template
assets, and a page that reloads itself after a change."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time

import pytest

from briefgen.render.preview import RELOAD_PATH, host_allowed, serve


@pytest.fixture
def running(tmp_path):
    """A preview server over a folder with a page, and a template folder with a font."""
    page = tmp_path / "prev"
    page.mkdir()
    (page / "index.html").write_text("<html><body><p>brief</p></body></html>", encoding="utf-8")
    tpl = tmp_path / "tpl"
    (tpl / "fonts").mkdir(parents=True)
    (tpl / "fonts" / "body.woff2").write_bytes(b"wOF2 font bytes")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    server = serve(page, 0, assets=[tpl], watched=lambda: [tpl], timeout=1.0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, tpl
    server.shutdown()
    server.server_close()


def _get(server, path, host="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def test_an_idle_connection_does_not_block_another_request(running):
    server, _ = running
    idle = socket.create_connection(("127.0.0.1", server.server_address[1]))
    try:
        idle.sendall(b"GET /index.html HTTP/1.1\r\n")  # and never finishes the request
        started = time.monotonic()
        status, body = _get(server, "/index.html")
        assert status == 200 and b"brief" in body
        assert time.monotonic() - started < 0.9  # well before the idle one times out
    finally:
        idle.close()


def test_an_idle_connection_is_closed_after_the_timeout(running):
    server, _ = running
    idle = socket.create_connection(("127.0.0.1", server.server_address[1]))
    idle.settimeout(5)
    try:
        idle.sendall(b"GET /index.html HTTP/1.1\r\n")
        assert idle.recv(100) == b""  # the server hung up on it
    finally:
        idle.close()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""])
def test_a_foreign_host_header_is_refused(running, host):
    server, _ = running
    status, body = _get(server, "/index.html", host=host)
    assert status == 400
    assert b"brief" not in body.replace(b"briefgen", b"")


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:1", "[::1]:8000"])
def test_localhost_names_are_allowed(host):
    assert host_allowed(host)


@pytest.mark.parametrize("path", ["/index.html%00", "/%00/x", "/%ff%fe", "/a%0d%0aSet-Cookie:x"])
def test_a_malformed_path_gets_400_without_traceback(running, path, capfd):
    server, _ = running
    status, body = _get(server, path)
    assert status == 400
    assert b"Traceback" not in body
    assert "Traceback" not in capfd.readouterr().err


def test_assets_under_the_template_folders_are_served(running):
    server, _ = running
    status, body = _get(server, "/fonts/body.woff2")
    assert status == 200 and body == b"wOF2 font bytes"


@pytest.mark.parametrize("path", ["/../secret.txt", "/fonts/../../secret.txt", "/%2e%2e/secret.txt", "/nope.png"])
def test_nothing_outside_the_folders_is_served(running, path):
    server, _ = running
    status, body = _get(server, path)
    assert status == 404
    assert b"outside" not in body


def test_a_symlink_leaving_the_template_folder_is_not_served(running, tmp_path):
    server, tpl = running
    os.symlink(tmp_path / "secret.txt", tpl / "fonts" / "link.woff2")
    status, body = _get(server, "/fonts/link.woff2")
    assert status == 404 and b"outside" not in body


def test_the_page_polls_and_the_stamp_changes_when_a_template_changes(running):
    server, tpl = running
    status, page = _get(server, "/index.html")
    assert status == 200 and RELOAD_PATH.encode() in page
    _, before = _get(server, RELOAD_PATH)
    changed = tpl / "brief.css"
    changed.write_text("h1 { color: red }", encoding="utf-8")
    later = time.time() + 5
    os.utime(changed, (later, later))
    _, after = _get(server, RELOAD_PATH)
    assert before != after
