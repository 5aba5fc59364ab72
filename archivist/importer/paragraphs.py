"""Article paragraphs: wrapped lines joined, photo captions recognised, Markdown written safely.

A caption is recognised for sure when the page marks it (``<figcaption>``, a caption class,
an image's alt text), when it credits or describes a photo ("- Ảnh: TT", "(Ảnh: …)",
"Trong ảnh: …"), or when a short paragraph directly follows an image placeholder (an empty
line holding only a non-breaking space). It is recognised by position and length only when
a short one- or two-sentence paragraph stands between much longer ones (or first, under the
headline, before a much longer one): those are named in the review notes, as a guess.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

__all__ = ["Paragraph", "mark_captions", "photo_caption", "to_markdown", "CAPTION_MARK"]

CAPTION_MARK = "{: .caption }"


@dataclass
class Paragraph:
    """One paragraph of the article body."""

    text: str
    caption: bool = False
    """Shown as a photo caption."""
    guessed: bool = False
    """Marked a caption by position and length only (a review note)."""
    image_before: bool = False
    """An image (or its empty placeholder line) stands right before it."""
    marked: bool = False
    """The page itself marks it as a caption (HTML)."""


_PHOTO_WORDS = re.compile(
    r"(?:^|[\s(\-–—.])(?:ảnh|ảnh\s*minh\s*h[oọ]a|ảnh\s*minh\s*hoạ|photo|nguồn\s*ảnh)\s*:"
    r"\s*[\w\s.,&/\-–]{1,50}\)?\s*\.?$"
    r"|^trong\s+ảnh\s*:|\btrong\s+ảnh\s*:|\(ảnh\s*[^)]{0,60}\)\s*\.?$|^ảnh\s*:", re.I)
_SENTENCE_END = re.compile(r"(\S*)[.!?…](?=\s+[“\"(]?[^\W\d_])")
_LEAD_IN = re.compile(r"^(?:\(?[\w.\-]+\)?\s*[-–—]\s|(?:sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(?:nay|qua|\d))",
                      re.I)
_MARKED_LIMIT = 600  # a page's caption markup around more text than this is a layout, not a caption
_STRONG_LIMIT = 400
_WEAK_LIMIT = 250
_FIRST_LIMIT = 200


def photo_caption(text: str) -> bool:
    """Whether a text credits or describes a photo ("… - Ảnh: TT", "(Ảnh: …)", "Trong ảnh: …")."""
    return len(text) <= _STRONG_LIMIT and bool(_PHOTO_WORDS.search(text))


def _sentences(text: str) -> int:
    """Number of sentences; "TP." and other short capital abbreviations do not end one."""
    ends = 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end():].lstrip(" “\"(")
        if not following[:1].isupper():
            continue
        word = match[1]
        if len(word) <= 3 and word[:1].isupper() and (word.isupper() or word in ("Tp", "Tx", "Th")):
            continue
        ends += 1
    return ends + 1


def mark_captions(paragraphs: list[Paragraph]) -> None:
    """Set ``caption`` (and ``guessed``) on the paragraphs that are photo captions."""
    lengths = [len(p.text) for p in paragraphs]
    typical = statistics.median(lengths) if lengths else 0
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if (paragraph.marked and len(text) <= _MARKED_LIMIT) or photo_caption(text):
            paragraph.caption = True
        elif paragraph.image_before and len(text) <= _STRONG_LIMIT and _sentences(text) <= 2:
            paragraph.caption = True
        elif _short_between(paragraphs, index, typical) or _short_first(paragraphs, index):
            paragraph.caption = paragraph.guessed = True


def _short_between(paragraphs: list[Paragraph], index: int, typical: float) -> bool:
    """A short paragraph between two much longer ones."""
    if index == 0 or index == len(paragraphs) - 1:
        return False
    text = paragraphs[index].text
    before, after = len(paragraphs[index - 1].text), len(paragraphs[index + 1].text)
    return (_captionish(text, _WEAK_LIMIT) and min(before, after) >= max(2.5 * len(text), 300)
            and typical >= 2.5 * len(text))


def _short_first(paragraphs: list[Paragraph], index: int) -> bool:
    """A short single sentence under the headline, before a much longer paragraph (a lead photo's caption)."""
    if index != 0 or len(paragraphs) < 2:
        return False
    text = paragraphs[0].text
    return (_captionish(text, _FIRST_LIMIT) and _sentences(text) == 1 and not _LEAD_IN.match(text)
            and len(paragraphs[1].text) >= max(2.5 * len(text), 300))


def _captionish(text: str, limit: int) -> bool:
    """Short, one or two sentences, not a quotation, a list item, a question or an introduction."""
    words = text.split()
    if len(text) > limit or len(words) < 4 or _sentences(text) > 2:
        return False
    if text[:1] in "“\"'‘-–—•+*(" or text.rstrip().endswith((":", "?", ";", ",")):
        return False
    ends_sentence = text.rstrip().endswith((".", "!", "…", "”", '"'))
    return ends_sentence or len(words) > 12  # a short line without a full stop is a subheading


_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s)|\d{1,3}(?=[.)]\s)|>|=+\s*$|-{3,}\s*$|_{3,}\s*$|\|)")
_INLINE = re.compile(r"([\\`*{}\[\]])|<(?=[A-Za-z/!?])")


def _escape(text: str) -> str:
    """Text as Markdown that renders exactly as the text: no accidental lists, headings, emphasis or HTML."""
    text = _INLINE.sub(lambda m: "\\" + m[1] if m[1] else "&lt;", text)
    match = _BLOCK_START.match(text)
    if match:
        head = match[0]
        if head[0].isdigit():
            return head + "\\" + text[len(head):]
        return "\\" + text
    return text


def to_markdown(paragraphs: list[Paragraph]) -> str:
    """The body: paragraphs separated by blank lines, captions followed by ``{: .caption }``."""
    blocks = []
    for paragraph in paragraphs:
        text = _escape(paragraph.text)
        blocks.append(f"{text}\n{CAPTION_MARK}" if paragraph.caption else text)
    return "\n\n".join(blocks) + "\n"
