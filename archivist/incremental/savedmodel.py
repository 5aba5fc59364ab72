"""The saved model: a build's site model kept for the next edit of articles' text, on
disk for the command line (``save_model``/``load_model``, attach._edit_from_saved_model)
and in memory for ``serve`` (preview/quickedit.py).

When the only changes since a build are edits of existing articles that keep their entry
(records.ArticleEntry: path, slug, title, date, places, author, source and tags, so the
same pages, groups, order, related articles and exports), ``render_edit`` swaps the new
articles into the pages that hold them: the article's own page, its neighbours', the
pages listing it as related, the list pages and feeds it is on. Those pages are found,
and the articles swapped in, by the same walk that makes the pages' fingerprints
(model/fingerprints.py); groups hold links, which such an edit leaves as they are. So
it renders exactly what the full build would. Anything else (a new, deleted or renamed
file, another edit, a template or site.yaml, a file that does not parse) is left to the
full build.

A saved model leaves out the articles' bodies (UNLOADED instead; most of its bytes): the
bodies of the articles on the pages an edit renders are read back from the parse cache,
and a page that would still show the placeholder makes the edit a full build's.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import pickle
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2

from ..build.content import parse_article
from ..build.media import same_images, with_found
from ..build.render import Renderer
from ..build.site import Site
from ..build.store import Store
from ..build.store import key as cache_key
from ..build.workers import can_fork, die_with_parent, frozen, uncollected
from ..model.errors import BuildFailed, Problem
from ..model.fingerprints import Fingerprints, articles_in, pages_showing, swap_articles
from ..model.places import gazetteer
from ..model.records import Article

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
    """Name of the build's record in the store (lastbuild.Freshness)."""
    strict: bool
    _by_path: dict[str, Article] | None = None
    _shown: dict[str, list[int]] | None = None
    bodies: Store | None = None
    """Where the articles' bodies are, for a model loaded without them (load_model)."""

    def with_bodies(self, pages: Iterable[Any], swaps: dict[int, Article]) -> dict[int, Article] | None:
        """Swaps giving the articles in the contexts of ``pages`` their bodies back (from
        the parse cache), those in ``swaps`` aside; None when one is not in the cache."""
        found: dict[int, Article] = {}
        if self.bodies is None:
            return found
        for page in pages:
            for article in articles_in(page.context):
                if article.body_html == UNLOADED:
                    if id(article) in swaps or id(article) in found:
                        continue
                    parsed = self.bodies.get(self.prints.article_key(article.path) or "")
                    if not parsed or parsed[0].path != article.path:
                        return None
                    found[id(article)] = with_found(parsed[0], article.images)  # the images as found
        return found

    def article(self, rel: str) -> Article | None:
        """The model's article from the file ``rel``."""
        if self._by_path is None:
            self._by_path = {article.path: article for article in self.site.articles}
        return self._by_path.get(rel)

    def shown_on(self, rel: str) -> list[int]:
        """Positions of the pages whose context holds the article."""
        if self._shown is None:
            self._shown = pages_showing(self.site.pages)
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


MODEL = "model"
"""Suffix of the saved model's name in the store: ``<record>-model``."""


UNLOADED = "archivistbodynotloaded"
"""The body of an article in a saved model: bodies are most of a model's bytes and a
quick edit renders few of them, so they are read from the parse cache when needed. One
lowercase word, so that it survives the filters a template may apply (``plain``,
``search_fold``) and a page showing it is caught."""


