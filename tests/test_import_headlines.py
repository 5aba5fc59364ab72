"""Finding the headline (issue 20 §1): junk before it, organisations' names at its start, a line
that runs a category label, the headline and the lead together, an HTML page whose <title> is
the portal's name; the page's address, the title printed twice and the article-title element
as signals.

Each page is written for the rule it tests; none is taken from the held-out set.
"""

from __future__ import annotations

import pytest

from archivist.importer.extract import extract_html, extract_text
from archivist.importer.headline import slug_words
from archivist.model.places import gazetteer

LEAD = ("Sáng 3/5, UBND xã tổ chức lễ khánh thành công trình cấp nước sinh hoạt tập trung, đáp ứng nhu cầu "
        "sử dụng nước sạch cho hơn 400 hộ dân của hai thôn vùng cao.")
MORE = ("Công trình có tổng mức đầu tư gần 5 tỷ đồng từ nguồn vốn Chương trình mục tiêu quốc gia, gồm đập đầu "
        "mối, bể lọc và hơn 7 km đường ống dẫn nước đến từng cụm dân cư.")


def text_page(*lines: str, url: str | None = None):
    return extract_text("\n".join(lines), gazetteer(), url=url)


def test_slug_words_skip_ids_and_folders():
    assert slug_words("https://x.vn/tin-tuc/5/1887/xa-an-binh-don-tet.html") == ["xa", "an", "binh", "don", "tet"]
    assert slug_words("https://x.vn/kinh-te/nong-dan-trung-mua-post2512.html")[-1] == "post2512"
    assert slug_words("https://x.vn/") == []


def test_the_line_the_address_spells_is_the_headline():
    """A teaser of other news, with its own lead, comes first; the address names the article."""
    draft = text_page(
        "Tin nổi bật",
        "Xã Hòa Bình đón nhận danh hiệu Anh hùng Lực lượng vũ trang",
        "Sáng nay, xã Hòa Bình long trọng tổ chức lễ đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân "
        "thời kỳ kháng chiến chống Mỹ cứu nước.",
        "Thị trấn Phú Hòa ra mắt tuyến phố văn minh đô thị",
        "20/04/2023", LEAD, MORE,
        url="https://phuhoa.example.gov.vn/tin-tuc/thi-tran-phu-hoa-ra-mat-tuyen-pho-van-minh-do-thi-a5521.html")
    assert draft.title == "Thị trấn Phú Hòa ra mắt tuyến phố văn minh đô thị"
    assert draft.date.iso == "2023-04-20" and draft.body.startswith("Sáng 3/5")


@pytest.mark.parametrize("label, stamp", [("TIN TỨC ", "12/03/2023 "), ("Tin tức - Sự kiện ", ""), ("", "12/03/2023 08:30 ")])
def test_a_label_the_headline_its_date_and_the_lead_on_one_line_are_split_without_an_address(label, stamp):
    draft = text_page(f"{label}Người dân Hòa Vang phấn khởi đón nước sạch về thôn {stamp}{LEAD}", MORE)
    assert draft.title == "Người dân Hòa Vang phấn khởi đón nước sạch về thôn"
    assert draft.body.startswith("Sáng 3/5, UBND xã tổ chức") and (draft.date.iso == "2023-03-12" if stamp else True)
    assert label.strip() in draft.removed or not label


@pytest.mark.parametrize("line", [
    "Bùi Ánh - 14:20 28/09/2023 GMT+7",  # a byline and its date stamp: no lead after it
    "Xã hội Huế – Chiều 24-10, Hội Bảo trợ Người khuyết tật tỉnh tổ chức trao quà cho các em học sinh nghèo.",
])
def test_a_line_with_a_day_or_a_stamp_that_is_no_headline_and_lead_stays_whole(line):
    from archivist.importer.pagelines import run_together
    assert run_together(line) == [line]


