"""Whether ``output/`` is what a build of the inputs there now would leave: the last
build's record (incremental/lastbuild.py) against the inputs now, compared as the build
compares them (each file by its stat, then by the digest of its bytes; the settings as
loaded; the tool's version), and against ``output/`` itself (the snapshot of the files the
build left: their sizes and mtimes). Read only: nothing is written, to the cache or
anywhere else.
"""

from __future__ import annotations

import os
from dataclasses import fields

from ..build.content import read_sources
from ..build.output import snapshot
from ..build.project import Project, display
from ..build.sources import file_stats
from ..build.store import Store, code_version
from ..incremental.freshness import image_digests, template_digests
from ..incremental.lastbuild import BuildRecord, last_record
from ..model.config import SiteConfig
from ..model.errors import Problem

NAMED = 3
"""Changes named one by one; beyond that they are counted, a few of them named."""
OPTIONS = ("base_url", "search", "drafts")
"""Settings the build's command line may set (pipeline.configure): check judges what they
change otherwise (the base URL from robots.txt, the drafts by the article pages)."""


def record_of(project: Project, store: Store) -> BuildRecord | None:
    """The record of the build that made ``project.output``, if the cache holds one."""
    return last_record(store, display(project, project.output))


def changed_since(project: Project, config: SiteConfig, record: BuildRecord,
                  found: tuple[list[str], list[str], list[str]]) -> list[Problem]:
    """What changed since the build that left ``record``: inputs (articles, images,
    templates, site.yaml's settings, the tool) and files of output/; [] when nothing did.
    ``found``: the article, image and stray files of the content folder now
    (sources.find_inputs; the strays, left out of the build with a warning, are not compared)."""
    out = display(project, project.output)
    inputs = [*_files(project, record, found), *_settings(config, record.settings)]
    if record.tool != code_version():
        inputs.append(("the tool (build.py's code, its libraries or the register of places)", "changed"))
    outputs = _differences({f"{out}/{name}": stats for name, stats in snapshot(project.output).items()},
                           {f"{out}/{name}": stats for name, stats in record.files.items()})
    return (_said(inputs, f"since {out}/ was built", out)
            + _said(outputs, "since the build that made it (not as build.py left it)", out))


def _files(project: Project, record: BuildRecord, found: tuple[list[str], list[str], list[str]]) -> list[tuple[str, str]]:
    """The input files added, removed or changed since the build, by the path shown."""
    content, shown = project.content, display(project, project.content)
    articles, images, _ = found
    same_place = record.content == str(content)  # else every file is read: its stat says nothing
    sources = read_sources(content, shown, record.sources if same_place else None, file_stats(articles))
    now = {f"{shown}/{source.rel}": source.digest for source in sources}
    digests = image_digests(file_stats(images), record.images if same_place else {}, record.sizes)
    now.update({f"{shown}/{_relative(path, str(content))}": digest for path, (digest, _) in digests.items()})
    then = {f"{shown}/{_relative(path, record.content)}": digest
            for path, (_, digest) in [*record.sources.items(), *record.images.items()]}
    templates = display(project, project.templates)
    now.update({f"{templates}/{rel}": digest for rel, digest in template_digests(project.templates).items()})
    then.update({f"{templates}/{rel}": digest for rel, digest in record.templates.items()})
    return _differences(now, then)


def _differences(now: dict, then: dict) -> list[tuple[str, str]]:
    """(name, "added", "removed" or "changed") of each name whose value differs, in name order."""
    return [(name, "removed" if name not in now else "added" if name not in then else "changed")
            for name in sorted(now.keys() | then.keys()) if now.get(name) != then.get(name)]


def _relative(path: str, folder: str) -> str:
    """``path`` (under ``folder``) relative to it, "/"-separated."""
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _settings(config: SiteConfig, then: SiteConfig | None) -> list[tuple[str, str]]:
    """site.yaml's settings that differ from those the build used, but those the command
    line may set (OPTIONS)."""
    if not isinstance(then, SiteConfig):
        return [("site.yaml", "changed")]
    differing = [f.name for f in fields(SiteConfig)
                 if f.name not in OPTIONS and getattr(config, f.name) != getattr(then, f.name)]
    return [(f"site.yaml ({', '.join(differing)})", "changed")] if differing else []


def _said(changes: list[tuple[str, str]], since: str, out: str) -> list[Problem]:
    """Each change as a problem of its own, or past NAMED, one problem counting them."""
    if len(changes) <= NAMED:
        return [Problem(name, None, None, f"{what} {since}; run python build.py") for name, what in changes]
    some = ", ".join(f"{name} {what}" for name, what in changes[:NAMED])
    return [Problem(f"{out}/", None, None,
                    f"{len(changes)} files changed, added or removed {since} ({some}, …); run python build.py")]


__all__ = ["changed_since", "record_of"]
