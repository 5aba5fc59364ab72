"""A page as lines: what ``layout`` and ``headline`` read, and the tests they share.

``lines_from_text`` and ``lines_from_blocks`` turn a page (text, or an HTML page's blocks) into
``Line``s: cleaned, with the wrapped lines that continue a line marked ``joined``. A line
continues the one above it (no blank line between) when it starts in lowercase, or when it is
the last word or two of a sentence hard-wrapped onto a line of its own ("…thương hiệu chè của"
/ "Yên Bái."): such a fragment is not a name signing the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import category_label, clean_line, end_kind, is_widget, site_header, tidy
from .datelines import date_line
from .pagehtml import Block

__all__ = ["Line", "ALIGNED", "lines_from_text", "lines_from_blocks", "full_text", "ends_sentence", "sentence", "bodyish",
           "prose", "line_key", "wrapped_end", "signature_sized", "web_era"]


@dataclass
class Line:
    """One non-empty line of the page."""

    text: str
    shown: str = ""
    """The line as the page shows it (bullets kept), for the record of removed lines."""
    kind: str = "text"
    """"text", "caption", "headline" (an HTML page's article-title element: <h1>, itemprop=headline),
    "titled" (an element whose class names it a title) or "skipped"."""
    joined: bool = False
    image_before: bool = False
    role: str = "body"
    """"body", "headline", or why it is out of the body: "furniture", "meta", "title" (a repeat), "head"
    (above the headline), "end" (below the article), "skipped" (HTML furniture)."""
    indent: int = 0
    """Spaces before the line in a page's text: a signature the page aligned right stands far in."""


_WRAP_WIDTH = 60  # a line cut by a hard wrap is at least this long
ALIGNED = 20  # spaces before a line the page aligned right (a paragraph's indent is a few)


def wrapped_end(previous: Line, line: str, *, strict: bool = True) -> bool:
    """Whether ``line`` is the end of a sentence hard-wrapped from ``previous``: a long line that stops
    mid-sentence, then a word or two that end the sentence; ``strict``: the long line is surely prose
    (itself wrapped, or with a pause inside), not a headline."""
    text = previous.text
    return (len(text) >= _WRAP_WIDTH and text[-1:].isalnum() and len(line.split()) <= 3 and ":" not in line
            and ends_sentence(line) and not line.rstrip().endswith("…")
            and (not strict or previous.joined or (len(text.split()) >= 12 and bool(re.search(r"[.,;]\s", text)))))


def lines_from_text(text: str) -> list[Line]:
    """Non-empty cleaned lines; a line directly under another that starts in lowercase, or ends a
    hard-wrapped sentence, continues it; an empty line holding a non-breaking space is where an image
    stood."""
    lines: list[Line] = []
    blank = True
    image = False
    for raw in text.split("\n"):
        line = clean_line(raw)
        if not line:
            image = image or "\u00a0" in raw
            blank = True
            continue
        # a date line is whole: what follows it is another line ("Ngày đăng: 2022-10-26 13:03:54" / "mail facebook")
        joined = (not blank and bool(lines) and (line[:1].islower() or wrapped_end(lines[-1], line))
                  and not date_line(lines[-1].text))
        indent = len(raw.expandtabs(8)) - len(raw.expandtabs(8).lstrip(" \u00a0"))
        parts = run_together(line)
        head, tail = _split_tail(parts[0])
        lines.append(Line(head, tidy(raw) if not tail and len(parts) == 1 else head, joined=joined,
                          image_before=image and not joined, indent=indent))
        lines += [Line(part, part) for part in ([tail] if tail else []) + parts[1:]]
        blank = image = False
    return lines


# Where a lead starts on the line of its headline: its day ("… chăn nuôi bò Sáng ngày 12/3, …") or a date stamp
# between the two ("… chăn nuôi bò 12/03/2021 08:30 Sáng ngày 12/3, …").
_LEAD_DAY = re.compile(r"(?<=[^\s.!?:;,\-–—|])\s+(?=(?:Sáng|Chiều|Tối|Trưa|Đêm|Ngày)(?:\s+(?:nay|qua|hôm qua|ngày))?"
                       r"\s+\d{1,2}[/-]\d{1,2}\b)")
_STAMP = re.compile(r"(?<=[^\s.!?:;,\-–—|])\s+(\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s+"
                    r"(?=\(|[^\W\d_])")
# A date stamp with its time opening a line, the lead run on after it ("20/11/2018 | 07:00Trong năm 2019, tỉnh …");
# a date alone before a sentence is a timeline's entry ("02/9/1945 Chủ tịch Hồ Chí Minh đọc …").
_STAMP_FIRST = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4}\s*[|,\-–]?\s*\d{1,2}:\d{2}(?::\d{2})?)\s*(?=[^\W\d_])")
_ENDS_IN_DAY = re.compile(r"\b(?:ngày|hôm|từ|đến|vào|tới|sáng|chiều|tối|trưa|đêm)$", re.I)