def test_a_category_the_headline_and_the_lead_on_one_line_are_split():
    draft = text_page(
        "Xã hội Người dân Hòa Vang phấn khởi đón nước sạch về thôn " + LEAD, MORE,
        url="https://example.vn/xa-hoi/nguoi-dan-hoa-vang-phan-khoi-don-nuoc-sach-ve-thon-post77120.html")
    assert draft.title == "Người dân Hòa Vang phấn khởi đón nước sạch về thôn"
    assert draft.body.startswith("Sáng 3/5, UBND xã tổ chức")
    assert "Xã hội" in draft.removed


def test_a_place_before_a_colon_stays_in_the_headline():
    draft = text_page("Hòa Vang: Người dân phấn khởi đón nước sạch về thôn", LEAD, MORE,
                      url="https://example.vn/nguoi-dan-phan-khoi-don-nuoc-sach-ve-thon-1234.html")
    assert draft.title == "Hòa Vang: Người dân phấn khởi đón nước sạch về thôn"


def test_a_slug_that_is_not_the_headline_cuts_nothing():
    draft = text_page("Đoàn viên phường Trà An ra quân dọn dẹp kênh mương thoát nước", LEAD, MORE,
                      url="https://example.gov.vn/tin-tuc/ra-quan-don-dep-2023")
    assert draft.title == "Đoàn viên phường Trà An ra quân dọn dẹp kênh mương thoát nước"


def test_an_organisations_name_may_start_the_headline():
    draft = text_page("Trang chủ", "Pháp luật", "An ninh trật tự",
                      "Công an huyện Phú Lương bắt giữ đối tượng trộm cắp xe máy",
                      "Thứ Sáu, 14/07/2023 - 10:05",
                      "Ngày 13/7, Công an huyện Phú Lương cho biết đơn vị vừa bắt giữ một đối tượng trộm cắp tài sản "
                      "là xe máy của người dân trên địa bàn xã Yên Lạc.", MORE)
    assert draft.title == "Công an huyện Phú Lương bắt giữ đối tượng trộm cắp xe máy"
    assert {"Pháp luật", "An ninh trật tự"} <= set(draft.removed)


def test_junk_before_the_headline_a_publish_label_and_a_breadcrumb_repeating_it():
    draft = text_page("Cổng thông tin điện tử huyện Thạch Hà", "Tin tức › Hoạt động các xã › Xã Thạch Lạc khánh "
                      "thành nhà văn hóa thôn", "Xuất bản", "Xã Thạch Lạc khánh thành nhà văn hóa thôn",
                      "09/01/2023", LEAD, MORE)
    assert draft.title == "Xã Thạch Lạc khánh thành nhà văn hóa thôn"
    assert "Xuất bản" in draft.removed and draft.body.startswith("Sáng 3/5")


def test_the_headline_printed_twice():
    """Printed as the page's heading, then over the article after the paper's name; a subheading
    follows it."""
    title = "Nông dân Tân Phước thu hoạch khóm trúng mùa được giá"
    draft = text_page(title, "BÁO ĐIỆN TỬ TỈNH", "Kinh tế", title,
                      "Giá khóm tăng cao, nông dân có lãi khá", LEAD, MORE)
    assert draft.title == title and draft.body.count(title) == 0
    assert draft.body.startswith("Giá khóm tăng cao")



def test_a_caption_printed_twice_inside_the_article_is_not_the_headline():
    """A gallery prints a photo's caption under the photo and again in its viewer; the headline,
    printed once, stands before the article's first paragraph."""
    title = "Xã Hòa Phong khánh thành công trình cấp nước sinh hoạt tập trung"
    caption = "Lãnh đạo xã cắt băng khánh thành công trình cấp nước cho hai thôn vùng cao"
    draft = text_page(title, "12/05/2023", LEAD, caption, caption, MORE, "Minh Anh")
    assert draft.title == title
    assert draft.body.startswith("Sáng 3/5")

