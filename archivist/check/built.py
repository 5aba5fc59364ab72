"""The built ``output/`` as ``check`` sees it: its files, how a URL resolves in it, and
the problems of its HTML pages (links, assets, fragments), XML files (feeds, sitemaps)
and robots.txt."""

from __future__ import annotations

import os
import posixpath
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET
from xml.parsers import expat

from ..build.progress import SILENT, Progress
from ..build.workers import run_chunks
from ..model.errors import Problem

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.I)
ROBOTS_LINE = re.compile(r"^([A-Za-z][A-Za-z-]*)\s*:\s*(.*)$")
_HTML_SPACE = " \t\n\r\f"
_Say = Callable[[ET.Element, str], None]
_Request = tuple[str, int, str, str, str]
"""A link to a fragment of another page: (page, line, href, target page, fragment)."""

class BuiltSite:
    """The built output: the set of its files and how a URL resolves into it."""

    def __init__(self, root: Path, shown: str, base_url: str):
        self.root, self.shown, self.base_url = root, shown, base_url
        self.base_path = urlsplit(base_url).path or "/" if base_url else "/"
        self.files: set[str] = set()
        scan(str(root), "", self.files)

    def locate(self, path: str, folder: str, directory: bool) -> tuple[str | None, str]:
        """(the output file a decoded URL path relative to ``folder`` names, "") or (None,
        why not); ``directory``: the path names a folder, served as its index.html."""
        joined = posixpath.normpath(posixpath.join(folder, path)) if path else folder or "."
        if joined == ".." or joined.startswith(("../", "/")):
            return None, "outside the output folder"
        joined = "" if joined == "." else joined
        if directory or not joined:
            target = f"{joined}/index.html" if joined else "index.html"
        elif joined not in self.files and f"{joined}/index.html" in self.files:
            target = f"{joined}/index.html"  # servers redirect dir to dir/
        else:
            target = joined
        return (target, "") if target in self.files else (None, f"no file {self.shown}/{target}")

    def resolve(self, href: str, page: str) -> tuple[str | None, str, str]:
        """(target file or None, fragment, problem or "") of a link on ``page``; external
        links have no target and no problem unless malformed."""
        url = href.strip(_HTML_SPACE)
        scheme = _SCHEME.match(url)
        if scheme or url.startswith("//"):
            if (scheme.group(1).lower() if scheme else "") not in ("http", "https", ""):
                return None, "", ""  # mailto:, tel:, data:, javascript: …
            if why := _malformed(url):
                return None, "", f'malformed URL "{href}": {why}'
            if not self.base_url or not url.startswith(self.base_url):
                return None, "", ""
            rest, folder = url[len(self.base_url):], ""  # an absolute link into this site
        elif url.startswith("/"):
            if not url.startswith(self.base_path) and url + "/" != self.base_path:
                return None, "", f'broken link "{href}": outside the base path {self.base_path}'
            rest, folder = url[len(self.base_path):], ""
        else:
            rest, folder = url, posixpath.dirname(page)
            if not rest.partition("#")[0].partition("?")[0]:
                return page, unquote(rest.partition("#")[2]), ""  # the same document
        rest, _, fragment = rest.partition("#")
        path = unquote(rest.partition("?")[0])
        directory = path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")
        target, why = self.locate(path, folder, directory)
        return target, unquote(fragment), f'broken link "{href}": {why}' if why else ""

    def absolute(self, url: str) -> str:
        """What is wrong with a URL of a sitemap, feed or robots.txt, to follow it in a
        message: not absolute http(s), or under base_url and naming no file; or ""."""
        if _malformed(url) or urlsplit(url).scheme.lower() not in ("http", "https"):
            return " is not an absolute http(s) URL"
        if not self.base_url or not url.startswith(self.base_url):
            return ""
        path = unquote(url[len(self.base_url):].partition("#")[0].partition("?")[0])
        why = self.locate(path, "", not path or path.endswith("/"))[1]
        return f": {why}" if why else ""

    def pages(self, meter: Progress = SILENT) -> list[Problem]:
        """Problems of every HTML page (parsed once each, over all cores): links, assets
        and fragments; ``meter`` is told of the pages checked (the "check" stage)."""
        html = sorted(f for f in self.files if f.endswith(".html"))
        with meter.stage("check", len(html), "pages") as advance:
            results = run_chunks(_check_pages, html, self, advance=advance)
        ids = {page: found for page, found, _, _ in results}
        problems = [problem for _, _, found, _ in results for problem in found]
        for page, line, href, target, fragment in (r for _, _, _, requests in results for r in requests):
            if fragment not in ids.get(target, ()) and fragment.lower() != "top":
                problems.append(Problem(f"{self.shown}/{page}", line, None,
                                        f'broken link "{href}": no id "{fragment}" in {self.shown}/{target}'))
        return problems

    def xml(self) -> list[Problem]:
        """Problems of every ``*.xml`` file: well-formedness, then sitemaps and Atom feeds."""
        problems: list[Problem] = []
        for rel in sorted(f for f in self.files if f.endswith(".xml")):
            path = f"{self.shown}/{rel}"
            try:
                root, lines = _parse_xml((self.root / rel).read_bytes())
            except expat.ExpatError as error:
                problems.append(Problem(path, error.lineno, None, f"not well-formed XML: "
                                        f"{expat.ErrorString(error.code)} (column {error.offset + 1})"))
                continue

            def say(element: ET.Element, message: str, path: str = path, lines: dict = lines) -> None:
                problems.append(Problem(path, lines.get(id(element)), None, message))

            if posixpath.basename(rel) == "sitemap.xml" or root.tag.startswith(SITEMAP):
                self._sitemap(root, say)
            elif root.tag == f"{ATOM}feed":
                self._feed(root, say)
        return problems

    def _sitemap(self, root: ET.Element, say: _Say) -> None:
        if root.tag not in (f"{SITEMAP}urlset", f"{SITEMAP}sitemapindex"):
            say(root, f"expected a sitemap <urlset> or <sitemapindex> in namespace {SITEMAP[1:-1]}")
            return
        for item in root:
            loc = item.find(f"{SITEMAP}loc")
            if loc is None:
                say(item, "sitemap entry has no <loc>")
            elif why := self.absolute(text := (loc.text or "").strip()):
                say(loc, f'<loc> "{text}"{why}')

    def _feed(self, root: ET.Element, say: _Say) -> None:
        for element, what in [(root, "feed"), *((entry, "entry") for entry in root.iter(f"{ATOM}entry"))]:
            for name in ("id", "title", "updated"):
                child = element.find(f"{ATOM}{name}")
                text = "" if child is None else (child.text or "").strip()
                if child is None or not text and name != "title":  # a title may be empty
                    say(element, f"{what} has no <{name}>")
                elif name == "updated" and not _rfc3339(text):
                    say(child, f'<updated> "{text}" is not an RFC 3339 date-time')
            if what == "entry" and not any(link.get("href") for link in element.findall(f"{ATOM}link")):
                say(element, "entry has no <link href>")
        for link in root.iter(f"{ATOM}link"):
            href = (link.get("href") or "").strip()
            if _SCHEME.match(href) and (why := self.absolute(href)):
                say(link, f'<link href="{href}">{why}')

    def robots(self) -> list[Problem]:
        """Problems of ``robots.txt``: lines of ``Field: value``; an absolute Sitemap URL."""
        if "robots.txt" not in self.files:
            return []
        path, problems = f"{self.shown}/robots.txt", []
        try:
            text = (self.root / "robots.txt").read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            return [Problem(path, None, None, "not UTF-8 text")]
        for number, line in enumerate(text.splitlines(), 1):
            content = line.split("#", 1)[0].strip()
            match = ROBOTS_LINE.match(content)
            if content and not match:
                problems.append(Problem(path, number, None, f'expected "Field: value", got "{content}"'))
            elif match and match.group(1).lower() == "sitemap" and (why := self.absolute(url := match.group(2))):
                problems.append(Problem(path, number, None, f'Sitemap "{url}"{why}'))
        return problems


