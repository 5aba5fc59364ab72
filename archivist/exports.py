"""Machine-readable outputs built from the model: sitemap, robots.txt, .nojekyll and the
archive's metadata as JSON and CSV. Pure functions: model in, {output path: bytes} out."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable
from xml.sax.saxutils import escape

from .config import SiteConfig
from .records import Article
from .site import Page, Site

SITEMAP = "sitemap.xml"
SITEMAP_LIMIT = 50_000
"""URLs per sitemap file (the protocol's limit); beyond it sitemap.xml becomes an index."""
ARCHIVE_JSON = "archive.json"
ARCHIVE_CSV = "archive.csv"
CSV_COLUMNS = ("title", "date", "date_precision", "places", "place_keys", "author", "source_name",
               "source_url", "tags", "url", "file")


def absolute(config: SiteConfig, route: str) -> str:
    """Absolute URL of a route under base_url (empty base_url: the route itself)."""
    if not config.directory_urls and (route == "" or route.endswith("/")):
        route += "index.html"
    return config.base_url + route


def exports(site: Site) -> dict[str, bytes]:
    """Every machine-readable file of the site (``export_names``)."""
    records = [record(site, article) for article in site.articles]
    files = {".nojekyll": b"", "robots.txt": robots(site), ARCHIVE_JSON: archive_json(site, records),
             ARCHIVE_CSV: archive_csv(records)}
    if site.config.base_url:
        files.update(sitemaps(site))
    return files


def export_names(site: Site) -> list[str]:
    """The paths of ``exports(site)``, without making them."""
    names = [".nojekyll", "robots.txt", ARCHIVE_JSON, ARCHIVE_CSV]
    if site.config.base_url:
        names += _sitemap_names(sum(1 for _ in _mapped(site)))
    return names


def _mapped(site: Site) -> Iterable[Page]:
    """The pages a sitemap lists: every HTML page but the 404 page."""
    return (p for p in site.pages if p.file.endswith(".html") and p.route != "404.html")


def _sitemap_names(count: int) -> list[str]:
    """The sitemap files for ``count`` URLs: numbered ones (when more than one is needed),
    then sitemap.xml."""
    parts = -(-count // SITEMAP_LIMIT)
    return [*(f"sitemap-{n}.xml" for n in range(1, parts + 1) if parts > 1), SITEMAP]


def robots(site: Site) -> bytes:
    """Allow everything; point at the sitemap when the site knows its address."""
    lines = ["User-agent: *", "Allow: /"]
    if site.config.base_url:
        lines.append(f"Sitemap: {absolute(site.config, SITEMAP)}")
    return ("\n".join(lines) + "\n").encode()


def sitemaps(site: Site) -> dict[str, bytes]:
    """sitemap.xml with every HTML page (the 404 page aside); an index of numbered
    sitemaps when there are more than SITEMAP_LIMIT pages."""
    urls = [absolute(site.config, p.route) for p in _mapped(site)]
    chunks = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)] or [[]]
    names = _sitemap_names(len(urls))
    if len(chunks) == 1:
        return {SITEMAP: _urlset(chunks[0])}
    files = {name: _urlset(chunk) for name, chunk in zip(names, chunks)}
    index = "".join(f"<sitemap><loc>{escape(absolute(site.config, name))}</loc></sitemap>\n" for name in files)
    files[SITEMAP] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                      f"{index}</sitemapindex>\n").encode()
    return files


def _urlset(urls: list[str]) -> bytes:
    body = "".join(f"<url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}</urlset>\n").encode()


def record(site: Site, article: Article) -> dict[str, Any]:
    """One article's metadata, as exported: only fields in pagekeys.PLACEMENT (the exports
    are cached by them)."""
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
        "url": absolute(site.config, site.routes.article(article)),
        "file": article.path,
    }


def archive_json(site: Site, records: list[dict[str, Any]]) -> bytes:
    """All articles' metadata (``record``s), in site order: {"title": …, "articles": […]},
    one article per line (diffs of the export show which articles changed)."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in records)
    return (f'{{"title": {json.dumps(site.config.title, ensure_ascii=False)}, "articles": [\n{lines}\n]}}\n').encode()


def archive_csv(records: list[dict[str, Any]]) -> bytes:
    """One row per article (``record``s); lists joined with " | "; UTF-8 with a BOM so
    spreadsheet programs read the Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in records:
        writer.writerow([
            row["title"], row["date"] or "", row["date_precision"] or "",
            " | ".join(p["label"] for p in row["places"]), " | ".join(p["key"] for p in row["places"]),
            row["author"] or "", (row["source"] or {}).get("name") or "", (row["source"] or {}).get("url") or "",
            " | ".join(row["tags"]), row["url"], row["file"],
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
