"""Markdown bodies to sanitized HTML, plus the plain-text summary.

Python-Markdown renders (with ``extra``: tables, footnotes, attribute lists), nh3
sanitizes: raw HTML in a body can never bring scripts, event handlers, ``javascript:``
URLs or stray ids into a page. Body headings are shifted one level down because the
article title is the page's only ``<h1>``.
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache

import markdown
import nh3

EXTENSIONS = ["extra", "sane_lists"]

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "h1",
}
_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
}
_CLASSES = {
    "p": {"caption"},
    "figure": {"caption"},
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
}
_FOOTNOTE_ID = re.compile(r"^fn(ref)?:\d+(-\d+)?$")
# Python-Markdown's footnote back-link title is English site text; the ↩ sign is enough.
_BACKLINK_TITLE = re.compile(r"^Jump back to footnote \d+ in the text$")
_HEADING = re.compile(r"<(/?)h([1-5])\b")
_PARAGRAPH = re.compile(r"<p(?: class=\"([^\"]*)\")?>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if not value.strip() or attribute == "id" and not _FOOTNOTE_ID.match(value):
        return None
    if attribute == "title" and _BACKLINK_TITLE.match(value):
        return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        allowed_classes=_CLASSES,
        filter_style_properties={"text-align"},
        url_schemes={"http", "https", "mailto"},
        set_tag_attribute_values={"img": {"loading": "lazy"}},
        clean_content_tags={"script", "style"},
    )


_INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[",), "reference": ("[",), "link": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_reference": ("[",), "short_image_ref": ("[",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "entity": ("&",),
    # two spaces before a newline: the newline may come from the html_block preprocessor
    # (a block tag after text on the same line), and tabs are expanded to spaces first
    "linebreak": ("  ", "\t"),
    "em_strong": ("*", "_"), "em_strong2": ("_",), "not_strong": ("*", "_"),
}
"""Python-Markdown's inline patterns by name, with the text one of which a body must
contain for the pattern to match anywhere in it. Inline processing tries every pattern
on every text node; most paragraphs of news text have none of these characters, so a
body is converted by an instance without the patterns that cannot match (a quarter of
the conversion time). Patterns not listed here (other extensions') are always kept."""


@lru_cache(maxsize=64)
def _markdown(absent: frozenset[str] = frozenset()) -> markdown.Markdown:
    """A Markdown instance without the inline patterns named in ``absent``."""
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    for name in absent:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    return md


def _markdown_for(text: str) -> markdown.Markdown:
    """The instance for ``text``: without the inline patterns whose triggers it lacks
    (looked for with STX and ETX removed, as Python-Markdown removes them first)."""
    if "\x02" in text or "\x03" in text:
        text = text.replace("\x02", "").replace("\x03", "")
    return _markdown(frozenset(name for name, triggers in _INLINE_TRIGGERS.items()
                               if not any(t in text for t in triggers)))


def render_body(text: str) -> str:
    """Markdown text to sanitized HTML with headings demoted below the page title."""
    md = _markdown_for(text)
    try:
        raw = md.convert(text)
    finally:
        md.reset()
    clean = _cleaner().clean(raw)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", clean)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def first_paragraph(body_html: str) -> str:
    """Plain text of the first paragraph that is not a photo caption."""
    for match in _PARAGRAPH.finditer(body_html):
        if match.group(1) and "caption" in match.group(1).split():
            continue
        text = plain_text(match.group(2))
        if text:
            return text
    return ""
