"""Edits from the command line: a build whose only changes are articles' text starts from
the model the last build saved (pipeline._edit_from_saved_model), publishes the pages
showing them, then re-indexes their search shards; it ends where a clean build ends."""

from __future__ import annotations

import json

import pytest

from archivist.build import search
from archivist.model.errors import BuildFailed
from archivist.incremental.savedmodel import UNLOADED, Live
from archivist.commands import Project, build
from tests.golden import files
from tests.test_incremental import _clean_build, _edit
from tests.test_live import ARTICLE, PAGE


@pytest.fixture()
def project(fixture_copy) -> Project:
    return fixture_copy


def _quick(report) -> bool:
    """The build started from the saved model (it never loaded the archive)."""
    return "render" in report.seconds and "load" not in report.seconds


def _shards(project: Project) -> dict[str, str]:
    manifest = json.loads((project.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    return {entry["name"]: entry["key"] for entry in manifest["shards"]}


@pytest.fixture()
def built(project) -> Project:
    build(project)
    return project


def test_a_text_edit_starts_from_the_saved_model_and_ends_like_a_clean_build(built, tmp_path):
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    report = build(built)
    assert _quick(report) and 0 < report.rendered < report.pages and report.written == 1
    assert "Đoạn thêm" in (built.output / PAGE).read_text(encoding="utf-8")
    assert files(built.output) == _clean_build(built, tmp_path)
    assert build(built).skipped
    # and again from the model it saved
    _edit(built.content / ARTICLE, "Đoạn thêm", "Một đoạn thêm")
    assert _quick(build(built))
    assert files(built.output) == _clean_build(built, tmp_path)


def test_a_summary_edit_reaches_every_list_page_showing_it(built, tmp_path):
    first = (built.content / ARTICLE).read_text(encoding="utf-8").split("---", 2)[2].strip().split("\n")[0]
    _edit(built.content / ARTICLE, first, "Tóm tắt mới. " + first)
    report = build(built)
    assert _quick(report) and report.written > 2
    assert files(built.output) == _clean_build(built, tmp_path)


@pytest.mark.parametrize("change", [
    lambda p: _edit(p.content / ARTICLE, "title: ", "title: Mới - "),
    lambda p: _edit(p.content / ARTICLE, "tags: [", "tags: [Chủ đề mới, "),
    lambda p: (p.content / "ban-sao.md").write_bytes((p.content / ARTICLE).read_bytes()),
    lambda p: _edit(p.templates / "article.html", "</h1>", "</h1>\n"),
    lambda p: _edit(p.config, "per_page: 2", "per_page: 3"),
], ids=["title", "tags", "new file", "template", "site.yaml"])
def test_other_changes_get_a_full_build(built, tmp_path, change):
    change(built)
    report = build(built)
    assert "load" in report.seconds
    assert files(built.output) == _clean_build(built, tmp_path)


def test_a_text_edit_together_with_a_title_edit_gets_a_full_build(built, tmp_path):
    _edit(built.content / ARTICLE, "1.500 hộ", "1.700 hộ")
    other = next(p for p in sorted(built.content.glob("*.md")) if p.name != ARTICLE)
    _edit(other, "title: ", "title: Mới - ")
    assert "load" in build(built).seconds
    assert files(built.output) == _clean_build(built, tmp_path)


def test_no_saved_model_or_a_touched_output_gets_a_full_build(built, tmp_path):
    for saved in built.cache.rglob("*-model"):
        saved.unlink()
    _edit(built.content / ARTICLE, "1.500 hộ", "1.700 hộ")
    assert "load" in build(built).seconds  # and it saves one
    _edit(built.content / ARTICLE, "1.700 hộ", "1.800 hộ")
    other = built.output / "bai-viet" / "ngay-day-du" / "index.html"
    other.write_text("hỏng", encoding="utf-8")
    report = build(built)
    assert "hỏng" not in other.read_text(encoding="utf-8")  # put right by the full build that followed
    assert "load" in report.seconds
    assert files(built.output) == _clean_build(built, tmp_path)


def test_warnings_of_the_edited_article_are_reported_and_remembered(built):
    _edit(built.content / ARTICLE, "tags: [", "review: [Kiểm tra tên tác giả]\ntags: [")
    report = build(built)
    assert _quick(report)
    assert [w.field for w in report.warnings if w.path.endswith(ARTICLE)] == ["review"]
    again = build(built)
    assert again.skipped and again.warnings == report.warnings
    _edit(built.content / ARTICLE, "review: [Kiểm tra tên tác giả]\n", "")
    report = build(built)
    assert _quick(report) and not [w for w in report.warnings if w.path.endswith(ARTICLE)]


def test_with_search_only_the_edited_articles_shard_is_indexed_again(built, tmp_path):
    _edit(built.config, "search: false", "search: true")
    build(built)
    before = _shards(built)
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    seen = []

    def progress(line: str) -> None:  # nothing goes live before the swap: pages and index together
        seen.append((line.split(":")[0], "Đoạn thêm" in (built.output / PAGE).read_text(encoding="utf-8")))

    report = build(built, progress=progress)
    assert _quick(report) and report.index == "rebuilt"
    assert seen == [("render", False), ("swap", True), ("save", True)]
    after = _shards(built)
    assert [name for name in before if before[name] != after[name]] == ["2022"]
    assert build(built).skipped


def test_an_interrupted_index_is_redone_by_the_next_build(built, monkeypatch):
    _edit(built.config, "search: false", "search: true")
    build(built)
    before = _shards(built)
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")  # not its summary

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(search, "build_index", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build(built)
    assert "Đoạn thêm" not in (built.output / PAGE).read_text(encoding="utf-8")  # neither the pages
    assert _shards(built) == before  # nor the index went live
    report = build(built)
    assert not report.skipped and report.index == "rebuilt"
    after = _shards(built)
    assert [name for name in before if before[name] != after[name]] == ["2022"]
    assert build(built).skipped


def test_bodies_left_out_of_the_saved_model_are_read_back_for_the_pages_rendered(built, tmp_path):
    # every article page also shows its first related article's body: rendering the pages
    # that list the edited article needs bodies of others, read from the parse cache
    _edit(built.templates / "article.html", "{{ article.body_html | safe }}",
          "{{ article.body_html | safe }}{% if related %}{{ related[0].body_html | safe }}{% endif %}")
    build(built)
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    report = build(built)
    assert _quick(report) and report.written > 1
    assert files(built.output) == _clean_build(built, tmp_path)


def test_a_template_reaching_into_a_groups_members_fails_naming_the_template_and_line(built):
    # groups hold links (path, slug, title, date), not whole articles: a page showing the
    # bodies of every article of its tags would go stale after an edit, so it cannot be made
    before = files(built.output)
    _edit(built.templates / "article.html", "{{ article.body_html | safe }}",
          "{{ article.body_html | safe }}{% for tag in tags %}{% for other in tag.articles %}"
          "{{ other.body_html | safe }}{% endfor %}{% endfor %}")
    line = next(n for n, text in enumerate((built.templates / "article.html").read_text(encoding="utf-8").splitlines(), 1)
                if "other.body_html" in text)
    with pytest.raises(BuildFailed) as failed:
        build(built)
    [problem] = failed.value.problems
    assert (problem.path, problem.line) == ("templates/article.html", line)
    assert "body_html" in problem.message and "links to its articles" in problem.message
    assert files(built.output) == before


def test_a_page_that_would_show_a_body_not_read_back_gets_a_full_build(built, tmp_path, monkeypatch):
    # the safety net under Live.with_bodies: with no body read back, the neighbours' pages
    # (rendered again: they link to the edited article) would show the placeholder
    monkeypatch.setattr(Live, "with_bodies", lambda self, pages, swaps: {})
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    report = build(built)
    assert "load" in report.seconds
    assert UNLOADED not in (built.output / PAGE).read_text(encoding="utf-8")
    assert files(built.output) == _clean_build(built, tmp_path)


def test_a_body_missing_from_the_cache_gets_a_full_build(built, tmp_path):
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    for entry in built.cache.rglob("*"):  # the parse cache, not the record or the model
        if entry.is_file() and len(entry.name) == 64 and b"ngay-day-du.md" in entry.read_bytes():
            entry.unlink()
    report = build(built)
    assert "load" in report.seconds
    assert files(built.output) == _clean_build(built, tmp_path)


def test_an_edit_that_changes_no_page_keeps_the_index_without_a_swap(built):
    _edit(built.config, "search: false", "search: true")
    build(built)
    before = _shards(built)
    _edit(built.content / ARTICLE, "tags: [", "# a curator's note, not shown\ntags: [")
    report = build(built)
    assert _quick(report) and report.written == 0 and report.index == "kept" and "index" not in report.seconds
    assert _shards(built) == before and build(built).skipped


@pytest.mark.parametrize("delay", [1.0, 0.0])  # killed while saving / done saving when the build fails
def test_a_build_whose_index_fails_stops_saving_its_model_and_the_next_starts_over(built, tmp_path, monkeypatch, delay):
    """The model is saved by a process of its own while the pages and the search index are
    made, under a pending name; a failed build kills it or drops what it saved, leaving the
    last build's model as it was (no partial or pending file),
    and the next build, finding no model of its record's inputs, is a full build that ends
    like a clean one."""
    import os
    import time

    from archivist.incremental import savedmodel as live_module
    from archivist.model.errors import BuildFailed

    real_save = live_module.save_model
    saved_late = tmp_path / "saved-late"

    def save(live, store, inputs, name):  # in the saving process
        (store.root / name[:2] / f".{name}.{os.getpid()}").write_bytes(b"half a model")  # as Store.put_bytes does
        time.sleep(delay)  # still saving when the index fails, or not
        real_save(live, store, inputs, name=name)
        saved_late.touch()

    def fail(*args, **kwargs):
        raise BuildFailed([])

    _edit(built.config, "search: false", "search: true")
    build(built)
    models = {path: path.read_bytes() for path in built.cache.glob("*/*-model")}
    assert models
    monkeypatch.setattr(live_module, "save_model", save)
    monkeypatch.setattr(search, "build_index", fail)
    _edit(built.content / ARTICLE, "title: ", "title: Mới - ")
    with pytest.raises(BuildFailed):
        build(built)
    time.sleep(1.5)
    assert delay == 0 or not saved_late.exists()  # the saving process was stopped
    assert {path: path.read_bytes() for path in built.cache.glob("*/*-model")} == models
    assert not list(built.cache.glob("*/.*-model*")) and not list(built.cache.glob("*/*-pending"))
    monkeypatch.undo()
    _edit(built.content / ARTICLE, "1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài.")
    report = build(built)
    assert not _quick(report) and report.index == "rebuilt"
    pages = {path: data for path, data in files(built.output).items() if not path.startswith("pagefind/")}
    assert pages == {path: data for path, data in _clean_build(built, tmp_path).items() if not path.startswith("pagefind/")}
    assert build(built).skipped
