"""The last build's record, and what changed since: whether a build can be skipped,
which articles were only edited, which pages can be kept (see incremental/freshness.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar, Iterable

from ..build.content import SourceFile, read_sources
from ..build.media import Size
from ..build.output import snapshot
from ..build.sources import Stat, file_stats, find_inputs
from ..build.store import Store, code_version
from ..model.errors import Problem
from .freshness import STATE, ImageFile, image_digests, input_digest, input_stats, template_digests

Snapshot = dict[str, tuple[int, int]]
"""(size, mtime in ns) of every file of an output folder, by relative path (``snapshot``)."""


@dataclass(frozen=True)
class BuildRecord:
    """What a successful build leaves for the next one (one record per output folder)."""

    VERSION: ClassVar[int] = 5
    inputs: str
    """The digest of everything the build read (``input_digest``)."""
    stats: str
    """The digest of the inputs' names, sizes, mtimes and ctimes (``input_stats``)."""
    setup: str
    """The same without the article files, the images by the digests of their bytes: what
    else a build reads."""
    sources: dict[str, tuple[Stat, str]]
    """Per article file path: its stat and the digest of its bytes."""
    files: Snapshot
    """The snapshot of the output folder the build left."""
    articles: int
    pages: int
    warnings: tuple[Problem, ...]
    fingerprints: dict[str, str]
    """Each page file's fingerprint (model/fingerprints.py)."""
    replaced: tuple[str, ...] = ()
    """Files of output/ that serve's quick edits rewrote in place since its search index
    was made: their inodes do not vouch for the bytes indexed (search.build_index)."""
    drafts: int = 0
    """Draft articles left out of the site."""
    copies: dict[str, tuple[str, str]] = field(default_factory=dict)
    """The image copies the build left in output/: {output path: (its file under the
    content folder, the digest of that file's bytes then)}."""
    images: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    """Per image file under the content folder (by path): its stat and the digest of its bytes."""
    sizes: dict[str, Size] = field(default_factory=dict)
    """The width and height of every image file (media.measure), by the digest of its bytes."""
    content: str = ""
    """The content folder as the build named it: ``sources`` and ``images`` are by paths under it."""
    templates: dict[str, str] = field(default_factory=dict)
    """The digest of each file of the templates folder, by its path in it (freshness.template_digests)."""
    settings: Any = None
    """The site's settings the build used (config.SiteConfig, with the command line's options)."""
    tool: str = ""
    """The tool's version (store.code_version: its code, libraries and register of places)."""
    version: int = field(default=VERSION)
    """The record's layout: a record of another layout is no record."""


def record_name(output_display: str) -> str:
    """The name in the store of the last build's record of an output folder, from the
    folder as the project names it ("output" for its own): building into two folders keeps
    both up to date, and a copy of the project with its cache and output/ elsewhere (a
    fresh CI checkout with the cache it restored) finds its record."""
    return f"{STATE}-{hashlib.sha256(output_display.encode()).hexdigest()[:16]}"


def last_record(store: Store, output_display: str) -> BuildRecord | None:
    """The record of the last build into that output folder, if the store holds one of this layout."""
    last = store.get(record_name(output_display))
    return last if isinstance(last, BuildRecord) and last.version == BuildRecord.VERSION else None


