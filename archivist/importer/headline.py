"""Which line of a page is the article's headline.

Pages put many lines before the headline (site names, menus, category labels, a CMS's
"Xuất bản" label, breadcrumbs, a ticker of other news) and some print it twice. The signals,
strongest first:

1. the page's address: its slug ("…/nong-dan-chu-se-trung-mua-ho-tieu-post251234.html") is
   the headline unaccented and hyphenated, so a line that spells it is the headline; a line
   that holds it between a category label and the lead ("Kinh tế Nông dân Chư Sê trúng mùa hồ
   tiêu (GLO)- Những ngày này, …") is split into the three;
2. an HTML page's own statements: ``og:title``, the article-title element (``<h1>``,
   ``itemprop="headline"``), the ``<title>``, then elements whose class names them a title;
   never one that names the site (a portal's name, also printed in its footer);
3. the line printed twice, once as the page's heading and once over the article;
4. the first line that can be a headline and leads to the article's text (past its date and
   byline lines), an organisation's name at its start included ("Công an quận X triệt xóa …");
5. the last line that can be a headline before the first sentence of prose.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from ..model.vietnamese import slugify
from . import bylines
from .boilerplate import UNIT_TYPES, category_label, end_kind, is_widget, site_header
from .datelines import DateLine, date_line
from .names import name_like, org_like, publication, split_credit
from .pagehtml import PageMeta
from .pagelines import Line, full_text, line_key, prose, sentence, web_era
from .paragraphs import photo_caption

__all__ = ["find_title", "titleish", "slug_words", "headline_text", "AFTER_HEADLINE"]

_MIN_SLUG = 4  # words of a slug that must match
_SPLIT_SLUG = 5  # … to split a line at them
_SITE_WORDS = 10  # a site's name is at most this long
_LONG_HEADLINE = 12  # words of a headline no site's name, section or menu line before it is as long as
_CLOSERS = "”\"’»)!?"
_OPENERS = "“\"‘«("


def titleish(lines: list[Line], index: int, *, orgs: bool = False) -> bool:
    """A line that can be a headline: a few words on a line of their own, mostly words rather than
    numbers, no metadata, no photo caption, no category label, not a sentence of prose unless it is quoted; with
    ``orgs``, one starting with an organisation's name too."""
    line = lines[index]
    text = full_text(lines, index)
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    worded = sum(1 for w in words if any(c.isalpha() for c in w))  # not a line of numbers: "Thứ ba 22/03 432 0"
    return (line.role == "body" and not line.joined and 4 <= len(words) <= 39 and len(text) <= 250
            and 2 * worded > len(words)
            and not text.endswith(":") and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "“\"'‘")
            and not bylines.is_meta(text) and end_kind(text) is None and not site_header(text) and not is_widget(text)
            and not category_label(text) and (orgs or not org_like(text)) and not name_like(text) and not _signed(text)
            and not _unit_only(text) and not _DATED_LINK.search(text)
            and (not sentence(text) or _quoted(text)) and not photo_caption(text))


# An item of a list of the site's other articles, dated after its title: "Hội nghị tổng kết năm 2020 (05/01/2021)".
_DATED_LINK = re.compile(r"\(\s*\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?\s*\)$")
_UNIT_TYPE = re.compile("(?:" + "|".join(word.capitalize() for word in UNIT_TYPES.split("|")) + ") ")


def _unit_only(text: str) -> bool:
    """A unit's name alone, a link in a portal's list of its communes ("Thị trấn Lương Sơn"), not a headline; four
    capitalised words or more may be one in title case ("Huyện Mường Nhé Ra Quân")."""
    match = _UNIT_TYPE.match(text)
    words = text[match.end():].split() if match else []
    return 1 <= len(words) <= 3 and all(w[:1].isupper() or w.isdigit() for w in words)


def _signed(text: str) -> bool:
    """A signature with the signer's unit or paper after the name ("Văn Phúc - Hội Nông dân huyện")."""
    credit = split_credit(text)
    return credit is not None and credit.name != text.strip()


def _quoted(text: str) -> bool:
    """A line that is one quotation ("“Xây dựng nông dân phát triển toàn diện…”"): a headline may quote a
    sentence."""
    inner = text[1:-1]
    return len(text) > 2 and text[0] in "\"“" and text[-1] in "\"”" and not any(q in inner for q in "\"“”")


