"""Problems found in a curator's input, and the exception that carries them.

Every problem names the file, the line of the offending key, the field and what was
expected, so a curator can fix all of them in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, reported as ``path:line: field: message``."""

    path: str
    """File the problem is in, as shown to the curator (relative to the project)."""
    line: int | None
    """1-based line of the offending key or text; None when it has no line."""
    field: str | None
    """Front-matter or config key, dotted for nested keys (``source.url``)."""
    message: str
    """What is wrong and what was expected."""
    lapses: dt.date | None = field(default=None, compare=False)
    """For a warning that holds only until a day (a date later than today): that day, from
    which a kept build's warnings leave it out (``build.notices.still_due``); else None."""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class BuildFailed(Exception):
    """Raised when the input has problems; nothing has been written."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(set(problems), key=_order))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        """Pickle by the problems, so that a failure in a worker process reaches the parent."""
        return (BuildFailed, (self.problems,))


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.field or "", problem.message)
