"""YAML reading with line numbers for every key, on PyYAML's C loader.

Dates are kept as text (the timestamp resolver is removed) so that ``2020-02-31`` is
reported by our own validation with its line instead of crashing the YAML constructor.

Text pasted from the web brings Unicode spaces (a non-breaking space, U+00A0, above all)
that look like spaces and that YAML does not read as spaces. Where they are only
whitespace between tokens (``plain_spaces``: indentation, around a key's colon, after a
list's dash, at the end of a line) they are read as ordinary spaces, as the curator sees
them; anywhere else (inside a key) a problem names the character, its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader (C when available) that leaves timestamps as strings, refuses a key
    given twice in one mapping (the last would win unseen) and refuses aliases: front
    matter and site.yaml have no use for them, and an alias bomb (a "billion laughs")
    would make every walk over the document explode."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (&name, *name) are not allowed; write the value out", node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f'"{key_node.value}" is given a second time here; keep one', key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class YamlError(ValueError):
    """A YAML syntax error with its 1-based line."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
"""Characters that look like a space (or like nothing) and that YAML does not read as one:
the no-break, typographic and ideographic spaces, the zero-width space and a byte order
mark past the start of the file."""
_ODD = re.compile(f"[{ODD_SPACES}]")
_BLANK = f"[ \t{ODD_SPACES}]"
_LEAD = re.compile(f"(?:{_BLANK}*-(?={_BLANK}|$))*{_BLANK}*")
"""A line's indentation, with the dashes of list items."""
_KEY = re.compile(f"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\\s\"'#\\[{{][^:\n]*?)({_BLANK}*):({_BLANK}+|$)")
"""A key (plain or quoted) with the blanks before and after its colon."""


def plain_spaces(text: str) -> str:
    """``text`` with every ``ODD_SPACES`` character that stands only between tokens (in a
    line's indentation, after a list item's dash, before or after a key's colon, at the
    end of a line) made an ordinary space, one for one: lines and columns stay as they are."""
    if _ODD.search(text) is None:
        return text
    return "\n".join(_plain_line(line) if _ODD.search(line) else line for line in text.split("\n"))


def _plain_line(line: str) -> str:
    chars = list(line)
    spans = [(0, _LEAD.match(line).end())]  # type: ignore[union-attr]
    key = _KEY.match(line, spans[0][1])
    if key is not None:
        spans += [key.span(1), key.span(2)]
    spans.append((len(line.rstrip(f" \t{ODD_SPACES}")), len(line)))
    for start, end in spans:
        for index in range(start, end):
            if chars[index] in ODD_SPACES:
                chars[index] = " "
    return "".join(chars)


def odd_space(text: str) -> str | None:
    """What a text holding an ``ODD_SPACES`` character should know of it, or None:
    ``a no-break space (U+00A0) at column 7: replace it with an ordinary space``."""
    found = _ODD.search(text)
    if found is None:
        return None
    char = found.group()
    fix = "remove it" if char in "\u200b\ufeff" else "replace it with an ordinary space"
    return f"{_named(char)} at column {found.start() + 1}, which YAML does not read as a space: {fix}"


def _named(char: str) -> str:
    """``a non-breaking space (U+00A0)``."""
    name = "byte order mark" if char == "\ufeff" else unicodedata.name(char).lower()
    name = name.replace("no-break", "non-breaking").replace("zero width", "zero-width")
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name} (U+{ord(char):04X})"


def _cause(original: str, line: int, problem: str) -> YamlError | None:
    """The error to give for a YAML error at ``line`` (0-based) when that line or the one
    before holds an ``ODD_SPACES`` character where it matters: one YAML does not read as a
    space before the line's first colon (in what was meant as a key) is named as the
    problem; one read as an ordinary space (``plain_spaces``), beside the problem."""
    lines = original.split("\n")
    for number in (line, line - 1):
        if not 0 <= number < len(lines) or _ODD.search(lines[number]) is None:
            continue
        plain = plain_spaces(lines[number])
        colon = re.search(f":(?:{_BLANK}|$)", plain)
        odd = odd_space(plain[:colon.start() if colon else len(plain)])
        if odd is not None:
            return YamlError(f"invalid YAML: {odd}", number + 1)
        read = next((i for i, (a, b) in enumerate(zip(lines[number], plain)) if a != b), None)
        if read is not None:
            return YamlError(f"invalid YAML: {problem}; this line holds {_named(lines[number][read])} at column "
                             f"{read + 1}, read as an ordinary space: remove it, or write an ordinary space where "
                             "one is meant", number + 1)
    return None


def parse(text: str) -> Any:
    """Parse one YAML document; raise YamlError with the line on bad syntax."""
    original, text = text, plain_spaces(text)
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
            mark, problem = exc.context_mark, "a quoted value is not closed: it opens here"
        elif mark is not None and text.split("\n")[mark.line:mark.line + 1] and text.split("\n")[mark.line].startswith("\t"):
            problem = "tabs are not allowed for indentation; indent with spaces"
        line = mark.line + 1 if mark is not None else None
        if mark is not None and (cause := _cause(original, mark.line, problem)) is not None:
            raise cause from None  # an odd space on the line of the error or the one before is its likely cause
        raise YamlError(f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        raise YamlError(f"invalid YAML: {exc}", None) from None


def key_lines(text: str) -> dict[str, int]:
    """Map each mapping key (dotted for nested mappings, ``[i]`` for list items) to its line.

    Used only when a problem has been found, so the cost of composing nodes is paid on
    the error path, never on a clean build.
    """
    try:
        root = yaml.compose(plain_spaces(text), Loader=Loader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    _walk(root, "", lines)
    return lines


def _walk(node: Any, prefix: str, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines.setdefault(key, key_node.start_mark.line + 1)
            _walk(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}[{index}]"
            lines.setdefault(key, item.start_mark.line + 1)
            _walk(item, key, lines)