def find_title(lines: list[Line], meta: PageMeta, url: str | None = None) -> int | None:
    """Index of the headline (see the module's docstring), marked with its repeats and the lines above
    it; None if the page has no line at all."""
    found = _by_slug(lines, url) if url else None
    if found is None:
        found = _by_page_statements(lines, meta)
    if found is None:
        found = _printed_twice(lines)
    if found is None:  # a headline ending with a full stop, over its date stamp and the lead
        found = next((i for i in range(len(lines) - 2) if _stamped(lines, i)), None)
    if found is None:
        found = next((i for i in range(len(lines)) if titleish(lines, i, orgs=True) and _leads_to_article(lines, i)),
                     None)
    if found is None:
        first_prose = next((i for i, l in enumerate(lines) if l.role == "body" and sentence(full_text(lines, i))),
                           len(lines))
        found = next((i for i in reversed(range(first_prose)) if titleish(lines, i)), None)
    if found is None and meta.title:
        lines.insert(0, Line((_title_variants(meta.title) or [meta.title])[0]))
        found = 0
    if found is None:
        found = next((i for i, l in enumerate(lines) if l.role == "body"), None)
    return None if found is None else _take_title(lines, found)


def _stamped(lines: list[Line], index: int) -> bool:
    """A line that is a headline but for its closing full stop ("Hơn 500 đoàn viên … biển Kỳ Khang."), with only its
    date stamp between it and the prose under it."""
    text = lines[index].text
    stamp = date_line(lines[index + 1].text)
    return (lines[index].role == "body" and not lines[index + 1].joined and 8 <= len(text.split()) <= 50
            and len(text) <= 300 and text[:1].isupper() and text.endswith(".") and not text.endswith("..")
            and stamp is not None and not stamp.rest and prose(lines[index + 2]) and not bylines.is_meta(text))


def _leads_to_article(lines: list[Line], index: int) -> bool:
    """Whether the next line of content after a line (past its wrapped lines and any metadata lines, and under a
    long headline a line of half its words or fewer: its subtitle or section) is article text: prose or a caption."""
    words = len(full_text(lines, index).split())
    for following in range(index + 1, len(lines)):
        line = lines[following]
        if line.joined or line.role != "body":
            continue
        text = line.text
        if bylines.is_meta(text) or (not prose(line) and (name_like(text) or org_like(text) or _signed(text))):
            continue
        if words >= _LONG_HEADLINE and 2 * len(text.split()) <= words and not prose(line):
            continue
        if titleish(lines, following):
            return False  # another headline-like line comes first: the headline is not this one
        return prose(line) or line.kind == "caption" or photo_caption(text)
    return False


# --- the page's address -------------------------------------------------------------------------------

# Words of the page names CMSs put in addresses ("/chi-tiet-bai-viet/", "/tin-tuc-su-kien/", "/news-detail/"):
# a folder made only of them names a kind of page, not the article.
_PAGE_WORDS = set("chi tiet bai viet tin tuc su kien noi dung xem trang thong hoat dong chuyen muc danh sach "
                  "news detail details article articles view post posts content page".split())
_EXTENSION = re.compile(r"\.(?:html?|s?html|aspx?|php|jsp|epi|vnp|ldo|tpo|chn|vn)$", re.I)


def slug_words(url: str) -> list[str]:
    """The words of an address's slug: its path segment with the most hyphenated words ("…/tin-tuc/5/188776/
    xa-quang-trung-ve-dich.html" → [xa, quang, trung, ve, dich]), never a CMS's name for a kind of page
    ("…/chi-tiet-bai-viet/-/asset_publisher/…/content/id/15317570" has no slug)."""
    segments = [_EXTENSION.sub("", unquote(s)) for s in urlsplit(url.strip()).path.split("/") if s]
    split = [[w for w in re.split(r"[-_.+]+", s.lower()) if w] for s in segments]
    split = [words for words in split if not set(words) <= _PAGE_WORDS]  # a CMS's page name: "chi-tiet-bai-viet"
    return max(split, key=len, default=[])


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """The slug words of a text with their spans in it."""
    found = []
    for match in re.finditer(r"[^\W_]+", text):
        for word in slugify(match[0]).split("-"):
            if word:
                found.append((word, match.start(), match.end()))
    return found


