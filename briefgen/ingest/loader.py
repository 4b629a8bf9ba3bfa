"""Find article files, read them with the reader for their format, and build ``Article``s."""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from briefgen import links
from briefgen.errors import IngestError
from briefgen.ingest.blocks import strip_blocks
from briefgen.ingest.clean import Cleaner
from briefgen.ingest.dateline import publisher_from_dateline
from briefgen.ingest.debris import tidy
from briefgen.ingest.decode import read_capped
from briefgen.ingest.dedup import mark_duplicates
from briefgen.ingest.detok import detokenise_if_ptb
from briefgen.ingest.docdate import coerce_date, date_from_path, date_from_text, undated_warning
from briefgen.ingest.readers import READERS, RawDoc, UnreadableFile
from briefgen.ingest.sidecar import SIDECAR_NAME, read_sidecar
from briefgen.ingest.title import one_line, title_from_text
from briefgen.models import Article
from briefgen.paths import allowed_path, real_roots

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def discover(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """Every article file under ``paths`` as (file, root) pairs, in a stable order.

    A path may be a file, a folder (searched recursively) or a glob.  Files whose
    extension no reader knows are skipped with a warning, and so is a symlink to a file
    outside the folder it was found in, anything that is not a regular file (a FIFO, a
    socket, a device: reading one could block forever) and a subfolder that cannot be
    listed (one warning each, naming it).  Raises IngestError when a path matches nothing.
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
                else:
                    _skip_special(m)
        elif p.is_dir():
            found.extend((f, p) for f in _walk(p))
        elif p.is_file():
            found.append((p, p.parent))
        elif _skip_special(p):
            continue
        else:
            raise IngestError(f"{raw}: no such file or folder")
    out, seen = [], set()
    roots: dict[Path, list[Path]] = {}
    for f, root in found:
        if f.name in (SIDECAR_NAME, "brief.yaml") or f.name.startswith(
            "."
        ):  # brief.yaml: `briefgen init`
            continue
        # a symlink leading out of the folder it was found in is refused (briefgen.paths)
        key = allowed_path(f, roots.setdefault(root, real_roots([root])), what="input file")
        if key is None or key in seen:
            continue
        seen.add(key)
        if f.suffix.lower() not in READERS:
            log.warning("%s: skipped: no reader for %r files", f, f.suffix or "extension-less")
            continue
        out.append((f, root))
    return out


def _walk(folder: Path) -> list[Path]:
    """The regular files under ``folder`` (symlinks to files included, symlinked folders
    not followed), sorted.  Special files and folders that cannot be listed are skipped
    with one warning each."""

    def unlistable(exc: OSError) -> None:
        log.warning(
            "%s: folder skipped: cannot list it (%s)", exc.filename or folder, exc.strerror or exc
        )

    files = []
    for top, dirs, names in os.walk(folder, onerror=unlistable):
        dirs.sort()
        for name in names:
            path = Path(top, name)
            if path.is_file():
                files.append(path)
            else:
                _skip_special(path)
    return sorted(files)


SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _skip_special(path: Path) -> bool:
    """Warn that ``path`` is skipped when it exists but is neither a regular file nor a
    folder (or is a dangling symlink); whether it was."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            log.warning("%s: skipped: a symlink to a file that does not exist", path)
            return True
        return False
    except OSError as exc:
        log.warning("%s: skipped: cannot read: %s", path, exc.strerror or exc)
        return True
    kind = next((name for test, name in SPECIAL_KINDS if test(mode)), "a special file")
    log.warning("%s: skipped: %s, not a regular file", path, kind)
    return True


def load_articles(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cleaner: Cleaner | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    strict_dates: bool = False,
    max_documents: int | None = None,
) -> list[Article]:
    """Read, clean, date and de-duplicate every article under ``paths``.

    Unreadable files are skipped with one warning each; a file over ``max_bytes`` is
    read only up to the cap, with a warning.  With ``since``/``until``, dated articles
    outside the window are left out; undated ones are kept with a warning, or left out
    when ``strict_dates`` is set.  At most ``max_documents`` documents are read: the
    most recently modified files are chosen before any is parsed, and the rest are left
    out with one warning.  Raises IngestError when no article is left.
    """
    cleaner = cleaner or Cleaner()
    sidecars: dict[Path, dict[str, dict[str, Any]]] = {}
    articles: list[Article] = []
    used_ids: set[str] = set()
    found = discover(paths)
    if max_documents is not None:
        found = newest_files(found, max_documents)
    capped = False
    for path, root in found:
        if max_documents is not None and len(articles) >= max_documents:
            capped = True
            break
        folder = path.parent
        if folder not in sidecars:
            sidecars[folder] = read_sidecar(folder)
        raw_docs = read_file(path, max_bytes)
        if raw_docs is None:
            continue
        shown = _displayable(path)
        for raw in raw_docs:
            if max_documents is not None and len(articles) >= max_documents:
                capped = True  # a feed or JSON-lines file holds several documents
                break
            doc_id = _unique_id(_displayable(_relative(path, root)) + raw.suffix, used_ids)
            # "feed.rss" applies to every entry of the file, "feed.rss#2" to one entry
            side = {
                **sidecars[folder].get(path.name, {}),
                **sidecars[folder].get(path.name + raw.suffix, {}),
            }
            article = build_article(doc_id, Path(shown), raw, side, cleaner)
            if article is None:
                log.warning(
                    "%s%s: skipped: no text left after removing page furniture", path, raw.suffix
                )
                continue
            articles.append(article)
    if capped:
        log.warning(
            "read the first %d documents only (ingest.max_documents); the rest of %s "
            "is left out: raise the cap in the config or narrow the sources",
            max_documents,
            ", ".join(str(p) for p in paths),
        )
    if not articles:
        raise IngestError(
            "no readable article found in "
            + ", ".join(str(p) for p in paths)
            + "; give files or folders of .txt, .md, .html, .json(l) or feed (.rss/.atom/.xml) files"
        )
    if since is None and until is None:  # with a window, select_window says it
        warning = undated_warning([a.path for a in articles if a.date is None], len(articles))
        if warning:
            log.warning("%s", warning)
    articles = select_window(articles, since, until, strict_dates)
    if not articles:
        raise IngestError(
            f"no article falls in the date window {since or '…'} to {until or '…'}; "
            "widen --since/--until (or the config's window:)"
            + (", or drop --strict-dates to keep undated articles" if strict_dates else "")
        )
    mark_duplicates(articles)
    return articles


def newest_files(found: list[tuple[Path, Path]], limit: int) -> list[tuple[Path, Path]]:
    """At most ``limit`` of ``found``: the most recently modified, in their found order.

    Chosen before any file is parsed, so a huge folder costs one ``stat`` per file.
    """
    if len(found) <= limit:
        return found

    def mtime(item: tuple[Path, Path]) -> float:
        try:
            return item[0].stat().st_mtime
        except OSError:
            return float("-inf")

    newest = sorted(range(len(found)), key=lambda i: mtime(found[i]), reverse=True)[:limit]
    log.warning(
        "%d files found; only the %d most recently modified are read (ingest.max_documents), "
        "%d older ones are left out: raise the cap in the config or narrow the sources",
        len(found),
        limit,
        len(found) - limit,
    )
    return [found[i] for i in sorted(newest)]


def read_file(path: Path, max_bytes: int) -> list[RawDoc] | None:
    """The raw documents of one file, or None (with one warning) when it cannot be read."""
    try:
        data, truncated = read_capped(path, max_bytes)
        if truncated:
            log.warning(
                "%s: larger than the %s cap; only the first part is read "
                "(raise ingest.max_file_mb in the config to read more)",
                path,
                _size(max_bytes),
            )
        docs = READERS[path.suffix.lower()](path, data)
    except UnreadableFile as exc:
        log.warning("%s: skipped: %s", path, exc)
        return None
    except OSError as exc:
        log.warning("%s: skipped: cannot read: %s", path, exc.strerror or exc)
        return None
    if not docs:
        log.warning("%s: skipped: no document with text in it", path)
        return None
    return docs


def build_article(
    doc_id: str, path: Path, raw: RawDoc, side: dict[str, Any], cleaner: Cleaner
) -> Article | None:
    """One Article from a raw document: cleaned text, metadata, date and its source."""
    plain = detokenise_if_ptb(raw.text)
    cleaned = cleaner.split(plain)
    meta = {**{k: v for k, v in raw.meta.items() if v}, **side}
    meta_title = _str(meta.get("title"))
    meta_title = one_line(meta_title) if meta_title else None
    text = tidy(strip_blocks(cleaned.text)[0], meta_title)
    if not text:
        return None
    byline = cleaned.bylines[0] if cleaned.bylines else None
    date = coerce_date(meta.get("date"))
    source: Literal["metadata", "text", "path"] | None = "metadata" if date else None
    if date is None:
        date = date_from_text(cleaned.body)
        source = "text" if date else None
    if date is None:
        date = date_from_path(str(path))
        source = "path" if date else None
    url = _str(meta.get("url"))
    if url and not links.is_web_link(url):
        log.warning(
            "%s%s: url %r is not an http, https or mailto link; the brief shows it as text",
            path,
            raw.suffix,
            url,
        )
    return Article(
        id=doc_id,
        path=str(path),
        text=text,
        title=meta_title or title_from_text(text),
        publisher=_str(meta.get("publisher"))
        or (byline.publisher if byline else None)
        or cleaned.source_note
        or publisher_from_dateline(plain),
        author=_str(meta.get("author")) or (byline.author if byline else None),
        url=url,
        date=date,
        date_source=source,
    )


def select_window(
    articles: Sequence[Article], since: dt.date | None, until: dt.date | None, strict: bool
) -> list[Article]:
    """The articles dated inside [since, until]; undated ones unless ``strict``."""
    if since is None and until is None:
        return list(articles)
    kept, undated = [], []
    for a in articles:
        if a.date is None:
            undated.append(a.id)
            if not strict:
                kept.append(a)
        elif (since is None or a.date >= since) and (until is None or a.date <= until):
            kept.append(a)
    if undated:
        shown = ", ".join(undated[:5]) + (
            f" and {len(undated) - 5} more" if len(undated) > 5 else ""
        )
        if strict:
            log.warning("%d undated article(s) left out by --strict-dates: %s", len(undated), shown)
        else:
            log.warning(
                "%d undated article(s) kept although a date window is set: %s "
                "(give their dates in sources.yaml, or use --strict-dates to leave them out)",
                len(undated),
                shown,
            )
    return kept


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _displayable(path: Path | str) -> str:
    """``path`` as text that can be written out: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) become U+FFFD, with one warning."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        fixed = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if isinstance(path, Path):
            log.warning(
                "%s: the file name is not valid UTF-8; it is shown as %r (rename the file "
                "to keep its name in the brief)",
                ascii(text),
                fixed,
            )
        return fixed
    return text


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
