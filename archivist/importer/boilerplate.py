"""Page furniture of scraped Vietnamese news pages, recognised line by line.

A raw page copied from a browser carries, around the article, the site's widgets (share
buttons, font size, ratings), navigation, visitor counters, certificate badges and the
headings of the boxes below the article ("Phản hồi", "Các tin khác", "Mới nhất"). Lines
are compared folded (no diacritics, lowercase), so "Chung nhan Tin Nhiem Mang" and
"Chứng nhận Tín nhiệm Mạng" are the same badge.

* ``is_widget``: never article text, wherever it stands.
* ``end_kind``: a heading that ends the article: ``"hard"`` (feedback form, other news,
  links, counters: everything after it is furniture too) or ``"soft"`` (related news: a box
  that some sites put inside the article, so article text may follow it).
* ``welcome_site``: "Chào mừng bạn đến với <site>" names the portal the page is on.
* ``counter_year``: "Năm 2024 : 660.790" is a visitor counter, not a date of the article.
"""

from __future__ import annotations

import re
import unicodedata

from ..model.schema import CONTROL
from ..model.vietnamese import fold, nfc

__all__ = ["UNIT_TYPES", "tidy", "clean_line", "is_widget", "end_kind", "welcome_site", "counter_year", "bare_count", "is_noise",
           "site_header", "header_head", "category_label"]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BULLETS = re.compile(r"^(?:[•·▪►▸»›◦●○■□\-–—*|]\s*)+")


def tidy(text: str) -> str:
    """NFC, every kind of space (NBSP included) and control character (which no page may
    hold, model.schema.CONTROL) as one plain space, invisible characters removed, stripped."""
    return _SPACES.sub(" ", CONTROL.sub(" ", nfc(text).translate(_INVISIBLE))).strip()


_LEAKED = re.compile(r"^(?:null|undefined)\s+(?=[^\W\d_])")


def clean_line(text: str) -> str:
    """``tidy`` text without its leading bullets ("•", "-", "»") and the "null" or "undefined" a template
    leaks before a value it prints ("null Ra quân …")."""
    text = _LEAKED.sub("", tidy(text))
    return _BULLETS.sub("", text).strip() if text[:1] in "•·▪►▸»›◦●○■□-–—*|" else text


def _key(line: str) -> str:
    """Folded form of a line for matching: no diacritics, lowercase, single spaces, no emoji at the end
    ("Tìm kiếm:✨")."""
    key = fold(line)
    while key and (key[-1] in " :." or unicodedata.category(key[-1]) == "So"):
        key = key[:-1]
    return key.lstrip(" :.")


