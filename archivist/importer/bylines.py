"""Reading the short metadata lines of a news page: dates, author bylines, source notes.

Pure functions over one cleaned line each (``boilerplate.clean_line``). A line is
recognised only when all of it is metadata ("Thứ Hai, 15/05/2023 08:30", "Bài, ảnh: Minh
Thảo", "Theo http://baoquangtri.vn", "(laichau.gov.vn)"), never from a phrase inside a
sentence: dates inside the article's text are events, found by ``dates_in_text`` only as
hints for the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.vietnamese import fold
from .boilerplate import bare_count, is_widget
from .datelines import DateLine, date_line, time_only
from .names import (EDITORS, Credit, is_abbreviation, name_like, org_cased, org_like, proper_name, publication,
                    split_credit)
from .publishers import by_code, by_name

__all__ = ["Author", "AT_END", "BESIDE_DATE", "UNDER_HEADLINE", "UNDER_LEAD", "SourceNote", "byline", "photo_credit",
           "source_note", "leading_source", "lead_code", "MetaPart", "meta_parts", "meta_part", "is_meta", "origin_of",
           "republished_from"]


_JOIN = r"\s*(?:,|và|/|&|\+|-|–|\.)\s*"
_BYLINE = re.compile(
    rf"^(?:bài{_JOIN}ảnh(?:{_JOIN}(?:clip|video))?|tin{_JOIN}ảnh|ảnh{_JOIN}bài|bài{_JOIN}(?:clip|video)"
    rf"|[bt]{_JOIN}a|[bt]a"  # abbreviated: "B.A:", "T.A:", "B&A:", "BA:"
    r"|bài\s*viết(?:\s*và\s*ảnh)?|bài|tin|tác\s*giả(?:\s*bài\s*viết)?|người\s*viết|(?:nhóm|người)\s*thực\s*hiện|thực\s*hiện"
    r"|ghi\s*chép|nhóm\s*(?:phóng\s*viên|pv)|phóng\s*viên|pv|biên\s*tập(?:\s*viên)?|btv|bt|ctv|cộng\s*tác\s*viên)"
    r"\s*[:;]\s*(?P<name>.+?)\s*\.?$", re.I)  # "Tin, ảnh; Long Xuân": a semicolon typed for the colon
_PHOTO_AFTER = re.compile(r"\s*[-–,;|]\s*(?:ảnh|video|clip|đồ\s*họa)\s*:.*$", re.I)
# Any short label in capitals before a name, when a photo credit follows: "TH: Lan Anh - Ảnh: Minh Đức".
_LABELLED = re.compile(r"^[A-ZĐ][A-ZĐ.&]{0,4}\s*:\s*(?P<name>[^:]+?)(?i:" + _PHOTO_AFTER.pattern + ")")


def byline(line: str) -> str | None:
    """The author of a byline, as running text writes the name: "Bài, ảnh: Minh Thảo", "Bài và ảnh: X",
    "Tác giả: X", "Tin, ảnh: X", "B.A: X", "T.A: X", "Bài: X - Ảnh: Y" (Y took the photos),
    "Tin, ảnh: NGỌC DIỆP (Kiến Xương)" ("Ngọc Diệp": the place is where the author writes from); "BT: X -
    Ảnh: Y" and any short label in capitals before a name and a photo credit; co-authors as
    ``split_credit`` lists them: "Thực hiện: TRỌNG QUỐC – H.P" is "Trọng Quốc, H.P"."""
    credit = byline_credit(line)
    return credit.name if credit else None


def byline_credit(line: str) -> Credit | None:
    """A byline's author (``byline``) with the paper it names after the name, if any ("Tác giả:
    Mạnh Hùng - Nguồn: Đài TT - TH Thạch Hà")."""
    match = _BYLINE.match(line) or _LABELLED.match(line)
    if not match:
        return None
    name = _PHOTO_AFTER.sub("", match["name"]).strip(" .")
    credit = (split_credit(name) or Credit(name)) if name[:1].isupper() else None
    return credit if credit and len(credit.name.split()) <= 10 else None  # "… : Ngọc Tân -Phòng Truyền hình - Đài …"


_PHOTO = re.compile(r"^(?:ảnh|ảnh\s*minh\s*h[oọ]a|ảnh\s*minh\s*hoạ|photo|video|đồ\s*họa|clip)\s*:\s*\S.{0,60}$", re.I)


def photo_credit(line: str) -> bool:
    """Whether a line only credits a photo ("Ảnh: TT"): the photographer is not the author."""
    return bool(_PHOTO.match(line))