# A breadcrumb from the home page ("Trang chủ » Tin tức » Xã Quế Lâm tổng kết …"): its last item may be the headline.
_BREADCRUMB = re.compile(r"^(?:trang\s+chủ|home)\s*[»>›]\s*(?:[^»>›]+[»>›]\s*)*", re.I)
# A headline's full stop with the lead run on, no space between ("… năm 2020.Sáng 12/3, …"); not an abbreviation's
# ("TP.Hồ Chí Minh": its letters are capitals).
_RUN_IN = re.compile(r"(?<=[a-zà-ỹđ\d][a-zà-ỹđ\d])\.(?=[A-ZĐ][a-zà-ỹđ])")


def run_together(line: str) -> list[str]:
    """A headline and the lead under it printed on one line, split: a section label before the headline if any
    ("TIN TỨC Hội Nông dân …", "Tin tức - Sự kiện …"), the headline, its date stamp if any, and the lead; a date
    stamp with its time and the lead run on after it, a headline's full stop with the lead run on, and a
    breadcrumb with the headline as its last item, split too."""
    first = _STAMP_FIRST.match(line)
    if first and line[first.end()].isupper() and len(line[first.end():].split()) >= 8:
        return [first[1], line[first.end():]]
    crumbs = _BREADCRUMB.match(line)
    if crumbs and len(line[crumbs.end():].split()) >= 4:
        return [crumbs[0].strip(" »>›"), line[crumbs.end():].strip()]
    run_in = _RUN_IN.search(line)
    if run_in and 4 <= len(line[:run_in.start()].split()) <= 35 and not ends_sentence(line[:run_in.start()]) \
            and len(line[run_in.end():].split()) >= 8:
        return [line[:run_in.start()], line[run_in.end():]]
    stamp = _STAMP.search(line)
    stamp = stamp if stamp and (line[stamp.end()] == "(" or line[stamp.end()].isupper()) else None
    day = _LEAD_DAY.search(line)
    cut = stamp if stamp and not _ENDS_IN_DAY.search(line[:stamp.start()]) else day
    worded = [w for w in line[:cut.start()].split() if any(c.isalpha() for c in w)] if cut else []
    if cut is None or not 4 <= len(worded) <= 35 or len(line[cut.end():].split()) < 8:
        return [line]
    words = line[:cut.start()].split()
    size = next((size for size in range(min(5, len(words) - 4), 0, -1)  # a section label, then a capital
                 if (category_label(" ".join(words[:size])) or is_widget(" ".join(words[:size])))
                 and words[size][:1].isupper()), 0)
    label = [" ".join(words[:size])] if size else []
    return label + [" ".join(words[size:])] + ([cut[1]] if cut is stamp else []) + [line[cut.end():].strip()]


_TAIL = re.compile(r"\s+(\(?\s*(?:(?:ngày\s+(?:cập\s*nhật|đăng|xuất\s*bản)|cập\s*nhật|đăng\s+ngày)\s*:?\s*"
                   r"\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|lượt\s+(?:xem|đọc)\s*:?\s*[\d.,]+"
                   r"|\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2})\s*\)?)$", re.I)  # a bare date needs its time
# … or a bar or dash before it, or its weekday ("… năm 2020 | 12/03/2021 08:30 | 356 lượt xem", "… - 12/03/2021",
# "… Thứ sáu, 12/03/2021"); a headline's own date is in words or brackets ("Chiến thắng 7/5/1954" has none of these)
_MARKED_TAIL = re.compile(r"\s+(?:[|\-–]\s+)?((?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật)\s*,?\s*)?"
                          r"\d{1,2}/\d{1,2}/\d{4}(?:\s*[|,\-–]?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
                          r"(?:\s*\|\s*[\d.,]+\s+lượt\s+(?:xem|đọc))?)$", re.I)
# A site's name after the headline, as a browser's title bar gives it ("… - Báo Quảng Nam", "… | Cổng thông tin …").
_SITE_TAIL = re.compile(r"\s+[|\-–]\s+((?:báo|cổng|trang|tạp chí|đài)\b[^|\-–]{3,80})$", re.I)


_CLOSED = re.compile(r"\./\.\s*(\([^()\d]{2,40}\))$")  # the signer in brackets after the text's closing mark "./."
_SIGNED = re.compile(r"[.!?…]\s+((?:[A-ZĐ][^\s()]*\s+){1,4}\((?i:thực\s*hiện|tổng\s*hợp|t/h|ctv)\))$")
# a credit run into the article's last sentence, no space after its full stop ("… tỉnh Trà Vinh.Tin: Trương Thị Yên";
# with a space, "… Trần Văn Hùng”. Tác giả: …" may be the text's own sentence)
_CREDITED = re.compile(r"[.!?…”\"]((?:Tin|Bài|Bài viết|Tác giả|Bài và ảnh|Tin và ảnh|Tin, ảnh|Bài, ảnh|Tin - ảnh"
                       r"|Bài - ảnh)\s*:\s*[A-ZĐÀ-Ỹ][^.!?:;()\d]{1,40})$")


