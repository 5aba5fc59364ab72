"""Places as of the article's date (issue 20 §1): a unit merged later, the unit-wide subject first,
capitals headlines, initials kept, ambiguous names settled by the publisher's province.

Each page is written for the rule it tests; none is taken from the held-out set.
"""

from __future__ import annotations

import pytest

from archivist.importer.extract import extract_text
from archivist.importer.placenames import typed_mentions
from archivist.model.places import gazetteer


def page(title: str, *paragraphs: str, date: str = "10/02/2019", url: str | None = None, tail: str = ""):
    return extract_text("\n".join((title, date, *paragraphs, tail)), gazetteer(), url=url)


def test_a_unit_merged_later_is_written_as_the_text_names_it_and_resolves_to_its_successor():
    draft = page("Tĩnh Gia: Ra quân trồng cây đầu xuân Kỷ Hợi",
                 "Sáng 9/2, UBND huyện Tĩnh Gia tổ chức lễ phát động Tết trồng cây đầu xuân Kỷ Hợi năm 2019, trồng "
                 "hơn 2.000 cây xanh tại các trường học, trụ sở cơ quan và tuyến đường trên địa bàn.",
                 "Năm 2019, huyện Tĩnh Gia phấn đấu trồng mới 300 ha rừng tập trung, nâng tỷ lệ che phủ rừng lên 30%.")
    assert draft.localities[0] == "huyện Tĩnh Gia, tỉnh Thanh Hóa"
    assert draft.places[0].label == "thị xã Nghi Sơn, tỉnh Thanh Hóa"
    assert gazetteer().lookup(draft.localities[0], "legacy").place == draft.places[0]
    [note] = [note for note in draft.review if "Tĩnh Gia" in note and "Nghi Sơn" in note]  # said once


def test_the_unit_acting_as_a_whole_ranks_first_when_the_headline_names_no_place():
    draft = page("Ra quân làm thủy lợi nội đồng mùa khô năm 2023",
                 "Ngày 5/1, UBND huyện Yên Thành tổ chức lễ ra quân làm thủy lợi nội đồng tại xã Đông Thành, với sự "
                 "tham gia của hơn 600 cán bộ, đoàn viên và nhân dân xã Đông Thành, xã Đồng Thành.",
                 "Năm nay, xã Đông Thành nạo vét 12 tuyến kênh, xã Đồng Thành nạo vét 9 tuyến kênh; các xã Đông "
                 "Thành, Đồng Thành, Long Thành hoàn thành trước ngày 30/1.", date="05/01/2023")
    assert draft.places[0].short == "Yên Thành"


def test_toan_huyen_as_the_actor():
    draft = page("Trồng mới hơn 400 ha rừng sản xuất",
                 "Năm 2023, toàn huyện Trần Văn Thời trồng mới hơn 400 ha rừng sản xuất, tập trung ở xã Khánh Bình "
                 "Đông, xã Khánh Lộc và xã Khánh Hưng; xã Khánh Lộc trồng nhiều nhất với 150 ha, xã Khánh Hưng 120 ha.",
                 date="02/12/2023")
    assert draft.places[0].short == "Trần Văn Thời"


def test_a_headlines_unit_with_its_type_word_stays_first_even_when_the_district_acts():
    draft = page("Yên Thành ra quân làm thủy lợi tại xã Đông Thành",
                 "Ngày 5/1, UBND huyện Yên Thành tổ chức lễ ra quân làm thủy lợi nội đồng tại xã Đông Thành, với sự "
                 "tham gia của hơn 600 cán bộ, đoàn viên và nhân dân xã Đông Thành.", date="05/01/2023")
    assert draft.places[0].short == "Đông Thành"


def test_a_bare_commune_opening_the_headline_of_its_districts_portal_is_the_subject():
    prose = ("Chiều 20/10, Hội Liên hiệp Phụ nữ xã tổ chức kỷ niệm ngày thành lập Hội với sự tham dự của đông "
             "đảo hội viên và đại diện lãnh đạo Đảng ủy, chính quyền địa phương.")
    url = "https://thachha.hatinh.gov.vn/tin-tuc/x-123.html"
    draft = page("Thạch Long: Kỷ niệm 93 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam", prose,
                 date="21/10/2023", url=url)
    assert draft.places[0].label == "xã Thạch Long, huyện Thạch Hà, tỉnh Hà Tĩnh"
    # the portal's own unit, though the text names a town of the same name
    draft = page("Thạch Hà: Khám bệnh miễn phí cho 500 người dân",
                 "Sáng 6/4, tại hội trường UBND thị trấn Thạch Hà, Trung tâm Y tế huyện phối hợp tổ chức khám "
                 "bệnh, cấp thuốc miễn phí cho người dân có hoàn cảnh khó khăn trên địa bàn.", date="07/04/2018",
                 url=url)
    assert draft.places[0].label == "huyện Thạch Hà, tỉnh Hà Tĩnh"
    # a district of the province's portal and its seat town of the same name: the district
    draft = page("PHONG THỔ: Sức trẻ trên công trình, phần việc thanh niên", prose, date="21/10/2020",
                 url="http://tinhdoan.laichau.gov.vn/hoat-dong-doan/x.html")
    assert draft.places[0].label == "huyện Phong Thổ, tỉnh Lai Châu"
    # without a context that settles the name, a bare name is no place
    draft = page("Thạch Long: Kỷ niệm 93 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam", prose, date="21/10/2023")
    assert not draft.places or draft.places[0].short != "Thạch Long"


def test_a_district_the_headline_names_is_first_when_its_committee_acts():
    draft = page("Yên Thành ra quân làm thủy lợi nội đồng",
                 "Ngày 5/1, UBND huyện Yên Thành ra quân làm thủy lợi nội đồng tại xã Đông Thành và xã Đồng Thành.",
                 "Xã Đông Thành nạo vét 12 tuyến kênh, xã Đồng Thành nạo vét 9 tuyến kênh, xã Long Thành 7 tuyến.",
                 date="05/01/2023")
    assert draft.places[0].short == "Yên Thành"


@pytest.mark.parametrize("title, short", [
    ("THỊ XÃ NGHI SƠN ĐẨY MẠNH CẢI CÁCH HÀNH CHÍNH", "Nghi Sơn"),
    ("HUYỆN TRẦN VĂN THỜI RA QUÂN TRỒNG RỪNG", "Trần Văn Thời"),
    ("UBND TP. VINH TỔ CHỨC HỘI NGHỊ CẢI CÁCH HÀNH CHÍNH", "Vinh"),
    ("TỈNH BÀ RỊA - VŨNG TÀU ĐẨY MẠNH CẢI CÁCH HÀNH CHÍNH", "Bà Rịa - Vũng Tàu"),  # a hyphen joins the words on
    ("THÀNH PHỐ PHAN RANG - THÁP CHÀM TỔ CHỨC HỘI NGHỊ", "Phan Rang - Tháp Chàm"),
])
def test_capitals_headlines_name_their_units(title, short):
    draft = page(title, "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ năm 2023 và triển khai kế hoạch năm 2024 "
                        "với sự tham gia của lãnh đạo các phòng, ban, ngành và các xã, phường trên địa bàn.",
                 date="15/01/2024")
    assert draft.places[0].short == short


def test_initials_keep_their_capitals_in_a_capitals_headline():
    draft = page("UBND TP. VINH TỔ CHỨC HỘI NGHỊ CẢI CÁCH HÀNH CHÍNH",
                 "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính năm 2023 của các phòng, ban.",
                 date="15/01/2024")
    assert draft.localities[0] == "TP. Vinh, tỉnh Nghệ An"


@pytest.mark.parametrize("where, province", [
    ({"url": "https://baobinhdinh.vn/viewer.aspx?macm=1&macmp=1&mabb=123"}, "Bình Định"),
    ({"tail": "Theo Báo Trà Vinh"}, "Trà Vinh"),
])
def test_an_ambiguous_commune_is_settled_by_the_publishers_province(where, province):
    draft = page("Xã Phước Hưng ra mắt mô hình tổ an ninh trật tự cơ sở",
                 "Chiều 2/3, UBND xã Phước Hưng ra mắt mô hình tổ bảo vệ an ninh, trật tự ở cơ sở với 45 thành viên "
                 "tại các thôn, ấp trên địa bàn xã.", date="03/03/2024", **where)
    assert draft.places[0].short == "Phước Hưng" and draft.places[0].chain[0].short == province
    assert any("home province" in note for note in draft.review)


