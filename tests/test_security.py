"""Each attack of issue 20, written as the attack: a planted pickle in the facts cache, a
``file://localhost`` link and CSS ``@import``, a symlinked template, a symlinked input,
``javascript:`` URLs from a sidecar, a feed and an edited extraction, control characters.
Each test proves that nothing is run, read or linked."""

from __future__ import annotations

import json
import logging
import os
import pickle
import shlex
from pathlib import Path

import pytest
from docx import Document
from test_cache import TEXTS, _articles, _shared_fake, fake_nlp  # noqa: F401 - fixtures
from test_facts_cache import _cfg, _fact_files
from typer.testing import CliRunner

from briefgen import pipeline
from briefgen.check import sample_extraction
from briefgen.cli import app
from briefgen.contract import dumps
from briefgen.errors import IngestError, RenderError
from briefgen.ingest.loader import load_articles
from briefgen.render.env import make_env
from briefgen.render.pdf import make_url_fetcher, write_pdf

runner = CliRunner()
SECRET = "TOPSECRET-4b1d"
ARTICLE = "The harbour reopened on Monday after repairs, port officials said in a statement.\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every folder briefgen may read."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


# 1. cache write access is not code execution


class Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {shlex.quote(str(self.marker))}",))


def test_a_planted_pickle_in_the_facts_cache_runs_nothing_and_is_recomputed(
    tmp_path, fake_nlp, caplog
):
    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    good = pipeline.analyse(cfg, arts)
    marker = tmp_path / "PWNED"
    planted = _fact_files(tmp_path)
    for path in planted:
        path.write_bytes(pickle.dumps(Payload(marker)))
    with caplog.at_level(logging.WARNING, logger="briefgen.cache"):
        again = pipeline.analyse(cfg, arts)
    assert not marker.exists()
    assert again == good
    assert caplog.text.count("corrupt cache entry") == len(planted)
    assert all(b"posix" not in p.read_bytes() and b"system" not in p.read_bytes() for p in planted)


def test_no_module_of_briefgen_unpickles():
    package = Path(__file__).resolve().parents[1] / "briefgen"
    offenders = [
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if "pickle.load" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


# 2. file:// URLs: the host is parsed, and the real path must be under an allowed folder


def _pdf_with(tmp_path: Path, html: str, base: Path) -> Path:
    target = tmp_path / "out.pdf"
    write_pdf(f'<html lang="en"><body>{html}</body></html>', base, target, allowed=[base])
    return target


def test_a_file_localhost_attachment_to_an_outside_file_is_refused(
    tmp_path, secret, monkeypatch
):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    # the old check read file://localhost/x as the relative path localhost/x, inside the
    # working folder: run from inside the templates folder, as the attack did
    monkeypatch.chdir(tpl)
    html = f'<p>Brief</p><a rel="attachment" href="file://localhost{secret}">x</a>'
    with pytest.raises(RenderError, match="secret.txt"):
        _pdf_with(tmp_path, html, tpl)
    assert not (tmp_path / "out.pdf").exists()


def test_a_file_localhost_attachment_inside_the_templates_folder_is_attached(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "annex.txt").write_text("annex", encoding="utf-8")
    html = f'<p>Brief</p><a rel="attachment" href="file://localhost{tpl / "annex.txt"}">x</a>'
    pdf = pypdf.PdfReader(str(_pdf_with(tmp_path, html, tpl)))
    annots = [a.get_object() for page in pdf.pages for a in page.get("/Annots", [])]
    files = [a["/FS"].get_object()["/EF"]["/F"].get_object().get_data() for a in annots if a["/Subtype"] == "/FileAttachment"]
    assert files == [b"annex"]


def test_a_css_import_of_an_outside_file_is_refused(tmp_path, secret):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    css = secret.with_suffix(".css")
    css.write_text(f'body::after {{ content: "{SECRET}" }}', encoding="utf-8")
    html = f"<style>@import url(file://localhost{css});</style><p>Brief</p>"
    with pytest.raises(RenderError, match="secret.css"):
        _pdf_with(tmp_path, html, tpl)


@pytest.mark.parametrize(
    "url",
    [
        "file://localhost{inside}/../outside/secret.txt",  # climbs out
        "file://server{inside}/a.css",  # another host
        "file:tpl/a.css",  # relative
        "file://localhost:99{inside}/a.css",  # a port
        "https://example.org/a.css",  # the network
    ],
)
def test_the_fetcher_refuses_urls_that_do_not_name_a_local_file_inside(tmp_path, secret, url):
    inside = tmp_path / "tpl"
    inside.mkdir()
    (inside / "a.css").write_text("p {}", encoding="utf-8")
    refused: list[str] = []
    fetcher = make_url_fetcher([inside], refused)
    url = url.format(inside=inside)
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert refused == [url]
    assert fetcher.fetch(f"file://{inside}/a.css").read() == b"p {}"


def test_a_symlinked_stylesheet_leading_out_is_refused_and_named(tmp_path, secret, caplog):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "brief.css").symlink_to(secret)
    fetcher = make_url_fetcher([tpl], [])
    with caplog.at_level(logging.WARNING, logger="briefgen.paths"), pytest.raises(ValueError):
        fetcher.fetch((tpl / "brief.css").as_uri())
    assert str(tpl / "brief.css") in caplog.text


