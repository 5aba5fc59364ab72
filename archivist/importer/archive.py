"""The archive as ``build.py import`` sees it, to tell a page already there: a small record
(``duplicates.Known``) of every article file under ``content/`` (drafts in ``_drafts/``
included), read in parallel and kept in ``.cache/`` by each file's stat (size, mtime,
ctime), so that the next import reads only the files changed since (a 10k-article archive:
``bench/duplicates.py``)."""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any, Sequence

from ..build.content import decode, split_front_matter
from ..build.sources import Stat, file_stat
from ..build.store import Store
from ..build.store import key as cache_key
from ..build.workers import plain, run_chunks
from ..model.errors import BuildFailed
from ..model import stories
from ..model.places import Gazetteer, Place, PlaceError
from ..model.records import PubDate, parse_date
from ..model.stories import story_key
from ..model.vietnamese import slugify
from ..model.yamlsource import YamlError, parse
from . import duplicates, publishers
from .duplicates import Duplicate, Known, Page, article_url, find_duplicate, passages, shingles, signature
from .publishers import site_host

_CODE = hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for module in (duplicates, stories, publishers))
                       + Path(__file__).read_bytes() + repr(sys.version_info[:2]).encode()).hexdigest()[:16]
"""The rules' version: a record made by other rules (or another Python's tuple hash) is not used."""


class Archive:
    """The records of a content folder's article files, by path relative to it."""

    def __init__(self, content_dir: Path, display_root: str, records: dict[str, tuple[Stat, Known]],
                 store: Store | None, changed: bool) -> None:
        self.content_dir, self.display_root = content_dir, display_root
        self.records, self._store, self._changed = records, store, changed
        self._slugs: set[str] | None = None
        """``taken``'s names, made on first use and kept up to date by ``add``."""

    @classmethod
    def read(cls, content_dir: Path, display_root: str = "content", cache: Path | None = None) -> "Archive":
        """Every article file's record: from ``cache`` (the project's ``.cache/``) when the
        file's stat is the same, else read (in worker processes when they are many)."""
        stats = {rel: file_stat(content_dir / rel) for rel in _article_files(content_dir)}
        store = Store(cache) if cache is not None and not plain() else None
        kept = store.get(_cache_key(display_root)) if store is not None else None
        kept = kept if isinstance(kept, dict) else {}
        records = {rel: kept[rel] for rel, stat in stats.items() if rel in kept and kept[rel][0] == stat}
        todo = [rel for rel in stats if rel not in records]
        read = run_chunks(_read_chunk, todo, (content_dir, display_root))
        records.update((rel, (stats[rel], known)) for rel, known in zip(todo, read))
        return cls(content_dir, display_root, dict(sorted(records.items())), store,
                   changed=bool(todo) or len(records) != len(kept))

    def digests(self) -> dict[str, str]:
        """The raw pages' SHA-256 named by the articles' provenance, with the article (as shown)."""
        found: dict[str, str] = {}
        for _, known in self.records.values():
            if known.sha256:
                found.setdefault(known.sha256, known.path)
        return found

    def find(self, page: Page, places: Gazetteer) -> Duplicate | None:
        """The article ``page`` duplicates, if any (``duplicates.find_duplicate``)."""
        def place_of(known: Known) -> str | None:
            if not known.places:
                return None
            date = parse_date(known.story.date) if known.story.date else None
            try:
                return places.locate(known.places[0], date).place.key
            except PlaceError:
                return None

        def shingles_of(known: Known) -> frozenset[int] | None:
            try:
                return shingles(_body(self.content_dir / known.path.removeprefix(f"{self.display_root}/"),
                                      known.path)[1])
            except OSError:
                return None

        return find_duplicate(page, (known for _, known in self.records.values()), place_of, shingles_of)

    def site_names(self) -> dict[str, str]:
        """The names reviewed articles give the sites they were retrieved from, by host: the name most of them give
        (the first in order of the names when as many give another)."""
        counts: dict[str, Counter[str]] = {}
        for _, known in self.records.values():
            if known.site:
                counts.setdefault(known.site[0], Counter())[known.site[1]] += 1
        return {host: min(names.items(), key=lambda item: (-item[1], item[0]))[0] for host, names in counts.items()}

    def taken(self, slug: str) -> bool:
        """Whether an article file (in any folder, ``_drafts/`` too) has a name whose URL is ``slug``."""
        if self._slugs is None:
            self._slugs = {slugify(PurePosixPath(rel).stem) for rel in self.records}
        return slug in self._slugs

    def add(self, path: Path) -> None:
        """Take in an article file just written (its name taken from now on)."""
        rel = path.relative_to(self.content_dir).as_posix()
        self.records[rel] = (file_stat(path), _record(self.content_dir, rel, self.display_root))
        self._changed = True
        if self._slugs is not None:
            self._slugs.add(slugify(path.stem))

    def save(self) -> None:
        """Keep the records in the cache for the next import (when any changed)."""
        if self._store is not None and self._changed:
            self._store.put(_cache_key(self.display_root), self.records)
            self._changed = False


