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

import hashlib
import os
import shutil
import time
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable
from pathlib import Path

from . import search, taxonomy
from .cache import Store, code_version
from .cache import key as cache_key
from .config import load_config
from .content import SourceFile, find_sources, load_articles, read_sources
from .errors import BuildFailed, Problem
from .live import LIVE, Live, ModelSave, load_model, render_edit, save_model
from .freshness import STATE, Stat, file_stats, input_digest, input_stats, snapshot
from .output import MARKER, Staging, check_output_dir, write_output
from .parallel import in_background
from .places import gazetteer
from .pagekeys import Fingerprints, base_digest, digest
from .exports import Catalog, catalog, data_file_names, data_files
from .render import feed_routes, make_renderer, render_site
from .records import ArticleEntry
from .site import Site, make_site
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
    store = Store(project.cache, memory)
    live = memory.pop(LIVE, None) if memory is not None else None
    fresh = _Freshness(project, config, strict, store)
    if fresh.unchanged() and (memory is None or live is not None):
        if live is not None:
            memory[LIVE] = live  # still the model of output/
        clock.lap("check", "nothing changed since the last build")
        last = fresh.last
        return BuildReport(last["articles"], last["pages"], 0, len(last["files"]), 0, "kept" if config.search else "off",
                           clock.laps, last["warnings"], skipped=True)
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
    renderer = make_renderer(site, project.templates, _compiled(project))
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
    saving = ModelSave(live, store, fresh.inputs) if memory is None else None
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


