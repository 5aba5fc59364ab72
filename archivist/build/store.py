"""A content-addressed store of build results (parsed articles), under ``.cache/``.

Keys are digests of everything a result depends on: the input bytes, its path, this
tool's source code and the gazetteer's version. A stale entry can never be found, so
the cache never needs invalidating; ``--clean`` (or deleting the folder) empties it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..model.gazetteer_data import DATA_FILE as GAZETTEER

_PACKAGE = Path(__file__).resolve().parent.parent
"""The ``archivist`` package's folder."""

_IMPORT = re.compile(rf"^[ \t]*from[ \t]+(\.+[\w.]*|{re.escape(_PACKAGE.name)}(?:\.\w+)+)[ \t]+import[ \t]*(\([^)]*\)|(?:\\\n|[^\n])*)", re.M)
"""``from .x import …``, ``from ..pkg import x, y`` (parenthesised or continued over lines)
and ``from archivist.pkg.x import …`` lines, at any indentation (imports inside functions count)."""
_COMMENT = re.compile(r"#[^\n]*")


def build_modules(start: str = "commands") -> list[Path]:
    """The package's modules a build runs: ``commands`` and what it imports, transitively
    (so that editing, say, the importer does not invalidate every cached article). Read
    from the import lines, not parsed: every build, even one that finds nothing changed,
    asks (``ast`` took 0.2 s)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(imported(_source(name).read_text(encoding="utf-8"), name))
    return sorted(_source(name) for name in seen)


def _source(module: str) -> Path:
    """The file of a module given by its dotted name inside the package."""
    return _PACKAGE.joinpath(*module.split(".")).with_suffix(".py")


def imported(source: str, module: str) -> list[str]:
    """The package's modules (dotted names inside it) that the source of ``module``
    imports: the module named in each ``from … import`` line, or the names imported when
    they are modules of a package (``from ..build import search``)."""
    names: list[str] = []
    package = module.split(".")[:-1]
    for match in _IMPORT.finditer(source):
        reference, listed = match.groups()
        if reference.startswith("."):
            dots = len(reference) - len(reference.lstrip("."))
            base = [*package[:len(package) - dots + 1], *filter(None, reference[dots:].split("."))]
        else:
            base = reference.split(".")[1:]
        if _source(".".join(base)).is_file():
            names.append(".".join(base))
            continue
        listed = _COMMENT.sub("", listed).split(";")[0]
        for item in re.split(r"[(),\\]", listed):
            if item.strip() and _source(".".join([*base, item.split()[0]])).is_file():
                names.append(".".join([*base, item.split()[0]]))
    return names


@cache
def code_version() -> str:
    """Digest of the build's source, the versions of the libraries that shape output and
    the register of places."""
    digest = hashlib.sha256()
    for path in build_modules():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in ("markdown", "nh3", "python-slugify", "jinja2", "imagesize"):
        digest.update(f"{name}={version(name)}\n".encode())
    digest.update(hashlib.sha256(GAZETTEER.read_bytes()).digest())  # the register of places
    return digest.hexdigest()[:16]


def key(*parts: bytes | str) -> str:
    """Digest of the parts (and the code version)."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class Store:
    """Pickled values by key, written atomically: one file each, or several in a pack file
    (``put_many``: a cold build's parse makes 10k values, and one file per value costs more
    than the pickling). With ``memory``, a dict that a long-running process (``serve``)
    keeps between builds, values are also kept there and read back without unpickling."""

    def __init__(self, root: Path | None, memory: dict[str, Any] | None = None):
        self.root = root
        self.memory = memory
        self._packed: dict[str, tuple[str, int, int]] | None = None
        """Where each packed value is: key -> (pack file, offset, length); read on first need."""
        self._pack: tuple[str, Any] | None = None
        """The pack file open for reading (one at a time: lookups come in pack order)."""

    def on_disk(self) -> "Store":
        """The same store without the memory (for worker processes, which write to disk)."""
        return type(self)(self.root)

    def get(self, name: str) -> Any | None:
        if self.memory is not None and name in self.memory:
            return self.memory[name]
        if self.root is None:
            return None
        try:
            with open(f"{self.root}/{name[:2]}/{name}", "rb") as handle:  # str paths: 10k gets per build
                data: bytes | None = handle.read()
        except OSError:
            data = self._read_packed(name)
        data = _opened(data) if data is not None else None
        if data is None:
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # a value of another version of the code, whatever the error: a miss
            return None
        if self.memory is not None:
            self.memory[name] = value
        return value

    def remember(self, name: str, value: Any) -> None:
        """Keep ``value`` in memory only, not on disk (nothing without ``memory``)."""
        if self.memory is not None:
            self.memory[name] = value

    def put(self, name: str, value: Any) -> None:
        if self.memory is not None:
            self.memory[name] = value
        self.put_bytes(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, name: str, data: bytes | memoryview) -> None:
        """Store a value pickled by the caller (on disk only), sealed (``_sealed``)."""
        if self.root is not None:
            self._write_file(name, _sealed(data))

    def _write_file(self, name: str, blob: bytes) -> None:
        assert self.root is not None
        folder = self.root / name[:2]
        folder.mkdir(parents=True, exist_ok=True)
        temp = self._temp(name, os.getpid())
        try:
            temp.write_bytes(blob)
            os.replace(temp, folder / name)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def put_many(self, blobs: dict[str, bytes]) -> None:
        """Store several values pickled by the caller (on disk only), sealed: in one pack
        file when they are many."""
        if self.root is None:
            return
        blobs = {name: _sealed(blob) for name, blob in blobs.items()}
        if len(blobs) < PACK_MIN:
            for name, blob in blobs.items():
                self._write_file(name, blob)
            return
        self._write_pack(blobs)

    def prune(self, live: set[str]) -> None:
        """Delete the pack files holding none of the ``live`` keys; when most packed values
        are not live, put the live ones in one new pack and delete the others."""
        packed = self._index()
        if not packed:
            return
        by_pack: dict[str, list[str]] = {}
        for name, (pack, _, _) in packed.items():
            by_pack.setdefault(pack, []).append(name)
        kept = {pack for pack, names in by_pack.items() if any(name in live for name in names)}
        dead = len(packed) - sum(1 for name in packed if name in live)
        if dead > len(packed) // 2 and len(kept) > 1:
            blobs = {}
            for name in packed:
                if name in live and (blob := self._read_packed(name)) is not None:
                    blobs[name] = blob
            kept = {self._write_pack(blobs)}  # (named by its keys: it may be one of the old ones)
        self.close()
        for pack in set(by_pack) - kept:
            Path(pack).unlink(missing_ok=True)
        self._packed = None

    def rename(self, old: str, new: str) -> None:
        """Give the value stored as ``old`` the name ``new`` (on disk, atomically)."""
        if self.root is not None:
            (self.root / new[:2]).mkdir(parents=True, exist_ok=True)
            os.replace(self.root / old[:2] / old, self.root / new[:2] / new)

    def remove(self, name: str) -> None:
        """Forget the value stored as ``name`` (on disk)."""
        if self.root is not None:
            (self.root / name[:2] / name).unlink(missing_ok=True)

    def discard(self, name: str, pid: int) -> None:
        """Remove what process ``pid``, killed while putting ``name``, left unfinished."""
        if self.root is not None:
            self._temp(name, pid).unlink(missing_ok=True)

    def _temp(self, name: str, pid: int) -> Path:
        assert self.root is not None
        return self.root / name[:2] / f".{name}.{pid}"

    def _write_pack(self, blobs: dict[str, bytes]) -> str:
        """A pack file: magic, header length, pickled header {key: (offset, length)}, values.
        Returns its path."""
        assert self.root is not None
        header: dict[str, tuple[int, int]] = {}
        offset = 0
        for name, blob in blobs.items():
            header[name] = (offset, len(blob))
            offset += len(blob)
        head = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
        folder = self.root / PACKS
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256("\0".join(blobs).encode()).hexdigest()[:32]
        target = folder / f"{digest}{PACK_SUFFIX}"
        temp = folder / f".{digest}.{os.getpid()}"
        try:
            with open(temp, "wb") as handle:
                handle.write(_PACK_MAGIC + len(head).to_bytes(8, "little"))
                handle.write(head)
                for blob in blobs.values():
                    handle.write(blob)
            os.replace(temp, target)
        except BaseException:  # interrupted, disk full…: no half-written file left behind
            temp.unlink(missing_ok=True)
            raise
        if self._packed is not None:
            start = len(_PACK_MAGIC) + 8 + len(head)
            self._packed.update((name, (str(target), start + at, size)) for name, (at, size) in header.items())
        return str(target)

    def _index(self) -> dict[str, tuple[str, int, int]]:
        if self._packed is None:
            self._packed = {}
            folder = self.root / PACKS if self.root is not None else None
            packs = sorted(folder.glob(f"*{PACK_SUFFIX}")) if folder is not None and folder.is_dir() else []
            for path in packs:
                try:
                    with open(path, "rb") as handle:
                        if handle.read(len(_PACK_MAGIC)) != _PACK_MAGIC:
                            continue
                        size = int.from_bytes(handle.read(8), "little")
                        header = pickle.loads(handle.read(size))
                except Exception:  # a damaged pack is a cache miss, whatever the damage
                    continue
                if not isinstance(header, dict):
                    continue
                start = len(_PACK_MAGIC) + 8 + size
                self._packed.update((name, (str(path), start + at, length)) for name, (at, length) in header.items())
        return self._packed

    def _read_packed(self, name: str) -> bytes | None:
        where = self._index().get(name)
        if where is None:
            return None
        pack, offset, length = where
        try:
            if self._pack is None or self._pack[0] != pack:
                self.close()
                self._pack = (pack, open(pack, "rb"))
            handle = self._pack[1]
            handle.seek(offset)
            data = handle.read(length)
        except (OSError, ValueError):
            return None
        return data if len(data) == length else None

    def close(self) -> None:
        """Close the pack file left open by reading."""
        if self._pack is not None:
            self._pack[1].close()
            self._pack = None


_CHECK = 16
"""Bytes of the digest before every stored value."""


def _sealed(data: bytes | memoryview) -> bytes:
    """A value as stored: a digest of its bytes, then the bytes. A value damaged on disk
    (a bad block, a truncated or hand-edited file) no longer matches it and is a miss:
    what it stood for is made again, never served as it is."""
    return hashlib.blake2b(data, digest_size=_CHECK).digest() + bytes(data)


def _opened(blob: bytes) -> memoryview | None:
    """The value of a stored blob, or None when it does not match its digest."""
    data = memoryview(blob)[_CHECK:]
    if len(blob) < _CHECK or hashlib.blake2b(data, digest_size=_CHECK).digest() != blob[:_CHECK]:
        return None
    return data


PACKS = "packs"
"""The folder of pack files in the store."""
PACK_SUFFIX = ".pack"
PACK_MIN = 16
"""Fewer values than this are stored one file each."""
_PACK_MAGIC = b"ARCHPAK1"
