"""A template that fails while rendering, whatever raised (Jinja, an expression, a filter,
the project's own helpers): one problem ``templates/NAME:LINE: message (rendering /page,
from source)`` naming the innermost template, on every path (full build, a text edit from
the saved model, serve's quick edit), and output/ left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archivist.build.store import Store
from archivist.commands import Project, build
from archivist.model.errors import BuildFailed
from archivist.preview.quickedit import quick_edit
from tests.golden import FIXTURE, ROOT
from tests.test_incremental import _edit
from tests.test_invalid import snapshot

HEADING = "  <h1 data-pagefind"
"""Where article.html gets the failing expression: on a line of its own before the title."""

CASES = [
    # (template, text replaced, its replacement holding the failing expression, message)
    ("article.html", HEADING, "{{ 1/0 }}\n" + HEADING, "ZeroDivisionError: division by zero"),
    ("article.html", HEADING, '{{ "x" + 1 }}\n' + HEADING, 'TypeError: can only concatenate str (not "int") to str'),
    ("article.html", HEADING, "{{ article.title | truncate(-5) }}\n" + HEADING,
     "AssertionError: expected length >= 3, got -5"),
    ("article.html", HEADING, "{{ undefined_var }}\n" + HEADING, "'undefined_var' is undefined"),
    # the project's helpers: an undefined argument is named, a wrong one is a TypeError/ValueError
    ("article.html", HEADING, "{{ url(article.nope) }}\n" + HEADING,
     "'archivist.model.records.Article object' has no attribute 'nope'"),
    ("article.html", HEADING, "{{ url(1) }}\n" + HEADING, "TypeError: no route for 1"),
    ("article.html", HEADING, '{{ "x" | number }}\n' + HEADING, "ValueError: Cannot specify ',' with 's'."),
    ("article.html", HEADING, '{% include "khong-co.html" %}\n' + HEADING,
     "no template 'khong-co.html' in the templates folder"),
    # in an imported macro, and in the list item's macro the project renders once per article
    ("_macros.html", '<time datetime="{{ d.iso }}">', '<time datetime="{{ d.iso + 1 }}">',
     'TypeError: can only concatenate str (not "int") to str'),
    ("_article_item.html", "<h3>", "<h3>{{ 1/0 }}", "ZeroDivisionError: division by zero"),
]


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    """The fixture archive with its own templates, built once: the last good output/."""
    root = tmp_path_factory.mktemp("errors")
    shutil.copytree(FIXTURE, root / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    shutil.copytree(ROOT / "templates", root / "templates")
    project = Project.at(root / "site", templates=root / "templates")
    build(project, search_index=False)
    return project


@pytest.mark.parametrize("name, old, new, message", CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in CASES])
def test_a_template_error_names_the_template_and_line(site, name, old, new, message):
    template = site.templates / name
    original = template.read_bytes()
    before = snapshot(site.output)
    _edit(template, old, new)
    try:
        with pytest.raises(BuildFailed) as failed:
            build(site, search_index=False)
        line = _line(template, new.splitlines()[0])
    finally:
        template.write_bytes(original)
    problem = failed.value.problems[0]
    assert (problem.path, problem.line, problem.field) == (f"templates/{name}", line, None)
    assert problem.message.startswith(f"{message} (rendering /"), problem.message
    assert ", from " in problem.message
    assert snapshot(site.output) == before


def test_the_command_line_says_it_without_a_traceback_and_exits_1(site, capsys):
    from build import main

    template = site.templates / "article.html"
    original = template.read_bytes()
    before = snapshot(site.output)
    _edit(template, HEADING, "{{ 1/0 }}\n" + HEADING)
    try:
        code = main(["--root", str(site.root), "--templates", str(site.templates), "--no-search", "-q"])
    finally:
        template.write_bytes(original)
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert f"templates/article.html:{_line(template, HEADING)}: ZeroDivisionError: division by zero (rendering /bai-viet/" in err
    assert "build failed: 1 problem; output/ was not changed" in err
    assert snapshot(site.output) == before


BOOM = "BÙM"
FAILS_ON_BOOM = f'{{% if "{BOOM}" in article.body_html %}}{{{{ 1/0 }}}}{{% endif %}}\n' + HEADING
"""A template that fails only on an article whose text says BOOM: a text edit makes it fail."""
ARTICLE = "chi-co-thang.md"


@pytest.fixture()
def fragile(tmp_path) -> Project:
    """The fixture archive built with FAILS_ON_BOOM (no article says it yet)."""
    shutil.copytree(FIXTURE, tmp_path / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    _edit(tmp_path / "templates" / "article.html", HEADING, FAILS_ON_BOOM)
    return Project.at(tmp_path / "site", templates=tmp_path / "templates")


def _expect_located(failed: pytest.ExceptionInfo, project: Project) -> None:
    [problem] = failed.value.problems
    assert str(problem) == (f"templates/article.html:{_line(project.templates / 'article.html', BOOM)}: "
                            "ZeroDivisionError: division by zero (rendering /bai-viet/chi-co-thang/, "
                            f"from content/{ARTICLE})")


def test_a_text_edit_from_the_saved_model_that_fails_a_template_is_located(fragile):
    build(fragile, search_index=False)
    before = snapshot(fragile.output)
    _edit(fragile.content / ARTICLE, "1.500 hộ.", f"1.500 hộ. {BOOM}")
    with pytest.raises(BuildFailed) as failed:
        build(fragile, search_index=False)
    _expect_located(failed, fragile)
    assert snapshot(fragile.output) == before


def test_a_quick_edit_that_fails_a_template_is_left_to_the_full_build_which_locates_it(fragile):
    memory: dict = {}
    build(fragile, search_index=False, memory=memory)
    before = snapshot(fragile.output)
    _edit(fragile.content / ARTICLE, "1.500 hộ.", f"1.500 hộ. {BOOM}")
    assert quick_edit(memory, Store(fragile.cache, memory), [fragile.content / ARTICLE]) is None
    assert snapshot(fragile.output) == before
    with pytest.raises(BuildFailed) as failed:
        build(fragile, search_index=False, memory=memory)
    _expect_located(failed, fragile)
    assert snapshot(fragile.output) == before
