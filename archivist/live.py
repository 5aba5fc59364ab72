"""Quick edits in ``serve``: an article's edit on the page in milliseconds, from the model
kept in memory.

After each successful build, ``serve`` keeps the site model (``Live``). When the only
changes since are edits to existing articles that keep their place in the model (same
path, slug, title, date, places, tags, author and source, so the same pages, groups, order
and related articles), ``quick_edit`` swaps the new articles into the pages that show
them directly: the article's own page, its neighbours', the pages listing it as related,
the list pages and feeds it is on. It renders those, replaces their files in ``output/``
one by one (atomically each) and updates the last-build record, so that the full build
that follows (the other pages of its groups, the exports, the search index) keeps them.
Anything else (a new, deleted or renamed file, a metadata edit, a template or site.yaml,
a file that does not parse) is left to the full build.

A quick edit renders exactly what the full build would: a page's context is the one the
full build makes, with the edited articles swapped in all the way down (groups included),
and its fingerprint is computed from that context (see pagekeys.py).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Iterable

import jinja2

from .cache import Store
from .cache import key as cache_key
from .content import parse_article
from .errors import BuildFailed
from .output import replace_files
from .pagekeys import PLACEMENT, Fingerprints
from .places import Place, gazetteer
from .records import Article, PubDate, Source
from .render import Renderer
from .site import Pager, Site

LIVE = "live"
"""Key of the ``Live`` state in the memory dict ``serve`` passes to every build."""



@dataclass
class Live:
    """A successful build's model and what rendering from it needs."""

    content: Path
    display_root: str
    """The content folder as problems name it."""
    output: Path
    site: Site
    prints: Fingerprints
    renderer: Renderer
    record: str
    """Name of the build's record in the store (pipeline._Freshness)."""
    strict: bool
    _by_path: dict[str, Article] | None = None
    _shown: dict[str, list[int]] | None = None

    def article(self, rel: str) -> Article | None:
        """The model's article from the file ``rel``."""
        if self._by_path is None:
            self._by_path = {article.path: article for article in self.site.articles}
        return self._by_path.get(rel)

    def shown_on(self, rel: str) -> list[int]:
        """Positions of the pages whose context holds the article itself, in a list or on
        a list page (not only inside a group)."""
        if self._shown is None:
            self._shown = _shown(self.site.pages)
        return self._shown.get(rel, [])

    def prepare(self) -> None:
        """Do now what the first quick edit would otherwise wait for (serve calls this
        while idle): the article and page indexes, the compiled templates."""
        self.article("")
        self.shown_on("")
        env = self.renderer.env
        for name in env.list_templates(extensions=("html", "xml")):
            try:
                env.get_template(name)
            except jinja2.TemplateError:
                pass  # not a page's template (a build would have failed): never rendered here


@dataclass(frozen=True)
class QuickReport:
    """What a quick edit did."""

    articles: int
    rendered: int
    written: int
    seconds: float


def quick_edit(memory: dict[str, Any], store: Store, changed: Iterable[Path]) -> QuickReport | None:
    """Publish edits of existing article files straight from the model in memory; None
    (nothing done) when the changes need a full build or no model is kept."""
    start = time.perf_counter()
    live: Live | None = memory.get(LIVE)
    if live is None:
        return None
    swaps: dict[int, Article] = {}
    keys: dict[str, str] = {}
    positions: set[int] = set()
    for path in set(changed):
        edited = _edited(live, store, path)
        if edited is None:
            return None
        if edited is _SAME:
            continue
        old, new, key = edited
        swaps[id(old)], keys[old.path] = new, key
        positions.update(live.shown_on(old.path))
    record = store.get(live.record)
    if not swaps or not record:
        return None
    pages = [live.site.pages[i] for i in sorted(positions)]
    if any(record["files"].get(page.file) != _stat(live.output / page.file) for page in pages):
        return None  # output/ was changed behind this process's back: build it properly
    live.prints.update(keys)
    memo: dict[int, Any] = {}
    rendered: dict[str, bytes] = {}
    prints: dict[str, str] = {}
    for page in pages:
        page = replace(page, context=_substitute(page.context, swaps, memo))
        prints[page.file] = live.prints.page(page)
        try:
            rendered[page.file] = live.renderer.render(page)
        except BuildFailed:
            return None  # the full build reports it
    written = replace_files(live.output, rendered)
    files = dict(record["files"])
    files.update((name, _stat(live.output / name)) for name in written)
    store.remember(live.record, {**record, "files": files, "fingerprints": {**record["fingerprints"], **prints}})
    del memory[LIVE]  # the model is out of date now: the full build that follows makes a new one
    return QuickReport(len(swaps), len(rendered), len(written), time.perf_counter() - start)


_SAME = object()


def _edited(live: Live, store: Store, path: Path) -> tuple[Article, Article, str] | object | None:
    """(model article, its new version, its cache key) for an edited article file that
    keeps its place; _SAME when its bytes are as built; None when a full build is needed."""
    try:
        rel = path.resolve().relative_to(live.content).as_posix()
        raw = path.read_bytes()
    except (ValueError, OSError):
        return None
    old = live.article(rel)
    if old is None:
        return None
    display = f"{live.display_root}/{rel}"
    key = cache_key("article", rel, display, hashlib.sha256(raw).hexdigest())
    if live.prints.article_key(rel) == key:
        return _SAME
    parsed = store.get(key)
    if parsed is None:
        try:
            parsed = parse_article(rel, display, raw, gazetteer())
        except BuildFailed:
            return None
        store.put(key, parsed)
    new, warnings = parsed
    if live.strict and warnings or any(getattr(new, name) != getattr(old, name) for name in PLACEMENT):
        return None
    return old, new, key


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _shown(pages: Iterable[Any]) -> dict[str, list[int]]:
    """Per article path, the positions of the pages showing it directly."""
    index: dict[str, list[int]] = {}
    for position, page in enumerate(pages):
        for value in page.context.values():
            kind = type(value)
            items = (value,) if kind is Article else value if kind is tuple or kind is list \
                else value.items if kind is Pager else ()
            for item in items:
                if type(item) is Article:
                    index.setdefault(item.path, []).append(position)
    return index


_LEAVES = frozenset({str, int, float, bool, type(None), Place, PubDate, Source})


def _substitute(value: Any, swaps: dict[int, Article], memo: dict[int, Any]) -> Any:
    """``value`` with the articles in ``swaps`` (by id) replaced wherever they occur in it;
    containers without one are returned as they are (so shared groups stay shared)."""
    kind = type(value)
    if kind is Article:
        return swaps.get(id(value), value)
    if kind in _LEAVES:
        return value
    if id(value) in memo:
        return memo[id(value)]
    result = value
    if kind is tuple or kind is list:
        items = [_substitute(item, swaps, memo) for item in value]
        if any(new is not old for new, old in zip(items, value)):
            result = kind(items)
    elif kind is dict:
        mapping = {name: _substitute(item, swaps, memo) for name, item in value.items()}
        if any(mapping[name] is not item for name, item in value.items()):
            result = mapping
    elif is_dataclass(value):
        changes = {f.name: new for f in fields(value)
                   if (new := _substitute(old := getattr(value, f.name), swaps, memo)) is not old}
        if changes:
            result = replace(value, **changes)
    memo[id(value)] = result
    return result
