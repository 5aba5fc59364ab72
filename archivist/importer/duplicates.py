"""Is a page already in the archive? The rules ``build.py import`` applies before it writes
a draft; pure (``archive.py`` reads the archive's files into ``Known`` records).

A page is a duplicate of an article when they have

1. **the same address**: a URL of the page (``--url``, its own saved-from or canonical
   address, its source's) is one of the article's (``source.url``, ``provenance.url``).
   Only an article's address counts, never a site's home page (``http://baoquangtri.vn``
   is the paper's, shared by all its articles); the scheme, ``www.``, a trailing slash
   and a ``#fragment`` do not count;
2. **the same story** (``model.stories``): the same title (case, spacing and tone placement
   aside), the same date (both unknown counts as the same) and the same main place (the
   first locality, resolved as of the date);
3. **the same text**: the bodies' sets of word 5-grams ("shingles": every run of five
   consecutive words, lowercased, punctuation and Markdown left out) have a Jaccard
   similarity of at least 0.5. Bodies of fewer than 20 shingles are not compared.

Why 5 words and 0.5 (``python bench/duplicates.py table`` prints the table): over the
sample's five articles (one topic, so full of the same stock phrases: "học tập và làm theo
tư tưởng, đạo đức, phong cách Hồ Chí Minh") and the importer's ten fixture pages, no two
different articles share more than 4 % of their 5-grams (3-grams: 7 %, single words: 45 %),
while a copy with the page furniture around it keeps 94 %, with 1, 3 or 5 % of its words
changed 86, 69 and 58 % (the 5th percentile of 20 draws), with a paragraph dropped or added
76-79 %, a new lead 87 %, cut to 70 % of its length 70 % and to half 50 %. Longer shingles
lose the scattered edits (5 % changed: 43 % at 8 words); shorter ones let stock phrases
count. 0.5, "at least half of the text is the same text", is more than ten times what
different articles on one topic reach and below what every small edit keeps.

Comparing a page with every article of a large archive goes through passages: a text cut at
its punctuation into runs of words (lowercased, spaces and punctuation left
out), each one's CRC-32. An article keeps a quarter of its passages (those whose hash is a
multiple of 4; all of them when it has fewer than 16), which is cheap to make from its
UTF-8 bytes (no word is split out) and small to keep; the articles sharing the most of them
with the page (16 at most) are the candidates, and their similarity is computed exactly,
on the whole texts. A copy with 5 % of its words changed still shares a third of its
passages, different articles on one topic share a few stock phrases at most.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urlsplit

from ..model.stories import Story

SHINGLE_WORDS = 5
"""Words in a shingle."""
SIMILAR = 0.5
"""The Jaccard similarity of two bodies' shingle sets from which they are the same text."""
MIN_SHINGLES = 20
"""Bodies with fewer shingles (about 25 words) are too short to compare."""
CANDIDATES = 16
"""Articles whose similarity is computed, at most: those sharing the most passages with the page."""
_SAMPLE = 4
"""An article keeps the passages whose hash is a multiple of this..."""
_KEEP_ALL = 16
"""...unless it has fewer passages than this."""
_MIN_PASSAGE = 16
"""Bytes of a passage (spaces and punctuation left out) to count: shorter ones are stock words."""

_WORD = re.compile(r"\w+")
_ATTRIBUTES = re.compile(r"\{:[^}\n]*\}")
"""Markdown attribute lists (``{: .caption }``): markup, not text."""
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _words(body: str) -> list[str]:
    return _WORD.findall(_LINK_TARGET.sub("]", _ATTRIBUTES.sub(" ", body)).lower())


def shingles(body: str) -> frozenset[int]:
    """The hashes of every run of SHINGLE_WORDS words of a Markdown body (in this process:
    Python's hashes of texts differ from one process to the next)."""
    words = _words(body)
    return frozenset(map(hash, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))


_PASSAGE_ENDS = bytes.maketrans(b".,!?;:()", b"\n" * 8)
_NOT_TEXT = b" \t-*_[]#>/\\{}|`~=+&%$@^<\"'"
_MARKS = (("\n", " "), ("\u201c", ""), ("\u201d", ""), ("\u2018", ""), ("\u2019", ""), ("\u2013", ""),
          ("\u2014", ""), ("\u2026", "."))
