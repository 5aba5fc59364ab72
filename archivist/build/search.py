"""The Pagefind search index, sharded by publication year, built over the staged pages
before they are swapped in.

One Pagefind bundle per year, and one for the undated articles (a group of more than
MAX_SHARD articles in several, see ``shards_of``); ``static/search.js``
loads the newest as Pagefind's primary index and merges the others (``mergeIndex``).
Pagefind holds ~0.7 MB per page it indexes (7 GB for 10,000 articles in one index), so
shards are indexed apart, two at a time within a page budget (``_index_shards``), and a
shard whose pages and files did not change is kept from the previous output as it is (hard links),
so an edit re-indexes only the shard of the edited article. Each bundle Pagefind writes
is put in a canonical form (``searchcanon``), as Pagefind orders its filters differently
from run to run: the same pages give the same bytes (on the same file system).

Layout of ``pagefind/``::

    shards.json     the manifest search.js reads: the shards, newest first, with their keys,
                    and the word directory's files
    pagefind.js     Pagefind's JavaScript API (the same file in every bundle)
    <shard>/        a Pagefind bundle (without Pagefind's UI files), and its words (words.txt)
    words/          the word directory: which shards hold each word (searchwords)

Only article pages carry ``data-pagefind-body``, so only they are indexed. Pagefind runs
once per shard over a scratch folder of hard links to exactly that shard's pages, so page
URLs are computed from their paths as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..model.errors import BuildFailed, Problem
from .progress import SILENT, Progress
from .searchcanon import FormatError, canonicalize
from .searchwords import WORDS, write_directory, write_words
from .workers import uncollected

if TYPE_CHECKING:
    from ..model.records import Article
    from .site import Site

BUNDLE = "pagefind"
MANIFEST = "shards.json"
API = "pagefind.js"
LAYOUT = 5
"""Version of this layout; part of every shard's key (2: bundles in canonical form; 3:
small word index chunks, CHUNK_SIZE; 4: each shard's words for the word directory,
searchwords; 5: with the pages holding each word)."""
PARALLEL = 2
"""Shards indexed at once (Pagefind uses about one core)."""
PAGES_AT_ONCE = 6000
"""Pages indexed at once beyond a single shard: Pagefind holds ~0.7 MB per page of its
shard, so the peak is ~0.7 MB × max(largest shard, PAGES_AT_ONCE)."""
MAX_SHARD = 3000
"""Articles of a year (or of the undated group) beyond which it is split into several
shards, so that two shards are indexed at once within PAGES_AT_ONCE (both cores busy)
however large the archive."""
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
            "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which search.js does not use."""
CHUNK_ENV = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
"""Pagefind's setting (an environment variable) of how much of its word index goes in one
chunk file: a chunk is closed once its words' pages and positions add up to this many.
Pagefind counts the pages and positions of a word as written without diacritics only; a
word's accented forms ("điện", "điển" under "đien") count nothing, so with its default of
20,000 a Vietnamese shard's chunks hold up to ~80 words and ~180 KB, and a query word
fetches a whole such chunk from every shard (Pagefind issue 1211 reports the same for
Korean). See CHUNK_SIZE."""
CHUNK_SIZE = 500
"""The CHUNK_ENV every shard is indexed with. Measured (bench/README.md, "Index chunk
size"): on a 620-page shard of the 10k archive, 708 chunks instead of 74, the meta file
14 KB instead of 7 KB, and the chunk a query word fetches 5–25 KB instead of 25–180 KB;
on a 3,000-page shard of the 100k archive, 953 chunks instead of 671, the meta file 41 KB
instead of 38 KB, the chunk of "điện" 99 KB instead of 287 KB. Smaller sizes gain little
more: most chunks then hold a single word."""
SCRATCH = ".search-pages"
"""Folder inside the staging folder where each shard's pages are linked for Pagefind."""


@dataclass(frozen=True)
class IndexReport:
    """What ``build_index`` did."""

    rebuilt: int
    """Shards Pagefind indexed."""
    kept: int
    """Shards kept from the previous output because their pages did not change."""

    def __str__(self) -> str:
        total = self.rebuilt + self.kept
        if not self.rebuilt:
            return f"kept all {total} shards"
        return f"rebuilt {self.rebuilt} of {total} shard{'s' if total != 1 else ''}"