def _slug_span(text: str, words: list[str]) -> tuple[int, int, int, int, int, bool] | None:
    """Where in a text the slug's words are spelt out, one after another, as (start, end, words
    matched, index of the first, words in the text, whether the slug was cut short); trailing words of
    the slug that hold digits (its ids: "post251234", "12062023") may be missing from the text, and
    its last word may be the start of one (a CMS cuts a long slug: "…-6-t" for "6 tháng …")."""
    tokens = _tokens(text)
    names = [t for t, _, _ in tokens]
    for size in range(len(words), _MIN_SLUG - 1, -1):
        if size < len(words) and not any(c.isdigit() for c in words[size]):
            break
        target = words[:size]
        for start in range(len(names) - size + 1):
            found = names[start:start + size]
            ids = all(any(c.isdigit() for c in w) for w in words[size:])  # "…-cap-uy-chi-800886": cut, then its id
            cut = (ids and found[:-1] == target[:-1] and found[-1] != target[-1]
                   and found[-1].startswith(target[-1]))
            if found == target or cut:
                span = _widen(text, tokens[start][1], tokens[start + size - 1][2])
                return span + (size, start, len(tokens), cut)
    return None


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A span with the quotation marks and brackets that open and close it."""
    while start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    return start, end


def _by_slug(lines: list[Line], url: str) -> int | None:
    """The line the address's slug spells, split from a category label before it and a lead after it."""
    words = slug_words(url)
    if len(words) < _MIN_SLUG:
        return None
    whole, split = [], []
    for index, line in enumerate(lines):
        if line.role != "body" or line.joined:
            continue
        found = _slug_span(line.text, words)
        if not found:
            continue
        start, end, size, first, total, cut = found
        prefix, suffix = line.text[:start].strip(), line.text[end:].strip()
        # after a slug its site cut short ("…-nong-thon-moi-x"), a short sentence still is the headline's
        lead = sentence(suffix) and len(suffix.split()) >= (25 if cut else 12)
        # "Krông Pắc: …" is part of the headline, and so is the one word a slug left out ("Tổ" of "Tổ chức …")
        anchored = first == 0 or prefix.endswith(":") or (len(prefix.split()) == 1 and line.text[start:start + 1].islower())
        label = not anchored and len(prefix.split()) <= 4  # a category label: "Kinh tế"
        if cut and anchored and not lead:
            whole.append(index)  # a headline longer than its slug
        elif anchored and (first + size == total or (not lead and len(suffix.split()) <= 7)):
            whole.append(index)  # the line, or its headline with a few words the slug left out
        elif size >= _SPLIT_SLUG and (anchored or label) and (lead or first + size == total):
            split.append((index, prefix, line.text[start:end], suffix))
    if whole:
        return next((i for i in whole if _leads_to_article(lines, i)), whole[-1])
    if not split:
        return None
    index, prefix, title, lead = split[0]
    kind = lines[index].kind
    if prefix.endswith(":"):  # "Krông Pắc: …" is part of the headline
        title, prefix = f"{prefix} {title}", ""
    parts = [Line(prefix, prefix, "text", role="furniture")] if prefix else []
    parts.append(Line(title, title, kind))
    if lead:
        parts.append(Line(lead, lead, "text"))
    lines[index:index + 1] = parts
    return index + len(parts) - 1 - bool(lead)


# --- the page's own statements ------------------------------------------------------------------------

def _site_like(lines: list[Line], text: str, meta: PageMeta) -> bool:
    """Whether a text names the site rather than the article: a portal's or paper's name, the page's
    og:site_name, or a line the page's footer repeats."""
    key = line_key(text)
    if site_header(text) or (publication(text) and len(text.split()) <= 8):
        return True
    if meta.site_name and key == line_key(meta.site_name):
        return True
    if len(text.split()) > _SITE_WORDS:  # a headline, though a list of news below the article may repeat it
        return False
    last_prose = max((i for i, l in enumerate(lines) if l.role in ("body", "skipped") and prose(l)), default=-1)
    return any(line_key(l.text) == key for l in lines[last_prose + 1:])


