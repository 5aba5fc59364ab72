"""The layout of a news page read line by line: furniture, headline, metadata lines, article.

1. widgets, counters, badges, navigation and welcome lines are furniture (``boilerplate``);
2. the headline (``headline``): lines before it are furniture too, repeats of it are dropped;
3. short lines between the headline and the first paragraph are metadata (date, author,
   source); so are the lines after the last paragraph (``Bài, ảnh: X``, ``Theo …``, a name),
   up to the first heading of a box below the article ("Phản hồi", "Các tin khác"): it and
   everything after it are furniture;
4. the rest is the article, its wrapped lines joined into paragraphs.

``read_page`` returns the headline, the paragraphs, the signals found in metadata lines
(``Facts``) and every line left out of the body, in page order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.records import PubDate
from . import bylines
from .boilerplate import (bare_count, category_label, counter_year, end_kind, header_head, is_noise, is_widget,
                          site_header, unit_line, welcome_site)
from .bylines import AT_END, BESIDE_DATE, UNDER_HEADLINE, UNDER_LEAD, Author, SourceNote
from .datelines import DateLine, date_line, says_updated
from .headline import AFTER_HEADLINE, find_title, headline_text
from .names import cut_mid_syllable, name_like, proper_name, publication
from .pagehtml import PageMeta
from .pagelines import ALIGNED, Line, bodyish, ends_sentence, prose, signature_sized, wrapped_end
from .paragraphs import Paragraph
from .publishers import by_code, by_name

__all__ = ["Facts", "Layout", "NoArticle", "read_page", "LEAD_CODE"]


class NoArticle(ValueError):
    """The page holds no article text."""


@dataclass
class Facts:
    """Signals gathered while reading the lines."""

    dates: list[tuple[PubDate, bool, str, str]] = field(default_factory=list)  # date, updated, line, where
    authors: list[Author] = field(default_factory=list)
    sources: list[tuple[SourceNote, str]] = field(default_factory=list)  # note, how found
    sites: list[str] = field(default_factory=list)  # portal/site names the page gives for itself
    units: list[str] = field(default_factory=list)  # unit lines under a site's name ("HUYỆN Y - TỈNH Z")
    tags: list[str] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # text cut out of body paragraphs


_TAGS = re.compile(r"^(?:từ\s*khóa|từ\s*khoá|tags?|chủ\s*đề)\s*:\s*(?P<tags>.+)$", re.I)


@dataclass
class Layout:
    """What the page's layout gives."""

    title: str
    paragraphs: list[Paragraph]
    facts: Facts
    removed: list[str]
    """Lines left out of the body (furniture and metadata), in page order."""


def read_page(lines: list[Line], meta: PageMeta, url: str | None = None) -> Layout:
    """Split a page's lines into headline, metadata and article (``url``: the page's address, whose
    slug may spell the headline); NoArticle if there is no article."""
    facts = Facts()
    _mark_furniture(lines, facts)
    title_at = find_title(lines, meta, url)
    if title_at is None:
        raise NoArticle("no headline or article text found")
    _read_head(lines, title_at, facts)
    body_start = _body_start(lines, title_at)
    end = _cut_end(lines, body_start, facts)
    tail_start = _read_tail(lines, body_start, end, facts)
    paragraphs = _paragraphs(lines, title_at + 1, tail_start)
    if not paragraphs:
        raise NoArticle("no article text found under the headline")
    _leading_source(paragraphs, facts)
    removed = [l.shown or l.text for l in lines if l.role not in ("body", "headline")] + facts.taken
    title, dated = headline_text(lines[title_at].text)
    if dated and not facts.dates:  # "… Buôn Ma Thuột (06/03/2019)" on a page that states no other date
        facts.dates.append((dated.date, dated.updated, dated.rest, AFTER_HEADLINE))
        title = title[:-len(dated.rest)].rstrip()
    return Layout(title, paragraphs, facts, removed)



def _mark_furniture(lines: list[Line], facts: Facts) -> None:
    """Widgets, noise, welcome lines, tag lines and a republishing site's note of its original: out of the body
    wherever they stand."""
    for line in lines:
        site = welcome_site(line.text)
        tags = _TAGS.match(line.text)
        if site:
            facts.sites.append(site)
            line.role = "furniture"
        elif line.role != "skipped" and (note := bylines.republished_from(line.text)):
            facts.sources.append((note, line.text))
            line.role = "meta"
        elif line.role == "skipped":
            continue
        elif tags and len(line.text) <= 200:
            found = [t.strip(" .") for t in re.split(r"[,;|]", tags["tags"]) if t.strip(" .")]
            if all(len(t.split()) <= 8 for t in found):
                facts.tags.extend(found)
                line.role = "meta"
        elif not bylines.is_meta(line.text) and (is_widget(line.text) or is_noise(line.text)):
            line.role = "furniture"


