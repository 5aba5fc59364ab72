"""Incremental builds: only the pages an edit can change are rendered again, and the
result is always byte-identical to a clean build of the same inputs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Callable

import imagesize
import pytest

from archivist.commands import Project, build
from tests.golden import FIXTURE, ROOT, files
from tests.images import png


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
def project(built_copy) -> Project:
    return built_copy


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


IMAGE = "anh/le-ra-quan.png"
"""The fixture's image, 240×160, shown by ngay-day-du.md."""


def _touch(path: Path) -> None:
    """A new mtime (and ctime), the same bytes: ``touch``, or a file of a fresh checkout."""
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))


def test_a_touched_image_whose_bytes_are_as_built_is_no_change(project, tmp_path):
    _touch(project.content / IMAGE)
    assert build(project).skipped  # its stat differs, the digest of its bytes does not
    # with a text edit: the text edit's build from the saved model, not a full build
    _touch(project.content / IMAGE)
    _edit(project.content / "chi-co-thang.md", "1.500 hộ", "1.600 hộ")
    report = build(project)
    assert not report.skipped and "load" not in report.seconds and report.parsed == 1, report
    assert files(project.output) == _clean_build(project, tmp_path)
    assert build(project).skipped


def test_an_image_edit_keeping_its_size_and_mtime_is_copied(project, tmp_path):
    """Other bytes of the same length, pixel size and mtime (``cp -p``, ``touch -r``):
    the copy beside the article's page is written again; no page changes."""
    path = project.content / IMAGE
    before, old = path.stat(), path.read_bytes()
    new = next(data for data in (png(240, 160, (r, 90, 60)) for r in range(256))
               if len(data) == len(old) and data != old)
    path.write_bytes(new)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    report = build(project)
    assert not report.skipped and report.rendered == 0 and report.written == 1, report
    assert (project.output / "bai-viet" / "ngay-day-du" / IMAGE).read_bytes() == new
    assert files(project.output) == _clean_build(project, tmp_path)
    assert build(project).skipped


def test_an_image_is_measured_once_for_its_bytes(project, monkeypatch):
    """The size of each image is kept in the last build's record by the digest of its
    bytes: a full build does not measure an image whose bytes it measured before."""
    measured: list[str] = []
    real = imagesize.get
    monkeypatch.setattr(imagesize, "get", lambda image: measured.append(image) or real(image))
    _edit(project.content / "ngay-day-du.md", "title: Ngày", "title: Tin mới về ngày")  # a full build
    report = build(project)
    assert "load" in report.seconds and measured == [], report
    (project.content / IMAGE).write_bytes(png(160, 240))
    build(project)
    assert len(measured) == 1
    page = (project.output / "bai-viet" / "ngay-day-du" / "index.html").read_text(encoding="utf-8")
    assert 'width="160" height="240"' in page
    _touch(project.content / IMAGE)
    _edit(project.content / "ngay-day-du.md", "title: Tin mới", "title: Tin mới nữa")
    assert "load" in build(project).seconds and len(measured) == 1


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


def _damage_written(path: Path) -> None:
    path.write_text("broken\n", encoding="utf-8")  # in place, through every hard link to it


def _damage_removed(path: Path) -> None:
    path.unlink()


def _damage_added(path: Path) -> None:
    (path.parent / "extra.txt").write_text("not Pagefind's\n", encoding="utf-8")


INDEX_DAMAGE = [
    ("pagefind/pagefind.js", _damage_written),  # a hard link to the newest shard's
    ("pagefind/{shard}/pagefind-entry.json", _damage_written),
    ("pagefind/{shard}/pagefind-worker.js", _damage_written),
    ("pagefind/{shard}/words.txt", _damage_written),
    ("pagefind/{shard}/wasm.unknown.pagefind", _damage_written),
    ("pagefind/{shard}/pagefind-entry.json", _damage_removed),
    ("pagefind/{shard}/index/{first}", _damage_removed),
    ("pagefind/{shard}/pagefind.js", _damage_added),
]


@pytest.fixture(scope="module")
def searched(tmp_path_factory) -> dict[str, bytes]:
    """The files of a clean build of the fixture archive with search on."""
    root = tmp_path_factory.mktemp("searched") / "site"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".cache", "output"))
    _edit(root / "site.yaml", "search: false", "search: true")
    build(Project.at(root, templates=ROOT / "templates"), clean=True)
    return files(root / "output")


@pytest.mark.parametrize("name, damage", INDEX_DAMAGE, ids=[f"{n} {d.__name__[8:]}" for n, d in INDEX_DAMAGE])
def test_a_damaged_search_index_is_repaired_as_pages_are(project, searched, name, damage):
    """A file of output/pagefind/ changed, removed or added behind the build's back (its
    size or mtime not as the last build recorded them) is repaired by the next build, which
    indexes its shard again: output/ then equals a clean build, and the build after finds
    nothing to do. The damaged file is replaced, never written into: another name for it
    (a hard link elsewhere) keeps its bytes."""
    _edit(project.config, "search: false", "search: true")
    build(project)
    assert build(project).skipped
    shard = json.loads((project.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"][0]["name"]
    first = sorted(os.listdir(project.output / "pagefind" / shard / "index"))[0]
    target = project.output / name.format(shard=shard, first=first)
    elsewhere = project.root / "elsewhere"
    os.link(target, elsewhere)
    damage(target)
    damaged = elsewhere.read_bytes()
    report = build(project)
    assert not report.skipped and report.index == "rebuilt" and report.shards[0] == 1, report
    assert files(project.output) == searched
    assert build(project).skipped
    assert elsewhere.read_bytes() == damaged


def test_without_a_record_of_the_build_no_search_shard_is_trusted(project, searched, monkeypatch):
    """Without the last build's record (.cache/ deleted, or ARCHIVIST_PLAIN=1, which keeps
    none) nothing vouches for output/'s files: every search shard is indexed again, so a
    damaged one is repaired too."""
    _edit(project.config, "search: false", "search: true")
    build(project)
    shard = json.loads((project.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"][0]["name"]
    for plain in ("", "1"):
        monkeypatch.setenv("ARCHIVIST_PLAIN", plain)
        (project.output / "pagefind" / shard / "pagefind-worker.js").write_text("broken\n", encoding="utf-8")
        shutil.rmtree(project.cache, ignore_errors=True)
        report = build(project)
        assert report.index == "rebuilt" and report.shards[0] == report.shards[1], report
        assert files(project.output) == searched
