"""Extractors: one module per section kind, each a function from annotated docs to records."""

from briefgen.extract import actors, positions, questions, summary, timeline

__all__ = ["actors", "positions", "questions", "summary", "timeline"]