AT_END = "at the end of the article"
BESIDE_DATE = "beside the date"
UNDER_HEADLINE = "under the headline"
UNDER_LEAD = "under the lead"


@dataclass(frozen=True)
class Author:
    """A name the page gives for the article's author: ``how`` it gives it, for the curator's review note (empty for
    a byline, "Bài: X", which needs none), and ``where`` (AT_END, BESIDE_DATE, UNDER_HEADLINE, UNDER_LEAD, …)."""

    name: str
    how: str = ""
    where: str = ""

    @property
    def byline(self) -> bool:
        """Whether a byline's label gives the name ("Bài: X", "Tác giả: X")."""
        return not self.how


@dataclass(frozen=True)
class SourceNote:
    """A source named by the page: a name, an address, or both."""

    name: str | None
    url: str | None


_URL = re.compile(r"https?://[^\s)\]>\"']+", re.I)
_DOMAIN = re.compile(r"\b((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:vn|com|net|org|info|gov|edu)(?:\.vn)?)\b/?\S*",
                     re.I)
_THEO = re.compile(r"^\(?\s*(?:theo|nguồn(?:\s*tin|\s*bài)?|source)\s*:?\s+(?P<rest>.+?)\s*\)?\s*\.?$", re.I)
_PAREN_DOMAIN = re.compile(r"^\(\s*(?P<domain>[\w\-]+(?:\.[\w\-]+)+)\s*\)$")


def source_note(line: str) -> SourceNote | None:
    """The source a line names: "Theo http://baoquangtri.vn", "Theo Báo Quảng Trị",
    "Nguồn: baolaichau.vn", "(laichau.gov.vn)", and a line that is only an address: a bare domain
    ("baoninhbinh.org.vn") or the article's address on the paper's site."""
    bare = line.strip().rstrip(".")
    if _URL.fullmatch(bare):
        return SourceNote(None, bare)
    if " " not in bare and _DOMAIN.fullmatch(bare) and "@" not in bare:
        return SourceNote(None, f"http://{bare.rstrip('/').lower()}")
    match = _PAREN_DOMAIN.match(line)
    if match and _DOMAIN.fullmatch(match["domain"]):
        return SourceNote(None, f"http://{match['domain'].lower()}")
    match = _THEO.match(line)
    if not match or len(line.split()) > 14:
        return None
    rest = _balanced(match["rest"].strip(" .:-–"))
    url = _URL.search(rest)
    if url:
        name = _name_part(rest.replace(url[0], " "))
        return SourceNote(name, url[0].rstrip(".,;)"))
    domain = _DOMAIN.search(rest)
    if domain:
        name = _name_part(rest.replace(domain[0], " "))
        return SourceNote(name, f"http://{domain[0].rstrip('.,;)').lower()}")
    if not rest[:1].isupper() and not rest[:1].isdigit():
        return None  # "theo dõi …", "theo đó …": a sentence, not a source
    return SourceNote(rest, None)


# A republishing site's statement of where it took the article from, with the original's address, anywhere in a
# line ("…, được chúng tôi tổng hợp từ báo Đồng Nai, nguồn bài: http://www.baodongnai.com.vn/…").
_REPUBLISHED = re.compile(
    r"(?<!\w)(?:tổng hợp|trích(?:\s*dẫn)?|đăng lại|sưu tầm|lấy|dẫn)\s+(?:lại\s+)?từ\s+"
    r"(?P<name>[^,;:()\n]{2,60}?)\s*[,;.]?\s*"
    r"(?:nguồn(?:\s*bài(?:\s*viết)?|\s*tin)?|link(?:\s*gốc)?|bài\s*gốc)\s*:\s*(?P<url>https?://[^\s)\]>\"']+)", re.I)


# A CMS's "posted by" line: the account, then the date ("Đăng bài thanhsang T6, 01/09/2017 - 08:58")
_POSTED = re.compile(r"^(?:đăng bài|đăng bởi|gửi bởi|posted by|submitted by)\s+\S+\s+(?:(?:vào|lúc|on)\s+)?"
                     r"(?P<date>.+)$", re.I)
_POSTER = re.compile(r"^(?:người đăng|đăng bởi|người cập nhật|posted by)\s*:\s*\S.{0,40}$", re.I)
# A video page's producer, credited under its headline.
_PRODUCER = re.compile(r"^(?:đơn vị\s+)?sản xuất\s*:\s*(?P<name>.+)$", re.I)


