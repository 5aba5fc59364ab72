"""Whether a build can be skipped: nothing it reads changed and output/ is as it left it.

A successful build records a digest of everything it read (site.yaml as loaded, every
article's bytes, every template and asset, the tool's code, the options) and a snapshot
(size, mtime) of every file it left in output/. The next build with the same digest over
an untouched output/ has nothing to do, which keeps a no-change rebuild of a large archive
well under a second.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from .cache import code_version

STATE = "last-build"


def input_digest(config: Any, strict: bool, templates: Path, sources: list[tuple[str, str, bytes]]) -> str:
    """Digest of everything a build's output depends on."""
    digest = hashlib.sha256(f"{code_version()}\n{config!r}\nstrict={strict}\n".encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for rel, _display, raw in sources:
        digest.update(rel.encode() + b"\0" + hashlib.sha256(raw).digest())
    return digest.hexdigest()


def snapshot(output: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of every file under ``output``."""
    files: dict[str, tuple[int, int]] = {}
    if not output.is_dir():
        return files
    stack = [output]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                else:
                    info = entry.stat(follow_symlinks=False)
                    files[os.path.relpath(entry.path, output)] = (info.st_size, info.st_mtime_ns)
    return files