class Freshness:
    """What changed since the last build into an output folder: whether this build can be
    skipped, which articles were only edited, which pages can be kept; and the record
    that lets the next build decide."""

    def __init__(self, content: Path, content_display: str, output: Path, templates: Path, config: Any,
                 strict: bool, store: Store, output_display: str | None = None):
        self.content, self.display, self.output, self.templates = content, content_display, output, templates
        self.config, self.strict, self.store = config, strict, store
        where = output_display or str(output)
        self.state = record_name(where)
        """The record's name in the store (``record_name``)."""
        self.last: BuildRecord | None = last_record(store, where)
        articles, images, self.strays = find_inputs(content, content_display)
        """``self.strays``: the files that look like articles but are not built, each a
        warning: which they are is an input (``_read``), so one added, renamed to *.md or
        given front matter makes a full build, whose warnings the record keeps."""
        self.files = file_stats(articles)
        self.images = file_stats(images)
        """The stats of the image files under the content folder, by path: all that the build
        may show (media.find_images), so an image added, edited or removed is a change of
        the inputs (one only touched is not: ``image_files``)."""
        self.stats = input_stats(config, strict, templates, {**self.files, **self.images, **self._strays()})
        self._images: dict[str, ImageFile] | None = None
        self._setup: str | None = None
        self._sources: list[SourceFile] | None = None
        self._intact: bool | None = None
        self._snapshot: Snapshot | None = None
        self._inputs: str | None = None
        self._templates: dict[str, str] | None = None

    def sources(self, read: bool = False) -> list[SourceFile]:
        """The article files, each with its digest when known: from the last build for
        those with the size, mtime and ctime they had then, else when read (``read``, or
        by load_articles, which reads the others in its workers and updates this list)."""
        if self._sources is None:
            self._sources = read_sources(self.content, self.display, self.last.sources if self.last else None,
                                         self.files, read=read)
        return self._sources

    def image_files(self) -> dict[str, ImageFile]:
        """The digest and size of each image file, by path (freshness.image_digests): those
        with the stat they had in the last build are not read."""
        if self._images is None:
            last = self.last
            self._images = image_digests(self.images, last.images if last else {}, last.sizes if last else {})
        return self._images

    def _image_digests(self) -> dict[str, str]:
        """The digest of each image file, by its path relative to the content folder."""
        prefix = f"{self.content}/"
        return {path.removeprefix(prefix): digest for path, (digest, _) in self.image_files().items()}

    def _strays(self) -> dict[str, str]:
        return dict.fromkeys(self.strays, "not built")

    def _read(self) -> dict[str, str]:
        """What a build reads under the content folder but the articles: each image's
        digest, and the strays' names (``find_inputs``)."""
        return {**self._image_digests(), **self._strays()}

    @property
    def setup(self) -> str:
        """The digest of what a build reads but the article files (BuildRecord.setup)."""
        if self._setup is None:
            self._setup = input_stats(self.config, self.strict, self.templates, self._read())
        return self._setup

    @property
    def inputs(self) -> str:
        """The digest of everything this build reads (``input_digest``). Asked for before
        the load only when there is a last build's record (``unchanged``), which reads the
        sources then; otherwise once load_articles has given every source its digest."""
        if self._inputs is None:
            sources = self.sources(read=True)
            if any(source.digest is None for source in sources):
                raise RuntimeError("the inputs' digest was asked for before the articles were read")
            self._inputs = input_digest(self.config, self.strict, self.template_files(), sources, self._read())
        return self._inputs

    def template_files(self) -> dict[str, str]:
        """The digest of each file of the templates folder (freshness.template_digests)."""
        if self._templates is None:
            self._templates = template_digests(self.templates)
        return self._templates

    def unchanged(self) -> bool:
        """True when the inputs equal the last build's and output/ is as it was left."""
        if not self.last:
            return False  # the inputs' digest waits for the articles to be read where they are parsed
        same_stats = self.last.stats == self.stats
        self._inputs = self.last.inputs if same_stats else None
        if not (self.last.inputs == self.inputs and self.output_intact()):
            if same_stats:  # output/ was touched: rebuild, with the digest of what is read
                self._inputs = None
            return False
        if not same_stats:  # files touched, their bytes as built: the next build need not read them
            self.store.put(self.state, replace(self.last, stats=self.stats, setup=self.setup,
                                               sources=self.known_sources(), **self._known_images()))
        return True

    def edited_articles(self) -> list[Path] | None:
        """The article files whose stats (size, mtime, ctime) differ from the last build's,
        when nothing else a build reads changed (the same files, site.yaml, templates,
        images' bytes, options and code); None otherwise."""
        known = self.last.sources if self.last and self.last.setup == self.setup else None
        if not known or known.keys() != self.files.keys():
            return None
        return [Path(path) for path, stats in self.files.items() if known[path][0] != stats]

    def replaced(self) -> frozenset[str] | None:
        """Files of output/ whose bytes may not be those its search index was made from or
        the last build left: rewritten in place by quick edits (preview/quickedit.py), or
        changed, removed or added behind this tool's back (size or mtime not as recorded,
        or not recorded). None without a last build's record: nothing vouches for them."""
        if not self.last:
            return None
        self.output_intact()  # takes the snapshot
        now, then = self._snapshot or {}, self.last.files
        touched = {name for name in now.keys() | then.keys() if now.get(name) != then.get(name)}
        return frozenset(self.last.replaced) | touched

    def output_intact(self) -> bool:
        """True when output/ holds exactly the files the last build left, untouched."""
        if self._intact is None:
            self._snapshot = snapshot(self.output)
            self._intact = bool(self.last) and self.last.files == self._snapshot
        return self._intact

    def output_files(self) -> Iterable[str] | None:
        """The files in output/ now, if this build has looked."""
        return self._snapshot.keys() if self._snapshot is not None else None

    def unchanged_pages(self, fingerprints: dict[str, str]) -> frozenset[str]:
        """The page files whose fingerprint is the same as in the last build, which left
        them in an untouched output/: they need not be rendered again (see model/fingerprints.py)."""
        if not self.can_keep():
            return frozenset()
        last = self.last.fingerprints  # type: ignore[union-attr]
        return frozenset(name for name, value in fingerprints.items() if last.get(name) == value)

    def unchanged_copies(self, copies: dict[str, str]) -> frozenset[str]:
        """The image copies (``media.image_copies``) that the last build left in an untouched
        output/ from the same file, with the same bytes (``image_files``)."""
        if not self.last or not self.output_intact():
            return frozenset()
        last, now = self.last.copies, self.copies_now(copies)
        return frozenset(name for name, copy in now.items() if last.get(name) == copy)

    def copies_now(self, copies: dict[str, str]) -> dict[str, tuple[str, str]]:
        """The record of the image copies a build leaves (BuildRecord.copies)."""
        images = self.image_files()
        return {name: (file, images[f"{self.content}/{file}"][0]) for name, file in copies.items()}

    def can_keep(self) -> bool:
        """True when pages may be kept from the last build (``unchanged_pages``)."""
        return bool(self.last and self.last.fingerprints) and self.output_intact()

    def known_sources(self) -> dict[str, tuple[Stat, str]]:
        """{path: (stat, digest)} of the article files, for the next build."""
        paths = ((f"{self.content}/{s.rel}", s.digest) for s in self.sources())
        return {path: (self.files[path], digest) for path, digest in paths if path in self.files}  # type: ignore[misc]

    def _known_images(self) -> dict[str, Any]:
        """The image files' {path: (stat, digest)} and their {digest: size}, for the next
        build (BuildRecord.images and .sizes)."""
        found = self.image_files()
        return {"images": {path: (self.images[path], digest) for path, (digest, _) in found.items()},
                "sizes": dict(found.values())}

    def record(self, articles: int, pages: int, warnings: tuple[Problem, ...], fingerprints: dict[str, str],
               files: Snapshot, drafts: int = 0, copies: dict[str, tuple[str, str]] | None = None) -> None:
        """Remember this successful build, which left ``files`` (their snapshot) in output/,
        ``copies`` among them (``copies_now``), and every image's size (by its digest)."""
        self.store.put(self.state, BuildRecord(self.inputs, self.stats, self.setup, self.known_sources(), files,
                                               articles, pages, warnings, fingerprints, drafts=drafts,
                                               copies=copies or {}, **self._known_images(), content=str(self.content),
                                               templates=self.template_files(), settings=self.config,
                                               tool=code_version()))
