"""``briefgen templates init DIR``: copy the default templates for editors to change."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefgen.errors import RenderError
from briefgen.render.env import default_templates_dir

README = """\
# Your brief templates

These are copies of briefgen's default templates.  Point the config at this folder
(`templates: {folder}`, relative to the config file) and change what you like.

- Delete every file you do not change: the default is then used, and you get its fixes.
- `brief.css`: fonts, colours, page size and margins, running headers and footers.
- `brief.html.j2`: the page (title block, banner, method note).  To change one block only,
  replace the file's content with
  `{{% extends "default:brief.html.j2" %}}{{% block method %}}…{{% endblock %}}`.
- `sections/<type>.html.j2`: one file per section type; `sections/<section id>.html.j2`
  styles a single section (give it an `id:` in the config).  Write an item's citations as
  `{{{{ it.text }}}}{{% include "sections/_cite.html.j2" %}}`, with no space before the
  include: the partial brings its own, which keeps the last word with its citation.
- `brief.docx`: the Word template.  Open it in Word, change styles (Title, Heading 1-3,
  Quote, List Bullet, List Number, the table style), header, footer and logo.  Keep
  every `{{{{ … }}}}` and `{{% … %}}` tag intact and typed in one go.
- Put a logo or font here and refer to it by a relative path; remote URLs are refused.

Check your changes with `briefgen check --config <your config>` and look at them with
`briefgen preview --config <your config>`.  The variables are listed in briefgen's
docs/templates.md.
"""


def init_templates(dest: Path, force: bool = False) -> list[Path]:
    """Copy the default templates and a README into ``dest``; refuse to overwrite files."""
    src = default_templates_dir()
    files = sorted(p for p in src.rglob("*") if p.is_file())
    clashes = [dest / p.relative_to(src) for p in files if (dest / p.relative_to(src)).exists()]
    if clashes and not force:
        raise RenderError(
            f"{dest}: {len(clashes)} template file(s) already exist, e.g. {clashes[0]}; "
            "choose an empty folder or pass --force to overwrite them"
        )
    written = []
    try:
        for p in files:
            target = dest / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
            written.append(target)
        readme = dest / "README.md"
        readme.write_text(README.format(folder=dest.name), encoding="utf-8")
        written.append(readme)
    except OSError as exc:
        raise RenderError(f"{dest}: cannot copy the templates: {exc.strerror or exc}") from None
    return written
