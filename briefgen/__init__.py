"""briefgen: turn a pile of news articles into a policy brief."""

__version__ = "0.1.0"
