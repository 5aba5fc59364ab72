"""The importer's date lines (issue 20 §1): the forms Vietnamese sites print, and which date wins.

Each case is a small page written for the rule it tests; none is taken from the held-out set
(tests/fixtures/import_heldout), which only bench/import_accuracy.py reads.
"""

from __future__ import annotations

import pytest

from archivist.importer import datelines
from archivist.importer.extract import extract_text
from archivist.model.places import gazetteer

PROSE = ("Thực hiện kế hoạch của UBND huyện, các xã đã tổ chức ra quân đồng loạt với sự tham gia đông đảo "
         "của cán bộ, đoàn viên, hội viên và nhân dân trên địa bàn, tạo không khí sôi nổi, phấn khởi.")


def page(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize("line, iso", [
    ("6/21/2022 3:40:12 PM", "2022-06-21"),           # SharePoint: month first, English clock
    ("11/4/2021 10:00:00 AM", "2021-11-04"),
    ("04/11/2021 10:00", "2021-11-04"),                # no English clock: day first
    ("05/03/2024 10:30 AM", "2024-03-05"),             # an English clock without seconds: not SharePoint's
    ("05/13/2023", "2023-05-13"),                      # only month first is a date
    ("07 08 2022", "2022-08-07"),                      # day, month and year apart
    ("Thứ Tư, 07 08 2022 16:20", "2022-08-07"),
    ("Chủ nhật, 19/02/2023", "2023-02-19"),
    ("Thứ bảy, 04/03/2023 - 10:15", "2023-03-04"),
    ("T5, 16/02/2023", "2023-02-16"),
    # months as words: WordPress's Vietnamese dates ("F j, Y", "j F, Y"), and English ones
    ("Tháng Mười Hai 5, 2023", "2023-12-05"),
    ("Tháng Năm 12, 2024", "2024-05-12"),
    ("5 Tháng Mười Một, 2022", "2022-11-05"),
    ("Thứ Ba, 12 tháng 3 năm 2024", "2024-03-12"),
    ("12 Tháng 3, 2024", "2024-03-12"),
    ("12 thg 3, 2024", "2024-03-12"),
    ("Posted on March 12, 2024", "2024-03-12"),
    ("Dec. 5, 2023 08:00", "2023-12-05"),
    ("12 March 2024", "2024-03-12"),
    ("Publish date: Friday. February 14th, 2014", "2014-02-14"),  # an English label and weekday
    ("Sun, 12 Mar 2024", "2024-03-12"),
    ("2025-05-17 21:58:00.0", "2025-05-17"),  # a database's timestamp
    ("Cỡ chữ: 05:43 PM,24/08/2017", "2017-08-24"),  # a text-size widget's label beside it
    ("Cở chữ: 05:43 PM, 24/08/2017", "2017-08-24"),
    ("Được đăng : 03/09/2018", "2018-09-03"),       # "is posted"
    ("Tiêu điểm 13/03/2023 02:22", "2023-03-13"),   # the section beside it
])
def test_date_line_forms(line, iso):
    assert datelines.date_line(line).date.iso == iso


@pytest.mark.parametrize("text", ["08:15", "Cập nhật: 07:45", "lúc 9h30", "15:30 (GMT+7)"])
def test_a_bare_time_is_a_time(text):
    assert datelines.time_only(text)


@pytest.mark.parametrize("text", ["22/08/2022 15:30", "Ra quân làm đường", "Tổng số: 1.234", "2023"])
def test_not_a_bare_time(text):
    assert not datelines.time_only(text)


def test_a_time_after_a_vertical_bar_keeps_the_date_line():
    draft = extract_text(page("Thanh niên xã Đồng Hướng ra quân làm đường giao thông nông thôn",
                              "22/08/2022 | 15:30", PROSE), gazetteer())
    assert draft.date.iso == "2022-08-22"
    assert draft.title == "Thanh niên xã Đồng Hướng ra quân làm đường giao thông nông thôn"


def test_an_update_date_alone_is_used_and_said_to_be_one():
    draft = extract_text(page("Hội nghị tổng kết công tác phòng chống thiên tai năm 2022",
                              "Cập nhật: 07:45 | 18/09/2022", PROSE), gazetteer())
    assert draft.date.iso == "2022-09-18"
    assert any("the date of an update" in note for note in draft.review)


def test_the_date_above_the_headline_is_the_last_resort():
    """Portals print today's date above the headline: a date stated with the article wins, even an
    update's."""
    draft = extract_text(page("Thứ Hai, ngày 05/12/2022", "Trang chủ", "Tin tức",
                              "Phường Tân An tuyên dương gương người tốt việc tốt", PROSE,
                              "Ngày cập nhật: 28/11/2022"), gazetteer())
    assert draft.date.iso == "2022-11-28"


@pytest.mark.parametrize("event, iso", [("Đến ngày 30/01/2018, xã hoàn thành", None),  # two years on: stale
                                        ("Ngày 30/05/2016, xã sẽ tổ chức tổng kết", "2016-02-26")])  # months on
def test_a_date_above_the_headline_long_before_a_day_the_text_names_is_the_portals(event, iso):
    draft = extract_text(page("Thứ 6 - 26/02/2016", "Xã Phú Trung vượt chỉ tiêu về nông thôn mới",
                              f"{event} các tiêu chí nông thôn mới theo kế hoạch. " + PROSE), gazetteer())
    assert (draft.date.iso if draft.date else None) == iso
    assert any("over a year before" in note for note in draft.review) == (iso is None)


def test_a_date_at_the_end_over_the_section_filed_in():
    draft = extract_text(page("Độc đáo lễ hội Thủy tổ quan họ làng Viêm Xá", PROSE, "Ngày xuất bản: 01/10/2018",
                              "Chuyên mục: Văn hóa", "Nguồn tin: Netviet"), gazetteer())
    assert draft.date.iso == "2018-10-01" and "Chuyên mục" not in draft.body


def test_dates_of_the_related_list_and_of_events_are_not_the_publication_date():
    draft = extract_text(page("Xã Yên Lộc chuẩn bị tổ chức lễ hội truyền thống đầu xuân",
                              PROSE + " Lễ hội sẽ diễn ra ngày 20/01/2023 tại đình làng.",
                              "Các tin khác", "Xã Yên Lộc ra mắt câu lạc bộ dân ca", "12/01/2023",
                              "Hội nghị giao ban quý IV (10/01/2023)"), gazetteer())
    assert draft.date is None
    assert any("no publication date" in note and "20/01/2023" in note for note in draft.review)


@pytest.mark.parametrize("line, iso", [
    ("Thứ năm - 14/07/2022 10:05 218 3", "2022-07-14"),   # views and comments after the time
    ("09/11/2021 14:30 | 1.250", "2021-11-09"),
    ("bientap gửi vào T5, 2019-03-14 09:10", "2019-03-14"),  # a CMS's login name posted it
    ("T6, 2020-10-02 16:45", "2020-10-02"),
    ("2016-03-27 11:13:29 0 Bình luận", "2016-03-27"),     # a labelled comment count after the time
    ("Thứ bảy - 03/02/2024 09:501490", "2024-02-03"),       # a view counter run into the time
    ("Thứ ba - 08/01/2019 08:251.1050", "2019-01-08"),
])
def test_date_lines_with_counters_or_a_posting_account(line, iso):
    found = datelines.date_line(line)
    assert found.date.iso == iso and found.rest == ""


def test_a_named_poster_beside_the_date_is_kept():
    assert datelines.date_line("Đăng bởi Minh Thu lúc 07:20 03/04/2024").rest == "Minh Thu"


@pytest.mark.parametrize("line", ["Ngày 14/07/2022 xã có 218 hộ nghèo", "14/07/2022 khai mạc 218",
                                  "Sáng 12 tháng 3 năm 2024, xã tổ chức hội nghị", "Tháng 12, 2024", "May 2024",
                                  "Sepember 5, 2023",
                                  "bientap 14/07/2022"])
def test_numbers_or_words_in_a_sentence_do_not_make_a_date_line(line):
    assert datelines.date_line(line) is None


@pytest.mark.parametrize("line, iso", [
    ("13/08/2025 | 329", "2025-08-13"),                                # a bare counter after a bar
    ("08:35 AM 11/06/2016 | Lượt xem: 15287 | In bài viết |", "2016-06-11"),  # bars are no words of prose
    ("17:25 !! 04/05/2019", "2019-05-04"),  # an icon's text between the time and the date
    ("Đăng bài quantri T6, 01/09/2017 - 08:58", "2017-09-01"),  # a CMS's "posted by" line: account, then date
    ("Gửi bởi admin vào 12/03/2020", "2020-03-12"),
])
def test_a_date_line_of_parts_under_the_headline(line, iso):
    draft = extract_text(page("Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam", line, PROSE), gazetteer())
    assert draft.date.iso == iso and line not in draft.body


@pytest.mark.parametrize("stamp", ["20/11/2018 | 07:00", "20/11/2018 07:00", "20/11/2018, 07:00:15"])
@pytest.mark.parametrize("space", ["", " "])
def test_a_date_stamp_with_the_lead_run_on_after_it(stamp, space):
    title = "Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam"
    draft = extract_text(page(title, stamp + space + PROSE), gazetteer())
    assert draft.date.iso == "2018-11-20" and draft.body.startswith(PROSE[:40])


def test_a_timelines_dates_opening_its_lines_stay_in_the_text():
    timeline = ("02/9/1945 Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn độc lập tại Quảng trường Ba Đình, khai sinh nước Việt "
                "Nam Dân chủ Cộng hòa.", "30/4/1975 Quân giải phóng tiến vào Dinh Độc Lập, chính quyền Sài Gòn tuyên bố "
                "đầu hàng vô điều kiện.")
    draft = extract_text(page("Những mốc son lịch sử của dân tộc", "20/12/2023", PROSE, *timeline, "Minh Anh"),
                         gazetteer())
    assert draft.title == "Những mốc son lịch sử của dân tộc" and draft.date.iso == "2023-12-20"
    assert all(line in draft.body for line in timeline)


@pytest.mark.parametrize("line, iso", [
    ("Danh mục: Tin hoạt động Ngày đăng: 28 tháng 12 năm 2023", "2023-12-28"),  # fields run together
    ("Chuyên mục: Kinh tế Cập nhật: 05/03/2024 08:15 Lượt xem: 56", "2024-03-05"),
])
def test_a_date_among_fields_run_together_above_or_under_the_headline(line, iso):
    title = "Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam"
    for lines in ((title, line, PROSE), (title, line, title, PROSE)):  # under it, or above its repetition
        draft = extract_text(page(*lines), gazetteer())
        assert draft.date.iso == iso and line not in draft.body and draft.title == title


def test_a_date_line_with_counters_is_not_the_headline():
    draft = extract_text(page("Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam",
                              "Thứ năm - 20/10/2022 15:40 318 0", PROSE), gazetteer())
    assert draft.title == "Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam"
    assert draft.date.iso == "2022-10-20"


@pytest.mark.parametrize("url, iso", [
    ("https://xa.example.gov.vn/portal/pages/2021-07-19/ra-quan-123.aspx", "2021-07-19"),
    ("https://bao.example.vn/2019/11/03/hoi-nghi/", "2019-11-03"),
    ("https://bao.example.vn/hoi-nghi-20200214.html", "2020-02-14"),
    ("https://bao.example.org.vn/hoi-nghi/d20220610083015123.htm", "2022-06-10"),   # a timestamp
    ("https://bao.example.vn/kinh-te/201905/hoi-nghi-3a1b/", None),                 # a month folder: a file's place
    ("https://bao.example.vn/tin/hoi-nghi-123456789.html", None),                   # an article number
    ("https://bao.example.vn/2019/11/03/hoi-nghi-2019-12-01", None),                # two days: none
    ("https://bao.example.vn/tin/20991231/hoi-nghi", None),                         # after the retrieval
    ("https://bao.example.vn/tin/hoi-nghi?date=2019-11-03", None),                  # a query, not the path
])
def test_the_date_an_address_holds(url, iso):
    import datetime as dt

    found = datelines.date_in_address(url, dt.date(2026, 1, 1))
    assert (found.iso if found else None) == iso


def test_a_page_stating_no_date_takes_its_addresss_with_a_note_and_a_stated_date_wins():
    text = page("Đoàn xã ra quân làm sạch đường làng", PROSE, "Minh Anh")
    url = "https://xa.example.gov.vn/portal/pages/2021-07-19/ra-quan-123.aspx"
    draft = extract_text(text, gazetteer(), url=url)
    assert draft.date.iso == "2021-07-19"
    assert any(n.startswith("date: the page states none; 2021-07-19 is taken from its address") for n in draft.review)
    stated = extract_text(page("Đoàn xã ra quân làm sạch đường làng", "12/08/2021", PROSE), gazetteer(), url=url)
    assert stated.date.iso == "2021-08-12"


def test_an_english_weekday_leaves_no_author_and_a_name_like_thu_stays_one():
    assert datelines.date_line("Publish date: Friday. February 14th, 2014").rest == ""
    assert datelines.date_line("Minh Thu, 14/03/2024").rest == "Minh Thu"


def test_a_date_above_the_headline_on_the_retrieval_day_is_the_portals_current_date():
    import datetime
    text = page("Thứ Ba, 12/03/2024", "Tin tức", "Hội thảo chăm sóc cây ăn quả cho nông dân", PROSE)
    for retrieved in (datetime.date(2024, 3, 12), datetime.date(2024, 3, 13)):
        draft = extract_text(text, gazetteer(), retrieved=retrieved)
        assert draft.date is None and any("falls on the retrieval date" in note for note in draft.review)
    assert extract_text(text, gazetteer(), retrieved=datetime.date(2024, 6, 1)).date.iso == "2024-03-12"
    # under the headline, the same date is the publication date
    under = page("Hội thảo chăm sóc cây ăn quả cho nông dân", "Thứ Ba, 12/03/2024", PROSE)
    assert extract_text(under, gazetteer(), retrieved=datetime.date(2024, 3, 12)).date.iso == "2024-03-12"



def test_a_date_above_the_headline_that_is_not_the_day_the_lead_calls_today_is_the_portals():
    lead = ("Sáng nay (3/11), Hội Nông dân tỉnh tổ chức hội nghị học tập, quán triệt nghị quyết của Ban Chấp hành "
            "Trung ương Hội cho hơn 200 cán bộ hội các cấp trong tỉnh.")
    draft = extract_text(page("Thứ sáu, 12/08/2022", "Hội nghị quán triệt nghị quyết của Hội Nông dân", lead, PROSE),
                         gazetteer())
    assert draft.date is None and any("is not the day the article calls today (3/11)" in n for n in draft.review)
    same = extract_text(page("Thứ sáu, 03/11/2017", "Hội nghị quán triệt nghị quyết của Hội Nông dân", lead, PROSE),
                        gazetteer())
    assert same.date.iso == "2017-11-03"



def test_a_date_above_the_headline_beside_a_weather_widget_is_the_portals():
    text = page("Thứ năm, 28/03/2024, 04:52", "Thời tiết Cẩm Phả, Quảng Ninh: 22.1°c mây đen u ám",
                "Hội thảo chăm sóc cây ăn quả cho nông dân", PROSE)
    draft = extract_text(text, gazetteer())
    assert draft.date is None and any("beside a weather widget" in note for note in draft.review)
    assert extract_text(page("Thứ năm, 28/03/2024, 04:52", "Hội thảo chăm sóc cây ăn quả cho nông dân", PROSE),
                        gazetteer()).date.iso == "2024-03-28"


@pytest.mark.parametrize("lines", [
    # under the widget, with the portal's current date above it: the article's
    ("Thứ Hai, 15/04/2024", "Thời tiết Lai Châu: 22°C", "12/04/2024", "Hội thảo chăm sóc cây ăn quả cho nông dân"),
    # beside it with the article's label
    ("Thời tiết Lai Châu: 22°C", "Ngày đăng: 12/04/2024", "Hội thảo chăm sóc cây ăn quả cho nông dân"),
])
def test_the_articles_date_beside_a_weather_widget(lines):
    draft = extract_text(page(*lines, PROSE, PROSE), gazetteer())
    assert draft.date.iso == "2024-04-12" and draft.title == "Hội thảo chăm sóc cây ăn quả cho nông dân"


def test_a_date_above_the_headline_after_the_one_in_the_address_is_the_portals():
    """An address stamped with its article's date ("…-20200719085601097.htm") under a header dated years later:
    the header shows the day the page was saved; the address's date is the article's."""
    url = "https://example-news.vn/tang-nha-cap-thuoc-mien-phi-20200719085601097.htm"
    text = page("THỨ SÁU, NGÀY 22 THÁNG 11 NĂM 2024 08:40", "Hội thảo chăm sóc cây ăn quả cho nông dân", PROSE, PROSE)
    draft = extract_text(text, gazetteer(), url=url)
    assert draft.date.iso == "2020-07-19" and any("after the date in the page's address" in n for n in draft.review)
    same_day = extract_text(page("Chủ nhật, 19/07/2020", "Hội thảo chăm sóc cây ăn quả cho nông dân", PROSE, PROSE),
                            gazetteer(), url=url)
    assert same_day.date.iso == "2020-07-19" and not any("after the date" in n for n in same_day.review)


@pytest.mark.parametrize("line, author", [
    ("Ngày đăng 08/02/2020 | 10:37  | View count: 226", None),    # a counter labelled in English
    ("Ngày đăng bài: 01/10/2020 | Tác giả: Thành Tân", "Thành Tân"),  # "ngày đăng bài", the author beside it
])
def test_a_date_line_with_its_counter_or_author_under_the_headline(line, author):
    draft = extract_text(page("Hội thảo chăm sóc cây ăn quả cho nông dân", line, PROSE, PROSE), gazetteer())
    assert draft.title == "Hội thảo chăm sóc cây ăn quả cho nông dân" and draft.date.iso[:4] == "2020"
    assert draft.author == author


@pytest.mark.parametrize("line", ["Thứ 6, 02/08/2024 | 13:08:04 [GMT +7] A A", "02/08/2024 13:08 A- A A+"])
def test_a_date_line_with_a_text_size_widgets_buttons_under_the_headline(line):
    """"A A" is the widget's buttons, not a name beside the date: the line is the date line."""
    draft = extract_text(page("Chủ nhật, 14/12/2025", "Hội thảo chăm sóc cây ăn quả cho nông dân", line, PROSE, PROSE),
                         gazetteer())
    assert draft.date.iso == "2024-08-02" and draft.author is None


def test_a_date_in_brackets_after_the_headline_is_the_date_not_the_headline():
    title = "Lịch tổ chức lễ hội truyền thống trên địa bàn thành phố năm 2019"
    draft = extract_text(page(title + " (06/03/2019)", PROSE), gazetteer())
    assert draft.title == title and draft.date.iso == "2019-03-06"
    assert any(note.startswith("title: the date in brackets after the headline") for note in draft.review)
    for headline in ("Kỷ niệm ngày thành lập xã (1945 - 2020)",  # years, an event's date: the headline's
                     "Kỷ niệm 79 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944)"):
        draft = extract_text(page(headline, PROSE), gazetteer())
        assert draft.title == headline and (draft.date is None or draft.date.year != 1944)
    draft = extract_text(page(title + " (06/03/2019)", "12/03/2019 08:30", PROSE), gazetteer())  # the page's own date
    assert draft.title == title + " (06/03/2019)" and draft.date.iso == "2019-03-12"


@pytest.mark.parametrize("line", ["Kim Dung - Nguyễn TuânCập nhật 09:49 ngày 22/01/2020",
                                  "Kim Dung – Nguyễn Tuân 22/01/2020 09:49"])
def test_two_signers_beside_the_date_are_two_names(line):
    draft = extract_text(page("Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam", line, PROSE), gazetteer())
    assert draft.date.iso == "2020-01-22" and draft.author == "Kim Dung, Nguyễn Tuân"
    draft = extract_text(page("Xã Tân Lập tổ chức hội thi nấu ăn ngày Phụ nữ Việt Nam", "22/01/2020 - Thu Hà - TTXVN",
                              PROSE), gazetteer())
    assert draft.author == "Thu Hà" and draft.source.name == "Thông tấn xã Việt Nam"  # a wire's code: its source


def test_a_videos_date_under_its_lead_over_its_sections_name():
    title = "Thao trường xanh ở Bộ Chỉ huy Quân sự tỉnh"
    draft = extract_text(page(title, "", PROSE, "", "Thứ sáu, 09/04/2021 05:43", "", "Thời sự"), gazetteer())
    assert draft.date.iso == "2021-04-09" and "Thời sự" not in draft.body
