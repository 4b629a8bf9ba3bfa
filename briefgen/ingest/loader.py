"""Find article files, read them with the reader for their format, and build ``Article``s."""

from __future__ import annotations

import datetime as dt
import glob
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefgen.errors import IngestError
from briefgen.ingest.clean import Cleaner
from briefgen.ingest.dedup import mark_duplicates
from briefgen.ingest.docdate import coerce_date, date_from_text
from briefgen.ingest.readers import READERS, UnreadableFile
from briefgen.ingest.sidecar import SIDECAR_NAME, read_sidecar
from briefgen.models import Article

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def discover(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """Every article file under ``paths`` as (file, root) pairs, in a stable order.

    A path may be a file, a folder (searched recursively) or a glob.  Files whose
    extension no reader knows are skipped with a warning.  Raises IngestError when a
    path matches nothing.
    """
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        p = Path(raw)
        if any(ch in str(raw) for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            if not matches:
                raise IngestError(f"{raw}: the pattern matches no file")
            for m in matches:
                if m.is_file():
                    found.append((m, m.parent))
                elif m.is_dir():
                    found.extend((f, m) for f in _walk(m))
        elif p.is_dir():
            found.extend((f, p) for f in _walk(p))
        elif p.is_file():
            found.append((p, p.parent))
        else:
            raise IngestError(f"{raw}: no such file or folder")
    out, seen = [], set()
    for f, root in found:
        key = f.resolve()
        if key in seen:
            continue
        seen.add(key)
        if f.name == SIDECAR_NAME or f.name.startswith("."):
            continue
        if f.suffix.lower() not in READERS:
            log.warning("%s: skipped: no reader for %r files", f, f.suffix or "extension-less")
            continue
        out.append((f, root))
    return out


def _walk(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def read_limited(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of the file; warns when the file is truncated."""
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        log.warning("%s: larger than %d bytes; only the first part is read", path, max_bytes)
        data = data[:max_bytes]
    return data


def load_articles(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cleaner: Cleaner | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Article]:
    """Read, clean, date and de-duplicate every article under ``paths``.

    Unreadable files are skipped with one warning each.  Raises IngestError when no
    article at all could be read.
    """
    cleaner = cleaner or Cleaner()
    files = discover(paths)
    sidecars: dict[Path, dict[str, dict]] = {}
    articles: list[Article] = []
    used_ids: set[str] = set()
    for path, root in files:
        folder = path.parent
        if folder not in sidecars:
            sidecars[folder] = read_sidecar(folder)
        try:
            data = read_limited(path, max_bytes)
            raw_docs = READERS[path.suffix.lower()](path, data)
        except UnreadableFile as exc:
            log.warning("%s: skipped: %s", path, exc)
            continue
        except OSError as exc:
            log.warning("%s: skipped: cannot read: %s", path, exc.strerror or exc)
            continue
        side = sidecars[folder].get(path.name, {})
        for raw in raw_docs:
            text = cleaner.clean(raw.text)
            if not text:
                log.warning("%s%s: skipped: no text after cleaning", path, raw.suffix)
                continue
            meta = {**{k: v for k, v in raw.meta.items() if v}, **side}
            doc_id = _unique_id(_relative(path, root) + raw.suffix, used_ids)
            date = coerce_date(meta.get("date"))
            source = "metadata" if date else None
            if date is None:
                date = date_from_text(raw.text)
                source = "text" if date else None
            articles.append(
                Article(
                    id=doc_id,
                    path=str(path),
                    text=text,
                    title=_str(meta.get("title")) or _first_line(text),
                    publisher=_str(meta.get("publisher")),
                    author=_str(meta.get("author")),
                    url=_str(meta.get("url")),
                    date=date,
                    date_source=source,
                )
            )
    if not articles:
        raise IngestError(
            "no readable article found in " + ", ".join(str(p) for p in paths)
            + "; give files or folders of .txt, .md, .html, .json or feed files"
        )
    articles = [a for a in articles if _in_window(a, since, until)]
    mark_duplicates(articles)
    return articles


def _in_window(a: Article, since: dt.date | None, until: dt.date | None) -> bool:
    if a.date is None:
        return True
    if since and a.date < since:
        return False
    if until and a.date > until:
        return False
    return True


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _unique_id(base: str, used: set[str]) -> str:
    doc_id, n = base, 2
    while doc_id in used:
        doc_id, n = f"{base}~{n}", n + 1
    used.add(doc_id)
    return doc_id


def _str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return None
