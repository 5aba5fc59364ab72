"""The organisation a site's address spells, as its text names it (issue 20 §1, sources): schools, health
centres, associations and unions whose sites run their names together in their addresses, whole syllables or
initials. Generated names and addresses, spelt in every way the rule allows, and the addresses that must name
nothing: a unit's name, a short code, a key the text does not spell.
"""

from __future__ import annotations

import random

import pytest

from archivist.importer.extract import extract_text
from archivist.importer.selfnamed import as_written, named_by_address
from archivist.model.places import ERA_LEGACY, gazetteer
from archivist.model.vietnamese import fold

# Organisations' names, head first (written for this test; none taken from a measured set).
NAMES = ("Trường Mầm non Hoa Sen", "Trường Tiểu học Lê Lợi", "Trường THCS Nguyễn Du", "Trung tâm Y tế huyện Yên Thế",
         "Hội Cựu giáo chức tỉnh Bắc Giang", "Liên minh Hợp tác xã thành phố Đà Nẵng", "Trường THPT Chuyên Hùng Vương",
         "Công ty Cổ phần Than Vàng Danh", "Bệnh viện Đa khoa huyện Tam Nông", "Trung tâm Văn hóa - Thể thao quận Ba Đình",
         "Hội Khuyến học tỉnh Phú Thọ", "Quỹ Bảo trợ trẻ em tỉnh Hà Nam", "Thư viện tỉnh Lâm Đồng")
LEADS = ("Sáng ngày 12/3, {name} tổ chức lễ kỷ niệm ngày thành lập, thu hút đông đảo cán bộ tham gia.",
         "Vừa qua, {name} đã trao 20 suất quà cho các gia đình có hoàn cảnh khó khăn trên địa bàn.",
         "Thực hiện kế hoạch năm học, {lower} phối hợp với phụ huynh tổ chức buổi ngoại khóa cho học sinh.")
HOSTS = ("{key}.edu.vn", "{key}.com.vn", "www.{key}.org.vn", "kt-{key}.haiduong.edu.vn", "quangyen.quangninh.edu.vn/{key}")


def _spellings(name: str, rng: random.Random) -> str:
    """A key spelling the name: the head left out or not, each other syllable whole or by its initial (a unit's
    type word sometimes left out), at least one syllable of three letters whole."""
    words = name.replace(" - ", " ").replace("thành phố", "thành_phố").split()
    head = 2 if name.startswith(("Trung tâm", "Liên minh", "Công ty", "Bệnh viện", "Thư viện")) else 1
    while True:
        parts = [] if rng.random() < 0.5 else [fold(w)[:1] for w in words[:head]]
        for word in words[head:]:
            folded = fold(word).replace("_", "")
            if word.isupper() and len(word) > 1:  # initials (THCS) are written whole
                parts.append(folded)
            elif folded in ("huyen", "tinh", "quan", "thanhpho") and rng.random() < 0.3 and parts:
                continue  # a unit's type word left out
            elif folded == "thanhpho":
                parts.append("thanhpho" if rng.random() < 0.5 else "tp")
            else:
                parts.append(folded if rng.random() < 0.6 else folded[:1])
        key = "".join(parts)
        if len(key) >= 5 and any(len(p) >= 3 and not p.upper() in name for p in parts):
            return key


@pytest.mark.parametrize("seed", range(120))
def test_a_name_the_address_spells_is_found_as_the_text_writes_it(seed: int) -> None:
    rng = random.Random(seed)
    name = rng.choice(NAMES)
    key = _spellings(name, rng)
    url = "http://" + rng.choice(HOSTS).format(key=key) + "/tin-tuc/bai-viet-123.html"
    lower = name[0].lower() + name[1:]
    lead = rng.choice(LEADS).format(name=name, lower=lower)
    found = named_by_address(url, f"Tin hoạt động\n{lead}\nCác đại biểu chụp ảnh lưu niệm.")
    assert found == name, (url, lead)


@pytest.mark.parametrize(("url", "text"), [
    # the unit's name is the site's unit, not the organisation that text names with it
    ("https://kyanh.hatinh.gov.vn/tin/1", "Huyện đoàn Kỳ Anh ra quân hưởng ứng Ngày Chủ nhật xanh."),
    ("https://dbnd.soctrang.gov.vn/tin/1", "Phòng Sóc Trăng tổ chức hội nghị."),
    # a code shorter than five letters spells many names by chance
    ("https://tpcm.camau.gov.vn/tin/1", "Hội Chữ thập đỏ TP Cà Mau trao quà."),
    # a key the text does not spell
    ("https://mnhoasen.edu.vn/tin/1", "Trường Mầm non Hoa Hồng tổ chức Tết Trung thu."),
    # initials only: no syllable written whole
    ("https://ttythtn.vn/tin/1", "Trung tâm Y tế huyện Tân Nghĩa tổ chức tập huấn."),
    # two different names spelt alike: which one publishes the site is not told
    ("https://thanbinh.vn/tin/1", "Trường Tiểu học An Bình và Trường Trung học An Bình tổ chức giao lưu."),
])
def test_an_address_that_spells_no_one_name_of_the_text_names_nothing(url: str, text: str) -> None:
    assert named_by_address(url, text) is None