_WIDGET_LINES = {
    "chia se", "share", "tweet", "like", "thich", "email", "e-mail", "in", "in bai", "in bai viet",
    "in trang", "ban in", "print", "gui email", "gui bai viet", "gui cho ban be", "gui tin", "luu bai viet",
    "luu tin", "zalo", "facebook", "twitter", "google+", "linkedin", "rss", "quay lai", "tro ve", "tro lai",
    "ve dau trang", "len dau trang", "dau trang", "top", "trang chu", "dang nhap", "dang ky", "lien he",
    "so do site", "so do cong", "so do trang", "tai ve", "download", "nghe doc bai viet", "nghe bai viet",
    "nghe audio", "doc bai viet", "nghe", "tang tuong phan", "giam tuong phan", "co chu", "kich thuoc chu",
    "font chu", "xem them", "xem tiep", "doc tiep", "ban do dia gioi hanh chinh", "tim kiem", "menu",
    "ma xac nhan", "nhap ma xac nhan", "ho ten", "ho va ten", "noi dung", "gui", "huy", "lam lai",
    "nhap lai", "binh chon", "danh gia bai viet", "click de danh gia bai viet", "in bai nay",
    "gop y", "gop y du thao", "gop y du thao van ban", "chuyen muc", "tin tuc", "video", "hinh anh", "am thanh",
    "xem nguon", "xem bai goc",
    "doc bai goc", "link goc", "link bai goc", "nguon bai viet", "bao moi", "goc", "bai goc",
    "skip to main content", "skip ribbon commands", "skip to content", "skip navigation", "bo qua noi dung",
}
_WIDGET_PATTERNS = [re.compile(p) for p in (
    r"^a\s*-?\s*a\s*a\s*\+",                      # font size: "A- A A+"
    r"\ba- a a\+|\ba\+ a a-",
    r"^chia se (bai viet|len|qua|tren)\b",
    r"tang tuong phan|giam tuong phan",
    r"^(tong so diem|click de danh gia|danh gia bai viet|danh gia\s*:|binh chon\s*:)",
    r"^[\d.,]+\s*diem\s*/\s*[\d.,]+\s*(luot|phieu)",          # a rating: "0 điểm / 0 lượt đánh giá"
    r"^(tong )?(so )?(luot|lan) (xem|doc|truy cap|thich|chia se|nghe)\b",
    r"^(views?|hits?|view count|page views?|read count|da xem|da doc)\s*:?\s*[\d.,]+$",
    r"^[\d.,]+\s*(luot|lan) (xem|doc|truy cap|thich|chia se|nghe)$",       # "693 lượt xem"
    r"^thoi (luong|gian)\s*:?\s*[\d.,:]+\s*(phut|giay|s|m)?$",                # a video's "Thời lượng: 6.47 phút"
    r"^(danh muc|chuyen muc)\s*:\s*\S.{0,40}$",                                # its category: "Danh mục: Tin …"
    r"^(\(\d+\)\s*)?(binh luan|y kien|phan hoi|comments?)\s*(\(\d+\))?$",     # "Bình luận (0)"
    r"^(tac gia|nguon|nguon tin|ngay dang|ngay xuat ban|ngay cap nhat|tu khoa|tags?|chu de|luot xem|anh)\s*:?$",
    r"^(xuat ban|publish(ed)?|da xuat ban|dang bai|ban nhap)$",   # a CMS's publish label
    r"^(chuyen muc|danh muc|the loai)\s*:\s*[^:]{1,40}$",      # the section an article is filed in
    r"^(da xem|(so )?(nguoi )?dang truy cap|dang truc tuyen|truc tuyen|online|hom nay|hom qua|tuan nay|tuan truoc"
    r"|thang nay|thang truoc|nam nay|tong so|tong so (luot )?truy cap|tong luot truy cap|tong truy cap"
    r"|luot truy cap|khach)"
    r"\s*:\s*[\d.,\s]*$",
    r"^thang \d{1,2}\s*:\s*[\d.,\s]+$",
    r"^nam \d{4}\s*:\s*[\d.,\s]+$",
    r"chung nhan tin nhiem mang|tin nhiem mang\b",
    r"^(ban quyen|copyright|\(c\)|©)",
    r"^(co quan chu quan|giay phep (so|xuat ban|thiet lap|hoat dong)|chiu trach nhiem (noi dung|chinh|xuat ban)"
    r"|tong bien tap|pho tong bien tap|truong ban bien tap|nguoi phat ngon)\b",     # the site's footer
    r"^[^.]{0,60}\s[-–]\s*co quan (ngon luan )?cua (dang bo|tinh uy|thanh uy|huyen uy|ubnd|uy ban|hoi|doan)\b",
    r"ghi ro nguon",
    r"^theo doi .*\b(google news|zalo|facebook|youtube|tiktok)\b",
    r"^(dien thoai|email|fax|hotline|dia chi email)\s*:\s*[\d\s().+\-]*$",
    r"^thoi tiet\b[^.]{0,40}\d\s*°",                # a weather widget: "Thời tiết Lai Châu: 22°C"
    r"^-?\d{1,2}\s*(°|o)\s*c$|^thap nhat -?\d{1,2}\s*°|^do am( trung binh)?\b.{0,40}%",  # "15oC", "Thấp nhất 13°C…"
    r"^(trang chu|home)\s*[>»›/|]",                 # breadcrumb
    # a section's breadcrumb, a few words a part: "Tin Hoạt động >> Văn hóa", "Tin tức » Kinh tế"
    r"^([^\s>»›.!?]+ ?){1,5}(\s*(>>|»|›|>)\s*(?=[^\W\d_])([^\s>»›.!?]+ ?){1,5})+$",
    r"^chi tiet (bai viet|tin bai|tin tuc)\b",       # a portal's page label: "Chi tiết bài viết Tin tức"
    r"^(facebook|zalo|twitter|email|in|print)(\s+(facebook|zalo|twitter|email|in|print|google\+?))+$",
    r"^ban da khong su dung site\b",               # a CMS's session timeout (NukeViet): "… Thời gian chờ: 60 giây"
    r"\btang sao cho bai viet\b",                   # a paper's rating widget: "… tặng sao cho bài viết 0 0 0"
    r"^(&lt;|<)/?(html|head|meta|link|script|style|div|body|!doctype)\b",   # the page's source where its text should be
    r"^\d{6,} \d{6,} \d{6,} n\b",                    # social-network photo file names: "436200315 4645032… n"
    # a photo's file name where its caption should be: "z5241571642841 4ccab7c…" (Zalo), "IMG_2041.JPG"
    r"^(z\d{9,}([ _][0-9a-f]{6,})*|(img|dsc[fn]?|pxl|mvimg)[_-]?\d[\w-]*)(\.(jpe?g|png|gif|webp|heic))?$",
    r"^[\w-]+\.(jpe?g|png|gif|webp|heic)$",
)]

