"""Golden output of the fixture archive: build it and compare, or refresh it.

    python -m tests.golden          # rewrite tests/golden/ from the current code

Review ``git diff tests/golden`` before committing a refresh.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = HERE / "fixtures" / "archive"
GOLDEN = HERE / "golden"


def build_fixture(output: Path, search: bool = False) -> None:
    """Build the fixture archive with the project's templates, as its site.yaml says
    without search (no search index, no search markup), or with it."""
    sys.path.insert(0, str(ROOT))
    from archivist.commands import Project, build

    build(Project.at(FIXTURE, templates=ROOT / "templates", output=output), search_index=search)


def build_busy_fixture(root: Path) -> Path:
    """The fixture archive with two more articles of 2023 (a search shard of three pages,
    some words on one of them, some on all), copied under ``root`` and built with search
    into ``root/output``, which is returned."""
    sys.path.insert(0, str(ROOT))
    from archivist.commands import Project, build

    shutil.copytree(FIXTURE, root / "archive")
    original = (FIXTURE / "content" / "ngay-day-du.md").read_text(encoding="utf-8")
    for n, extra in enumerate(["Đoạn riêng về hợp tác xã.", "Hợp tác xã và đoàn viên."], 2):
        (root / "archive" / "content" / f"ngay-day-du-{n}.md").write_text(
            original.replace("title: Ngày đầy đủ", f"title: Ngày đầy đủ {n}") + f"\n{extra}\n", encoding="utf-8")
    build(Project.at(root / "archive", templates=ROOT / "templates", output=root / "output"), search_index=True)
    return root / "output"


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path (the output marker excluded)."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".archivist"}


def refresh() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        build_fixture(out)
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(".archivist"))
    print(f"refreshed {len(files(GOLDEN))} files in {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    refresh()
