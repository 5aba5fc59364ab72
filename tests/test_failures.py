"""A failure in any stage of a build, on any path, leaves output/ exactly as it was, and
the next build ends like a clean one."""

from __future__ import annotations

import errno

import pytest

from archivist.build import output, search
from archivist.model.errors import BuildFailed, Problem
from tests.golden import files
from tests.test_incremental import _clean_build, _edit
from tests.test_live import ARTICLE, project  # noqa: F401 (fixture)


def _pagefind_fails(*args, **kwargs):
    raise BuildFailed([Problem("pagefind", None, None, "search index of shard 2022: Pagefind exited with status 1")])


def _disk_full(path, data):
    raise OSError(errno.ENOSPC, "No space left on device", path)


FAILURES = {"pagefind fails": (search, "build_index", _pagefind_fails, BuildFailed),
            "disk full": (output, "_write", _disk_full, OSError)}
EDITS = {
    "text edit": ("1.500 hộ.", "1.500 hộ.\n\nĐoạn thêm ở cuối bài."),  # from the saved model
    "title edit": ("title: ", "title: Mới - "),  # a full build
}


@pytest.mark.parametrize("edit", EDITS)
@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_build_leaves_output_as_it_was(project, tmp_path, monkeypatch, failure, edit):
    _edit(project.config, "search: false", "search: true")
    from archivist.commands import build

    build(project)
    before = files(project.output)
    _edit(project.content / ARTICLE, *EDITS[edit])
    module, name, replacement, error = FAILURES[failure]
    with monkeypatch.context() as patch:
        patch.setattr(module, name, replacement)
        with pytest.raises(error):
            build(project)
    assert files(project.output) == before
    report = build(project)
    assert not report.skipped and report.index == "rebuilt"
    assert files(project.output) == _clean_build(project, tmp_path)
