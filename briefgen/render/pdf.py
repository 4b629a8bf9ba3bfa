"""Write the HTML brief as a PDF with WeasyPrint, fetching only local template files."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any

from briefgen import paths
from briefgen.atomic import atomic_path
from briefgen.errors import RenderError, SystemDependencyError

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
    roots = paths.real_roots(allowed)

    def local_file(url: str) -> Path | None:
        path = paths.file_url_path(url)
        return None if path is None else paths.allowed_path(path, roots, what="file")

    class LocalFetcher(weasyprint.URLFetcher):  # type: ignore[misc, name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_file(url)
            if path is None:
                if refused is not None:
                    refused.append(url)
                raise ValueError(f"refused to fetch {url}: only files in the templates folders are allowed")
            # the checked real path is opened, not the URL again (no second resolution)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": kind}
            )

    return LocalFetcher(timeout=5, allowed_protocols=("file", "data"))


def refused_message(refused: list[str]) -> str:
    urls = ", ".join(dict.fromkeys(refused))
    return (
        f"the brief refers to {urls}, which briefgen does not fetch (no network, and only files "
        "in the templates folders or next to the logo): copy the file into your templates "
        "folder and refer to it by a relative path"
    )


def write_pdf(html: str, base_dir: Path, target: Path, allowed: list[Path]) -> None:
    """Write ``html`` as a tagged PDF (PDF/UA-1; its language is the page's ``<html lang>``)."""
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
