"""Text and metadata of an HTML page saved from a browser, with the standard library's parser.

The page becomes a list of ``Block``s, one per paragraph-like element, in document order:
the text of ``<p>``, headings, list items, table cells…; ``<figcaption>``, elements with a
caption class and meaningful ``<img alt/title>`` as captions; ``<h1>`` as a headline.
Scripts, styles, navigation, the page's header and footer (outside ``<article>``/``<main>``),
asides, forms and boxes whose class names them as menus, breadcrumbs, share bars, related
news or comments are skipped (their visible text is kept as "skipped" blocks, for the
record of what was left out). The ``<head>``'s metadata (``og:title``, ``article:published_time``,
``author``, ``og:site_name``, ``<link rel="canonical">``, the browser's "saved from url"
comment) are strong signals for the extraction and are returned as ``PageMeta``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Block", "PageMeta", "read_html", "looks_like_html"]


@dataclass(frozen=True)
class Block:
    """One paragraph-like piece of a page."""

    text: str
    """Text with whitespace collapsed."""
    kind: str = "text"
    """"text", "caption" (figcaption, caption class, image alt), "headline" (h1, itemprop=headline),
    "titled" (an element whose class or id names it a title: "title-detail", "news-title"), or
    "skipped": visible text of the page's furniture (menus, page header, footer, share bars, related
    news), kept only for the record of what was left out."""
    joined: bool = False
    """True when only a ``<br>`` separates it from the block before (a wrapped line)."""
    image_before: bool = False
    """An image without a usable alt text stands right before it."""


@dataclass
class PageMeta:
    """Metadata from the page's head: each None when the page does not give it."""

    title: str | None = None
    """og:title, else <title>."""
    og_title: str | None = None
    """og:title."""
    page_title: str | None = None
    """<title>."""
    published: str | None = None
    """article:published_time or another published-date meta, as written."""
    author: str | None = None
    """<meta name="author">."""
    site_name: str | None = None
    """og:site_name."""
    canonical: str | None = None
    """<link rel="canonical"> or og:url."""
    saved_from: str | None = None
    """The URL in the browser's "saved from url=(NNNN)…" comment."""
    keywords: list[str] = field(default_factory=list)
    """article:tag values."""


_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "select", "textarea", "object", "canvas",
              "audio", "video", "map", "iframe"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button",
         "select", "textarea", "iframe", "object", "canvas", "audio", "video", "map", "head"}
_SKIP_CLASSES = {"menu", "navbar", "breadcrumb", "breadcrumbs", "share", "social", "sharing", "related",
                 "comment", "comments", "sidebar", "advert", "advertisement", "ads", "banner", "toolbar",
                 "rating", "pagination", "topbar", "subscribe", "newsletter", "hotnews", "mostview"}
_PAGE_PART_CLASSES = {"footer", "copyright"}  # the site's, unless inside the article or named as the article's
# An element whose class names it a title is the article's headline unless the class also names a box,
# the site or a section ("box-title", "site-title", "cate-title").
_TITLE_CLASSES = {"title", "headline", "tieude", "tieu_de"}
_NOT_TITLE_CLASSES = {"sub", "subtitle", "site", "logo", "brand", "cate", "category", "cat", "box", "widget",
                      "block", "section", "menu", "page", "tab", "list", "item", "small", "mini", "footer", "sapo"}
_CAPTION_CLASSES = {"caption", "figcaption", "chuthich", "imgcaption", "photocaption", "expnoedit"}
# tokens: "image-caption" and "PhotoCMS_Caption" match too; a <p class="Image"> is a caption (VnExpress-like CMSs)
# A <header>/<footer> outside <article>/<main> is the site's, unless its class says it is the article's.
_ARTICLE_CLASSES = {"detail", "article", "post", "entry", "content", "news", "title", "story"}
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
           "blockquote", "figure", "figcaption", "table", "tr", "td", "th", "dd", "dt", "dl", "pre",
           "address", "center", "caption", "header", "hr", "tbody", "thead", "tfoot"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param",
         "track"}