ABOVE = "above the headline"
BESIDE_WEATHER = "above the headline beside a weather widget"
_STAMPED = re.compile(r"ngày đăng|đăng lúc|đăng ngày|cập nhật|xuất bản|lượt xem", re.I)
_WEATHER = re.compile(r"\d\s*°\s*[cCfF]?(?!\w)|\bthời\s+tiết\b.*\d", re.I)  # "Thời tiết Cẩm Phả: 22.1°c mây"


def _read_head(lines: list[Line], title_at: int, facts: Facts) -> None:
    """Signals in the lines above the headline (date, site name, source), which stay out of the body; a
    date beside a weather widget is told apart (the portal's current date)."""
    for index, line in enumerate(lines[:title_at]):
        if line.role not in ("head", "furniture"):
            continue
        found = date_line(line.text) or _date_among_fields(line.text)
        following = lines[index + 1].text if index + 1 < title_at else ""
        if found:
            # a portal's current date beside its weather widget, its clock too; a date with its label is the
            # article's, as is one under a widget another date stands above ("Thứ Hai, 15/03" / "Thời tiết: 22°C" /
            # the article's date)
            above = index >= 2 and date_line(lines[index - 2].text) is not None
            beside = [lines[i].text for i in (index - 1, index + 1) if 0 <= i < title_at and not (i < index and above)]
            where = (BESIDE_WEATHER if any(_WEATHER.search(text) for text in beside) and not _STAMPED.search(line.text)
                     else ABOVE)
            facts.dates.append((found.date, found.updated, line.text, where))
        elif (banner := header_head(line.text, following)) is not None:
            facts.sites.append(banner)
        elif site_header(line.text):
            facts.sites.append(line.text)
            if unit_line(following):  # "TRANG THÔNG TIN ĐIỆN TỬ XÃ X" / "TỈNH Z"
                facts.units.append(following)
        elif (note := bylines.source_note(line.text)) is not None:
            facts.sources.append((note, line.text))
        if line.role == "head":
            line.role = "furniture"


def _date_among_fields(text: str) -> DateLine | None:
    """The one date of a line of metadata fields ("Danh mục: Tin hoạt động Ngày đăng: 28 tháng 12 năm 2023")."""
    parts = bylines.meta_parts(text)
    dates = [found for part in parts if (found := date_line(part))]
    return dates[0] if len(parts) > 1 and len(dates) == 1 and all(bylines.meta_part(p, names=False) for p in parts) \
        else None


def _body_start(lines: list[Line], title_at: int) -> int:
    """Index of the first body line after the headline; metadata lines before it are read and marked."""
    index = title_at + 1
    while index < len(lines) and (lines[index].role != "body" or bylines.is_meta(lines[index].text)
                                  or not (prose(lines[index]) or lines[index].kind == "caption")):
        index += 1  # a credit long enough to read as prose is none ("Đơn vị sản xuất: Đài Phát thanh …")
    return index


Signer = tuple[Author, bool]  # the author, whether an organisation


def _meta_line(line: Line, facts: Facts, where: str, *, names: bool) -> list[Signer] | None:
    """Read a metadata line: a date, byline, source note, photo credit (with ``names``, also a
    publication's name, or a bare name or an organisation as author); a line of several such parts
    ("Ngày đăng: 12/03/2024 | Lượt xem: 356", "15/05/2023 08:30 | Tác giả: Thu Hà") too. None if it is
    not one; else the names it gives on their own (bylines go straight to ``facts.authors``)."""
    if names and not signature_sized(line):
        names = False
    found = [bylines.meta_part(part, names=names) for part in bylines.meta_parts(line.text)]
    if not found or any(f is None for f in found) or all(f.kind == "widget" for f in found):
        return None
    single = sum(1 for part in found if part.date) == 1
    signers: list[Signer] = []
    for part in found:
        if part.date:
            updated = part.date.updated or (single and says_updated(line.text))
            facts.dates.append((part.date.date, updated, line.text, where))
            rest = part.date.rest
            if rest and publication(rest):
                facts.sources.append((SourceNote(rest, None), part.text))
            elif rest:
                people = rest.split(" - ")  # "Kim Dung - Nguyễn Tuân": two people; "Thu Hà - TTXVN": one, and her wire
                if len(people) > 1 and (wire := by_code(people[-1])):
                    facts.sources.append((SourceNote(wire.name, None), part.text))
                    people = people[:-1]
                two = len(people) > 1 and all(name_like(n) and not n.isupper() for n in people)
                name = ", ".join(map(proper_name, people)) if two else proper_name(" ".join(people))
                facts.authors.append(Author(name, f"{BESIDE_DATE} in “{part.text}”", BESIDE_DATE))
        elif part.kind == "byline":
            facts.authors.insert(0, Author(part.author, where=where))
            if part.note:
                facts.sources.append((part.note, part.text))
        elif part.kind == "name":
            if part.note:
                facts.sources.append((part.note, part.text))
            signer = Author(part.author, f"{part.name} on a line of its own {where}", where)
            signers.append((signer, part.name != "a name"))
        elif part.note:
            facts.sources.append((part.note, part.text))
    return signers


