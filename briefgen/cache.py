"""On-disk cache of per-document NLP: one spaCy ``DocBin`` file per document.

An entry is keyed by the SHA-256 of the document's text inside a *namespace* made of
the model's name and version, the pipeline components that ran, and
``NLP_CACHE_VERSION`` (bumped whenever briefgen changes what it asks of the NLP).  So
an edited document misses only its own entry, a new model or a different set of
components misses everything, and nothing needs to be invalidated by hand.

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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

# Bump when the Docs briefgen needs change (new components, new attributes kept).
NLP_CACHE_VERSION = "4"  # 2, 3: articles over 5,000, then 2,000 words analysed in pieces; 4: paragraph component
ENV_VAR = "BRIEFGEN_CACHE_DIR"
SUFFIX = ".spacy"


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


class DocCache:
    """Per-document ``DocBin`` files under ``root/namespace/ab/abcdef….spacy``."""

    def __init__(self, root: Path, space: str) -> None:
        self.root = Path(root)
        self.dir = self.root / space
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str, vocab: Vocab) -> Doc | None:
        """The cached Doc for ``key``, or None when absent or unreadable."""
        from spacy.tokens import DocBin

        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            log.warning("%s: cache entry unreadable (%s); recomputing", path, exc)
            self.misses += 1
            return None
        try:
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
            if len(docs) != 1:
                raise ValueError(f"expected one document, found {len(docs)}")
        except Exception as exc:  # noqa: BLE001 - any decoding failure means "recompute"
            log.warning("%s: corrupt cache entry (%s); recomputing it", path, exc)
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        return docs[0]

    def put(self, key: str, doc: Doc) -> None:
        """Store ``doc`` under ``key``; a failure to write is logged, not raised."""
        from spacy.tokens import DocBin

        path = self.path(key)
        try:
            data = DocBin(docs=[doc], store_user_data=False).to_bytes()
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


def count_entries(root: Path) -> int:
    return sum(1 for _ in Path(root).rglob(f"*{SUFFIX}")) if Path(root).is_dir() else 0


def clear(root: Path) -> int:
    """Delete every cache entry under ``root``; return how many there were.

    Only briefgen's own files (``*.spacy`` entries and their temporary files) and the
    folders they leave empty are removed, so a mistaken cache path loses nothing else.
    """
    root = Path(root)
    if not root.is_dir():
        return 0
    n = 0
    for entry in root.glob(f"*/??/*{SUFFIX}"):
        entry.unlink()
        n += 1
    for tmp in root.glob(f"*/??/.*{SUFFIX}.*.tmp"):
        tmp.unlink()
    for folder in sorted(root.glob("*/??"), reverse=True) + sorted(root.glob("*")):
        if folder.is_dir():
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
    return n
