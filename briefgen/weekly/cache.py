"""A disk cache of annotated documents, so the look-back is not re-parsed every week.

With a 4-week look-back each article is read by five weekly runs; the spaCy pass is
most of a run's cost.  Each Doc is stored once as a ``DocBin`` under a key made of the
article's text hash, the model's name and version and the spaCy version, so a new
model or a changed text is simply a miss.  Entries unused for ``keep_days`` are pruned.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefgen.models import Article
from briefgen.nlp import AnnotatedDoc, annotate, load_nlp
from briefgen.render.atomic import atomic_path

log = logging.getLogger(__name__)


def _model_tag(model: str) -> str:
    import spacy

    nlp = load_nlp(model)
    raw = f"{model}-{nlp.meta.get('version', '?')}-spacy{spacy.__version__}"
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in raw)


def _key(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


class DocCache:
    """``annotate`` with a folder of cached Docs; call it like ``briefgen.nlp.annotate``."""

    def __init__(self, folder: Path, keep_days: float = 120.0) -> None:
        self.folder = folder
        self.keep_days = keep_days
        self.hits = 0
        self.misses = 0

    def __call__(
        self, articles: Sequence[Article], model: str, *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[AnnotatedDoc]:
        from spacy.tokens import DocBin

        nlp = load_nlp(model)
        folder = self.folder / _model_tag(model)
        folder.mkdir(parents=True, exist_ok=True)
        docs: dict[str, AnnotatedDoc] = {}
        missing: list[Article] = []
        for a in articles:
            path = folder / f"{_key(a)}.spacy"
            try:
                data = path.read_bytes()
            except OSError:
                missing.append(a)
                continue
            try:
                doc = next(iter(DocBin().from_bytes(data).get_docs(nlp.vocab)))
            except Exception:  # noqa: BLE001 - a damaged entry is a miss, not a failure
                log.warning("%s: unreadable cache entry; annotating again", path)
                missing.append(a)
                continue
            path.touch()
            docs[a.id] = AnnotatedDoc(article=a, doc=doc)
        self.hits += len(articles) - len(missing)
        self.misses += len(missing)
        for ad in annotate(missing, model, batch_size=batch_size, n_process=n_process):
            docs[ad.id] = ad
            with atomic_path(folder / f"{_key(ad.article)}.spacy") as tmp:
                tmp.write_bytes(DocBin(docs=[ad.doc]).to_bytes())
        log.info(
            "annotated %d documents, %d from the cache", len(articles), len(articles) - len(missing)
        )
        self._prune(folder)
        for a in articles:
            yield docs[a.id]

    def _prune(self, folder: Path) -> None:
        cutoff = time.time() - self.keep_days * 86400
        for p in folder.glob("*.spacy"):
            try:
                if p.stat().st_mtime < cutoff:
                    p.unlink()
            except OSError:
                continue