def shards_of(site: Site) -> dict[str, list[str]]:
    """Shard name → sorted output paths of its article pages: one shard per year, newest
    first, and the undated articles' last (the order of a date sort). A group of more
    than MAX_SHARD articles is split into parts of about MAX_SHARD (see ``_parts``)."""
    shards: dict[str, list[str]] = {}
    for group in site.years:
        name = str(group.year) if group.year is not None else site.config.segments.undated
        for part, articles in _parts(group.year, group.articles):
            shards[name if part is None else f"{name}-{part}"] = sorted(
                site.routes.article(article) + "index.html" for article in articles)
    return shards


def _parts(year: int | None, articles: tuple[Article, ...]) -> list[tuple[int | None, list[Article]]]:
    """A year's or the undated group's articles as shards: the whole group (part None),
    or, past MAX_SHARD, parts numbered 1…k, listed in the order of a date sort.

    A year is split into ranges of months (year-only dates sort at the year's start, with
    January), and a range still much larger than MAX_SHARD (a busy season, a year under
    way) into runs of consecutive dates: parts stay in date order, which search.js relies on to
    sort by date, and while their number stays, an added or edited article changes only
    its own range. Undated articles are split by a digest of their path."""
    count = -(-len(articles) // MAX_SHARD)
    if count <= 1:
        return [(None, list(articles))]
    if year is None:
        buckets: list[list[Article]] = [[] for _ in range(count)]
        for article in articles:
            buckets[int(hashlib.sha256(article.path.encode()).hexdigest()[:8], 16) % count].append(article)
        return [(number, bucket) for number, bucket in enumerate(buckets, 1) if bucket]
    ranges: list[list[Article]] = [[] for _ in range(min(count, 12))]
    for article in articles:
        ranges[((article.date.month or 1) - 1) * len(ranges) // 12].append(article)  # type: ignore[union-attr]
    parts: list[list[Article]] = []
    for months in filter(None, ranges):  # oldest first; a range without articles is no shard
        months.sort(key=lambda article: article.date.iso)  # type: ignore[union-attr]
        # a range a little over MAX_SHARD (year-only dates go to the first) stays whole
        pieces = -(-len(months) // MAX_SHARD) if len(months) > MAX_SHARD * 5 // 4 else 1
        parts.extend(months[i * len(months) // pieces:(i + 1) * len(months) // pieces] for i in range(pieces))
    return list(enumerate(parts, 1))[::-1]


def build_index(staging: Path, previous: Path, shards: dict[str, list[str]],
                language: str = "vi", replaced: frozenset[str] | None = frozenset(),
                meter: Progress = SILENT) -> IndexReport:
    """Write ``staging/pagefind``: one bundle per shard, reused from ``previous/pagefind``
    when its pages and the indexing options are the same and its files are as the build
    that made them left them, then the API file and the manifest. ``shards`` comes from
    ``shards_of``; its order is kept in the manifest. ``replaced``: files of ``previous``
    (by path in it) not known to be as the last build left them: pages rewritten in place
    since its index was made (serve's quick edits, preview/quickedit.py), whose bytes are
    read rather than trusted by inode, and any file changed, removed or added behind this
    tool's back: a shard holding one is indexed again (Pagefind writes it afresh in the
    staging folder: the damaged file, which hard links may share, is never written
    into). None when nothing vouches for ``previous``'s files: every shard is indexed.
    ``meter`` is told of the pages of each shard Pagefind has indexed (the "index" stage)."""
    options = _options(language)
    old_dir, new_dir = previous / BUNDLE, staging / BUNDLE
    entries, todo = _plan(staging, previous, shards, options, replaced)
    for entry in entries:
        if entry["name"] not in todo:
            _link_tree(old_dir / entry["name"], new_dir / entry["name"])
    new_dir.mkdir(parents=True, exist_ok=True)
    try:
        # uncollected: each shard's words are read in a thread (searchwords), millions of objects
        with meter.stage("index", sum(len(shards[name]) for name in todo), "pages") as advance, uncollected():
            _index_shards(staging, {name: shards[name] for name in todo}, options, advance)
    finally:
        shutil.rmtree(staging / SCRATCH, ignore_errors=True)
    if entries:
        os.link(new_dir / entries[0]["name"] / API, new_dir / API)
    words = write_directory(new_dir, [entry["name"] for entry in entries])
    manifest = {"layout": LAYOUT, "pagefind": indexer().removeprefix("pagefind "), "shards": entries, "words": words}
    (new_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return IndexReport(rebuilt=len(todo), kept=len(entries) - len(todo))


def indexer() -> str:
    """The Pagefind that indexes, as it names itself ("pagefind 1.5.2"): the binary the
    pagefind package runs (``PAGEFIND_BINARY_PATH``, else its ``pagefind_bin`` package, else
    one on the PATH). Part of every shard's key and of the build's inputs (a search build
    only), so that another Pagefind means every shard indexed again, never a bundle of two
    versions or a build that says nothing changed."""
    from pagefind.service import get_executable

    binary = get_executable()
    try:
        stat = binary.stat() if binary is not None else None
    except OSError:
        stat = None
    if binary is None or stat is None:
        raise BuildFailed([Problem("pagefind", None, None, "Pagefind, which builds the search index, is not "
                                   "installed: pip install 'pagefind[bin]' (or build with --no-search)")])
    return _version_of(str(binary), stat.st_size, stat.st_mtime_ns)


def indexer_stamp() -> str:
    """The Pagefind that indexes, named without running it or importing the pagefind
    package's service module (which loads asyncio, ~30 ms a command): the installed pagefind
    packages' versions, and ``PAGEFIND_BINARY_PATH`` with its file's size and mtime. The
    inputs' quick check uses it (freshness.input_stats); when that check fails, the full one
    and the shards' keys use ``indexer``."""
    parts = []
    for name in ("pagefind", "pagefind-bin", "pagefind-bin-extended"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} -")
    if binary := os.environ.get("PAGEFIND_BINARY_PATH"):
        try:
            stat = os.stat(binary)
            parts.append(f"{binary} {stat.st_size} {stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{binary} -")
    return "; ".join(parts)


@functools.lru_cache(maxsize=8)
def _version_of(binary: str, size: int, mtime: int) -> str:
    """``binary --version``, asked once per binary file as it is (its size and mtime)."""
    try:
        result = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
        named = result.stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        named, result = str(error), None
    if result is None or result.returncode != 0 or not named.startswith("pagefind "):
        raise BuildFailed([Problem("pagefind", None, None, f"{binary} --version did not name a Pagefind: {named!r}")])
    return named.splitlines()[0]


def _options(language: str) -> tuple[str, ...]:
    return ("--force-language", language)


def _plan(staging: Path, previous: Path, shards: dict[str, list[str]], options: tuple[str, ...],
          replaced: frozenset[str] | None = frozenset()) -> tuple[list[dict], list[str]]:
    """The manifest entries of the shards and the names of those to index again."""
    header = f"layout {LAYOUT}\n{indexer()} {' '.join(options)}\n{CHUNK_ENV}={CHUNK_SIZE}\n"  # all Pagefind is given
    old_dir = previous / BUNDLE
    old = _read_manifest(old_dir) if replaced is not None else {}
    replaced = replaced or frozenset()
    damaged = {path.split("/")[1] for path in replaced if path.startswith(f"{BUNDLE}/") and path.count("/") > 1}
    entries, todo = [], []
    for name, pages in shards.items():
        listing = _digest(header + "\n".join(pages))
        key = None if replaced.intersection(pages) else _unchanged_key(old.get(name), listing, staging, previous, pages)
        if key is None:
            key = _key(header, staging, pages)
        if name in damaged or not ((old.get(name) or {}).get("key") == key
                                   and all((old_dir / name / file).is_file() for file in ("pagefind-entry.json", WORDS))):
            todo.append(name)
        entries.append({"name": name, "pages": len(pages), "paths": listing, "key": key})
    return entries, todo


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _key(header: str, staging: Path, pages: list[str]) -> str:
    """Digest of the shard's pages (paths and bytes), Pagefind's version and options."""
    digest = hashlib.sha256(header.encode())
    for rel in pages:
        digest.update(rel.encode() + b"\0")
        digest.update(hashlib.sha256((staging / rel).read_bytes()).digest())
    return digest.hexdigest()[:32]


def _unchanged_key(entry: dict | None, listing: str, staging: Path, previous: Path, pages: list[str]) -> str | None:
    """The previous key of a shard with the same pages, each still the very file (inode) the
    previous output had, so its bytes are those that were indexed; None when unsure. Saves
    reading every page: the output step hard-links each unchanged page from the previous
    output."""
    if not entry or entry.get("paths") != listing or not entry.get("key"):
        return None
    for rel in pages:
        try:
            if not os.path.samefile(staging / rel, previous / rel):
                return None
        except OSError:
            return None
    return entry["key"]


def _read_manifest(bundle: Path) -> dict[str, dict]:
    try:
        manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("layout") != LAYOUT:
            return {}
        return {entry["name"]: entry for entry in manifest["shards"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _index_shards(staging: Path, shards: dict[str, list[str]], options: tuple[str, ...],
                  advance: Callable[[int], None] = SILENT.advance) -> None:
    """Index the shards, largest first, at most PARALLEL at once and, beside another one,
    only while the pages being indexed stay within PAGES_AT_ONCE; ``advance`` is told of
    each shard's pages as it ends."""
    pending = sorted(shards, key=lambda name: -len(shards[name]))
    running: dict[Future, int] = {}
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        while pending or running:
            while pending and len(running) < PARALLEL:
                room = PAGES_AT_ONCE - sum(running.values())
                name = next((n for n in pending if not running or len(shards[n]) <= room), None)
                if name is None:
                    break
                pending.remove(name)
                running[pool.submit(_index_shard, staging, name, shards[name], options)] = len(shards[name])
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                pages = running.pop(future)
                future.result()
                advance(pages)


def _index_shard(staging: Path, name: str, pages: list[str], options: tuple[str, ...]) -> None:
    """Run Pagefind over hard links to exactly this shard's pages; drop its UI files and
    put the bundle in canonical form."""
    site = staging / SCRATCH / name
    for rel in pages:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(staging / rel, site / rel)
    out = staging / BUNDLE / name
    command = [sys.executable, "-c", _LAUNCH.format(parent=os.getpid()),
               "--site", str(site), "--output-path", str(out), "--silent", *options]
    environment = {**os.environ, CHUNK_ENV: str(CHUNK_SIZE),
                   "PYTHONPATH": os.pathsep.join(filter(None, (_PACKAGE_ROOT, os.environ.get("PYTHONPATH"))))}
    result = subprocess.run(command, capture_output=True, text=True, cwd=site, env=environment)
    if result.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        message = (result.stderr or result.stdout or "no index written").strip().splitlines()
        raise BuildFailed([Problem("pagefind", None, None,
                                   f"search indexing of shard {name} failed: " + " / ".join(message[-5:]))])
    for file in UI_FILES:
        (out / file).unlink(missing_ok=True)
    try:
        canonicalize(out)
        write_words(out)
    except FormatError as error:
        raise BuildFailed([Problem("pagefind", None, None, f"search index of shard {name}: {error}")]) from error
    shutil.rmtree(site, ignore_errors=True)


_LAUNCH = ("from archivist.build.workers import die_with_parent; die_with_parent({parent}); "
           "import runpy; runpy.run_module('pagefind', run_name='__main__', alter_sys=True)")
"""``python -m pagefind`` (which execs Pagefind's binary) ending with the build even when the
build is killed: a Pagefind left running would go on writing into the staging folder that
the next build fills."""
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
"""The folder holding the ``archivist`` package, for ``_LAUNCH``'s import."""


def _link_tree(source: Path, target: Path) -> None:
    """Make ``target`` a tree of hard links to the files of ``source`` (which it must not
    hold yet), folder by folder with ``os.scandir`` (a kept shard has ~1,300 files at 10k)."""
    stack = [(str(source), str(target))]
    while stack:
        here, there = stack.pop()
        os.makedirs(there, exist_ok=True)
        for entry in os.scandir(here):
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{there}/{entry.name}"))
            else:
                os.link(entry.path, f"{there}/{entry.name}")