def page_record(title: str, date: PubDate | None, place: Place | None, urls: Sequence[str | None],
                body: str) -> Page:
    """A page to import as the rules see it (``place``: its main place; ``urls``: its
    addresses, None where unknown)."""
    return Page(story_key(title, date, place), frozenset(filter(None, map(article_url, urls))), passages(body),
                shingles(body))


def _cache_key(display_root: str) -> str:
    return cache_key("import-archive", display_root, _CODE)


def _article_files(content_dir: Path) -> list[str]:
    """The ``*.md`` files under the content folder (``_drafts/`` too; hidden names and the
    kept raw pages left out), relative to it, sorted."""
    found = []
    for folder, dirs, names in os.walk(content_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "_raw"]
        rel = os.path.relpath(folder, content_dir)
        found.extend(Path(rel, name).as_posix().removeprefix("./") for name in names
                     if name.endswith(".md") and not name.startswith("."))
    return sorted(found)


def _read_chunk(items: Sequence[str], context: tuple[Path, str]) -> list[Known]:
    content_dir, display_root = context
    return [_record(content_dir, rel, display_root) for rel in items]


def _body(path: Path, display: str) -> tuple[dict[str, Any], str]:
    """A file's front matter (a mapping; empty when it has none or it is broken) and body."""
    try:
        text = decode(path.read_bytes(), display)
        head, body = split_front_matter(text, display)
    except BuildFailed:  # not UTF-8, no front matter: the build says so; its text still counts
        return {}, path.read_bytes().decode("utf-8", errors="replace")
    try:
        meta = parse(head)
    except YamlError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), body


def _record(content_dir: Path, rel: str, display_root: str) -> Known:
    display = f"{display_root}/{rel}"
    try:
        meta, body = _body(content_dir / rel, display)
    except OSError:
        meta, body = {}, ""
    try:
        date = parse_date(meta["date"]) if meta.get("date") is not None else None
    except ValueError:
        date = None
    places = meta.get("locality")
    places = [places] if isinstance(places, str) else places if isinstance(places, list) else []
    source = meta.get("source") if isinstance(meta.get("source"), dict) else {}
    provenance = meta.get("provenance") if isinstance(meta.get("provenance"), dict) else {}
    urls = frozenset(filter(None, (article_url(source.get("url")), article_url(provenance.get("url")))))
    sample, words = signature(body)
    sha = provenance.get("sha256")
    return Known(display, story_key(meta.get("title"), date, None), tuple(p for p in places if isinstance(p, str)),
                 urls, sample, words, sha if isinstance(sha, str) else None, _site(meta, source, provenance))


def _site(meta: dict[str, Any], source: dict[str, Any], provenance: dict[str, Any]) -> tuple[str, str] | None:
    """(host, name) of the site a reviewed article was retrieved from, when its source is that site."""
    name, own, page = source.get("name"), source.get("url"), provenance.get("url")
    if meta.get("draft") is True or not (isinstance(name, str) and name.strip()):
        return None
    if not (isinstance(own, str) and isinstance(page, str) and site_host(own) and site_host(own) == site_host(page)):
        return None
    return site_host(own), " ".join(name.split())
