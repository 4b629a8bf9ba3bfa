"""Ingest: read article files into cleaned, dated, de-duplicated ``Article`` records."""

from briefgen.ingest.loader import load_articles

__all__ = ["load_articles"]
