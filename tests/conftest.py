"""Shared fixtures.  Tests that load the spaCy model are marked ``slow``; the README's
test command (``make test``) runs them all; ``pytest -m "not slow"`` skips them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_CONFIG = ROOT / "config" / "brief.yaml"
FIXED_NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a config file into tmp_path and return its path."""

    def write(text: str, name: str = "brief.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture(scope="session")
def seed_extraction():
    """The extraction of the seeds with the default config (runs the model once)."""
    from briefgen import pipeline
    from briefgen.config import load_config

    cfg = load_config(DEFAULT_CONFIG)
    return pipeline.extract(cfg, [str(SEEDS)], now=FIXED_NOW)


@pytest.fixture
def nlp_blank():
    import spacy

    return spacy.blank("en")


def _hypothesis_profiles() -> None:
    import os

    from hypothesis import settings

    settings.register_profile("ci", max_examples=40, deadline=None)
    settings.register_profile("slow", max_examples=10_000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()


@pytest.fixture(scope="session", autouse=True)
def _isolated_nlp_cache(tmp_path_factory: pytest.TempPathFactory):
    """Point the NLP cache at a temporary folder, so tests neither read nor fill ~/.cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path_factory.mktemp("nlp-cache")))
    yield
    mp.undo()