# 3. a symlinked template


def test_a_symlinked_template_is_not_read_and_the_default_is_used(tmp_path, secret, caplog):
    tpl = tmp_path / "tpl"
    (tpl / "sections").mkdir(parents=True)
    link = tpl / "sections" / "summary.html.j2"
    link.symlink_to(secret)
    env = make_env(tpl)
    with caplog.at_level(logging.WARNING, logger="briefgen.paths"):
        source, filename, _ = env.loader.get_source(env, "sections/summary.html.j2")
        env.loader.get_source(env, "sections/summary.html.j2")
    assert SECRET not in source
    assert filename != str(link)
    assert caplog.text.count(str(link)) == 1  # named, once


def test_a_symlinked_template_is_not_rendered_by_the_cli(tmp_path, secret):
    tpl = tmp_path / "tpl"
    (tpl / "sections").mkdir(parents=True)
    (tpl / "sections" / "summary.html.j2").symlink_to(secret)
    html = _render(tmp_path, extra=f"templates: {tpl}\n")
    assert SECRET not in html
    assert "Something happened." in html  # the default summary template instead


def test_a_symlink_inside_the_templates_folder_still_works(tmp_path):
    tpl = tmp_path / "tpl"
    (tpl / "sections").mkdir(parents=True)
    (tpl / "mine.html.j2").write_text("<p>mine</p>", encoding="utf-8")
    (tpl / "sections" / "text.html.j2").symlink_to(tpl / "mine.html.j2")
    env = make_env(tpl)
    assert env.loader.get_source(env, "sections/text.html.j2")[0] == "<p>mine</p>"


# 5. a symlinked input file


def test_a_symlinked_input_file_leading_out_is_not_read(tmp_path, secret, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    for source in (folder, folder / "*.txt", folder / "passwd.txt"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="briefgen.paths"):
            try:
                arts = load_articles([str(source)])
            except IngestError as exc:  # the lone symlink leaves nothing to read
                assert SECRET not in str(exc)
                arts = []
        assert all(SECRET not in (a.title or "") + a.text for a in arts)
        assert "passwd.txt" in caplog.text


def test_a_symlinked_sidecar_leading_out_is_not_read(tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    outside = tmp_path / "meta.yaml"
    outside.write_text(f"article.txt: {{title: {SECRET}}}\n", encoding="utf-8")
    (folder / "sources.yaml").symlink_to(outside)
    with caplog.at_level(logging.WARNING, logger="briefgen.paths"):
        (art,) = load_articles([str(folder)])
    assert art.title != SECRET
    assert "sources.yaml" in caplog.text


# 4. javascript: links, from the three places a URL comes from


def _render(tmp_path: Path, url: str | None = None, extra: str = "", edit=None) -> str:
    data = json.loads(dumps(sample_extraction()))
    if url is not None:
        data["documents"][0]["url"] = url
    if edit:
        edit(data)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: Test brief\noutputs: {{directory: out}}\n{extra}", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", "html,docx"])
    assert result.exit_code == 0, result.output
    return (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")


def _assert_shown_not_linked(tmp_path: Path, html: str, url: str) -> None:
    assert "href=\"javascript" not in html.lower() and "href='javascript" not in html.lower()
    assert url.split("(")[0] in html  # still shown, as text
    docx = Document(str(tmp_path / "out" / "brief.docx"))
    assert all("javascript" not in r.target_ref for r in docx.part.rels.values())
    assert url in "\n".join(p.text for p in docx.paragraphs)


JS = "javascript:alert(document.cookie)"


def test_a_javascript_url_in_sources_yaml_is_shown_not_linked(tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sources.yaml").write_text(f'article.txt: {{url: "{JS}"}}\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefgen.ingest"):
        (art,) = load_articles([str(folder)])
    assert art.url == JS and "not an http, https or mailto link" in caplog.text
    _assert_shown_not_linked(tmp_path, _render(tmp_path, art.url), JS)


def test_a_javascript_link_in_a_feed_is_shown_not_linked(tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
        f"<item><title>Harbour reopens</title><link>{JS}</link>"
        f"<description>{ARTICLE}</description></item></channel></rss>",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="briefgen.ingest"):
        (art,) = load_articles([str(folder)])
    assert art.url == JS and "feed.rss#1" in caplog.text
    _assert_shown_not_linked(tmp_path, _render(tmp_path, art.url), JS)


@pytest.mark.parametrize(
    "url",
    [JS, "JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
     "vbscript:msgbox(1)"],
)
def test_an_edited_extraction_with_a_script_url_is_shown_not_linked(tmp_path, url):
    html = _render(tmp_path, url)
    lowered = html.lower()
    assert 'href="javascript' not in lowered and 'href="java' not in lowered
    assert 'href="data:' not in lowered and 'href="vbscript' not in lowered


def test_web_and_mail_links_stay_links(tmp_path):
    assert 'href="https://example.org/a"' in _render(tmp_path)
    assert 'href="mailto:desk@example.org"' in _render(tmp_path, "mailto:desk@example.org")


# 7. control characters


def test_control_characters_are_stripped_from_the_html(tmp_path):
    controls = "".join(chr(c) for c in (*range(9), 11, 12, *range(14, 32), 127, 0x85))

    def edit(data):
        data["summary"][0]["text"] = f"Something{controls}happened."
        data["documents"][0]["title"] = f"Sample{controls}article"

    html = _render(tmp_path, edit=edit)
    assert "Somethinghappened." in html and "Samplearticle" in html
    assert not any(ch in html for ch in controls)


def test_check_names_a_symlinked_template_without_reading_it(tmp_path, secret):
    secret.write_text("{{ TOPSECRET_4b1d }}\n", encoding="utf-8")  # would show as an undeclared name
    tpl = tmp_path / "tpl"
    (tpl / "sections").mkdir(parents=True)
    (tpl / "sections" / "summary.html.j2").symlink_to(secret)
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: Test brief\ntemplates: {tpl}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(cfg)])
    assert "summary.html.j2: refused" in result.output
    assert "TOPSECRET" not in result.output


