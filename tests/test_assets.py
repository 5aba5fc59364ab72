"""asset(name) of a file that templates/static/ does not hold fails the build, at the
template's line, on every path: a full build, one after a successful build (whose pages
might be kept) and one that would start from the saved model."""

from __future__ import annotations


import pytest

from archivist.commands import Project, build
from archivist.model.errors import BuildFailed
from tests.test_incremental import _edit
from tests.test_invalid import snapshot


@pytest.fixture()
def site(built_copy) -> Project:
    """The fixture archive with its own templates, built once."""
    return built_copy


def _fails(project: Project, *expected: str) -> None:
    before = snapshot(project.output)
    with pytest.raises(BuildFailed) as failed:
        build(project)
    assert [str(p) for p in failed.value.problems] == list(expected)
    assert snapshot(project.output) == before


def test_a_deleted_asset_fails_the_next_build(site):
    (site.templates / "static" / "style.css").unlink()
    _fails(site, 'templates/base.html:20: asset "style.css" not found in templates/static/')


def test_a_deleted_asset_fails_a_build_after_a_text_edit(site):
    """A text edit alone starts from the saved model; the asset deleted too makes it a full build."""
    (site.templates / "static" / "favicon.svg").unlink()
    _edit(site.content / "chi-co-thang.md", "1.500 hộ", "1.600 hộ")
    _fails(site, 'templates/base.html:19: asset "favicon.svg" not found in templates/static/')


def test_an_unknown_asset_names_the_template_and_line_and_the_nearest_asset(site):
    _edit(site.templates / "base.html", "{{ asset('style.css') }}", "{{ asset('nope.css') }}")
    _fails(site, 'templates/base.html:20: asset "nope.css" not found in templates/static/')
    _edit(site.templates / "base.html", "{{ asset('nope.css') }}", "{{ asset('styles.css') }}")
    _fails(site, 'templates/base.html:20: asset "styles.css" not found in templates/static/; did you mean "style.css"?')


def test_every_asset_link_carries_its_version(site):
    page = (site.output / "index.html").read_text(encoding="utf-8")
    assert 'href="static/style.css?v=' in page and 'href="static/favicon.svg?v=' in page
