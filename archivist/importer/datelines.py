"""Dates on a news page: the metadata line that states the publication date, and dates in the text.

``date_line`` reads a line that is only a date (with its weekday, time, a label such as "Ngày
đăng" or "Cập nhật", and at most a short name beside it), in the forms Vietnamese sites print:
"Thứ Hai, 15/05/2023 08:30", "05:05, 18/05/2023", "ngày 15 tháng 5 năm 2016", "12 03 2024",
"Cập nhật: 10/5/2023", months as words ("Tháng Mười Hai 5, 2023" as WordPress prints Vietnamese
dates, "12 thg 3, 2024", "March 12, 2024"), and the month-first dates with an English AM/PM time
of SharePoint-based portals ("9/10/2023 8:05:00 AM" is 10 September). A bare time ("08:15", "Cập nhật: 08:15")
is recognised by ``time_only``, so that "12/03/2024 | 08:15" is a date line too.

Dates inside the article's text are events: ``dates_in_text`` finds them only as hints for the
curator, never as the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model.records import PubDate, parse_date
from .boilerplate import category_label
from .names import name_like, org_like

__all__ = ["DateLine", "date_line", "today_in", "time_only",
           "says_updated", "parse_iso_datetime", "parse_day", "dates_in_text", "years_after",
           "date_in_address"]


@dataclass(frozen=True)
class DateLine:
    """A date stated by a metadata line."""

    date: PubDate
    updated: bool
    """The line says it is the date of an update ("Cập nhật")."""
    rest: str
    """What the line holds besides the date, time, weekday and labels (e.g. an author), or ""."""


_WEEKDAY = (r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|t[2-7]|cn"
            r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|^\s*(?:mon|tue|wed|thu|fri|sat|sun)(?=[.,]))\b")
"""Weekdays, Vietnamese and English; an English one abbreviated only opening the line ("Thu, 14 Mar
2024", but "Minh Thu, 14/03/2024" is a name)."""
_TIME = (r"\d{1,2}\s*(?::|h|g|giờ)\s*\d{1,2}(?:\s*:\s*\d{2}(?:\.\d{1,6})?)?(?:\s*(?:am|pm|sa|ch)\b)?"
         r"(?:\s*\(?\s*gmt\s*\+\s*0?7(?::00)?\s*\)?)?")
_MONTH_NAMES = {
    **{name: number for number, names in enumerate((
        ("một", "giêng"), ("hai",), ("ba",), ("tư", "bốn"), ("năm",), ("sáu",), ("bảy", "bẩy"), ("tám",), ("chín",),
        ("mười",), ("mười một",), ("mười hai", "chạp")), start=1) for name in names},
    **{name: number for number, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
        ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
        ("december", "dec")), start=1) for name in names},
}
"""Months written as words (lowercase): Vietnamese ("tháng Mười Hai", as WordPress's Vietnamese
dates print them) and English ("March 12, 2024", "Mar 12, 2024")."""
_VI_MONTH = r"(?:\d{1,2}|mười\s+một|mười\s+hai|một|giêng|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|chạp)"
_EN_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember|t)?" \
            r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = [
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?!\d)"),
    # "ngày 15 tháng 5 năm 2016", "12 tháng 3 năm 2024", "12 Tháng Ba, 2024", "12 thg 3, 2024", "14 Th3 2024"
    re.compile(rf"(?<![\d/.\-])(?P<d>\d{{1,2}})\s+(?:tháng|thg|th)\s*(?P<m>{_VI_MONTH})\s*(?:năm|,|/)?\s*(?P<y>\d{{4}})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d/.\-])(?P<d>\d{1,2})\s+(?P<m>\d{1,2})\s+(?P<y>\d{4})(?![\d/.\-])"),  # "12 03 2024"
    # month first, as WordPress prints "F j, Y": "Tháng Mười Hai 5, 2023", "March 12, 2024"
    re.compile(rf"(?:tháng\s+(?P<m>{_VI_MONTH})|(?P<em>{_EN_MONTH}))\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y>\d{{4}})(?!\d)"),
    re.compile(rf"(?<![\d/.\-])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<em>{_EN_MONTH})\s*,?\s*(?P<y>\d{{4}})(?!\d)"),
]
_ENGLISH_CLOCK = re.compile(r"\d{1,2}:\d{2}:\d{2}\s*(?:am|pm)\b")  # SharePoint's "9:15:00 AM": a US date, month first
_LABELS = re.compile(
    r"(?:gửi|đăng|viết)\s*bởi|(?:posted|submitted)\s*by|gửi(?=\s+(?:vào|lúc|ngày)\b)|được\s*đăng"
    r"|ngày\s+(?:đăng(?:\s*(?:bài|tin))?|xuất\s*bản|cập\s*nhật|ban\s*hành)|đăng\s*(?:ngày|lúc|tải)?|xuất\s*bản"
    r"|cập\s*nhật(?:\s*lúc|\s*ngày)?|thời\s*gian(?:\s*đăng)?|lúc|ngày|(?:posted|updated|published|publish)(?:\s+(?:on|date)\b)?|date"
    r"|đã\s*đăng|gmt\s*\+\s*0?7|\bvào\b"
    r"|(?:xem\s+)?c[ỡở]\s*chữ|\bgoogle\b"  # a text-size widget's label beside the date ("Cỡ chữ: 05:43 PM,24/08/2017")
    r"|(?<!\w)a[-+]?(?:\s+a[-+]?){1,2}(?!\w)", re.I)  # the widget's buttons ("… [GMT +7] A A", "A- A A+")
