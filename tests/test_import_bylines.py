"""Bylines (issue 20 §1): the credit prefixes and their abbreviations, names in capitals or with
lowercase middle syllables, what stands after a name (a unit, a place, a paper), organisations
signing with a full stop, and the furniture a page leaves after the signature.

Each page is written for the rule it tests; none is taken from the held-out set.
"""

from __future__ import annotations

import pytest

from archivist.importer import bylines
from archivist.importer.extract import extract_text
from archivist.importer.names import Credit, name_like, org_like, proper_name, split_credit
from archivist.model.places import gazetteer

BODY = ("Sáng 6/4, Hội Nông dân xã tổ chức hội thảo chuyển giao kỹ thuật chăm sóc cây ăn quả cho hơn 80 hội "
        "viên, giới thiệu quy trình bón phân hữu cơ, cắt tỉa cành và phòng trừ sâu bệnh theo hướng an toàn.",
        "Dịp này, các doanh nghiệp đã ký kết hợp đồng bao tiêu sản phẩm với 3 tổ hợp tác, giúp bà con yên tâm "
        "mở rộng diện tích, nâng cao thu nhập trên cùng một đơn vị diện tích đất canh tác.")


def page(*tail: str, title: str = "Hội thảo chuyển giao kỹ thuật chăm sóc cây ăn quả cho nông dân"):
    return extract_text("\n".join((title, "06/04/2023", *BODY, *tail)), gazetteer())


@pytest.mark.parametrize("line, author", [
    ("B.A: Phương Thảo", "Phương Thảo"), ("T.A: Kim Ngân", "Kim Ngân"), ("B&A: Đức Anh", "Đức Anh"),
    ("Bài và ảnh: TRỌNG TÍN", "Trọng Tín"), ("Bài: Mai Lan - Ảnh: Quốc Khánh", "Mai Lan"),
    ("Tin, ảnh: Hà Linh (Quế Võ)", "Hà Linh"), ("Bài, ảnh, clip: Hoàng Hà", "Hoàng Hà"),
    ("Nhóm PV: Thu Trang, Văn Tâm", "Thu Trang, Văn Tâm"), ("Tin - ảnh: Lê Vy", "Lê Vy"),
    ("Ta: xem thêm", None), ("Bản tin: thời tiết hôm nay", None),
])
def test_credit_prefixes(line, author):
    assert bylines.byline(line) == author


@pytest.mark.parametrize("name, written", [
    ("ĐỖ MINH", "Đỗ Minh"), ("PV", "PV"), ("BBT", "BBT"), ("Hoàng thị Mai", "Hoàng Thị Mai"), ("X.ĐÀO", "X.Đào"),
    ("Minh Tâm (TTXVN)", "Minh Tâm (TTXVN)"), ("QUANG HÀ - H.N", "Quang Hà - H.N"), ("UBND XÃ", "UBND Xã"),
])
def test_names_as_running_text_writes_them(name, written):
    assert proper_name(name) == written


@pytest.mark.parametrize("text, credit", [
    ("Văn Long, Báo Bình Định", Credit("Văn Long", "Báo Bình Định")),
    ("Quốc Huy (Ninh Hải)", Credit("Quốc Huy")),
    ("Thanh Bình - Trung tâm Văn hóa, Thông tin và Thể thao huyện", Credit("Thanh Bình")),
    ("Hải Yến - Quang Minh", Credit("Hải Yến, Quang Minh")),  # co-authors, as a labelled byline lists them
    ("VŨ NGUYỆT – NHẬT QUANG.", Credit("Vũ Nguyệt, Nhật Quang")),
    ("Minh Thảo - TTXVN", Credit("Minh Thảo", "TTXVN")),  # a news agency, not a co-author
    ("Ngọc Lan (Ban Tuyên giáo Huyện ủy)", Credit("Ngọc Lan")),  # the unit, as after a dash
    ("Mạnh Hùng - Nguồn: Đài TT - TH Thạch Hà", Credit("Mạnh Hùng", "Đài TT - TH Thạch Hà")),
    ("Minh Tâm (TTXVN)", Credit("Minh Tâm", "TTXVN")),  # in brackets as after a dash
    ("Minh Anh (Báo Hà Tĩnh)", Credit("Minh Anh", "Báo Hà Tĩnh")),
    ("Diệp Xuân/Dienbientv.vn", Credit("Diệp Xuân", "Đài Phát thanh và Truyền hình Điện Biên",
                                       "http://dienbientv.vn")),  # the site
    ("Thi Khanh/LCĐT", Credit("Thi Khanh", "Báo Lào Cai")),  # a paper's online code
    ("Lê Vũ, ĐTT TPST", Credit("Lê Vũ")),  # the signer's unit in initials
    ("Nhân dân các xã vùng cao", None),
])
def test_what_follows_a_name(text, credit):
    assert split_credit(text) == credit


