"""Generated page layouts (issue 20 §1): an article set among the furniture local portals print around it, in
random order and combination: a site banner, menus, a breadcrumb repeating the headline, a section label, the
portal's current date beside a weather widget, the article's date in eleven forms above or under the headline, a
byline above the lead or under the text in ten forms, a source line, related lists, share widgets, comment forms
and a footer from its copyright line on. Each page must give its headline, date, author and source. With a
commune of the register named in the lead, and the portal's list of its district's communes above the headline,
its address in the footer or links to the communes' sites below, it must give that commune as its place. Saved
as HTML (the headline in an ``h1``, ``h2`` or ``div``, a ``<title>`` that is the site's name or the headline
with it), it must give the same.

The pools are written for this test; none is taken from a measured set. The seed is fixed, so a failure names
the page it failed on and can be replayed.
"""

from __future__ import annotations

import html
import random
import re

import pytest

from archivist.importer.extract import extract_html, extract_text
from archivist.model.places import ERA_LEGACY, gazetteer

BANNERS = ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN MƯỜNG NHÉ", "Trang thông tin điện tử xã Tân Lập", "HỘI NÔNG DÂN TỈNH BẮC GIANG",
           "TRANG THÔNG TIN ĐIỆN TỬ PHƯỜNG HỒNG HẢI", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH LẠNG SƠN", "BÁO LAI CHÂU ĐIỆN TỬ",
           "ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ", "CÔNG AN TỈNH THÁI NGUYÊN")
MENUS = (("Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Liên hệ"),
         ("TRANG CHỦ", "TIN TỨC", "CHÍNH TRỊ", "KINH TẾ", "VĂN HÓA - XÃ HỘI"),
         ("Đăng nhập", "Sơ đồ site", "English"),
         ("Thứ Hai, 15/03/2021", "Thời tiết Lai Châu: 22°C"),  # the portal's current date and weather
         ("Tin mới", "Khai mạc hội chợ thương mại (10/03/2021)", "Hội nghị tổng kết công tác năm 2020 (05/01/2021)"))
SECTIONS = ("Tin tức - Sự kiện", "Kinh tế", "Tin địa phương", "XÃ HỘI")
TITLES = ("Hội Nông dân xã Tân Lập tập huấn kỹ thuật chăn nuôi bò", "Công an huyện triệt phá đường dây đánh bạc qua mạng",
          "Đảng ủy xã tổ chức Hội nghị học tập Nghị quyết Trung ương 4", "Yên Thế: Ra quân làm thủy lợi nội đồng",
          "“Ngày hội Đại đoàn kết” ở khu dân cư số 5", "Ủy ban MTTQ huyện trao 10 suất quà cho hộ nghèo",
          "TỔNG KẾT CÔNG TÁC HỘI VÀ PHONG TRÀO NÔNG DÂN NĂM 2020", "Đoàn Thanh niên phường ra mắt công trình thanh niên",
          "Lai Châu: Hơn 3.000 hội viên tham gia mô hình kinh tế", "Trường Mầm non Hoa Sen khai giảng năm học mới",
          "HỘI NÔNG DÂN TỈNH TẬP HUẤN KỸ THUẬT TRỒNG CÀ PHÊ CHO HỘI VIÊN", "Tuyên truyền phòng chống ma túy cho học sinh")
LEADS = ("Sáng ngày 12/3, Ủy ban nhân dân huyện đã tổ chức hội nghị với sự tham dự của lãnh đạo các phòng, ban, ngành "
         "và các xã, thị trấn trên địa bàn.",
         "(BLC) - Thực hiện kế hoạch năm 2020, trong tuần qua, các cấp hội đã phối hợp tổ chức nhiều hoạt động thiết "
         "thực, thu hút đông đảo hội viên tham gia.",
         "Chiều 5/6, đoàn công tác do đồng chí Phó Chủ tịch UBND huyện làm trưởng đoàn đã đến thăm, kiểm tra tình hình "
         "sản xuất tại các hộ dân.")
