"""YAML written by people is read with bounds: alias bombs, self-referring aliases,
impossible dates and overlong numbers give one clear error with file:line."""

from __future__ import annotations

import logging
import time

import pytest
from typer.testing import CliRunner

from briefgen import yamlsafe
from briefgen.cli import app
from briefgen.config import load_config
from briefgen.errors import ConfigError
from briefgen.ingest import load_articles

runner = CliRunner()


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A 'billion laughs': each level lists the previous one ``width`` times."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    text = alias_bomb()
    assert len(text) < 1_000
    start = time.monotonic()
    with pytest.raises(yamlsafe.YAMLLimitError) as err:
        yamlsafe.load(text)
    assert time.monotonic() - start < 5  # measured without expanding (9**9 values otherwise)
    assert "aliases" in err.value.problem and err.value.problem_mark is not None


def test_a_self_referring_alias_is_refused():
    with pytest.raises(yamlsafe.YAMLLimitError, match="refers to the node that contains it"):
        yamlsafe.load("a: &a [1, *a]\n")


def test_ordinary_anchors_and_merge_keys_still_load():
    data = yamlsafe.load("base: &b {k: 1}\nx: {<<: *b, j: 2}\ny: [*b, *b]\n")
    assert data == {"base": {"k": 1}, "x": {"k": 1, "j": 2}, "y": [{"k": 1}, {"k": 1}]}


def test_expansion_bound_counts_only_what_aliases_add():
    many = "\n".join(f"k{i}: [a, b, c]" for i in range(50_000))  # 250,000 plain nodes
    assert len(yamlsafe.load(many)) == 50_000
    with pytest.raises(yamlsafe.YAMLLimitError):
        yamlsafe.load("a: &a [x, x, x, x]\nb: [" + ", ".join(["*a"] * 30_000) + "]\n")


@pytest.mark.parametrize(
    "yaml_text, needle",
    [
        ("d: 2023-02-30\n", "'2023-02-30' is not a valid date"),
        ("n: " + "9" * 5_000 + "\n", "a number of 5000 digits"),
        ("x: " + "1" * 400 + ".5\n", "a number of 401 digits"),
    ],
)
def test_impossible_values_are_refused_with_their_line(yaml_text, needle):
    with pytest.raises(yamlsafe.YAMLValueError) as err:
        yamlsafe.load("title: fine\n" + yaml_text)
    assert needle in err.value.problem
    assert err.value.problem_mark.line == 1


def test_valid_dates_and_numbers_keep_their_types():
    import datetime as dt

    assert yamlsafe.load("d: 2024-02-29\nn: 42\nf: 1.5\n") == {"d": dt.date(2024, 2, 29), "n": 42, "f": 1.5}


@pytest.mark.parametrize(
    "body, needle",
    [
        ("window: {since: 2023-02-30}\n", ":2:17: '2023-02-30' is not a valid date"),
        ("outputs: {render_timeout: " + "9" * 5_000 + "}\n", ":2:27: a number of 5000 digits"),
        ("ingest: {max_documents: 99999999999}\n", ":2: ingest.max_documents: Input should be less than"),
        ("outputs: {render_timeout: .inf}\n", ":2: outputs.render_timeout: Input should be a finite number"),
        ("sections: [{type: actors, limit: 1000000000}]\n", ":2: sections.0.limit: Input should be less than"),
    ],
)
def test_config_values_out_of_bounds_give_file_line_and_exit_2(tmp_path, body, needle):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text("title: T\n" + body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert f"{cfg}{needle}" in str(err.value)
    result = runner.invoke(app, ["check", "--config", str(cfg)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_an_alias_bomb_in_the_config_is_one_line_and_exit_2(tmp_path):
    cfg = tmp_path / "brief.yaml"
    cfg.write_text(alias_bomb() + "title: T\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(cfg)])
    assert result.exit_code == 2
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and f"{cfg}:" in errors[0] and "aliases" in errors[0]


def _corpus(tmp_path, sidecar: str):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and agreed the budget.\n", encoding="utf-8")
    (folder / "sources.yaml").write_text(sidecar, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "sidecar, needle",
    [
        ("a.txt: {date: 2023-02-30, title: T}\n", "sources.yaml:1: '2023-02-30' is not a valid date"),
        (alias_bomb() + "a.txt: {title: *l8}\n", "sources.yaml:6: aliases (*name) expand"),  # l5
    ],
)
def test_a_refused_sources_yaml_is_a_config_error_naming_its_line(tmp_path, sidecar, needle):
    folder = _corpus(tmp_path, sidecar)
    with pytest.raises(ConfigError) as err:
        load_articles([folder])
    assert needle in str(err.value)
    assert str(folder / "sources.yaml") in str(err.value)


def test_an_alias_bomb_in_front_matter_only_drops_the_front_matter(tmp_path, caplog):
    folder = tmp_path / "corpus"
    folder.mkdir()
    front = alias_bomb().replace("\n", "\n")
    (folder / "a.md").write_text(
        f"---\n{front}title: *l8\n---\nThe council met on Monday and agreed the budget.\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([folder])
    assert "agreed the budget" in article.text
    assert "front matter ignored" in caplog.text and "aliases" in caplog.text
    assert "quote values" not in caplog.text  # no syntax hint for a refused value
