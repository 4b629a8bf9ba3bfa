"""Render: take a ``Brief`` and write bytes.  Never imports spaCy."""
