"""A content-addressed store of build results (parsed articles), under ``.cache/``.

Keys are digests of everything a result depends on: the input bytes, its path, this
tool's source code and the gazetteer's version. A stale entry can never be found, so
the cache never needs invalidating; ``--clean`` (or deleting the folder) empties it.
"""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def build_modules(start: str = "pipeline") -> list[Path]:
    """The package's modules a build runs: ``pipeline`` and what it imports, transitively
    (so that editing, say, the importer does not invalidate every cached article)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or not (_PACKAGE / f"{name}.py").is_file():
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((_PACKAGE / f"{name}.py").read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level == 1:
                todo.extend([node.module] if node.module else [alias.name for alias in node.names])
            elif node.module and node.module.startswith(f"{_PACKAGE.name}."):
                todo.append(node.module.split(".", 1)[1])
    return sorted(_PACKAGE / f"{name}.py" for name in seen)


@cache
def code_version() -> str:
    """Digest of the build's source and the versions of the libraries that shape output."""
    digest = hashlib.sha256()
    for path in build_modules():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in ("markdown", "nh3", "vietnamadminunits", "python-slugify"):
        digest.update(f"{name}={version(name)}\n".encode())
    return digest.hexdigest()[:16]


def key(*parts: bytes | str) -> str:
    """Digest of the parts (and the code version)."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class Store:
    """Pickled values by key, one file each, written atomically; with ``memory``, a dict
    that a long-running process (``serve``) keeps between builds, values are also kept
    there and read back without unpickling."""

    def __init__(self, root: Path | None, memory: dict[str, Any] | None = None):
        self.root = root
        self.memory = memory

    def get(self, name: str) -> Any | None:
        if self.memory is not None and name in self.memory:
            return self.memory[name]
        if self.root is None:
            return None
        try:
            with open(f"{self.root}/{name[:2]}/{name}", "rb") as handle:  # str paths: 10k gets per build
                value = pickle.loads(handle.read())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError):
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
        """Store a value pickled by the caller (on disk only)."""
        if self.root is None:
            return
        folder = self.root / name[:2]
        folder.mkdir(parents=True, exist_ok=True)
        temp = self._temp(name, os.getpid())
        temp.write_bytes(data)
        os.replace(temp, folder / name)

    def discard(self, name: str, pid: int) -> None:
        """Remove what process ``pid``, killed while putting ``name``, left unfinished."""
        if self.root is not None:
            self._temp(name, pid).unlink(missing_ok=True)

    def _temp(self, name: str, pid: int) -> Path:
        assert self.root is not None
        return self.root / name[:2] / f".{name}.{pid}"