def test_youth_union_forms_name_their_unit():
    [mention] = typed_mentions("Huyện đoàn Yên Thành tổ chức ngày hội", 0, False)
    assert (mention.kind, mention.name) == ("Huyện", "Yên Thành")
    assert typed_mentions("toàn tỉnh đoàn kết chung sức", 0, False) == []
    # the unit written after it with its own type: "Thành đoàn TP. HCM" is the city's, not a "thành phố TP"
    assert [(m.kind, m.name) for m in typed_mentions("Thành đoàn TP. HCM tổ chức ngày hội", 0, False)] == [
        ("Thành phố", "HCM")]


@pytest.mark.parametrize("text", ["Các tin khác: Hội Nông dân xã Tân Ph", "… tại thị xã Th", "phường Tăng Nhơn Ph"])
def test_a_units_name_the_copy_cut_short_names_no_place(text):
    assert typed_mentions(text, 0, False) == []
    assert [m.name for m in typed_mentions(text + "ú, huyện Mường Nhé", 0, False)][-1] == "Mường Nhé"
    assert [m.name for m in typed_mentions("UBND phường Bình Hưng Hòa B, quận Bình Tân", 0, False)] == [
        "Bình Hưng Hòa B", "Bình Tân"]  # a letter that is the name's


def test_a_districts_association_names_the_district_and_alone_names_no_place():
    [mention] = typed_mentions("Thay mặt Huyện Hội Thạch Thất, đồng chí Phó Chủ tịch Hội trao quà", 0, False)
    assert (mention.kind, mention.name) == ("Huyện", "Thạch Thất")
    assert typed_mentions("là đơn vị cuối cùng được Huyện Hội thực hiện tặng quà", 0, False) == []
    # a province's Buddhist association, a person's name: no unit of "Hội"
    for text in ("Ban Trị sự Tỉnh hội Phật giáo tỉnh Điện Biên tổ chức Đại lễ", "bà Nguyễn Thị Hội Phó Chủ tịch UBND xã"):
        assert all(m.name != "Phật" and not m.name.startswith("Phó") for m in typed_mentions(text, 0, False))
    draft = page("Trao quà Tết cho hội viên khó khăn",
                 "Sáng 25/1, Hội Cựu chiến binh xã Yên Trung là đơn vị cuối cùng được Huyện Hội thực hiện tặng quà Tết "
                 "cho hội viên. Thay mặt Huyện Hội Thạch Thất, đồng chí Phó Chủ tịch Hội đã trao quà.", date="25/01/2017")
    assert not any("Hội" in note for note in draft.review if note.startswith("locality"))
    assert draft.places[0].short in ("Yên Trung", "Thạch Thất") and draft.places[0].chain[1].short == "Thạch Thất"


def test_the_dateline_opening_the_headline_is_the_subject():
    draft = page("Yên Thành: Nông dân trúng mùa lạc xuân",
                 "Những ngày này, nông dân huyện Yên Thành đang thu hoạch lạc xuân. Tại xã Đông Thành, năng suất "
                 "ước đạt 30 tạ/ha; xã Đồng Thành, xã Long Thành, xã Minh Thành cũng đạt trên 28 tạ/ha.",
                 "Nhiều hộ ở xã Đông Thành, xã Đồng Thành có lãi từ 40 - 50 triệu đồng/ha.", date="20/05/2023")
    assert draft.places[0].short == "Yên Thành"
    draft = page("Yên Thành: Nông dân xã Đông Thành trúng mùa lạc xuân",  # the headline names a unit inside it
                 "Những ngày này, nông dân xã Đông Thành (huyện Yên Thành) đang thu hoạch lạc xuân, năng suất "
                 "ước đạt 30 tạ/ha, cao nhất huyện Yên Thành.",
                 date="20/05/2023")
    assert draft.places[0].short == "Đông Thành"


@pytest.mark.parametrize("text", ["P.V", "Bài: H.P", "X.T và Q.N"])
def test_initials_are_no_abbreviated_unit(text):
    assert typed_mentions(text, 0, False) == []


@pytest.mark.parametrize("text, name", [("P.14", "14"), ("phường V", "V"), ("TT. A Lưới", "A Lưới")])
def test_numbered_and_one_letter_units_written_out_are_still_units(text, name):
    assert [m.name for m in typed_mentions(text, 0, False)] == [name]


def test_a_signature_in_initials_names_no_place():
    draft = page("Lễ hội đầu xuân thu hút đông đảo du khách",
                 "Từ ngày 6 đến 10 tháng Giêng, trên địa bàn diễn ra nhiều lễ hội truyền thống thu hút đông đảo "
                 "nhân dân và du khách thập phương về trẩy hội đầu xuân.", tail="P.V")
    assert draft.author == "P.V" and draft.localities == []


def test_an_organisation_signing_still_names_its_unit():
    draft = page("Lễ hội đầu xuân thu hút đông đảo du khách",
                 "Từ ngày 6 đến 10 tháng Giêng, trên địa bàn diễn ra nhiều lễ hội truyền thống thu hút đông đảo "
                 "nhân dân và du khách thập phương về trẩy hội đầu xuân.", tail="Ban Văn hóa xã Quảng Lâm, huyện Mường Nhé")
    assert draft.places and draft.places[0].chain[0].short == "Điện Biên"


def test_a_person_signing_with_a_provinces_name_names_no_place():
    draft = page("Lễ hội đầu xuân thu hút đông đảo du khách",
                 "Từ ngày 6 đến 10 tháng Giêng, trên địa bàn diễn ra nhiều lễ hội truyền thống thu hút đông đảo "
                 "nhân dân và du khách thập phương về trẩy hội đầu xuân.", tail="Thái Bình")
    assert draft.author == "Thái Bình" and draft.localities == []


def test_a_communes_youth_union_names_the_commune_and_xa_doan_ket_stays_a_name():
    assert [(m.kind, m.name) for m in typed_mentions("Phường đoàn Tân Định (TX.Bến Cát) ra quân", 0, False)] == [
        ("Phường", "Tân Định"), ("Thị xã", "Bến Cát")]
    assert [(m.kind, m.name) for m in typed_mentions("Xã đoàn Phú Lộc", 0, False)] == [("Xã", "Phú Lộc")]
    assert [(m.kind, m.name) for m in typed_mentions("xã Đoàn Kết", 0, False)] == [("Xã", "Đoàn Kết")]


def test_a_ward_youth_union_with_its_town_in_brackets_is_the_ward():
    draft = page("Ra quân làm sạch tuyến đường xanh sạch đẹp",
                 "Sáng 20/3, Phường đoàn Tân Định (TX.Bến Cát) tổ chức ra quân thu gom rác thải, phát quang bụi rậm "
                 "trên tuyến đường chính của khu phố, thu hút đông đảo đoàn viên tham gia.", date="20/03/2022")
    assert draft.places[0].short == "Tân Định" and draft.places[0].chain[0].short == "Bình Dương"


def test_a_commune_whose_name_ends_with_a_number():
    draft = page("Xã Sơn Kim 2 ra quân làm đường giao thông nông thôn",
                 "Sáng 8/5, xã Sơn Kim 2 tổ chức ra quân làm đường giao thông nông thôn với sự tham gia của hơn 300 "
                 "đoàn viên, hội viên và nhân dân các thôn.", date="08/05/2022")
    assert draft.localities[0].startswith("xã Sơn Kim 2, huyện Hương Sơn")


def test_a_number_after_a_communes_name_is_not_part_of_it():
    draft = page("Ra quân làm đường giao thông nông thôn",
                 "Năm nay, toàn xã Pá Khoang 15 hộ đã hiến đất làm đường giao thông với sự tham gia của hơn 300 "
                 "đoàn viên, hội viên và nhân dân các thôn trên địa bàn.", date="08/05/2022")
    assert [m.name for m in typed_mentions("xã Pá Khoang 15 hộ", 0, False)] == ["Pá Khoang 15"]  # trimmed later
    assert draft.localities[0].startswith("xã Pá Khoang,")
    assert not any("Pá Khoang 15" in note for note in draft.review)