_UPDATED = re.compile(r"cập\s*nhật|updated", re.I)
_POSTED = re.compile(r"\b(?:gửi|đăng|viết|posted|submitted)\b", re.I)
_ACCOUNT = re.compile(r"[a-z][a-z0-9_.\-]{1,30}")  # a CMS's login name: "quantri", "admin", "bientap2"
# views and comments after a date, bare or labelled: "… 09:27 432 0", "… | 10:50 | Lượt xem: 1675"
_COUNTS = re.compile(r"(?:\s+[|•·\-–]?\s*(?:(?:(?:(?:tổng\s*)?(?:số\s*)?lượt|đã)\s*(?:xem|đọc|truy\s*cập)|views?|hits?)?"
                     r"\s*:?\s*\d[\d.,]*|\d[\d.,]*\s*(?:bình\s*luận|ý\s*kiến|phản\s*hồi|comments?|lượt\s*xem|views?)))"
                     r"{1,3}\s*$", re.I)  # "| Lượt xem: 1675", "… 432 0", "0 Bình luận"
_GLUED_COUNTER = re.compile(r"(?<!\d)(\d{1,2}:\d{2})(?=\d[\d.,]*\s*$)")
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
    return " ".join(word for word in _SEPARATORS.sub(" ", text).split() if word.strip("."))  # "Friday." leaves "."


