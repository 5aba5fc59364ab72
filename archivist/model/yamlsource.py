"""YAML reading with line numbers for every key, on PyYAML's C loader.

Dates are kept as text (the timestamp resolver is removed) so that ``2020-02-31`` is
reported by our own validation with its line instead of crashing the YAML constructor.
"""

from __future__ import annotations

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


def parse(text: str) -> Any:
    """Parse one YAML document; raise YamlError with the line on bad syntax."""
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
        raise YamlError(f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        raise YamlError(f"invalid YAML: {exc}", None) from None


def key_lines(text: str) -> dict[str, int]:
    """Map each mapping key (dotted for nested mappings, ``[i]`` for list items) to its line.

    Used only when a problem has been found, so the cost of composing nodes is paid on
    the error path, never on a clean build.
    """
    try:
        root = yaml.compose(text, Loader=Loader)
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