def test_a_province_under_the_name_curators_still_use():
    draft = page("Ra quân làm thủy lợi đầu năm",
                 "Sáng 5/1, hơn 500 đoàn viên thanh niên tỉnh Thừa Thiên Huế ra quân nạo vét kênh mương nội đồng.",
                 date="05/01/2019")
    assert draft.places[0].key == "legacy:province:46"  # thành phố Huế since 2025, "Thừa Thiên Huế" before


STATION_PAGE = ("Hội Người cao tuổi khám sức khỏe định kỳ cho hội viên",
                "Năm qua, Hội Người cao tuổi xã Hồng Giang phối hợp với Trạm Y tế khám sức khỏe định kỳ cho hơn 300 "
                "hội viên từ 80 tuổi trở lên.")


def test_a_commune_made_a_ward_later_is_read_in_the_sites_province():
    # xã Hồng Giang of 2018 (Lục Ngạn, Bắc Giang) is a phường of thị xã Chũ in the register; the one
    # xã of the name is in Thái Bình: a Lục Ngạn station's page means its own province's unit
    draft = page(*STATION_PAGE, date="09/01/2018", url="http://truyenhinhlucngan.vn/node/1")
    assert draft.places[0].label == "phường Hồng Giang, thị xã Chũ, tỉnh Bắc Giang"
    [note] = [n for n in draft.review if '"xã Hồng Giang" is read as' in n]
    assert "truyenhinhlucngan.vn" in note and "xã Hồng Giang, huyện Đông Hưng, tỉnh Thái Bình" in note


def test_a_commune_of_its_type_stays_itself_without_a_site_in_another_province():
    assert page(*STATION_PAGE, date="09/01/2018").places[0].label == "xã Hồng Giang, huyện Đông Hưng, tỉnh Thái Bình"
    on_thai_binh_site = page(*STATION_PAGE, date="09/01/2018", url="https://baothaibinh.com.vn/tin-tuc/1")
    assert on_thai_binh_site.places[0].label == "xã Hồng Giang, huyện Đông Hưng, tỉnh Thái Bình"
    assert not [n for n in on_thai_binh_site.review if "is read as" in n]


@pytest.mark.parametrize("lead", [
    "(Baodanang.vn) - ĐÀ NẴNG-Sáng 20/12, Hội Chiến sĩ bảo vệ Thành cổ Quảng Trị tại Đà Nẵng gặp mặt hội viên.",
    "ĐÀ NẴNG – Sáng 20/12, Hội Chiến sĩ bảo vệ Thành cổ Quảng Trị tại Đà Nẵng gặp mặt hội viên.",
])
def test_the_leads_dateline_outranks_a_province_inside_a_name_in_the_headline(lead):
    draft = page("Gặp mặt hội viên Hội bảo vệ Thành cổ Quảng Trị", lead,
                 "Các hội viên ôn lại truyền thống 81 ngày đêm bảo vệ Thành cổ Quảng Trị năm 1972.", date="21/12/2015")
    assert [p.short for p in draft.places] == ["Đà Nẵng", "Quảng Trị"]


def test_the_leads_dateline_comes_after_a_unit_the_headline_names_with_its_type():
    draft = page("Xã Triệu Thành ra quân làm thủy lợi",
                 "QUẢNG TRỊ - Sáng 5/1, xã Triệu Thành, huyện Triệu Phong ra quân nạo vét kênh mương.", date="05/01/2019")
    assert [p.short for p in draft.places][:1] == ["Triệu Thành"]


@pytest.mark.parametrize("lead", [
    "ĐBP - Sáng 5/1, Hội Nông dân tổ chức hội nghị tổng kết tại Hà Nội.",     # a paper's code
    "THÔNG BÁO - Sáng 5/1, Hội Nông dân tổ chức hội nghị tổng kết tại Hà Nội.",  # capitals, no unit
])
def test_capitals_before_a_dash_that_name_no_unit_are_no_dateline(lead):
    assert [p.short for p in page("Hội nghị tổng kết năm 2019", lead).places] == ["Hà Nội"]


NUI_CAM = ("Xã Núi Cấm ra quân làm đường giao thông nông thôn",
           "Sáng nay, UBND xã Núi Cấm tổ chức ra quân làm đường giao thông nông thôn tại ấp Vồ Đầu, với hơn 200 "
           "người dân tham gia.")


def test_an_undated_page_naming_units_from_july_2025_is_read_in_them():
    draft = extract_text("\n".join(NUI_CAM), gazetteer())  # xã Núi Cấm exists from 1 July 2025 only
    assert draft.date is None and draft.localities == ["xã Núi Cấm, tỉnh An Giang"]
    assert draft.places[0].era == "2025"
    assert any("read in the units from 1 July 2025" in note for note in draft.review)


def test_a_page_dated_before_july_2025_keeps_its_units():
    draft = page(*NUI_CAM, date="10/09/2024")
    assert draft.localities == [] and any('"xã Núi Cấm" was left out' in note for note in draft.review)


def test_an_undated_page_in_the_earlier_units_stays_in_them():
    draft = extract_text("\n".join(STATION_PAGE), gazetteer())
    assert draft.places[0].era == "legacy" and not any("read in the units" in note for note in draft.review)


def test_a_unit_the_headline_names_with_its_type_stays_the_subject_over_several_units_inside_it():
    draft = page("Huyện Yên Thành đẩy mạnh trồng cây ăn quả",
                 "Nông dân xã Đông Thành, xã Long Thành đã chuyển 200 ha đất lúa kém hiệu quả sang trồng cam, bưởi.",
                 "Ở xã Đông Thành, nhiều hộ thu trên 300 triệu đồng mỗi năm; xã Long Thành lập hai hợp tác xã.",
                 "Hợp tác xã ở xã Đông Thành và xã Long Thành liên kết tiêu thụ với doanh nghiệp.", date="05/01/2023")
    assert draft.places[0].short == "Yên Thành"


def test_a_unit_the_headline_names_with_its_type_gives_way_to_the_one_unit_inside_it_the_text_is_about():
    draft = page("Học và làm theo Bác ở huyện Yên Thành",
                 "Đảng bộ xã Đông Thành có 18 chi bộ; Đảng ủy xã Đông Thành chỉ đạo vận động nhân dân giải phóng mặt "
                 "bằng.", "Năm qua, xã Đông Thành có 20 đảng viên mới; xã Long Thành kết nghĩa với xã Đông Thành.",
                 date="05/01/2023")
    assert draft.places[0].short == "Đông Thành"


HARVEST = "Những ngày này, nông dân {} đang tất bật thu hoạch lúa xuân, năng suất ước đạt 60 tạ/ha, cao hơn năm trước."


def test_a_district_the_headline_names_without_its_type_word_when_the_page_bears_it_out():
    listed = page("Nông dân Cẩm Xuyên thu hoạch lúa xuân", HARVEST.format("các xã Cẩm Lĩnh, Cẩm Hà, Cẩm Thạch"))
    assert listed.places[0].label == "huyện Cẩm Xuyên, tỉnh Hà Tĩnh"  # the communes spread over it
    again = page("Nông dân Cẩm Xuyên thu hoạch lúa xuân", HARVEST.format("Cẩm Xuyên"))
    assert again.places[0].label == "huyện Cẩm Xuyên, tỉnh Hà Tĩnh"
    on_its_paper = page("Nông dân Cẩm Xuyên thu hoạch lúa xuân", HARVEST.format("trong huyện"),
                        url="https://baohatinh.vn/x-1.html")
    assert on_its_paper.places[0].label == "huyện Cẩm Xuyên, tỉnh Hà Tĩnh"