def web_era(text: str) -> bool:
    """Whether a date line's year is of the web's era (2000 on): an older one is an event's ("… - 30/4/1975")."""
    found = date_line(text)
    return found is not None and found.date.year >= 2000


def _split_tail(line: str) -> tuple[str, str | None]:
    """A line of a few words ending with a labelled date or a view counter, split in two: a headline and
    its date line run together ("HOẠT ĐỘNG … PHƯỜNG HƯƠNG AN Ngày cập nhật 26/03/2018", "… (Lượt xem: 1264)");
    a short line ending with the heading of a box under the article, and a paragraph ending with its
    signer and role ("… thành công. Hồ Giang (thực hiện)") or credit ("….Tin: Trương Thị Yên"), too."""
    words = line.split()
    # a signature run together with the heading of the box under it ("Nguyễn Thuyên Các tin khác")
    for size in (4, 3, 2) if end_kind(line) is None else ():
        if size < len(words) <= size + 6 and end_kind(" ".join(words[-size:])) == "hard":
            return " ".join(words[:-size]), " ".join(words[-size:])
    if signed := _SIGNED.search(line) or _CLOSED.search(line) or _CREDITED.search(line):  # "… thành công. Hồ Giang
        # (thực hiện)", "….(Ngọc Nhật)", "… tỉnh Trà Vinh.Tin: Trương Thị Yên"
        return line[:signed.start(1)].rstrip(), signed[1]
    match = _TAIL.search(line)
    marked = None if match else _MARKED_TAIL.search(line)
    marked = marked if marked and (marked[0].lstrip()[:1] in "|-–" or not marked[1][:1].isdigit()
                                   or re.search(r"\d:\d", marked[1])) and web_era(marked[1]) else None
    site = _SITE_TAIL.search(line)
    match = match or marked or (site if site and site_header(site[1]) else None)
    head = line[:match.start()] if match else ""
    worded = [w for w in head.split() if any(c.isalpha() for c in w)]
    if not match or len(worded) < 4 or ":" in head or ends_sentence(head) or head.rstrip().endswith(("-", "–", "|")):
        return line, None
    return head, match[1].strip("() ")


def lines_from_blocks(blocks: list[Block]) -> list[Line]:
    """Lines of an HTML page's blocks (a block after a <br> continues the one before if lowercase)."""
    lines = []
    for block in blocks:
        for part in block.text.split("\n"):
            line = clean_line(part)
            if not line:
                continue
            head, tail = _split_tail(line)
            role = "skipped" if block.kind == "skipped" else "body"
            lines.append(Line(head, head if tail else tidy(part), block.kind, block.joined and line[:1].islower(),
                              block.image_before, role))
            if tail:
                lines.append(Line(tail, tail, role=role))
    return lines


def full_text(lines: list[Line], index: int) -> str:
    """A line with the wrapped lines that continue it."""
    parts = [lines[index].text]
    for line in lines[index + 1:]:
        if not line.joined:
            break
        parts.append(line.text)
    return " ".join(parts)


def ends_sentence(text: str) -> bool:
    """Whether a text ends with a full stop (or ! ? …), inside closing quotes or brackets or not; a
    headline may end with a quotation (… phong trào “Dân vận khéo”), not with a full stop."""
    return text.rstrip().rstrip("”\"’')]»").endswith((".", "!", "?", "…"))


def sentence(text: str) -> bool:
    """Prose: a sentence of some length, or a long paragraph."""
    words = len(text.split())
    return words >= 40 or (words >= 8 and ends_sentence(text))


def bodyish(text: str) -> bool:
    """A paragraph of prose rather than a headline or metadata."""
    words = len(text.split())
    return words >= 40 or (words >= 25 and ends_sentence(text))


def prose(line: Line) -> bool:
    """A line of article text rather than metadata: a dozen words (not counting separators: "08:35 AM
    11/06/2016 | Lượt xem: 15287 | In bài viết |" is nine), or a sentence."""
    words = sum(1 for word in line.text.split() if any(c.isalnum() for c in word))
    return words >= 12 or (words >= 6 and ends_sentence(line.text))


def line_key(text: str) -> str:
    """A line compared for repeats: case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def signature_sized(line: Line) -> bool:
    """Whether a line is short enough to sign an article with a name and a unit, and does not end a
    sentence (an organisation's signature may end with a full stop: "Phòng VH-TT huyện X.")."""
    text = line.text.rstrip()
    return len(text.split()) <= 16 and (not ends_sentence(text) or (text.endswith(".") and not text.endswith("..")
                                                                   and len(text.split()) <= 14))