def test_a_lowercase_middle_syllable_is_still_a_name():
    assert name_like("Nguyễn văn Tuấn") and not name_like("Nguyễn văn tuấn") and not name_like("văn Tuấn")


def test_the_signature_is_found_past_a_gallery_intro_counters_and_widgets():
    draft = page("Hoàng Yến", "Một số hình ảnh tại hội thảo:", "Lượt xem: 57", "Bình luận (0)", "In bài", "Chia sẻ")
    assert draft.author == "Hoàng Yến"
    assert "Một số hình ảnh tại hội thảo:" in draft.removed and "hình ảnh tại" not in draft.body


def test_a_cut_off_fragment_at_the_end_is_not_text():
    draft = page("Nguyễn Hoa", "và các")
    assert draft.author == "Nguyễn Hoa" and not draft.body.rstrip().endswith("và các")


@pytest.mark.parametrize("fragment", ["“Kết nối không k", "Xem thêm các tin về chuyển đổi s", "Bài viết liên quan đến nông thôn m"])
def test_a_few_words_cut_mid_syllable_at_the_end_are_not_text(fragment):
    draft = page("Theo Báo Lai Châu", "https://baolaichau.vn/van-hoa/trao-giai-17857.html", fragment)
    assert draft.source is not None and draft.source.name == "Báo Lai Châu"
    assert fragment not in draft.body
    # whole syllables: the last words of the text
    assert page("Buổi lễ kết thúc lúc 11 giờ cùng ngày").body.rstrip().endswith("Buổi lễ kết thúc lúc 11 giờ cùng ngày")


@pytest.mark.parametrize("line", ["Giải Nhất: 3.000.000 đ", "Cự ly: 21 km", "Xem chi tiết tại website",
                                  "Mọi ý kiến gửi qua email"])
def test_a_last_line_ending_in_a_unit_or_a_loanword_is_text(line):
    assert page("Cơ cấu giải thưởng như sau:", line).body.rstrip().endswith(line)


@pytest.mark.parametrize("signature, author", [("Minh Anh - ctv", "Minh Anh"), ("Thu Hà - pv", "Thu Hà")])
def test_a_signature_with_its_role_in_lowercase(signature, author):
    assert page(signature).author == author


def test_a_pen_name_that_is_also_a_sections_name_signs():
    assert page("Thế Giới").author == "Thế Giới"


def test_a_line_cut_mid_syllable_at_the_end_signs_nothing():
    draft = page("Đoàn công tác chúng tôi tới thăm mô hình kinh tế của ch")
    assert draft.author is None
    assert page("Đoàn công tác liên ngành huyện").author == "Đoàn công tác liên ngành huyện"  # whole: it may sign


def test_a_source_note_over_a_portals_feedback_link_and_its_newer_items():
    draft = page("Tác giả: Mạnh Hùng", "Nguồn tin: baolaichau.vn", "Góp ý dự thảo", "Những tin mới hơn",
                 "Khai mạc hội thi văn nghệ quần chúng", "Những tin cũ hơn")
    assert draft.author == "Mạnh Hùng" and draft.source is not None and draft.source.name == "Báo Lai Châu"
    assert "Khai mạc hội thi" not in draft.body