class _SlimPickler(pickle.Pickler):
    """Pickles articles without their bodies (UNLOADED instead), each article in
    ``swaps`` (by id) as its new version."""

    def __init__(self, file: Any, swaps: dict[int, Article]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.swaps = swaps

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Article:
            obj = self.swaps.get(id(obj), obj)
            return Article, tuple(UNLOADED if f.name == "body_html" else getattr(obj, f.name) for f in _ARTICLE_FIELDS)
        return NotImplemented


_ARTICLE_FIELDS = fields(Article)


def save_model(live: Live, store: Store, inputs: str, swaps: dict[int, Article] | None = None,
               name: str | None = None) -> None:
    """Keep the model on disk (without the articles' bodies) for the next build from the
    command line, which then starts from it when only articles' text changed
    (attach._edit_from_saved_model); ``inputs`` is the digest of the build it comes from.
    ``swaps``: an edit's new articles (Edit.swaps), saved in place of the old ones (the
    model a full build would now make). ``name``: where in the store, if not where
    ``load_model`` looks."""
    live.article("")
    live.shown_on("")
    buffer = io.BytesIO()
    _SlimPickler(buffer, swaps or {}).dump(
        {"inputs": inputs, "site": live.site, "prints": live.prints, "by_path": live._by_path, "shown": live._shown})
    store.put_bytes(name or _model_name(live.record), buffer.getbuffer())


def _model_name(record: str) -> str:
    """Where the model of the build whose record is ``record`` is kept in the store."""
    return f"{record}-{MODEL}"


class ModelSave:
    """``save_model`` in a forked process, started once the model is made: pickling a
    large model (about a second at 10k articles) then runs beside the rendering instead
    of after it. It saves under a pending name; ``wait()`` waits for it and puts the model
    where ``load_model`` looks, ``cancel()`` (a failed or interrupted build) kills it and
    removes what it wrote: the last build's model stays. Without ``fork`` (or on one core),
    ``wait()`` saves in this process."""

    def __init__(self, live: Live, store: Store, inputs: str):
        self._args = (live, store, inputs)
        self._name = _model_name(live.record)
        self._pending = f"{self._name}{_PENDING}"
        self._process: Any = None
        if can_fork():
            self._process = multiprocessing.get_context("fork").Process(
                target=_save_in_child, args=(os.getpid(), *self._args, self._pending), daemon=True)
            with frozen():
                self._process.start()

    def wait(self) -> None:
        live, store, inputs = self._args
        if self._process is None:
            save_model(live, store, inputs)
            return
        self._process.join()
        if self._process.exitcode != 0:
            raise RuntimeError(f"saving the model for quick edits failed (exit code {self._process.exitcode})")
        store.rename(self._pending, self._name)

    def cancel(self) -> None:
        if self._process is None:
            return
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()
        _, store, _ = self._args
        store.discard(self._pending, self._process.pid)
        store.remove(self._pending)


_PENDING = "-pending"


def _save_in_child(parent: int, live: Live, store: Store, inputs: str, name: str) -> None:
    die_with_parent(parent)
    save_model(live, store, inputs, name=name)


def load_model(store: Store, record: str, inputs: str, content: Path, display_root: str, output: Path,
               renderer: Callable[[Site], Renderer], strict: bool) -> Live | None:
    """The model saved by the build whose inputs' digest is ``inputs``; None when there is
    none (a cold cache, or a build since that did not save one)."""
    with uncollected():  # millions of objects, none of them garbage
        saved = store.get(_model_name(record))
    if not saved or saved.get("inputs") != inputs:
        return None
    site = saved["site"]
    return Live(content, display_root, output, site, saved["prints"], renderer(site), record, strict,
                saved["by_path"], saved["shown"], store)


@dataclass(frozen=True)
class Edit:
    """The pages an edit of articles' text changes, rendered from the model (``render_edit``)."""

    pages: dict[str, bytes]
    """The new bytes of every page showing an edited article, by file."""
    fingerprints: dict[str, str]
    """Their fingerprints."""
    keys: dict[str, str]
    """The edited articles' new source digests, by path."""
    swaps: dict[int, Article]
    """The new articles, by the id of the model's article they replace."""
    warnings: dict[str, tuple[Problem, ...]]
    """The edited articles' warnings, by the path problems name."""


def render_edit(live: Live, store: Store, changed: Iterable[Path], parsed: list[str] | None = None) -> Edit | None:
    """Render the pages showing the edited articles in ``changed`` from the model; None
    when the changes need a full build (see the module's docstring). ``parsed`` gets the
    articles parsed on the way (not found in the cache), whatever is returned."""
    parsed = [] if parsed is None else parsed
    swaps: dict[int, Article] = {}
    keys: dict[str, str] = {}
    warnings: dict[str, tuple[Problem, ...]] = {}
    positions: set[int] = set()
    for path in set(changed):
        edited = _edited(live, store, path, parsed)
        if edited is None:
            return None
        if edited is _SAME:
            continue
        old, new, key, problems = edited
        swaps[id(old)], keys[old.path] = new, key
        warnings[f"{live.display_root}/{old.path}"] = problems
        positions.update(live.shown_on(old.path))
    if not swaps:
        return None
    pages = [live.site.pages[i] for i in sorted(positions)]
    bodies = live.with_bodies(pages, swaps)
    if bodies is None:
        return None
    prints = Fingerprints({**live.prints.articles, **keys}, live.prints.base)
    new = {**bodies, **swaps}
    rendered: dict[str, bytes] = {}
    fingerprints: dict[str, str] = {}
    for page in pages:
        page = replace(page, context=swap_articles(page.context, lambda article: new.get(id(article), article)))
        fingerprints[page.file] = prints.page(page)
        try:
            rendered[page.file] = live.renderer.render(page)
        except BuildFailed:
            return None  # the full build reports it
        if live.bodies is not None and _UNLOADED_BYTES in rendered[page.file].lower():
            return None  # a body not read back (a safety net under with_bodies)
    return Edit(rendered, fingerprints, keys, swaps, warnings)


_SAME = object()


def _edited(live: Live, store: Store, path: Path,
            parsed: list[str]) -> tuple[Article, Article, str, tuple[Problem, ...]] | object | None:
    """(model article, its new version, its cache key, its warnings) for an edited article
    file that keeps its place; _SAME when its bytes are as built; None when a full build
    is needed. An article parsed (not found in the cache) is added to ``parsed``."""
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
    found = store.get(key)
    if found is None:
        parsed.append(rel)
        try:
            found = parse_article(rel, display, raw, gazetteer())
        except BuildFailed:
            return None
        store.put(key, found)
    new, warnings = found
    if live.strict and warnings or new.entry() != old.entry():
        return None
    # the same images as before (the files have not changed): found as then; others (new
    # files to find and copy, copies to remove) are a full build's
    new = same_images(new, old)
    if new is None:
        return None
    return old, new, key, tuple(warnings)


_UNLOADED_BYTES = UNLOADED.encode()