def test_a_district_named_bare_whose_name_other_units_bear_on_its_own_portal():
    title = "Tây Giang đạt giải 3 toàn đoàn tại Liên hoan Nghệ thuật quần chúng"
    lead = ("Tối 22/11, tại Trung tâm Văn hóa – Thể thao tỉnh, Liên hoan Nghệ thuật quần chúng các xã xây dựng nông "
            "thôn mới tỉnh Quảng Nam lần thứ II đã tổng kết và trao giải.")
    on_its_site = page(title, lead, date="23/11/2022", url="https://taygiang.quangnam.gov.vn/x?d=PORTAL1")
    assert on_its_site.places[0].label == "huyện Tây Giang, tỉnh Quảng Nam"
    assert page(title, lead, date="23/11/2022").places[0].label == "tỉnh Quảng Nam"  # xã Tây Giang elsewhere too


def test_a_bare_district_name_the_page_does_not_bear_out_names_no_place():
    assert page("Nông dân Cẩm Xuyên thu hoạch lúa xuân", HARVEST.format("trong huyện")).places == []
    # a name other units bear too (Thạch Hà is also a commune elsewhere) is never read bare
    assert page("Nông dân Thạch Hà thu hoạch lúa xuân", HARVEST.format("Thạch Hà")).places == []


def test_two_communes_of_a_district_named_with_it_make_the_district_the_subject():
    draft = page("Tặng quà đồng bào dân tộc thiểu số dịp Tết",
                 "Ngày 1-2, lãnh đạo Ban Dân tộc tỉnh đi chúc Tết, tặng quà đồng bào tại 2 xã Phúc Lương, Khôi Kỳ, "
                 "huyện Đại Từ.", "Đoàn trao 45 suất quà cho các hộ nghèo, mỗi suất trị giá 400.000 đồng.",
                 date="01/02/2018")
    assert [p.short for p in draft.places] == ["Đại Từ", "Phúc Lương", "Khôi Kỳ"]


def test_one_commune_with_most_of_the_mentions_stays_the_subject_over_its_district():
    draft = page("Tặng quà đồng bào dân tộc thiểu số dịp Tết",
                 "Ngày 1-2, lãnh đạo Ban Dân tộc tỉnh đi chúc Tết tại xã Phúc Lương, huyện Đại Từ; xã Phúc Lương có "
                 "hơn 300 hộ đồng bào dân tộc thiểu số.", "Đoàn còn ghé thăm xã Khôi Kỳ. Tại xã Phúc Lương, đoàn "
                 "trao 45 suất quà.", date="01/02/2018")
    assert draft.places[0].short == "Phúc Lương"


def test_a_chain_written_out_once_is_one_place():
    draft = page("Ra quân làm đường giao thông nông thôn",
                 "Sáng 5/4, tại xã Cẩm Lĩnh, huyện Cẩm Xuyên, tỉnh Hà Tĩnh, Đoàn thanh niên tổ chức ra quân làm "
                 "đường với hơn 200 đoàn viên tham gia.", date="06/04/2023")
    assert draft.localities == ["xã Cẩm Lĩnh, huyện Cẩm Xuyên, tỉnh Hà Tĩnh"]


def test_a_unit_merged_later_inside_the_sites_unit_is_read_by_its_former_name():
    # Phường 10 of Quận 4 was merged into Phường 8 (2020); nine other districts still have a Phường 10
    draft = page("Phường 10 tổ chức đối thoại giữa cấp ủy, chính quyền và nhân dân",
                 "Tối 10/5/2019, lãnh đạo Đảng ủy và Ủy ban nhân dân phường đã tiếp xúc, đối thoại trực tiếp với "
                 "Nhân dân Phường 10, ghi nhận 10 lượt ý kiến.", date="11/05/2019",
                 url="http://quan4.hochiminhcity.gov.vn/tintuc/Lists/Posts/Post.aspx?ItemID=1")
    assert draft.places[0].label == "Phường 8, Quận 4, thành phố Hồ Chí Minh"
    assert draft.localities[0].startswith("Phường 10, Quận 4")
    assert any("former unit" in note for note in draft.review)


def test_of_two_units_the_headline_names_the_one_inside_the_other_comes_first():
    draft = page("Công an huyện Cẩm Xuyên triệt xóa tụ điểm đánh bạc tại xã Cẩm Lĩnh",
                 "Ngày 12/3, Công an huyện Cẩm Xuyên cho biết đã triệt xóa một tụ điểm đánh bạc tại xã Cẩm Lĩnh, "
                 "tạm giữ 14 người; Công an huyện Cẩm Xuyên đang điều tra, xử lý.", date="12/03/2024")
    assert [p.short for p in draft.places][:2] == ["Cẩm Lĩnh", "Cẩm Xuyên"]


CAMERA = ("Bắc Kạn: Đẩy mạnh triển khai mô hình camera an ninh",
          "Hiện nay, Công an phường Sông Cầu, thành phố Bắc Kạn đã lắp đặt 13 điểm camera giám sát; xã Vũ Muộn, "
          "huyện Bạch Thông lắp thêm 6 điểm.")


def test_a_date_above_the_headline_in_another_era_than_the_units_named_is_the_sites_current_date():
    # "Thứ Tư, 21/01/2026" over the headline, units abolished on 1 July 2025 in the text: today's date on the site
    draft = extract_text("\n".join(("Thứ Tư, 21/01/2026 11:04 GMT+7", "Xã hội", *CAMERA)), gazetteer())
    assert draft.date is None
    assert draft.places[0].label == "tỉnh Bắc Kạn" and draft.places[0].era == "legacy"
    assert any("is likely the site's current date" in note for note in draft.review)


def test_a_date_under_the_headline_keeps_its_era():
    draft = extract_text("\n".join((CAMERA[0], "21/01/2026 11:04", *CAMERA[1:])), gazetteer())
    assert draft.date.iso == "2026-01-21"
    assert any('"xã Vũ Muộn" was left out' in note for note in draft.review)


def test_a_commune_written_with_its_district_is_not_read_in_the_publishers_province():
    # a Hồ Chí Minh City paper reporting from Quảng Ngãi: xã Sơn Kỳ of Sơn Hà, not phường Sơn Kỳ of Tân Phú
    draft = page("Quảng Ngãi: Sập nhà sàn, 3 người bị thương",
                 "Ngày 20-8, UBND xã Sơn Kỳ, huyện Sơn Hà cho biết một căn nhà sàn ở thôn Làng Riềng bị sập, 3 người "
                 "bị thương.", url="https://www.sggp.org.vn/x-post1.html")
    assert any(p.label == "xã Sơn Kỳ, huyện Sơn Hà, tỉnh Quảng Ngãi" for p in draft.places)
    assert not any("Tân Phú" in p.label for p in draft.places)


def test_a_battles_name_is_no_district():
    draft = page("Cúng bến nước mừng ngày Chiến thắng Buôn Ma Thuột",
                 "Chào mừng kỷ niệm Ngày chiến thắng Buôn Ma Thuột, sáng 6-3, tại buôn H'ra, xã Dray Bhăng, huyện Cư "
                 "Kuin tổ chức lễ cúng bến nước.", date="08/03/2013")
    assert draft.places[0].short == "Dray Bhăng"


def test_a_villages_name_is_no_district():
    # thôn Hạ Hòa of xã Tân Phú (Quốc Oai), not huyện Hạ Hòa (Phú Thọ)
    draft = page("Độc đáo rước kiệu của lễ hội thôn Hạ Hòa",
                 "Tại xã Tân Phú, huyện Quốc Oai có ba thôn, trong đó màn rước kiệu của thôn Hạ Hòa nổi bật nhất.",
                 date="05/02/2019")
    assert not any(p.short == "Hạ Hòa" for p in draft.places)


def test_the_unit_the_headline_says_it_happened_at_comes_first():
    draft = page("Đoàn cán bộ nữ tỉnh Vĩnh Long về nguồn tại An Giang",
                 "Ngày 19/10, Hội Liên hiệp Phụ nữ tỉnh Vĩnh Long tổ chức về nguồn tại tỉnh An Giang, thăm khu lưu "
                 "niệm Chủ tịch Tôn Đức Thắng.", date="19/10/2018")
    assert [p.short for p in draft.places][:2] == ["An Giang", "Vĩnh Long"]


