"""The theme: the colours and fonts of ``theme.css`` (its ``:root`` custom properties),
read once so that the chart and the Word styles follow what the HTML and PDF use."""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

THEME_FILE = "theme.css"
_ROOT = re.compile(r":root\s*\{(?P<body>[^}]*)\}", re.DOTALL)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_PROPERTY = re.compile(r"--(?P<name>[A-Za-z0-9_-]+)\s*:\s*(?P<value>[^;]+);?")
_VAR = re.compile(r"var\(\s*--([A-Za-z0-9_-]+)\s*(?:,\s*([^)]*))?\)")


@dataclasses.dataclass(frozen=True)
class Theme:
    """Custom properties by name (without the leading ``--``)."""

    properties: dict[str, str] = dataclasses.field(default_factory=dict)

    def get(self, name: str, default: str) -> str:
        return self.properties.get(name, default)

    def rgb(self, name: str, default: str) -> tuple[int, int, int]:
        """A colour property as (r, g, b); the default when it is missing or not a colour."""
        from PIL import ImageColor

        for value in (self.get(name, default), default):
            try:
                r, g, b = ImageColor.getrgb(value)[:3]
                return r, g, b
            except ValueError:
                log.warning("%s: --%s: %r is not a colour; using %s", THEME_FILE, name, value, default)
        return (0, 0, 0)

    def hex(self, name: str, default: str) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb(name, default))


def parse_theme(css: str) -> Theme:
    """The custom properties of every ``:root`` block in ``css``; ``var()`` references
    between them are resolved."""
    props: dict[str, str] = {}
    for block in _ROOT.finditer(_COMMENT.sub("", css)):
        for m in _PROPERTY.finditer(block.group("body")):
            props[m.group("name")] = m.group("value").strip()
    for _ in range(5):  # var(--a) inside --b, a few levels deep
        props = {k: _resolve(v, props) for k, v in props.items()}
    return Theme(props)


def _resolve(value: str, props: dict[str, str]) -> str:
    return _VAR.sub(lambda m: props.get(m.group(1), (m.group(2) or "").strip()), value)


def load_theme(search_path: list[Path]) -> Theme:
    """The theme of the first ``theme.css`` on the search path (override, then default)."""
    for folder in search_path:
        path = folder / THEME_FILE
        if path.is_file():
            try:
                return parse_theme(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("%s: cannot read the theme (%s); using the default colours", path, exc)
                return Theme()
    return Theme()
