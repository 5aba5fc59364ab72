"""The layout of a news page read line by line: furniture, headline, metadata lines, article.

1. widgets, counters, badges, navigation and welcome lines are furniture (``boilerplate``);
2. the headline is the page's ``<h1>``/``og:title`` when it is in the text, else the last line
   that can be a headline before the first sentence of prose (menus, categories and other
   news come first on a page); lines before it are furniture too, repeats of it are dropped;
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
from .datelines import date_line, says_updated
from .names import name_like, org_like, publication
from .boilerplate import (
    clean_line,
    counter_year,
    end_kind,
    is_noise,
    is_widget,
    site_header,
    tidy,
    welcome_site,
)
from .bylines import SourceNote
from .pagehtml import Block, PageMeta
from .paragraphs import Paragraph, photo_caption

__all__ = ["Line", "Facts", "Layout", "NoArticle", "lines_from_text", "lines_from_blocks", "read_page"]


class NoArticle(ValueError):
    """The page holds no article text."""


@dataclass
class Line:
    """One non-empty line of the page."""

    text: str
    shown: str = ""
    """The line as the page shows it (bullets kept), for the record of removed lines."""
    kind: str = "text"
    joined: bool = False
    image_before: bool = False
    role: str = "body"
    """"body", "headline", or why it is out of the body: "furniture", "meta", "title" (a repeat), "head"
    (above the headline), "end" (below the article), "skipped" (HTML furniture)."""


@dataclass
class Facts:
    """Signals gathered while reading the lines."""

    dates: list[tuple[PubDate, bool, str, str]] = field(default_factory=list)  # date, updated, line, where
    authors: list[tuple[str, str]] = field(default_factory=list)  # name, how found
    sources: list[tuple[SourceNote, str]] = field(default_factory=list)  # note, how found
    sites: list[str] = field(default_factory=list)  # portal/site names the page gives for itself
    tags: list[str] = field(default_factory=list)
    counters: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # text cut out of body paragraphs


_TAGS = re.compile(r"^(?:từ\s*khóa|từ\s*khoá|tags?|chủ\s*đề)\s*:\s*(?P<tags>.+)$", re.I)


def lines_from_text(text: str) -> list[Line]:
    """Non-empty cleaned lines; a line directly under another that starts in lowercase continues it;
    an empty line holding a non-breaking space is where an image stood."""
    lines: list[Line] = []
    blank = True
    image = False
    for raw in text.split("\n"):
        line = clean_line(raw)
        if not line:
            image = image or "\u00a0" in raw
            blank = True
            continue
        joined = not blank and bool(lines) and line[:1].islower()
        lines.append(Line(line, tidy(raw), joined=joined, image_before=image and not joined))
        blank = image = False
    return lines


def lines_from_blocks(blocks: list[Block]) -> list[Line]:
    """Lines of an HTML page's blocks (a block after a <br> continues the one before if lowercase)."""
    lines = []
    for block in blocks:
        for part in block.text.split("\n"):
            line = clean_line(part)
            if line:
                lines.append(Line(line, tidy(part), block.kind, block.joined and line[:1].islower(),
                                  block.image_before, "skipped" if block.kind == "skipped" else "body"))
    return lines


@dataclass
class Layout:
    """What the page's layout gives."""

    title: str
    paragraphs: list[Paragraph]
    facts: Facts
    removed: list[str]
    """Lines left out of the body (furniture and metadata), in page order."""


def read_page(lines: list[Line], meta: PageMeta) -> Layout:
    """Split a page's lines into headline, metadata and article; NoArticle if there is no article."""
    facts = Facts()
    _mark_furniture(lines, facts)
    title_at = _find_title(lines, meta)
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
    return Layout(lines[title_at].text, paragraphs, facts, removed)


def _mark_furniture(lines: list[Line], facts: Facts) -> None:
    """Widgets, noise, welcome lines and tag lines: out of the body wherever they stand."""
    for line in lines:
        site = welcome_site(line.text)
        tags = _TAGS.match(line.text)
        if site:
            facts.sites.append(site)
            line.role = "furniture"
        elif line.role == "skipped":
            continue
        elif tags and len(line.text) <= 200:
            found = [t.strip(" .") for t in re.split(r"[,;|]", tags["tags"]) if t.strip(" .")]
            if all(len(t.split()) <= 8 for t in found):
                facts.tags.extend(found)
                line.role = "meta"
        elif not bylines.is_meta(line.text) and (is_widget(line.text) or is_noise(line.text)):
            line.role = "furniture"


