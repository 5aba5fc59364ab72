"""Warnings across the published articles (issue 20 §5): a date later than today, an
article without text, two articles with the same title, date and place; each at its line,
failing --strict builds, never for a draft left out, and kept by a text edit's quick build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archivist.build.notices import still_due
from archivist.commands import Project, build
from archivist.model.errors import BuildFailed, Problem
from tests.golden import ROOT

TODAY = dt.date(2026, 12, 5)
PLACE = "tỉnh Điện Biên"  # a unit before and after 1 July 2025
BODY = "Tỉnh ủy triển khai nhiệm vụ năm mới.\n"


def write(project: Project, name: str, *, title: str = "Hội nghị triển khai nhiệm vụ", date: str | None = None,
          body: str = BODY, draft: bool = False) -> Path:
    lines = ["---", f"title: {title}"] + ([f"date: {date}"] if date else []) + [f"locality: {PLACE}"]
    path = project.content / name
    path.write_text("\n".join(lines + (["draft: true"] if draft else []) + ["---", body]), encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    return Project.at(tmp_path, templates=ROOT / "templates")


def warnings(project: Project, **options) -> list[str]:
    return [str(w) for w in build(project, today=TODAY, **options).warnings]


def test_a_date_later_than_today_is_a_warning(project):
    write(project, "ngay-mai.md", date="2026-12-06")
    write(project, "nam-sau.md", title="Bài khác", date="2027")
    write(project, "hom-nay.md", title="Bài hôm nay", date="2026-12-05")
    write(project, "nam-nay.md", title="Bài năm nay", date="2026")
    assert sorted(warnings(project)) == [
        "content/nam-sau.md:3: date: 2027 is later than today (2026-12-05); a publication date cannot be in the "
        "future: check it",
        "content/ngay-mai.md:3: date: 2026-12-06 is later than today (2026-12-05); a publication date cannot be in "
        "the future: check it"]
    assert build(project, today=dt.date(2027, 1, 1)).warnings == ()


def test_an_article_without_text_is_a_warning(project):
    write(project, "trong.md", body="\n  \n")
    assert warnings(project) == ["content/trong.md:4: the article has no text: write it below this line"]


def test_the_same_title_date_and_place_twice_is_one_warning_naming_both(project):
    write(project, "a.md", date="2023-06-01")
    write(project, "b.md", title="HỘI NGHỊ  triển khai nhiệm vụ", date="2023-06-01")
    write(project, "c.md", date="2023-06-02")  # another date: another article
    write(project, "d.md", date="2023-06-01")
    assert warnings(project) == [
        "content/a.md:2: title: the same title, date and place as content/b.md, content/d.md: the same article "
        "twice? keep one, or tell them apart"]


def test_these_warnings_fail_a_strict_build_but_not_for_a_draft_left_out(project):
    write(project, "a.md", date="2023-06-01")
    write(project, "nhap.md", date="2023-06-01", draft=True)  # a duplicate draft, left out
    write(project, "nhap-trong.md", title="Bản nháp", body="", draft=True)
    assert warnings(project, strict=True) == ["content/nhap-trong.md:5: the article has no text: write it below this line"]
    with pytest.raises(BuildFailed) as failed:
        build(project, today=TODAY, strict=True, drafts=True)
    assert {p.path for p in failed.value.problems} == {"content/a.md", "content/nhap-trong.md"}
    write(project, "a.md", date="2027-01-01")
    with pytest.raises(BuildFailed, match="later than today"):
        build(project, today=TODAY, strict=True)


def test_a_text_edit_keeps_the_warnings_about_its_article(project):
    write(project, "a.md", date="2023-06-01")
    write(project, "b.md", date="2023-06-01")
    first = build(project)
    assert len(first.warnings) == 1
    write(project, "a.md", date="2023-06-01", body=BODY + "\nMột đoạn thêm.\n")
    edited = build(project)
    assert "load" not in edited.seconds  # the quick path: from the saved model, not the whole archive
    assert sorted(map(str, edited.warnings)) == sorted(map(str, first.warnings))


def test_a_text_edit_warns_about_dates_as_of_the_builds_today(project):
    """The quick path (from the saved model) tells an edited article's future date as of the
    build's ``today``, as the full build does, never as of the machine's day."""
    past = dt.date(2001, 1, 1)  # the articles' dates are later than it, earlier than the machine's day
    write(project, "a.md", date="2020-03-01")
    write(project, "b.md", title="Bài khác", date="2020-03-02")
    first = [str(w) for w in build(project, today=past).warnings]
    assert len(first) == 2 and all("later than today (2001-01-01)" in w for w in first)
    write(project, "a.md", date="2020-03-01", body=BODY + "\nMột đoạn thêm.\n")
    edited = build(project, today=past)
    assert "load" not in edited.seconds  # the quick path
    assert sorted(map(str, edited.warnings)) == sorted(first)
    # kept by a build that finds nothing changed, until the day each date stops being in the future
    assert [w.path for w in build(project, today=dt.date(2020, 3, 1)).warnings] == ["content/b.md"]
    assert build(project, today=dt.date(2020, 3, 2)).warnings == ()


def test_a_kept_warning_lapses_by_its_day_not_by_its_text():
    kept = (Problem("content/a.md", 3, "date", "any words", lapses=dt.date(2020, 3, 2)),
            Problem("content/b.md", 2, "title", "the same title, date and place as content/c.md"))
    assert still_due(kept, dt.date(2020, 3, 1)) == kept
    assert still_due(kept, dt.date(2020, 3, 2)) == kept[1:]