_HARD_ENDS = {
    "phan hoi", "gui phan hoi", "thong tin nguoi gui phan hoi", "y kien ban doc", "y kien phan hoi",
    "y kien cua ban", "gui y kien", "binh luan", "gui binh luan", "viet binh luan", "viet binh luan moi", "cac tin khac",
    "tin khac", "cac bai khac", "bai viet khac", "cac bai viet khac", "tin cung chuyen muc",
    "bai cung chuyen muc", "tin cung loai", "moi nhat", "tin moi nhat", "tin moi", "doc nhieu",
    "doc nhieu nhat", "xem nhieu", "xem nhieu nhat", "tin doc nhieu", "tin xem nhieu", "tin noi bat",
    "lien ket website", "lien ket web", "lien ket", "weblink", "thong ke truy cap", "tin tuc khac",
    "cac tin da dua", "tin da dua", "tin bai khac", "tin bai da dua", "thong tin can biet",
    "gop y kien", "gui gop y", "y kien dong gop", "dong gop y kien", "binh luan bai viet", "de lai binh luan",
    "de lai tra loi", "de lai mot binh luan", "de lai mot tra loi",
    "tim kiem", "tu khoa tim kiem", "tim kiem nhanh",  # a search box after the article, with its keywords
    "cac bai moi", "bai moi", "bai viet moi", "cac bai viet moi", "ty gia ngoai te", "ty gia", "gia vang",
    "danh muc", "tin tuc su kien",  # the site's category list and news section after the article
    "chuong trinh truyen hinh", "lich phat song", "truyen hinh truc tuyen", "phat thanh truc tuyen",  # a station's
}
_SOFT_ENDS = {
    "tin lien quan", "cac tin lien quan", "bai lien quan", "bai viet lien quan", "cac bai viet lien quan",
    "co the ban quan tam", "ban co the quan tam", "doc them", "video lien quan", "clip lien quan", "anh lien quan",
    "tin nen doc", "bai nen doc", "nen doc",
}
# A list of the site's other items: "Các album đã đăng", "Các bài viết khác", "Những tin đã đưa".
_OTHER_ITEMS = re.compile(r"^(?:(?:cac|nhung) (?:tin|bai|bai viet|tin bai|album|album anh|video|clip|phong su|phong su anh"
                          r"|anh|van ban|thong bao) (?:da dang|da dua|da dang tai|da dang khac|khac|truoc)"
                          # "Bài viết cùng chuyên mục", "Các tin khác cùng chủ đề", "Tin cũ hơn", "Bài tiếp theo"
                          r"|(?:(?:cac|nhung) )?(?:tin|bai|bai viet|tin bai|tin tuc)(?: khac)? (?:cung|trong) "
                          r"(?:chuyen muc|chu de|loai|danh muc|the loai|linh vuc)"
                          r"|(?:(?:cac|nhung) )?(?:tin|bai|bai viet|tin bai) "
                          r"(?:cu hon|moi hon|truoc|sau|tiep theo|ke tiep))$")
