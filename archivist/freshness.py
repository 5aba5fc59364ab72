"""Whether a build can be skipped: nothing it reads changed and output/ is as it left it.

A successful build records a digest of everything it read (site.yaml as loaded, every
article's bytes, every template and asset, the tool's code, the options) and a snapshot
(size, mtime) of every file it left in output/. The next build with the same digest over
an untouched output/ has nothing to do, which keeps a no-change rebuild of a large archive
well under a second. Inputs are first compared by name, size and mtime (as make and Hugo
do), and read only when those differ; a file rewritten with the same size and an old
mtime (``cp -p``) is therefore not noticed: ``--clean`` forces a full build.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from .cache import code_version

STATE = "last-build"


def input_digest(config: Any, strict: bool, templates: Path, sources: list[Any]) -> str:
    """Digest of everything a build's output depends on (``sources``: content.SourceFile)."""
    digest = hashlib.sha256(f"{code_version()}\n{config!r}\nstrict={strict}\n".encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for source in sources:
        digest.update(f"{source.rel}\0{source.digest}\n".encode())
    return digest.hexdigest()


def file_stats(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of each file, by path."""
    stats = {}
    for path in paths:
        info = os.stat(path)
        stats[str(path)] = (info.st_size, info.st_mtime_ns)
    return stats


def input_stats(config: Any, strict: bool, templates: Path, sources: dict[str, tuple[int, int]]) -> str:
    """Digest of the inputs' names, sizes and mtimes: when it matches the last build's,
    the inputs need not even be read (a touched file falls back to ``input_digest``)."""
    digest = hashlib.sha256(f"{code_version()}\n{config!r}\nstrict={strict}\n".encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        info = os.stat(path)
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    for path, (size, mtime) in sources.items():
        digest.update(f"{path}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def snapshot(output: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime in ns) of every file under ``output``, by relative path."""
    files: dict[str, tuple[int, int]] = {}
    if not output.is_dir():
        return files
    stack = [(str(output), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    info = entry.stat(follow_symlinks=False)
                    files[prefix + entry.name] = (info.st_size, info.st_mtime_ns)
    return files
