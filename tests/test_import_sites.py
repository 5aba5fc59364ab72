"""A site's name learnt from the archive (issue 20 §1, sources): once a curator has reviewed an article
from a site whose own name no page prints (a magazine, a company, an association named by its logo), the
next pages imported from that site are named as the curator named it, with a note to check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist.importer.archive import Archive
from archivist.importer.drafts import import_files
from archivist.importer.extract import extract_text
from archivist.importer.publishers import site_host
from archivist.model.places import gazetteer

PAGE = ("Tập huấn kỹ thuật trồng lúa hữu cơ cho nông dân xã Cam Thành\n"
        "12/03/2023 08:30\n"
        "Sáng 12/3, Hội Nông dân xã Cam Thành, huyện Cam Lộ tổ chức tập huấn kỹ thuật trồng lúa hữu cơ cho hơn "
        "một trăm hội viên. Các học viên được hướng dẫn cách ủ phân vi sinh, quản lý sâu bệnh bằng biện pháp sinh học "
        "và ghi chép nhật ký đồng ruộng để truy xuất nguồn gốc sản phẩm.\n"
        "Minh Anh\n")
SITE = "https://www.nongnghiepxanh-example.vn"


def reviewed(content: Path, name: str, source: str, *, url: str = SITE, page: str = f"{SITE}/tin/1.html",
             draft: bool = False) -> None:
    lines = ["---", f"title: Bài {name}", "date: 2023-03-01", "locality: xã Cam Thành, huyện Cam Lộ, tỉnh Quảng Trị",
             *(["draft: true"] if draft else []), "source:", f"  name: {source}", f"  url: {url}",
             "provenance:", f"  url: {page}", "---", "", f"Nội dung bài {name} về hoạt động của hội nông dân xã."]
    (content / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    return tmp_path / "content"


def imported_source(content: Path, tmp_path: Path) -> tuple[str | None, list[str]]:
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE, encoding="utf-8")
    report = import_files([raw], content, url=f"{SITE}/tin/2.html")
    assert report.written and not report.problems, report.problems
    text = report.written[0].read_text(encoding="utf-8")
    name = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("  name:")), None)
    return name, [line for line in text.splitlines() if "reviewed articles" in line]


def test_the_next_page_from_a_site_is_named_as_the_curator_named_it(content, tmp_path):
    assert extract_text(PAGE, gazetteer(), url=f"{SITE}/tin/2.html").source.name is None  # nothing to go by
    reviewed(content, "a", "Tạp chí Nông nghiệp Xanh")
    name, notes = imported_source(content, tmp_path)
    assert name == "Tạp chí Nông nghiệp Xanh" and notes
    # on its mobile host too
    draft = extract_text(PAGE, gazetteer(), url="https://m.nongnghiepxanh-example.vn/tin/3.html",
                         sites=Archive.read(content).site_names())
    assert draft.source.name == "Tạp chí Nông nghiệp Xanh"


def test_drafts_and_articles_credited_to_another_paper_teach_nothing(content, tmp_path):
    reviewed(content, "a", "Tạp chí Nông nghiệp Xanh", draft=True)  # not reviewed yet
    reviewed(content, "b", "Báo Quảng Trị", url="https://baoquangtri.vn")  # a copy of another paper's article
    assert Archive.read(content).site_names() == {}
    name, notes = imported_source(content, tmp_path)
    assert name is None and not notes


def test_the_name_most_reviewed_articles_give_wins_and_a_page_naming_its_source_keeps_it(content, tmp_path):
    reviewed(content, "a", "Tạp chí Nông nghiệp Xanh")
    reviewed(content, "b", "Tạp chí Nông nghiệp Xanh", page=f"{SITE}/tin/7.html")
    reviewed(content, "c", "Nông nghiệp Xanh", page=f"{SITE}/tin/8.html")
    assert Archive.read(content).site_names() == {"nongnghiepxanh-example.vn": "Tạp chí Nông nghiệp Xanh"}
    draft = extract_text(PAGE + "Theo Báo Quảng Trị\n", gazetteer(), url=f"{SITE}/tin/2.html",
                         sites={"nongnghiepxanh-example.vn": "Tạp chí Nông nghiệp Xanh"})
    assert draft.source.name == "Báo Quảng Trị"


def test_a_sites_host_leaves_out_www_and_m_but_not_a_sub_site():
    assert site_host("https://www.baoquangtri.vn/x") == site_host("https://m.baoquangtri.vn/") == "baoquangtri.vn"
    assert site_host("https://camlo.quangtri.gov.vn/x") == "camlo.quangtri.gov.vn"
    assert site_host("http://m.vn/x") == "m.vn"