def _sign(facts: Facts, signers: list[Signer]) -> None:
    """Names signing the article, people before organisations: a unit's line under a name is the
    signer's affiliation ("Thu Hằng" / "Trung tâm VH-TT huyện")."""
    facts.authors.extend(author for author, _ in sorted(signers, key=lambda s: s[1]))


def _cut_end(lines: list[Line], body_start: int, facts: Facts) -> int:
    """Index where the article ends: the first heading of a box below it (the rest is furniture)."""
    index = body_start
    while index < len(lines):
        line = lines[index]
        kind = end_kind(line.text) if line.role in ("body", "furniture") else None
        if kind == "soft":
            resume = _resumes(lines, index + 1)
            if resume is not None:
                for skipped in lines[index:resume]:
                    skipped.role = "end"
                index = resume
                continue
        if kind:
            for rest in lines[index:]:
                rest.role = "end" if rest.role == "body" else rest.role
                if counter_year(rest.text):
                    facts.counters.append(rest.text)
            return index
        if counter_year(line.text):
            facts.counters.append(line.text)
        index += 1
    return len(lines)


def _resumes(lines: list[Line], start: int) -> int | None:
    """Where article prose resumes after an in-article box of related links, if it does."""
    for index in range(start, len(lines)):
        if end_kind(lines[index].text) == "hard":
            return None
        if bodyish(lines[index].text) and len(lines[index].text) >= 250:
            return index
    return None


def _read_tail(lines: list[Line], body_start: int, end: int, facts: Facts) -> int:
    """Read the metadata lines at the end of the article (and those between headline and body);
    return where the tail begins."""
    signers: list[Signer] = []
    for line in lines[:body_start]:
        if line.role == "body" and (found := _meta_line(line, facts, UNDER_HEADLINE, names=True)) is not None:
            signers += found
            line.role = "meta"
    for line in _under_lead(lines, body_start, end):
        signers += _meta_line(line, facts, UNDER_LEAD, names=True) or []
        line.role = "meta"
    _sign(facts, signers)
    signers = []
    index = end
    while index > body_start:
        line = lines[index - 1]
        last = index == end or _all_meta(lines, index, end)
        if line.role == "body" and last and _trailing_furniture(line.text):
            line.role = "furniture"
        if line.role != "body":
            index -= 1
            continue
        if index - 1 > body_start and lines[index - 2].role == "body" and wrapped_end(lines[index - 2], line.text,
                                                                                        strict=False):
            line.joined = True  # "…các chợ đầu mối của" / "Hà Nội.": the end of a sentence, not a name
            break
        names = signature_sized(line) and last and not cut_mid_syllable(line.text)  # "… kinh tế của ch": cut short
        found = _meta_line(line, facts, AT_END, names=names)
        if found is None and names and _aligned_signature(line):
            found = [(Author(line.text.rstrip(" ."), f"a line aligned right {AT_END}", AT_END), False)]
        if found is None:
            break
        signers += found
        line.role = "meta"
        index -= 1
    _sign(facts, signers)
    for line in lines[body_start:index]:  # bylines inside the body ("Bài, ảnh: X" before a photo essay)
        if line.role == "body" and bylines.byline(line.text):
            _meta_line(line, facts, "in the article", names=False)
            line.role = "meta"
    return index


def _under_lead(lines: list[Line], body_start: int, end: int) -> list[Line]:
    """The byline and date a page prints between the lead and the rest of the article (a sapo, then
    "Trung tâm VHTT huyện …", "25/03/2025 14:21", then the text): up to three short lines of metadata,
    a date among them, with text after them."""
    run: list[Line] = []
    index = body_start + 1
    while index < end and (lines[index].joined or lines[index].role != "body"):
        index += 1  # the lead's wrapped lines, furniture
    while (index < end and len(run) < 3 and lines[index].role == "body" and signature_sized(lines[index])
           and not ends_sentence(lines[index].text)):
        run.append(lines[index])
        index += 1
    if (not run or index >= end or not prose(lines[index]) or not any(date_line(line.text) for line in run)
            or not all(bylines.meta_part(part, names=signature_sized(line)) for line in run
                       for part in bylines.meta_parts(line.text))):
        return []
    return run


