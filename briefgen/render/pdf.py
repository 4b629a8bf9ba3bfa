"""Write the HTML brief as a PDF with WeasyPrint, fetching only local template files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from briefgen.errors import RenderError, SystemDependencyError
from briefgen.atomic import atomic_path

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


def make_url_fetcher(allowed: list[Path], refused: list[str] | None = None) -> Any:
    """A fetcher that serves files under ``allowed`` folders (and data: URLs) and refuses
    everything else, so rendering never touches the network.

    Each refused URL is appended to ``refused`` so the caller can fail loudly (WeasyPrint
    itself only logs a failed fetch and goes on).
    """
    weasyprint = check_weasyprint()
    roots = [p.resolve() for p in allowed]

    def permitted(url: str) -> bool:
        if url.startswith("data:"):
            return True
        if url.startswith("file://"):
            path = Path(unquote(url[len("file://"):].split("?")[0].split("#")[0])).resolve()
            return any(path == r or r in path.parents for r in roots)
        return False

    class LocalFetcher(weasyprint.URLFetcher):  # type: ignore[misc, name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not permitted(url):
                if refused is not None:
                    refused.append(url)
                raise ValueError(f"refused to fetch {url}: only files in the templates folders are allowed")
            return super().fetch(url, headers)

    return LocalFetcher(timeout=5, allowed_protocols=("file", "data"))


def refused_message(refused: list[str]) -> str:
    urls = ", ".join(dict.fromkeys(refused))
    return (
        f"the brief refers to {urls}, which briefgen does not fetch (no network, and only files "
        "in the templates folders or next to the logo): copy the file into your templates "
        "folder and refer to it by a relative path"
    )


def write_pdf(html: str, base_dir: Path, target: Path, allowed: list[Path], lang: str = "en") -> None:
    weasyprint = check_weasyprint()
    refused: list[str] = []
    try:
        doc = weasyprint.HTML(
            string=html, base_url=str(base_dir) + "/", url_fetcher=make_url_fetcher(allowed, refused)
        )
        with atomic_path(target) as tmp:
            doc.write_pdf(str(tmp), pdf_variant="pdf/ua-1", uncompressed_pdf=False)
            if refused:
                raise RenderError(f"{target}: {refused_message(refused)}")
    except OSError as exc:
        raise RenderError(f"{target}: cannot write the PDF: {exc.strerror or exc}") from None