def _titleish(lines: list[Line], index: int) -> bool:
    """A line that can be a headline: a few words on a line of their own, no metadata, no photo
    caption, not a sentence of prose."""
    line = lines[index]
    text = _full_text(lines, index)
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    return (line.role == "body" and not line.joined and 4 <= len(words) <= 35 and len(text) <= 250
            and not text.endswith(":") and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "“\"'‘")
            and not bylines.is_meta(text) and end_kind(text) is None and not site_header(text)
            and not org_like(text) and not name_like(text) and not _sentence(text)
            and not photo_caption(text))


def _full_text(lines: list[Line], index: int) -> str:
    """A line with the wrapped lines that continue it."""
    parts = [lines[index].text]
    for line in lines[index + 1:]:
        if not line.joined:
            break
        parts.append(line.text)
    return " ".join(parts)


def _ends_sentence(text: str) -> bool:
    """Whether a text ends with a full stop (or ! ? …), inside closing quotes or brackets or not; a
    headline may end with a quotation (… phong trào “Dân vận khéo”), not with a full stop."""
    return text.rstrip().rstrip("”\"’')]»").endswith((".", "!", "?", "…"))


def _sentence(text: str) -> bool:
    """Prose: a sentence of some length, or a long paragraph."""
    words = len(text.split())
    return words >= 40 or (words >= 8 and _ends_sentence(text))


def _find_title(lines: list[Line], meta: PageMeta) -> int | None:
    """Index of the headline: the page's og:title (or <title>, or an <h1> of a few words) when it is
    in the text; else the first line that can be a headline and is followed by the article (prose or
    a caption, past dates, bylines and widgets); else the last such line before the first sentence of
    prose (menus, categories and other news come first on a page); else the first line."""
    wanted = [meta.title, *_title_variants(meta.title)] if meta.title else []
    wanted += [l.text for i, l in enumerate(lines) if l.kind == "headline" and _titleish(lines, i)]
    for text in wanted:
        key = _key(text)
        for index, line in enumerate(lines):
            if line.role == "body" and _key(line.text) == key:
                return _take_title(lines, index)
    candidates = [i for i in range(len(lines)) if _titleish(lines, i)]
    for index in candidates:
        if _leads_to_article(lines, index):
            return _take_title(lines, index)
    prose = next((i for i, l in enumerate(lines) if l.role == "body" and _sentence(_full_text(lines, i))),
                 len(lines))
    before = [i for i in candidates if i < prose]
    if before:
        return _take_title(lines, before[-1])
    if meta.title:
        lines.insert(0, Line((_title_variants(meta.title) or [meta.title])[0]))
        return _take_title(lines, 0)
    first = next((i for i, l in enumerate(lines) if l.role == "body"), None)
    return None if first is None else _take_title(lines, first)


def _leads_to_article(lines: list[Line], index: int) -> bool:
    """Whether the next line of content after a line (past its wrapped lines and any metadata lines)
    is article text: prose or a caption."""
    for following in range(index + 1, len(lines)):
        line = lines[following]
        if line.joined or line.role != "body":
            continue
        text = line.text
        if bylines.is_meta(text) or (not _prose(line) and (name_like(text) or org_like(text))):
            continue
        if _titleish(lines, following):
            return False  # another headline-like line comes first: the headline is not this one
        return _prose(line) or line.kind == "caption" or photo_caption(text)
    return False


def _title_variants(title: str) -> list[str]:
    """A <title>/og:title without the site's name after its last separator ("X - Báo Quảng Trị")."""
    separators = list(re.finditer(r"\s+[|\-–—:]\s+", title))
    if not separators or len(title[separators[-1].end():].split()) > 8:
        return []
    return [title[:separators[-1].start()].strip()]


def _take_title(lines: list[Line], index: int) -> int:
    """Mark the headline (with its wrapped continuation), its repeats and everything before it as out
    of the body."""
    lines[index].text = _full_text(lines, index)
    key = _key(lines[index].text)
    for i, line in enumerate(lines):
        if i < index and line.role == "body":
            line.role = "head"
        elif _key(line.text) == key and line.role == "body":
            line.role = "title"
    lines[index].role = "headline"
    for line in lines[index + 1:]:
        if not line.joined:
            break
        line.role = "headline"
    return index


