"""The facts cache's codec: records round-trip exactly, and anything else is refused
with the field named, before any record is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import msgpack
import pytest
from test_cache import TEXTS, _articles, _shared_fake, fake_nlp  # noqa: F401 - fixtures
from test_facts_cache import _cfg

from briefgen import pipeline
from briefgen.codec import FORMAT, CodecError, codec
from briefgen.extract.facts import DocFacts


@dataclass
class Inner:
    name: str
    span: tuple[int, int]
    score: float = 0.0


@dataclass
class Outer:
    kind: Literal["quote", "reported"]
    items: list[Inner] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    words: tuple[str, ...] = ()
    votes: dict[str, float] = field(default_factory=dict)
    note: str | None = None
    flag: bool = False


SAMPLE = Outer(
    kind="quote",
    items=[Inner("a", (1, 2), 0.5), Inner("b", (3, 4))],
    tags={"x", "y"},
    words=("p", "q"),
    votes={"PERSON": 2.0},
    note=None,
    flag=True,
)


def _entry(payload, tag=None, version=FORMAT) -> bytes:
    return msgpack.packb([version, tag or codec(Outer).tag, payload])


def test_a_record_round_trips_with_its_types():
    back = codec(Outer).loads(codec(Outer).dumps(SAMPLE))
    assert back == SAMPLE
    assert type(back.items[0].span) is tuple and type(back.tags) is set


def test_real_facts_round_trip_exactly(tmp_path, fake_nlp):
    facts = pipeline.analyse(_cfg(tmp_path), _articles(TEXTS), use_cache=False)
    assert any(f.actors.mentions for f in facts)
    assert [codec(DocFacts).loads(codec(DocFacts).dumps(f)) for f in facts] == facts


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda t: t[1][0].__setitem__(1, [1, "2"]), "items[0].span[1]"),
        (lambda t: t[1][1].__setitem__(0, True), "items[1].name"),
        (lambda t: t.__setitem__(0, "speech"), "kind"),
        (lambda t: t[1].append(["c", [5, 6], 1.0, "extra"]), "items[2]"),
        (lambda t: t.__setitem__(4, {"PERSON": "many"}), "votes['PERSON']"),
        (lambda t: t.__setitem__(6, 1), "flag"),
        (lambda t: t.pop(), "entry"),
    ],
)
def test_a_value_of_the_wrong_shape_is_refused_and_named(change, where):
    tree = codec(Outer).to_plain(SAMPLE)
    change(tree)
    with pytest.raises(CodecError) as exc:
        codec(Outer).loads(_entry(tree))
    assert str(exc.value).startswith(where + ":")


def test_an_int_stands_in_for_a_float_but_not_a_bool_for_an_int():
    tree = codec(Outer).to_plain(SAMPLE)
    tree[1][0][2] = 1
    assert codec(Outer).loads(_entry(tree)).items[0].score == 1.0
    tree[1][0][1] = [True, 2]
    with pytest.raises(CodecError, match="expected int"):
        codec(Outer).loads(_entry(tree))


def test_another_format_version_or_record_type_is_refused():
    tree = codec(Outer).to_plain(SAMPLE)
    with pytest.raises(CodecError, match="format"):
        codec(Outer).loads(_entry(tree, version=FORMAT + 1))
    with pytest.raises(CodecError, match="Outer"):
        codec(Outer).loads(_entry(tree, tag="builtins.dict"))


@pytest.mark.parametrize("data", [b"", b"\x80\x05K\x01.", b"\xc1", b"\x93\x01", b"junk" * 10])
def test_bytes_that_are_not_an_entry_are_refused(data):
    with pytest.raises(CodecError):
        codec(Outer).loads(data)


def test_a_record_holding_a_type_the_cache_cannot_check_is_refused_when_made():
    @dataclass
    class Loose:
        anything: object

    with pytest.raises(TypeError, match="not a type the cache stores"):
        codec(Loose)