@pytest.mark.parametrize("tag", ["Bình Dương", "Sơn La", "Lâm Đồng"])
def test_a_provinces_name_alone_under_the_headline_or_beside_the_date_is_its_place_tag_not_the_author(tag):
    title = "Hội thảo chuyển giao kỹ thuật chăm sóc cây ăn quả cho nông dân"
    body = (*BODY, f"Năm nay, nông dân tỉnh {tag} trồng mới 500 ha cây ăn quả.")  # the story names the province
    draft = extract_text("\n".join((title, "06/04/2023", tag, *body)), gazetteer())
    assert draft.author is None and not draft.body.startswith(tag)
    assert any(note.startswith(f"author: “{tag}” alone under the headline") for note in draft.review)
    for byline in (f"Bài, ảnh: {tag}", f"Tác giả: {tag}"):  # a byline's name signs, a place's name or not
        assert extract_text("\n".join((title, byline, "06/04/2023", *body)), gazetteer()).author == tag
    draft = extract_text("\n".join((title, "06/04/2023", "Minh Thư", *body)), gazetteer())  # a name: the author
    assert draft.author == "Minh Thư"
    # beside the date too ("Điện Biên - 12/03/2021"), where a person's name signs ("Minh Thư - 06/04/2023")
    draft = extract_text("\n".join((title, f"{tag} - 06/04/2023", *body)), gazetteer())
    assert draft.author is None and draft.date is not None and draft.date.iso == "2023-04-06"
    assert any(note.startswith(f"author: “{tag}” beside the date") for note in draft.review)
    assert extract_text("\n".join((title, "Minh Thư - 06/04/2023", *body)), gazetteer()).author == "Minh Thư"
    # a province's name the story does not name is a pen name ("Hà Giang"): it signs, with its note
    for line in (tag, f"{tag} - 06/04/2023"):
        draft = extract_text("\n".join((title, "06/04/2023", line, *BODY)), gazetteer())
        assert draft.author == tag and any(note.startswith(f"author: “{tag}”") for note in draft.review)


def test_a_units_line_under_a_name_is_the_signers_affiliation():
    draft = page("Văn Thắng", "Phòng Văn hóa và Thông tin huyện Mỹ Tú")
    assert draft.author == "Văn Thắng"


def test_a_unit_after_a_name_on_its_line():
    assert page("Thanh Bình - Trung tâm Văn hóa, Thông tin và Thể thao huyện").author == "Thanh Bình"


def test_an_organisation_signing_with_a_full_stop():
    draft = page("Phòng Văn hóa và Thông tin huyện Lệ Thủy.")
    assert draft.author == "Phòng Văn hóa và Thông tin huyện Lệ Thủy"


def test_a_byline_naming_its_source_after_the_name_gives_both():
    draft = page("Tác giả: Lan Hương - Nguồn: Đài TT - TH Cẩm Xuyên")  # the station's initials spelt out, with a note
    assert draft.author == "Lan Hương" and draft.source.name == "Đài Truyền thanh - Truyền hình Cẩm Xuyên"
    assert any("spelt out from “Đài TT - TH Cẩm Xuyên”" in note for note in draft.review)


def test_a_name_and_a_paper_are_the_author_and_the_source():
    draft = page("Đức Thắng, Báo Thái Nguyên")
    assert draft.author == "Đức Thắng" and draft.source.name == "Báo Thái Nguyên"


@pytest.mark.parametrize("signature, author", [("MINH CHÂU", "Minh Châu"), ("Nguyễn văn Tuấn", "Nguyễn Văn Tuấn"),
                                               ("PV", "PV"), ("Quốc Huy (Ninh Hải)", "Quốc Huy")])
def test_signatures_at_the_end(signature, author):
    assert page(signature).author == author


