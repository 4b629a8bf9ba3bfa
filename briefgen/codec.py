"""Typed records to bytes and back, as data only: no code runs when an entry is read.

A :class:`Codec` is built from a dataclass's type hints.  It writes a record as a plain
tree (a dataclass becomes a list of its fields in order; sets and tuples become lists)
packed with MessagePack, behind a format version and the record's type name.  A string
that occurs more than once in an entry (a sentence quoted by every mention in it, a
document's id in every record) is written once, and referred to by number after that
(:func:`_share_strings`), so the records read back share one string object instead of
holding copies; the packed record is then compressed (zlib, read back with a bound on
its size).  Facts entries shrink about five-fold (docs/robustness.md).  Reading
checks every value against the type it must have (``str``, ``int``, ``float``, ``bool``,
``None``, ``Literal`` values, lists, tuples of a fixed length, sets, ``dict[str, …]``,
nested dataclasses) and rebuilds the records; anything else raises :class:`CodecError`
naming the field.  A type built of anything else is refused when its codec is made.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import types
import typing
import zlib
from collections.abc import Callable
from typing import Any, Generic, Literal, TypeVar, Union, cast

import msgpack  # type: ignore[import-untyped]

FORMAT = 2  # bump when the layout of an entry changes (2: strings written once, compressed)
ZLIB_LEVEL = 1  # level 6 saves another ~15% for three times the time
# a compressed record that unpacks to more than this is refused (a zlib bomb in a shared
# cache); the facts of a 200,000-character article take a few MB
MAX_RECORD_BYTES = 64 * 1024 * 1024
T = TypeVar("T")
Conv = Callable[[Any], Any]
SCALARS = (str, int, float, bool, bytes)
_STR = {str}


class CodecError(ValueError):
    """The bytes are not a valid entry of the expected record type; ``path`` says where."""

    def __init__(self, want: str, got: Any, path: str = "") -> None:
        self.want, self.got, self.path = want, got, path
        super().__init__(f"{path or 'entry'}: expected {want}, found {_show(got)}")

    def at(self, step: str) -> CodecError:
        """The same error one level up (``step`` is a field name or ``[i]``)."""
        joined = step + (
            "" if not self.path else self.path if self.path[0] == "[" else "." + self.path
        )
        return CodecError(self.want, self.got, joined)


def _show(v: Any) -> str:
    return repr(v)[:40] if type(v) in (str, int, float, bool) or v is None else type(v).__name__


def _same(v: Any) -> Any:
    return v


def _scalar(kind: type) -> tuple[Conv, Conv]:
    def check(v: Any) -> Any:
        # bool is an int to Python: neither stands in for the other here
        if type(v) is kind:
            return v
        if kind is float and type(v) is int:
            return float(v)
        raise CodecError(kind.__name__, v)

    return _same, check


def _none(v: Any) -> Any:
    if v is not None:
        raise CodecError("null", v)
    return v


def _literal(values: tuple[Any, ...]) -> tuple[Conv, Conv]:
    allowed = frozenset(values)
    want = " or ".join(map(repr, values))

    def check(v: Any) -> Any:
        if type(v) not in (str, int, bool) or v not in allowed:
            raise CodecError(want, v)
        return v

    return _same, check


def _optional(inner: tuple[Conv, Conv]) -> tuple[Conv, Conv]:
    enc, dec = inner
    return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))


def _items(dec: Conv, v: list[Any]) -> list[Any]:
    """``dec`` over every item; an error names the item's index."""
    try:
        return [dec(x) for x in v]
    except CodecError:
        for i, x in enumerate(v):
            try:
                dec(x)
            except CodecError as exc:
                raise exc.at(f"[{i}]") from None
        raise