def test_two_units_inside_a_district_neither_twice_the_other_make_the_district_the_subject():
    draft = page("Khánh thành 2 nhà nghĩa tình đồng đội cho hội viên nghèo",
                 "Ngày 10/9, Hội Cựu chiến binh huyện Yên Sơn khánh thành nhà nghĩa tình tại xã Tân Long và thị trấn "
                 "Yên Sơn.", "Ngôi nhà ở xã Tân Long trị giá 60 triệu đồng; ngôi nhà ở thị trấn Yên Sơn trị giá 55 "
                 "triệu đồng. Hội viên xã Tân Long góp 20 ngày công.", date="10/09/2019")
    assert draft.places[0].label == "huyện Yên Sơn, tỉnh Tuyên Quang"


def test_districts_listed_evenly_make_their_province_the_subject_though_unnamed():
    draft = page("3 huyện hoàn thành hội thi nhà văn hóa cấp xã",
                 "Đến nay, tất cả nhà văn hóa xã của 3 huyện Cái Bè, Gò Công Tây, Tân Phước đã tổ chức hội thi.",
                 date="05/07/2019")
    assert draft.places[0].label == "tỉnh Tiền Giang"
    assert {p.short for p in draft.places[1:]} == {"Cái Bè", "Gò Công Tây", "Tân Phước"}
    assert any("tỉnh Tiền Giang is not named in the text" in note for note in draft.review)


def test_a_district_named_in_two_lists_does_not_stand_out_from_the_others_listed():
    draft = page("Thông qua ý định diễn tập khu vực phòng thủ năm 2023",
                 "Năm 2023, có 4 huyện trong tỉnh Phú Yên tổ chức diễn tập khu vực phòng thủ là huyện Sơn Hòa, "
                 "huyện Sông Hinh, huyện Tây Hòa và huyện Đông Hòa.",
                 "Cũng trong thời gian trên, các huyện Tây Hòa, Phú Hòa ra quân huấn luyện lực lượng dân quân.",
                 date="10/03/2023")
    assert draft.places[0].label == "tỉnh Phú Yên"
    # a unit named on its own twice stands out over a list it is part of
    alone = page("Thông qua ý định diễn tập khu vực phòng thủ năm 2023",
                 "Năm 2023, huyện Tây Hòa tổ chức diễn tập khu vực phòng thủ; huyện Tây Hòa đã chuẩn bị lực lượng.",
                 "Cũng trong thời gian trên, các huyện Tây Hòa, Phú Hòa ra quân huấn luyện lực lượng dân quân.",
                 date="10/03/2023")
    assert alone.places[0].label == "huyện Tây Hòa, tỉnh Phú Yên"


def test_a_district_written_with_the_type_it_had_then_is_the_one_unit_of_the_name():
    # thị xã Đông Triều (2021) is thành phố Đông Triều in the register
    draft = page("Đẩy mạnh xét nghiệm sàng lọc tầm soát người có nguy cơ",
                 "Thực hiện công văn của UBND thị xã Đông Triều, Trung tâm Y tế thị xã Đông Triều xét nghiệm sàng lọc "
                 "cho tiểu thương các chợ.", date="09/08/2021")
    assert draft.places[0].label == "thành phố Đông Triều, tỉnh Quảng Ninh"
    assert any('"thị xã Đông Triều" is read as' in note for note in draft.review)


def test_a_unit_whose_type_changed_since_is_read_in_the_province_the_text_names():
    # huyện Phong Điền of Thừa Thiên Huế is thị xã Phong Điền in the register; the huyện of that name is Cần Thơ's
    lead = "Sáng 12/11, Hội Nông dân tỉnh Thừa Thiên Huế trao 200 suất quà cho nông dân huyện Phong Điền bị thiệt hại do lũ."
    draft = page("Trao quà cho nông dân vùng lũ", lead, "Mỗi suất quà trị giá 500 nghìn đồng.", date="12/11/2020")
    assert draft.places[0].label == "thị xã Phong Điền, thành phố Huế"
    assert any('"huyện Phong Điền" is read as thị xã Phong Điền' in note for note in draft.review)
    # a commune of it, made a ward since, is read there too, and so is its parent written beside it
    draft = page("Trao quà cho nông dân vùng lũ", lead.replace("huyện Phong Điền", "xã Phong Hòa (huyện Phong Điền)"),
                 date="12/11/2020")
    assert draft.places[0].label == "phường Phong Hòa, thị xã Phong Điền, thành phố Huế"
    # the province of the unit of that type named, or none: the unit of that type
    for named in ("Cần Thơ", ""):
        text = lead.replace("tỉnh Thừa Thiên Huế", f"thành phố {named}" if named else "xã")
        assert page("Trao quà cho nông dân vùng lũ", text, date="12/11/2020").places[0].label == \
            "huyện Phong Điền, thành phố Cần Thơ"


@pytest.mark.parametrize("written, label", [
    ("UBND tỉnh Bà Rịa – Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu"),                     # a hyphenated name, spaced
    ("UBND tỉnh Bà Rịa-Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu"),                       # or not
    ("Thành Đoàn thành phố Phan Rang-Tháp Chàm", "thành phố Phan Rang - Tháp Chàm, tỉnh Ninh Thuận"),
    ("Công an phường Dương Đông-An Thới, thành phố Phú Quốc",                      # two units: the first read
     "phường Dương Đông, thành phố Phú Quốc, tỉnh Kiên Giang"),
    ("UBND xã Đại Đồng - Thành phố Hải Phòng",                                       # a dash before the next unit
     "xã Đại Đồng, huyện Kiến Thụy, thành phố Hải Phòng"),                          # (not xã Đại Đồng Thành)
])
def test_a_units_name_joined_by_a_hyphen_is_read_whole_when_it_names_one_unit(written, label):
    draft = page("Ra quân làm sạch môi trường năm 2020", f"Sáng 5/3, {written} tổ chức lễ ra quân, mỗi đoàn viên "
                 "trồng một cây xanh.", date="05/03/2020")
    assert draft.places[0].label == label
    assert not any("was left out" in note for note in draft.review)


@pytest.mark.parametrize("written, label", [
    # made a ward since: xã Lê Hồ of huyện Kim Bảng (2019) is phường Lê Hồ of thị xã Kim Bảng in the register
    ("xã Lê Hồ, huyện Kim Bảng", "phường Lê Hồ, thị xã Kim Bảng, tỉnh Hà Nam"),
    ("xã Ea Kuếh, huyện Cư M'gar", "xã Ea Kuêh, huyện Cư M'gar, tỉnh Đắk Lắk"),  # spelt otherwise than the register
])
def test_a_commune_no_unit_of_its_type_is_read_as_the_one_of_its_name_in_a_unit_the_text_names(written, label):
    draft = page("Ra quân làm đường giao thông nông thôn", f"Sáng 5/4, {written} ra quân làm đường giao thông.")
    assert draft.places[0].label == label
    assert any("the one unit of the name in" in note for note in draft.review)


def test_a_commune_none_of_its_type_in_the_parent_written_beside_it_is_the_one_there_of_another_type():
    # xã Hòa Long of Bắc Ninh is a ward in the register (with no record of the commune); two communes of that
    # name are elsewhere
    draft = page("Ra quân làm đường giao thông", "Sáng 5/4, xã Hòa Long, thành phố Bắc Ninh ra quân làm đường.")
    assert draft.places[0].label == "phường Hòa Long, thành phố Bắc Ninh, tỉnh Bắc Ninh"
    assert not any("was left out" in note for note in draft.review)


def test_a_name_two_units_the_text_names_hold_is_read_in_the_district_rather_than_the_province():
    draft = page("Thành phố Phúc Yên ra mắt", "Thành phố Phúc Yên, cách thủ đô Hà Nội 30 km, gồm các phường Đồng "
                 "Xuân, Hùng Vương và các xã Cao Minh, Ngọc Thanh.", date="10/03/2019")
    assert "phường Đồng Xuân, thành phố Phúc Yên, tỉnh Vĩnh Phúc" in [p.label for p in draft.places]


def test_a_commune_no_unit_of_its_type_in_no_unit_the_text_names_is_left_out():
    draft = page("Ra quân làm đường giao thông nông thôn", "Sáng 5/4, xã Ea Kuếh ra quân làm đường giao thông.")
    assert draft.places == [] and any('"xã Ea Kuếh" was left out' in note for note in draft.review)