HTML = """<html><head><title>{title}</title></head><body>
<div class="banner"><h1>CỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN THÀNH</h1></div>
<div class="content"><div class="cate-title">Tin hoạt động</div>
{headline}
<div class="detail-date">15/03/2023</div>
<p>{lead}</p><p>{more}</p></div>
<div class="bottom"><p>Cổng thông tin điện tử xã Tân Thành</p><p>Địa chỉ: ấp 3, xã Tân Thành</p></div>
</body></html>"""


def test_html_title_that_is_the_portals_name_is_not_the_headline():
    page = HTML.format(title="Cổng thông tin điện tử xã Tân Thành", lead=LEAD, more=MORE,
                       headline='<div class="detail-title">Xã Tân Thành ra quân làm giao thông nông thôn</div>')
    draft = extract_html(page, gazetteer())
    assert draft.title == "Xã Tân Thành ra quân làm giao thông nông thôn"


def test_html_itemprop_headline_is_the_article_title():
    page = HTML.format(title="Trang chủ", lead=LEAD, more=MORE,
                       headline='<h2 itemprop="headline">Xã Tân Thành ra quân làm giao thông nông thôn</h2>')
    draft = extract_html(page, gazetteer())
    assert draft.title == "Xã Tân Thành ra quân làm giao thông nông thôn"
    assert "Tin hoạt động" not in draft.body


def test_a_teaser_of_other_news_printed_in_two_boxes_is_not_the_headline():
    teaser = "Xã Hòa Phong tổ chức lễ ra quân tổng vệ sinh môi trường"
    draft = text_page("Tin nổi bật", teaser, "Phường Hòa Thọ Đông ra mắt câu lạc bộ dưỡng sinh", "Tin mới", teaser,
                      "Huyện Hòa Vang khai mạc hội thi văn nghệ quần chúng", "Xã Hòa Tiến đón nhận Bằng công nhận "
                      "nông thôn mới", "12/05/2023", LEAD, MORE)
    assert draft.title == "Xã Hòa Tiến đón nhận Bằng công nhận nông thôn mới"


def test_title_classed_teasers_before_the_article_are_not_the_headline():
    page = f"""<html><head><title>Tin tức</title></head><body><div class="col-left">
<div class="title">Huyện Hòa Vang khai mạc hội thi văn nghệ quần chúng năm 2023</div>
<div class="title">Phường Hòa Thọ Đông ra mắt câu lạc bộ dưỡng sinh người cao tuổi</div></div>
<div class="col-main"><h3>Xã Hòa Tiến đón nhận Bằng công nhận nông thôn mới nâng cao</h3>
<p>12/05/2023</p><p>{LEAD}</p><p>{MORE}</p></div></body></html>"""
    assert extract_html(page, gazetteer()).title == "Xã Hòa Tiến đón nhận Bằng công nhận nông thôn mới nâng cao"


def test_a_headline_repeated_in_a_list_below_the_article_is_still_the_headline():
    title = "Xã Hòa Tiến đón nhận Bằng công nhận nông thôn mới nâng cao"
    page = f"""<html><head><meta property="og:title" content="{title}"></head><body>
<h1>{title}</h1><p>12/05/2023</p><p>{LEAD}</p><p>{MORE}</p>
<div class="list-news"><p>Tin cùng chuyên mục</p><p>{title}</p><p>Huyện Hòa Vang khai mạc hội thi</p></div>
</body></html>"""
    assert extract_html(page, gazetteer()).title == title


def test_a_cms_page_name_in_the_address_is_no_slug():
    assert "chi" not in slug_words("https://x.gov.vn/web/a/chi-tiet-bai-viet/-/asset_publisher/Ab1/content/id/9")
    assert slug_words("https://x.vn/tin-tuc-su-kien/nha-van-hoa-thon-moi-khanh-thanh-12.html")[:3] == [
        "nha", "van", "hoa"]
    # a headline's words that happen to be page words are still its slug
    assert slug_words("https://x.vn/news/xem-xet-noi-dung-trang-tin-xa-an-binh.html")[-2:] == ["an", "binh"]