def _sequence(tp: Any, build: type) -> tuple[Conv, Conv]:
    if tp in SCALARS:
        # the common case, kept to one pass over the list
        def encode(v: Any) -> Any:
            return list(v)

        def decode(v: Any) -> Any:
            if type(v) is not list:
                raise CodecError("a list", v)
            if v and set(map(type, v)) != {tp}:
                v = _items(_scalar(tp)[1], v)
            return v if build is list else build(v)

        return encode, decode
    enc, dec = converters(tp)

    def encode_items(v: Any) -> Any:
        return [enc(x) for x in v]

    def decode_items(v: Any) -> Any:
        if type(v) is not list:
            raise CodecError("a list", v)
        items = _items(dec, v)
        return items if build is list else build(items)

    return encode_items, decode_items


def _fixed_tuple(args: tuple[Any, ...]) -> tuple[Conv, Conv]:
    pairs = [converters(a) for a in args]
    n = len(pairs)

    def encode(v: Any) -> Any:
        return [enc(x) for (enc, _), x in zip(pairs, v)]

    kinds = list(args) if all(a in SCALARS for a in args) else None

    def decode(v: Any) -> Any:
        if type(v) is not list or len(v) != n:
            raise CodecError(f"a list of {n}", v)
        if kinds is not None and list(map(type, v)) == kinds:  # the common case, at C speed
            return tuple(v)
        out = []
        for i, ((_, dec), x) in enumerate(zip(pairs, v)):
            try:
                out.append(dec(x))
            except CodecError as exc:
                raise exc.at(f"[{i}]") from None
        return tuple(out)

    return encode, decode


def _mapping(tp: Any) -> tuple[Conv, Conv]:
    enc, dec = converters(tp)

    def encode(v: Any) -> Any:
        return {k: enc(x) for k, x in v.items()}

    fast = {tp} if tp in SCALARS else None

    def decode(v: Any) -> Any:
        if type(v) is not dict:
            raise CodecError("a mapping", v)
        if fast is not None and (
            not v or (set(map(type, v)) == _STR and set(map(type, v.values())) == fast)
        ):
            return v
        out = {}
        for k, x in v.items():
            if type(k) is not str:
                raise CodecError("str keys", k)
            try:
                out[k] = dec(x)
            except CodecError as exc:
                raise exc.at(f"[{k!r}]") from None
        return out

    return encode, decode


def _record(cls: type) -> tuple[Conv, Conv]:
    """A dataclass as the list of its fields in order (a record may not contain itself)."""
    return _compile(cls)


def _compile(cls: type) -> tuple[Conv, Conv]:
    """(encode, decode) for one dataclass, written as straight-line code (a loop over the
    fields was most of the cost of reading an entry).

    The generated source holds only field names and indices from the class itself (never
    data); a value of a plain scalar type is taken as it is when its type matches, any
    other goes through its converter.  On a failure the decoder re-checks field by field
    to name the one at fault."""
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    fields = dataclasses.fields(cls)
    for f in fields:
        if not f.init or not f.name.isidentifier():
            raise TypeError(f"{cls.__name__}.{f.name}: not a field the cache stores")
    convs = [converters(hints[f.name]) for f in fields]
    scalar = [hints[f.name] if hints[f.name] in (str, int, bool) else None for f in fields]
    optional = [_optional_scalar(hints[f.name]) for f in fields]
    n = len(fields)
    ns: dict[str, Any] = {"cls": cls, "CodecError": CodecError}
    enc_parts, dec_parts = [], []
    for i, f in enumerate(fields):
        ns[f"e{i}"], ns[f"d{i}"] = convs[i]
        if scalar[i] is not None or optional[i] is not None:
            enc_parts.append(f"v.{f.name}")
        else:
            enc_parts.append(f"e{i}(v.{f.name})")
        x = f"v[{i}]"
        if scalar[i] is not None:
            ns[f"t{i}"] = scalar[i]
            dec_parts.append(f"{x} if type({x}) is t{i} else d{i}({x})")
        elif optional[i] is not None:
            ns[f"t{i}"] = optional[i]
            dec_parts.append(f"{x} if {x} is None or type({x}) is t{i} else d{i}({x})")
        else:
            dec_parts.append(f"d{i}({x})")
    source = (
        "def encode(v):\n"
        "    if type(v) is not cls:\n"
        "        raise CodecError(cls.__name__, v)\n"
        f"    return [{', '.join(enc_parts)}]\n"
        "def decode(v):\n"
        f"    if type(v) is not list or len(v) != {n}:\n"
        f"        raise CodecError(cls.__name__ + ' ({n} fields)', v)\n"
        "    try:\n"
        f"        return cls({', '.join(dec_parts)})\n"
        "    except CodecError:\n"
        "        locate(v)\n"
        "        raise\n"
    )
    names = [f.name for f in fields]

    def locate(v: list[Any]) -> None:
        """Raise the first field's error, named."""
        for name, (_, dec), x in zip(names, convs, v):
            try:
                dec(x)
            except CodecError as inner:
                raise inner.at(name) from None

    ns["locate"] = locate
    exec(compile(source, f"<codec {cls.__qualname__}>", "exec"), ns)
    return ns["encode"], ns["decode"]


