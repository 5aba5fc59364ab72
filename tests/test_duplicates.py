"""Duplicates caught at import (issue 20 §3): a page the archive already has (the same
address; the same title, date and place; or the same text) is refused naming the article,
nothing written; ``--allow-duplicate`` writes it as a draft marked ``duplicate_of``."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from archivist.build.content import parse_article
from archivist.commands import Project, build
from archivist.importer import archive as archive_module
from archivist.importer.archive import Archive
from archivist.importer.drafts import import_files
from archivist.importer.duplicates import MIN_SHINGLES, SIMILAR, article_url, passages, shingles, similarity
from archivist.importer.extract import extract_text
from archivist.model.places import gazetteer
from tests.golden import ROOT
from tests.test_import import FIXTURES, SEED_TABLE, SEEDS

SEEDS = SEEDS if SEEDS.is_dir() else Path("/work/shared/seeds")  # a worktree beside the project

PAGE = FIXTURES / "bao-tinh-quang-tri.txt"
"""A provincial paper's page: "Xã Cam Thành về đích nông thôn mới nâng cao", 18/05/2023, xã Cam Thành."""
TITLE = "Xã Cam Thành về đích nông thôn mới nâng cao"
PLACE = "xã Cam Thành, huyện Cam Lộ, tỉnh Quảng Trị"
OTHER_TEXT = ("Hội Nông dân huyện tổ chức tập huấn kỹ thuật trồng lúa hữu cơ cho hơn một trăm hội viên. "
              "Các học viên được hướng dẫn cách ủ phân vi sinh, quản lý sâu bệnh bằng biện pháp sinh học "
              "và ghi chép nhật ký đồng ruộng để truy xuất nguồn gốc sản phẩm.\n")


def article(content: Path, name: str, *, title: str, body: str, date: str | None = None,
            locality: str = PLACE, url: str | None = None) -> Path:
    lines = ["---", f"title: {title}"] + ([f"date: {date}"] if date else []) + [f"locality: {locality}"]
    if url:
        lines += ["source:", "  name: Báo Quảng Trị", f"  url: {url}"]
    path = content / name
    path.write_text("\n".join(lines + ["---", "", body]), encoding="utf-8")
    return path


def page_body() -> str:
    return extract_text(PAGE.read_text(encoding="utf-8"), gazetteer()).body


def edited(text: str, share: float, seed: int = 1) -> str:
    """``text`` with about ``share`` of its words replaced by others of it."""
    rng = random.Random(seed)
    words = re.findall(r"\w+", text)
    return "".join(rng.choice(words) if t.strip() and rng.random() < share else t for t in re.split(r"(\s+)", text))


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    return tmp_path / "content"


def written_files(content: Path) -> list[str]:
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file())


# --- the sample --------------------------------------------------------------------------------------

def test_importing_the_samples_raw_pages_into_the_sample_makes_no_new_article(tmp_path, capsys):
    from build import main

    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "site.yaml").write_bytes((ROOT / "site.yaml").read_bytes())
    before = written_files(tmp_path / "content")
    seeds = sorted(SEEDS.glob("*.txt"))
    assert main(["import", "--root", str(tmp_path), *map(str, seeds)]) == 1
    err = capsys.readouterr().err
    assert written_files(tmp_path / "content") == before  # no draft, no kept raw page
    for seed in seeds:
        curated = f"content/{SEED_TABLE[seed.name][0]}"
        assert f"{seed}: already in the archive as {curated} (" in err
    assert err.count("nothing written (--allow-duplicate imports it anyway") == len(seeds)
    # 001's curated date (2020) is the curator's inference, the page states none: caught by its text
    assert "dang-bo-thanh-pho-lai-chau-tich-cuc-hoc-tap-va-lam-theo-bac.md (the same text: 100%" in err
    assert "lan-toa-hoc-va-lam-theo-bac-tai-dang-bo-tp-dien-bien-phu.md (the same title, date and place)" in err


# --- each rule ---------------------------------------------------------------------------------------