def _edit_from_saved_model(project: Project, config: Any, strict: bool, store: Store, fresh: _Freshness,
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
    live = load_model(store, fresh.state, fresh.last["inputs"], project.content, display, project.output,
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
                                              replaced=frozenset(record.get("replaced", ()))))

    names = [name for name in record["files"] if not name.startswith(f"{search.BUNDLE}/")]
    report = write_output({**dict.fromkeys(names), **edit.pages}, project.output, finish)
    index = "off" if not indexed else "rebuilt" if indexed[0].rebuilt else "kept"
    clock.lap("swap", f"output/ replaced: {report.written} files written"
                      + (f", search index: {indexed[0]}" if indexed else ""))
    warnings = tuple(sorted((*(w for w in record["warnings"] if w.path not in edit.warnings),
                             *(w for problems in edit.warnings.values() for w in problems)), key=lambda w: w.path))
    live.prints.articles.update(edit.keys)
    fresh.record(record["articles"], record["pages"], warnings, {**record["fingerprints"], **edit.fingerprints},
                 report.files)
    save_model(live, store, fresh.inputs, edit.swaps)
    clock.lap("save", "record and model saved")
    return BuildReport(record["articles"], record["pages"], report.written, report.unchanged, report.removed, index,
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


class _Freshness:
    """Whether this build can be skipped (see freshness.py), and the record that lets the
    next one decide."""

    def __init__(self, project: Project, config: Any, strict: bool, store: Store):
        self.project, self.config, self.strict, self.store = project, config, strict, store
        self.state = f"{STATE}-{hashlib.sha256(str(project.output).encode()).hexdigest()[:16]}"
        """One record per output folder: building into two folders keeps both up to date."""
        self.last = store.get(self.state)
        self.files = file_stats(find_sources(project.content))
        self.stats = input_stats(config, strict, project.templates, self.files)
        self.setup = input_stats(config, strict, project.templates, {})
        """The same without the article files: what else a build reads."""
        self._sources: list | None = None
        self._intact: bool | None = None
        self._snapshot: dict[str, tuple[int, int]] | None = None
        self._inputs: str | None = None

    def sources(self, read: bool = False) -> list[SourceFile]:
        """The article files, each with its digest when known: from the last build for
        those with the size, mtime and ctime they had then, else when read (``read``, or
        by load_articles, which reads the others in its workers and updates this list)."""
        if self._sources is None:
            self._sources = read_sources(self.project.content, _display(self.project, self.project.content),
                                         self.last.get("sources") if self.last else None, self.files, read=read)
        return self._sources

    @property
    def inputs(self) -> str:
        """The digest of everything this build reads (freshness.input_digest). Asked for
        before the load only when there is a last build's record (``unchanged``), which
        reads the sources then; otherwise once load_articles has given every source its
        digest."""
        if self._inputs is None:
            sources = self.sources(read=True)
            if any(source.digest is None for source in sources):
                raise RuntimeError("the inputs' digest was asked for before the articles were read")
            self._inputs = input_digest(self.config, self.strict, self.project.templates, sources)
        return self._inputs

    def unchanged(self) -> bool:
        """True when the inputs equal the last build's and output/ is as it was left."""
        if not self.last:
            return False  # the inputs' digest waits for the articles to be read where they are parsed
        same_stats = self.last.get("stats") == self.stats
        self._inputs = self.last["inputs"] if same_stats else None
        if not (self.last["inputs"] == self.inputs and self.output_intact()):
            if same_stats:  # output/ was touched: rebuild, with the digest of what is read
                self._inputs = None
            return False
        if not same_stats:
            self.store.put(self.state, {**self.last, "stats": self.stats, "sources": self.known_sources()})
        return True

    def edited_articles(self) -> list[Path] | None:
        """The article files whose stats (size, mtime, ctime) differ from the last build's, when
        nothing else a build reads changed (the same files, site.yaml, templates, options
        and code); None otherwise."""
        known = self.last.get("sources") if self.last and self.last.get("setup") == self.setup else None
        if not known or known.keys() != self.files.keys():
            return None
        return [Path(path) for path, stats in self.files.items() if known[path][0] != stats]

    def replaced(self) -> frozenset[str]:
        """Files of output/ rewritten in place since its search index was made: by quick
        edits (live.py), or behind this tool's back (size or mtime not as recorded). Their
        inodes say nothing about the bytes that were indexed (search.build_index)."""
        if not self.last:
            return frozenset()
        recorded = self.last["files"]
        touched = {name for name, stats in (self._snapshot or {}).items() if recorded.get(name) != stats}
        return frozenset(self.last.get("replaced", ())) | touched

    def output_intact(self) -> bool:
        """True when output/ holds exactly the files the last build left, untouched."""
        if self._intact is None:
            self._snapshot = snapshot(self.project.output)
            self._intact = bool(self.last) and self.last["files"] == self._snapshot
        return self._intact

    def output_files(self) -> Iterable[str] | None:
        """The files in output/ now, if this build has looked."""
        return self._snapshot.keys() if self._snapshot is not None else None

    def can_keep(self) -> bool:
        """True when pages may be kept from the last build (``unchanged_pages``)."""
        return bool(self.last and self.last.get("fingerprints")) and self.output_intact()

    def unchanged_pages(self, fingerprints: dict[str, str]) -> frozenset[str]:
        """The page files whose fingerprint is the same as in the last build, which left
        them in an untouched output/: they need not be rendered again (see pagekeys.py)."""
        last = self.last.get("fingerprints") if self.last else None
        if not last or not self.output_intact():
            return frozenset()
        return frozenset(name for name, value in fingerprints.items() if last.get(name) == value)

    def known_sources(self) -> dict[str, tuple[Stat, str]]:
        """{path: ((size, mtime), digest)} of the article files, for the next build."""
        paths = ((f"{self.project.content}/{s.rel}", s.digest) for s in self.sources())
        return {path: (self.files[path], digest) for path, digest in paths if path in self.files}

    def record(self, articles: int, pages: int, warnings: tuple[Problem, ...], fingerprints: dict[str, str],
               files: dict[str, tuple[int, int]]) -> None:
        """Remember this successful build, which left ``files`` (their snapshot) in output/."""
        self.store.put(self.state, {"inputs": self.inputs, "stats": self.stats, "setup": self.setup,
                                    "sources": self.known_sources(),
                                    "files": files, "articles": articles, "pages": pages,
                                    "warnings": warnings, "fingerprints": fingerprints})


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
