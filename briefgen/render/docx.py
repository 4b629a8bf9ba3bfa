"""Write the brief as DOCX through a Word template (docxtpl) that editors can restyle."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import logging
import re
import urllib.parse
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen import paths
from briefgen.atomic import atomic_path
from briefgen.brief import Brief
from briefgen.errors import RenderError, TemplateError
from briefgen.render import chart
from briefgen.render.env import default_templates_dir, section_template, template_location
from briefgen.render.html import annex_start
from briefgen.render.theme import Theme

log = logging.getLogger(__name__)
WORD_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")

# XML 1.0 forbids most control characters; article text may hold them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """A copy of a Brief value with XML-illegal characters stripped from every string.

    Dataclasses become namespaces, so templates use attribute access (``s.items`` is the
    section's items, not ``dict.items``).
    """
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("", value)
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _namespace(type(value).__name__)(
            **{f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


@functools.cache
def _namespace(name: str) -> type:
    """A namespace class named after the dataclass it copies, so that an error names the
    documented type (``SectionView has no attribute …``)."""
    return type(name, (SimpleNamespace,), {})


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def chart_image(tpl: Any, section: Any, theme: Theme | None = None) -> Any:
    """The timeline chart as a Word inline picture with its alt text (docPr descr), in the
    theme's colours."""
    from docx.shared import Mm

    lay = chart.layout(section.items)
    png = chart.to_png(lay, colours=chart.chart_colours(theme or Theme()))
    return _picture(tpl, io.BytesIO(png), _ILLEGAL_XML.sub("", lay.alt), width=Mm(165))


def logo_image(tpl: Any, brief: Brief) -> Any:
    """The configured logo as a Word picture, 18 mm high, with the organisation as alt text."""
    from docx.shared import Mm

    if Path(str(brief.logo)).suffix.lower() not in WORD_IMAGES:
        log.warning(
            "%s: Word cannot show this logo format; use PNG or JPEG for the DOCX", brief.logo
        )
        return ""
    logo = Path(str(brief.logo))
    real = paths.allowed_path(logo, paths.real_roots([logo.parent]), what="logo")
    if real is None:
        return ""
    alt = _ILLEGAL_XML.sub("", brief.organisation or "Logo")
    return _picture(tpl, str(real), alt, height=Mm(18))


def _picture(tpl: Any, image: Any, alt: str, **size: Any) -> Any:
    from docxtpl import InlineImage

    class _Picture(InlineImage):  # type: ignore[misc]
        def _insert_image(self) -> str:
            xml = super()._insert_image()
            return re.sub(r"(<wp:docPr\b)", f'\\1 descr="{_attr(alt)}"', xml, count=1)

    return _Picture(tpl, image, **size)


LINK_SCHEMES = ("http", "https", "mailto")


def linkable(url: str | None) -> bool:
    """Whether a URL may become a hyperlink (http, https, mailto); others stay text."""
    if not url:
        return False
    scheme = urllib.parse.urlsplit(url.strip()).scheme.lower()
    return scheme in LINK_SCHEMES


class WordHelpers:
    """What a Word section template reaches as ``word``: bookmarks, URL relationships and
    the chart, which need the document being written."""

    def __init__(self, tpl: Any, theme: Theme | None = None) -> None:
        self._tpl = tpl
        self._theme = theme
        self._ids = 0
        self._rels: dict[str, str] = {}

    def bookmark(self, name: str) -> Markup:
        """A bookmark (a link target) named ``name`` at this point of the paragraph."""
        self._ids += 1
        safe = escape(_BOOKMARK_CHARS.sub("_", str(name))[:40])
        return Markup(
            f'<w:bookmarkStart w:id="{self._ids}" w:name="{safe}"/><w:bookmarkEnd w:id="{self._ids}"/>'
        )

    def url(self, url: str) -> str:
        """The relationship id of an external link to ``url``; "" when it may not be a link."""
        if self._tpl is None or not linkable(url):
            return ""
        if url not in self._rels:
            self._rels[url] = self._tpl.build_url_id(url)
        return self._rels[url]

    def chart(self, section: Any) -> Any:
        """The timeline chart as an inline picture ("" without items or a document)."""
        if self._tpl is None or not section.items:
            return ""
        return chart_image(self._tpl, section, self._theme)


_BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]")


class WordSection:
    """A section rendered through its Word section template when docxtpl writes it.

    Rendering waits until then (``__html__``): pictures need the part being rendered.
    """

    def __init__(self, env: jinja2.Environment, brief: Any, section: Any, word: WordHelpers) -> None:
        self._env, self._brief, self._section, self._word = env, brief, section, word

    def __html__(self) -> str:
        tpl = section_template(self._env, self._section.id, self._section.type, "docx")
        return tpl.render(brief=self._brief, section=self._section, word=self._word)

    def __str__(self) -> str:
        return self.__html__()


