"""The per-document facts cache: a warm run skips the NLP and the per-document walk."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from test_cache import TEXTS, _articles, _shared_fake, fake_nlp  # noqa: F401 - fixtures

from briefgen import pipeline
from briefgen.cache import DocCache, code_hash
from briefgen.config import BriefConfig, CacheConfig, NLPConfig
from briefgen.extract.facts import DocFacts, facts_key


def _cfg(tmp_path: Path) -> BriefConfig:
    cfg = BriefConfig(
        nlp=NLPConfig(model="counting_test", n_process=1),
        cache=CacheConfig(directory=tmp_path / "cache"),
    )
    cfg.path = tmp_path / "brief.yaml"
    return cfg


def _fact_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.facts"))


def test_a_warm_run_reads_the_facts_and_neither_the_nlp_nor_its_cache(
    tmp_path, fake_nlp, monkeypatch
):
    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    cold = pipeline.analyse(cfg, arts)
    assert len(fake_nlp.seen) == 3 and len(_fact_files(tmp_path)) == 3
    assert any(f.actors.mentions for f in cold)  # the fake pipeline tags people and places

    fake_nlp.seen.clear()

    def no_doc(*args, **kwargs):
        raise AssertionError("a warm run loaded a Doc")

    monkeypatch.setattr(DocCache, "get", no_doc)
    warm = pipeline.analyse(cfg, arts)
    assert fake_nlp.seen == []
    assert warm == cold


def test_an_edited_document_recomputes_only_its_own_facts(tmp_path, fake_nlp):
    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    before = pipeline.analyse(cfg, arts)
    fake_nlp.seen.clear()
    edited = TEXTS[1].replace("Friday", "Monday")
    arts[1] = dataclasses.replace(arts[1], text=edited)
    after = pipeline.analyse(cfg, arts)
    assert fake_nlp.seen == [edited]
    assert after[0] == before[0] and after[2] == before[2]
    assert after[1] != before[1]


def test_a_new_title_recomputes_the_facts_from_the_cached_nlp(tmp_path, fake_nlp):
    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    pipeline.analyse(cfg, arts)
    fake_nlp.seen.clear()
    arts[0] = dataclasses.replace(arts[0], title="Will Tanzania raise its fuel tax after the vote in Dodoma?")
    assert facts_key(arts[0]) != facts_key(_articles(TEXTS)[0])
    again = pipeline.analyse(cfg, arts)
    assert fake_nlp.seen == []  # the text is unchanged: its NLP comes from the cache
    # recomputed under the new key (a fourth entry); a headline is never an open question
    assert "Will Tanzania raise its fuel tax after the vote in Dodoma?" not in [
        c.text for c in again[0].questions.candidates
    ]
    assert len(_fact_files(tmp_path)) == 4


def test_a_corrupt_facts_entry_is_recomputed_not_fatal(tmp_path, fake_nlp, caplog):
    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    good = pipeline.analyse(cfg, arts)
    broken = _fact_files(tmp_path)[0]
    broken.write_bytes(b"\x80\x05not a pickle")
    with caplog.at_level(logging.WARNING, logger="briefgen.cache"):
        again = pipeline.analyse(cfg, arts)
    assert again == good
    assert "corrupt cache entry" in caplog.text
    assert broken.read_bytes() != b"\x80\x05not a pickle"  # rewritten


def test_an_entry_of_another_type_is_recomputed(tmp_path, fake_nlp, caplog):
    import msgpack

    from briefgen.codec import FORMAT

    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    good = pipeline.analyse(cfg, arts)
    for path in _fact_files(tmp_path):
        path.write_bytes(msgpack.packb([FORMAT, "builtins.dict", {"not": "facts"}]))
    with caplog.at_level(logging.WARNING, logger="briefgen.cache"):
        assert pipeline.analyse(cfg, arts) == good
    assert "expected briefgen.extract.facts.DocFacts" in caplog.text


def test_no_cache_neither_reads_nor_writes_facts(tmp_path, fake_nlp):
    cfg, arts = _cfg(tmp_path), _articles(TEXTS)
    facts = pipeline.analyse(cfg, arts, use_cache=False)
    assert all(isinstance(f, DocFacts) for f in facts)
    assert _fact_files(tmp_path) == []
    assert len(fake_nlp.seen) == 3


def test_the_facts_namespace_follows_the_extractors_code(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("X = 1\n")
    first = code_hash(pkg)
    assert code_hash(pkg) == first
    (pkg / "a.py").write_text("X = 2\n")
    assert code_hash(pkg) != first
    models = tmp_path / "models.py"
    models.write_text("Y = 1\n")
    with_models = code_hash(pkg, models)
    models.write_text("Y = 2\n")
    assert code_hash(pkg, models) != with_models


@pytest.mark.parametrize("field", ["id", "title", "text"])
def test_the_facts_key_covers_what_the_facts_hold(field):
    (art,) = _articles(TEXTS[:1])
    other = dataclasses.replace(art, **{field: "something else"})
    assert facts_key(other) != facts_key(art)