def test_a_hard_wrapped_word_is_not_a_name():
    text = "\n".join((
        "Nông dân trồng cam sành trên đất đồi cho thu nhập cao",
        "Những năm gần đây, nhiều hộ dân trong xã đã mạnh dạn chuyển đổi đất đồi trồng keo sang trồng",
        "cam sành, bước đầu cho thu nhập khá, mỗi hecta cho lãi từ 150 đến 200 triệu đồng mỗi năm.",
        "Sản phẩm cam của bà con được thương lái thu mua tận vườn và đưa đi tiêu thụ tại các chợ đầu mối của",
        "Hà Nội.",
    ))
    draft = extract_text(text, gazetteer())
    assert draft.author is None
    assert draft.body.rstrip().endswith("các chợ đầu mối của Hà Nội.")


def test_a_hard_wrapped_sentence_end_joins_its_paragraph_but_not_a_headline():
    from archivist.importer.pagelines import lines_from_text
    lines = lines_from_text("Người dân phấn khởi vì giá cam tăng cao, thương lái vào tận vườn thu mua của\n"
                            "Nhân dân.\n"
                            "Hội nghị tổng kết phong trào thi đua yêu nước giai đoạn 2020 2025 của huyện\n"
                            "Hồng Nhung.")
    assert [l.joined for l in lines] == [False, True, False, False]


@pytest.mark.parametrize("tail", [("GÓP Ý KIẾN", "Họ và tên", "Nội dung"), ("Gốc",), ("Bài gốc",),
                                  ("Ý kiến đóng góp",)])
def test_a_comment_box_heading_or_an_aggregators_link_label_is_no_author(tail):
    draft = page(*tail)
    assert draft.author is None and tail[0] in draft.removed


def test_the_signature_above_a_comment_box_heading_is_the_author():
    assert page("Quang Minh", "GÓP Ý KIẾN", "Họ tên").author == "Quang Minh"


def test_a_sentence_about_giving_opinions_is_text():
    draft = page("Góp ý kiến vào dự thảo quy hoạch chung của xã, nhiều đại biểu đề nghị bổ sung quỹ đất "
                 "cho khu văn hóa thể thao của các thôn.", "Minh Hà")
    assert "Góp ý kiến vào dự thảo" in draft.body and draft.author == "Minh Hà"


@pytest.mark.parametrize("line, author", [
    ("BT: Thu Hà - Ảnh: Văn Lâm", "Thu Hà"), ("TH: Lan Anh - ảnh: Minh Đức", "Lan Anh"),
    ("Thực hiện: MINH KHÔI – T.L", "Minh Khôi, T.L"), ("Bài: Hải Yến - Quang Minh", "Hải Yến, Quang Minh"),
    ("Tb: Lan Anh - Ảnh: Minh Đức", None), ("Ghi chú: xem thêm - Ảnh: kèm theo", None),
])
def test_a_short_label_with_a_photo_credit_and_co_authors_after_a_dash(line, author):
    assert bylines.byline(line) == author


def test_a_bare_signature_of_co_authors_lists_them_as_a_labelled_byline_does():
    assert page("Hải Yến - Quang Minh").author == "Hải Yến, Quang Minh"
    assert page("Bài: Hải Yến - Quang Minh").author == "Hải Yến, Quang Minh"


@pytest.mark.parametrize("signature", ["Phóng viên Thời sự", "P.V"])
def test_a_signature_aligned_right_above_a_list_of_other_items(signature):
    draft = page(" " * 60 + signature, "Các album đã đăng", "Lễ hội đầu xuân ở vùng cao")
    assert draft.author == signature and "Lễ hội đầu xuân" not in draft.body


@pytest.mark.parametrize("tail, author", [("(Hải Yến)", "Hải Yến"), ("(Bài, ảnh: Quốc Khánh)", "Quốc Khánh"),
                                          ("(Hết)", None), ("(còn nữa)", None)])
def test_a_signature_wholly_in_parentheses_is_read_inside_them(tail, author):
    draft = page(tail)
    assert draft.author == author
    assert author is None or tail not in draft.body


@pytest.mark.parametrize("line", ["TÂM LÊ |", "TÂM LÊ | 06/04/2023"])
def test_a_byline_under_the_headline_with_a_bar_and_an_empty_field(line):
    draft = extract_text("\n".join(("Hội thảo chuyển giao kỹ thuật chăm sóc cây ăn quả cho nông dân", line, *BODY)),
                         gazetteer())
    assert draft.author == "Tâm Lê" and "TÂM LÊ" not in draft.body


