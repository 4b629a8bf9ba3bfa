"""Write the HTML brief as a PDF with WeasyPrint, fetching only local template files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from briefgen.errors import RenderError, SystemDependencyError
from briefgen.render.atomic import atomic_path

log = logging.getLogger(__name__)

APT_LINE = "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"


def check_weasyprint() -> Any:
    """Import WeasyPrint, or explain which system packages are missing."""
    try:
        import weasyprint
    except OSError as exc:
        raise SystemDependencyError(
            f"WeasyPrint cannot load the Pango libraries it needs ({exc}). "
            f"On Debian or Ubuntu install them with: {APT_LINE}"
        ) from None
    return weasyprint


def make_url_fetcher(allowed: list[Path]) -> Any:
    """A fetcher that serves files under ``allowed`` folders and refuses everything else."""
    weasyprint = check_weasyprint()
    roots = [p.resolve() for p in allowed]

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith("data:"):
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
        if url.startswith("file://"):
            path = Path(url[len("file://"):].split("?")[0]).resolve()
            if any(path == r or r in path.parents for r in roots):
                return weasyprint.default_url_fetcher(url, *args, **kwargs)
        raise ValueError(f"refused to fetch {url}: only files in the templates folders are allowed")

    return fetch


def write_pdf(html: str, base_dir: Path, target: Path, allowed: list[Path], lang: str = "en") -> None:
    weasyprint = check_weasyprint()
    try:
        doc = weasyprint.HTML(
            string=html, base_url=str(base_dir) + "/", url_fetcher=make_url_fetcher(allowed)
        )
        with atomic_path(target) as tmp:
            doc.write_pdf(str(tmp), pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the PDF: {exc.strerror or exc}") from None
