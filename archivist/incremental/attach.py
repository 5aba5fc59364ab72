"""What makes rebuilds fast, attached to the build (pipeline.py) through ``Speed``.

``Plain`` is the build without it: every article parsed, every page rendered, nothing
kept between builds. ``Incremental`` gives the same bytes (the differential tests prove
it) and does less:

- a build whose inputs did not change, over an ``output/`` nobody touched, is skipped
  (incremental/lastbuild.py);
- a build whose only changes are edits of existing articles' text starts from the model
  the last build saved: the pages showing them are rendered and swapped in with their
  search shards indexed again (``_edit_from_saved_model``, incremental/savedmodel.py);
- parsed articles come from the parse cache (build/store.py), pages whose fingerprint did not
  change (model/fingerprints.py) are kept, derived files are cached by the digest of their input,
  and templates are compiled once for all processes;
- the model is saved for the next build's quick edit by a process of its own.

``attach`` chooses: ``Plain`` when ``ARCHIVIST_PLAIN=1`` (parallel.plain), else ``Incremental``;
the commands pass it to ``pipeline.build`` (archivist/commands.py).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..build import search
from ..build.content import Loaded, SourceFile
from ..build.media import ImageFiles
from ..build.notices import notices
from ..build.output import WriteReport, write_output
from ..build.progress import Progress
from ..build.project import BuildReport, Clock, Project, display, index_outcome, index_shards
from ..build.render import Renderer, feed_routes, make_renderer
from ..build.site import Site
from ..build.speed import Plain, Speed
from ..build.store import Store, code_version
from ..build.store import key as cache_key
from ..build.workers import plain, uncollected
from ..model.fingerprints import Fingerprints, base_digest, digest
from .lastbuild import Freshness
from .savedmodel import LIVE, Live, ModelSave, load_model, render_edit, save_model

T = TypeVar("T")


def attach(project: Project, config: Any, strict: bool, clean: bool, memory: dict[str, Any] | None) -> Speed:
    """The speed machinery for one build: ``Plain`` when switched off (ARCHIVIST_PLAIN=1).
    ``clean`` drops the cache first; ``memory`` is serve's dict kept between builds."""
    if plain():
        return Plain()
    if clean and project.cache.exists():
        shutil.rmtree(project.cache)
        if memory is not None:
            memory.clear()
    return Incremental(project, config, strict, clean, memory)


class Incremental(Speed):
    """The cache, the last build's record, page fingerprints and the saved model."""

    def __init__(self, project: Project, config: Any, strict: bool, clean: bool, memory: dict[str, Any] | None):
        self.project, self.config, self.strict, self.clean, self.memory = project, config, strict, clean, memory
        self.store = Store(project.cache, memory)
        self.live: Live | None = memory.pop(LIVE, None) if memory is not None else None
        """serve's model of output/, kept in memory between builds."""
        self.fresh = Freshness(project.content, display(project, project.content), project.output,
                               project.templates, config, strict, self.store, display(project, project.output))
        self.prints: Fingerprints | None = None
        """This build's, once its model is made (``unchanged_pages``)."""
        self.site: Site | None = None
        self.fingerprints: dict[str, str] = {}
        """Each page file's, for the next build: before rendering when pages may be kept, else meanwhile."""
        self.copies: dict[str, str] = {}
        """The image copies this build writes (``unchanged_copies``)."""

    def shortcut(self, clock: Clock, meter: Progress, today: dt.date) -> BuildReport | None:
        fresh, memory = self.fresh, self.memory
        if fresh.unchanged() and (memory is None or self.live is not None):
            if memory is not None:
                memory[LIVE] = self.live  # still the model of output/
            clock.lap("check", "nothing changed since the last build")
            last = fresh.last
            assert last is not None
            return BuildReport(last.articles, last.pages, 0, len(last.files), 0, "kept" if self.config.search else "off",
                               clock.laps, last.warnings, skipped=True, drafts=last.drafts)
        if memory is None and not self.clean:
            # a command of a few seconds over a model of millions of objects, none of them
            # garbage, which every collection would walk again (~0.5 s of an edit at 10k)
            with uncollected():
                return _edit_from_saved_model(self, clock, meter, today)
        return None

    def sources(self) -> list[SourceFile]:
        return self.fresh.sources()

    def images(self) -> ImageFiles:
        return {path: size for path, (_, size) in self.fresh.image_files().items()}

    def strays(self) -> list[str]:
        return self.fresh.strays

    def unchanged_copies(self, copies: dict[str, str]) -> frozenset[str]:
        self.copies = copies
        return frozenset() if self.clean else self.fresh.unchanged_copies(copies)

    def compiled_templates(self) -> Path:
        return compiled_templates(self.project)

    def unchanged_pages(self, site: Site, article_keys: dict[str, str]) -> frozenset[str]:
        self.prints = Fingerprints(article_keys, base_digest(self.project.templates, code_version(), site.config,
                                                             sorted(feed_routes(site))))
        self.site = site
        if self.clean or not self.fresh.can_keep():
            return frozenset()  # the fingerprints are made while the pages render (meanwhile)
        self.fingerprints = {page.file: self.prints.page(page) for page in site.pages}
        return self.fresh.unchanged_pages(self.fingerprints)

    def cached(self, name: str, value: Any, make: Callable[[Any], T]) -> T:
        key = cache_key(name, digest(value))
        made = self.store.get(key)
        if made is None:
            made = make(value)
            self.store.put(key, made)
        return made

    def meanwhile(self) -> None:
        if not self.fingerprints:
            assert self.prints is not None and self.site is not None
            self.fingerprints = {page.file: self.prints.page(page) for page in self.site.pages}

    @contextmanager
    def saving(self, site: Site, renderer: Renderer, clock: Clock) -> Iterator[None]:
        # The model is saved on disk for the next build's quick edit by a process of its
        # own, beside the rendering and the search index. Saved before the record, it is
        # used only once the record says it is this build's (load_model).
        assert self.prints is not None
        self.live = Live(self.project.content, display(self.project, self.project.content), self.project.output,
                         site, self.prints, renderer, self.fresh.state, self.strict)
        saving = ModelSave(self.live, self.store, self.fresh.inputs) if self.memory is None else None
        try:
            yield
            if saving is not None:
                saving.wait()
                clock.lap("save", "model saved for quick edits")
        except BaseException:
            if saving is not None:
                saving.cancel()
            raise

    def output_files(self) -> Iterable[str] | None:
        return self.fresh.output_files()

    def replaced(self) -> frozenset[str] | None:
        return self.fresh.replaced()

    def record(self, site: Site, loaded: Loaded, report: WriteReport) -> None:
        self.fresh.record(len(site.articles), len(site.pages), loaded.warnings, self.fingerprints, report.files,
                          drafts=len(loaded.articles) - len(site.articles), copies=self.fresh.copies_now(self.copies))
        if self.memory is not None:  # serve: keep the model in memory for quick edits (preview/quickedit.py)
            self.memory[LIVE] = self.live


