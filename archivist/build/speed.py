"""How the speed machinery attaches to the build: ``Speed``, which ``pipeline.build``
calls at each step. ``Plain`` (this class itself) is the build without it; the
incremental machinery (incremental/attach.py) overrides every method and must give the same
bytes (the differential tests prove it)."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, TypeVar

from ..model.config import SiteConfig
from .content import Loaded, SourceFile
from .media import ImageFiles
from .output import WriteReport
from .progress import Progress
from .project import BuildReport, Clock, Project
from .render import Renderer
from .site import Site
from .store import Store

T = TypeVar("T")


class Speed:
    """The build without the speed machinery (``Plain``); ``Incremental`` overrides each
    method. The pipeline calls them in this order."""

    store = Store(None)
    """Where parsed articles are cached (content.load_articles)."""
    parsed = 0
    """Articles parsed before the full build, by an attempt at a quicker one (``shortcut``)."""

    @classmethod
    def attach(cls, project: Project, config: SiteConfig, strict: bool, clean: bool,
               memory: dict[str, Any] | None) -> Speed:
        """The plain build's: nothing attached (the signature of every ``Attach``)."""
        return cls()

    def shortcut(self, clock: Clock, meter: Progress, today: dt.date) -> BuildReport | None:
        """A build done without loading the archive, or None: the full build follows
        (``meter`` and ``today``: see pipeline.build)."""
        return None

    def sources(self) -> list[SourceFile] | None:
        """The article files with their digests when known (content.load_articles)."""
        return None

    def images(self) -> ImageFiles | None:
        """The image files under the content folder with the sizes known, when known
        (content.load_articles)."""
        return None

    def strays(self) -> list[str] | None:
        """The files that look like articles but are not built (sources.find_inputs), when
        known (content.load_articles)."""
        return None

    def unchanged_copies(self, copies: dict[str, str]) -> frozenset[str]:
        """The image copies (media.image_copies) whose bytes in output/ are right."""
        return frozenset()

    def compiled_templates(self) -> Path | None:
        """A folder to keep compiled templates in (render.make_environment)."""
        return None

    def unchanged_pages(self, site: Site, article_keys: dict[str, str]) -> frozenset[str]:
        """The page files that need not be rendered: their bytes in output/ are right."""
        return frozenset()

    def cached(self, name: str, value: Any, make: Callable[[Any], T]) -> T:
        """``make(value)``, from the cache when ``value`` (holding no whole article) is the
        same: the key is its digest, so ``make`` cannot see more than the key covers."""
        return make(value)

    def meanwhile(self) -> None:
        """Work done while the workers render (the fingerprints for the next build)."""

    def saving(self, site: Site, renderer: Renderer, clock: Clock) -> ContextManager[None]:
        """Around writing and swapping: the model saved for the next build's quick edit."""
        return nullcontext()

    def output_files(self) -> Iterable[str] | None:
        """The files in output/ now, when known."""
        return None

    def replaced(self) -> frozenset[str] | None:
        """Files of output/ whose bytes its search index may not hold, or that may not be
        what the last build left there: rewritten in place since the index was made,
        changed, removed or added behind this tool's back (search.build_index indexes again
        the shards they are in). None when nothing vouches for output/'s files (no record
        of the build that made it): no shard is kept from it."""
        return None

    def record(self, site: Site, loaded: Loaded, report: WriteReport) -> None:
        """Remember this successful build for the next one."""


Plain = Speed

Attach = Callable[[Project, SiteConfig, bool, bool, "dict[str, Any] | None"], Speed]
"""What attaches the speed machinery to a build: (project, config, strict, clean,
serve's memory) → Speed (incremental.attach, or ``Plain.attach``)."""