def test_a_portals_page_label_and_a_leaked_null_before_the_headline():
    draft = text_page(
        "Xuất bản thông tin",
        "null Hội Nông dân xã ra mắt mô hình trồng rau an toàn",
        "Chi tiết bài viết Tin tức",
        "Hội Nông dân xã ra mắt mô hình trồng rau an toàn",
        LEAD, MORE,
        url="https://x.example.gov.vn/web/a/chi-tiet-bai-viet/-/asset_publisher/Ab1/content/id/991")
    assert draft.title == "Hội Nông dân xã ra mắt mô hình trồng rau an toàn"
    assert "Chi tiết bài viết Tin tức" in draft.removed


def test_null_inside_a_line_or_a_word_is_kept():
    from archivist.importer.boilerplate import clean_line
    assert clean_line("nullam 3 hộ") == "nullam 3 hộ"
    assert clean_line("Giá trị null được bỏ qua") == "Giá trị null được bỏ qua"
    assert clean_line("null 2023") == "null 2023"


@pytest.mark.parametrize("text, org", [
    ("Hội Nông dân xã Tân Lập", True), ("Hội LHPN huyện Cầu Kè.", True),
    ("Hội nghị đối thoại với nhân dân năm 2019", False), ("Hội thi cắm hoa chào mừng ngày 8/3", False),
    ("Hội chợ nông sản huyện lần thứ nhất", False), ("Hội viên phụ nữ ra quân dọn vệ sinh", False),
])
def test_an_association_is_an_organisation_and_its_events_are_not(text, org):
    from archivist.importer.names import org_like

    assert org_like(text) is org


def test_a_headline_about_a_conference_under_a_category_line():
    text = "\n".join(("Trang chủ", "", "Hoạt động Đảng ủy - Đoàn thể phường", "",
                      "Hội nghị đối thoại giữa Chủ tịch UBND phường với nhân dân năm 2019",
                      "Ngày đăng 12/11/2019 | 09:15 | Lượt xem: 812", "", LEAD, MORE))
    draft = extract_text(text, gazetteer())
    assert (draft.title, draft.date.iso) == ("Hội nghị đối thoại giữa Chủ tịch UBND phường với nhân dân năm 2019",
                                             "2019-11-12")


def test_a_headline_quoting_a_sentence_under_an_advertisers_name():
    title = "“Xây dựng nông dân phát triển toàn diện, văn minh, nghĩa tình...”"
    draft = text_page("Công ty Phân bón Miền Trung", title, "Bùi Ánh - 14:20 28/09/2023 GMT+7", LEAD, MORE)
    assert draft.title == title
    assert draft.author == "Bùi Ánh" and draft.date.iso == "2023-09-28"
    assert "Công ty Phân bón Miền Trung" in draft.removed


def test_a_headline_longer_than_its_address_cut_short_is_the_line_the_address_starts():
    title = ("Đài Truyền thanh huyện kỷ niệm 97 năm Ngày Báo chí Cách mạng Việt Nam và sơ kết công tác phát thanh, "
             "truyền thanh 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2022")
    draft = text_page("Skip Ribbon Commands", "Tin xã, thị trấn", title, LEAD, MORE,
                      url="https://example.gov.vn/Pages/dai-truyen-thanh-huyen-ky-niem-97-nam-ngay-bao-chi-cach-mang-"
                          "viet-nam-va-so-ket-cong-tac-phat-thanh-truyen-thanh-6-t.aspx")
    assert draft.title == title and draft.body.startswith("Sáng 3/5")


