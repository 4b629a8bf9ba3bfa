"""The NLP stage: one spaCy pipeline, loaded once, run over all documents in batches."""

from briefgen.nlp.load import AnnotatedDoc, analysis_pipeline, annotate, load_nlp

__all__ = ["AnnotatedDoc", "analysis_pipeline", "annotate", "load_nlp"]