def test_a_name_with_what_its_label_adds_to_it_is_spelt_though_a_unit_bears_the_name_too() -> None:
    text = "Sáng 5/9, trường THCS & THPT Phạm Ngũ Lão tổ chức lễ khai giảng năm học mới."
    assert named_by_address("https://phamngulaoedu.net/tin/1", text) == "Trường THCS & THPT Phạm Ngũ Lão"
    assert named_by_address("https://phamngulao.net/tin/1", text) is None  # the bare label is the ward's name


def test_the_draft_names_the_spelt_organisation_as_its_source_for_the_curator_to_check() -> None:
    page = ("Trung thu năm 2023\nChiều ngày 24/9, trường mầm non Hoa Sen tổ chức tết trung thu cho các cháu.\n"
            "Buổi lễ được đông đảo phụ huynh nhiệt tình ủng hộ, làm cho buổi lễ thêm phần náo nhiệt.\n")
    draft = extract_text(page, gazetteer(), url="http://quangyen.quangninh.edu.vn/mnhoasen/tin-tuc/id/1/trung-thu.aspx")
    assert draft.source is not None and draft.source.name == "Trường Mầm non Hoa Sen"
    assert any("spells" in note and "Trường Mầm non Hoa Sen" in note for note in draft.review)
    # a site whose name the page prints is named by it, not by what its address spells
    draft = extract_text("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN YÊN THẾ\n" + page, gazetteer(),
                         url="http://quangyen.quangninh.edu.vn/mnhoasen/tin-tuc/id/1/trung-thu.aspx")
    assert draft.source is not None and draft.source.name == "Cổng thông tin điện tử huyện Yên Thế"


HEADS = ("Sở Tài nguyên và Môi trường", "Sở Du lịch", "Sở Khoa học và Công nghệ")


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("province,written,kept", [
    ("Phú Thọ", "Phú Thọ", True),            # the unit's one name, without its type word
    ("Phú Thọ", "tỉnh Phú Thọ", True),       # with it
    ("Huế", "Thừa Thiên Huế", True),         # the province's name before it became a city
    ("Phú Thọ", "Vĩnh Phúc", False),         # another province
    ("Ninh Bình", "thành phố Ninh Bình", False),  # the province's city of the same name
    ("Ninh Bình", "Ninh Bình", True),        # bare, the province's name rather than its city's
])
def test_a_derived_name_is_written_as_the_page_around_the_article_writes_it(head: str, province: str, written: str,
                                                                              kept: bool) -> None:
    unit = next(p for p in gazetteer().provinces(ERA_LEGACY) if p.short == province)
    derived = f"{head} {unit.title}"
    furniture = f"Trang chủ | Giới thiệu\n{head} {written}\nLượt truy cập 13.092"
    assert as_written(derived, unit, furniture) == (f"{head} {written}" if kept else derived)


def test_the_draft_names_a_department_as_its_header_writes_it_not_as_its_signature_in_running_text() -> None:
    body = ("Chiều ngày 5/11/2018, Sở Tài nguyên và Môi trường tỉnh Phú Thọ tổ chức hội thảo về truyền thông bảo vệ môi "
            "trường, thu hút đông đảo đại biểu các sở, ngành của tỉnh tham dự.\n"
            "Hội thảo đã nghe các báo cáo tham luận và thảo luận về giải pháp nâng cao hiệu quả công tác truyền thông.\n")
    url = "https://stnmt.phutho.gov.vn/tin-tuc/hoi-thao-1"
    draft = extract_text("Hội thảo truyền thông bảo vệ môi trường\n" + body, gazetteer(), url=url)
    assert draft.source is not None and draft.source.name == "Sở Tài nguyên và Môi trường tỉnh Phú Thọ"
    draft = extract_text("Sở Tài nguyên và Môi trường Phú Thọ\nHội thảo truyền thông bảo vệ môi trường\n" + body,
                         gazetteer(), url=url)
    assert draft.source is not None and draft.source.name == "Sở Tài nguyên và Môi trường Phú Thọ"
    assert any("as the page writes it around the article" in note for note in draft.review)


def test_a_name_goes_on_past_what_the_address_spells_to_the_number_among_its_namesakes() -> None:
    text = "Nhân dịp 1/6, bệnh viện Mắt Sài Gòn 3 tổ chức chương trình văn nghệ cho các bệnh nhi đang điều trị."
    assert named_by_address("http://benhvienmat.org.vn/news/1", text) == "Bệnh viện Mắt Sài Gòn 3"
    for text, name in (("Sáng 5/9, trường mầm non Hoa Sen tổ chức lễ khai giảng.", "Trường Mầm non Hoa Sen"),
                       ("TRƯỜNG MẦM NON HOA SEN TỔ CHỨC LỄ KHAI GIẢNG NĂM HỌC 2023", "TRƯỜNG MẦM NON HOA SEN"),
                       ("Trường Mầm non Hoa Sen Thị trấn Yên Thế tổ chức lễ khai giảng", "Trường Mầm non Hoa Sen")):
        assert named_by_address("http://mnhoasen.edu.vn/tin/1", text) == name
    assert named_by_address("http://thcsleloi.edu.vn/tin/1", "Trường THCS Lê Lợi Đạt giải nhất hội thi") == \
        "Trường THCS Lê Lợi"