@pytest.mark.parametrize("line, title", [
    ("HỘI THI THỂ THAO PHƯỜNG HƯƠNG AN NĂM 2018 Ngày cập nhật 26/03/2018", "HỘI THI THỂ THAO PHƯỜNG HƯƠNG AN NĂM 2018"),
    ("Xã Hòa Phong ra mắt chương trình phát thanh tiếng dân tộc (Lượt xem: 1264)",
     "Xã Hòa Phong ra mắt chương trình phát thanh tiếng dân tộc"),
])
def test_a_headline_run_together_with_its_date_or_view_counter_is_split(line, title):
    draft = text_page(line, LEAD, MORE)
    assert draft.title == title
    if "26/03/2018" in line:
        assert draft.date.iso == "2018-03-26"
    page = HTML.format(title="Tin tức", lead=LEAD, more=MORE, headline=f"<h1>{line}</h1>")
    assert extract_html(page, gazetteer()).title == title



def test_a_slug_that_left_out_the_headlines_first_word_does_not_cut_it():
    title = "Tổ chức lễ bàn giao 05 căn nhà Đại đoàn kết cho hộ khó khăn về nhà ở trên địa bàn xã Phú Lợi"
    draft = text_page(title, LEAD, MORE,
                      url="https://example.gov.vn/chuc-le-ban-giao-05-can-nha-dai-doan-ket-cho-ho-kho-khan-ve-nh")
    assert draft.title == title
    # the slug's words inside a sentence of the text do not make it the headline
    lead = "Năm nay, xã Phú Lợi tổ chức lễ bàn giao 05 căn nhà Đại đoàn kết cho hộ khó khăn về nhà ở."
    draft = text_page("Niềm vui nhà mới của hộ nghèo vùng biên", lead, LEAD, MORE,
                      url="https://example.gov.vn/to-chuc-le-ban-giao-05-can-nha-dai-doan-ket-cho-ho-kho-khan-ve-nha-o")
    assert draft.title == "Niềm vui nhà mới của hộ nghèo vùng biên"


def test_a_headline_with_its_date_and_time_after_it_on_its_line():
    draft = text_page("Nhiều phường mới gấp rút sắp xếp để vận hành chính thức từ ngày 1-7 26/06/2025 12:47", LEAD, MORE)
    assert draft.title == "Nhiều phường mới gấp rút sắp xếp để vận hành chính thức từ ngày 1-7"
    assert draft.date.iso == "2025-06-26"


@pytest.mark.parametrize("headline", [
    "HỘI NÔNG DÂN TỈNH TẬP HUẤN KỸ THUẬT TRỒNG CÀ PHÊ CHO HỘI VIÊN",
    "TRANG THÔNG TIN ĐIỆN TỬ XÃ NÂNG CẤP GIAO DIỆN PHỤC VỤ NGƯỜI DÂN",
])
def test_a_headline_in_capitals_opening_with_an_organisations_name_is_no_site_name(headline):
    """A site's name holds a unit's name of a few words after its type word ("HỘI NÔNG DÂN TỈNH BẮC GIANG"); a
    headline runs on ("… TỈNH TẬP HUẤN KỸ THUẬT …") and is the headline, not the site's banner."""
    draft = text_page("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN MƯỜNG NHÉ", "TRANG CHỦ", "TIN TỨC", "CHÍNH TRỊ", "KINH TẾ",
                      headline, "12/03/2021", LEAD, MORE)
    assert draft.title == headline and draft.date.iso == "2021-03-12"
    assert draft.source.name == "Cổng thông tin điện tử huyện Mường Nhé"


def test_a_signature_with_the_signers_unit_under_the_headline_is_neither_headline_nor_text():
    draft = text_page("Trang chủ » Tin tức » Bàn giao nhà Đại đoàn kết cho hộ nghèo",
                      "Bàn giao nhà Đại đoàn kết cho hộ nghèo", "12/03/2021", "Văn Phúc - Hội Nông dân huyện", LEAD, MORE)
    assert draft.title == "Bàn giao nhà Đại đoàn kết cho hộ nghèo" and draft.author == "Văn Phúc"
    assert "Văn Phúc" not in draft.body


