"""The per-document NLP cache: round trip, invalidation, corruption, CLI."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen import cache as cache_mod
from briefgen.cache import DocCache, namespace, text_key
from briefgen.cli import app
from briefgen.models import Article
from briefgen.nlp import load as nlp_load

runner = CliRunner()
TEXTS = [
    "Anna Berg met the Tanzanian minister in Dodoma on Monday. She said talks would go on.",
    "The Ostrava council voted on Friday. Karel Novak called the vote a mistake.",
    "Lima hosted the summit in March. Delegates from Peru and Chile attended.",
]


class CountingNLP:
    """A blank English pipeline (sentencizer + entity ruler) that counts the texts it analyses."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        ruler = self.nlp.add_pipe("entity_ruler")
        ruler.add_patterns(
            [
                {"label": "PERSON", "pattern": "Anna Berg"},
                {"label": "PERSON", "pattern": "Karel Novak"},
                {"label": "GPE", "pattern": "Dodoma"},
                {"label": "GPE", "pattern": "Lima"},
                {"label": "DATE", "pattern": [{"LOWER": {"IN": ["monday", "friday", "march"]}}]},
            ]
        )
        self.seen: list[str] = []
        self.meta = {"lang": "en", "name": "counting_test", "version": "0.0.1"}

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)

    def pipe(self, pairs, **kw):
        kw.pop("n_process", None)  # in-process only in unit tests

        def spy():
            for text, ctx in pairs:
                self.seen.append(text)
                yield text, ctx

        return self.nlp.pipe(spy(), **kw)


@pytest.fixture(scope="module")
def _shared_fake() -> CountingNLP:
    return CountingNLP()


@pytest.fixture
def fake_nlp(monkeypatch, _shared_fake):
    _shared_fake.seen.clear()
    monkeypatch.setattr(nlp_load, "analysis_pipeline", lambda name, exclude=(): _shared_fake)
    return _shared_fake


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"d{i}.txt", path=f"d{i}.txt", text=t) for i, t in enumerate(texts)]


def _run(texts: list[str], cache: DocCache | None) -> list[tuple]:
    out = nlp_load.annotate(_articles(texts), "counting_test", cache=cache)
    return [_summary(ad.doc) for ad in out]


def _summary(doc) -> tuple:
    return (
        doc.text,
        [(e.text, e.label_, e.start_char) for e in doc.ents],
        [s.text for s in doc.sents],
    )


def _cache(tmp_path: Path, fake: CountingNLP) -> DocCache:
    return DocCache(tmp_path / "cache", namespace("en_counting_test", "0.0.1", fake.pipe_names))


def test_round_trip_keeps_entities_and_sentences(tmp_path, fake_nlp):
    doc = fake_nlp.nlp(TEXTS[0])
    c = _cache(tmp_path, fake_nlp)
    c.put(text_key(doc.text), doc)
    back = c.get(text_key(doc.text), fake_nlp.vocab)
    assert back is not None
    assert _summary(back) == _summary(doc)
    assert back.tensor.size == 0


def test_same_docs_with_and_without_cache_and_second_run_skips_nlp(tmp_path, fake_nlp):
    plain = _run(TEXTS, None)
    c = _cache(tmp_path, fake_nlp)
    cold = _run(TEXTS, c)
    assert len(fake_nlp.seen) == 2 * len(TEXTS)
    fake_nlp.seen.clear()
    c2 = _cache(tmp_path, fake_nlp)
    warm = _run(TEXTS, c2)
    assert plain == cold == warm
    assert fake_nlp.seen == []
    assert (c2.hits, c2.misses) == (len(TEXTS), 0)


def test_an_edited_document_invalidates_only_its_own_entry(tmp_path, fake_nlp):
    c = _cache(tmp_path, fake_nlp)
    _run(TEXTS, c)
    before = {p: p.stat().st_ino for p in c.dir.rglob("*.spacy")}
    edited = [TEXTS[0], TEXTS[1].replace("Friday", "Monday"), TEXTS[2]]
    fake_nlp.seen.clear()
    c2 = _cache(tmp_path, fake_nlp)
    result = _run(edited, c2)
    assert fake_nlp.seen == [edited[1]]
    assert (c2.hits, c2.misses) == (2, 1)
    assert result == _run(edited, None)
    after = {p: p.stat().st_ino for p in c.dir.rglob("*.spacy")}
    assert len(after) == 4  # the old entry of the edited text stays, unused
    assert all(after[p] == ino for p, ino in before.items())  # none was rewritten


def test_a_corrupt_entry_is_recomputed_not_fatal(tmp_path, fake_nlp, caplog):
    c = _cache(tmp_path, fake_nlp)
    expected = _run(TEXTS, c)
    victim = c.path(text_key(TEXTS[2]))
    victim.write_bytes(b"\x00not a docbin")
    (c.path(text_key(TEXTS[0]))).write_bytes(b"")  # truncated to nothing
    fake_nlp.seen.clear()
    c2 = _cache(tmp_path, fake_nlp)
    with caplog.at_level(logging.WARNING, logger="briefgen.cache"):
        again = _run(TEXTS, c2)
    assert again == expected
    assert fake_nlp.seen == [TEXTS[0], TEXTS[2]]
    assert "corrupt cache entry" in caplog.text
    # rewritten: a third run hits everything
    c3 = _cache(tmp_path, fake_nlp)
    _run(TEXTS, c3)
    assert (c3.hits, c3.misses) == (3, 0)


