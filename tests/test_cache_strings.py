"""Facts entries write a repeated string once and compress the record: smaller entries,
one shared string object when read back, and entries whose references or compression do
not add up are refused."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import msgpack
import pytest

from briefgen.codec import FORMAT, MAX_RECORD_BYTES, CodecError, codec

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


def _record(data: bytes) -> bytes:
    """The packed record inside an entry, uncompressed."""
    return zlib.decompress(msgpack.unpackb(data)[2])


def test_a_record_with_repeated_strings_round_trips_smaller_than_written_plainly():
    value = _facts(20)
    data = codec(Facts).dumps(value)
    assert codec(Facts).loads(data) == value
    assert _record(data).count(b"Port Elwin") == 1  # written once, referred to 19 times
    assert len(_record(data)) < _plain_size(value) / 3
    assert len(data) < len(_record(data))  # and compressed


def test_repeated_strings_read_back_as_one_shared_object():
    back = codec(Facts).loads(codec(Facts).dumps(_facts(5)))
    assert len({id(m.sentence) for m in back.mentions}) == 1
    assert all(m.doc is back.doc for m in back.mentions)


def test_a_record_without_repeats_is_written_plainly():
    value = Facts(doc="one.txt", words=["quay", "spring", "x", "x"])  # "x" is too short to share
    plain = msgpack.packb(codec(Facts).to_plain(value), use_bin_type=True)
    assert _record(codec(Facts).dumps(value)) == plain


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


def _compressed_entry(record: bytes) -> bytes:
    return msgpack.packb([FORMAT, codec(Facts).tag, record], use_bin_type=True)


@pytest.mark.parametrize(
    "record",
    [
        b"not zlib at all",
        zlib.compress(msgpack.packb(["doc.txt", [], []]))[:-6],  # cut short
        zlib.compress(msgpack.packb(["doc.txt", [], []])) + b"trailing",
        zlib.compress(b"\xc1"),  # not MessagePack inside
    ],
    ids=["not-zlib", "truncated", "trailing-bytes", "not-msgpack"],
)
def test_a_compressed_record_that_does_not_unpack_is_refused(record):
    with pytest.raises(CodecError):
        codec(Facts).loads(_compressed_entry(record))


def test_a_record_that_would_inflate_beyond_the_bound_is_refused_without_inflating_it():
    bomb = zlib.compress(b"\x00" * (MAX_RECORD_BYTES + 1), 9)  # a few hundred kB
    with pytest.raises(CodecError, match="at most"):
        codec(Facts).loads(_compressed_entry(bomb))
