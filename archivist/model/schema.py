"""Small checks shared by site.yaml and front matter: known keys and value types."""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

from .errors import Problem

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters no XML file (a feed, the sitemap) may hold and no page should: C0 controls
but tab and line ends, DEL, and the two non-characters U+FFFE and U+FFFF."""


def control_problem(text: str) -> str | None:
    """What is wrong with a text holding a control character (``CONTROL``), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return f"holds the control character U+{ord(found.group()):04X}, which no page or feed can carry; remove it"


class Checker:
    """Collects problems for one YAML document, resolving each key to its line lazily."""

    def __init__(self, path: str, text: str, line_offset: int = 0):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._text = text
        self._offset = line_offset
        self._lines: dict[str, int] | None = None

    def line_of(self, key: str | None) -> int | None:
        """Line of ``key`` (dotted) in the file, or of its nearest parent key."""
        if key is None:
            return None
        if self._lines is None:
            from .yamlsource import key_lines

            self._lines = key_lines(self._text)
        probe = key
        while probe:
            if probe in self._lines:
                return self._lines[probe] + self._offset
            probe = probe.rpartition(".")[0] if "." in probe else probe.partition("[")[0]
            if probe == key:
                break
        return None

    def add(self, key: str | None, message: str, line: int | None = None) -> None:
        """Record a problem at ``key``'s line (or at ``line`` when given)."""
        self.problems.append(Problem(self.path, line if line is not None else self.line_of(key), key, message))

    def warn(self, key: str | None, message: str, line: int | None = None) -> None:
        """Record a warning (the build goes on; --strict makes it fail) at ``key``'s line (or at ``line``)."""
        self.warnings.append(Problem(self.path, line if line is not None else self.line_of(key), key, message))

    def no_control_characters(self, value: Any, key: str = "") -> None:
        """Report every text in ``value`` (a parsed document, walked through its mappings
        and lists) that holds a control character, at its key."""
        if isinstance(value, str):
            if (message := control_problem(value)) is not None:
                self.add(key or None, f"{message} (an escape such as \\f in a quoted value makes one)")
        elif isinstance(value, dict):
            for name, item in value.items():
                self.no_control_characters(item, f"{key}.{name}" if key else str(name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.no_control_characters(item, f"{key}[{index}]")

    def unknown_keys(self, data: dict, allowed: Iterable[str], prefix: str = "") -> None:
        """Report every key not in ``allowed``, suggesting the nearest known one."""
        allowed = list(allowed)
        for key in data:
            if key in allowed:
                continue
            name = f"{prefix}{key}"
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(allowed)})"
            self.add(name, f"unknown key{self._odd_space(name)}{hint}")

    def _odd_space(self, key: str) -> str:
        """``: it holds a non-breaking space …`` when the line of ``key`` holds a space YAML does
        not read as one (yamlsource.ODD_SPACES) where it is not only between tokens: in the
        key itself, which looks like a known one; else nothing."""
        from .yamlsource import odd_space, plain_spaces

        line = self.line_of(key)
        lines = self._text.split("\n")
        if line is None or not 0 < line - self._offset <= len(lines):
            return ""
        odd = odd_space(plain_spaces(lines[line - self._offset - 1]))
        return f": it holds {odd}" if odd else ""

    def text(self, data: dict, key: str, *, required: bool = False, prefix: str = "") -> str | None:
        """A non-empty string value, stripped; numbers are not silently converted."""
        name = f"{prefix}{key}"
        if key not in data:
            if required:  # at the mapping holding it when nested (source.name), else the top
                self.add(name, "is required but missing", line=self.line_of(prefix.rstrip(".")) if prefix else max(self._offset, 1))
            return None
        value = data[key]
        if value is None:
            if required:
                self.add(name, "is required and cannot be empty")
            return None
        if not isinstance(value, str):
            self.add(name, f"expected text, got {describe(value)} (quote it in YAML)")
            return None
        value = value.strip()
        if not value:
            if required:
                self.add(name, "is required and cannot be empty")
            return None
        return value


def describe(value: Any) -> str:
    """Short description of a YAML value's type for error messages."""
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "nothing (an empty value)"
    return type(value).__name__
