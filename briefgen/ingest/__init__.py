"""Ingest: read article files into cleaned, dated, de-duplicated ``Article`` records."""

from briefgen.ingest.clean import Cleaner
from briefgen.ingest.loader import load_articles

__all__ = ["Cleaner", "load_articles"]