BODY = ("Tại buổi lễ, các đại biểu đã nghe báo cáo kết quả thực hiện nhiệm vụ và thảo luận về phương hướng, giải pháp "
        "trong thời gian tới.",
        "Theo báo cáo, năm qua địa phương đã huy động được hơn 2 tỷ đồng để xây dựng các công trình phúc lợi, góp phần "
        "nâng cao đời sống nhân dân.",
        "Phát biểu chỉ đạo, đồng chí Chủ tịch UBND huyện đề nghị các đơn vị tiếp tục phát huy kết quả đạt được, khắc "
        "phục những hạn chế.",
        "Quang cảnh hội nghị",
        "Dịp này, Ban tổ chức đã trao giấy khen cho 15 tập thể và 20 cá nhân có thành tích xuất sắc trong phong trào "
        "thi đua.",
        "Ảnh: Các đại biểu tham quan mô hình")
DATES = (("12/03/2021", "2021-03-12"), ("Thứ Sáu, 12/03/2021 08:30", "2021-03-12"),
         ("Ngày đăng: 12/03/2021", "2021-03-12"), ("3/12/2021 8:30:00 AM", "2021-03-12"), ("12 03 2021", "2021-03-12"),
         ("Cập nhật: 12/03/2021 | 08:30", "2021-03-12"), ("08:30 | 12/03/2021", "2021-03-12"),
         ("Thứ sáu, 12/3/2021, 08:30 (GMT+7)", "2021-03-12"), ("Ngày 12 tháng 3 năm 2021", "2021-03-12"),
         ("12/03/2021 08:30 - Lượt xem: 125", "2021-03-12"), ("Đăng lúc: 08:30 12/03/2021", "2021-03-12"))
BYLINES = (("Nguyễn Văn An", "Nguyễn Văn An"), ("Bài, ảnh: Thu Hà", "Thu Hà"), ("THANH TÙNG", "Thanh Tùng"),
           ("Tin, ảnh: Minh Đức", "Minh Đức"), ("Lê Thị Mai (Trung tâm VH-TT huyện)", "Lê Thị Mai"),
           ("Hoàng Anh - Minh Thu", "Hoàng Anh, Minh Thu"), ("Tác giả: Trần Bình", "Trần Bình"),
           ("Quốc Việt", "Quốc Việt"), ("Bài và ảnh: NGỌC HÀ", "Ngọc Hà"), ("Văn Phúc - Hội Nông dân huyện", "Văn Phúc"),
           ("Bài: Mai Lan - Ảnh: Quốc Khánh", "Mai Lan"), ("Lê thị Thu Hà", "Lê Thị Thu Hà"),
           ("HỘI NÔNG DÂN XÃ TÂN LẬP", "Hội Nông dân xã Tân Lập"), ("Minh Tâm (Yên Thế)", "Minh Tâm"))
SOURCES = (("Theo Báo Lai Châu", "Báo Lai Châu"), ("Nguồn: baobacgiang.vn", "Báo Bắc Giang"))
TAILS = (("Lượt xem: 356", "In bài viết", "Chia sẻ"),
         ("Tin liên quan", "Khai mạc giải bóng đá thiếu niên (10/03/2021)", "Hội nghị tổng kết năm 2020 (05/01/2021)"),
         ("Các tin khác", "Ra quân tổng vệ sinh môi trường", "Tập huấn nghiệp vụ cho cán bộ"),
         ("Bản quyền thuộc về Cổng thông tin điện tử huyện", "Địa chỉ: Trung tâm huyện", "Điện thoại: 0215 3123456"),
         ("Facebook", "Zalo", "Twitter"),
         ("Ý kiến bạn đọc", "Họ tên", "Email", "Nội dung", "Gửi"))


def generated(seed: int) -> tuple[list[str], dict[str, str | None]]:
    """A page's lines and what it must give."""
    pick = random.Random(seed)
    title, (date, iso), (byline, author) = pick.choice(TITLES), pick.choice(DATES), pick.choice(BYLINES)
    lines: list[str] = []
    if pick.random() < .7:
        lines.append(pick.choice(BANNERS))
    if pick.random() < .7:
        lines += pick.choice(MENUS)
    if pick.random() < .3:
        lines.append("Trang chủ » Tin tức » " + title)
    elif pick.random() < .3:
        lines.append(pick.choice(SECTIONS))
    above = pick.random() < .35
    lines += [date, title] if above else [title, date]
    signed_above = pick.random() < .15
    if signed_above:
        lines.append(byline)
    if pick.random() < .4:
        lines.append("(Ảnh minh họa)")
    lines += [pick.choice(LEADS), *pick.sample(BODY, pick.randint(2, 5))]
    if not signed_above:
        lines.append(byline)
    source, name = pick.choice(SOURCES) if pick.random() < .3 else (None, None)
    if source:
        lines.append(source)
    for _ in range(2):
        if pick.random() < .6:
            lines += pick.choice(TAILS)
    return lines, {"title": title, "date": iso, "author": author, "source": name}