def republished_from(line: str) -> SourceNote | None:
    """The original a republishing site states it took the article from, with its address ("…tổng hợp từ báo
    Nhân Dân, nguồn bài: http://nhandan.com.vn/…"): the source, its name capitalised as a publication's."""
    match = _REPUBLISHED.search(line)
    if not match:
        return None
    name = match["name"].strip()
    if not publication(name):  # "tổng hợp từ báo cáo của UBND huyện": a report, not a paper
        return None
    return SourceNote(name[:1].upper() + name[1:], match["url"].rstrip(".,;"))


def _balanced(text: str) -> str:
    """A note's text with the closing parenthesis its pattern took from a line in parentheses given back:
    "Báo Tin tức (TTXVN" → "Báo Tin tức (TTXVN)"."""
    return text + ")" if text.count("(") > text.count(")") else text


def _name_part(text: str) -> str | None:
    """What is left of a source note besides its address, if it is a name."""
    text = " ".join(text.replace("()", " ").split()).strip(" -–:,()")
    return text if text and text[:1].isupper() else None


_LEADING = re.compile(r"^\(\s*(?P<domain>[\w\-]+(?:\.[\w\-]+)+)\s*\)\s*[-–—:]\s*(?=\S)")


_CODE = re.compile(r"^\(?(?P<code>[A-ZĐ][A-ZĐ0-9&]{1,6})\)?\s*(?:[-–—:]\s*|(?<=\))\s+)(?=\S)")


_TAG = re.compile(r"^\((?P<tag>[^()\n]{2,40})\)\s*[-–—]\s*(?=\S)")


def lead_code(paragraph: str) -> str | None:
    """The code or name a paper puts before its lead ("ĐBP - Sáng 5/3, …", "(GLO)- Những ngày …", "(CMO) Chiều …",
    "(Dân trí) - Sáng …", "(Báo Quảng Ngãi)- …")."""
    match = _CODE.match(paragraph) or _TAG.match(paragraph)
    return match.group(1).strip() if match else None


def leading_source(paragraph: str) -> tuple[SourceNote, str] | None:
    """A lead paragraph that opens with its source's address, "(Baoquangtri.vn) - Sáng 15/5, …":
    the source and the paragraph without it."""
    match = _LEADING.match(paragraph)
    if not match or not _DOMAIN.fullmatch(match["domain"]):
        return None
    return SourceNote(None, f"http://{match['domain'].lower()}"), paragraph[match.end():]


# "A | B", "A |" (B left empty), "A !! B" (an icon's text), "A .B" (a CMS joining fields), a field's label after
# another with no mark between them ("Danh mục: Tin hoạt động Ngày đăng: 28 tháng 12 năm 2023", "TIỂU ĐIỀN Lượt
# xem: 191")
_PARTS = re.compile(r"(?:^|\s+)(?:[|•·]|!{1,3})(?:\s+|$)|\s+\.(?=\S)"
                    r"|(?<!ngày)(?<!số)\s+(?=(?:ngày đăng|ngày cập nhật|cập nhật"
                    r"|đăng ngày|số lượt xem|lượt xem|lượt đọc|người đăng|tác giả|danh mục|chuyên mục)\s*:)", re.I)


def meta_parts(line: str) -> list[str]:
    """The parts of a metadata line ("Ngày đăng: 12/03/2024 | Lượt xem: 356"); a line wholly in parentheses
    is read inside them ("(Hải Yến)", "(Theo TTXVN)")."""
    whole = re.fullmatch(r"\s*\(([^()]+)\)\s*", line)
    return [part.strip() for part in _PARTS.split(whole[1] if whole else line) if part.strip()]


@dataclass(frozen=True)
class MetaPart:
    """One part of a metadata line, and what it is."""

    kind: str
    """"date", "byline", "source", "credit", "widget" or "name"."""
    text: str
    """The part as written."""
    date: DateLine | None = None
    """For "date"."""
    name: str | None = None
    """For "byline": the author; for "name": how it reads ("a name", "an organisation's name")."""
    note: SourceNote | None = None
    """For "source"; for "name", the paper a signature names ("Ngọc Hân, Báo Quảng Ngãi")."""
    author: str | None = None
    """For "byline" and "name": the author as the draft writes it."""


