"""Markdown bodies to sanitized HTML, plus the plain-text summary.

Python-Markdown renders (with ``extra``: tables, footnotes, attribute lists), nh3
sanitizes: raw HTML in a body can never bring scripts, event handlers, ``javascript:``
URLs or stray ids into a page. Body headings are shifted one level down because the
article title is the page's only ``<h1>``. A photo (an image alone in its paragraph) is a
``<figure>``, with the caption paragraph after it as its ``<figcaption>`` (``Figures``);
what an image must have, and where its file is, is build/media.py's.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import cache, lru_cache
from typing import Callable

import markdown
import nh3
from markdown.extensions import Extension, extra
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

EXTENSIONS = ("extra", "sane_lists", "archivist.build.markup:Figures")
"""What a body may use: Python-Markdown's ``extra`` (tables, footnotes, attribute lists…),
sane lists, and photos as figures (``Figures``). A body is converted with those of
``extra``'s extensions it can use (``_markdown_for``) and the others."""

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
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",), "reference": ("[",), "link": ("](",),
    "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "entity": ("&",),
    # two spaces before a newline: the newline may come from the html_block preprocessor
    # (a block tag after text on the same line), and tabs are expanded to spaces first
    "linebreak": ("  ", "\t"),
    "em_strong": ("*", "_"), "em_strong2": ("_",), "not_strong": ("*", "_"),
}
"""Python-Markdown's inline patterns by name, with the text one of which a text must
contain for the pattern to match it (a link's ``](``: its text's closing bracket, then
the parenthesis of its address). Python-Markdown tries every pattern on every text; a
pattern is left out of the instance converting a body lacking its triggers, and a text
lacking the triggers of all the patterns left is not given to them (``_InlineGate``).
With a pattern not listed here (another extension's) neither is done."""

_INLINE_NEEDS: dict[str, str] = {
    "reference": "]:", "short_reference": "]:", "image_reference": "]:", "short_image_ref": "]:",
}
"""What else a body must contain for a pattern to change its HTML: a reference link
(``[text][id]``, ``[id]``) whose ``id`` no definition (``[id]: address``) gives is left
as it is written."""

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


CAPTION = "caption"
"""The class of a photo caption paragraph (``{: .caption }`` under it)."""


class _FigureMaker(Treeprocessor):
    """A paragraph holding only an image (or a link around one) becomes a ``<figure>``,
    and the caption paragraph right after it its ``<figcaption>``; so does a caption
    paragraph that starts with an image (the image, then its caption, in one paragraph).
    Runs after the attribute lists have given the captions their class."""

    def run(self, root: etree.Element) -> None:
        for parent in [element for element in root.iter() if len(element)]:
            children = list(parent)
            if not any(child.tag == "p" for child in children):
                continue
            kept: list[etree.Element] = []
            at = 0
            while at < len(children):
                made = _figure(children[at], children[at + 1] if at + 1 < len(children) else None)
                kept.append(children[at] if made is None else made[0])
                at += 2 if made is not None and made[1] else 1
            if any(a is not b for a, b in zip(kept, children)) or len(kept) != len(children):
                parent[:] = kept


def _blank(text: str | None) -> bool:
    return not text or not text.strip()


def _is_caption(element: etree.Element | None) -> bool:
    return element is not None and element.tag == "p" and CAPTION in (element.get("class") or "").split()


def _photo(paragraph: etree.Element) -> etree.Element | None:
    """The image (or the link around it) a paragraph holds alone, else None."""
    if paragraph.tag != "p" or len(paragraph) != 1 or not _blank(paragraph.text) or _is_caption(paragraph):
        return None
    only = paragraph[0]
    if not _blank(only.tail):
        return None
    if only.tag == "img":
        return only
    if only.tag == "a" and len(only) == 1 and only[0].tag == "img" and _blank(only.text) and _blank(only[0].tail):
        return only
    return None


def _figure(paragraph: etree.Element, after: etree.Element | None) -> tuple[etree.Element, bool] | None:
    """The figure a paragraph makes (with the caption paragraph after it), and whether it
    took that paragraph; None when it holds no photo."""
    photo, caption = _photo(paragraph), None
    if photo is not None:
        caption = after if _is_caption(after) else None
    elif _is_caption(paragraph) and _blank(paragraph.text) and len(paragraph) and paragraph[0].tag == "img":
        photo = paragraph[0]  # the image, then its caption, in one paragraph
        paragraph.remove(photo)
        paragraph.text = (photo.tail or "").lstrip()
        caption = paragraph
    else:
        return None
    figure = etree.Element("figure")
    figure.append(photo)
    photo.tail = None
    if caption is not None:
        figcaption = etree.SubElement(figure, "figcaption")
        figcaption.text = caption.text
        figcaption.extend(list(caption))
    figure.tail = (caption if caption is not None else paragraph).tail
    return figure, caption is after and caption is not None


