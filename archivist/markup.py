"""Markdown bodies to sanitized HTML, plus the plain-text summary.

Python-Markdown renders (with ``extra``: tables, footnotes, attribute lists), nh3
sanitizes: raw HTML in a body can never bring scripts, event handlers, ``javascript:``
URLs or stray ids into a page. Body headings are shifted one level down because the
article title is the page's only ``<h1>``.
"""

from __future__ import annotations

import html
import re
import string
from functools import cache, lru_cache
from typing import Callable

import markdown
import nh3
from markdown.extensions import extra
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

EXTENSIONS = ["extra", "sane_lists"]
"""What a body may use: Python-Markdown's ``extra`` (tables, footnotes, attribute lists…)
and sane lists."""

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
"""Python-Markdown's inline patterns by name, with the text one of which a text must
contain for the pattern to match anywhere in it. Python-Markdown tries every pattern on
every text node; most paragraphs of news text hold none of these characters, so a pattern
is tried only on the texts holding its triggers. An instance with a pattern not listed
here (another extension's) tries every pattern on every text, as Python-Markdown does."""

_EXTRA = tuple(extra.extensions)
"""The extensions of Python-Markdown's ``extra``, in its order."""

_DEFINITION = re.compile(r"(?m)^[ \t>*+-]*(?:\d+[.)][ \t>*+-]*)*:")
"""A line that starts with a definition's ``:`` (after indentation, quote and list markers)."""

_EXTENSION_NEEDS: dict[str, Callable[[str], bool]] = {
    "fenced_code": lambda text: "```" in text or "~~~" in text,
    "footnotes": lambda text: "[^" in text,
    "attr_list": lambda text: "{" in text,
    # raw HTML may put a block tag's following text on a line of its own
    "def_list": lambda text: bool(_DEFINITION.search(text)) or "<" in text and ":" in text,
    "tables": lambda text: "|" in text,
    "abbr": lambda text: "*[" in text,
    "md_in_html": lambda text: "<" in text or "&" in text,
}
"""When each extension of ``extra`` can change a body's HTML: the text its syntax needs.
A body is converted by an instance with only those of them (fewer block tests and tree
passes); the others could do nothing to it."""


_BLOCK_TRIGGERS: dict[str, tuple[str, ...]] = {
    "quote": (">",), "hashheader": ("#",), "setextheader": ("\n=", "\n-"), "hr": ("-", "_", "*"),
    "reference": ("]:",), "footnote": ("[^",), "abbr": ("*[",), "deflist": (":",), "table": ("|",),
}
"""Block processors by name, with the text one of which a block must contain for the
processor to take it (its ``test``, or for those whose ``test`` is always true, its
``run``): the parser tries every processor on every block, and a block of news text is
most often a plain paragraph."""


class _SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor that does not try, on a text, the patterns whose
    triggers (``_INLINE_TRIGGERS``) the text lacks: they could not match it."""

    def __init__(self, md: markdown.Markdown, patterns: list[tuple[object, tuple[str, ...]]]):
        super().__init__(md)
        triggers = sorted({t for _, pattern_triggers in patterns for t in pattern_triggers})
        if any(set(t) & set("\x02\x03:" + string.ascii_letters + string.digits) for t in triggers):
            raise ValueError("a trigger may be in the placeholder a match leaves (see __handleInline)")
        self._triggers = [(t, 1 << bit) for bit, t in enumerate(triggers)]
        self._patterns = [(pattern, sum(1 << triggers.index(t) for t in set(pattern_triggers)))
                          for pattern, pattern_triggers in patterns]

    # Python-Markdown's loop over the patterns (``__handleInline``, name-mangled), with the
    # trigger check: a skipped pattern is one that did not match. The triggers are looked
    # for once: a match puts a placeholder (STX, letters, colon, digits, ETX) in place of
    # what it matched, so the text's triggers can only go, and trying a pattern whose
    # trigger went is what Python-Markdown does anyway.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, AtomicString):
            return data
        present = 0
        for trigger, bit in self._triggers:
            if trigger in data:
                present |= bit
        if not present:
            return data
        start = 0
        patterns = self._patterns
        while patternIndex < len(patterns):
            pattern, triggers = patterns[patternIndex]
            matched = False
            if triggers & present:
                data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)  # type: ignore[attr-defined]
            if not matched:
                patternIndex += 1
                start = 0
        return data


def _guard_blocks(md: markdown.Markdown) -> None:
    """Make the block processors of ``_BLOCK_TRIGGERS`` decline a block lacking their triggers."""
    for name, triggers in _BLOCK_TRIGGERS.items():
        if name in md.parser.blockprocessors:
            processor = md.parser.blockprocessors[name]
            processor.test = _guarded(processor.test, triggers)  # type: ignore[method-assign]


def _guarded(test: Callable[[object, str], bool], triggers: tuple[str, ...]) -> Callable[[object, str], bool]:
    if len(triggers) == 1:
        trigger = triggers[0]
        return lambda parent, block: trigger in block and test(parent, block)
    return lambda parent, block: any(t in block for t in triggers) and test(parent, block)


@lru_cache(maxsize=None)
def _markdown(extensions: tuple[str, ...] = _EXTRA) -> markdown.Markdown:
    """A Markdown instance with ``extensions`` of ``extra`` (and sane lists) that tries an
    inline pattern or a block processor only on text holding its triggers."""
    md = markdown.Markdown(extensions=[*extensions, "sane_lists"], output_format="html")
    registry = md.inlinePatterns
    names = {registry.get_index_for_name(name): name for name in _INLINE_TRIGGERS if name in registry}
    if len(names) == len(registry) and hasattr(InlineProcessor, "_InlineProcessor__applyPattern"):
        # every pattern's triggers are known
        patterns = [(registry[i], _INLINE_TRIGGERS[names[i]]) for i in range(len(registry))]
        md.treeprocessors.register(_SkippingInlineProcessor(md, patterns), "inline", 20)
    _guard_blocks(md)
    return md


def _markdown_for(text: str) -> markdown.Markdown:
    """The instance for ``text``: with only the extensions of ``extra`` whose triggers it
    holds (looked for with STX and ETX removed, as Python-Markdown removes them first)."""
    if "\x02" in text or "\x03" in text:
        text = text.replace("\x02", "").replace("\x03", "")
    # an extension of extra not known here is always kept
    return _markdown(tuple(name for name in _EXTRA if name not in _EXTENSION_NEEDS or _EXTENSION_NEEDS[name](text)))


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
