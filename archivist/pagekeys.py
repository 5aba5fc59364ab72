"""Fingerprints of pages: a digest of everything a page's template can see.

A page whose fingerprint equals the one it had in the last build renders to the same
bytes, so it is not rendered again: its file is kept from ``output/``. A page sees its
own context plus the site-wide values (config, routes, static assets, feeds, templates,
this tool's code), which go into every fingerprint as one ``base`` digest.

The context is pickled with each article replaced by the digest of its source file (the
parse cache key: it covers everything parsed from the file), and each shared group (tag,
author, source, year, place node), which may hold thousands of articles, by a digest
computed once per build over what a link to each member shows: its path, slug, title and
date. A page showing a group (an article page its tags, a term page its term) shows the
group's name, its count and links to its members at most, never their summaries or text:
the articles a page lists are in its own context (a list page's items, a feed's entries)
and count in full. So a page costs microseconds however large its groups are, and an
edit to an article's text or summary re-renders only the pages that show that article:
its own, its neighbours', the pages listing it as related, its list pages and feeds.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .places import Place
from .records import Article
from .site import Page
from .taxonomy import PlaceNode, Term, YearGroup

_GROUPS = {cls: tuple(f.name for f in fields(cls)) for cls in (Term, YearGroup, PlaceNode)}


class Fingerprints:
    """Page fingerprints for one build's model."""

    def __init__(self, article_keys: dict[str, str], base: str = ""):
        self._articles = article_keys
        self._placed: dict[str, str] = {}
        self._members: dict[str, Any] = {}
        self._groups: dict[int, str] = {}
        self._keep_alive: list[Any] = []
        self.base = base

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the digests kept by object id (ids mean nothing in another
        process): live.py saves the model with its fingerprints."""
        return {**self.__dict__, "_groups": {}, "_keep_alive": []}

    def article_key(self, path: str) -> str | None:
        """The source digest an article counts by."""
        return self._articles.get(path)

    def update(self, article_keys: dict[str, str]) -> None:
        """Take new source digests for some articles (serve's quick edits, see live.py); a
        group holding one of them must be a new object to get a new digest."""
        self._articles.update(article_keys)
        for path in article_keys:
            self._placed.pop(path, None)
            self._members.pop(path, None)

    def page(self, page: Page) -> str:
        """The fingerprint of one page."""
        return _hash((self.base, page.route, page.template, self._shape(page.context, _PAGE)))

    def placement(self, value: Any) -> str:
        """The fingerprint of ``value`` with each article by the fields that place it
        (PLACEMENT): what the exports and the browse index show of it."""
        return _hash(self._shape(value, _PLACED))

    def _shape(self, value: Any, member: int) -> Any:
        """``value`` as plain data, with a reference for each article and group, walked
        directly for the types contexts hold (much faster than a pickler's per-object
        hook). ``member`` says how an article counts: by its source digest (_PAGE), by
        the fields that place it (_PLACED) or as a link inside a group (_GROUP)."""
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is tuple or kind is list:
            return tuple([self._shape(item, member) for item in value])
        if kind is dict:
            return ("\0dict", tuple([(key, self._shape(item, member)) for key, item in value.items()]))
        if kind is Article:
            if member == _GROUP:
                return self._member(value)
            return self._placement(value) if member == _PLACED else "\0a" + self._articles[value.path]
        if kind is Place:
            return "\0p" + value.key
        names = _GROUPS.get(kind)
        if names is not None:
            ref = self._groups.get(id(value))
            if ref is None:
                ref = self._groups[id(value)] = "\0g" + _hash((kind.__name__, self._shape([getattr(value, n) for n in names], _GROUP)))
                self._keep_alive.append(value)  # ids stay unique while the digest is remembered
            return ref
        names = _dataclass_fields(kind)
        if names is not None:
            return (kind.__qualname__, tuple([self._shape(getattr(value, name), member) for name in names]))
        return value  # pickled as it is

    def _placement(self, article: Article) -> str:
        ref = self._placed.get(article.path)
        if ref is None:
            ref = self._placed[article.path] = "\0l" + _hash(self._shape([getattr(article, n) for n in PLACEMENT], _PLACED))
        return ref

    def _member(self, article: Article) -> Any:
        """An article inside a group: what a link to it shows."""
        ref = self._members.get(article.path)
        if ref is None:
            ref = self._members[article.path] = ("\0m", *self._shape([getattr(article, n) for n in _LINKED], _PLACED))
        return ref


def _hash(shape: Any) -> str:
    return hashlib.blake2b(pickle.dumps(shape, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).hexdigest()


PLACEMENT = ("path", "slug", "title", "date", "places", "author", "source", "tags")
"""The fields that decide an article's place in the model (its pages, groups, order and
related articles), and all the exports show of it: an edit keeping them changes only the
pages that show the article (see live.py)."""
_LINKED = ("path", "slug", "title", "date")
_PAGE, _PLACED, _GROUP = 0, 1, 2
_PLAIN = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=None)
def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None


def base_digest(templates: Path, *parts: Any) -> str:
    """Digest of the site-wide values every page sees: every file under ``templates``
    (templates and static assets) and the reprs of ``parts``."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode() + b"\0")
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