@pytest.mark.parametrize("title, lead, label", [
    # a headline with every word capitalised reads like one in capitals: the longest run naming a unit
    ("Xã Mường Phăng Thực Hiện Tốt Tiêu Chí Văn Hóa", "Năm 2019, nhân dân trong xã đã xây dựng 12 nhà văn hóa thôn.",
     "xã Mường Phăng, thành phố Điện Biên Phủ, tỉnh Điện Biên"),
    # a name runs on into the type words of the next unit
    ("Ra mắt chi hội phụ nữ", "Hội LHPN xã Hải Xuân Thành phố Móng Cái vừa ra mắt chi hội phụ nữ thôn 3.",
     "xã Hải Xuân, thành phố Móng Cái, tỉnh Quảng Ninh"),
    # a commune's Youth Union written with a capital: "Xã Đoàn" is no name ("xã Đoàn Kết" is)
    ("Ra quân mùa hè xanh", "Xã Đoàn An Thới Đông ra quân chiến dịch mùa hè xanh năm 2019.",
     "xã An Thới Đông, huyện Cần Giờ, thành phố Hồ Chí Minh"),
])
def test_a_units_name_is_cut_where_the_words_after_it_are_no_part_of_it(title, lead, label):
    draft = page(title, lead, "Các hoạt động kéo dài đến hết tháng 8.", url="https://www.example.vn/tin-12.html")
    assert draft.places[0].label == label
    assert not any("was left out" in note for note in draft.review)


@pytest.mark.parametrize("lead, label", [
    # the headline says the district, the lead the commune in it: the commune
    ("Sáng 5/1, tại xã Đông Thành, huyện Yên Thành, Huyện đoàn tổ chức chương trình Xuân tình nguyện cho 200 "
     "thiếu nhi.", "xã Đông Thành, huyện Yên Thành, tỉnh Nghệ An"),
    ("Sáng 5/1, tại Nhà văn hóa xóm 3, xã Đông Thành, Huyện đoàn tổ chức chương trình Xuân tình nguyện.",
     "xã Đông Thành, huyện Yên Thành, tỉnh Nghệ An"),
    # two communes in it: the district
    ("Sáng 5/1, Huyện đoàn tổ chức chương trình Xuân tình nguyện tại xã Đông Thành và ngày 6/1 tại xã Long "
     "Thành.", "huyện Yên Thành, tỉnh Nghệ An"),
])
def test_the_commune_the_lead_says_a_story_happened_in_inside_the_headlines_district(lead, label):
    draft = page("Chương trình Xuân tình nguyện tại huyện Yên Thành", lead, "Các em được tặng quà và sách vở.",
                 date="06/01/2023")
    assert draft.places[0].label == label


def test_the_leads_venue_does_not_outrank_a_headline_that_says_no_place():
    draft = page("Chương trình Xuân tình nguyện năm 2023", "Sáng 5/1, UBND huyện Yên Thành tổ chức chương trình "
                 "Xuân tình nguyện tại xã Đông Thành cho thiếu nhi toàn huyện.", "Huyện Yên Thành trao 300 suất quà.",
                 date="06/01/2023")
    assert draft.places[0].label == "huyện Yên Thành, tỉnh Nghệ An"


@pytest.mark.parametrize("written, label", [
    ("UBND Quảng Nam", "tỉnh Quảng Nam"),                            # bare after an organisation's initials
    ("UBND TPHCM", "thành phố Hồ Chí Minh"), ("Hội Nông dân Sài Gòn", "thành phố Hồ Chí Minh"),
    ("MTTQ Thừa Thiên Huế", "thành phố Huế"),                         # the province's name before 2025
    ("UBND Bà Rịa – Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu"),
])
def test_a_province_written_bare_by_any_name_papers_give_it(written, label):
    draft = page("Ra quân làm đường giao thông", f"Sáng 5/4, {written} tổ chức ra quân làm đường giao thông.")
    assert draft.localities[:1] == [label]


def test_a_bare_province_name_inside_a_persons_name_is_no_place():
    draft = page("Ra quân làm đường giao thông", "Sáng 5/4, ông Nguyễn Quảng Nam ra quân làm đường giao thông.")
    assert draft.places == []


def test_a_province_before_the_reform_named_in_a_later_article_is_read_as_the_one_that_took_it_over():
    draft = page("Ra quân làm đường giao thông", "Sáng 5/9, nhân dân tỉnh Quảng Nam (cũ) ra quân làm đường giao "
                 "thông nông thôn.", date="05/09/2025")
    assert draft.localities[:1] == ["thành phố Đà Nẵng"]
    assert any('"tỉnh Quảng Nam" is a unit before 1 July 2025' in note for note in draft.review)
    # a former district or commune stays out, with its note (a later article names them as history)
    draft = page("Ra quân làm đường giao thông", "Sáng 5/9, huyện Tây Giang (cũ) ra quân làm đường giao thông.",
                 date="05/09/2025")
    assert draft.places == [] and any('"huyện Tây Giang" was left out' in note for note in draft.review)


def test_a_state_farms_township_is_read_as_papers_write_it():
    for written in ("thị trấn Nông trường Phong Hải", "thị trấn NT Phong Hải"):
        draft = page("Ra quân làm đường giao thông", f"Sáng 5/4, UBND {written} ra quân làm đường giao thông.")
        assert draft.places[0].label == "thị trấn Nông trường Phong Hải, huyện Bảo Thắng, tỉnh Lào Cai"


def test_a_person_after_a_bare_type_word_is_no_place_and_no_note():
    draft = page("Gặp mặt cán bộ hội nông dân", "Phó Chủ tịch UBND tỉnh Trần Thế Dũng và Huyện Đoàn Kỳ Anh dự buổi "
                 "gặp mặt tại huyện Kỳ Anh, tỉnh Hà Tĩnh.")
    assert draft.places[0].label == "huyện Kỳ Anh, tỉnh Hà Tĩnh"
    assert not any("Trần Thế Dũng" in note or '"huyện Đoàn"' in note for note in draft.review)


def test_a_district_spelt_otherwise_than_the_register_is_read_with_a_note():
    draft = page("Hỗ trợ bà con thoát nghèo từ đất rừng nghèo kiệt",
                 "Với huyện Mù Cang Chải, có trên 61.000 dân, cây sơn tra là cây xóa đói giảm nghèo.", date="05/07/2019")
    assert draft.places[0].label == "huyện Mù Căng Chải, tỉnh Yên Bái"
    assert any("written so in the register" in note for note in draft.review)
    # a commune's name without its diacritics matches too many: none is guessed
    assert page("Ra quân làm đường", "Sáng 5/4, xã Tan Lap ra quân làm đường giao thông.").places == []


def test_a_province_the_headline_names_bare_gives_way_to_the_one_commune_the_text_is_about():
    draft = page("Niềm vui trúng mùa tôm càng xanh của nông dân Cà Mau",
                 "Năm nay, không khí Tết ở vùng quê Cà Mau sung túc hơn. Ghi nhận tại xã Biển Bạch Đông, huyện Thới "
                 "Bình, tỉnh Cà Mau, bà con đang thu hoạch tôm càng xanh trên ruộng lúa.", date="20/01/2020")
    assert draft.places[0].short == "Biển Bạch Đông"


def test_a_province_the_headline_names_bare_stays_over_units_of_several_districts():
    draft = page("Nông dân Cà Mau trúng mùa tôm càng xanh",
                 "Nông dân xã Biển Bạch Đông, huyện Thới Bình và xã Khánh Bình, huyện Trần Văn Thời đang thu hoạch tôm.",
                 date="20/01/2020")
    assert draft.places[0].short == "Cà Mau"


def test_a_province_opening_the_headline_gives_way_to_the_one_commune_the_text_is_about():
    draft = page("Sóc Trăng: Khá lên nhờ tôm - lúa",
                 "Xã Hòa Tú 1, huyện Mỹ Xuyên, hồi nào thuộc loại nghèo nhất huyện, nhờ tôm - lúa mà khá lên nhiều. "
                 "Phó Chủ tịch UBND xã cho biết đời sống người dân đỡ vất vả hơn trước.", date="20/01/2017")
    assert draft.places[0].short == "Hòa Tú 1"


