"""Sites that must fail: every problem reported as path:line: field: message, output untouched.

Each folder in fixtures/invalid/ holds a site and expected.txt with the exact lines.
"""

from pathlib import Path

import pytest

from archivist.model.errors import BuildFailed
from archivist.commands import Project, build
from tests.golden import ROOT

INVALID = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> Path:
    """A good build, standing in for the last good output/ of every failing build."""
    out = tmp_path_factory.mktemp("prev") / "output"
    build(Project.at(ROOT / "tests" / "fixtures" / "archive", templates=ROOT / "templates", output=out),
          search_index=False)
    return out


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_fails_with_expected_problems(case, previous_output):
    site = INVALID / case
    expected = (site / "expected.txt").read_text(encoding="utf-8").splitlines()
    before = snapshot(previous_output)
    with pytest.raises(BuildFailed) as failed:
        build(Project.at(site, templates=ROOT / "templates", output=previous_output))
    assert [str(p) for p in failed.value.problems] == expected
    assert snapshot(previous_output) == before


def test_every_case_has_expectations():
    assert len(CASES) >= 15
    for case in CASES:
        assert (INVALID / case / "expected.txt").is_file(), case


def test_cli_reports_problems_and_exits_1(capsys):
    from build import main

    code = main(["--root", str(INVALID / "impossible-date"), "--templates", str(ROOT / "templates"),
                 "--output", str(ROOT / "tests" / "fixtures" / "never-written")])
    err = capsys.readouterr().err
    assert code == 1
    assert 'content/a.md:3: date: "31/02/2020" looks like DD/MM/YYYY, but 2020-02 has no day 31' in err
    assert "build failed: 3 problems; output/ was not changed" in err
    assert not (ROOT / "tests" / "fixtures" / "never-written").exists()


@pytest.mark.parametrize("content", ["contnet", "site.yaml", None])
def test_a_missing_or_wrong_content_folder_fails_and_leaves_output(content, tmp_path, capsys):
    """A mistyped --content (or a content/ moved away) is a problem, never an empty site
    published over the last one."""
    import shutil

    from build import main

    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "archive", root)
    options = ["--root", str(root), "--templates", str(ROOT / "templates"), "--no-search", "-q"]
    assert main(options) == 0
    before = snapshot(root / "output")
    if content is None:
        (root / "content").rename(root / "content.bak")
        shown = "content/: no such folder"
    else:
        options += ["--content", str(root / content)]
        shown = f"{content}/: no such folder" if content == "contnet" else f"{content}: not a folder"
    capsys.readouterr()
    assert main(options) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{shown}: the articles are read from "), err
    assert "output/ was not changed" in err
    assert snapshot(root / "output") == before


def test_an_empty_content_folder_is_an_empty_archive(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    report = build(Project.at(tmp_path, templates=ROOT / "templates"))
    assert report.articles == 0 and (tmp_path / "output" / "index.html").is_file()
