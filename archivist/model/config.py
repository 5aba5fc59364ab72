"""Site configuration from ``site.yaml``: a frozen record; unknown keys are errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import quote, urlsplit

from .errors import BuildFailed, Problem
from .schema import Checker, describe
from .yamlsource import YamlError, parse

_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Segments:
    """First URL segment of each kind of page (ASCII, readable Vietnamese)."""

    articles: str = "bai-viet"
    """Article pages: ``/bai-viet/<slug>/``."""
    tags: str = "chu-de"
    """Tag index and one page per tag."""
    places: str = "dia-phuong"
    """Locality tree and pages for units in force before 1 July 2025 (three levels)."""
    places_2025: str = "dia-phuong-2025"
    """Locality pages for units in force from 1 July 2025 (two levels)."""
    years: str = "nam"
    """One page per year of publication."""
    undated: str = "khong-ro-nam"
    """Last segment of the page of undated articles, under ``years``."""
    month: str = "thang"
    """A month's page under its year's: ``/nam/2021/thang-03/``."""
    undated_month: str = "khong-ro-thang"
    """The page of a year's articles dated to the year only, under the year's."""
    authors: str = "tac-gia"
    """Author index and one page per author."""
    sources: str = "nguon"
    """Source index and one page per source."""
    search: str = "tim-kiem"
    """The search page."""
    page: str = "trang"
    """Pagination: ``/chu-de/x/trang/2/``."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything ``site.yaml`` can set."""

    title: str = "Lưu trữ tin địa phương"
    """Site name, shown in every page's header and title."""
    description: str = ""
    """One sentence about the archive, for the home page and meta description."""
    base_url: str = ""
    """Absolute URL the site is published at (``https://example.org/luu-tru/``); optional."""
    per_page: int = 20
    """Articles per page on paginated lists."""
    related: int = 5
    """How many related articles an article page shows."""
    feed_size: int = 50
    """Entries per Atom feed (newest first)."""
    directory_urls: bool = True
    """Link to ``dir/`` (true) or to ``dir/index.html`` (false, for browsing from disk)."""
    search: bool = True
    """Build the Pagefind search index and the search page."""
    drafts: bool = False
    """Include draft articles (``draft: true``) in the site; ``--drafts`` (build or serve) sets it."""
    image_hosts: tuple[str, ...] = field(default=(), metadata={"items": "hosts"})
    """Hosts an article's images may be shown from by address (``https://host/…``), in
    lowercase; an image from another host is a problem. Images beside the articles in
    content/ need none."""
    segments: Segments = field(default_factory=Segments)
    """URL segments, see Segments."""


