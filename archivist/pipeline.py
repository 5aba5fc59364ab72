"""``build()``: the whole build, top to bottom: load, model, render, write, index.

Everything is gathered and validated before anything is rendered; pages are written to
the staging folder as they are rendered (output.py); ``output/`` changes only in one swap,
pages and search index together (``serve``'s preview alone swaps its pages in first when
an edit needs part of the index redone, then the index). Meanwhile the model is saved; a
build whose only changes are articles' text starts from it instead
(``_edit_from_saved_model``, live.py): it renders the pages showing them and swaps them in
with their search shards indexed again.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, replace
from typing import Any, Callable
from pathlib import Path

from . import search, taxonomy
from .cache import Store, code_version
from .cache import key as cache_key
from .config import load_config
from .content import load_articles
from .errors import BuildFailed, Problem
from .live import LIVE, Live, ModelSave, load_model, render_edit, save_model
from .lastbuild import Freshness
from .output import Staging, check_output_dir, write_output
from .parallel import in_background, plain
from .places import gazetteer
from .pagekeys import Fingerprints, base_digest, digest
from .exports import Catalog, catalog, data_file_names, data_files
from .render import feed_routes, make_renderer, render_site
from .records import ArticleEntry
from .site import make_site
from .taxonomy import Related


@dataclass(frozen=True)
class Project:
    """Where a site's inputs and output live."""

    root: Path
    config: Path
    content: Path
    templates: Path
    output: Path
    cache: Path

    @classmethod
    def at(cls, root: Path, *, content: Path | None = None, templates: Path | None = None,
           output: Path | None = None) -> "Project":
        """The conventional layout under ``root`` (site.yaml, content/, templates/, output/),
        any folder overridable."""
        root = root.resolve()
        return cls(root, root / "site.yaml", (content or root / "content").resolve(),
                   (templates or root / "templates").resolve(), (output or root / "output").resolve(),
                   root / ".cache")


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the one-line summary."""

    articles: int
    pages: int
    written: int
    unchanged: int
    removed: int
    index: str
    """"rebuilt", "kept" (no page changed) or "off"."""
    seconds: dict[str, float]
    warnings: tuple[Problem, ...] = ()
    rendered: int = 0
    """Pages rendered; the others were unchanged since the last build (see pagekeys.py)."""
    skipped: bool = False
    """True when nothing had changed since the last build, so nothing was done."""


def build(project: Project, base_url: str | None = None, search_index: bool | None = None,
          strict: bool = False, clean: bool = False, progress: Callable[[str], None] | None = None,
          memory: dict[str, Any] | None = None) -> BuildReport:
    """Build the site; raise BuildFailed (nothing written) when the input has problems,
    or, with ``strict``, warnings. ``clean`` ignores the cache and rewrites every file;
    ``progress`` is told each stage's result as it ends; ``memory`` is a dict a caller
    that builds again and again (serve) passes to every build, to keep the cache and the
    last model in memory (a first build with it is never skipped: it makes the model)."""
    clock = _Clock(progress)
    config = load_config(project.config, _display(project, project.config))
    if base_url is not None:
        config = replace(config, base_url=base_url if base_url.endswith("/") or not base_url else base_url + "/")
    if search_index is not None:
        config = replace(config, search=search_index)
    check_output_dir(project.output, [project.content, project.templates, project.config], project.root)
    if clean and project.cache.exists():
        shutil.rmtree(project.cache)
        if memory is not None:
            memory.clear()
    store = Store(None if plain() else project.cache, memory)
    live = memory.pop(LIVE, None) if memory is not None else None
    fresh = Freshness(project.content, _display(project, project.content), project.output, project.templates,
                      config, strict, store)
    if fresh.unchanged() and (memory is None or live is not None):
        if live is not None:
            memory[LIVE] = live  # still the model of output/
        clock.lap("check", "nothing changed since the last build")
        last = fresh.last
        return BuildReport(last.articles, last.pages, 0, len(last.files), 0, "kept" if config.search else "off",
                           clock.laps, last.warnings, skipped=True)
    if memory is None and not clean:
        edited = _edit_from_saved_model(project, config, strict, store, fresh, clock)
        if edited is not None:
            return edited
    sources = fresh.sources()
    loaded = load_articles(project.content, gazetteer(), _display(project, project.content), store, sources)
    if strict and loaded.warnings:
        raise BuildFailed(loaded.warnings)
    articles = loaded.articles
    clock.lap("load", f"{len(articles)} articles, {len(loaded.warnings)} warnings")
    prints = Fingerprints(loaded.keys)
    site = make_site(config, articles, lambda ordered: _related(config, ordered))
    clock.lap("model", f"{len(site.pages)} pages, {len(site.tags)} tags, {len(site.authors)} authors, "
                       f"{sum(1 for roots in site.places.values() for _ in taxonomy.walk(roots))} places")
    prints.base = base_digest(project.templates, code_version(), config, sorted(feed_routes(site)))
    fingerprints: dict[str, str] = {}
    keep: frozenset[str] = frozenset()
    if not clean and fresh.can_keep():  # which pages are unchanged decides what is rendered
        fingerprints = {page.file: prints.page(page) for page in site.pages}
        keep = fresh.unchanged_pages(fingerprints)
    renderer = make_renderer(site, project.templates, None if store.root is None else _compiled(project))
    data_input = catalog(site)
    data_names = data_file_names(data_input)
    names = [*(page.file for page in site.pages), *renderer.statics, *data_names]
    staging = Staging(project.output, reuse=not clean)
    live = Live(project.content, _display(project, project.content), project.output, site, prints, renderer,
                fresh.state, strict)
    data: dict[str, bytes] = {}

    def meanwhile() -> None:
        """This process's work while the workers render: the exports, and the pages'
        fingerprints (for the next build) when this one did not need them first."""
        data.update(_data_files(data_input, store))
        if list(data) != data_names:
            raise RuntimeError(f"data files {list(data)} made, {data_names} expected")
        if not fingerprints:
            fingerprints.update((page.file, prints.page(page)) for page in site.pages)

    def put_all(put: Callable[[str, bytes | None], bool]) -> int:
        written = render_site(site, renderer, put, keep, meanwhile)
        clock.lap("render", f"{len(site.pages) - len(keep)} pages rendered and staged, {len(keep)} unchanged")
        return written + sum(put(name, content) for name, content in {**renderer.statics, **data}.items())

    shards = search.shards_of(site) if config.search else {}
    replaced = fresh.replaced()
    indexed: list[search.IndexReport] = []
    deferred: list[bool] = []

    def finish(staging: Path, previous: Path) -> None:
        if not deferred:
            clock.lap("write", "staged")
        if not config.search:
            return
        if clean:
            indexed.append(search.build_index(staging, staging / ".none", shards))
        elif memory is not None and not deferred \
                and (stale := search.stale_shards(staging, previous, shards, replaced=replaced)) \
                and search.keep_previous(staging, previous, stale):
            # serve's preview: pages first, live now with the previous index, which is brought
            # up to date just after, in a second swap (every page then already in output/).
            # A build from the command line swaps pages and index in together.
            deferred.append(True)
            return
        else:
            indexed.append(search.build_index(staging, previous, shards, replaced=replaced))
        clock.lap("index", f"search index: {indexed[0]}")

    # The model is saved on disk for the next build's quick edit (_edit_from_saved_model)
    # by a process of its own, beside the rendering and the search index. Saved before the
    # record, it is used only once the record says it is this build's (load_model).
    saving = ModelSave(live, store, fresh.inputs) if memory is None and store.root is not None else None
    try:
        written = staging.fill(names, put_all)
        report = staging.publish(written, len(names) - written, finish, fresh.output_files())
        if deferred:
            clock.lap("publish", "pages live; updating the search index")
            final = write_output({name: None for name in names}, project.output, finish)
            report = replace(final, written=report.written, unchanged=report.unchanged, removed=report.removed)
            clock.lap("swap", "search index live")
        else:
            clock.lap("swap", f"output/ replaced: {report.written} files written, {report.unchanged} kept")
        if saving is not None:
            saving.wait()
            clock.lap("save", "model saved for quick edits")
    except BaseException:
        if saving is not None:
            saving.cancel()
        raise
    index = "off" if not indexed else "rebuilt" if indexed[0].rebuilt else "kept"
    fresh.record(len(articles), len(site.pages), loaded.warnings, fingerprints, report.files)
    if memory is not None:  # serve: keep the model in memory for quick edits (live.py)
        memory[LIVE] = live
    return BuildReport(len(articles), len(site.pages), report.written, report.unchanged, report.removed,
                       index, clock.laps, loaded.warnings, len(site.pages) - len(keep))


def _edit_from_saved_model(project: Project, config: Any, strict: bool, store: Store, fresh: Freshness,
                           clock: _Clock) -> BuildReport | None:
    """A build that only has to take edits of existing articles' text (entries kept, see
    live.py) starts from the last build's saved model instead of the whole archive: the
    pages showing the edited articles are rendered from it and swapped into output/ with
    their search shards indexed again, in one swap; the record and the model are saved.
    None when that does not apply, having changed nothing: a full build follows."""
    changed = fresh.edited_articles()
    if not changed or not fresh.output_intact():
        return None
    display = _display(project, project.content)
    live = load_model(store, fresh.state, fresh.last.inputs, project.content, display, project.output,
                      lambda site: make_renderer(site, project.templates, _compiled(project)), strict)
    edit = render_edit(live, store, changed) if live is not None else None
    if live is None or edit is None:
        return None
    clock.lap("render", f"{len(edit.pages)} pages showing {len(edit.swaps)} edited article(s) rendered")
    record = fresh.last
    indexed: list[search.IndexReport] = []

    def finish(staging: Path, previous: Path) -> None:
        if config.search:
            indexed.append(search.build_index(staging, previous, search.shards_of(live.site),
                                              replaced=frozenset(record.replaced)))

    names = [name for name in record.files if not name.startswith(f"{search.BUNDLE}/")]
    report = write_output({**dict.fromkeys(names), **edit.pages}, project.output, finish)
    index = "off" if not indexed else "rebuilt" if indexed[0].rebuilt else "kept"
    clock.lap("swap", f"output/ replaced: {report.written} files written"
                      + (f", search index: {indexed[0]}" if indexed else ""))
    warnings = tuple(sorted((*(w for w in record.warnings if w.path not in edit.warnings),
                             *(w for problems in edit.warnings.values() for w in problems)), key=lambda w: w.path))
    live.prints.articles.update(edit.keys)
    fresh.record(record.articles, record.pages, warnings, {**record.fingerprints, **edit.fingerprints}, report.files)
    save_model(live, store, fresh.inputs, edit.swaps)
    clock.lap("save", "record and model saved")
    return BuildReport(record.articles, record.pages, report.written, report.unchanged, report.removed, index,
                       clock.laps, warnings, len(edit.pages))


def _related(config: Any, ordered: tuple[ArticleEntry, ...]) -> Callable[[], Related]:
    """Start finding the related articles of the articles in site order in a process of
    its own, while this one makes the rest of the model; the function returned gives them."""
    return in_background(lambda: taxonomy.related(ordered, config.related))


def _data_files(data_input: Catalog, store: Store) -> dict[str, bytes]:
    """The data files (exports.py), from the cache when their input is the same."""
    key = cache_key("data", digest(data_input))
    data = store.get(key)
    if data is None:
        data = data_files(data_input)
        store.put(key, data)
    return data


COMPILED_KEPT = 3
"""Tool versions whose compiled templates are kept (the most recently used): a ``serve``
of one version and builds of another on the same project do not remove each other's."""


def _compiled(project: Project) -> Path:
    """Where the compiled templates are kept (render.make_environment): Jinja knows a
    template's source changed, not that this tool (its options, Jinja's version) did.
    Those of all but the COMPILED_KEPT most recently used versions are removed."""
    folder = project.cache / "templates" / code_version()
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # used now
    others = sorted((p for p in folder.parent.iterdir() if p != folder), key=lambda p: p.stat().st_mtime, reverse=True)
    for other in others[COMPILED_KEPT - 1:]:
        try:
            shutil.rmtree(other) if other.is_dir() else other.unlink()
        except OSError:
            pass
    return folder


def _display(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


class _Clock:
    def __init__(self, progress: Callable[[str], None] | None = None) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()
        self._progress = progress

    def lap(self, name: str, detail: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
        if self._progress is not None:
            self._progress(f"{name}: {detail} ({self.laps[name]:.2f}s)")
