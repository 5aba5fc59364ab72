"""Quick edits (serve): an edit of an article's text is published from the model in memory,
and the full build after it ends byte-identical to a clean build."""

from __future__ import annotations

import json
import shutil

import pytest

from archivist.build.store import Store
from archivist.commands import Project, build
from archivist.incremental.savedmodel import LIVE
from archivist.preview.quickedit import quick_edit
from tests.golden import files
from tests.test_incremental import _clean_build, _edit

ARTICLE = "chi-co-thang.md"
PAGE = "bai-viet/chi-co-thang/index.html"


@pytest.fixture()
def project(fixture_copy) -> Project:
    return fixture_copy


@pytest.fixture()
def memory(project) -> dict:
    memory: dict = {}
    build(project, memory=memory)
    assert LIVE in memory
    return memory


def _quick(project: Project, memory: dict, *names: str):
    return quick_edit(memory, Store(project.cache, memory), [project.content / name for name in names])


def _text(project: Project, name: str) -> str:
    return (project.output / name).read_text(encoding="utf-8")


def test_a_text_edit_is_published_before_the_full_build_which_then_renders_nothing(project, memory, tmp_path):
    before = files(project.output)
    _edit(project.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    quick = _quick(project, memory, ARTICLE)
    assert quick is not None and quick.articles == 1
    assert "Đoạn thêm" in _text(project, PAGE)
    # its own page has new text; pages listing it (neighbours, related, lists, feeds) were
    # rendered again and are unchanged, since its title and summary did not change
    assert quick.written == 1 and quick.rendered > 1
    assert {name for name, data in files(project.output).items() if before.get(name) != data} == {PAGE}
    assert LIVE not in memory  # out of date until the full build
    report = build(project, memory=memory)
    assert report.rendered == 0 and not report.skipped
    assert LIVE in memory
    assert files(project.output) == _clean_build(project, tmp_path)


def test_a_summary_edit_updates_the_list_pages_that_show_it(project, memory, tmp_path):
    # no summary in its front matter: the first paragraph is the summary shown in lists
    first = (project.content / ARTICLE).read_text(encoding="utf-8").split("---", 2)[2].strip().split("\n")[0]
    assert "summary:" not in (project.content / ARTICLE).read_text(encoding="utf-8").split("---", 2)[1]
    _edit(project.content / ARTICLE, first, "Tóm tắt mới. " + first)
    quick = _quick(project, memory, ARTICLE)
    assert quick is not None and quick.written > 1
    showing = [path for path in project.output.rglob("*") if path.suffix in (".html", ".xml")
               and first in path.read_text(encoding="utf-8")]
    assert len(showing) == quick.written > 2  # its page, list pages, feeds
    assert all("Tóm tắt mới. " + first in path.read_text(encoding="utf-8") for path in showing)
    build(project, memory=memory)
    assert files(project.output) == _clean_build(project, tmp_path)


def test_two_articles_edited_at_once(project, memory, tmp_path):
    _edit(project.content / ARTICLE, "1.500 hộ", "1.700 hộ")
    other = next(p.name for p in sorted(project.content.glob("*.md")) if p.name != ARTICLE)
    path = project.content / other
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn cuối mới.\n", encoding="utf-8")
    quick = _quick(project, memory, ARTICLE, other)
    assert quick is not None and quick.articles == 2 and quick.written >= 2
    build(project, memory=memory)
    assert files(project.output) == _clean_build(project, tmp_path)


@pytest.mark.parametrize("name, change", [
    ("title", lambda p: _edit(p.content / ARTICLE, "title: ", "title: Mới - ")),
    ("tags", lambda p: _edit(p.content / ARTICLE, "tags: [", "tags: [Chủ đề mới, ")),
    ("date", lambda p: _edit(p.content / ARTICLE, "date: 2022-11", "date: 2019-02")),
    ("a problem", lambda p: _edit(p.content / ARTICLE, "date: 2022-11", "date: 2022-13")),
    ("new file", lambda p: shutil.copy(p.content / ARTICLE, p.content / "ban-sao.md")),
    ("deleted file", lambda p: (p.content / ARTICLE).unlink()),
], ids=lambda value: value if isinstance(value, str) else "")
def test_changes_that_move_an_article_in_the_model_are_left_to_the_full_build(project, memory, name, change):
    before = files(project.output)
    change(project)
    target = "ban-sao.md" if name == "new file" else ARTICLE
    assert _quick(project, memory, target) is None
    assert files(project.output) == before and LIVE in memory


def test_an_unchanged_file_or_a_template_is_not_a_quick_edit(project, memory):
    (project.content / ARTICLE).touch()
    assert _quick(project, memory, ARTICLE) is None
    assert quick_edit(memory, Store(project.cache, memory), [project.templates / "base.html"]) is None


def test_an_output_folder_changed_behind_serves_back_is_left_to_the_full_build(project, memory, tmp_path):
    (project.output / PAGE).write_text("hỏng", encoding="utf-8")
    _edit(project.content / ARTICLE, "1.500 hộ", "1.700 hộ")
    assert _quick(project, memory, ARTICLE) is None
    build(project, memory=memory)
    assert files(project.output) == _clean_build(project, tmp_path)


def test_a_build_without_memory_or_a_skipped_one_keeps_no_stale_model(project, memory):
    assert build(project, memory=memory).skipped and LIVE in memory  # nothing changed: still current
    memory2: dict = {}
    report = build(project, memory=memory2)  # a first build with memory is never skipped: it makes the model
    assert not report.skipped and report.rendered == 0 and LIVE in memory2


def test_the_full_build_after_a_quick_edit_indexes_the_edited_page_again(project, tmp_path):
    _edit(project.config, "search: false", "search: true")
    memory: dict = {}
    build(project, memory=memory)
    manifest = project.output / "pagefind" / "shards.json"
    keys = lambda: {e["name"]: e["key"] for e in json.loads(manifest.read_text(encoding="utf-8"))["shards"]}  # noqa: E731
    before = keys()
    _edit(project.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    assert _quick(project, memory, ARTICLE).written == 1
    # the page was replaced in place, so its inode no longer vouches for the indexed bytes
    report = build(project, memory=memory)
    assert report.rendered == 0 and report.index == "rebuilt"
    after = keys()
    assert [name for name in before if before[name] != after[name]] == ["2022"]