def _optional_scalar(tp: Any) -> type | None:
    """``str`` for ``str | None`` (and so for int and bool), else None."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(args) == 2 and len(rest) == 1 and rest[0] in (str, int, bool):
            return rest[0]
    return None


@functools.cache
def converters(tp: Any) -> tuple[Conv, Conv]:
    """The (encode, decode) pair for a type hint; TypeError for a type not stored."""
    if tp in SCALARS:
        return _scalar(tp)
    if tp is type(None) or tp is None:
        return _same, _none
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _record(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Literal:
        return _literal(args)
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(converters(next(a for a in args if a is not type(None))))
    if origin is list and len(args) == 1:
        return _sequence(args[0], list)
    if origin in (set, frozenset) and len(args) == 1:
        return _sequence(args[0], origin)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence(args[0], tuple)
    if origin is tuple and args and Ellipsis not in args:
        return _fixed_tuple(args)
    if origin is dict and len(args) == 2 and args[0] is str:
        return _mapping(args[1])
    raise TypeError(f"{tp!r}: not a type the cache stores")


class Codec(Generic[T]):
    """Bytes for records of one dataclass type, and those records back from bytes."""

    def __init__(self, cls: type[T]) -> None:
        self.cls = cls
        self.tag = f"{cls.__module__}.{cls.__qualname__}"
        self._encode, self._decode = converters(cast(Any, cls))

    def to_plain(self, value: T) -> Any:
        """``value`` as a tree of lists, dicts and scalars."""
        return self._encode(value)

    def from_plain(self, tree: Any) -> T:
        """The record a plain tree holds, checked against the types; CodecError if not."""
        value: T = self._decode(tree)
        return value

    def dumps(self, value: T) -> bytes:
        packed = msgpack.packb(_share_strings(self._encode(value)), use_bin_type=True)
        return msgpack.packb(
            [FORMAT, self.tag, zlib.compress(packed, ZLIB_LEVEL)], use_bin_type=True
        )

    def loads(self, data: bytes) -> T:
        try:
            entry = msgpack.unpackb(
                data, raw=False, strict_map_key=True, ext_hook=_shared_strings_hook()
            )
        except (ValueError, msgpack.UnpackException) as exc:  # ExtraData, FormatError: ValueErrors
            raise CodecError("a MessagePack entry", data[:8]) from exc
        if type(entry) is not list or len(entry) != 3:
            raise CodecError("[format, type, record]", entry)
        version, tag, payload = entry
        if version != FORMAT:
            raise CodecError(f"format {FORMAT}", version, "format")
        if tag != self.tag:
            raise CodecError(self.tag, tag, "type")
        if type(payload) is bytes:  # the record packed and compressed (what dumps writes)
            payload = _unpack_compressed(payload)
        return self.from_plain(payload)


# MessagePack extension types of an entry: a string written here for the first time (its
# UTF-8 bytes; it takes the next number), and a string written before (its number)
_EXT_FIRST = 1
_EXT_AGAIN = 2
# shorter strings cost no more written out than as a reference
_MIN_SHARED = 4


def _share_strings(tree: Any) -> Any:
    """``tree`` with every string of at least ``_MIN_SHARED`` characters that occurs
    more than once replaced by extension objects: the first occurrence (in the order
    MessagePack writes them) carries the text, later ones its number.  Dict keys are
    left as they are.  The lists and dicts of ``tree`` are changed in place (the tree
    is the codec's own, fresh from ``to_plain``)."""
    seen: set[str] = set()
    repeated: set[str] = set()
    stack = [tree]
    while stack:  # which strings repeat
        node = stack.pop()
        items = node if type(node) is list else node.values()
        for x in items:
            t = type(x)
            if t is str:
                if len(x) >= _MIN_SHARED:
                    if x in seen:
                        repeated.add(x)
                    else:
                        seen.add(x)
            elif t is list or t is dict:
                stack.append(x)
    if type(tree) is str or not repeated:
        return tree
    numbers: dict[str, int] = {}
    ext = msgpack.ExtType

    def ref(text: str) -> Any:
        n = numbers.get(text)
        if n is None:
            numbers[text] = len(numbers)
            return ext(_EXT_FIRST, text.encode("utf-8"))
        size = 1 if n < 0x100 else 2 if n < 0x10000 else 4  # MessagePack's fixext sizes
        return ext(_EXT_AGAIN, n.to_bytes(size, "big"))

    def share(node: Any) -> None:  # in the order MessagePack writes the tree
        # assigning to an existing index or key is safe while iterating
        for k, x in enumerate(node) if type(node) is list else node.items():
            t = type(x)
            if t is str:
                if x in repeated:
                    node[k] = ref(x)
            elif t is list or t is dict:
                share(x)

    share(tree)
    return tree


def _shared_strings_hook() -> Callable[[int, bytes], str]:
    """The ``ext_hook`` that reads :func:`_share_strings`'s extension objects back (one
    per entry: it keeps the entry's strings in the order they were defined)."""
    table: list[str] = []

    def hook(code: int, data: bytes) -> str:
        if code == _EXT_FIRST:
            text = data.decode("utf-8")
            table.append(text)
            return text
        if code == _EXT_AGAIN and len(data) in (1, 2, 4):
            n = int.from_bytes(data, "big")
            if n < len(table):
                return table[n]
            raise ValueError(f"string {n} referred to before it is written")
        raise ValueError(f"unknown extension type {code}")

    return hook


def _unpack_compressed(data: bytes) -> Any:
    """The tree in a compressed packed record; CodecError when it is not one, is cut
    short, or unpacks to more than ``MAX_RECORD_BYTES``."""
    inflate = zlib.decompressobj()
    try:
        packed = inflate.decompress(data, MAX_RECORD_BYTES)
    except zlib.error as exc:
        raise CodecError("a compressed record", data[:8]) from exc
    if inflate.unconsumed_tail:
        raise CodecError(f"a record of at most {MAX_RECORD_BYTES} bytes", "larger", "record")
    if not inflate.eof or inflate.unused_data:
        raise CodecError("a whole compressed record", data[:8], "record")
    try:
        return msgpack.unpackb(
            packed, raw=False, strict_map_key=True, ext_hook=_shared_strings_hook()
        )
    except (ValueError, msgpack.UnpackException) as exc:
        raise CodecError("a MessagePack record", packed[:8], "record") from exc


_CODECS: dict[type, Codec[Any]] = {}


def codec(cls: type[T]) -> Codec[T]:
    """The codec of one record type, made once."""
    found = _CODECS.get(cls)
    if found is None:
        found = _CODECS[cls] = Codec(cls)
    return found