def test_another_model_or_component_set_uses_another_namespace():
    a = namespace("en_core_web_sm", "3.8.0", ["tok2vec", "parser", "ner"])
    assert a != namespace("en_core_web_sm", "3.8.1", ["tok2vec", "parser", "ner"])
    assert a != namespace("en_core_web_md", "3.8.0", ["tok2vec", "parser", "ner"])
    assert a != namespace("en_core_web_sm", "3.8.0", ["tok2vec", "tagger", "parser", "ner"])
    assert "/" not in namespace("a/b", "1", [])


def test_unwritable_cache_is_a_warning(tmp_path, fake_nlp, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    c = DocCache(blocker, "ns")  # a file where the folder should be
    with caplog.at_level(logging.WARNING, logger="briefgen.cache"):
        assert _run(TEXTS[:1], c) == _run(TEXTS[:1], None)
    assert "cannot write cache entry" in caplog.text


def test_clear_removes_entries_only(tmp_path, fake_nlp):
    root = tmp_path / "cache"
    _run(TEXTS, _cache(tmp_path, fake_nlp))
    (root / "notes.txt").write_text("mine")
    assert cache_mod.count_entries(root) == 3
    assert cache_mod.clear(root) == 3
    assert cache_mod.count_entries(root) == 0
    assert (root / "notes.txt").read_text() == "mine"
    assert cache_mod.clear(tmp_path / "absent") == 0


def test_default_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "c"))
    assert cache_mod.default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("BRIEFGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_mod.default_cache_dir() == tmp_path / "xdg" / "briefgen"


def test_config_cache_directory_is_relative_to_the_config(write_config, tmp_path):
    from briefgen.config import load_config

    cfg = load_config(write_config("cache:\n  directory: nlp-cache\n  enabled: false\n"))
    assert cfg.cache_dir() == tmp_path / "nlp-cache"
    assert cfg.cache.enabled is False


def test_cli_cache_clear_and_info(write_config, tmp_path, fake_nlp):
    cfg = write_config("cache:\n  directory: c\n")
    _run(TEXTS, DocCache(tmp_path / "c", "ns"))
    result = runner.invoke(app, ["cache", "info", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "3 cached document(s)" in result.output
    result = runner.invoke(app, ["cache", "clear", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "removed 3" in result.output
    assert cache_mod.count_entries(tmp_path / "c") == 0


def test_build_and_extract_offer_workers_and_no_cache():
    for cmd in ("build", "extract"):
        result = runner.invoke(app, [cmd, "--help"])
        assert "--workers" in result.output and "--no-cache" in result.output


def test_resolve_workers():
    assert nlp_load.resolve_workers(3, 1) == 3
    assert nlp_load.resolve_workers(None, 5) == 1
    assert 1 <= nlp_load.resolve_workers(None, 10_000) <= nlp_load.MAX_AUTO_WORKERS


@pytest.mark.slow
def test_extraction_is_the_same_with_and_without_the_cache(tmp_path, seeds_dir):
    from conftest import DEFAULT_CONFIG, FIXED_NOW

    from briefgen import pipeline
    from briefgen.config import load_config
    from briefgen.contract import dumps

    cfg = load_config(DEFAULT_CONFIG)
    cfg.cache.directory = tmp_path / "cache"
    runs = [
        pipeline.extract(cfg, [str(seeds_dir)], now=FIXED_NOW, use_cache=False),
        pipeline.extract(cfg, [str(seeds_dir)], now=FIXED_NOW),  # cold: fills the cache
        pipeline.extract(cfg, [str(seeds_dir)], now=FIXED_NOW),  # warm
    ]
    assert cache_mod.count_entries(tmp_path / "cache") == 4  # one seed is a duplicate
    plain, cold, warm = (json.loads(dumps(r)) for r in runs)
    assert plain == cold == warm


def test_long_articles_go_through_the_pipe_in_pieces_and_come_back_whole(fake_nlp):
    paras = [TEXTS[k % 3] for k in range(7)]
    text = "\n\n".join(paras) + "\n"
    pieces = nlp_load.chunk_text(text, 40)
    assert len(pieces) > 2 and "".join(pieces) == text
    assert nlp_load.chunk_text("short text", 40) == ["short text"]
    whole = _summary(fake_nlp.nlp(text))
    art = Article(id="long", path="long", text=text)
    (ad,) = nlp_load.annotate([art], "counting_test", max_words=40)
    assert fake_nlp.seen == pieces
    assert ad.doc.text == text
    assert _summary(ad.doc) == whole