# A blog engine's comment form: "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc …"
_COMMENT_FORM = re.compile(r"^(?:dia chi )?email cua ban se khong (?:duoc )?(?:hien thi|cong bo|cong khai)")
# The site's footer, from its copyright line on: "Bản quyền thuộc về Cổng thông tin điện tử huyện X", "© 2024 Báo Y"
_COPYRIGHT = re.compile(r"^(?:ban quyen (?:thuoc|©|\(c\)|\d{4})|thong tin ban quyen$|copyright\b|©|\(c\)\s*\d{4})")
# an icon's file name before a heading: "contract-(4).png Thông tin bản quyền"
_ICON = re.compile(r"^[\w().-]+\.(?:png|jpe?g|gif|svg|webp)\s+")
_COUNT_SUFFIX = re.compile(r"\s*(\(\d+\)|»|>>|\.\.\.)$")


_BUTTONS = re.compile(r"\b(?:chia se|share|tweet|like|thich|e-?mail|gui email|gui bai viet|gui cho ban be|in bai viet"
                      r"|in bai|in trang|ban in|in|print|luu bai viet|luu tin|luu|zalo|facebook|twitter|google\+?"
                      r"|linkedin|messenger|copy link|sao chep lien ket|sao chep link|binh luan|gop y|phan hoi"
                      r"|nghe doc bai viet|nghe bai viet|nghe|co chu|a-|a\+|a)(?=\s|$|[|•·/,:])")


def is_widget(line: str) -> bool:
    """Whether a (cleaned) line is a widget, counter, badge or navigation line; a line made only of
    buttons ("In bài viết | Gửi email | Lưu bài viết", "Chia sẻ Facebook Zalo") is one too."""
    key = _key(line)
    if not key:
        return True
    if key in _WIDGET_LINES:
        return True
    if any(p.search(key) for p in _WIDGET_PATTERNS):
        return True
    rest = _BUTTONS.sub(" ", key)
    return len(key.split()) <= 12 and not re.sub(r"[\s|•·/,:()\-]+", "", rest)


def end_kind(line: str) -> str | None:
    """"hard" or "soft" when a (cleaned) line is the heading of a box below the article, else None."""
    key = _ICON.sub("", _COUNT_SUFFIX.sub("", _key(line))).strip(" :")
    if key in _HARD_ENDS or _OTHER_ITEMS.match(key) or _COMMENT_FORM.match(key) or _COPYRIGHT.match(key):
        return "hard"
    if fold(line).strip(" .") in ("tra loi", "huy tra loi"):  # a comment form's heading; "Trả lời:" answers a question
        return "hard"
    if key in _SOFT_ENDS:
        return "soft"
    parts = re.split(r"\s+[-–|]\s+", line)  # "Ý kiến bạn đọc - Gửi bình luận": headings run together
    kinds = [end_kind(part) for part in parts] if len(parts) > 1 else []
    return next((kind for kind in ("hard", "soft") if kind in kinds), None) if all(kinds) and kinds else None


