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

Image files are inputs the same way: by stat first, then, for one whose stat changed, by
the digest of its bytes (``image_digests``), so a touched image (or every image of a fresh
checkout) whose bytes are as built is no change. The width and height of each image are
kept by that digest: bytes measured once are not measured again.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any, Callable

from ..build.media import Size, measure
from ..build.search import indexer, indexer_stamp
from ..build.sources import Stat, file_stat
from ..build.store import code_version

STATE = "last-build"


def input_digest(config: Any, strict: bool, templates: dict[str, str], sources: list[Any], images: dict[str, str]) -> str:
    """Digest of everything a build's output depends on (``templates``: the digest of
    each template file, ``template_digests``; ``sources``: content.SourceFile; ``images``:
    the digest of each image file under the content folder, by its path relative to it:
    an image whose bytes changed is a full build, which keeps every page and copy whose
    bytes did not change)."""
    digest = hashlib.sha256(_tool(config, strict, indexer).encode())
    for rel, image in images.items():
        digest.update(f"{rel}\0{image}\n".encode())
    for rel, template in templates.items():
        digest.update(rel.encode() + b"\0")
        digest.update(bytes.fromhex(template))
    for source in sources:
        digest.update(f"{source.rel}\0{source.digest}\n".encode())
    return digest.hexdigest()


def template_digests(templates: Path) -> dict[str, str]:
    """The SHA-256 of each file of the templates folder (templates and static assets), by
    its path relative to it, in path order."""
    return {path.relative_to(templates).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(p for p in templates.rglob("*") if p.is_file())}


def _tool(config: Any, strict: bool, pagefind: Callable[[], str]) -> str:
    """The tool and its options: the code, the settings, and the Pagefind that indexes (a
    search build only), as ``pagefind`` names it (search.indexer, or the cheaper
    search.indexer_stamp for the quick check)."""
    searching = pagefind() if getattr(config, "search", False) else "no search"
    return f"{code_version()}\n{config!r}\nstrict={strict}\n{searching}\n"


def input_stats(config: Any, strict: bool, templates: Path, files: dict[str, Stat | str]) -> str:
    """Digest of the tool, the templates' names and stats and ``files`` (by path, each
    file's stat, or the digest of its bytes): when it matches the last build's, the inputs
    need not even be read (a touched file falls back to ``input_digest``)."""
    digest = hashlib.sha256(_tool(config, strict, indexer_stamp).encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(f"{path}\0{file_stat(path)}\n".encode())
    for path, stat in files.items():
        digest.update(f"{path}\0{stat}\n".encode())
    return digest.hexdigest()


ImageFile = tuple[str, Size]
"""An image file's digest (SHA-256 of its bytes) and size (media.measure)."""
UNREADABLE = "unreadable"
"""The digest of an image file that cannot be read (its size: (-1, -1), as ``measure``
says of it): a build that shows it fails as one without the speed machinery does, and
its stat changes when it becomes readable."""


def image_digests(stats: dict[str, Stat], known: dict[str, tuple[Stat, str]],
                  sizes: dict[str, Size]) -> dict[str, ImageFile]:
    """The digest and size of each image file (``stats``: their stats, by path): from the
    last build (``known``: {path: (stat, digest)}; ``sizes``: by digest) for a file whose
    stat is as then, else from its bytes, read, and measured unless ``sizes`` has them."""
    found: dict[str, ImageFile] = {}
    for path, stat in stats.items():
        seen = known.get(path)
        if seen is not None and seen[0] == stat and seen[1] in sizes:
            found[path] = seen[1], sizes[seen[1]]
            continue
        try:
            raw = Path(path).read_bytes()
        except OSError:
            found[path] = UNREADABLE, (-1, -1)
            continue
        digest = hashlib.sha256(raw).hexdigest()
        found[path] = digest, sizes.get(digest) or measure(io.BytesIO(raw))
    return found
