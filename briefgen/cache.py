"""On-disk cache of per-document work: one spaCy ``DocBin`` file per document (the NLP),
and one file of extraction facts per document (what the extractors found in it).

An NLP entry is keyed by the SHA-256 of the document's text inside a *namespace* made
of the model's name and version, the pipeline components that ran, and
``NLP_CACHE_VERSION`` (bumped whenever briefgen changes what it asks of the NLP).  A
facts entry is keyed by the hash of the document's id, title and text
(``briefgen.extract.facts.facts_key``) inside that namespace plus a hash of the
extractors' source code (``code_hash``), so a new briefgen re-extracts from the cached
NLP without re-parsing.  An edited document misses only its own entries, a new model
or a different set of components misses everything, and nothing needs to be
invalidated by hand.

Entries are written atomically (temporary file + rename).  An entry that cannot be
read back (truncated, corrupt, from another spaCy) is logged, deleted and recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from briefgen.codec import codec

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

# Bump when the Docs briefgen needs change (new components, new attributes kept).
NLP_CACHE_VERSION = "4"  # 2, 3: articles over 5,000, then 2,000 words analysed in pieces; 4: paragraph component
ENV_VAR = "BRIEFGEN_CACHE_DIR"
SUFFIX = ".spacy"
FACT_SUFFIX = ".facts"
T = TypeVar("T")


def default_cache_dir() -> Path:
    """``$BRIEFGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefgen``, else ``~/.cache/briefgen``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "briefgen"


def text_key(text: str) -> str:
    """The content hash a document is cached under."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def namespace(model: str, version: str, components: Sequence[str]) -> str:
    """A folder name for one model, version and set of components."""
    comp = hashlib.sha256(",".join(components).encode()).hexdigest()[:10]
    safe = re.sub(r"[^\w.-]+", "_", f"{model}-{version}")
    return f"{safe}-{comp}-v{NLP_CACHE_VERSION}"


class _Store:
    """Files under ``root/namespace/ab/abcdef…<suffix>``, read and written atomically."""

    suffix = ""

    def __init__(self, root: Path, space: str) -> None:
        self.root = Path(root)
        self.dir = self.root / space
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}{self.suffix}"

    def _read(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("%s: cache entry unreadable (%s); recomputing", path, exc)
            return None

    def _load(self, key: str, decode: Callable[[bytes], T]) -> T | None:
        """The entry under ``key`` decoded, or None when absent, unreadable or corrupt
        (a corrupt entry is logged and deleted: the caller recomputes it)."""
        data = self._read(key)
        if data is None:
            self.misses += 1
            return None
        try:
            value = decode(data)
        except Exception as exc:
            path = self.path(key)
            log.warning("%s: corrupt cache entry (%s); recomputing it", path, exc)
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(self.path(key))  # "last used", for prune_unused
        return value

    def _write(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``; a failure to write is logged, not raised."""
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            log.warning("%s: cannot write cache entry (%s); continuing without it", path, exc)


class DocCache(_Store):
    """Per-document ``DocBin`` files: the NLP of one text."""

    suffix = SUFFIX

    def get(self, key: str, vocab: Vocab) -> Doc | None:
        """The cached Doc for ``key``, or None when absent or unreadable."""
        from spacy.tokens import DocBin

        def decode(data: bytes) -> Doc:
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
            if len(docs) != 1:
                raise ValueError(f"expected one document, found {len(docs)}")
            return docs[0]

        return self._load(key, decode)

    def put(self, key: str, doc: Doc) -> None:
        from spacy.tokens import DocBin

        self._write(key, DocBin(docs=[doc], store_user_data=False).to_bytes())


class FactCache(_Store):
    """Per-document extraction facts (what every extractor's ``observe`` found in one
    document), stored as data: MessagePack behind a format version and the record type,
    read back into the typed records with every field checked (:mod:`briefgen.codec`).
    Reading an entry runs no code, so a cache shared with others (see docs/scale.md) can
    at worst give wrong facts, never run anything; an entry that does not decode to
    ``expected`` (another format, another type, a planted pickle) is deleted and
    recomputed.  The namespace holds a hash of the extractors' source code, so any
    change to them starts a fresh namespace."""

    suffix = FACT_SUFFIX

    def get(self, key: str, expected: type[T]) -> T | None:
        """The cached facts for ``key``, or None when absent, unreadable or not ``expected``."""
        return self._load(key, codec(expected).loads)

    def put(self, key: str, value: object) -> None:
        try:
            data = codec(type(value)).dumps(value)
        except (TypeError, ValueError) as exc:  # e.g. a string msgpack cannot encode
            log.warning("%s: facts not cached (%s)", self.path(key), exc)
            return
        self._write(key, data)


@dataclass
class CacheStats:
    """What one analysis took from the cache: documents parsed, and documents whose NLP
    or facts were reused."""

    parsed: int = 0
    reused: int = 0


def prune_unused(root: Path, keep_days: float) -> int:
    """Delete cache entries (NLP and facts) not used for ``keep_days``; return how many.

    An entry's modification time is its last use (a hit touches it), so a weekly run
    keeps what its look-back still reads and drops documents that left the window long
    ago.  Only briefgen's own entry files are considered.
    """
    root = Path(root)
    if not root.is_dir():
        return 0
    cutoff = time.time() - keep_days * 86400
    n = 0
    for suffix in (SUFFIX, FACT_SUFFIX):
        for entry in root.glob(f"*/??/*{suffix}"):
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    n += 1
    if n:
        log.info("cache %s: %d entries unused for %g days removed", root, n, keep_days)
    return n


def code_hash(*sources: Path) -> str:
    """A short hash of the files ``sources`` name (files, or the ``*.py`` and ``*.yaml``
    files of folders, read recursively): the code and data that made a fact."""
    h = hashlib.sha256()
    for source in sources:
        files = (
            sorted([*source.rglob("*.py"), *source.rglob("*.yaml")]) if source.is_dir() else [source]
        )
        for path in files:
            h.update(path.name.encode() if source == path else path.relative_to(source).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def count_entries(root: Path) -> int:
    """How many documents the cache holds analyses of (NLP entries)."""
    return sum(1 for _ in Path(root).rglob(f"*{SUFFIX}")) if Path(root).is_dir() else 0


def clear(root: Path) -> int:
    """Delete every cache entry under ``root``; return how many there were.

    Only briefgen's own files (``*.spacy`` and ``*.facts`` entries and their temporary
    files) and the folders they leave empty are removed, so a mistaken cache path loses
    nothing else.  The count is of NLP entries (documents), as :func:`count_entries`.
    """
    root = Path(root)
    if not root.is_dir():
        return 0
    n = 0
    for suffix in (SUFFIX, FACT_SUFFIX):
        for entry in root.glob(f"*/??/*{suffix}"):
            entry.unlink()
            n += suffix == SUFFIX
        for tmp in root.glob(f"*/??/.*{suffix}.*.tmp"):
            tmp.unlink()
    for folder in sorted(root.glob("*/??"), reverse=True) + sorted(root.glob("*")):
        if folder.is_dir():
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
    return n