def test_a_welcome_line_to_the_readers_is_the_sites_name_not_the_headline():
    draft = text_page("Chào Mừng Các Bạn đến với Cổng thông tin điện tử thành phố Bà Rịa",
                      "Phường Phước Trung tổng kết 20 năm tổ chức Ngày hội Đại đoàn kết", "12/03/2023", LEAD, MORE)
    assert draft.title == "Phường Phước Trung tổng kết 20 năm tổ chức Ngày hội Đại đoàn kết"
    assert draft.source.name == "Cổng thông tin điện tử thành phố Bà Rịa"


def test_a_headline_ending_with_a_full_stop_over_its_date_stamp():
    draft = text_page("Thông báo tiếp công dân định kỳ tháng 3 năm 2025 của Bí thư Huyện ủy | Kết luận thanh tra về việc "
                      "chấp hành chính sách",  # a ticker of the site's documents
                      "Hơn 500 đoàn viên thanh niên cùng chiến sỹ biên phòng ra quân thu gom rác thải tại biển Kỳ Khang.",
                      "21:20 05/06/2020", LEAD, MORE)
    assert draft.title.startswith("Hơn 500 đoàn viên") and draft.date.iso == "2020-06-05"


def test_a_headline_longer_than_the_slug_its_site_cut_mid_word_is_kept_whole():
    title = ("Huyện Đắk Mil tổ chức họp triển khai kế hoạch tổ chức Lễ công bố xã Đắk Gằn đạt chuẩn nông thôn mới, "
             "xã Đức Minh, xã Thuận An đạt chuẩn nông thôn mới nâng cao năm 2023.")
    draft = text_page(title, "17/05/2024", LEAD, MORE, url="http://example.gov.vn/tin-tuc/huyen-dak-mil-to-chuc-hop-"
                      "trien-khai-ke-hoach-to-chuc-le-cong-bo-xa-dak-gan-dat-chuan-nong-thon-moi-x.html")
    assert draft.title == title


def test_a_headline_longer_than_a_slug_cut_mid_word_before_its_id():
    title = ("Phường Phạm Sư Mạnh tổ chức Hội nghị tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính "
             "quyền với nhân dân các tổ dân phố Quảng Trí, Trí Giả, Vũ An năm 2025")  # 37 words
    draft = text_page("Trang chủ", "Tin tức - Sự kiện", title, LEAD, "Toàn cảnh Hội nghị", MORE,
                      url="https://example.gov.vn/tin-tuc/phuong-pham-su-manh-to-chuc-hoi-nghi-"
                      "tiep-xuc-doi-thoai-truc-tiep-giua-nguoi-dung-dau-cap-uy-chi-800886")
    assert draft.title == title


def test_an_address_cut_mid_word_at_the_headlines_last_word_and_a_date_line_over_share_buttons():
    title = "Ra mắt Câu lạc bộ thơ Đường luật ở Phú Thọ"
    draft = text_page("TIN TỨC", title, "Người đăng : quantri", "Ngày đăng: 2022-10-26 13:03:54",
                      "mail facebook google pos stwis", "1329 lượt xem", LEAD, MORE,
                      url="https://www.example.vn/ra-mat-cau-lac-bo-tho-duong-luat-o-phu-t")
    assert draft.title == title and draft.date.iso == "2022-10-26" and draft.author is None
    assert "quantri" not in draft.body


def test_a_sections_breadcrumb_a_long_headline_with_its_full_stop_and_a_date_with_widget_words():
    title = ("Đội Tuyên truyền lưu động Trung tâm Văn hóa Nghệ thuật tỉnh tăng cường công tác tuyên truyền bầu cử đại "
             "biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 – 2026.")  # 37 words
    draft = text_page("Tin Hoạt động >> Văn hóa", title, "19/04/2021 11:12:32 Xem cỡ chữ Google", LEAD,
                      "Các tuyên truyền viên trong tiểu phẩm", MORE)
    assert draft.title == title and draft.date.iso == "2021-04-19" and draft.author is None
    assert "Tin Hoạt động >> Văn hóa" in draft.removed


