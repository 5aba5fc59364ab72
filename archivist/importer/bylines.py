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

from ..model.records import PubDate, parse_date
from .boilerplate import is_widget

__all__ = ["DateLine", "SourceNote", "date_line", "parse_iso_datetime", "parse_day", "dates_in_text", "years_after",
           "byline", "photo_credit", "source_note", "leading_source", "name_like", "org_like", "publication",
           "MetaPart", "meta_parts", "meta_part", "is_meta", "origin_of"]


@dataclass(frozen=True)
class DateLine:
    """A date stated by a metadata line."""

    date: PubDate
    updated: bool
    """The line says it is the date of an update ("Cập nhật")."""
    rest: str
    """What the line holds besides the date, time, weekday and labels (e.g. an author), or ""."""


_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|t[2-7]|cn)\b"
_TIME = (r"\d{1,2}\s*(?::|h|g|giờ)\s*\d{1,2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch)\b)?"
         r"(?:\s*\(?\s*gmt\s*\+\s*0?7(?::00)?\s*\)?)?")
_DATES = [
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?!\d)"),
    re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|,|/)\s*(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
]
_LABELS = re.compile(
    r"ngày\s+(?:đăng|xuất\s*bản|cập\s*nhật|ban\s*hành)|đăng\s*(?:ngày|lúc|tải)?|xuất\s*bản"
    r"|cập\s*nhật(?:\s*lúc|\s*ngày)?|thời\s*gian(?:\s*đăng)?|lúc|ngày|posted|updated|published|date|đã\s*đăng|gmt\s*\+\s*0?7|\bvào\b", re.I)
_UPDATED = re.compile(r"cập\s*nhật|updated", re.I)
_SEPARATORS = re.compile(r"[\s,|•·:;/()\[\]\-–—]+")


def _make_date(day: str, month: str, year: str) -> PubDate | None:
    try:
        return parse_date(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")
    except ValueError:
        return None


def _strip_date_words(text: str) -> str:
    """What is left of a date line's text once times, weekdays, labels and separators are gone."""
    text = re.sub(_TIME, " ", text, flags=re.I)
    text = re.sub(_WEEKDAY, " ", text, flags=re.I)
    text = _LABELS.sub(" ", text)
    return " ".join(_SEPARATORS.sub(" ", text).split())


def date_line(line: str) -> DateLine | None:
    """The date of a line that is only a date (with weekday, time, a label, and at most a short
    name beside it): "01/06/2023", "Thứ Hai, 15/05/2023 08:30", "05:05, 18/05/2023",
    "ngày 15 tháng 5 năm 2016", "15-5-2016", "Cập nhật: 10/5/2023"."""
    if len(line.split()) > 16:
        return None
    lowered = line.lower()
    found = [(p, m) for p in _DATES for m in p.finditer(lowered)]
    if len(found) != 1:
        return None
    _, match = found[0]
    date = _make_date(match["d"], match["m"], match["y"])
    if date is None:
        return None
    rest = _strip_date_words(lowered[:match.start()] + " " + lowered[match.end():])
    if rest:
        rest = _strip_date_words(line[:match.start()] + " " + line[match.end():])
        if not name_like(rest) and not org_like(rest):
            return None
    return DateLine(date, bool(_UPDATED.search(line)), rest)


_ISO_DATETIME = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$")


def parse_iso_datetime(value: str) -> PubDate | None:
    """The day of an ISO date-time ("2023-05-15T08:30:00+07:00"), or of a day-first date."""
    match = _ISO_DATETIME.match(value)
    if match:
        return _make_date(match[3], match[2], match[1])
    found = date_line(value)
    return found.date if found else None


_TEXT_DATES = re.compile(
    r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)"
    r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
    r"|tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})(?!\d)"
    r"|(?:năm|từ|đến|giai đoạn|nhiệm kỳ)\s+(\d{4})(?!\d)"
    r"|(?<![\d/.,])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\d/])", re.I)


def parse_day(text: str) -> PubDate | None:
    """The day a date found by ``dates_in_text`` names ("15/5/2016", "ngày 15 tháng 5 năm 2016"), if any."""
    match = _TEXT_DATES.fullmatch(text.strip())
    if not match or not (match[1] or match[4]):
        return None
    day, month, year = match.groups()[0:3] if match[1] else match.groups()[3:6]
    return _make_date(day, month, year)