def test_a_short_line_not_aligned_right_is_not_a_signature():
    draft = page("Phóng viên Thời sự")
    assert draft.author is None


def test_an_organisation_signing_in_capitals_before_a_reply_form():
    draft = page("BAN BIÊN TẬP", "Để lại Trả lời", "Email của bạn sẽ không được hiển thị công khai.")
    assert draft.author == "Ban biên tập"


@pytest.mark.parametrize("name, cased", [("BAN BIÊN TẬP", "Ban biên tập"), ("HỘI LHPN XÃ TÂN LẬP", "Hội LHPN xã Tân Lập"),
                                         ("BAN TUYÊN GIÁO HUYỆN ỦY", "Ban Tuyên giáo Huyện ủy"),  # as officially written
                                         ("BAN CHỈ HUY QUÂN SỰ HUYỆN MƯỜNG NHÉ", "Ban Chỉ huy Quân sự huyện Mường Nhé"),
                                         ("Ban Văn hóa xã Tân Lập", "Ban Văn hóa xã Tân Lập"), ("BBT", "BBT")])
def test_an_organisations_name_in_capitals(name, cased):
    from archivist.importer.names import org_cased
    assert org_cased(name) == cased


@pytest.mark.parametrize("tail, author, source", [
    (["Hồng Nhung - TTTT"], "Hồng Nhung", None),                           # a centre's initials, no co-author
    (["Hoài Thu - Ngọc Anh (Trung tâm VH-TT huyện)"], "Hoài Thu, Ngọc Anh", None),
    (["Thu Hà (tổng hợp)"], "Thu Hà", None), (["Minh Hà (CTV)"], "Minh Hà", None),  # what the signer did
    (["- Lê Minh -"], "Lê Minh", None),
    (["Minh Tâm/TTXVN"], "Minh Tâm", "Thông tấn xã Việt Nam"),            # a paper's code after the name
    (["Quang Tuấn/XYZ"], "Quang Tuấn", None),
    (["Trọng Quốc – H.P"], "Trọng Quốc, H.P", None),                       # initials with full stops: a person
])
def test_what_stands_around_a_signature(tail, author, source):
    draft = page(*tail)
    assert draft.author == author
    assert (draft.source.name if draft.source else None) == source


@pytest.mark.parametrize("furniture", [
    ["Bài viết cùng chuyên mục", "Hội nghị tổng kết năm 2022"], ["Các tin khác cùng chủ đề"], ["Tin cũ hơn"],
    ["Đánh giá bài viết", "0 điểm / 0 lượt đánh giá"],
])
def test_the_signature_above_more_furniture(furniture):
    assert page("Minh Anh", *furniture).author == "Minh Anh"


def test_a_source_line_naming_a_papers_code_names_the_paper():
    assert page("Theo VOV").source.name == "Đài Tiếng nói Việt Nam"


@pytest.mark.parametrize("tail, author", [
    (["Đỗ Thuần – Bí thư Chi bộ các cơ quan Đảng"], "Đỗ Thuần"),        # the signer's post after a dash
    (["Lê Văn An - Đại úy, Công an huyện"], "Lê Văn An"),
    (["Đ.H", "", "4,157", "Viết bình luận mới"], "Đ.H"),                # a bare view counter, a comment box
    (["Thiện Son", "Viết bình luận mới"], "Thiện Son"),
])
def test_a_signature_with_a_post_or_above_a_counter(tail, author):
    assert page(*tail).author == author



def test_a_papers_online_code_under_the_headline_is_no_author():
    draft = extract_text("\n".join(("Sập nhà sàn, 3 người bị thương", "SGGPO", *BODY)), gazetteer())
    assert draft.author is None and draft.source.name == "Báo Sài Gòn Giải Phóng"