class _PageParser(HTMLParser):
    """A page's ids (and ``<a name>``s) and the URLs it links or loads, each with the line
    of its first tag."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: dict[str, int] = {}
        self._at = self._counted = 0
        self._line = 1

    def updatepos(self, i: int, j: int) -> int:
        # The base class counts newlines after every token; only tags with a link need a
        # line, so keep the offset and count lazily (a fifth of the parse time).
        self._at = j
        return j

    def line(self) -> int:
        """The line of the tag being handled."""
        if self._at > self._counted:
            self._line += self.rawdata.count("\n", self._counted, self._at)
            self._counted = self._at
        return self._line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or name == "name" and tag == "a":
                self.ids.add(value)
            elif name in ("href", "src", "srcset"):
                for url in _srcset(value) if name == "srcset" else (value,):
                    if url not in self.links:
                        self.links[url] = self.line()


def _check_pages(pages: Sequence[str], site: BuiltSite) -> list[tuple[str, frozenset[str], list[Problem], list[_Request]]]:
    """Worker: parse each page once; its ids, its problems, and its links to fragments of
    other pages (checked by the parent once every page's ids are known)."""
    results = []
    for page in pages:
        path, problems, requests = f"{site.shown}/{page}", [], []
        parser = _PageParser()
        try:
            parser.feed((site.root / page).read_bytes().decode("utf-8"))
            parser.close()
        except UnicodeDecodeError:
            problems.append(Problem(path, None, None, "not UTF-8 text"))
        for href, line in parser.links.items():
            target, fragment, why = site.resolve(href, page)
            if why:
                problems.append(Problem(path, line, None, why))
            elif target == page and fragment and fragment not in parser.ids and fragment.lower() != "top":
                problems.append(Problem(path, line, None, f'broken link "{href}": no id "{fragment}" on this page'))
            elif target and target != page and fragment and target.endswith(".html"):
                requests.append((page, line, href, target, fragment))
        results.append((page, frozenset(parser.ids), problems, requests))
    return results


def _srcset(value: str) -> list[str]:
    """The URLs of a ``srcset`` (``a.jpg 1x, b.jpg 2x``); commas inside a URL (``data:``)
    are kept, as the HTML standard's parser keeps them."""
    urls, rest = [], value
    while rest := rest.lstrip(_HTML_SPACE + ","):
        url, *tail = rest.split(None, 1)
        rest = tail[0] if tail else ""
        if url.endswith(","):
            url = url.rstrip(",")  # no descriptors
        else:
            rest = rest.partition(",")[2]  # skip the descriptors (1x, 480w)
        urls.append(url)
    return urls


def scan(folder: str, prefix: str, into: set[str]) -> None:
    """Add every file under ``folder`` to ``into``, as output-relative POSIX paths."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                scan(entry.path, f"{prefix}{entry.name}/", into)
            else:
                into.add(f"{prefix}{entry.name}")


def _parse_xml(data: bytes) -> tuple[ET.Element, dict[int, int]]:
    """An ElementTree tree built from expat's events (as ``ET.XMLParser`` builds it) and
    the line of each element by ``id()``, which ElementTree does not keep."""
    builder, lines = ET.TreeBuilder(), {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    name = lambda tag: "{" + tag if "}" in tag else tag  # expat's "ns}tag" as ET's "{ns}tag"

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[id(builder.start(name(tag), {name(k): v for k, v in attrs.items()}))] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    parser.Parse(data, True)
    return builder.close(), lines


def _malformed(url: str) -> str:
    """Why an http(s) URL is malformed; "" when it is not."""
    if any(c.isspace() for c in url):
        return "contains a space"
    try:
        parts = urlsplit(url)
        parts.port  # raises on a bad port
    except ValueError as error:
        return str(error)
    return "" if parts.hostname else "no host"


def _rfc3339(text: str) -> bool:
    """Whether ``text`` is an RFC 3339 date-time (``2025-08-15T00:00:00+07:00``)."""
    try:
        return bool(_RFC3339.match(text)) and bool(datetime.fromisoformat(text.upper().replace("Z", "+00:00")))
    except ValueError:
        return False