def test_the_same_address_is_a_duplicate(content):
    article(content, "khac.md", title="Tập huấn trồng lúa hữu cơ", body=OTHER_TEXT,
            url="https://baoquangtri.vn/xa-cam-thanh-ve-dich-123.htm")
    report = import_files([PAGE], content, url="http://www.baoquangtri.vn/xa-cam-thanh-ve-dich-123.htm/#top")
    assert report.written == [] and written_files(content) == ["khac.md"]
    [problem] = report.problems
    assert str(problem) == (f"{PAGE}: already in the archive as content/khac.md (the same address, "
                            "baoquangtri.vn/xa-cam-thanh-ve-dich-123.htm); nothing written (--allow-duplicate "
                            "imports it anyway, as a draft marked duplicate_of)")


def test_a_sites_home_page_is_no_article_address(content):
    article(content, "khac.md", title="Tập huấn trồng lúa hữu cơ", body=OTHER_TEXT, url="http://baoquangtri.vn")
    report = import_files([PAGE], content, url="https://baoquangtri.vn/")
    assert not report.problems and len(report.written) == 1
    assert article_url("http://baoquangtri.vn/") is None and article_url("https://x.vn/?id=7") == "x.vn?id=7"
    assert article_url("ftp://x.vn/a") is None and article_url(None) is None


def test_the_same_title_date_and_place_is_a_duplicate(content):
    article(content, "cam-thanh.md", title=TITLE.upper(), date="2023-05-18", body=OTHER_TEXT)
    report = import_files([PAGE], content)
    assert report.written == []
    assert "already in the archive as content/cam-thanh.md (the same title, date and place)" in str(report.problems[0])


def test_the_same_title_on_another_date_is_not_a_duplicate(content):
    article(content, "cam-thanh-2022.md", title=TITLE, date="2022-05-18", body=OTHER_TEXT)
    article(content, "cam-thanh-khac-xa.md", title=TITLE, date="2023-05-18", body=OTHER_TEXT,
            locality="xã Cam Hiếu, huyện Cam Lộ, tỉnh Quảng Trị")
    report = import_files([PAGE], content)
    assert not report.problems and len(report.written) == 1


@pytest.mark.parametrize("title, date, locality, same", [
    (TITLE.upper().replace(" ", "  ", 1), "2023-05-18", PLACE, True),  # case and spacing aside
    (TITLE, "2023-05-18", "xã Cam Thành, tỉnh Quảng Trị", True),  # the same place, written otherwise
    (TITLE, "2023-05", PLACE, False),  # a date to the month is another date
    (TITLE, "2023-05-18", "xã Cam Hiếu, huyện Cam Lộ, tỉnh Quảng Trị", False),
])
def test_the_build_and_the_importer_tell_the_same_story_alike(tmp_path, title, date, locality, same):
    """One rule (model.stories.story_key): the build warns about two published articles of
    the story an import refuses as already in the archive, and about no others."""
    content = tmp_path / "content"
    content.mkdir()
    article(content, "co-san.md", title=title, date=date, locality=locality, body=OTHER_TEXT)
    report = import_files([PAGE], content)
    assert any("(the same title, date and place)" in str(p) for p in report.problems) is same
    for written in report.written:
        written.unlink()
    article(content, "trang.md", title=TITLE, date="2023-05-18", body=page_body())  # the page, curated
    (tmp_path / "site.yaml").write_text("search: false\n", encoding="utf-8")
    built = build(Project.at(tmp_path, templates=ROOT / "templates"), today=dt.date(2024, 1, 1))
    assert [w.field for w in built.warnings] == (["title"] if same else [])


def test_a_near_duplicate_with_small_edits_is_caught_by_its_text(content):
    body = page_body()
    article(content, "ban-sua.md", title="Cam Thành hoàn thành 19 tiêu chí", body=edited(body, 0.03))
    report = import_files([PAGE], content)
    assert report.written == []
    message = str(report.problems[0])
    assert "already in the archive as content/ban-sua.md (the same text: " in message
    assert int(re.search(r"(\d+)% of their 5-word sequences", message)[1]) >= SIMILAR * 100


def test_different_texts_on_one_topic_are_not_duplicates(content):
    """The sample's five articles share stock phrases (one topic), far below the threshold."""
    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in sorted((ROOT / "content").glob("*.md"))]
    scores = [similarity(shingles(a), shingles(b)) for i, a in enumerate(bodies) for b in bodies[i + 1:]]
    assert max(scores) < SIMILAR / 5
    assert similarity(shingles(bodies[0]), shingles(edited(bodies[0], 0.03))) > SIMILAR
    assert similarity(shingles("một hai ba bốn năm sáu"), shingles("một hai ba bốn năm sáu")) == 0  # too short
    assert len(shingles(" ".join(f"từ{i}" for i in range(MIN_SHINGLES + 4)))) == MIN_SHINGLES