class Figures(Extension):
    """Photos as figures with their captions (``_FigureMaker``); named in EXTENSIONS."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # after attr_list (8), which gives the caption paragraphs their class
        md.treeprocessors.register(_FigureMaker(md), "figures", 5)


def makeExtension(**kwargs: object) -> Figures:  # noqa: N802 (Python-Markdown's name)
    return Figures(**kwargs)


class _InlineGate(Treeprocessor):
    """Runs just before Python-Markdown's inline processor: makes every text and tail that
    holds none of ``triggers`` an ``AtomicString``, a text the inline processor leaves as
    it is (Python-Markdown's documented way to keep a text from the inline patterns); no
    pattern could match it. ``_InlineUngate`` turns them back into plain strings."""

    def __init__(self, md: markdown.Markdown, triggers: tuple[str, ...]):
        super().__init__(md)
        self.triggers = triggers
        self.wrapped: list[tuple[etree.Element, bool]] = []

    def run(self, root: etree.Element) -> None:
        triggers = self.triggers
        wrapped = self.wrapped = []
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString):
                for trigger in triggers:
                    if trigger in text:
                        break
                else:
                    element.text = AtomicString(text)
                    wrapped.append((element, True))
            tail = element.tail
            if tail and not isinstance(tail, AtomicString):
                for trigger in triggers:
                    if trigger in tail:
                        break
                else:
                    element.tail = AtomicString(tail)
                    wrapped.append((element, False))


class _InlineUngate(Treeprocessor):
    """Runs just after the inline processor: the texts ``gate`` made atomic are plain
    strings again, as the inline processor leaves a text it found nothing in (the tree
    processors after it, such as abbr's, skip an ``AtomicString``)."""

    def __init__(self, md: markdown.Markdown, gate: _InlineGate):
        super().__init__(md)
        self.gate = gate

    def run(self, root: etree.Element) -> None:
        for element, is_text in self.gate.wrapped:
            if is_text:
                element.text = str(element.text)
            elif element.tail is not None:
                element.tail = str(element.tail)
        self.gate.wrapped = []


def _gate_inline(md: markdown.Markdown) -> None:
    """Put ``_InlineGate`` and ``_InlineUngate`` right before and after the inline processor
    (every inline pattern's triggers known), if there is a pattern left."""
    patterns, processors = md.inlinePatterns, md.treeprocessors
    if not len(patterns) or "inline" not in processors:
        return
    gate = _InlineGate(md, tuple(sorted({t for name in _INLINE_TRIGGERS if name in patterns
                                         for t in _INLINE_TRIGGERS[name]})))
    # Python-Markdown registers its inline processor with priority 20
    processors.register(gate, "inline_gate", 20.5)
    processors.register(_InlineUngate(md, gate), "inline_ungate", 19.5)
    at = processors.get_index_for_name("inline")
    if (processors.get_index_for_name("inline_gate"), processors.get_index_for_name("inline_ungate")) != (at - 1, at + 1):
        processors.deregister("inline_gate")
        processors.deregister("inline_ungate")


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


@lru_cache(maxsize=256)
def _markdown(extensions: tuple[str, ...] = _EXTRA, without: frozenset[str] = frozenset()) -> markdown.Markdown:
    """A Markdown instance with ``extensions`` of ``extra`` (and sane lists), without the
    inline patterns named in ``without``, that tries its inline patterns only on texts
    holding one of their triggers and a block processor only on blocks holding its own."""
    md = markdown.Markdown(extensions=[*extensions, *(name for name in EXTENSIONS if name != "extra")],
                           output_format="html")
    patterns = md.inlinePatterns
    if sum(name in patterns for name in _INLINE_TRIGGERS) == len(patterns):
        # every pattern's triggers are known
        for name in without:
            if name in patterns:
                patterns.deregister(name)
        _gate_inline(md)
    _guard_blocks(md)
    return md


_TRIGGERS = tuple(sorted({t for triggers in _INLINE_TRIGGERS.values() for t in triggers} | set(_INLINE_NEEDS.values())))


def _markdown_for(text: str) -> markdown.Markdown:
    """The instance for ``text``: with only the extensions of ``extra`` and the inline
    patterns whose triggers it holds (looked for with STX and ETX removed, as
    Python-Markdown removes them first)."""
    if "\x02" in text or "\x03" in text:
        text = text.replace("\x02", "").replace("\x03", "")
    # an extension of extra not known here is always kept
    extensions = tuple(name for name in _EXTRA if name not in _EXTENSION_NEEDS or _EXTENSION_NEEDS[name](text))
    present = {t for t in _TRIGGERS if t in text}
    without = frozenset(name for name, triggers in _INLINE_TRIGGERS.items()
                        if present.isdisjoint(triggers) or name in _INLINE_NEEDS and _INLINE_NEEDS[name] not in present)
    return _markdown(extensions, without)


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
    """Text of an HTML fragment, as a reader reads it: the text of inline elements runs on
    with the text around it (``<strong>A</strong>,`` is ``A,``), any other element (a
    paragraph, a list item, a heading, a cell, a line break) separates words; entities
    decoded, spaces collapsed; footnote numbers and back-links, scripts and styles left out."""
    return " ".join(html.unescape(_MARKUP.sub(_boundary, fragment)).split())


_ATTRIBUTES_RE = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
"""A tag's attributes, quoted values holding ``>`` included (nh3 leaves it unescaped there)."""
_MARKUP = re.compile(rf"""<(?:
    !--.*?--
  | (?P<unread>script|style|template)\b{_ATTRIBUTES_RE}>.*?</(?P=unread)\s*
  | a\s(?=[^>]*\bclass="[^"]*\bfootnote-(?:back)?ref\b){_ATTRIBUTES_RE}>.*?</a\s*
  | /?(?P<tag>[a-z][a-z0-9]*){_ATTRIBUTES_RE}
)>""", re.S | re.X | re.I)
"""What is not text: a comment, an element whose text is not read (a script, a style, a
footnote's number or back-link), a tag (``tag``)."""
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
})
"""Elements within a line of text (HTML's phrasing content that holds text): no boundary."""


def _boundary(markup: re.Match[str]) -> str:
    """A block's tag or a line break is a space; an inline element's tag, a comment or an
    element left out, nothing."""
    tag = markup.group("tag")
    return " " if tag and tag.lower() not in _INLINE else ""


def first_paragraph(body_html: str) -> str:
    """Plain text of the first paragraph that is not a photo caption."""
    for match in _PARAGRAPH.finditer(body_html):
        if match.group(1) and "caption" in match.group(1).split():
            continue
        text = plain_text(match.group(2))
        if text:
            return text
    return ""