@pytest.mark.parametrize("printed, title", [
    ("🎓 HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN NGÀNH GIÁO DỤC NĂM 2025", "HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN NGÀNH GIÁO DỤC NĂM 2025"),
    ("Phổ biến giáo dục pháp luật cho đồng bào vùng cao ()", "Phổ biến giáo dục pháp luật cho đồng bào vùng cao"),
    ("★ Tuổi trẻ huyện ra quân hè tình nguyện ★", "Tuổi trẻ huyện ra quân hè tình nguyện"),
    ("Tổng kết công tác Hội năm 2023 (video)", "Tổng kết công tác Hội năm 2023 (video)"),
])
def test_a_headline_without_the_pictographs_and_empty_brackets_around_it(printed, title):
    assert text_page(printed, "13/06/2023", LEAD, MORE).title == title


LONG = "Khánh thành công trình cấp nước sinh hoạt tập trung phục vụ hơn 300 hộ dân ở các thôn vùng cao của xã"


@pytest.mark.parametrize("under", ["Tin hoạt động của xã", "Niềm vui nước sạch về với bản làng", "Ngày 03/05/2023"])
def test_a_long_headline_over_its_subtitle_or_section(under):
    for lines in ((LONG, under, LEAD, MORE), (LONG, "", under, "", "03/05/2023 08:30", "", LEAD, "", MORE)):
        assert text_page(*lines).title == LONG


@pytest.mark.parametrize("above", ["Cổng thông tin điện tử xã Tà Xùa", "Tin tức - Sự kiện",
                                   "Thông báo lịch tiếp công dân tháng 5 năm 2023"])
def test_a_short_line_over_the_headline_is_not_it(above):
    assert text_page(above, LONG, LEAD, MORE).title == LONG
    # as long as a headline itself: a ticker's or another article's over this one
    ticker = "Hội Nông dân huyện tổ chức tập huấn kỹ thuật trồng lúa hữu cơ cho hơn một trăm hội viên các xã"
    assert text_page(ticker, LONG, LEAD, MORE).title == LONG


HEAD = "Xã Tà Xùa tổng kết công tác năm 2020"


@pytest.mark.parametrize("line, date, source", [
    (f"{HEAD} - Báo Sơn La", None, "Báo Sơn La"),                                # a title bar's site name
    (f"{HEAD} | Cổng thông tin điện tử huyện Bắc Yên", None, "Cổng thông tin điện tử huyện Bắc Yên"),
    (f"{HEAD} - 12/03/2021", "2021-03-12", None),                                 # a date after a dash or a bar,
    (f"{HEAD} | 12/03/2021 08:30 | 356 lượt xem", "2021-03-12", None),            # with its time and counter,
    (f"{HEAD} Thứ sáu, 12/03/2021", "2021-03-12", None),                          # or its weekday
    (f"Trang chủ » Tin tức » {HEAD}", None, None),                                # a breadcrumb's last item
    (f"{HEAD}.Sáng 12/3, UBND xã đã tổ chức hội nghị tổng kết công tác năm 2020 với sự tham dự của các ban.", None,
     None),                                                                        # the lead run on after its stop
])
def test_what_a_headlines_line_runs_on_with_is_split_off(line, date, source):
    draft = text_page(line, LEAD, MORE)
    assert draft.title == HEAD
    assert (draft.date.iso if draft.date else None) == date
    assert (draft.source.name if draft.source else None) == source


@pytest.mark.parametrize("line", [
    "Trao giải báo chí - Báo Sơn La đoạt 3 giải",              # a headline about a paper, not its name
    "Giải phóng miền Nam, thống nhất đất nước - 30/4/1975",   # an event's date, before the web
    "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ 7/5/1954",
    "Đại hội đại biểu Đoàn TP.Hồ Chí Minh lần thứ XI",         # an abbreviation's full stop
])
def test_a_headline_ending_like_those_is_whole(line):
    assert text_page(line, LEAD, MORE).title == line