def load_config(path: Path, display: str | None = None) -> SiteConfig:
    """Read and validate ``site.yaml``; raise BuildFailed listing every problem."""
    display = display or path.name
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except FileNotFoundError:
        raise BuildFailed([Problem(display, None, None, "not found: run build.py in the project folder (the one with site.yaml), or pass --root")]) from None
    except UnicodeDecodeError as exc:
        raise BuildFailed([Problem(display, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    try:
        data = parse(text)
    except YamlError as exc:
        raise BuildFailed([Problem(display, exc.line, None, exc.message)]) from None
    if data is None:
        data = {}
    check = Checker(display, text)
    check.no_control_characters(data)
    if not isinstance(data, dict):
        raise BuildFailed([Problem(display, 1, None, f"expected a mapping of settings, got {describe(data)}")])
    config = read_settings(SiteConfig, data, check, "")
    if check.problems:
        raise BuildFailed(check.problems)
    return config


def read_settings(cls, data: dict, check: Checker, prefix: str = ""):
    """A settings record (``SiteConfig``, ``Segments``) from its mapping in site.yaml, every
    problem added to ``check``: each field read by its type (a ``tuple[str, ...]`` as a list
    of texts, or of host names when its metadata says ``items: hosts``)."""
    known = {f.name: f for f in fields(cls)}
    check.unknown_keys(data, known, prefix)
    values = {}
    for name, spec in known.items():
        if name not in data:
            continue
        value, key = data[name], f"{prefix}{name}"
        kind = spec.type
        if kind == "Segments":
            if not isinstance(value, dict):
                check.add(key, f"expected a mapping, got {describe(value)}")
                continue
            values[name] = read_settings(Segments, value, check, f"{key}.")
        elif kind == "bool":
            if not isinstance(value, bool):
                check.add(key, f"expected true or false, got {describe(value)}")
                continue
            values[name] = value
        elif kind == "tuple[str, ...]":  # a list of texts; of host names when the field says so
            items = (_hosts if spec.metadata.get("items") == "hosts" else _texts)(value, key, check)
            if items is not None:
                values[name] = items
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                check.add(key, f"expected a whole number of at least 1, got {describe(value)}")
                continue
            values[name] = value
        else:
            text = check.text(data, name, prefix=prefix)
            if text is None and value is not None and not isinstance(value, str):
                continue
            values[name] = text or ""
    if cls is Segments:
        _check_segments(values, check, prefix)
    if cls is SiteConfig and values.get("base_url"):
        try:
            values["base_url"] = base_url(values["base_url"])
        except ValueError as error:
            check.add("base_url", str(error))
    return cls(**values)


_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def _hosts(value: object, key: str, check: Checker) -> tuple[str, ...] | None:
    """A list of host names (``image_hosts``), lowercased, sorted, each once; None after a problem."""
    if value is None:
        return ()
    if not isinstance(value, list):
        check.add(key, f"expected a list of host names like [baodienbienphu.info.vn], got {describe(value)}")
        return None
    hosts = [item.strip().lower() if isinstance(item, str) else None for item in value]
    wrong = [index for index, host in enumerate(hosts) if not host or not _HOST.match(host)]
    for index in wrong:
        check.add(f"{key}[{index}]", f"expected a host name like baodienbienphu.info.vn (no https://, no path), "
                  f"got {describe(value[index])}")
    return None if wrong else tuple(sorted(set(hosts)))  # type: ignore[arg-type]


def _texts(value: object, key: str, check: Checker) -> tuple[str, ...] | None:
    """A list of texts, each stripped, in their order; None after a problem."""
    if value is None:
        return ()
    if not isinstance(value, list):
        check.add(key, f"expected a list of texts like [a, b], got {describe(value)}")
        return None
    wrong = False
    for index, item in enumerate(value):
        if not isinstance(item, str):
            check.add(f"{key}[{index}]", f"expected text, got {describe(item)} (quote it in YAML)")
        elif not item.strip():
            check.add(f"{key}[{index}]", "is empty: write the text or remove the item")
        else:
            continue
        wrong = True
    return None if wrong else tuple(item.strip() for item in value)


def base_url(value: str) -> str:
    """A site's address, from site.yaml or ``--base-url``, in the one form every absolute
    link, feed, sitemap and robots.txt is made from: ASCII (a non-ASCII host in IDNA, a
    non-ASCII path percent-encoded as UTF-8), each run of slashes in the path one slash,
    ending in "/". ValueError when it is not an absolute http(s) URL, or has a query, a
    fragment or a user name: links are made by appending routes to it."""
    wrong = f'"{value}" is not an absolute http(s) URL (like https://example.org/luu-tru/)'
    if not re.match(r"^https?://[^/?#\s]+([/?#]\S*)?$", value, re.I):
        raise ValueError(wrong)
    parts = urlsplit(value)
    if "?" in value:
        raise ValueError(f'"{value}" has a query (?{parts.query}); a site\'s address has none: remove it')
    if "#" in value:
        raise ValueError(f'"{value}" has a fragment (#{parts.fragment}); a site\'s address has none: remove it')
    if "@" in parts.netloc:
        raise ValueError(f'"{value}" has a user name (…@); a site\'s address has none: remove it')
    try:
        host, port = parts.hostname or "", parts.port
        if not host.isascii():
            host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise ValueError(wrong) from None
    if not host:
        raise ValueError(wrong)
    netloc = (f"[{host}]" if ":" in host else host) + ("" if port is None else f":{port}")
    path = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", re.sub(r"/{2,}", "/", parts.path))
    path = quote(path, safe="/%!$&'()*+,;=:@-._~")
    return f"{parts.scheme.lower()}://{netloc}{path if path.endswith('/') else path + '/'}"


RESERVED = {"pagefind": "the search index", "static": "the templates' static files"}
"""Top-level folders of output/ that are not pages (build/search.BUNDLE, build/render.STATIC):
no URL segment may take them."""


def _check_segments(values: dict, check: Checker, prefix: str) -> None:
    merged = {f.name: getattr(Segments(), f.name) for f in fields(Segments)} | values
    for name, value in values.items():
        if not _SEGMENT.match(value):
            check.add(f"{prefix}{name}", f'"{value}" is not a URL segment (use lowercase a-z, 0-9 and hyphens)')
    for name, number in (("undated", "year"), ("undated_month", "month"), ("page", "page")):
        if name in values and values[name].isdigit():  # /nam/2020/, /nam/2020/thang/05/, /trang/2/
            check.add(f"{prefix}{name}", f'"{values[name]}" would be the address of a {number} too; choose a '
                                         "segment with a letter")
    top = {k: v for k, v in merged.items() if k not in ("undated", "page", "month", "undated_month")}
    seen: dict[str, str] = {}
    for name, value in top.items():
        if value in RESERVED:
            check.add(f"{prefix}{name}", f'"{value}" is the folder of {RESERVED[value]} in output/; choose another segment')
        elif value in seen:
            check.add(f"{prefix}{name}", f'"{value}" is already the segment of {prefix}{seen[value]}')
        seen[value] = name