def as_html(lines: list[str], title: str, seed: int) -> str:
    """The page saved from a browser: its banner in a header, its headline in a heading or a styled block."""
    pick = random.Random(seed)
    site = next((line for line in lines if line in BANNERS), "Cổng thông tin điện tử")
    head = pick.choice([f"{title} - {site}", site, title, f"{site} | {title}"])
    tag, attributes = pick.choice([("h1", ""), ("h2", ""), ("div", ' class="title"')])
    body = [f'<header><div class="logo">{html.escape(line)}</div></header>' if line in BANNERS
            else f"<{tag}{attributes}>{html.escape(line)}</{tag}>" if line == title else f"<p>{html.escape(line)}</p>"
            for line in lines]
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(head)}</title></head><body>"
            + "\n".join(body) + f"<footer><p>{html.escape(site)}</p></footer></body></html>")


@pytest.mark.parametrize("saved", ["text", "html"])
@pytest.mark.parametrize("seeds", [range(start, start + 100) for start in range(0, 600, 100)],
                         ids=lambda seeds: f"pages {seeds.start}-{seeds.stop - 1}")
def test_generated_layouts_give_headline_date_author_and_source(seeds, saved):
    wrong = {}
    for seed in seeds:
        lines, want = generated(seed)
        if saved == "html":
            draft = extract_html(as_html(lines, want["title"], seed), gazetteer())
        else:
            draft = extract_text("\n".join(lines), gazetteer())
        got = {"title": draft.title, "date": draft.date.iso if draft.date else None, "author": draft.author,
               "source": draft.source.name if draft.source and want["source"] else None}
        if got != want:
            wrong[seed] = ({k: v for k, v in got.items() if v != want[k]}, " / ".join(lines))
    assert wrong == {}


def placed(seed: int) -> tuple[list[str], object] | None:
    """A generated page whose lead names a commune of the register with its parents, among lists of the other
    communes of its district; None when the page names other units (a banner's, a headline's)."""
    lines, want = generated(seed)
    named = [m[1] for m in re.finditer(r"\b(?:xã|phường|huyện|tỉnh) (\w)", want["title"], re.I)]
    if ":" in want["title"] or any(letter.isupper() for letter in named):  # "Lai Châu: …", "… xã Tân Lập …"
        return None
    lines = [line for line in lines if line not in BANNERS]
    pick = random.Random(seed)
    places = gazetteer()
    district = pick.choice([d for p in places.provinces(ERA_LEGACY) for d in places.children(p)])
    communes = list(places.children(district))
    commune = pick.choice(communes)
    lead = next(i for i, line in enumerate(lines) if line in LEADS)
    lines[lead] = (f"Sáng ngày 12/3, UBND {commune.title}, {district.title}, {district.parent.title} đã tổ chức hội "
                   "nghị với sự tham dự của lãnh đạo các ban, ngành, đoàn thể và các thôn, bản trên địa bàn.")
    furniture = pick.choice(["communes", "address", "links"])
    if furniture == "communes":  # the portal's menu of its district's communes, above the headline
        at = lines.index(want["title"])
        lines[at:at] = [f"{c.kind} {c.short}" for c in communes[:8]]
    elif furniture == "address":
        lines += [f"Địa chỉ: Trung tâm hành chính {district.title}, {district.parent.title}", "Điện thoại: 0215 312345"]
    else:
        lines += ["Liên kết website", *[f"Trang thông tin điện tử {c.title}" for c in communes[:6]]]
    alike = sum(1 for c in communes if c.short == commune.short)
    return (lines, commune) if alike == 1 else None


@pytest.mark.parametrize("seeds", [range(start, start + 100) for start in range(0, 300, 100)],
                         ids=lambda seeds: f"pages {seeds.start}-{seeds.stop - 1}")
def test_generated_layouts_give_the_commune_the_lead_names(seeds):
    wrong = {}
    for seed in seeds:
        page = placed(seed)
        if page is None:
            continue
        lines, commune = page
        draft = extract_text("\n".join(lines), gazetteer())
        if draft.places[:1] != [commune]:
            wrong[seed] = ([p.label for p in draft.places[:1]], draft.title, " / ".join(lines))
    assert wrong == {}
