"""The frozen site model and its routes: every page the site has, before any rendering.

``make_site`` groups the articles (taxonomy), assigns every page its URL and checks that no
two pages share one. Routes are site-relative paths ending in ``/`` (``bai-viet/x/``); the
empty string is the home page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

from ..model.config import SiteConfig
from ..model.errors import BuildFailed, Problem
from ..model.places import ERA_2025, Place
from ..model.records import Article, ArticleEntry, ArticleLink
from ..model.succession import succession
from ..model.vietnamese import name_key
from . import placemap, taxonomy
from .taxonomy import PlaceNode, Related, Term, YearGroup


@dataclass(frozen=True)
class Page:
    """One HTML page to render: its route, template and the template's variables."""

    route: str
    """Site-relative URL path: "" for home, "bai-viet/x/" for an article."""
    template: str
    """Template file name."""
    context: dict[str, Any] = field(hash=False, compare=False)
    """Variables for the template (besides the site-wide ones)."""
    origin: str = ""
    """What produced the page (a file or a term), for collision messages."""

    @property
    def file(self) -> str:
        """Output file path, relative to the output folder."""
        return self.route + "index.html" if self.route.endswith("/") or not self.route else self.route


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list."""

    number: int
    total: int
    items: tuple[Article, ...]
    base: str
    """Route of the first page."""
    page_segment: str

    def route_of(self, number: int) -> str:
        """Route of page ``number`` of this list."""
        return self.base if number == 1 else f"{self.base}{self.page_segment}/{number}/"

    @property
    def prev(self) -> str | None:
        return self.route_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.route_of(self.number + 1) if self.number < self.total else None

    def window(self, around: int = 2) -> list[int | None]:
        """The page numbers a numbered pagination links: the first, the last and
        ``around`` on each side of this one, in order; None where numbers are left out
        (a gap of one number is shown instead)."""
        shown = sorted({1, self.total, *range(max(1, self.number - around), min(self.total, self.number + around) + 1)})
        out: list[int | None] = []
        for at, number in enumerate(shown):
            if at and number - shown[at - 1] == 2:
                out.append(number - 1)
            elif at and number - shown[at - 1] > 2:
                out.append(None)
            out.append(number)
        return out


def href(config: SiteConfig, route: str) -> str:
    """A route as a link: a folder's index.html named when the site is not served with
    directory URLs."""
    if not config.directory_urls and (route == "" or route.endswith("/")):
        return route + "index.html"
    return route


class Routes:
    """URLs of every kind of page, from the configured segments."""

    def __init__(self, config: SiteConfig):
        self.s = config.segments

    def article(self, article: Article | ArticleEntry | ArticleLink) -> str:
        return f"{self.s.articles}/{article.slug}/"

    def tag(self, term: Term) -> str:
        return f"{self.s.tags}/{term.slug}/"

    def author(self, term: Term) -> str:
        return f"{self.s.authors}/{term.slug}/"

    def source(self, term: Term) -> str:
        return f"{self.s.sources}/{term.slug}/"

    def place(self, place: Place) -> str:
        top = self.s.places_2025 if place.era == ERA_2025 else self.s.places
        return f"{top}/{'/'.join(place.path)}/"

    def year(self, year: int | None) -> str:
        return f"{self.s.years}/{year if year is not None else self.s.undated}/"

    def month(self, year: int, month: int | None) -> str:
        """A month's page under its year's (``nam/2021/thang-03/``); month None: the
        articles dated to the year only."""
        return f"{self.year(year)}{self.s.undated_month if month is None else f'{self.s.month}-{month:02d}'}/"


@dataclass(frozen=True)
class Site:
    """Everything the templates show, grouped and routed; built once, never mutated."""

    config: SiteConfig
    articles: tuple[Article, ...]
    """All articles in site order: newest first, undated last."""
    entries: tuple[ArticleEntry, ...]
    """What places each article (``Article.entry``), in site order: what the groups and
    the exports are made from."""
    tags: tuple[Term, ...]
    authors: tuple[Term, ...]
    sources: tuple[Term, ...]
    years: tuple[YearGroup, ...]
    places: dict[str, tuple[PlaceNode, ...]] = field(hash=False)
    """Locality trees per era ("legacy", "2025"): provinces first."""
    related: Related = field(hash=False)
    """The paths of the related articles, per article path."""
    article_terms: dict[str, dict[str, Any]] = field(hash=False)
    """Per article path: its "tags", "author" and "source" terms."""
    routes: Routes = field(hash=False)
    pages: tuple[Page, ...] = ()


def make_site(config: SiteConfig, articles: Sequence[Article],
              related: Callable[[tuple[Article, ...]], Callable[[], Related]] | None = None) -> Site:
    """Group, route and paginate; raise BuildFailed if two pages would share a URL.
    ``related(ordered)`` starts finding the related articles of the ordered articles and
    returns a function giving them, called once the groups are made (default: one that
    runs ``taxonomy.related`` then; the build passes one that finds them in another
    process meanwhile)."""
    ordered = taxonomy.order_articles(articles)
    entries = tuple(article.entry() for article in ordered)
    found = (lambda: taxonomy.related(entries, config.related)) if related is None else related(entries)
    tags, authors, sources = taxonomy.tags(entries), taxonomy.authors(entries), taxonomy.sources(entries)
    years, places = taxonomy.years(entries), taxonomy.place_tree(entries)
    article_terms = _index_terms(entries, tags, authors, sources)
    site = Site(
        config=config,
        articles=ordered,
        entries=entries,
        tags=tags,
        authors=authors,
        sources=sources,
        years=years,
        places=places,
        related=found(),
        article_terms=article_terms,
        routes=Routes(config),
    )
    pages = tuple(_pages(site))
    _check_collisions(pages)
    return replace(site, pages=pages)


def _index_terms(ordered: tuple[ArticleEntry, ...], tags: tuple[Term, ...], authors: tuple[Term, ...],
                 sources: tuple[Term, ...]) -> dict[str, dict[str, Any]]:
    tag_of = {name_key(t.name): t for t in tags}
    author_of = {name_key(t.name): t for t in authors}
    source_of = {name_key(t.name): t for t in sources}
    index = {}
    for a in ordered:
        index[a.path] = {
            "tags": tuple(tag_of[name_key(t)] for t in a.tags),
            "author": author_of[name_key(a.author)] if a.author else None,
            "source": source_of[name_key(a.source.name)] if a.source else None,
        }
    return index


def _paginate(route: str, articles: tuple[Article, ...], per_page: int, segment: str, template: str,
              origin: str, first: dict[str, Any] | None = None, **context: Any) -> list[Page]:
    """The pages of a list; ``first``: variables of its first page only (None on the others)."""
    total = max(1, -(-len(articles) // per_page))
    pages = []
    for number in range(1, total + 1):
        pager = Pager(number, total, articles[(number - 1) * per_page: number * per_page], route, segment)
        only = {name: value if number == 1 else None for name, value in (first or {}).items()}
        pages.append(Page(pager.route_of(number), template, {"pager": pager, **context, **only}, origin))
    return pages


def _pages(site: Site) -> list[Page]:
    """Every page. A page's context holds whole articles only where the page shows them
    (an article, its neighbours and related articles, a list page's items, a feed's);
    groups hold links (see model/fingerprints.py)."""
    r, cfg, seg = site.routes, site.config, site.config.segments
    by_path = {article.path: article for article in site.articles}

    def whole(links: tuple[ArticleLink, ...]) -> tuple[Article, ...]:
        return tuple(by_path[link.path] for link in links)

    per, pseg = cfg.per_page, seg.page
    maps = {era: placemap.country_map(roots) for era, roots in site.places.items()}
    pages: list[Page] = []
    pages += _paginate("", site.articles, per, pseg, "home.html", "home page", first={"maps": maps})
    for i, article in enumerate(site.articles):
        newer = site.articles[i - 1] if i > 0 else None
        older = site.articles[i + 1] if i + 1 < len(site.articles) else None
        pages.append(Page(r.article(article), "article.html",
                          {"article": article, "newer": newer, "older": older,
                           "related": tuple(by_path[path] for path in site.related[article.path]),
                           **site.article_terms[article.path]},
                          f"content/{article.path}"))
    pages.append(Page(f"{seg.tags}/", "terms.html", {"kind": "tag", "terms": site.tags}, "tag index"))
    for term in site.tags:
        pages += _paginate(r.tag(term), whole(term.articles), per, pseg, "term.html", f'tag "{term.name}"', kind="tag", term=term)
    pages.append(Page(f"{seg.authors}/", "terms.html", {"kind": "author", "terms": site.authors}, "author index"))
    for term in site.authors:
        pages += _paginate(r.author(term), whole(term.articles), per, pseg, "term.html", f'author "{term.name}"', kind="author", term=term)
    pages.append(Page(f"{seg.sources}/", "terms.html", {"kind": "source", "terms": site.sources}, "source index"))
    for term in site.sources:
        pages += _paginate(r.source(term), whole(term.articles), per, pseg, "term.html", f'source "{term.name}"', kind="source", term=term)
    timeline = taxonomy.timeline(site.years)
    pages.append(Page(f"{seg.years}/", "years.html", {"timeline": timeline}, "year index"))
    for group, counts in zip(site.years, timeline):
        pages += _paginate(r.year(group.year), whole(group.articles), per, pseg, "year.html",
                           f"year {group.year}" if group.year is not None else "the undated articles",
                           group=group, months=counts.months)
        for month in group.months:
            pages += _paginate(r.month(month.year, month.month), whole(month.articles), per, pseg, "month.html",
                               f"year {month.year}, month {month.month}" if month.month is not None
                               else f"year {month.year}, articles without a month", group=month, months=counts.months)
    # the page of both eras maps the older one; the 2025 era's map is on its own index page
    mapped = {era: maps[era] for era in site.places if era != ERA_2025 or len(site.places) == 1}
    pages.append(Page(f"{seg.places}/", "places.html", {"trees": site.places, "maps": mapped}, "locality index"))
    if ERA_2025 in site.places:
        pages.append(Page(f"{seg.places_2025}/", "places.html", {"trees": {ERA_2025: site.places[ERA_2025]},
                                                                 "maps": {ERA_2025: maps[ERA_2025]}},
                          "locality index (2025)"))
    reform = succession()
    counts_of = {node.place: len(node.articles) for roots in site.places.values() for node in taxonomy.walk(roots)}
    for era, roots in site.places.items():
        for node in taxonomy.walk(roots):
            unit_map = placemap.unit_map(node) if node.place.level == "province" else None
            pages += _paginate(r.place(node.place), whole(node.articles), per, pseg, "place.html", node.place.label,
                               first={"map": unit_map}, node=node,
                               now=taxonomy.unit_groups(reform.successors(node.place), counts_of),
                               before=taxonomy.unit_groups(reform.predecessors(node.place), counts_of))
    if cfg.search:
        pages.append(Page(f"{seg.search}/", "search.html", {}, "search page"))
    pages.append(Page("404.html", "404.html", {}, "not-found page"))
    if cfg.base_url:
        pages += _feeds(site, whole)
    return pages


FEED = "feed.xml"


def _feeds(site: Site, whole: Callable[[tuple[ArticleLink, ...]], tuple[Article, ...]]) -> list[Page]:
    """Atom feeds (they need absolute URLs, so only with base_url): the whole archive, each
    province and each tag. Feeds are streams in time: undated articles are left out."""
    size = site.config.feed_size

    def feed(route: str, articles: tuple[Article | ArticleLink, ...], origin: str, **context: Any) -> list[Page]:
        dated = whole(tuple(a for a in articles if a.date is not None)[:size])
        if not dated:
            return []
        return [Page(f"{route}{FEED}", "feed.xml", {"html_route": route, "items": dated, **context}, origin)]

    pages = feed("", site.articles, "archive feed", kind="site")
    for roots in site.places.values():
        for node in roots:
            pages += feed(site.routes.place(node.place), node.articles, f"feed of {node.place.label}", kind="place", node=node)
    for term in site.tags:
        pages += feed(site.routes.tag(term), term.articles, f'feed of tag "{term.name}"', kind="tag", term=term)
    return pages


def _check_collisions(pages: tuple[Page, ...]) -> None:
    owner: dict[str, Page] = {}
    problems = []
    for page in pages:
        if page.file in owner and owner[page.file].origin != page.origin:
            problems.append(Problem(page.origin if page.origin.startswith("content/") else "site.yaml", None, None,
                                    f'{page.origin} and {owner[page.file].origin} would both be published at "/{page.route}"'))
        owner.setdefault(page.file, page)
    if problems:
        raise BuildFailed(problems)
