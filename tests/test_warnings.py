"""Warnings: places reached through a former unit's name build, are reported, and --strict fails."""

from importlib.metadata import version

import pytest

from archivist.model.errors import BuildFailed
from archivist.commands import Project, build
from tests.golden import ROOT

ARTICLE = """---
title: Bài về thị xã Cửa Lò
date: 2019-05-02
locality: thị xã Cửa Lò, tỉnh Nghệ An
---
Cửa Lò đón khách du lịch.
"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "cua-lo.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    return Project.at(tmp_path, templates=ROOT / "templates")


def test_former_unit_is_filed_under_its_successor_with_a_warning(site):
    report = build(site)
    assert [str(w) for w in report.warnings] == [
        "content/cua-lo.md:4: locality: thị xã Cửa Lò is a former unit, merged into or "
        "renamed as thành phố Vinh, tỉnh Nghệ An; filed under it"]
    assert (site.output / "dia-phuong" / "nghe-an" / "vinh" / "index.html").is_file()


def test_strict_turns_warnings_into_a_failed_build(site):
    with pytest.raises(BuildFailed) as failed:
        build(site, strict=True)
    assert "is a former unit" in str(failed.value)
    assert not site.output.exists()


def test_cli_prints_warnings(site, capsys):
    from build import main

    assert main(["--root", str(site.root), "--templates", str(site.templates), "-q"]) == 0
    assert "warning: content/cua-lo.md:4: locality: thị xã Cửa Lò" in capsys.readouterr().err
    assert main(["--root", str(site.root), "--templates", str(site.templates), "--strict"]) == 1


DRAFT = """---
title: Bản nháp nhập từ trang gốc
locality: tỉnh Điện Biên
review:
  - "date: trang không ghi ngày đăng"
provenance:
  raw: _raw/abc.txt
  sha256: "%s"
  retrieved: 2026-11-20
  url: https://example.org/bai
  removed: [Phản hồi]
---
Nội dung.
"""


def test_drafts_with_review_items_warn_and_fail_under_strict(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "nhap.md").write_text(DRAFT % ("a" * 64), encoding="utf-8")
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    project = Project.at(tmp_path, templates=ROOT / "templates")
    assert [str(w) for w in build(project).warnings] == [
        "content/nhap.md:4: review: draft still to review (1 item): date: trang không ghi ngày đăng"]
    with pytest.raises(BuildFailed):
        build(project, strict=True)


def test_bad_provenance_is_reported_with_its_field(tmp_path):
    (tmp_path / "content").mkdir()
    bad = DRAFT.replace("2026-11-20", "2026-13-01").replace("https://example.org/bai", "ftp://x") % "xyz"
    (tmp_path / "content" / "nhap.md").write_text(bad, encoding="utf-8")
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(Project.at(tmp_path, templates=ROOT / "templates"))
    assert [str(p) for p in failed.value.problems] == [
        "content/nhap.md:8: provenance.sha256: expected the 64 hex digits of a SHA-256",
        'content/nhap.md:9: provenance.retrieved: "2026-13-01": there is no month 13 (use YYYY-MM-DD)',
        'content/nhap.md:10: provenance.url: expected a web address, got "ftp://x"',
    ]


def test_the_command_line_explains_itself(capsys):
    """--help lists the other commands, --version answers on every command, and a mistyped
    command is named with the one meant (exit 2, nothing built)."""
    from build import main

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "other commands: build.py serve, build.py check, build.py import, build.py new" in capsys.readouterr().out
    for command in ([], ["serve"], ["check"], ["import"], ["new"]):
        with pytest.raises(SystemExit) as done:
            main([*command, "--version"])
        assert done.value.code == 0
        assert capsys.readouterr().out.strip() == " ".join(["build.py", *command, version("archivist")])
    for typed, meant in (("serv", "serve"), ("chek", "check"), ("imprt", "import"), ("buidl", "build")):
        assert main([typed, "--root", "/nonexistent"]) == 2
        assert capsys.readouterr().err.strip() == f"build.py: unknown command `{typed}`; did you mean `{meant}`?"
    assert main(["publish"]) == 2
    assert "the commands are build, serve, check, import, new" in capsys.readouterr().err