def test_a_district_opening_the_headline_gives_way_to_the_one_commune_the_text_names_more_often():
    prose = ("Xã Phúc Sơn, Anh Sơn vừa ra mắt đội xung kích tình nguyện giữ yên vùng biên. Phúc Sơn là xã duy "
             "nhất của huyện Anh Sơn có đường biên giới; đội của xã Phúc Sơn gồm 19 thành viên.")
    url = "https://truyenhinhnghean.example.vn/phap-luat/x.html"
    draft = page("Anh Sơn: Ra mắt đội xung kích tình nguyện vùng biên", prose, date="11/04/2019", url=url)
    assert draft.places[0].label == "xã Phúc Sơn, huyện Anh Sơn, tỉnh Nghệ An"
    # named as often as the district: the district stays the subject
    even = ("Các xã trên địa bàn thị xã Hoài Nhơn trao 1.740 suất quà cho hộ khó khăn; Chủ tịch Ủy ban MTTQ thị "
            "xã tặng quà cho hộ dân tại xã Hoài Mỹ.")
    draft = page("Hoài Nhơn trao 1.740 suất quà cho người dân khó khăn", even, date="25/08/2021")
    assert draft.places[0].label == "thị xã Hoài Nhơn, tỉnh Bình Định"


def test_a_ward_named_once_more_than_the_others_of_its_list_does_not_stand_out():
    draft = page("Đoàn Thanh niên cụm 1 ra quân hưởng ứng Tháng thanh niên",
                 "Đoàn Thanh niên cụm 1 gồm Phường 1, Phường 4 và Phường 8, thành phố Sóc Trăng vừa tổ chức lễ ra "
                 "quân hưởng ứng Tháng thanh niên năm 2025.", "Lễ ra quân diễn ra tại Phường 4 với hơn 100 đoàn viên.",
                 date="05/03/2025")
    assert draft.places[0].label == "thành phố Sóc Trăng, tỉnh Sóc Trăng"


def test_a_communes_portal_calling_itself_xa_is_the_place_when_the_text_names_only_its_district():
    """On xã Mỹ Thạnh's portal, an article about one of its hamlets names the district once (a guest's title)
    and calls the commune "xã": the commune is the place, from the portal's address, with a note."""
    draft = page("Ấp Bến Đò tổ chức ngày hội đại đoàn kết toàn dân tộc",
                 "Chiều 8/11, Ban công tác Mặt trận ấp Bến Đò tổ chức kỷ niệm ngày thành lập Mặt trận. Dự có ông Phạm "
                 "Minh Chiến, Ủy viên thường trực Ủy ban MTTQ Việt Nam huyện Giồng Trôm, ông Nguyễn Hoàng Thái, Bí thư "
                 "Đảng ủy xã và đông đảo nhân dân trong ấp.", date="10/11/2017",
                 url="https://mythanhgiongtrom.bentre.gov.vn/tin-tuc/ap-ben-do.html")
    assert draft.places[0].label == "xã Mỹ Thạnh, huyện Giồng Trôm, tỉnh Bến Tre"
    assert draft.places[1].label == "huyện Giồng Trôm, tỉnh Bến Tre"
    assert any("without its name" in note for note in draft.review)
    others = page("Các xã ra quân làm đường giao thông nông thôn",
                  "Sáng 8/11, huyện Giồng Trôm tổ chức lễ ra quân; các xã, thị trấn đồng loạt ra quân làm đường.",
                  date="10/11/2017", url="https://mythanhgiongtrom.bentre.gov.vn/tin-tuc/ra-quan.html")
    assert others.places[0].label == "huyện Giồng Trôm, tỉnh Bến Tre"  # "các xã": not the commune itself


def test_a_unit_the_headline_names_with_several_units_inside_it_comes_first():
    """"Huyện Đắk Mil … công bố xã Đắk Gằn …, xã Đức Minh, xã Thuận An …": about the three, so the district first
    (one unit inside it would come first: where it happened)."""
    draft = page("Huyện Đắk Mil công bố xã Đắk Gằn đạt chuẩn nông thôn mới, xã Đức Minh, xã Thuận An đạt chuẩn nâng cao",
                 "Chiều 17/5, UBND huyện Đắk Mil tổ chức họp triển khai lễ công bố xã Đắk Gằn, xã Đức Minh và xã Thuận "
                 "An đạt chuẩn nông thôn mới.", date="18/05/2024")
    assert draft.places[0].label == "huyện Đắk Mil, tỉnh Đắk Nông"


def test_an_undated_page_whose_lead_names_a_day_after_the_reform_is_read_in_the_new_units():
    """phường Phạm Sư Mạnh was a ward of Hải Dương's Kinh Môn before 1 July 2025 and is one of Hải Phòng after it:
    an undated page whose lead's event is of October 2025 is read in the new units."""
    lead = ("Sáng ngày 25/10/2025, Đảng ủy phường Phạm Sư Mạnh tổ chức hội nghị tiếp xúc, đối thoại trực tiếp "
            "với nhân dân các tổ dân phố trên địa bàn.")
    draft = extract_text("\n".join(("Phường Phạm Sư Mạnh đối thoại với nhân dân", lead)), gazetteer(),
                         url="https://phamsumanh.haiphong.gov.vn/tin-tuc/doi-thoai.html")
    assert draft.places[0].label == "phường Phạm Sư Mạnh, thành phố Hải Phòng"
    assert any("the lead names 2025-10-25" in note for note in draft.review)


def test_an_address_naming_one_of_two_districts_settles_a_commune_the_text_names_ambiguously():
    """"tuoitrephuninh.net" is huyện Phù Ninh's (Phú Thọ) or huyện Phú Ninh's (Quảng Nam) Youth Union: not a place
    of its own, but of the communes named "Tam Thái" only Quảng Nam's lies in one of them."""
    draft = page("Đoàn xã Tam Thái ra quân ngày thứ bảy tình nguyện",
                 "Sáng 12/3, Đoàn xã Tam Thái phối hợp với chi đoàn cơ quan tổ chức lễ kết nghĩa và ra quân dọn vệ sinh.",
                 date="13/03/2013", url="http://tuoitrephuninh.net/tin-tuc/tam-thai-ra-quan.html")
    assert draft.places[0].label == "xã Tam Thái, huyện Phú Ninh, tỉnh Quảng Nam"
    alone = page("Đoàn thanh niên ra quân ngày thứ bảy tình nguyện",
                 "Sáng 12/3, đoàn viên thanh niên ra quân dọn vệ sinh môi trường.", date="13/03/2013",
                 url="http://tuoitrephuninh.net/tin-tuc/ra-quan.html")
    assert alone.places == []  # the address alone names neither district


LEAD_AT = ("Ngày 5/3, Hội Nông dân huyện Yên Thế tổ chức ngày hội trồng cây ăn quả tại xã Đồng Tâm, với sự tham gia "
           "của hơn 200 hội viên nông dân.")
MORE_AT = ("Dịp này, Hội Nông dân huyện Yên Thế trao tặng 500 cây giống bưởi, cam cho các hộ hội viên có hoàn cảnh "
           "khó khăn; huyện Yên Thế hỗ trợ phân bón và hướng dẫn kỹ thuật chăm sóc.")


@pytest.mark.parametrize("wide", [
    "Toàn huyện hiện có hơn 3.000 ha cây ăn quả, cho thu nhập bình quân 120 triệu đồng mỗi héc-ta.",
    "Năm nay, các xã phấn đấu trồng mới 150 ha cây ăn quả theo tiêu chuẩn VietGAP.",
    "Mô hình sẽ được nhân rộng ra 8 xã trong năm 2023.",
    "Trên địa bàn huyện hiện có 12 hợp tác xã trồng cây ăn quả.",
])
def test_a_headlines_bare_district_stays_first_when_the_text_speaks_of_it_as_a_whole_or_of_several_communes(wide):
    draft = page("Yên Thế: Ngày hội trồng cây ăn quả", LEAD_AT, MORE_AT, wide, date="05/03/2023")
    assert draft.places[0].short == "Yên Thế"