"""Line ends (a hard-wrapped line goes on), typographic quotes and dashes (left out) and the
ellipsis (an end), replaced one by one: ``str.translate`` is ten times slower on
Vietnamese text."""


def passages(body: str) -> frozenset[int]:
    """The hashes of a body's passages (see the module's docstring)."""
    text = body.lower()
    for mark, replacement in _MARKS:
        text = text.replace(mark, replacement)
    data = text.encode().translate(_PASSAGE_ENDS, _NOT_TEXT)
    return frozenset(zlib.crc32(p) for p in data.split(b"\n") if len(p) >= _MIN_PASSAGE)


def signature(body: str) -> tuple[frozenset[int], int]:
    """What an article keeps of its body: a sample of its passages' hashes, and about how
    many words it has."""
    every = passages(body)
    kept = every if len(every) < _KEEP_ALL else frozenset(h for h in every if not h % _SAMPLE)
    return kept, body.count(" ") + body.count("\n")


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets (0 when either is too small to compare)."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return 0.0
    return len(a & b) / len(a | b)


def article_url(url: object) -> str | None:
    """An address as compared (host without ``www.``, path without a trailing slash, the
    query; no scheme or fragment), or None when it is not an article's: not a web address,
    or a site's home page."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return None
    path = parts.path.rstrip("/")
    if parts.scheme.lower() not in ("http", "https") or not host or not (path or parts.query):
        return None
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class Known:
    """An article file already in the archive, as the rules see it."""

    path: str
    """The file, as shown (``content/x.md``)."""
    story: Story
    """Its title and date as ``model.stories.story_key`` makes them; the place left None:
    its main locality line (``places[0]``) is resolved only when the title and date are a
    page's (``find_duplicate``'s ``place_of``)."""
    places: tuple[str, ...]
    """Its locality lines as written, main place first."""
    urls: frozenset[str]
    """Its addresses (``article_url``)."""
    passages: frozenset[int]
    """A sample of its body's passages (``signature``)."""
    words: int
    """About how many words its body has."""
    sha256: str | None = None
    """The digest of the raw page it was imported from (``provenance.sha256``), if any."""
    site: tuple[str, str] | None = None
    """(host, name) when a curator has reviewed it (no ``draft: true``) and its source is the site it was retrieved
    from: the name the archive gives that site."""


@dataclass(frozen=True)
class Page:
    """A page to import, as the rules see it."""

    story: Story
    """Its title, date and main place (``model.stories.story_key``)."""
    urls: frozenset[str]
    passages: frozenset[int]
    shingles: frozenset[int]


@dataclass(frozen=True)
class Duplicate:
    """The article a page duplicates, and why."""

    path: str
    reason: str
    """"the same address (…)", "the same title, date and place" or "the same text (…)"."""


def find_duplicate(page: Page, archive: Iterable[Known], place_of: Callable[[Known], str | None],
                   shingles_of: Callable[[Known], frozenset[int] | None]) -> Duplicate | None:
    """The first article ``page`` duplicates by the rules in order (address, story, text);
    None when it is new. ``place_of`` gives an article's main place key, ``shingles_of`` its
    body's shingles (both read only for the few articles that need them)."""
    archive = list(archive)
    for known in archive:
        if same := page.urls & known.urls:
            return Duplicate(known.path, f"the same address, {min(same)}")
    for known in archive:  # the same story: the place resolved only for the same title and date
        if known.story[:2] == page.story[:2] and place_of(known) == page.story.place:
            return Duplicate(known.path, "the same title, date and place")
    if len(page.shingles) < MIN_SHINGLES:
        return None
    shared = sorted(((len(page.passages & known.passages), known.path, known) for known in archive
                     if known.words > MIN_SHINGLES), key=lambda item: (-item[0], item[1]))
    best: tuple[float, str] = (0.0, "")
    for count, path, known in shared[:CANDIDATES]:
        if count == 0:
            break
        theirs = shingles_of(known)
        best = max(best, (similarity(page.shingles, theirs) if theirs is not None else 0.0, path))
    if best[0] >= SIMILAR:
        return Duplicate(best[1], f"the same text: {best[0]:.0%} of their 5-word sequences are shared")
    return None