def _key(text: str) -> str:
    """A line compared for repeats: case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _bodyish(text: str) -> bool:
    """A paragraph of prose rather than a headline or metadata."""
    words = len(text.split())
    return words >= 40 or (words >= 25 and _ends_sentence(text))


def _prose(line: Line) -> bool:
    """A line of article text rather than metadata: a dozen words, or a sentence."""
    words = len(line.text.split())
    return words >= 12 or (words >= 6 and _ends_sentence(line.text))


def _read_head(lines: list[Line], title_at: int, facts: Facts) -> None:
    """Signals in the lines above the headline (date, site name, source), which stay out of the body."""
    for line in lines[:title_at]:
        if line.role not in ("head", "furniture"):
            continue
        found = date_line(line.text)
        if found:
            facts.dates.append((found.date, found.updated, line.text, "above the headline"))
        elif site_header(line.text):
            facts.sites.append(line.text)
        elif (note := bylines.source_note(line.text)) is not None:
            facts.sources.append((note, line.text))
        if line.role == "head":
            line.role = "furniture"


def _body_start(lines: list[Line], title_at: int) -> int:
    """Index of the first body line after the headline; metadata lines before it are read and marked."""
    index = title_at + 1
    while index < len(lines) and (lines[index].role != "body" or not (_prose(lines[index])
                                                                    or lines[index].kind == "caption")):
        index += 1
    return index


def _meta_line(line: Line, facts: Facts, where: str, *, names: bool) -> bool:
    """Read a metadata line: a date, byline, source note, photo credit (with ``names``, also a
    publication's name, or a bare name or an organisation as author); a line of several such parts
    ("Ngày đăng: 12/03/2024 | Lượt xem: 356", "15/05/2023 08:30 | Tác giả: Thu Hà") too. True if it was one."""
    if _prose(line) and names:
        names = False
    found = [bylines.meta_part(part, names=names) for part in bylines.meta_parts(line.text)]
    if not found or any(f is None for f in found) or all(f.kind == "widget" for f in found):
        return False
    single = sum(1 for part in found if part.date) == 1
    for part in found:
        if part.date:
            updated = part.date.updated or (single and says_updated(line.text))
            facts.dates.append((part.date.date, updated, line.text, where))
            rest = part.date.rest
            if rest and publication(rest):
                facts.sources.append((SourceNote(rest, None), part.text))
            elif rest:
                facts.authors.append((rest, f"beside the date in “{part.text}”"))
        elif part.kind == "byline":
            facts.authors.insert(0, (part.name, ""))
        elif part.note:
            facts.sources.append((part.note, part.text))
        elif part.kind == "name":
            facts.authors.append((part.text, f"{part.name} on a line of its own {where}"))
    return True


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
        if _bodyish(lines[index].text) and len(lines[index].text) >= 250:
            return index
    return None


def _read_tail(lines: list[Line], body_start: int, end: int, facts: Facts) -> int:
    """Read the metadata lines at the end of the article (and those between headline and body);
    return where the tail begins."""
    for line in lines[:body_start]:
        if line.role == "body" and _meta_line(line, facts, "under the headline", names=True):
            line.role = "meta"
    index = end
    while index > body_start:
        line = lines[index - 1]
        if line.role != "body":
            index -= 1
            continue
        names = not _prose(line) and (index == end or _all_meta(lines, index, end))
        if not _meta_line(line, facts, "at the end of the article", names=names):
            break
        line.role = "meta"
        index -= 1
    for line in lines[body_start:index]:  # bylines inside the body ("Bài, ảnh: X" before a photo essay)
        if line.role == "body" and bylines.byline(line.text):
            _meta_line(line, facts, "in the article", names=False)
            line.role = "meta"
    return index


def _all_meta(lines: list[Line], start: int, end: int) -> bool:
    return all(l.role != "body" for l in lines[start:end])


def _paragraphs(lines: list[Line], start: int, end: int) -> list[Paragraph]:
    """Body lines joined into paragraphs: a wrapped line joins the one before, and so does a photo
    credit on a line of its own ("Ảnh: Minh Khang" under its caption)."""
    paragraphs: list[Paragraph] = []
    previous_in_body = False
    for line in lines[start:end]:
        if line.role != "body":
            previous_in_body = False
            continue
        credit = bylines.photo_credit(line.text) and bool(paragraphs) and previous_in_body
        if (line.joined and previous_in_body and paragraphs) or credit:
            paragraphs[-1].text += " " + line.text
            paragraphs[-1].marked = paragraphs[-1].marked or line.kind == "caption" or credit
        else:
            paragraphs.append(Paragraph(line.text, image_before=line.image_before, marked=line.kind == "caption"))
        previous_in_body = True
    return paragraphs


def _leading_source(paragraphs: list[Paragraph], facts: Facts) -> None:
    """"(Baoquangtri.vn) - …" opening the lead paragraph: the source, taken out of the text."""
    for paragraph in paragraphs[:2]:
        found = bylines.leading_source(paragraph.text)
        if found:
            note, rest = found
            prefix = paragraph.text[:len(paragraph.text) - len(rest)].strip()
            facts.sources.append((note, prefix))
            facts.taken.append(prefix)
            paragraph.text = rest
            return