def test_labelled_fields_a_cms_joins_with_a_space_and_a_full_stop():
    draft = extract_text("\n".join(("Hội thảo chuyển giao kỹ thuật chăm sóc cây ăn quả cho nông dân",
                                    "Tác giả: Quốc Hải .Ngày đăng: 09/06/2022 .Lượt xem: 1204 lượt.", *BODY)),
                         gazetteer())
    assert draft.author == "Quốc Hải" and draft.date.iso == "2022-06-09"
    assert bylines.meta_parts("Quốc Hải .Ngày đăng: 09/06/2022") == ["Quốc Hải", "Ngày đăng: 09/06/2022"]


def test_a_clause_cut_off_at_the_end_is_no_organisations_signature():
    draft = page("Tổ công tác 108 Công an tỉnh đã bàn giao vụ vi")
    assert draft.author is None
    assert org_like("Tổ công tác 108 Công an tỉnh") and not org_like("Tổ công tác 108 Công an tỉnh đã bàn giao")



@pytest.mark.parametrize("tail", [("Văn Dũng", "Tổ"), ("Văn Dũng", "About"), ("Văn Dũng", "1", "2", "About")])
def test_one_word_cut_off_or_a_link_after_the_signature_is_no_name(tail):
    assert page(*tail).author == "Văn Dũng"
    assert page(tail[-1]).author is None
    assert name_like("PV") and name_like("T.H") and not name_like("Tổ") and not name_like("T")  # a letter alone



@pytest.mark.parametrize("line, author, source", [
    ("Nguồn tin: Sao Khuê", "Sao Khuê", None),          # a person reported it: the author
    ("Nguồn tin: Thanh Niên", None, "Báo Thanh Niên"),   # a paper's name, as the registry writes it
    ("Nguồn tin: Báo Lai Châu", None, "Báo Lai Châu"),
])
def test_the_news_source_line_naming_a_person_is_the_author(line, author, source):
    draft = page(line)
    assert draft.author == author and (draft.source.name if draft.source else None) == source



@pytest.mark.parametrize("tail", [
    ("Nguồn tin: Netviet", "VIDEO LIÊN QUAN", "Lễ hội làng"),  # related videos
    ("Tìm kiếm:✨", "• Lang Minh, Xuân Định, Suối Cát, Nông thôn mới"),  # a search box and its keywords
])
def test_a_signature_over_boxes_after_the_article(tail):
    draft = page("Nam Anh", *tail)
    assert draft.author == "Nam Anh" and "Lang Minh" not in draft.body and "Lễ hội làng" not in draft.body


@pytest.mark.parametrize("line, author, source", [
    ("Theo Thi Khanh/LCĐT", "Thi Khanh", "Báo Lào Cai"),
    ("Theo: Công Hậu – nhandan.org.vn", "Công Hậu", "Báo Nhân Dân"),  # the paper's address after a dash
])
def test_a_source_line_giving_a_name_and_a_papers_code_names_the_author_and_the_paper(line, author, source):
    draft = page(line)
    assert draft.author == author and draft.source.name == source



def test_a_signature_above_comment_headings_run_together_and_a_lowercase_middle_name():
    assert page("Đức Minh, Thiên Thanh", "Ý kiến bạn đọc - Gửi bình luận", "Gửi bình luận").author == \
        "Đức Minh, Thiên Thanh"
    assert page("Mai viết Tăng").author == "Mai Viết Tăng"


def test_a_signature_run_together_with_the_heading_of_the_box_under_it():
    draft = page("Nguyễn Thuyên Các tin khác", "Hội nghị tổng kết công tác năm 2023 của xã")
    assert draft.author == "Nguyễn Thuyên" and "Hội nghị tổng kết" not in draft.body



def test_a_signature_with_its_role_at_the_end_of_the_last_paragraph():
    draft = page("Lực lượng vũ trang tỉnh đã bảo vệ an toàn tuyệt đối Đại hội. Hồ Giang (thực hiện)")
    assert draft.author == "Hồ Giang" and draft.body.rstrip().endswith("tuyệt đối Đại hội.")
    assert page("Các em đã được tặng quà. các em (thực hiện)").author is None



