"""Fingerprints of pages: a digest of everything a page's template can see.

A page whose fingerprint equals the one it had in the last build renders to the same
bytes, so it is not rendered again: its file is kept from ``output/``. A page sees its
own context plus the site-wide values (config, routes, static assets, feeds, templates,
this tool's code), which go into every fingerprint as one ``base`` digest.

The context is pickled with each article replaced by the digest of its source file (the
parse cache key: it covers everything parsed from the file), and each shared group (tag,
author, source, year, place node), which may hold thousands of articles, by a digest
computed once per build over its members without their bodies (a page showing a group
shows its name, its count, its members' titles at most, never their text). So a page
costs microseconds however large its groups are, and an edit to an article's text
re-renders only the pages that show that article: its own, its neighbours', the pages
listing it as related, its list pages and feeds.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable

from .records import Article
from .site import Page
from .taxonomy import PlaceNode, Term, YearGroup

_GROUPS = {cls: tuple(f.name for f in fields(cls)) for cls in (Term, YearGroup, PlaceNode)}


class Fingerprints:
    """Page fingerprints for one build's model."""

    def __init__(self, article_keys: dict[str, str], base: str):
        self._articles = article_keys
        self._listings: dict[str, str] = {}
        self._groups: dict[int, str] = {}
        self._keep_alive: list[Any] = []
        self.base = base

    def page(self, page: Page) -> str:
        """The fingerprint of one page."""
        return self._digest((self.base, page.route, page.template, page.context), self._reference)

    def listing(self, value: Any) -> str:
        """The fingerprint of ``value`` as a list shows it: its articles without their bodies."""
        return self._digest(value, self._member)

    def _digest(self, value: Any, reference: Callable[[Any], str | None]) -> str:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = reference  # type: ignore[method-assign]
        pickler.dump(value)
        return hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()

    def _reference(self, obj: Any) -> str | None:
        """An article in a page's own context: all of it (its source file's digest)."""
        if type(obj) is Article:
            return "a" + self._articles[obj.path]
        return self._group(obj)

    def _member(self, obj: Any) -> str | None:
        """An article inside a group: everything but its body, which a page showing a
        group (a count, a list of titles) never shows."""
        if type(obj) is Article:
            ref = self._listings.get(obj.path)
            if ref is None:
                listing = [getattr(obj, name) for name in _LISTED]
                ref = self._listings[obj.path] = "l" + self._digest(listing, _no_reference)
            return ref
        return self._group(obj)

    def _group(self, obj: Any) -> str | None:
        names = _GROUPS.get(type(obj))
        if names is None:
            return None
        ref = self._groups.get(id(obj))
        if ref is None:
            value = (type(obj).__name__, [getattr(obj, name) for name in names])
            ref = self._groups[id(obj)] = "g" + self._digest(value, self._member)
            self._keep_alive.append(obj)  # ids stay unique while the digest is remembered
        return ref


_LISTED = tuple(f.name for f in fields(Article) if f.name != "body_html")


def _no_reference(obj: Any) -> None:
    return None


def base_digest(templates: Path, *parts: Any) -> str:
    """Digest of the site-wide values every page sees: every file under ``templates``
    (templates and static assets) and the reprs of ``parts``."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode() + b"\0")
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
