"""Warnings: places reached through a former unit's name build, are reported, and --strict fails."""

import pytest

from archivist.errors import BuildFailed
from archivist.pipeline import Project, build
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
