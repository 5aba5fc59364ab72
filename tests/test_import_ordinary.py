"""Ordinary pages the importer's address and credit rules must leave alone (issue 20 §1): a section's folder
is no sub-site, a report is no paper, a sentence in the text is no credit, a site's name in capitals is no
desk's initials, a subheading is no end of the article, and a name the text gives is not replaced by one
from the address. Each page is written for the rule it tests.
"""

from __future__ import annotations

import pytest

from archivist.importer.extract import extract_text
from archivist.importer.sources import _with_its_unit, name_for_url, portal_name
from archivist.model.places import gazetteer

TITLE = "Huyện tổ chức hội thi ảnh đẹp quê hương năm 2023"
LEAD = ("Sáng 12/6, Trung tâm Văn hóa huyện tổ chức lễ trao giải hội thi ảnh đẹp quê hương năm 2023, thu hút hơn 120 "
        "tác phẩm của 45 tác giả trong và ngoài huyện tham gia.")
MORE = ("Ban tổ chức đã trao 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 5 giải Khuyến khích cho các tác phẩm xuất sắc, "
        "phản ánh sinh động vẻ đẹp quê hương, con người và sự đổi thay của các xã trên địa bàn.")


def page(*lines: str, url: str | None = None):
    return extract_text("\n".join((TITLE, "13/06/2023", LEAD, *lines, MORE, "Nguyễn Văn An")), gazetteer(), url=url)


@pytest.mark.parametrize("url", ["http://site.vn/tin/1.html", "http://www.site.vn/a", "http://gov.vn"])
def test_an_address_of_no_label_names_nothing(url):
    assert name_for_url(url) == (None, True)


def test_a_credit_inside_the_text_is_the_texts_own_sentence():
    line = "Giải Nhất thuộc về bức ảnh “Mùa vàng trên cánh đồng Tân Lập”. Tác giả: Trần Văn Hùng"
    draft = page(line)
    assert draft.author == "Nguyễn Văn An" and line in draft.body


@pytest.mark.parametrize("line", [
    "Các số liệu trên được tổng hợp từ báo cáo của UBND huyện, nguồn: https://yenthe.bacgiang.gov.vn/bao-cao-2023",
    "Người dân xem hướng dẫn từ cơ quan thuế tại link: https://thuedientu.gdt.gov.vn/huong-dan",
])
def test_a_report_or_instructions_with_an_address_are_text_not_an_original(line):
    draft = page(line)
    assert line in draft.body and draft.source is None


@pytest.mark.parametrize("url, text, name", [
    ("http://quynhphu.thaibinh.gov.vn/anninh/tin-1.html", "", "Cổng thông tin điện tử huyện Quỳnh Phụ"),
    ("http://tuyenhoa.quangbinh.gov.vn/vanhoa/tin-1.html", "", "Cổng thông tin điện tử huyện Tuyên Hóa"),
    ("http://yenthe.bacgiang.gov.vn/giaoduc/tin-1.html", "Phòng Giáo dục và Đào tạo huyện Yên Thế tổ chức hội nghị.",
     "Cổng thông tin điện tử huyện Yên Thế"),
])
def test_a_sections_folder_is_no_sub_site(url, text, name):
    draft = page(*([text] if text else []), url=url)
    assert draft.source.name == name


@pytest.mark.parametrize("credit, name", [("VIETNAMNET", "Báo VietNamNet"), ("BQLDT", None)])  # as registered
def test_a_sites_name_in_capitals_is_no_desks_initials(credit, name):
    draft = extract_text("\n".join((TITLE, "13/06/2023", LEAD, MORE, f"Nguồn: {credit}")), gazetteer(),
                         url="http://example.com/tin/1")
    assert draft.source.name == name


def test_a_weather_subheading_is_no_end_of_the_article():
    draft = page("Thời tiết", "Dù trời mưa to, hàng trăm người dân vẫn đến xem triển lãm ảnh tại nhà văn hóa huyện.")
    assert draft.author == "Nguyễn Văn An" and "hàng trăm người dân" in draft.body


def test_a_name_the_text_gives_stays_when_the_place_settles_the_address():
    draft = page("Trường THCS Kỳ Tân tổ chức cho học sinh tham quan triển lãm tại xã Kỳ Tân, huyện Kỳ Anh.",
                 url="http://kyanh.hatinh.gov.vn/thcskytan/tin-1.html")
    assert draft.source.name == "Trường THCS Kỳ Tân"


def test_a_committees_and_a_cooperatives_names_keep_their_words():
    assert portal_name("Cổng thông tin điện tử Tỉnh Ủy Bình Phước") == "Cổng thông tin điện tử Tỉnh Ủy Bình Phước"
    assert _with_its_unit("Liên minh Hợp tác xã", "http://xatanlap.dongphu.binhphuoc.gov.vn") == "Liên minh Hợp tác xã"
