"""Incremental builds: only the pages an edit can change are rendered again, and the
result is always byte-identical to a clean build of the same inputs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from archivist.commands import Project, build
from tests.golden import FIXTURE, ROOT, files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _clean_build(project: Project, tmp: Path) -> dict[str, bytes]:
    """The same inputs built from scratch in another folder."""
    other = tmp / "clean"
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(project.root, other, ignore=shutil.ignore_patterns(".cache", "output"))
    build(Project.at(other, templates=project.templates), clean=True)
    return files(other / "output")


@pytest.fixture()
def project(tmp_path) -> Project:
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    project = Project.at(tmp_path / "site", templates=tmp_path / "templates")
    build(project)
    return project


def test_a_text_edit_renders_only_the_pages_that_show_the_article(project):
    total = build(project, clean=True).pages
    _edit(project.content / "chi-co-thang.md", "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    report = build(project)
    # Its page changes; the pages listing it (neighbours, related, lists, feeds) are
    # rendered again but show only its title and summary, which did not change.
    assert report.written == 1 and 1 <= report.rendered < total / 3, report
    assert "Đoạn thêm" in (project.output / "bai-viet" / "chi-co-thang" / "index.html").read_text(encoding="utf-8")
    again = build(project)
    assert again.skipped


EDITS: list[tuple[str, Callable[[Project], None]]] = [
    ("body text", lambda p: _edit(p.content / "chi-co-thang.md", "1.500 hộ", "1.600 hộ")),
    ("title", lambda p: _edit(p.content / "ngay-day-du.md", "title: Ngày", "title: Tin mới về ngày")),
    ("tags", lambda p: _edit(p.content / "khong-ro-ngay.md", "tags: [", "tags: [Chủ đề mới, ")),
    ("date", lambda p: _edit(p.content / "chi-co-thang.md", "date: 2022-11", "date: 2019-02")),
    ("new article", lambda p: shutil.copy(p.content / "ngay-day-du.md", p.content / "ban-sao.md")),
    ("deleted article", lambda p: (p.content / "tp-ho-chi-minh.md").unlink()),
    ("template", lambda p: _edit(p.templates / "_macros.html", "{% macro", "{# edited #}\n{% macro")),
    ("static asset", lambda p: (p.templates / "static" / "style.css").write_text("body{color:#111}\n")),
    ("site.yaml", lambda p: _edit(p.config, "title: ", "title: Kho lưu trữ mới – ")),
]


@pytest.mark.parametrize("name, edit", EDITS, ids=[name for name, _ in EDITS])
def test_an_incremental_build_equals_a_clean_build(project, tmp_path, name, edit):
    edit(project)
    report = build(project)
    assert not report.skipped
    assert files(project.output) == _clean_build(project, tmp_path), name


def _edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    """What ``cp -p``, ``rsync -a`` or ``touch -r`` leave: other bytes, same size, old mtime."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    _edit(path, old, new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


SAME_SIZE_EDITS: list[tuple[str, str, str, str]] = [
    ("article", "content/chi-co-thang.md", "1.500 hộ", "1.600 hộ"),
    ("template", "templates/article.html", "</h1>", "</H1>"),
]


@pytest.mark.parametrize("name, file, old, new", SAME_SIZE_EDITS, ids=[edit[0] for edit in SAME_SIZE_EDITS])
def test_an_edit_keeping_size_and_mtime_is_built(project, tmp_path, name, file, old, new):
    folder, _, rest = file.partition("/")
    path = (project.content if folder == "content" else project.templates) / rest
    _edit_keeping_size_and_mtime(path, old, new)
    report = build(project)
    assert not report.skipped and report.written >= 1, report
    page = (project.output / "bai-viet" / "chi-co-thang" / "index.html").read_text(encoding="utf-8")
    assert new in page
    assert files(project.output) == _clean_build(project, tmp_path), name
    assert build(project).skipped


def test_a_touched_output_folder_is_rendered_again_in_full(project):
    page = project.output / "bai-viet" / "chi-co-thang" / "index.html"
    page.write_text("hỏng", encoding="utf-8")
    _edit(project.content / "ngay-day-du.md", "title: Ngày", "title: Tin mới về ngày")
    report = build(project)
    assert report.rendered == report.pages
    assert "hỏng" not in page.read_text(encoding="utf-8")


def test_two_output_folders_from_one_project_are_both_kept_current(project, tmp_path):
    other = Project.at(project.root, templates=project.templates, output=tmp_path / "other")
    build(other)
    assert build(project).skipped and build(other).skipped


@pytest.mark.parametrize("preview", [False, True], ids=["command line", "serve"])
def test_pages_and_their_search_index_go_live_together(project, preview):
    _edit(project.config, "search: false", "search: true")
    memory = {} if preview else None
    build(project, memory=memory)
    manifest = project.output / "pagefind" / "shards.json"
    before = json.loads(manifest.read_text(encoding="utf-8"))["shards"]
    page = project.output / "bai-viet" / "chi-co-thang" / "index.html"
    # a title edit moves the article in the lists: a full build, not a quick edit (live.py)
    _edit(project.content / "chi-co-thang.md", "title: ", "title: Mới - ")
    seen = []

    def progress(line: str) -> None:  # what output/ holds at the end of each stage
        seen.append((line.split(":")[0], "Mới - " in page.read_text(encoding="utf-8"),
                     json.loads(manifest.read_text(encoding="utf-8"))["shards"]))

    report = build(project, progress=progress, memory=memory)
    after = json.loads(manifest.read_text(encoding="utf-8"))["shards"]
    changed = [new["name"] for old, new in zip(before, after) if old != new]
    # its shard and those of its neighbours, whose pages link to it by its title
    assert "2022" in changed and len(changed) < len(before) and report.index == "rebuilt"
    mixed = [stage for stage, new_page, index in seen if new_page and index != after]
    assert not mixed and "publish" not in report.seconds
    assert [new_page for stage, new_page, _ in seen if stage in ("load", "render", "index")] == [False] * 3
    assert build(project, memory=memory).skipped
