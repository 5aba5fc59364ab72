"""The folder tree is the architecture: each part of the package imports only from the
parts above it (README, "Architecture"), so the build never imports the speed machinery
or the preview, and the model imports nothing of the build."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "archivist"
ORDER = ["model", "build", "incremental", "commands", "preview", "check", "importer"]
"""Each part, after the parts it may import from."""
_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.+|archivist\.)([a-z_]*)", re.M)
MAX_LINES = 420
"""About 400 lines: past that a module is two."""


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_each_part_imports_only_from_the_parts_above_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == PACKAGE and path.name == "__init__.py":
            continue
        part = _part(path)
        for dots, name in _IMPORT.findall(path.read_text(encoding="utf-8")):
            if dots == "." and len(path.relative_to(PACKAGE).parts) > 1:
                continue  # a sibling module of the same part
            target = name if dots in ("..", "archivist.") or len(path.relative_to(PACKAGE).parts) == 1 else part
            if target and target != part and ORDER.index(target) > ORDER.index(part):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {target}")
    assert not wrong, wrong


def test_every_module_stays_readable():
    long = {str(path.relative_to(PACKAGE)): n for path in PACKAGE.rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