# the hostile cases that held before still hold


def test_an_external_entity_in_a_feed_is_not_expanded(tmp_path, secret):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.rss").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>Feed</title><item><title>Harbour</title>'
        f"<description>{ARTICLE} &xxe;</description></item></channel></rss>",
        encoding="utf-8",
    )
    try:
        arts = load_articles([str(folder)])
    except IngestError as exc:
        assert SECRET not in str(exc)
        arts = []
    assert all(SECRET not in a.text + (a.title or "") for a in arts)


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ brief.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    ],
)
def test_a_template_cannot_leave_the_jinja_sandbox(tmp_path, escape):
    tpl = tmp_path / "tpl" / "sections"
    tpl.mkdir(parents=True)
    (tpl / "summary.html.j2").write_text(escape, encoding="utf-8")
    data = tmp_path / "x.json"
    data.write_text(dumps(sample_extraction()), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(f"title: T\noutputs: {{directory: out}}\ntemplates: {tpl.parent}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(data), "--config", str(cfg), "--format", "html"])
    assert result.exit_code != 0
    assert "uid=" not in result.output and "__builtins__" not in result.output
    assert not (tmp_path / "out" / "brief.html").exists()


@pytest.mark.parametrize("url", [JS, "https://example.org/b"])
def test_only_a_web_url_is_a_link_in_the_pdf(tmp_path, url):
    pypdf = pytest.importorskip("pypdf")
    data = json.loads(dumps(sample_extraction()))
    data["documents"][0]["url"] = url
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: Test brief\noutputs: {directory: out}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--config", str(cfg), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    pdf = pypdf.PdfReader(str(tmp_path / "out" / "brief.pdf"))
    uris = [
        str(a.get_object()["/A"].get("/URI"))
        for page in pdf.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object()
    ]
    assert uris == ([url] if url.startswith("https:") else [])
    assert url in "".join(page.extract_text() for page in pdf.pages).replace("\n", "")  # shown


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("file:///srv/tpl/a.css", "/srv/tpl/a.css"),
        ("file://localhost/srv/tpl/a.css", "/srv/tpl/a.css"),
        ("file://LOCALHOST/srv/tpl/a%20b.css?x#y", "/srv/tpl/a b.css"),
        ("file:/srv/tpl/a.css", "/srv/tpl/a.css"),
        ("file://server/srv/tpl/a.css", None),
        ("file://user@localhost/srv/a.css", None),
        ("file:tpl/a.css", None),
        ("file://localhost/srv/%00/a.css", None),
        ("http://localhost/srv/a.css", None),
    ],
)
def test_a_file_url_names_a_local_absolute_path_or_nothing(url, path):
    from briefgen.paths import file_url_path

    assert file_url_path(url) == (Path(path) if path else None)


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", True),
        ("HTTP://example.org/a", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,x", False),
        ("ftp://example.org/a", False),
        ("//example.org/a", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_https_and_mailto_urls_are_web_links(url, linked):
    from briefgen.links import href, is_web_link

    assert is_web_link(url) is linked
    assert href(url) == (url if linked else "")
