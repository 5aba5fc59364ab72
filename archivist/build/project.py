"""Where a site lives (``Project``), and what a build reports (``BuildReport``, ``Clock``)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..model.errors import Problem


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
    """Pages rendered; the others were unchanged since the last build (see model/fingerprints.py)."""
    skipped: bool = False
    """True when nothing had changed since the last build, so nothing was done."""
    drafts: int = 0
    """Draft articles left out of the site."""
    parsed: int = 0
    """Articles parsed; the others came from the parse cache (or the saved model)."""
    shards: tuple[int, int] = (0, 0)
    """Search index shards: (indexed by Pagefind, in all); the others were kept."""


def display(project: Project, path: Path) -> str:
    """``path`` as problems name it: relative to the project's root when inside it."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


class Clock:
    """The time of each stage of a build, told to ``progress`` as each ends."""

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


def index_outcome(indexed: list[Any]) -> str:
    """BuildReport.index for the search.IndexReport made, if any."""
    return "off" if not indexed else "rebuilt" if indexed[0].rebuilt else "kept"


def index_shards(indexed: list[Any]) -> tuple[int, int]:
    """BuildReport.shards for the search.IndexReport made, if any."""
    return (indexed[0].rebuilt, indexed[0].rebuilt + indexed[0].kept) if indexed else (0, 0)