_WELCOME = re.compile(r"^(?:chào mừng|chao mung)\s+(?:(?:các\s+)?(?:bạn|quý vị|quý khách|ban|quy vi))?\s*(?:đã\s+)?"
                      r"(?:đến|tới|den|toi)\s+(?:với|voi)\s+(?P<site>.+?)\s*[.!]*$", re.I)


def welcome_site(line: str) -> str | None:
    """The site a welcome line names: "Chào mừng bạn đến với Cổng TTĐT TP Long Xuyên" → "Cổng TTĐT TP Long Xuyên"."""
    match = _WELCOME.match(line)
    return match["site"].strip() if match else None


_SITE_HEADER = re.compile(
    r"^(?:cổng thông tin điện tử|cổng thông tin|trang thông tin điện tử|cổng ttđt|trang ttđt|báo|tạp chí"
    r"|đài phát thanh\s*(?:và|-|–)\s*truyền hình|đài pt\s*-?\s*th|đài ptth|đài truyền hình|đài phát thanh"
    r"|hội nông dân|hội liên hiệp phụ nữ|hội lhpn|hội cựu chiến binh|tỉnh đoàn|thành đoàn|huyện đoàn"
    r"|liên đoàn lao động|ủy ban mặt trận tổ quốc việt nam|uỷ ban mặt trận tổ quốc việt nam|ủy ban mttq việt nam)"
    r"(?=\s|$)", re.I)
# Lowercase words a site's name may hold after its head ("… điện tử huyện Mường Nhé", "Báo Gia Lai điện tử").
_SITE_WORDS = {"tỉnh", "huyện", "xã", "phường", "thị", "trấn", "thành", "phố", "quận", "điện", "tử", "online", "và",
               "tp", "tp.", "tx", "tx.", "h.", "-", "–", "|", "&"}


UNIT_TYPES = "thành phố|thị xã|thị trấn|tỉnh|huyện|quận|phường|xã"
"""The type words of administrative units, as a pattern's alternatives (lowercase; match them ignoring case)."""
_UNIT_WORD = rf"(?<!\w)(?:{UNIT_TYPES}|tp\.?|tx\.?)\s+\S"
_UNIT_LINE = re.compile("^" + _UNIT_WORD, re.I)


def unit_line(line: str) -> bool:
    """Whether a line only names units, as a banner prints them under a site's name ("HUYỆN Y - TỈNH Z")."""
    words = line.split()
    return (bool(_UNIT_LINE.match(line)) and len(words) <= 10
            and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SITE_WORDS for w in words[1:]))


def header_head(line: str, following: str) -> str | None:
    """A site's name a banner prints on two lines, the organisation then its unit ("ỦY BAN MẶT TRẬN TỔ
    QUỐC VIỆT NAM" / "QUẬN 5 - THÀNH PHỐ HỒ CHÍ MINH"): the two as one name, else None."""
    match = _SITE_HEADER.match(line)
    rest = line[match.end():] if match else ""
    if not match or not _UNIT_LINE.match(following) or re.search(_UNIT_WORD, rest, re.I) \
            or (rest.strip() and not site_header(line)):
        return None
    joined = f"{line.strip()} {following.strip()}"
    return joined if site_header(joined) else None


def site_header(line: str) -> bool:
    """Whether a line is a site's name, as a page prints it over its content ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN
    X", "Báo Gia Lai điện tử", "HỘI NÔNG DÂN TỈNH Y", "Trang thông tin điện tử xã Z - huyện W"): a site's
    or organisation's head and a name, nothing said about it ("Báo cáo …", "Hội Nông dân huyện X tập
    huấn …" are not)."""
    match = _SITE_HEADER.match(line)
    words = line[match.end():].split() if match else []
    return (bool(words) and len(line.split()) <= 16
            and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SITE_WORDS for w in words)
            and not any(len(name.split()) > 5 for name in _UNIT_NAMES.findall(line[match.end():])))