def _aligned_signature(line: Line) -> bool:
    """A line the page aligned right under the article, a few capitalised words that are no sentence and
    no metadata: a signature, though not a person's name ("Phóng viên Điện tử", the desk's)."""
    words = line.text.split()
    return (line.indent >= ALIGNED and 1 <= len(words) <= 6 and line.text[:1].isupper() and ":" not in line.text
            and not any(c.isdigit() for c in line.text) and not ends_sentence(line.text) and not is_widget(line.text))


def _trailing_furniture(text: str) -> bool:
    """What a page leaves after the article's last words, when nothing but metadata follows: the intro
    of a photo gallery or an attachment ("Một số hình ảnh tại buổi lễ:", "Tài liệu đính kèm:") whose
    content the copy lost, a cut-off fragment ("Xem tiếp…", "và các", a word: "Tổ", "About", a few words ending
    mid-syllable: "“Kết nối không k"), a section's name ("Thời sự", under a video's date), or a bare
    number (a view counter: "4,157"); never a wire agency's code in parentheses ("(TTXVN)"), its credit."""
    words = text.split()
    if (text.endswith(":") and len(words) <= 15) or bare_count(text) or (category_label(text) and not name_like(text)):
        return True
    if re.fullmatch(r"\(([^()]+)\)", text.strip()) and by_code(text):  # "(TTXVN)": a wire credit, not furniture
        return False
    if len(words) == 1 and not ends_sentence(text) and not name_like(text) and not bylines.is_meta(text):
        return True
    if bylines.is_meta(text):
        return False
    return len(words) <= 4 and (text[:1].islower() or text.endswith(("...", "…"))) or (
        len(words) <= 8 and cut_mid_syllable(text))  # "“Kết nối không k"


def _all_meta(lines: list[Line], start: int, end: int) -> bool:
    return all(l.role != "body" for l in lines[start:end])


def _paragraphs(lines: list[Line], start: int, end: int) -> list[Paragraph]:
    """Body lines joined into paragraphs: a wrapped line joins the one before, and so does a photo
    credit on a line of its own ("Ảnh: Minh Khang" under its caption); a line repeating the paragraph
    before it is left out, and so is a widget whose words the page wrapped ("Theo dõi Báo X trên" /
    "google news")."""
    paragraphs: list[Paragraph] = []
    sources: list[list[Line]] = []  # each paragraph's lines
    previous_in_body = False
    for line in lines[start:end]:
        if line.role != "body":
            previous_in_body = False
            continue
        credit = bylines.photo_credit(line.text) and bool(paragraphs) and previous_in_body
        if paragraphs and not line.joined and line.text.split() == paragraphs[-1].text.split():
            line.role = "furniture"  # printed twice (an image's alt text, then its caption): once is the article's
            paragraphs[-1].marked = paragraphs[-1].marked or line.kind == "caption"
            paragraphs[-1].image_before = paragraphs[-1].image_before or line.image_before
            continue
        if (line.joined and previous_in_body and paragraphs) or credit:
            paragraphs[-1].text += " " + line.text
            paragraphs[-1].marked = paragraphs[-1].marked or line.kind == "caption" or credit
            sources[-1].append(line)
        else:
            paragraphs.append(Paragraph(line.text, image_before=line.image_before, marked=line.kind == "caption"))
            sources.append([line])
        previous_in_body = True
    for paragraph, parts in zip(paragraphs, sources):
        if len(parts) > 1 and is_widget(paragraph.text) and not bylines.is_meta(paragraph.text):
            for line in parts:
                line.role = "furniture"
    return [p for p, parts in zip(paragraphs, sources) if parts[0].role == "body"]


LEAD_CODE = "the code opening the lead"


def _leading_source(paragraphs: list[Paragraph], facts: Facts) -> None:
    """"(Baoquangtri.vn) - …" opening the lead paragraph: the source, taken out of the text; a paper's
    code ("ĐBP - …", "(GLO)- …"), part of the text as published, names the paper if the registry of
    publishers knows the code."""
    for paragraph in paragraphs[:2]:
        found = bylines.leading_source(paragraph.text)
        if found:
            note, rest = found
            prefix = paragraph.text[:len(paragraph.text) - len(rest)].strip()
            facts.sources.append((note, prefix))
            facts.taken.append(prefix)
            paragraph.text = rest
            return
        code = bylines.lead_code(paragraph.text)
        if code and (by_name(code) or publication(code)):  # "(Báo Quảng Ngãi)- …": the page names its source
            facts.sources.append((SourceNote(code, None), "the name opening the lead"))
            return
        # "(Dân trí) - …", "(Tổ Quốc) - …": a national paper without its "Báo"
        national = code and (by_name(f"Báo {code}") or by_name(f"Báo điện tử {code}"))
        publisher = code and (by_code(code) or (national if national and national.province is None else None))
        if publisher:
            facts.sources.append((SourceNote(publisher.name, None), f"{LEAD_CODE} “{code}”"))
            return