def dates_in_text(text: str) -> tuple[list[str], list[int]]:
    """Dates (as written, day or month precision) and years (sorted) mentioned in a text."""
    dated: list[str] = []
    years: set[int] = set()
    for match in _TEXT_DATES.finditer(text):
        groups = match.groups()
        if groups[0]:
            if _make_date(groups[0], groups[1], groups[2]):
                dated.append(match[0])
                years.add(int(groups[2]))
        elif groups[3]:
            if _make_date(groups[3], groups[4], groups[5]):
                dated.append(match[0])
                years.add(int(groups[5]))
        elif groups[6]:
            if 1 <= int(groups[6]) <= 12:
                dated.append(match[0])
                years.add(int(groups[7]))
        elif groups[8]:
            years.add(int(groups[8]))
        elif groups[9]:
            years.update((int(groups[9]), int(groups[10])))
    return list(dict.fromkeys(dated)), sorted(y for y in years if 1900 <= y <= 2100)


_AFTER_YEARS = re.compile(
    r"\b(?:sau|qua)\s+(?:hơn\s+)?(\d{1,2})\s+năm\b([^.;]{0,200}?)\b(?:năm\s+|/)((?:19|20)\d{2})\b", re.I)


def years_after(text: str) -> list[tuple[str, int]]:
    """Phrases like "Sau 4 năm thực hiện … năm 2016" with the year they point to (2016 + 4)."""
    found = []
    for match in _AFTER_YEARS.finditer(text):
        phrase = " ".join(match[0].split())
        found.append((phrase, int(match[3]) + int(match[1])))
    return found


_BYLINE = re.compile(
    r"^(?:bài\s*(?:,|và|/|&|\+|-)\s*ảnh|tin\s*(?:,|và|/|&|\+|-)\s*ảnh|ảnh\s*(?:,|và|/|&)\s*bài"
    r"|bài\s*viết|bài|tin|tác\s*giả|người\s*viết|thực\s*hiện|nhóm\s*(?:phóng\s*viên|pv)|phóng\s*viên|pv"
    r"|biên\s*tập\s*viên|btv|ctv|cộng\s*tác\s*viên)\s*:\s*(?P<name>.+?)\s*\.?$", re.I)


def byline(line: str) -> str | None:
    """The author of a byline: "Bài, ảnh: Minh Thảo", "Bài và ảnh: X", "Tác giả: X", "Tin, ảnh: X"."""
    match = _BYLINE.match(line)
    if not match or len(match["name"].split()) > 10:
        return None
    return match["name"].strip(" .")


_PHOTO = re.compile(r"^(?:ảnh|ảnh\s*minh\s*h[oọ]a|ảnh\s*minh\s*hoạ|photo|video|đồ\s*họa|clip)\s*:\s*\S.{0,60}$", re.I)


def photo_credit(line: str) -> bool:
    """Whether a line only credits a photo ("Ảnh: TT"): the photographer is not the author."""
    return bool(_PHOTO.match(line))


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
    "Nguồn: baolaichau.vn", "(laichau.gov.vn)"."""
    match = _PAREN_DOMAIN.match(line)
    if match and _DOMAIN.fullmatch(match["domain"]):
        return SourceNote(None, f"http://{match['domain'].lower()}")
    match = _THEO.match(line)
    if not match or len(line.split()) > 14:
        return None
    rest = match["rest"].strip(" .:-–")
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


def _name_part(text: str) -> str | None:
    """What is left of a source note besides its address, if it is a name."""
    text = " ".join(text.replace("()", " ").split()).strip(" -–:,()")
    return text if text and text[:1].isupper() else None


_LEADING = re.compile(r"^\(\s*(?P<domain>[\w\-]+(?:\.[\w\-]+)+)\s*\)\s*[-–—:]\s*(?=\S)")


def leading_source(paragraph: str) -> tuple[SourceNote, str] | None:
    """A lead paragraph that opens with its source's address, "(Baoquangtri.vn) - Sáng 15/5, …":
    the source and the paragraph without it."""
    match = _LEADING.match(paragraph)
    if not match or not _DOMAIN.fullmatch(match["domain"]):
        return None
    return SourceNote(None, f"http://{match['domain'].lower()}"), paragraph[match.end():]


_SUFFIX = re.compile(r"\s*(?:\((?:[^()]{1,40})\)|[-–]\s*[A-ZĐ]{2,8})\s*$")
_PARTICLES = {"và", "và", "&", "-", "–", ",", "/"}


def name_like(line: str) -> bool:
    """Whether a short line reads as a person's name or pen name: "Thanh Tuyền", "Minh Thảo
    (TTXVN)", "Hoàng Anh - Minh Thu", "PV"."""
    text = _SUFFIX.sub("", line).strip(" .")
    words = text.replace(",", " , ").split()
    if not 1 <= len(words) <= 8 or any(c.isdigit() for c in text) or ":" in text:
        return False
    names = [w for w in words if w not in _PARTICLES]
    if not names or len(names) > 7:
        return False
    return all(w[:1].isupper() and (w.isupper() or w[1:].islower() or "." in w) for w in names)