def test_a_source_line_giving_a_name_and_a_sites_address():
    draft = page("Theo Hoài Nhơn/huongson.hatinh.gov.vn")
    assert draft.author == "Hoài Nhơn" and draft.source.name == "Cổng thông tin điện tử huyện Hương Sơn"
    assert split_credit("Nguyễn Hương- Công chức VHXH xã Thống Nhất") == Credit("Nguyễn Hương")
    assert not org_like("Hội đồng Đội tỉnh tặng 01 bộ") and org_like("Đồn Biên phòng 537 Kiên Giang")



def test_a_signers_post_and_unit_in_initials_under_the_name():
    assert page("Bùi Thị Tím", "CT-HND xã Long Đức").author == "Bùi Thị Tím"



@pytest.mark.parametrize("line, author, source", [
    ("Nguồn: Trung tâm Tin tức", None, None),  # the site's own desk: the site's name stands
    ("Nguồn: Báo Lai Châu", None, "Báo Lai Châu"),
    ("Đ/c Nguyễn Văn Quế – Chủ tịch Hội Nông dân thị xã", None, None),  # a person in a caption
])
def test_a_desk_as_source_and_a_comrade_in_a_caption(line, author, source):
    draft = page(line)
    assert draft.author == author and (draft.source.name if draft.source else None) == source



def test_the_byline_and_date_between_the_lead_and_the_text():
    lead = ("Huyện Đoàn vừa tổ chức ngày hội “Thiếu nhi vui khỏe - Tiến bước lên Đoàn” chào mừng kỷ niệm 94 năm "
            "Ngày thành lập Đoàn Thanh niên cộng sản Hồ Chí Minh.")
    text = "\n".join(("Ngày hội thiếu nhi vui khỏe tại huyện miền núi", lead,
                      "Trung tâm Văn hóa, Thông tin và Thể thao huyện Thường Xuân", "25/03/2025 14:21", *BODY))
    draft = extract_text(text, gazetteer())
    assert draft.date.iso == "2025-03-25"
    assert draft.author == "Trung tâm Văn hóa, Thông tin và Thể thao huyện Thường Xuân"
    assert draft.body.startswith("Huyện Đoàn") and "25/03/2025" not in draft.body
    # a short line without a date after the lead is the text's (a caption, a subheading)
    plain = extract_text("\n".join(("Ngày hội thiếu nhi vui khỏe tại huyện miền núi", lead,
                                    "Quang cảnh ngày hội", *BODY)), gazetteer())
    assert "Quang cảnh ngày hội" in plain.body


@pytest.mark.parametrize("copyright_line", ["Bản quyền thuộc về Cổng thông tin điện tử huyện", "© 2021 Báo Lai Châu",
                                            "Copyright © 2021 UBND huyện"])
def test_the_sites_footer_from_its_copyright_line_on_is_no_part_of_the_article(copyright_line):
    """The byline right above the site's footer ("Bản quyền thuộc về …", then its address and phone) is read:
    the footer's lines are no trailing text of the article."""
    draft = page("Nguyễn Văn An", copyright_line, "Địa chỉ: Trung tâm hành chính huyện", "Điện thoại: 0215 3123456")
    assert draft.author == "Nguyễn Văn An"
    assert "Địa chỉ" not in draft.body


@pytest.mark.parametrize("line, author, source", [
    ("Theo Nguyễn Văn An (Báo Lai Châu)", "Nguyễn Văn An", "Báo Lai Châu"),  # the author, the paper in brackets
    ("Nguyễn Văn An/Báo Lai Châu", "Nguyễn Văn An", "Báo Lai Châu"),          # after a slash
    ("Theo Báo Tin tức (TTXVN)", None, "Báo Tin tức (TTXVN)"),               # brackets kept whole
])
def test_a_signature_with_its_paper_names_the_author_and_the_source(line, author, source):
    draft = page(line)
    assert (draft.author, draft.source.name) == (author, source)