def _edit_from_saved_model(speed: Incremental, clock: Clock, meter: Progress, today: dt.date) -> BuildReport | None:
    """A build that only has to take edits of existing articles' text (entries kept, see
    incremental/savedmodel.py) starts from the last build's saved model instead of the whole archive: the
    pages showing the edited articles are rendered from it and swapped into output/ with
    their search shards indexed again, in one swap; the record and the model are saved.
    None when that does not apply, having changed nothing: a full build follows."""
    project, fresh, store, record = speed.project, speed.fresh, speed.store, speed.fresh.last
    changed = fresh.edited_articles()
    if not changed or record is None or not fresh.output_intact():
        return None
    live = load_model(store, fresh.state, record.inputs, project.content, display(project, project.content),
                      project.output, lambda site: make_renderer(site, project.templates, compiled_templates(project)),
                      speed.strict)
    parsed: list[str] = []
    edit = render_edit(live, store, changed, parsed) if live is not None else None
    speed.parsed = len(parsed)  # a full build that follows reads their parses from the cache
    if live is None or edit is None:
        return None
    clock.lap("render", f"{len(edit.pages)} pages showing {len(edit.swaps)} edited article(s) rendered")
    indexed: list[search.IndexReport] = []

    def index(staging: Path, previous: Path) -> None:
        if speed.config.search:
            indexed.append(search.build_index(staging, previous, search.shards_of(live.site),
                                              replaced=frozenset(record.replaced), meter=meter))

    names = [name for name in record.files if not name.startswith(f"{search.BUNDLE}/")]
    report = write_output({**dict.fromkeys(names), **edit.pages}, project.output, index, before=record.files)
    clock.lap("swap", f"output/ replaced: {report.written} files written"
                      + (f", search index: {indexed[0]}" if indexed else ""))
    # an edited article's warnings are its new parse's, and the notices about it as of the
    # build's today (its title, date and place are as they were, so the same ones, unless
    # today moved: the others' are kept, and the pipeline drops those that lapsed)
    noticed = notices(live.site.articles, live.content, live.display_root, today, about=edit.warnings)
    warnings = tuple(sorted((*(w for w in record.warnings if w.path not in edit.warnings),
                             *(w for problems in edit.warnings.values() for w in problems), *noticed),
                            key=lambda w: w.path))
    live.prints.articles.update(edit.keys)
    fresh.record(record.articles, record.pages, warnings, {**record.fingerprints, **edit.fingerprints}, report.files,
                 drafts=record.drafts, copies=record.copies)  # an edit that shows other images is a full build's
    save_model(live, store, fresh.inputs, edit.swaps)
    clock.lap("save", "record and model saved")
    return BuildReport(record.articles, record.pages, report.written, report.unchanged, report.removed,
                       index_outcome(indexed), clock.laps, warnings, len(edit.pages), drafts=record.drafts,
                       parsed=len(parsed), shards=index_shards(indexed))


COMPILED_KEPT = 3
"""Tool versions whose compiled templates are kept (the most recently used): a ``serve``
of one version and builds of another on the same project do not remove each other's."""


def compiled_templates(project: Project) -> Path:
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