class _Chart:
    """The timeline chart picture, drawn only if a template shows it."""

    def __init__(self, word: WordHelpers, section: Any) -> None:
        self._word, self._section = word, section

    def __html__(self) -> str:
        picture = self._word.chart(self._section)
        return picture.__html__() if picture else ""

    def __str__(self) -> str:
        return self.__html__()


def docx_context(brief: Brief, tpl: Any = None, env: jinja2.Environment | None = None) -> dict[str, Any]:
    """The template context: ``brief``, ``logo`` (a picture or ""), ``sections`` (the body),
    ``annexes`` (trailing evidence sections, after the method note) and ``sources``.

    With ``env`` every section gets ``word``: the section rendered through
    ``sections/<id|type|default>.docx.j2`` (the same lookup as the HTML partials)."""
    data = _xml_safe(brief)
    word = WordHelpers(tpl, _env_theme(env))
    for sec in data.sections:
        sec.word = WordSection(env, data, sec, word) if env is not None else ""
        # `s.chart` as Word templates made before the section templates use it
        sec.chart = _Chart(word, sec) if tpl is not None and sec.type == "timeline" and sec.items else ""
    body = annex_start(brief)
    return {
        "brief": data,
        "logo": logo_image(tpl, brief) if tpl is not None and brief.logo else "",
        "sections": data.sections[:body],
        "annexes": data.sections[body:],
        "sources": data.sources,
    }


def write_docx(brief: Brief, template: Path, env: jinja2.Environment, target: Path) -> None:
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(template))
        tpl.render(docx_context(brief, tpl, env), jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename}:{exc.lineno}" if exc.filename else str(template)
        raise TemplateError(f"{where}: Word template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        where = _word_location(exc) or str(template)  # a Word section template, or brief.docx
        raise TemplateError(f"{where}: Word template uses an undefined variable: {exc.message}") from None
    except jinja2.TemplateError as exc:
        where = _word_location(exc) or str(template)
        raise TemplateError(f"{where}: Word template error: {exc}") from None
    except (OSError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise TemplateError(f"{template}: cannot render the Word template: {exc}") from None
    apply_theme(tpl.docx, _env_theme(env))
    core = tpl.docx.core_properties
    core.title = brief.title
    core.author = brief.author or ""
    core.language = brief.language
    core.subject = brief.subtitle or ""
    core.comments = f"Generated by briefgen {brief.version}"
    created = _parse_time(brief.generated_at)
    if created is not None:
        core.created = created
        core.modified = created
    try:
        with atomic_path(target) as tmp:
            tpl.save(str(tmp))
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the DOCX: {exc.strerror or exc}") from None


# Word styles that take the theme's accent colour, unless the editor has recoloured them
# in the Word template (their colour differs from the packaged template's).
THEMED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Hyperlink")


def _env_theme(env: jinja2.Environment | None) -> Theme:
    theme = env.globals.get("theme") if env is not None else None
    return theme if isinstance(theme, Theme) else Theme()


def apply_theme(document: Any, theme: Theme) -> None:
    """Colour the headings, title and links of ``document`` with the theme's accent, and
    set the heading and body fonts to the theme's first font family.

    A style the editor has recoloured in Word (a colour other than the packaged
    template's) keeps its colour: the Word template's own styling wins there."""
    from docx.shared import RGBColor

    if not theme.properties:
        return
    accent = RGBColor(*theme.rgb("accent", "#1f3a5f"))
    packaged = _packaged_colours()
    for name in THEMED_STYLES:
        try:
            style = document.styles[name]
        except KeyError:
            continue
        current = style.font.color.rgb if style.font.color and style.font.color.type else None
        if current is None or str(current) == packaged.get(name):
            style.font.color.rgb = accent


@functools.lru_cache(maxsize=1)
def _packaged_colours() -> dict[str, str | None]:
    """The colour of each themed style in the packaged Word template."""
    from docx import Document

    doc = Document(str(default_templates_dir() / "brief.docx"))
    out: dict[str, str | None] = {}
    for name in THEMED_STYLES:
        try:
            rgb = doc.styles[name].font.color.rgb
        except KeyError:
            continue
        out[name] = str(rgb) if rgb is not None else None
    return out


def _word_location(exc: BaseException) -> str | None:
    """'file:line' in the Word section template an error comes from: the deepest template
    frame that is not a macro file (``_word.docx.j2``), which only carries the value."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2") and not Path(name).name.startswith("_"):
            found = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found or template_location(exc)


def _parse_time(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