# The name after each type word of a site's name, up to a dash, bar, comma or the next type word: at most five
# words, so a headline in capitals opening with an organisation's name is none ("HỘI NÔNG DÂN TỈNH TẬP HUẤN …").
_UNIT_NAMES = re.compile(rf"(?<!\w)(?:{UNIT_TYPES}|tp\.?|tx\.?)\s+((?:(?!(?:{UNIT_TYPES})\b)"
                         r"[^\s,|–-]+(?:\s+|(?=[,|–-])|$))+)", re.I)


_COUNTER_YEAR = re.compile(r"^n[aă]m (\d{4})\s*:\s*[\d.,\s]+$", re.I)


def counter_year(line: str) -> int | None:
    """The year of a visitor-counter line ("Năm 2024 : 660.790"), else None."""
    match = _COUNTER_YEAR.match(fold(line))
    return int(match[1]) if match else None


_BARE_COUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d{1,6}")


def bare_count(text: str) -> bool:
    """Whether a text is a number alone, as a view counter prints it ("4,157", "329")."""
    return bool(_BARE_COUNT.fullmatch(text.strip()))


def is_noise(line: str) -> bool:
    """Whether a line has no letters at all ("• :", "|", "***")."""
    return not any(unicodedata.category(c).startswith("L") for c in line)


# Section names sites print over an article (a headline is not one of them).
_CATEGORIES = {
    "tin tuc su kien", "tin tuc su kien noi bat", "tin hoat dong", "tin dia phuong", "tin trong tinh", "tin trong huyen",
    "tin trong nuoc", "tin kinh te", "tin van hoa", "tin co so", "tin anh", "thoi su chinh tri", "an ninh trat tu",
    "an ninh quoc phong", "quoc phong an ninh", "van hoa xa hoi", "kinh te xa hoi", "kinh te chinh tri",
    "van hoa the thao", "van hoa the thao du lich", "van hoa du lich", "nong nghiep nong thon", "nong thon moi",
    "khoa hoc cong nghe", "xay dung dang", "cai cach hanh chinh", "hoat dong cua chinh quyen",
    "hoat dong chinh quyen", "hoat dong cua lanh dao", "tin hoat dong cua lanh dao", "hoat dong cac xa thi tran",
    "hoat dong cac xa phuong thi tran", "hoat dong cac xa phuong", "hoat dong cac xa", "hoat dong cac don vi",
    "hoat dong hoi", "hoat dong doan the", "hoat dong co so", "hoat dong mat tran", "guong dien hinh",
    "guong dien hinh tien tien", "guong nguoi tot viec tot", "lao dong viec lam", "dan toc ton giao",
    "an sinh xa hoi", "giao duc dao tao", "y te suc khoe", "tai nguyen moi truong", "giao thong van tai",
    "quoc phong quan su", "phap luat doi song", "tin tuc tong hop", "tin tong hop", "thong tin tuyen truyen",
    "thoi su", "chinh tri", "kinh te", "xa hoi", "van hoa", "the thao", "giao duc", "y te", "phap luat", "quoc phong",
    "an ninh", "du lich", "nong nghiep", "moi truong", "doi song", "quoc te", "the gioi", "bien dao",
    "tieu diem", "su kien", "dia phuong", "phong su", "khoa hoc", "cong nghe", "doanh nghiep", "chinh sach",
    "thi dua khen thuong", "van hoa van nghe", "thanh nien", "phu nu", "nong dan", "cuu chien binh", "cong doan",
}


def category_label(line: str) -> bool:
    """Whether a line is a section name printed over an article ("Tin tức - Sự kiện", "An ninh trật tự")."""
    return " ".join(re.sub(r"[\-–—&,/|:]+", " ", _key(line)).split()) in _CATEGORIES
