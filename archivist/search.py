"""The Pagefind search index, built over the staged pages before they are swapped in.

Pagefind's output is not byte-stable between runs (file names and filter order change),
so when no indexed page changed the previous index is kept as it is: a rebuild of an
unchanged site is byte-identical, and costs no indexing time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from .errors import BuildFailed, Problem

BUNDLE = "pagefind"
KEY_FILE = ".archivist-key"


def index_key(site: Path, options: tuple[str, ...]) -> str:
    """Digest of every HTML page's path and bytes, Pagefind's version and its options."""
    digest = hashlib.sha256()
    digest.update(f"pagefind {version('pagefind')} {' '.join(options)}\n".encode())
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] == BUNDLE:
            continue
        digest.update(rel.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


def build_index(site: Path, previous: Path, language: str = "vi") -> bool:
    """Write ``site/pagefind``; reuse ``previous/pagefind`` when the pages are the same.
    Returns True when Pagefind ran, False when the previous index was kept."""
    options = ("--force-language", language)
    key = index_key(site, options)
    old = previous / BUNDLE
    if (old / KEY_FILE).is_file() and (old / KEY_FILE).read_text() == key:
        _link_tree(old, site / BUNDLE)
        return False
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--silent", *options]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise BuildFailed([Problem("pagefind", None, None, "search indexing failed: " + " / ".join(message[-5:]))])
    (site / BUNDLE / KEY_FILE).write_text(key)
    return True


def _link_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, dest)