def test_passages_ignore_spacing_case_quotes_and_markup():
    a = "Đảng bộ phường “Thanh Trường” triển khai nhiệm vụ năm 2023. Người dân đồng tình ủng hộ chủ trương."
    b = "ĐẢNG BỘ phường \"Thanh  Trường\" triển khai\nnhiệm vụ năm 2023 . **Người dân** đồng tình ủng hộ chủ trương!"
    assert passages(a) == passages(b) and len(passages(a)) == 2


# --- allowed, within a batch, the cache -------------------------------------------------------------

def test_allow_duplicate_writes_a_marked_draft_that_builds(content):
    existing = article(content, "cam-thanh.md", title=TITLE, date="2023-05-18", body=OTHER_TEXT)
    report = import_files([PAGE], content, allow_duplicate=True)
    assert not report.problems
    [draft] = report.written
    assert report.duplicates[0][0] == draft and report.duplicates[0][1].path == "content/cam-thanh.md"
    meta = yaml.safe_load(draft.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["draft"] is True and meta["provenance"]["duplicate_of"] == existing.name
    assert meta["review"][0] == ("duplicate: the archive already has this page as content/cam-thanh.md "
                                 "(the same title, date and place); keep one of them")
    rel = draft.relative_to(content).as_posix()
    parsed, warnings = parse_article(rel, f"content/{rel}", draft.read_bytes(), gazetteer())
    assert parsed.draft and any("duplicate: the archive already has" in w.message for w in warnings)


def test_bad_duplicate_of_is_reported():
    from archivist.model.errors import BuildFailed

    text = f"---\ntitle: x\nlocality: {PLACE}\nprovenance:\n  duplicate_of: ../x.md\n---\nNội dung.\n"
    with pytest.raises(BuildFailed) as failed:
        parse_article("x.md", "content/x.md", text.encode(), gazetteer())
    assert [str(p) for p in failed.value.problems] == [
        "content/x.md:5: provenance.duplicate_of: expected a path inside the content folder"]


def test_a_copy_in_the_same_batch_is_refused_naming_the_first(content, tmp_path):
    copy = tmp_path / "ban-chep.txt"
    copy.write_text(PAGE.read_text(encoding="utf-8").replace("Chia sẻ Facebook Zalo", "Bản in"), encoding="utf-8")
    report = import_files([PAGE, copy], content)
    [first] = report.written
    assert f"{copy}: already in the archive as content/{first.name} (the same title, date and place)" \
        in str(report.problems[0])


def test_records_are_kept_in_the_cache_by_stat(content, tmp_path, monkeypatch):
    cache = tmp_path / ".cache"
    article(content, "mot.md", title="Một", body=OTHER_TEXT)
    article(content, "hai.md", title="Hai", body=page_body())
    Archive.read(content, "content", cache).save()
    read: list[str] = []
    original = archive_module._record
    monkeypatch.setattr(archive_module, "_record", lambda c, rel, d: read.append(rel) or original(c, rel, d))
    again = Archive.read(content, "content", cache)
    assert read == [] and sorted(again.records) == ["hai.md", "mot.md"]
    article(content, "mot.md", title="Một, sửa lại", body=OTHER_TEXT)
    (content / "hai.md").unlink()
    edited_archive = Archive.read(content, "content", cache)
    assert read == ["mot.md"] and list(edited_archive.records) == ["mot.md"]
    assert edited_archive.records["mot.md"][1].story.title == "một, sửa lại"
    # an import keeps the draft it wrote in the cache: the next import, from the cache, knows it
    [draft] = import_files([PAGE], content, cache=cache).written
    copy = tmp_path / "ban-chep.txt"
    copy.write_text(PAGE.read_text(encoding="utf-8") + "\nBản in\n", encoding="utf-8")
    read.clear()
    report = import_files([copy], content, cache=cache)
    assert read == [] and f"already in the archive as content/{draft.name}" in str(report.problems[0])