@pytest.mark.parametrize("tail, author", [
    (("CTV Phương Mai (TA)",), "Phương Mai"),  # a collaborator's mark before the name, the unit's initials after
    (("PV Nguyễn Văn An",), "Nguyễn Văn An"),
    # the signer in brackets after the text's closing mark, then the site's footer under its heading and an icon
    (("Bà con phấn khởi đón nhận công trình mới./.(Ngọc Nhật)", "contract-(4).png Thông tin bản quyền",
      "Cơ quan: UBND thị xã", "Địa chỉ: Số 63 Nguyễn Huệ", "Người chịu trách nhiệm: Ông Đoàn Văn Phong"), "Ngọc Nhật"),
])
def test_signatures_with_marks_around_the_name(tail, author):
    assert page(*tail).author == author


@pytest.mark.parametrize("tail, author, source", [
    (("Tin, ảnh; Long Xuân",), "Long Xuân", None),  # a semicolon typed for the colon
    (("Người thực hiện : Ngọc Tân -Phòng Truyền hình - Đài Phát thanh và Truyền hình Sơn La",), "Ngọc Tân", None),
    (("Phương Đình (Nguồn: Báo Đắk Lắk)",), "Phương Đình", "Báo Đắk Lắk"),
    # the site's widgets after the signature: a weather box, visitor counters
    (("Hán Hằng", "15oC", "Thấp nhất 13°C, cao nhất 17°C. Trời nhiều mây, . Áp suất không khí hPa.",
      "Độ ẩm trung bình %. Tốc độ gió km/h"), "Hán Hằng", None),
    (("Diễm Quỳnh - Cán bộ phụ trách NTM", "Người đang truy cập: 9", "Tổng số truy cập: 2366373"), "Diễm Quỳnh", None),
])
def test_signatures_before_widgets_and_with_their_labels_and_units(tail, author, source):
    draft = page(*tail)
    assert (draft.author, draft.source.name if draft.source else None) == (author, source)


@pytest.mark.parametrize("furniture", [("Danh mục",), ("Tin tức sự kiện",),
                                       ("Chương trình TRUYỀN HÌNH", "06:00 Thời sự buổi sáng"), ("Lịch phát sóng",)])
def test_a_signature_over_the_sites_category_list_news_section_or_programme_schedule(furniture):
    assert page("Thùy Dung", *furniture, "Hội nghị tổng kết công tác năm 2022").author == "Thùy Dung"


@pytest.mark.parametrize("line, author", [
    ("Cù Thị Mai Chi - Thanh tra", "Cù Thị Mai Chi"),  # an inspectorate after the name: the signer's unit
    ("TIỂU ĐIỀN Lượt xem: 191", "Tiểu Điền"),  # a counter run into the signature
])
def test_what_runs_into_a_signature_is_left_out(line, author):
    assert page(line).author == author


@pytest.mark.parametrize("joint", [""])  # with a space it may be the text's own sentence (test_import_ordinary)
def test_a_credit_run_into_the_articles_last_sentence(joint):
    last = "Thư viện sẽ tiếp tục luân chuyển sách về các xã vùng sâu, vùng xa trong thời gian tới."
    draft = extract_text("\n".join(("Thư viện tỉnh luân chuyển sách về cơ sở", "06/04/2023", *BODY,
                                    last + joint + "Tin: Trương Thị Yên")), gazetteer())
    assert draft.author == "Trương Thị Yên" and draft.body.rstrip().endswith("thời gian tới.")


def test_a_name_beside_the_date_that_signs_again_under_the_authors_signature_is_the_editor():
    draft = extract_text("\n".join(("Khánh thành trạm phát sóng phát thanh tại vùng cao",
                                    "Thứ sáu, 09:21, 23/04/2021 Minh Anh Minh Anh", *BODY, "Thu Hà/VOV4", "Minh Anh",
                                    "Viết bình luận")), gazetteer())
    assert draft.author == "Thu Hà"
    assert any("Minh Anh" in note and "editor" in note for note in draft.review)


@pytest.mark.parametrize("line, name", [("Thu Hà/VOV4", "Thu Hà"), ("Lê Minh/VTV24", "Lê Minh")])
def test_a_signature_with_a_channels_code(line, name):
    assert split_credit(line).name == name
