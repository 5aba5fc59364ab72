"""How far long work has come: ``Progress``, handed explicitly to the steps that take
long (parsing, rendering, indexing, checking, importing), which tell it as their
results come back, in the process that waits for them. ``Progress`` itself shows
nothing (``-q``, ``serve``, the tests); build.py, the only place that prints, shows it as
a bar on a terminal or as plain lines in a log. Nothing a step tells it changes what the
step does: the output is the same bytes with or without it."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")


class Progress:
    """Told of one stage at a time: ``start``, then ``advance`` as units end, then ``end``."""

    def start(self, stage: str, total: int, unit: str) -> None:
        """A stage of ``total`` units begins ("parse", 3000, "articles")."""

    def advance(self, count: int) -> None:
        """``count`` more units of the stage have ended."""

    def end(self) -> None:
        """The stage has ended (or stopped, by a problem or an interruption)."""

    @contextmanager
    def stage(self, name: str, total: int, unit: str) -> Iterator[Callable[[int], None]]:
        """``with progress.stage("render", 900, "pages") as advance: … advance(n)``."""
        self.start(name, total, unit)
        try:
            yield self.advance
        finally:
            self.end()

    def each(self, name: str, items: Sequence[T], unit: str) -> Iterator[T]:
        """The items, one stage over them: each is told done when the next is asked for
        (after the loop's body, whatever it ``continue``s)."""
        with self.stage(name, len(items), unit) as advance:
            for item in items:
                yield item
                advance(1)


SILENT = Progress()
"""Shows nothing: the default of every step."""
