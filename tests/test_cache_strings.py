"""Facts entries write a repeated string once: smaller entries, one shared string object
when read back, and entries whose references do not add up are refused."""

from __future__ import annotations

from dataclasses import dataclass, field

import msgpack
import pytest

from briefgen.codec import FORMAT, CodecError, codec

SENTENCE = "The harbour board of Port Elwin delayed the new quay until the spring floods pass."


@dataclass
class Mention:
    name: str
    doc: str
    sentence: str
    votes: dict[str, float] = field(default_factory=dict)


@dataclass
class Facts:
    doc: str
    mentions: list[Mention] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _facts(n: int) -> Facts:
    return Facts(
        doc="port/elwin-01.txt",
        mentions=[
            Mention(
                name=f"Speaker {i % 3}",
                doc="port/elwin-01.txt",
                sentence=SENTENCE,
                votes={"person": 1.0},
            )
            for i in range(n)
        ],
        words=["quay", "quay", "a", "a", "spring"],
    )


def _plain_size(value: Facts) -> int:
    return len(
        msgpack.packb([FORMAT, codec(Facts).tag, codec(Facts).to_plain(value)], use_bin_type=True)
    )


def test_a_record_with_repeated_strings_round_trips_smaller_than_written_plainly():
    value = _facts(20)
    data = codec(Facts).dumps(value)
    assert codec(Facts).loads(data) == value
    assert SENTENCE.encode().count(b"Port Elwin") == 1
    assert data.count(b"Port Elwin") == 1  # written once, referred to 19 times
    assert len(data) < _plain_size(value) / 3


def test_repeated_strings_read_back_as_one_shared_object():
    back = codec(Facts).loads(codec(Facts).dumps(_facts(5)))
    assert len({id(m.sentence) for m in back.mentions}) == 1
    assert all(m.doc is back.doc for m in back.mentions)


def test_a_record_without_repeats_is_written_plainly():
    value = Facts(doc="one.txt", words=["quay", "spring", "x", "x"])  # "x" is too short to share
    assert len(codec(Facts).dumps(value)) == _plain_size(value)


def _entry(payload) -> bytes:
    return msgpack.packb([FORMAT, codec(Facts).tag, payload], use_bin_type=True)


@pytest.mark.parametrize(
    "payload",
    [
        # a reference to a string never written
        ["doc.txt", [], [msgpack.ExtType(2, b"\x00")]],
        # written once, then a number past the end
        ["doc.txt", [], [msgpack.ExtType(1, b"quay"), msgpack.ExtType(2, b"\x05")]],
        # an extension type the codec does not write
        [msgpack.ExtType(9, b"doc.txt"), [], []],
        # a string definition that is not UTF-8
        [msgpack.ExtType(1, b"\xff\xfe"), [], []],
    ],
    ids=["before-written", "past-the-end", "unknown-type", "not-utf8"],
)
def test_an_entry_whose_string_references_do_not_add_up_is_refused(payload):
    with pytest.raises(CodecError):
        codec(Facts).loads(_entry(payload))