def date_line(line: str) -> DateLine | None:
    """The date of a line that is only a date (with weekday, time, a label, and at most a short
    name beside it): "01/06/2023", "Thứ Hai, 15/05/2023 08:30", "05:05, 18/05/2023",
    "ngày 15 tháng 5 năm 2016", "15-5-2016", "12 03 2024", "Cập nhật: 10/5/2023", and month
    first beside SharePoint's English clock with seconds: "9/10/2023 8:05:00 AM" (a clock without
    seconds, "05/03/2024 10:30 AM", leaves the day first). A date valid only month first
    ("05/13/2023") is read so. Numbers after the date and time are a CMS's view and comment counters
    ("Thứ ba - 22/03/2022 09:27 432 0", "Ngày đăng 18/10/2018 | 10:50 | Lượt xem: 1675"), even run into
    the time ("03/02/2024 09:501490"); the section printed beside it is no author ("Chính trị 28-05-2024");
    a login name posting it is no author ("quantri gửi vào T3, 2018-01-09 14:22"). The name beside it is the
    ``rest``, a spaced dash kept between names ("Kim Dung - Nguyễn Tuân 22/01/2020")."""
    if len(line.split()) > 16:
        return None
    line = _GLUED_COUNTER.sub(r"\1 ", line)  # "03/02/2024 09:501490": a view counter run into the time
    lowered = line.lower()
    found = [(p, m) for p in _DATES for m in p.finditer(lowered)]
    if len(found) != 1:
        return None
    pattern, match = found[0]
    groups = match.groupdict()
    day, month = match["d"], groups.get("m") or groups["em"]
    if not month.isdigit():
        number = _MONTH_NAMES.get(" ".join(month.rstrip(".").split()))
        if number is None:  # "Sepember"
            return None
        month = str(number)
    elif pattern in (_DATES[0], _DATES[3]) and _ENGLISH_CLOCK.search(lowered):
        day, month = month, day
    date = _make_date(day, month, match["y"]) or _make_date(month, day, match["y"])  # "05/13/2023": month first
    if date is None:
        return None
    before, after = lowered[:match.start()], lowered[match.end():]
    rest = _strip_date_words(before + " " + after)
    counted = _COUNTS.search(after)  # views and comments after the date and time: "… 09:27 432 0"
    if rest and counted and not _strip_date_words(after[:counted.start()]):
        rest = _strip_date_words(before)
    if rest and _ACCOUNT.fullmatch(rest) and _POSTED.search(lowered[:match.start()]):
        rest = ""  # "quantri gửi vào T3, 2018-01-09 14:22": the account that posted it, not a byline
    if rest:
        around = line[:match.start()] + " " + line[match.end():]
        rest = _strip_date_words(around)
        if category_label(rest):
            rest = ""
        elif not name_like(rest) and not org_like(rest):
            return None
        else:  # the spaced dash between two names stays ("Kim Dung - Nguyễn Tuân"): two signers, not one name
            rest = " - ".join(part for part in map(_strip_date_words, _SPACED_DASH.split(around)) if part)
    return DateLine(date, bool(_UPDATED.search(line)), rest)


_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


_CLOCK = re.compile(_TIME, re.I)

# Dates content systems put in an article's address: "/pages/2022-05-08/…", "/2021/03/15/…",
# "…-20210315.html", a timestamp "…/d20230925101258554.htm" (day, then hour, minute, second). A
# month folder ("/xa-hoi/201802/…") is where a file was put, not a publication date: not read.
_ADDRESS_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/_.]?)(\d\d)\2(\d\d)(?!\d)")
_ADDRESS_STAMP = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)([01]\d|2[0-3])([0-5]\d)([0-5]\d)\d{0,3}(?!\d)")


def date_in_address(url: str, latest: dt.date) -> PubDate | None:
    """The publication date an article's address holds, when it holds exactly one day no later
    than ``latest``; None otherwise."""
    path = re.sub(r"^[a-z][a-z0-9+.\-]*://[^/]*", "", url.strip(), flags=re.I).split("?")[0].split("#")[0]
    days = {_make_date(m[4], m[3], m[1]) for m in _ADDRESS_DAY.finditer(path)}
    days |= {_make_date(m[3], m[2], m[1]) for m in _ADDRESS_STAMP.finditer(path)}
    found = {d for d in days if d is not None and dt.date(1995, 1, 1) <= d.earliest <= latest}
    return found.pop() if len(found) == 1 else None


def says_updated(text: str) -> bool:
    """Whether a line labels its date as an update's ("Cập nhật: 08:15 | 04/05/2024")."""
    return bool(_UPDATED.search(text))


def time_only(text: str) -> bool:
    """Whether a text is only a time of day, with its labels: "08:15", "Cập nhật: 08:15", "lúc 9h30"."""
    return bool(_CLOCK.search(text)) and not any(p.search(text.lower()) for p in _DATES) \
        and not _strip_date_words(text.lower())


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


_TODAY = re.compile(r"\b(?:hôm|sáng|chiều|tối|trưa|đêm)\s+nay\s*\((?:[^()]{0,12}?[\s,])?(?P<d>\d{1,2})\s*[/\-]\s*"
                    r"(?P<m>\d{1,2})(?:\s*[/\-]\s*\d{4})?\s*\)", re.I)


def today_in(text: str) -> tuple[int, int] | None:
    """(day, month) of the day a text calls today: "Sáng nay (3/11), …", "Chiều nay (thứ Sáu, 3/11)"."""
    match = _TODAY.search(text)
    return (int(match["d"]), int(match["m"])) if match else None
