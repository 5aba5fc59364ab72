"""``build()``: the whole build, top to bottom: load, model, render, write, index, swap.

Everything is gathered and validated before anything is rendered; pages are written to
the staging folder as they are rendered (build/output.py), the search index is made over the
staged pages, and ``output/`` changes only then, in one swap: pages and index together.
The speed machinery (incremental/attach.py) attaches through ``Speed`` (build/speed.py), given by the
caller (archivist/commands.py); without it, the same steps give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from ..model.config import SiteConfig, load_config
from ..model.config import base_url as checked_base_url
from ..model.errors import BuildFailed, Problem
from ..model.places import gazetteer
from ..model.records import Article, ArticleEntry
from . import search, taxonomy
from .content import load_articles
from .exports import catalog, data_file_names, data_files
from .media import copy_bytes, image_copies
from .notices import notices, still_due
from .output import MARKER, Staging, check_output_dir, project_lock
from .progress import SILENT, Progress
from .project import BuildReport, Clock, Project, display, index_outcome, index_shards
from .render import ROOT, make_renderer, render_site, root_files
from .site import make_site
from .speed import Attach, Plain
from .taxonomy import Related
from .workers import in_background

__all__ = ["BuildReport", "Project", "build", "configure", "published"]


def build(project: Project, base_url: str | None = None, search_index: bool | None = None,
          strict: bool = False, clean: bool = False, progress: Callable[[str], None] | None = None,
          memory: dict[str, Any] | None = None, attach: Attach = Plain.attach,
          waiting: Callable[[str], None] | None = None, drafts: bool | None = None,
          meter: Progress = SILENT, today: dt.date | None = None) -> BuildReport:
    """Build the site; raise BuildFailed (nothing written) when the input has problems,
    or, with ``strict``, warnings. ``clean`` ignores the cache and rewrites every file;
    ``progress`` is told each stage's result as it ends; ``memory`` is a dict a caller
    that builds again and again (serve) passes to every build, to keep the cache and the
    last model in memory (a first build with it is never skipped: it makes the model).
    ``attach`` gives the speed machinery (incremental.attach), by default none. One build
    of a project runs at a time (output.project_lock); ``waiting`` is told when this one
    waits for another. ``drafts`` overrides site.yaml's ``drafts`` (include draft articles).
    ``meter`` is told how far parsing, rendering and indexing have come (build/progress.py).
    ``today`` (by default the machine's) is the day after which a date is in the future."""
    today = today or dt.date.today()
    with project_lock(project.root, waiting):
        clock = Clock(progress)
        config = configure(project, base_url, search_index, drafts)
        check_output_dir(project.output, [project.content, project.templates, project.config], project.root)
        speed = attach(project, config, strict, clean, memory)
        if (done := speed.shortcut(clock, meter, today)) is not None:
            return replace(done, warnings=still_due(done.warnings, today))

        root = display(project, project.content)
        loaded = load_articles(project.content, gazetteer(), root, speed.store, speed.sources(), meter,
                               images=speed.images(), image_hosts=config.image_hosts, strays=speed.strays())
        # drafts stay out of every page, feed, export and the index unless included; their
        # warnings (review notes) are told, but fail no --strict build they are not in
        articles = published(loaded.articles, config)
        shown = {a.path for a in articles}
        left_out = {f"{root}/{a.path}" for a in loaded.articles if a.path not in shown}
        loaded = replace(loaded, warnings=(*loaded.warnings, *notices(articles, project.content, root, today)))
        if strict and (failing := tuple(w for w in loaded.warnings if w.path not in left_out)):
            raise BuildFailed(failing)
        clock.lap("load", f"{len(loaded.articles)} articles ({loaded.parsed} parsed), {len(loaded.warnings)} warnings")
        site = make_site(config, articles, lambda ordered: _related(config, ordered))
        clock.lap("model", f"{len(site.pages)} pages, {len(site.tags)} tags, {len(site.authors)} authors, "
                           f"{sum(1 for roots in site.places.values() for _ in taxonomy.walk(roots))} places")

        renderer = make_renderer(site, project.templates, speed.compiled_templates())
        keep = speed.unchanged_pages(site, loaded.keys)
        data_input = catalog(site)
        data_names = data_file_names(data_input)
        copies = image_copies(site.articles, site.routes.article)
        kept_copies = speed.unchanged_copies(copies)
        names = [*(page.file for page in site.pages), *renderer.statics, *data_names, *copies]
        roots = root_files(project.templates)
        if clashes := root_clashes(roots, names, display(project, project.templates)):
            raise BuildFailed(clashes)
        names += roots
        data: dict[str, bytes] = {}

        def meanwhile() -> None:  # this process's work while the workers render
            data.update(speed.cached("data", data_input, data_files))
            if list(data) != data_names:
                raise RuntimeError(f"data files {list(data)} made, {data_names} expected")
            speed.meanwhile()

        def write(put: Callable[[str, bytes | None], bool]) -> int:
            written = render_site(site, renderer, put, keep, meanwhile, meter)
            clock.lap("render", f"{len(site.pages) - len(keep)} pages rendered and staged, {len(keep)} unchanged")
            return written + sum(put(name, content) for name, content in {**renderer.statics, **roots, **data}.items()) \
                + sum(put(name, None if name in kept_copies else copy_bytes(project.content, file, root))
                      for name, file in copies.items())

        indexed: list[search.IndexReport] = []

        def index(staging: Path, previous: Path) -> None:
            clock.lap("write", "staged")
            if config.search:
                indexed.append(search.build_index(staging, staging / ".none" if clean else previous,
                                                  search.shards_of(site), replaced=speed.replaced(), meter=meter))
                clock.lap("index", f"search index: {indexed[0]}")

        staging = Staging(project.output, reuse=not clean)
        with speed.saving(site, renderer, clock):
            written = staging.fill(names, write)
            report = staging.publish(written, len(names) - written, index, speed.output_files())
            clock.lap("swap", f"output/ replaced: {report.written} files written, {report.unchanged} kept")
        speed.record(site, loaded, report)
        return BuildReport(len(site.articles), len(site.pages), report.written, report.unchanged, report.removed,
                           index_outcome(indexed), clock.laps, loaded.warnings, len(site.pages) - len(keep),
                           drafts=len(left_out), parsed=speed.parsed + loaded.parsed,
                           shards=index_shards(indexed))


RESERVED = (MARKER, f"{search.BUNDLE}/")
"""Output paths only the build writes: its marker, and the search index's folder."""


def root_clashes(roots: dict[str, bytes], names: list[str], templates: str) -> list[Problem]:
    """The files of templates/root (``roots``) at a path the site has already (``names``: its
    other files), as a file or as a folder of its files, or that the build keeps for itself:
    each would replace another."""
    if not roots:
        return []
    taken = set(names)
    folders = {name.rsplit("/", i)[0] for name in names for i in range(1, name.count("/") + 1)}

    def clash(name: str) -> str | None:  # the site's path it meets
        parents = [name.rsplit("/", i)[0] for i in range(1, name.count("/") + 1)]
        if name.startswith(RESERVED):
            return name.split("/")[0]
        return name if name in taken or name in folders else next((p for p in parents if p in taken), None)

    return [Problem(f"{templates}/{ROOT}/{name}", None, None,
                    f"the build makes {met}{'/' if met in folders else ''} itself; a file of {ROOT}/ is published "
                    "beside the site's own files, never over one: rename or remove this file")
            for name in roots if (met := clash(name)) is not None]


def published(articles: tuple[Article, ...], config: SiteConfig) -> tuple[Article, ...]:
    """The articles the site shows: drafts (``draft: true``) only when they are included
    (site.yaml's ``drafts``, which ``--drafts`` sets). ``check`` applies the same rule."""
    return articles if config.drafts else tuple(a for a in articles if not a.draft)


def configure(project: Project, base_url: str | None, search_index: bool | None, drafts: bool | None) -> SiteConfig:
    """site.yaml with the command line's options. When site.yaml has problems, the
    articles' problems are reported with them (reading articles needs no settings)."""
    try:
        config = load_config(project.config, display(project, project.config))
    except BuildFailed as failed:
        problems = list(failed.problems)
        try:
            load_articles(project.content, gazetteer(), display(project, project.content))
        except BuildFailed as more:
            problems += more.problems
        raise BuildFailed(problems) from None
    if base_url:
        try:
            config = replace(config, base_url=checked_base_url(base_url))
        except ValueError as error:
            raise BuildFailed([Problem("--base-url", None, None, str(error))]) from None
    elif base_url is not None:
        config = replace(config, base_url="")
    if search_index is not None:
        config = replace(config, search=search_index)
    if drafts is not None:
        config = replace(config, drafts=drafts)
    return config


def _related(config: SiteConfig, ordered: tuple[ArticleEntry, ...]) -> Callable[[], Related]:
    """Start finding the related articles of the articles in site order in a process of
    its own, while this one makes the rest of the model; the function returned gives them."""
    return in_background(lambda: taxonomy.related(ordered, config.related))