def meta_part(text: str, *, names: bool) -> MetaPart | None:
    """What one part of a metadata line is; with ``names``, a publication's name ("Báo Lai Châu", an
    aggregator's source line) and a bare name or an organisation count too; None if it is not metadata."""
    if found := date_line(text):
        return MetaPart("date", text, date=found)
    if (posted := _POSTED.match(text)) and (found := date_line(posted["date"])):  # "Đăng bài thanhsang T6, 01/09/2017"
        return MetaPart("date", text, date=found)
    if time_only(text) or bare_count(text):  # "12/03/2024 | 08:15", "13/08/2025 | 329": a time, a counter
        return MetaPart("widget", text)
    if credit := byline_credit(text):
        note = SourceNote(credit.publication, None) if credit.publication else None
        return MetaPart("byline", text, name=credit.name, note=note, author=credit.name)
    rest = (match := _THEO.match(text)) and _balanced(match["rest"])
    if rest and ("/" in rest or _DASH_HOST.search(rest) or rest.endswith(")")) \
            and (credit := split_credit(rest)) and (credit.publication or credit.address):
        # "Theo Thi Khanh/LCĐT", "Theo: Công Hậu – nhandan.org.vn", "Theo Minh Anh (Báo Hà Tĩnh)": the author, the paper
        note = SourceNote(credit.publication, credit.address)
        return MetaPart("byline", text, name=credit.name, note=note, author=credit.name)
    if (match := _NEWS_FROM.match(text)) and _person(match["name"]):  # "Nguồn tin: Sao Khuê": who reported it
        name = proper_name(match["name"])
        return MetaPart("byline", text, name=name, author=name)
    if (match := _THEO.match(text)) and _desk(match["rest"]):  # "Nguồn: Trung tâm Tin tức": the site's own desk
        return MetaPart("credit", text)
    if note := source_note(text):
        return MetaPart("source", text, note=note)
    if _POSTER.match(text):  # the account that posted the page ("Người đăng: phunghieu"): no author
        return MetaPart("credit", text)
    if (match := _PRODUCER.match(text)) and publication(match["name"]):  # a video's producer: its source
        return MetaPart("source", text, note=SourceNote(match["name"].strip(" ."), None))
    if photo_credit(text):
        return MetaPart("credit", text)
    if is_widget(text):
        return MetaPart("widget", text)
    if names and publication(text) and len(text.split()) <= 10:
        return MetaPart("source", text, note=SourceNote(text, None))
    if names and text.strip("() ").isupper() and (publisher := by_code(text)):  # "SGGPO" under the headline
        return MetaPart("source", text, note=SourceNote(publisher.name, None))
    if names and org_like(text):
        return MetaPart("name", text, name="an organisation's name", author=org_cased(text.rstrip(" .")))
    if names and (credit := split_credit(text)):
        note = SourceNote(credit.publication, None) if credit.publication else None
        return MetaPart("name", text, name="a name", note=note, author=credit.name)
    return None


_DASH_HOST = re.compile(r"\s[-–—]\s+[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}$")  # "… – nhandan.org.vn"
_NEWS_FROM = re.compile(r"^nguồn\s*tin\s*:\s*(?P<name>[^:]+?)\s*\.?$", re.I)


def _person(name: str) -> bool:
    """Whether a name after "Nguồn tin:" is a person's (two words or more, no publication's)."""
    return (len(name.split()) >= 2 and name_like(name) and not publication(name)
            and not by_name(name) and not by_name(f"Báo {name}"))


def _desk(name: str) -> bool:
    """Whether a name after "Nguồn:" is a unit's (a desk, an office, initials no publisher uses: "BQLDT"), not a
    publication's: no source, so the site's own name stands."""
    name = name.strip(" .")
    return ((org_like(name) and not publication(name) and not by_name(name) and not _DOMAIN.search(name))
            or EDITORS.fullmatch(name) is not None
            or (" " not in name and len(name) >= 5 and is_abbreviation(name) and not by_code(name) and not by_name(name)
                and sum(fold(c) in "aeiouy" for c in name) <= 1))  # initials, not a site's name ("VIETNAMNET")


def is_meta(text: str) -> bool:
    """Whether a line is made of metadata (dates, bylines, source notes, credits, widgets) only."""
    found = [meta_part(part, names=False) for part in meta_parts(text)]
    return bool(found) and all(f is not None for f in found) and not all(f.kind == "widget" for f in found)


def origin_of(url: str) -> str | None:
    """scheme://host of an address, or None if it is not http(s)."""
    match = re.match(r"^(https?://[^/?#\s]+)", url.strip(), re.I)
    return match[1].lower() if match else None