_PUBLISHED_META = ("article:published_time", "datepublished", "pubdate", "publishdate", "publish_date",
                   "dc.date.issued", "dc.date", "date", "og:published_time", "article:published")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)\s*(\S+)", re.I)
_SPACE = re.compile(r"\s+")
_FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|bmp|svg)$|^(img|dsc|image|anh|photo)[_\-\s]?\d", re.I)


def _tokens(value: str | None) -> set[str]:
    """Class/id tokens, lowercase, split on spaces, dashes and underscores too."""
    if not value:
        return set()
    words = value.lower().split()
    return set(words) | {t for w in words for t in re.split(r"[-_]", w) if t}


class _Parser(HTMLParser):
    """Collects blocks and head metadata in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.meta = PageMeta()
        self._stack: list[tuple[str, bool, str | None]] = []  # (tag, skipped, kind)
        self._skip_depth = 0
        self._buffer: list[str] = []
        self._hidden: list[str] = []
        self._invisible_depth = 0
        self._kind: str | None = None
        self._joined = False
        self._image = False
        self._pending: tuple[str, bool] | None = None
        """An image met inside running text (alt, whether the alt is a caption): inline (an
        icon, dropped) if text follows it in the block, else an image after the block."""
        self._in_title = False
        self._title_text: list[str] = []
        self._article_depth = 0

    # --- structure -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("meta", "link"):
            self._head(tag, attributes)
            return
        if tag == "title":
            self._in_title = True
            return
        if tag == "body" and any(t == "head" for t, _, _ in self._stack):
            self.handle_endtag("head")  # a <head> left open (a tag in it not closed) ends where <body> starts
        if tag in _VOID:
            self._void(tag, attributes)
            return
        classes = _tokens(attributes.get("class")) | _tokens(attributes.get("id"))
        page_part = ((tag in ("header", "footer") or classes & _PAGE_PART_CLASSES) and not self._article_depth
                     and not classes & _ARTICLE_CLASSES)
        skip = (tag in _SKIP or page_part
                or bool(classes & _SKIP_CLASSES) or "display:none" in attributes.get("style", "").replace(" ", ""))
        captioned = tag == "figcaption" or classes & _CAPTION_CLASSES or (tag == "p" and "image" in classes)
        titled = bool(classes & _TITLE_CLASSES) and not classes & _NOT_TITLE_CLASSES
        headline = tag == "h1" or attributes.get("itemprop", "").lower() == "headline"
        kind = "caption" if captioned else "headline" if headline else "titled" if titled else None
        if tag in _BLOCKS:
            self._flush()
        if skip and self._skip_depth == 0 or tag in _BLOCKS:
            self._flush_hidden()
        self._stack.append((tag, skip, kind))
        if skip:
            self._skip_depth += 1
        if tag in _INVISIBLE:
            self._invisible_depth += 1
        if tag in ("article", "main"):
            self._article_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if not any(t == tag for t, _, _ in self._stack):
            return
        if tag in _BLOCKS:
            self._flush()
            self._flush_hidden()
        elif self._skip_depth:
            self._hidden.append(" ")  # menu items are inline links: keep them apart in the record
        while self._stack:
            opened, skipped, _ = self._stack.pop()
            if skipped:
                self._skip_depth -= 1
                if not self._skip_depth:
                    self._flush_hidden()
            if opened in _INVISIBLE:
                self._invisible_depth -= 1
            if opened in ("article", "main"):
                self._article_depth -= 1
            if opened == tag:
                break

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_text.append(data)
        elif not self._skip_depth:
            if self._pending is not None and data.strip():
                self._pending = None  # the image stood inside a sentence
            self._buffer.append(data)
        elif not self._invisible_depth:
            self._hidden.append(data)

    def handle_comment(self, data: str) -> None:
        match = _SAVED_FROM.search(data)
        if match and not self.meta.saved_from:
            self.meta.saved_from = match[1]

    # --- helpers ---------------------------------------------------------------------
    def _current_kind(self) -> str | None:
        return next((k for _, _, k in reversed(self._stack) if k), None)

    def _flush(self, joined_next: bool = False) -> None:
        """End the current block; ``joined_next``: the next one continues it (after a <br>)."""
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if text:
            self.blocks.append(Block(text, self._current_kind() or "text", self._joined, self._image))
            self._image = False
        self._joined = joined_next and bool(text)
        if self._pending is not None:  # the block ended with an image
            self._image_after(*self._pending)
            self._pending = None

    def _flush_hidden(self) -> None:
        """End a piece of skipped visible text (kept for the record of removed lines)."""
        text = _SPACE.sub(" ", "".join(self._hidden)).strip()
        self._hidden = []
        if text:
            self.blocks.append(Block(text, "skipped"))

    def _void(self, tag: str, attributes: dict[str, str]) -> None:
        if self._skip_depth:
            if tag == "br":
                self._flush_hidden()
            return
        if tag == "br":
            self._flush(joined_next=True)
        elif tag == "hr":
            self._flush()
        elif tag == "img":
            alt = " ".join((attributes.get("alt") or attributes.get("title") or "").split())
            caption = len(alt.split()) >= 3 and not _FILE_NAME.search(alt)
            if "".join(self._buffer).strip():  # inside running text: known once the block goes on or ends
                self._buffer.append(" ")
                self._pending = (alt, caption)
                return
            self._flush()
            self._image_after(alt, caption)

    def _image_after(self, alt: str, caption: bool) -> None:
        """An image between blocks: its alt text a caption block, or the next block marked as
        standing after an image."""
        if caption:
            self.blocks.append(Block(alt, "caption"))
        else:
            self._image = True

    def _head(self, tag: str, attributes: dict[str, str]) -> None:
        meta = self.meta
        if tag == "link":
            if "canonical" in attributes.get("rel", "").lower().split() and attributes.get("href"):
                meta.canonical = meta.canonical or attributes["href"].strip()
            return
        name = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        content = " ".join((attributes.get("content") or "").split())
        if not content:
            return
        if name == "og:title" and not meta.title:
            meta.title = meta.og_title = content
        elif name in _PUBLISHED_META and not meta.published:
            meta.published = content
        elif name == "author" and not meta.author:
            meta.author = content
        elif name == "og:site_name" and not meta.site_name:
            meta.site_name = content
        elif name == "og:url" and not meta.canonical:
            meta.canonical = content
        elif name == "article:tag":
            meta.keywords.append(content)

    def close(self) -> None:
        super().close()
        self._flush()
        self._flush_hidden()
        self.meta.page_title = _SPACE.sub(" ", "".join(self._title_text)).strip() or None
        self.meta.title = self.meta.title or self.meta.page_title


def read_html(text: str) -> tuple[list[Block], PageMeta]:
    """The blocks and head metadata of an HTML page."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    blocks = _dedupe_alt_captions(parser.blocks)
    return blocks, parser.meta


def _dedupe_alt_captions(blocks: list[Block]) -> list[Block]:
    """Drop an image's alt text when the block right after it says the same (or more): that block is
    the caption as shown."""
    kept: list[Block] = []
    for block in blocks:
        if kept and kept[-1].kind == "caption" and block.kind != "skipped" and _same(kept[-1].text, block.text):
            kept[-1] = Block(block.text, "caption", block.joined, block.image_before)
            continue
        kept.append(block)
    return kept


def _same(alt: str, caption: str) -> bool:
    """Whether two texts say the same: equal, or one holds the other and is not much longer."""
    a, b = alt.casefold().strip(" ."), caption.casefold().strip(" .")
    short, long = sorted((a, b), key=len)
    return short in long and len(long) <= 400 and len(short) >= 0.5 * len(long)


_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Whether text is an HTML document (doctype or <html> first, or many tags with a <body>/<p>)."""
    if _HTML_START.match(text[:4096]):
        return True
    sample = text[:20000].lower()
    return ("<body" in sample or "<p>" in sample or "<div" in sample) and sample.count("<") > 20