_ORG = re.compile(
    r"^(?:ban|phòng|trung tâm|văn phòng|ubnd|ủy ban|uỷ ban|đảng ủy|đảng uỷ|hội|đoàn|sở|công an|cục|chi cục|trường"
    r"|bộ phận|tổ|nhóm|bbt|ban biên tập|đài|huyện đoàn|thành đoàn|tỉnh đoàn|mặt trận|mttq|ubmttq|liên đoàn|bệnh viện"
    r"|trạm|bch|bộ chỉ huy|ban chỉ huy|viện|tòa án|toà án|tand|vksnd|viện kiểm sát|kho bạc|chi nhánh|ngân hàng"
    r"|hạt kiểm lâm|đồn|bql|ban quản lý|phòng gd|phòng vh|thư viện|bảo tàng)\b", re.I)


def org_like(line: str) -> bool:
    """Whether a short line names an organisation as author: "Ban VHTT phường Mỹ Thạnh"."""
    words = line.split()
    return bool(_ORG.match(line)) and 2 <= len(words) <= 14 and not line.rstrip().endswith((".", ":", "?", "!"))


_PUBLICATION = re.compile(r"^(?:báo|tạp chí|đài|cổng thông tin|cổng ttđt|trang thông tin|trang ttđt|thông tấn xã"
                          r"|ttxvn|kênh)\b", re.I)


def publication(text: str) -> bool:
    """Whether a short text names a publication ("Báo Lai Châu", "Cổng TTĐT tỉnh Điện Biên")."""
    return bool(_PUBLICATION.match(text)) and not text.rstrip().endswith((".", ":"))


_PARTS = re.compile(r"\s+[|•·]\s+")


def meta_parts(line: str) -> list[str]:
    """The parts of a metadata line ("Ngày đăng: 12/03/2024 | Lượt xem: 356")."""
    return [part.strip() for part in _PARTS.split(line) if part.strip()]


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
    """For "source"."""


def meta_part(text: str, *, names: bool) -> MetaPart | None:
    """What one part of a metadata line is; with ``names``, a publication's name ("Báo Lai Châu", an
    aggregator's source line) and a bare name or an organisation count too; None if it is not metadata."""
    if found := date_line(text):
        return MetaPart("date", text, date=found)
    if author := byline(text):
        return MetaPart("byline", text, name=author)
    if note := source_note(text):
        return MetaPart("source", text, note=note)
    if photo_credit(text):
        return MetaPart("credit", text)
    if is_widget(text):
        return MetaPart("widget", text)
    if names and publication(text) and len(text.split()) <= 10:
        return MetaPart("source", text, note=SourceNote(text, None))
    if names and (name_like(text) or org_like(text)):
        return MetaPart("name", text, name="an organisation's name" if org_like(text) else "a name")
    return None


def is_meta(text: str) -> bool:
    """Whether a line is made of metadata (dates, bylines, source notes, credits, widgets) only."""
    found = [meta_part(part, names=False) for part in meta_parts(text)]
    return bool(found) and all(f is not None for f in found) and not all(f.kind == "widget" for f in found)


def origin_of(url: str) -> str | None:
    """scheme://host of an address, or None if it is not http(s)."""
    match = re.match(r"^(https?://[^/?#\s]+)", url.strip(), re.I)
    return match[1].lower() if match else None
