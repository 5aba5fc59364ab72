"""What a page can see, and its fingerprint: one walk over a page's context.

A page is rendered from its own context and the site-wide values (config, routes, static
assets, feeds, templates, this tool's code: one ``base`` digest). A page whose fingerprint
equals the one it had in the last build renders to the same bytes, so it is not rendered
again. That holds by construction, because the walk below (``_walk``) is both what the
fingerprint covers and the definition of what a context may hold:

- plain values (text, numbers, booleans, None) and the value records ``PubDate``,
  ``Source``, ``Place`` and ``ArticleLink``;
- tuples, lists and dicts of those, and dataclasses (a ``Pager``, or whatever a new page
  type brings), walked field by field;
- whole articles (``Article``), counted by the digest of their source file, which covers
  everything parsed from it, and their images' files and sizes, which their body shows
  (build/media.py finds them on every build);
- ``Shared`` values (the groups: tags, authors, sources, years, places), which hold links,
  never whole articles, counted by a digest of their own content computed once: a page
  showing a group with thousands of members costs microseconds.

Anything else in a context stops the build, naming the page. The same walk finds the
articles a page shows and swaps edited ones in (quick edits, incremental/savedmodel.py), so the full build,
the saved model and ``serve`` cannot disagree on what a page depends on.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields, is_dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .places import Place
from .records import Article, ArticleLink, PubDate, Source

_VALUES = frozenset({str, int, float, bool, type(None), PubDate, Source, Place, ArticleLink})
"""Types a context holds as they are (they hold no article): hashed by their pickle."""


class Shared:
    """A dataclass value that many pages show (a group): counted in a fingerprint by one
    digest of its fields, computed once per object. It may not hold a whole article
    (a page would depend on the article's text without the fingerprint knowing which)."""

    @cached_property
    def digest(self) -> str:
        """The digest of its fields (frozen dataclasses: computed once)."""
        return _hash((type(self).__qualname__, _walk([getattr(self, f.name) for f in fields(self)], _no_article)))  # type: ignore[arg-type]


class ContextError(TypeError):
    """A page's context holds a value the walk does not know (see the module's docstring)."""


def _no_article(article: Article) -> Any:
    raise ContextError(f"a group or a data file's input holds the whole article {article.path!r}; "
                       "give it the article's link or entry (records.ArticleLink, ArticleEntry)")


def _walk(value: Any, article: Callable[[Article], Any], rebuild: bool = False) -> Any:
    """``value`` as plain data, each article as ``article(it)`` gives it and each shared
    group by its digest (for a fingerprint); with ``rebuild``, ``value`` itself with each
    article replaced by ``article(it)``, containers without a replaced one returned as
    they are (groups hold no article, so they stay shared)."""
    kind = type(value)
    if kind in _VALUES:
        return value
    if kind is Article:
        return article(value)
    if kind is tuple or kind is list:
        items = [_walk(item, article, rebuild) for item in value]
        if not rebuild:
            return tuple(items)
        return value if all(new is old for new, old in zip(items, value)) else kind(items)
    if kind is dict:
        mapping = {key: _walk(item, article, rebuild) for key, item in value.items()}
        if not rebuild:
            return ("\0dict", tuple(mapping.items()))
        return value if all(mapping[key] is item for key, item in value.items()) else mapping
    if isinstance(value, Shared):
        return value if rebuild else "\0g" + value.digest
    names = _dataclass_fields(kind)
    if names is None:
        raise ContextError(f"a {kind.__module__}.{kind.__qualname__} is not a value a page may hold: use text, "
                           "numbers, tuples, dicts, dataclasses, articles or groups (see model/fingerprints.py)")
    items = [_walk(getattr(value, name), article, rebuild) for name in names]
    if not rebuild:
        return (f"{kind.__module__}.{kind.__qualname__}", tuple(items))
    changes = {name: new for name, new in zip(names, items) if new is not getattr(value, name)}
    return replace(value, **changes) if changes else value


def articles_in(context: Any) -> list[Article]:
    """The whole articles a page's context holds, wherever they are in it."""
    found: list[Article] = []
    _walk(context, found.append)
    return found


def swap_articles(context: Any, new: Callable[[Article], Article]) -> Any:
    """The context with each article replaced by ``new(article)`` wherever it is."""
    return _walk(context, new, rebuild=True)


def digest(value: Any) -> str:
    """The digest of a value that holds no whole article: what a cached derivation made
    from it (the exports) is keyed on."""
    return _hash(_walk(value, _no_article))


class Fingerprints:
    """Page fingerprints for one build's model: the walk with each article counted by the
    digest of its source file (the parse cache's key) and its images as found."""

    def __init__(self, article_keys: dict[str, str], base: str = ""):
        self.articles = article_keys
        """The source digest of each article, by path."""
        self.base = base

    def article_key(self, path: str) -> str | None:
        """The source digest an article counts by."""
        return self.articles.get(path)

    def page(self, page: Any) -> str:
        """The fingerprint of one page (site.Page)."""
        try:
            shape = _walk(page.context, self._article)
        except ContextError as error:
            raise ContextError(f"page /{page.route} ({page.origin}): {error}") from None
        return _hash((self.base, page.route, page.template, shape))

    def _article(self, article: Article) -> Any:
        key = "\0a" + self.articles[article.path]
        return (key, article.images) if article.images else key


def _hash(shape: Any) -> str:
    return hashlib.blake2b(pickle.dumps(shape, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).hexdigest()


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


def pages_showing(pages: Iterable[Any]) -> dict[str, list[int]]:
    """Per article path, the positions of the pages whose context holds the article."""
    index: dict[str, list[int]] = {}
    for position, page in enumerate(pages):
        for path in dict.fromkeys(article.path for article in articles_in(page.context)):
            index.setdefault(path, []).append(position)
    return index
