"""A content-addressed store of build results (parsed articles), under ``.cache/``.

Keys are digests of everything a result depends on: the input bytes, its path, this
tool's source code and the gazetteer's version. A stale entry can never be found, so
the cache never needs invalidating; ``--clean`` (or deleting the folder) empties it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """Digest of this package's source and the versions of the libraries that shape output."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.glob("*.py")):
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
    """Pickled values by key, one file each, written atomically."""

    def __init__(self, root: Path | None):
        self.root = root

    def get(self, name: str) -> Any | None:
        if self.root is None:
            return None
        try:
            return pickle.loads((self.root / name[:2] / name).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError):
            return None

    def put(self, name: str, value: Any) -> None:
        if self.root is None:
            return
        folder = self.root / name[:2]
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{name}.{os.getpid()}"
        temp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, folder / name)
