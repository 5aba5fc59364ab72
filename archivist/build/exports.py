"""The site's files that are not pages: sitemap, robots.txt, .nojekyll, the archive's
metadata as JSON and CSV, and the search page's browse data (``browse``).

Pure functions of a ``Catalog``: the part of the model they are made from, and all of it
they can reach. The build keys the cache of these files on the catalog's digest
(model.fingerprints.digest), so a file made from more of the model needs a field more in the
catalog, which the digest then covers: they cannot go stale.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from ..model.config import SiteConfig
from ..model.records import ArticleEntry
from . import browse
from .site import Routes, Site, href
from .taxonomy import PlaceNode, Term, YearGroup

SITEMAP = "sitemap.xml"
SITEMAP_LIMIT = 50_000
"""URLs per sitemap file (the protocol's limit); beyond it sitemap.xml becomes an index."""
ARCHIVE_JSON = "archive.json"
ARCHIVE_CSV = "archive.csv"
CSV_COLUMNS = ("title", "date", "date_precision", "places", "place_keys", "author", "source_name",
               "source_url", "tags", "url", "file")


def absolute(config: SiteConfig, route: str) -> str:
    """Absolute URL of a route under base_url (empty base_url: the route itself)."""
    return config.base_url + href(config, route)


@dataclass(frozen=True)
class Catalog:
    """What the data files are made from: their whole input."""

    config: SiteConfig
    entries: tuple[ArticleEntry, ...]
    """Every article's entry, in site order."""
    mapped: tuple[str, ...]
    """The routes a sitemap lists: every HTML page's but the 404 page's."""
    tags: tuple[Term, ...]
    sources: tuple[Term, ...]
    years: tuple[YearGroup, ...]
    places: dict[str, tuple[PlaceNode, ...]]

    @property
    def routes(self) -> Routes:
        return Routes(self.config)


def catalog(site: Site) -> Catalog:
    """The catalog of a site model."""
    mapped = tuple(p.route for p in site.pages if p.file.endswith(".html") and p.route != "404.html")
    return Catalog(site.config, site.entries, mapped, site.tags, site.sources, site.years, site.places)


def data_files(catalog: Catalog) -> dict[str, bytes]:
    """Every file of the site that is not a page (``data_file_names``)."""
    records = [record(catalog, entry) for entry in catalog.entries]
    folder = catalog.config.segments.search  # the search page's browse data
    files = {f"{folder}/{name}": data for name, data in browse.browse_files(catalog).items()} if catalog.config.search else {}
    files.update({".nojekyll": b"", "robots.txt": robots(catalog.config), ARCHIVE_JSON: archive_json(catalog, records),
                  ARCHIVE_CSV: archive_csv(records)})
    if catalog.config.base_url:
        files.update(sitemaps(catalog))
    return files


def data_file_names(catalog: Catalog) -> list[str]:
    """The paths of ``data_files(catalog)``, without making them."""
    folder = catalog.config.segments.search
    names = [f"{folder}/{name}" for name in browse.browse_names(len(catalog.entries))] if catalog.config.search else []
    names += [".nojekyll", "robots.txt", ARCHIVE_JSON, ARCHIVE_CSV]
    if catalog.config.base_url:
        names += _sitemap_names(len(catalog.mapped))
    return names


def _sitemap_names(count: int) -> list[str]:
    """The sitemap files for ``count`` URLs: numbered ones (when more than one is needed),
    then sitemap.xml."""
    parts = -(-count // SITEMAP_LIMIT)
    return [*(f"sitemap-{n}.xml" for n in range(1, parts + 1) if parts > 1), SITEMAP]


def robots(config: SiteConfig) -> bytes:
    """Allow everything; point at the sitemap when the site knows its address."""
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append(f"Sitemap: {absolute(config, SITEMAP)}")
    return ("\n".join(lines) + "\n").encode()


def sitemaps(catalog: Catalog) -> dict[str, bytes]:
    """sitemap.xml with every HTML page (the 404 page aside); an index of numbered
    sitemaps when there are more than SITEMAP_LIMIT pages."""
    urls = [absolute(catalog.config, route) for route in catalog.mapped]
    chunks = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)] or [[]]
    names = _sitemap_names(len(urls))
    if len(chunks) == 1:
        return {SITEMAP: _urlset(chunks[0])}
    files = {name: _urlset(chunk) for name, chunk in zip(names, chunks)}
    index = "".join(f"<sitemap><loc>{escape(absolute(catalog.config, name))}</loc></sitemap>\n" for name in files)
    files[SITEMAP] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                      f"{index}</sitemapindex>\n").encode()
    return files


def _urlset(urls: list[str]) -> bytes:
    body = "".join(f"<url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}</urlset>\n").encode()


def record(catalog: Catalog, article: ArticleEntry) -> dict[str, Any]:
    """One article's metadata, as exported."""
    return {
        "title": article.title,
        "date": article.date.iso if article.date else None,
        "date_precision": article.date.precision if article.date else None,
        "places": [{"label": p.label, "key": p.key, "era": p.era,
                    "units": [{"level": u.level, "code": u.code, "name": u.name} for u in p.chain]}
                   for p in article.places],
        "author": article.author,
        "source": {"name": article.source.name, "url": article.source.url} if article.source else None,
        "tags": list(article.tags),
        "url": absolute(catalog.config, catalog.routes.article(article)),
        "file": article.path,
    }


def archive_json(catalog: Catalog, records: list[dict[str, Any]]) -> bytes:
    """All articles' metadata (``record``s), in site order: {"title": …, "articles": […]},
    one article per line (diffs of the export show which articles changed)."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in records)
    return (f'{{"title": {json.dumps(catalog.config.title, ensure_ascii=False)}, "articles": [\n{lines}\n]}}\n').encode()


def archive_csv(records: list[dict[str, Any]]) -> bytes:
    """One row per article (``record``s); lists joined with " | "; UTF-8 with a BOM so
    spreadsheet programs read the Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in records:
        writer.writerow([_inert(cell) for cell in (
            row["title"], row["date"] or "", row["date_precision"] or "",
            " | ".join(p["label"] for p in row["places"]), " | ".join(p["key"] for p in row["places"]),
            row["author"] or "", (row["source"] or {}).get("name") or "", (row["source"] or {}).get("url") or "",
            " | ".join(row["tags"]), row["url"], row["file"],
        )])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet program read a cell as a formula (OWASP, CSV injection)."""


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading "'"
    (OWASP's advice; archive.json keeps the exact value)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
