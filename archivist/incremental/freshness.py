"""Whether a build can be skipped: nothing it reads changed and output/ is as it left it.

A successful build records a digest of everything it read (site.yaml as loaded, every
article's bytes, every template and asset, the tool's code, the options) and a snapshot
(size, mtime) of every file it left in output/. The next build with the same digest over
an untouched output/ has nothing to do, which keeps a no-change rebuild of a large archive
well under a second. Inputs are first compared by name, size, mtime and ctime, and read
only when one of those differs. The ctime matters: ``cp -p``, ``rsync -a`` or ``touch -r``
can rewrite a file with the same size and its old mtime, but on POSIX systems no ordinary
tool can set the ctime, which moves on every write (and on a chmod, rename or new hard
link, which only costs a read: the digest of the bytes decides).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable

from ..build.search import indexer, indexer_stamp
from ..build.sources import Stat, file_stat
from ..build.store import code_version

STATE = "last-build"


def input_digest(config: Any, strict: bool, templates: Path, sources: list[Any], images: dict[str, Stat]) -> str:
    """Digest of everything a build's output depends on (``sources``: content.SourceFile;
    ``images``: the stats of the image files under the content folder, by path: an image
    touched is a full build, which keeps every page and copy whose bytes did not change)."""
    digest = hashlib.sha256(_tool(config, strict, indexer).encode())
    for path, stat in images.items():
        digest.update(f"{path}\0{stat}\n".encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for source in sources:
        digest.update(f"{source.rel}\0{source.digest}\n".encode())
    return digest.hexdigest()


def _tool(config: Any, strict: bool, pagefind: Callable[[], str]) -> str:
    """The tool and its options: the code, the settings, and the Pagefind that indexes (a
    search build only), as ``pagefind`` names it (search.indexer, or the cheaper
    search.indexer_stamp for the quick check)."""
    searching = pagefind() if getattr(config, "search", False) else "no search"
    return f"{code_version()}\n{config!r}\nstrict={strict}\n{searching}\n"


def input_stats(config: Any, strict: bool, templates: Path, sources: dict[str, Stat]) -> str:
    """Digest of the inputs' names, sizes, mtimes and ctimes: when it matches the last
    build's, the inputs need not even be read (a touched file falls back to ``input_digest``)."""
    digest = hashlib.sha256(_tool(config, strict, indexer_stamp).encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(f"{path}\0{file_stat(path)}\n".encode())
    for path, stat in sources.items():
        digest.update(f"{path}\0{stat}\n".encode())
    return digest.hexdigest()
