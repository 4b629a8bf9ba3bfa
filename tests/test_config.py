from __future__ import annotations

import pytest

from briefgen.config import load_config
from briefgen.errors import ConfigError


def test_yaml_syntax_error_names_file_and_line(write_config):
    path = write_config("title: ok\nsections:\n  - {type: summary\n  - type: actors\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    msg = str(err.value)
    assert str(path) in msg
    assert f"{path}:4:" in msg or f"{path}:3:" in msg
    assert "YAML syntax error" in msg


def test_unknown_section_type_names_its_line(write_config):
    path = write_config("title: T\nsections:\n  - type: summary\n  - type: gossip\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:4: sections.1.type" in str(err.value)
    assert "gossip" in str(err.value)


def test_unknown_key_is_refused_with_a_suggestion(write_config):
    path = write_config("title: T\nsubtitel: oops\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:2: subtitel: unknown key; did you mean 'subtitle'?" in str(err.value)


def test_every_problem_is_reported_at_once(write_config):
    path = write_config("title: T\nfoo: 1\nnlp:\n  batch_size: 0\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert len(err.value.problems) == 2
    assert any(":4: nlp.batch_size" in p for p in err.value.problems)


def test_paths_resolve_against_the_config_file(write_config, tmp_path):
    path = write_config("sources: [articles]\noutputs: {directory: out}\n")
    cfg = load_config(path)
    assert cfg.resolve(cfg.sources[0]) == tmp_path / "articles"
    assert cfg.resolve(cfg.outputs.directory) == tmp_path / "out"


def test_missing_sections_fall_back_to_the_default_list(write_config):
    cfg = load_config(write_config("title: T\n"))
    assert [s.type for s in cfg.sections][:2] == ["summary", "actors"]


def test_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_shipped_config_is_valid():
    from conftest import DEFAULT_CONFIG

    cfg = load_config(DEFAULT_CONFIG)
    assert cfg.sources and cfg.sections