def test_the_one_unit_inside_a_headlines_bare_province_takes_its_place_over_units_named_in_lists():
    draft = page("Ra mắt Câu lạc bộ thơ ở Đồng Nai",
                 "Vào ngày 25.10.2022, thành phố Biên Hòa, tỉnh Đồng Nai đã diễn ra lễ ra mắt Câu lạc bộ thơ gồm 19 thành "
                 "viên, đến từ tỉnh Đồng Nai và một số tỉnh lân cận là Bình Dương, Bình Phước, Tây Ninh.",
                 "Các thành viên gồm: Khôi Vũ (Đồng Nai), Cát Du (Bình Dương), Biên Linh (Bình Phước), Minh Hạ "
                 "(Tây Ninh), Lê Xuân (Bình Dương).", date="26/10/2022")
    assert draft.places[0].label == "thành phố Biên Hòa, tỉnh Đồng Nai"


def test_a_cooperative_named_after_a_commune_is_no_mention_of_it():
    """"Hợp tác xã Tân Lập" is a cooperative; the commune it works in is named after it."""
    draft = page("Hợp tác xã Tân Lập mở rộng vùng trồng chè an toàn",
                 "Ngày 5/3, Hợp tác xã Tân Lập tại xã Phú Đô, huyện Phú Lương tổ chức trồng mới 10 ha chè theo "
                 "tiêu chuẩn VietGAP.", "Hợp tác xã Tân Lập hiện có 40 thành viên.")
    assert draft.places[0].label == "xã Phú Đô, huyện Phú Lương, tỉnh Thái Nguyên"
    assert [p.short for p in draft.places] == ["Phú Đô", "Phú Lương"][:len(draft.places)]
    assert not any("Tân Lập" in note for note in draft.review)


@pytest.mark.parametrize("prose", [
    "Ưu tiên các xã An toàn khu và xã đảo trong phân bổ vốn.",            # xã An Toàn is in Bình Định
    "UBND huyện trao quà cho hộ nghèo tại 5 xã Biên giới của huyện.",     # xã Biên Giới is in Tây Ninh
    "Huyện có thêm 3 xã Văn hóa nông thôn mới.",                          # xã Văn Hóa is in Quảng Bình
    "Ủy ban MTTQ huyện Lục yên bàn giao 12 nhà Đại đoàn kết.",            # written so, a name keeps its note
])
def test_a_name_run_on_in_lowercase_is_no_unit_elsewhere(prose):
    draft = page("Huyện Phú Lương ra quân xây dựng nông thôn mới",
                 "Ngày 5/3, UBND huyện Phú Lương ra quân xây dựng nông thôn mới năm 2019.", prose)
    assert [p.label for p in draft.places] == ["huyện Phú Lương, tỉnh Thái Nguyên"]


@pytest.mark.parametrize("prose", [
    "Góp phần cùng với xã Hoàn thành tiêu chí số 6 về cơ sở vật chất văn hóa.",   # a word with a capital
    "Huyện phấn đấu đến năm 2025 có 10 xã Nông thôn mới kiểu mẫu.",
    "Chủ tịch Ủy ban MTTQ tỉnh Nông Thị Kim Cúc trao quà cho các hộ.",          # a person's name, "Thị" second
])
def test_common_words_and_peoples_names_after_a_type_word_get_no_left_out_note(prose):
    draft = page("Huyện Phú Lương ra quân xây dựng nông thôn mới",
                 "Ngày 5/3, UBND huyện Phú Lương ra quân xây dựng nông thôn mới năm 2019.", prose)
    assert draft.places[0].label == "huyện Phú Lương, tỉnh Thái Nguyên"
    assert not any("was left out" in note for note in draft.review)
    # a name of one word that no unit bears, followed by a capital or a full stop, keeps its note
    draft = page("Huyện Phú Lương ra quân", "Ngày 5/3, UBND huyện Phú Lương ra quân tại xã Hoàn, huyện Phú Lương.")
    assert any('"xã Hoàn" was left out' in note for note in draft.review)


@pytest.mark.parametrize("prose", [
    "Đoàn đã làm việc với Trạm kiểm soát biên phòng Hà Khẩu, tỉnh Vân Nam (Trung Quốc) về tình hình xuất nhập cảnh.",
    "Huyện Phú Lương giao hữu bóng đá với 3 tỉnh Bắc Lào và tỉnh Hủa Phăn, nước CHDCND Lào.",
    "Câu lạc bộ thu hút hội viên của các tỉnh Tây Nguyên và một số tỉnh Đông Nam Bộ.",
    "THỜI KỲ TỈNH BẮC THÁI CHIA TÁCH THÀNH TỈNH THÁI NGUYÊN VÀ TỈNH BẮC KẠN",  # a heading in capitals
    "XÂY DỰNG XÃ AN TOÀN VỀ AN NINH TRẬT TỰ",                                 # no unit read in it either
])
def test_units_abroad_regions_and_headings_in_capitals_get_no_left_out_note(prose):
    draft = page("Huyện Phú Lương tổng kết phong trào thể dục thể thao",
                 "Ngày 5/3, UBND huyện Phú Lương tổng kết phong trào thể dục thể thao năm 2018.", prose)
    assert draft.places[0].label == "huyện Phú Lương, tỉnh Thái Nguyên"
    assert not any("An Toàn" in p.label for p in draft.places)
    assert not any("was left out" in note for note in draft.review)


@pytest.mark.parametrize("prose, label", [
    ("Đoàn khảo sát cột mốc tại điểm tiếp giáp giữa xã Bờ Y, Lào và Campuchia.",   # a meeting point, not Laos
     "xã Pờ Y, huyện Ngọc Hồi, tỉnh Kon Tum"),
    ("Sản phẩm đã có mặt tại thành phố Hồ Chí Minh, Singapore và Nhật Bản.", "thành phố Hồ Chí Minh"),
])
def test_a_unit_before_a_countrys_name_in_a_list_is_read(prose, label):
    draft = page("Huyện Phú Lương ra quân", "Ngày 5/3, UBND huyện Phú Lương ra quân.", prose)
    assert label in [p.label for p in draft.places]


def test_a_unit_after_a_countrys_name_that_begins_a_units_name_is_read():
    """"Đức" and "Mỹ" begin units' names ("Mỹ An"): a unit written after them is no unit abroad."""
    draft = page("Trao quà cho hộ nghèo", "Ngày 5/3, Hội Nông dân huyện Tháp Mười, Mỹ An trao quà cho hộ nghèo tại xã "
                 "Long Đức, thành phố Trà Vinh.")
    assert {"xã Long Đức, thành phố Trà Vinh, tỉnh Trà Vinh", "huyện Tháp Mười, tỉnh Đồng Tháp"} <= set(
        p.label for p in draft.places)


def test_a_unit_listed_first_over_the_one_unit_inside_it_asks_which_the_story_is_about():
    """Labellers split evenly between a district and the one commune in it that the text names: the curator is
    asked to check; one unit alone, or several inside it, ask nothing."""
    draft = page("Huyện Yên Thành ra quân làm thủy lợi nội đồng",
                 "Sáng 5/1, UBND huyện Yên Thành tổ chức lễ ra quân làm thủy lợi nội đồng năm 2023 tại xã Đông Thành.",
                 "Toàn huyện Yên Thành nạo vét 30 km kênh mương.", date="06/01/2023")
    assert draft.localities[:2] == ["huyện Yên Thành, tỉnh Nghệ An", "xã Đông Thành, huyện Yên Thành, tỉnh Nghệ An"]
    assert ("locality: huyện Yên Thành is listed first and xã Đông Thành, inside it, is listed too: check which one "
            "the story is mainly about") in draft.review
    for lead in ("Sáng 5/1, UBND xã Đông Thành, huyện Yên Thành tổ chức lễ ra quân làm thủy lợi nội đồng năm 2023.",
                 "Sáng 5/1, huyện Yên Thành ra quân làm thủy lợi tại xã Đông Thành, xã Long Thành và xã Tân Thành."):
        draft = page("Ra quân làm thủy lợi nội đồng", lead, date="06/01/2023")
        assert not any("is listed first" in note for note in draft.review)
