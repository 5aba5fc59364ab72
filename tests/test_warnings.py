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


STRAYS = ["UP.MD", "bai.markdown", "bai.md.txt", "bai.md ", "2019/ghi-chu"]
"""Files that look like articles (a Markdown name spelt otherwise, or front matter) but are not *.md."""


def _strays(site: Project) -> list[str]:
    return sorted(str(w) for w in build(site).warnings if "looks like an article" in str(w))


def test_files_that_look_like_articles_but_are_not_md_are_named_in_warnings(site):
    content = site.content
    (content / "2019").mkdir()
    for name in STRAYS:
        (content / name).write_text(ARTICLE, encoding="utf-8")
    (content / "cua-lo.md.txt").write_text(ARTICLE, encoding="utf-8")
    # not articles: a note, a YAML file, a picture, the importer's raw folder, a hidden file
    (content / "ghi-chu.txt").write_text("Hỏi lại tác giả về ngày đăng.\n", encoding="utf-8")
    (content / "nguon.yaml").write_text("---\nten: Báo Nghệ An\n", encoding="utf-8")
    (content / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (content / "_raw").mkdir()
    (content / "_raw" / "trang.txt").write_text(ARTICLE, encoding="utf-8")
    (content / ".bai.md.swp").write_text(ARTICLE, encoding="utf-8")
    expected = [
        'content/2019/ghi-chu: looks like an article but is not built: its name does not end in ".md"; '
        'rename it to "ghi-chu.md"',
        'content/UP.MD: looks like an article but is not built: its name ends in ".MD", not ".md"; rename it to "UP.md"',
        'content/bai.markdown: looks like an article but is not built: its name ends in ".markdown", not ".md"; '
        'rename it to "bai.md"',
        'content/bai.md : looks like an article but is not built: its name ends in ".md ", not ".md"; '
        'rename it to "bai.md"',
        'content/bai.md.txt: looks like an article but is not built: its name ends in ".md.txt", not ".md"; '
        'rename it to "bai.md"',
        'content/cua-lo.md.txt: looks like an article but is not built: its name ends in ".md.txt", not ".md"; '
        'content/cua-lo.md exists: merge the two, or remove this one',
    ]
    report = build(site)
    assert report.articles == 1
    assert _strays(site) == sorted(expected)  # a build with nothing changed says them again
    assert build(site).skipped
    (content / "bai.markdown").rename(content / "bai.md")  # renamed: built, and no longer a warning
    (content / "ghi-chu.txt").write_text(ARTICLE, encoding="utf-8")  # a note given front matter
    report = build(site)
    assert report.articles == 2 and not report.skipped
    now = [w.replace('rename it to "bai.md"', "content/bai.md exists: merge the two, or remove this one")
           for w in expected if "bai.markdown" not in w]
    assert _strays(site) == sorted([*now, 'content/ghi-chu.txt: looks like an article but is not built: its name '
                                          'ends in ".txt", not ".md"; rename it to "ghi-chu.md"'])


def test_a_stray_article_after_a_text_edit_is_still_named(site):
    """A text edit alone starts from the saved model; a stray added with it makes a full build."""
    build(site)
    (site.content / "cua-lo.md").write_text(ARTICLE.replace("đón khách", "đón nhiều khách"), encoding="utf-8")
    (site.content / "UP.MD").write_text(ARTICLE, encoding="utf-8")
    assert _strays(site) == ['content/UP.MD: looks like an article but is not built: its name ends in ".MD", '
                             'not ".md"; rename it to "UP.md"']
