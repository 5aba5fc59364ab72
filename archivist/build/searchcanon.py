"""A Pagefind bundle rewritten in a canonical form, so that the same pages indexed again
give the same bytes.

Pagefind (1.5) collects filters and sort orders in hash maps, whose order changes from
run to run: the filters listed in ``pagefind.<hash>.pf_meta``, the values inside each
``filter/<hash>.pf_filter`` and the sort orders listed in the meta file come out in any
order (Pagefind issue 638). Those files are named by a digest of their contents and found
by name: the meta file from ``pagefind-entry.json``, each filter file from the meta file.
So one reordering renames files and rewrites the entry file.

``canonicalize`` sorts those lists (filters and sort orders by name, values by value,
each value's pages by number), encodes the files again as Pagefind does (gzip of
``pagefind_dcd`` followed by CBOR), names them by their new contents as Pagefind does and
rewrites the references. The word index chunks and fragments are left as they are (same
pages, same bytes). All files follow the page numbers, though, which Pagefind gives in the
order it reads the files: the directory order of the file system, the same for the same
file names on the same file system (ext4 orders a large folder by a digest of each name,
seeded per file system) but not across file systems or machines. This module does not
renumber pages.

Pagefind's files use a small part of CBOR (RFC 8949), which this module reads and writes
itself: unsigned integers, text strings and arrays of definite length, each head in its
shortest form (minicbor's encoding; the WASM client reads structs as arrays). Anything
else is refused, and every file must encode back to its very bytes before it is changed,
so a change of format in a later Pagefind stops the build rather than corrupting the index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import struct
import zlib
from pathlib import Path

ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
"""Bytes before the CBOR of every compressed Pagefind file."""
LEVEL = 9
"""gzip level of the files written (Pagefind's ``Compression::best()``)."""
_GZIP_HEADER = bytes.fromhex("1f8b08000000000002ff")
"""Magic, deflate, no flags, mtime 0, maximum compression, unknown OS (as flate2 writes it)."""
META_DIGITS, FILTER_DIGITS = 10, 7
"""Hex digits of the content digest in the names Pagefind gives meta and filter files."""

_FILTERS, _SORTS = 3, 4
"""Positions of the filters and the sort orders in the meta file's array (Pagefind's
MetaIndex: version, pages, index chunks, filters, sorts, then fields kept as they are)."""


class FormatError(ValueError):
    """A bundle file is not what this module knows how to rewrite."""


def canonicalize(bundle: Path) -> None:
    """Rewrite the Pagefind bundle in ``bundle`` in place in its canonical form: its meta
    and filter files sorted, re-encoded and renamed by their contents, the entry file
    pointing at them; the files replaced are removed. Idempotent. Raises FormatError,
    having changed nothing, when a file is missing or not in the format this module knows."""
    try:
        entry, writes, stale = _plan(bundle)
    except FormatError:
        raise
    except (OSError, LookupError, TypeError, ValueError) as error:
        raise FormatError(f"{bundle.name}: {type(error).__name__}: {error}") from error
    for path, cbor in writes.items():
        _replace(path, compress(cbor))
    for path in stale - set(writes):
        path.unlink()
    _replace(bundle / ENTRY, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())


def _plan(bundle: Path) -> tuple[dict, dict[Path, bytes], set[Path]]:
    """The canonical entry file's data, the CBOR of the meta and filter files to write by
    path, and the paths of the files they replace."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    writes: dict[Path, bytes] = {}
    stale: set[Path] = set()
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > _SORTS and all(isinstance(meta[i], list) for i in range(1, 5))):
            raise FormatError(f"{meta_path.name}: not a Pagefind 1.x meta index")
        filters = []
        for name, old in meta[_FILTERS]:
            path = bundle / "filter" / f"{old}.pf_filter"
            filters.append((name, _canonical_filter(_read(path), path.name)))
            stale.add(path)
        filters.sort()
        meta[_FILTERS] = []
        for (name, cbor), hash_ in zip(filters, _names(language, [cbor for _, cbor in filters], FILTER_DIGITS)):
            meta[_FILTERS].append([name, hash_])
            writes[bundle / "filter" / f"{hash_}.pf_filter"] = cbor
        meta[_SORTS].sort(key=lambda sort: sort[0])
        cbor = encode(meta)
        info["hash"] = _names(language, [cbor], META_DIGITS)[0]
        writes[bundle / f"pagefind.{info['hash']}.pf_meta"] = cbor
        stale.add(meta_path)
    return entry, writes, stale


def _canonical_filter(index: object, name: str) -> bytes:
    """The CBOR of a filter index ``[filter, [[value, [page, …]], …]]``, values sorted by
    value and pages by number."""
    if not (isinstance(index, list) and len(index) == 2 and isinstance(index[1], list)):
        raise FormatError(f"{name}: not a Pagefind filter index")
    return encode([index[0], sorted([value, sorted(pages)] for value, pages in index[1])])


def _names(language: str, contents: list[bytes], digits: int) -> list[str]:
    """Pagefind's names for ``contents`` (``<language>_`` and the first ``digits`` of
    their digest), one digit longer for a name already taken, in the order given."""
    names: list[str] = []
    for cbor in contents:
        digest = full_hash(cbor)
        length = digits
        while f"{language}_{digest[:length]}" in names and length < len(digest):
            length += 1
        names.append(f"{language}_{digest[:length]}")
    return names


def full_hash(data: bytes) -> str:
    """Pagefind's content digest: SHA-1, each byte in hex without leading zero
    (Rust's ``{:x?}``), so 20 to 40 digits."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def compress(cbor: bytes) -> bytes:
    """A Pagefind file: gzip of the signature and the CBOR at level LEVEL, with the header
    Pagefind writes (no name, mtime 0, "best" flag, unknown OS), whatever Python's version."""
    data = SIGNATURE + cbor
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    body = deflate.compress(data) + deflate.flush()
    return _GZIP_HEADER + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def payload(path: Path) -> bytes:
    """The CBOR of a compressed Pagefind file (gzip of the signature and the CBOR)."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:
        raise FormatError(f"{path.name}: {error}") from error
    if not raw.startswith(SIGNATURE):
        raise FormatError(f"{path.name}: no {SIGNATURE.decode()} signature")
    return raw[len(SIGNATURE):]


def _read(path: Path) -> object:
    """The CBOR value of a compressed Pagefind file, checked to encode back to its bytes."""
    cbor = payload(path)
    value = decode(cbor, path.name)
    if encode(value) != cbor:
        raise FormatError(f"{path.name}: CBOR not in the shortest form this module writes")
    return value


def decode(cbor: bytes, name: str = "CBOR") -> object:
    """The value of ``cbor``: int, str or list (of those); FormatError for anything else."""
    try:
        value, end = _item(cbor, 0)
    except IndexError:
        raise FormatError(f"{name}: truncated CBOR") from None
    except UnicodeDecodeError as error:
        raise FormatError(f"{name}: {error}") from None
    if end != len(cbor):
        raise FormatError(f"{name}: {len(cbor) - end} bytes after the CBOR value")
    return value


def _item(data: bytes, start: int) -> tuple[object, int]:
    """The item at ``start`` and the position after it."""
    major, info = data[start] >> 5, data[start] & 31
    at = start + 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise IndexError
        number = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise FormatError(f"CBOR item of indefinite length or reserved form at byte {start}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major == 3:
        if at + number > len(data):
            raise IndexError
        return data[at:at + number].decode("utf-8"), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    raise FormatError(f"CBOR item of major type {major} at byte {start}, not written by Pagefind")


def encode(value: object) -> bytes:
    """The CBOR of an int, str or list (of those), each head in its shortest form."""
    out = bytearray()
    _write(value, out)
    return bytes(out)


def _write(value: object, out: bytearray) -> None:
    if isinstance(value, list):
        _head(4, len(value), out)
        for item in value:
            _write(item, out)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        _head(3, len(data), out)
        out += data
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        _head(0, value, out)
    elif isinstance(value, int) and not isinstance(value, bool):
        _head(1, -1 - value, out)
    else:
        raise FormatError(f"cannot encode {type(value).__name__} as Pagefind CBOR")


def _head(major: int, number: int, out: bytearray) -> None:
    if number < 24:
        out.append(major << 5 | number)
        return
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            out.append(major << 5 | info)
            out += number.to_bytes(size, "big")
            return
    raise FormatError(f"integer {number} too large for CBOR")


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as a new file (never into an existing one: a bundle's
    files may be hard links shared with a previous output)."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