def _by_page_statements(lines: list[Line], meta: PageMeta) -> int | None:
    """og:title, the article-title element, <title>, a title-classed element: the first that is a line
    of the page and does not name the site."""
    def found(text: str | None) -> int | None:
        if not text or _site_like(lines, text, meta):
            return None
        key = line_key(text)
        return next((i for i, l in enumerate(lines) if l.role == "body" and line_key(l.text) == key), None)

    def element(kind: str) -> int | None:
        """The first such element over the article's text; for <h1> and itemprop=headline, else the first
        (a title class also marks the headlines of lists of other news)."""
        indexes = [i for i, l in enumerate(lines) if l.kind == kind and titleish(lines, i, orgs=True)
                   and not _site_like(lines, lines[i].text, meta)]
        fallback = indexes[0] if indexes and kind == "headline" else None
        return next((i for i in indexes if _leads_to_article(lines, i)), fallback)

    og = [meta.og_title, *_title_variants(meta.og_title)] if meta.og_title else []
    title = [meta.page_title, *_title_variants(meta.page_title)] if meta.page_title else []
    for attempt in (*[lambda t=t: found(t) for t in og], lambda: element("headline"),
                    *[lambda t=t: found(t) for t in title], lambda: element("titled")):
        index = attempt()
        if index is not None:
            return index
    return None


def _title_variants(title: str) -> list[str]:
    """A <title>/og:title without the site's name after its last separator ("X - Báo Quảng Trị")."""
    separators = list(re.finditer(r"\s+[|\-–—:]\s+", title))
    if not separators or len(title[separators[-1].end():].split()) > 8:
        return []
    return [title[:separators[-1].start()].strip()]


def _printed_twice(lines: list[Line]) -> int | None:
    """A headline the page prints twice (as its heading, then over the article): the occurrence that
    leads to the article, else the last if no more than a subheading stands between it and the
    article's prose (not a teaser of other news a page repeats in two boxes). Either stands before
    the article's first paragraph: a line repeated after it is a caption or a quote."""
    counts: dict[str, list[int]] = {}
    for index in range(len(lines)):
        if titleish(lines, index, orgs=True) and len(lines[index].text.split()) >= 6:
            counts.setdefault(line_key(lines[index].text), []).append(index)
    first_prose = next((i for i, l in enumerate(lines) if l.role == "body" and sentence(full_text(lines, i))),
                       len(lines))
    last_candidates = [i for i in range(first_prose) if titleish(lines, i, orgs=True)][-2:]
    for indexes in counts.values():
        if len(indexes) >= 2:
            leading = next((i for i in indexes if i < first_prose and _leads_to_article(lines, i)), None)
            if leading is not None or indexes[-1] in last_candidates:
                return leading if leading is not None else indexes[-1]
    return None


def _take_title(lines: list[Line], index: int) -> int:
    """Mark the headline (with its wrapped continuation), its repeats and everything before it as out
    of the body."""
    lines[index].text = full_text(lines, index)
    key = line_key(lines[index].text)
    for i, line in enumerate(lines):
        if i < index and line.role == "body":
            line.role = "head"
        elif line_key(line.text) == key and line.role == "body":
            line.role = "title"
    lines[index].role = "headline"
    for line in lines[index + 1:]:
        if not line.joined:
            break
        line.role = "headline"
    return index


AFTER_HEADLINE = "in brackets after the headline"
_DATED_HEADLINE = re.compile(r"\s+\((\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})\)$")


def headline_text(text: str) -> tuple[str, DateLine | None]:
    """A headline without the pictographs a page puts around it ("🎓 HỘI NGHỊ …") and an empty pair of brackets
    left after it ("… huyện Phú Bình ()"); and the date in brackets after it ("… Buôn Ma Thuột (06/03/2019)"), its
    ``rest`` the brackets as printed, when it is of the web's era (one of 1944 is an event's: "Kỷ niệm … Ngày thành
    lập Quân đội nhân dân Việt Nam (22/12/1944)")."""
    text = re.sub(r"\s*(?:\(\s*\)|\[\s*\])\s*$", "", text)
    start = next((i for i, c in enumerate(text) if not _pictograph(c)), len(text))
    end = len(text) - next((i for i, c in enumerate(reversed(text)) if not _pictograph(c)), len(text))
    text = text[start:end] or text
    bracketed = _DATED_HEADLINE.search(text)
    found = date_line(bracketed[1]) if bracketed and web_era(bracketed[1]) else None
    if found is None:
        return text, None
    return text, DateLine(found.date, found.updated, text[bracketed.start():].strip())


def _pictograph(char: str) -> bool:
    """A space, symbol or emoji (with its joiners and variation selectors)."""
    return char.isspace() or unicodedata.category(char) in ("So", "Sk", "Cf", "Mn")
