"""Jinja rendering: ``render_site(site, make_renderer(site, templates), put)`` hands each page to ``put``.

Templates see the page's own context, the site-wide ``config``, ``routes``, ``assets``
and ``feeds``, and link functions bound to the page (``PageLinks``), nothing else: a page
is a pure function of those (see model/fingerprints.py).

Links are relative to the page they are on, so the output works at a domain root, under
any sub-path and from disk; only the 404 page, which a host serves at arbitrary URLs,
uses root-absolute links from ``base_url``'s path.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ..model.config import SiteConfig
from ..model.errors import BuildFailed, Problem
from ..model.places import Place
from ..model.records import Article, ArticleEntry, ArticleLink, PubDate
from ..model.vietnamese import search_fold
from .browse import INDEX as BROWSE_INDEX
from .exports import absolute
from .markup import plain_text
from .progress import SILENT, Progress
from .site import FEED, Page, Routes, Site
from .taxonomy import PlaceNode, Term
from .workers import run_chunks

STATIC = "static"


def make_environment(templates: Path, compiled: Path | None = None) -> jinja2.Environment:
    """Jinja environment: autoescape everywhere, StrictUndefined, templates compiled once
    per process, or once for all when ``compiled`` names a folder to keep them in (Jinja's
    bytecode cache: each process of each build would otherwise compile them again)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["number"] = format_number
    env.filters["plain"] = plain_text
    env.filters["search_fold"] = _search_fold
    env.globals["has_feed"] = _has_feed
    env.globals["json_ld"] = _json_ld
    env.filters["rfc3339"] = rfc3339
    env.globals["browse_index"] = BROWSE_INDEX
    return env


def _search_fold(value: str) -> str:
    """``search_fold`` keeping markup safe (a ``{% set %}`` block) as markup."""
    copy = search_fold(value)
    return Markup(copy) if isinstance(value, Markup) else copy


def format_number(value: int) -> str:
    """Vietnamese digit grouping: 12345 -> "12.345"."""
    return f"{value:,}".replace(",", ".")


class PageLinks:
    """The link functions a template calls, bound to the page it renders: ``url(target)``
    (a route or a model object, relative to the page), ``asset(name)`` (a static file with
    its version), ``absolute_url(target)`` and ``url_route(target)``. Plain functions,
    not Jinja ``pass_context`` ones, which in a loop cost a derived context per call: a
    page makes ~40 such calls."""

    def __init__(self, page: Page, shared: dict[str, Any]):
        config: SiteConfig = shared["config"]
        self._routes: Routes = shared["routes"]
        self._assets: dict[str, str] = shared["assets"]
        self._config = config
        self._kind: str | None = page.context.get("kind")
        self._index = "" if config.directory_urls else "index.html"
        # the 404 page, served at any URL, links from the root of base_url's path
        self._prefix = (urlsplit(config.base_url).path or "/") if page.route == "404.html" else "../" * page.route.count("/")
        self._folder = None if page.route == "404.html" else page.route[:page.route.rfind("/") + 1]

    def route(self, target: Any) -> str:
        return target if isinstance(target, str) else route_of(self._routes, target, self._kind)

    def url(self, target: Any) -> str:
        route = self.route(target)
        if self._index and (route == "" or route.endswith("/")):
            route += self._index
        return self._prefix + route or "./"

    def short(self, target: Any) -> str:
        """``url(target)`` written from this page's folder when the target is inside it
        ("an-giang/" rather than "../dia-phuong/an-giang/" on dia-phuong/): for long lists
        of links into a page's own section (the places index links 700 districts)."""
        route = self.route(target)
        if not self._folder or not route.startswith(self._folder):
            return self.url(route)
        rest = route[len(self._folder):]
        if self._index and (rest == "" or rest.endswith("/")):
            rest += self._index
        return rest or "./"

    def absolute(self, target: Any) -> str:
        return absolute(self._config, self.route(target))

    def asset(self, name: str) -> str:
        digest = self._assets.get(name)
        if digest is None:  # a link to nothing on every page: a problem, as a missing template is
            raise MissingAsset(name, self._assets)
        return f"{self.url(f'{STATIC}/{name}')}?v={digest}"

    def context(self) -> dict[str, Any]:
        return {"url": self.url, "url_short": self.short, "asset": self.asset, "absolute_url": self.absolute,
                "url_route": self.route}


class MissingAsset(jinja2.TemplateRuntimeError):
    """``asset(name)`` of a file that templates/static/ does not hold. Every page's
    fingerprint covers the files under templates/ (fingerprints.base_digest), so an asset
    deleted after a build renders every page again and fails as this one does."""

    def __init__(self, name: str, assets: dict[str, str]):
        close = difflib.get_close_matches(name, list(assets), n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        super().__init__(f'asset "{name}" not found in templates/{STATIC}/{hint}')


def rfc3339(date: PubDate) -> str:
    """The first instant of a (possibly partial) date, in Vietnam's time zone, for Atom."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00+07:00"


@jinja2.pass_context
def _has_feed(ctx: jinja2.runtime.Context, route: str) -> bool:
    return route in ctx["feeds"]


@jinja2.pass_context
def _json_ld(ctx: jinja2.runtime.Context, article: Article) -> dict[str, Any]:
    """schema.org NewsArticle for an article page; datePublished only when known."""
    config: SiteConfig = ctx["config"]
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
                            "inLanguage": "vi", "description": article.summary}
    if config.base_url:
        data["url"] = data["mainEntityOfPage"] = absolute(config, ctx["routes"].article(article))
    if article.date:
        data["datePublished"] = article.date.iso
    if article.author:
        data["author"] = {"name": article.author}
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source.name}
        if article.source.url:
            data["isBasedOn"] = article.source.url
    data["contentLocation"] = [
        {"@type": "Place", "name": p.full_name, "identifier": p.key,
         "containedInPlace": [{"@type": "AdministrativeArea", "name": u.name, "identifier": u.key} for u in p.chain[:-1]]}
        for p in article.places]
    if article.tags:
        data["keywords"] = list(article.tags)
    return data


def route_of(routes: Routes, target: Any, kind: str | None = None) -> str:
    """Route of a model object: article, place, place node or term (kind tells which)."""
    if isinstance(target, (Article, ArticleLink, ArticleEntry)):
        return routes.article(target)
    if isinstance(target, PlaceNode):
        return routes.place(target.place)
    if isinstance(target, Place):
        return routes.place(target)
    if isinstance(target, Term):
        return {"tag": routes.tag, "author": routes.author, "source": routes.source}[kind or "tag"](target)
    if isinstance(target, jinja2.Undefined):  # url(article.nope): StrictUndefined's str() says what is undefined
        str(target)
    raise TypeError(f"no route for {target!r}")


def static_files(templates: Path) -> dict[str, bytes]:
    """The files under templates/static, keyed by their output path (dot-files left out)."""
    return {f"{STATIC}/{rel}": data for rel, data in _files(templates / STATIC).items()
            if not rel.rsplit("/", 1)[-1].startswith(".")}


ROOT = "root"
"""templates/root: files published as they are at the same path from the site's root (a
host's CNAME, _redirects or _headers, .well-known/, a search console's verification page)."""


def root_files(templates: Path) -> dict[str, bytes]:
    """The files under templates/root, keyed by their output path (dot-files included:
    .well-known/ is one)."""
    return _files(templates / ROOT)


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (none if it is not one), by its path in it, in path order."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def feed_routes(site: Site) -> frozenset[str]:
    """Routes of the pages that have an Atom feed."""
    return frozenset(p.route.removesuffix(FEED) for p in site.pages if p.route.endswith(FEED))


@dataclass(frozen=True)
class Renderer:
    """What rendering a page needs besides the page: the compiled templates and the
    site-wide variables every template sees."""

    env: jinja2.Environment
    shared: dict[str, Any]
    statics: dict[str, bytes]
    """The static assets, by output path."""

    def render(self, page: Page) -> bytes:
        return render_page(self.env, page, self.shared)


def make_renderer(site: Site, templates: Path, compiled: Path | None = None) -> Renderer:
    """The templates under ``templates`` with the site-wide variables of ``site``
    (``compiled``: see make_environment)."""
    statics = static_files(templates)
    assets = {path.removeprefix(f"{STATIC}/"): hashlib.sha256(data).hexdigest()[:10] for path, data in statics.items()}
    shared = {"config": site.config, "routes": site.routes, "assets": assets, "feeds": feed_routes(site)}
    env = make_environment(templates, compiled)
    env.globals["article_item"] = _article_items(env, shared)
    return Renderer(env, shared, statics)


ARTICLE_ITEM = "_article_item.html"
_ITEMS_KEPT = 50_000
"""Article items kept per process (~1 kB each); past it the memo starts again."""


def _article_items(env: jinja2.Environment, shared: dict[str, Any]) -> Callable[[Article, str], Markup]:
    """``article_item(article, href)``: the article's entry in a list (the macro of the same
    name in ``ARTICLE_ITEM``), made once per article and link in each process. That template sees the article, the
    link and the site-wide variables only, not the page, so its output is the same on every
    page: an article is listed on a dozen pages (home, year, tags, places at each level,
    author, source, related lists), and its entry was a third of the rendering time."""
    memo: dict[tuple[int, str], tuple[Article, Markup]] = {}
    module: list[Any] = []  # the template's module, made in the process that renders

    def article_item(article: Article, href: str) -> Markup:
        key = (id(article), href)
        kept = memo.get(key)
        if kept is not None and kept[0] is article:  # the memo holds the article: its id is its own
            return kept[1]
        if len(memo) >= _ITEMS_KEPT:
            memo.clear()
        if not module:
            module.append(env.get_template(ARTICLE_ITEM).make_module(shared))
        item = module[0].article_item(article, href)
        memo[key] = (article, item)
        return item

    return article_item


def render_site(site: Site, renderer: Renderer, put: Callable[[str, bytes | None], bool],
                keep: frozenset[str] = frozenset(), meanwhile: Callable[[], None] | None = None,
                meter: Progress = SILENT) -> int:
    """Render every page, except those whose files are in ``keep``, and hand each to
    ``put(file, bytes)`` in the process that rendered it (output.Staging.put: pages are
    written where they are rendered, so no process holds them all); a kept page is
    ``put(file, None)`` (its file stays as it is in output/). Returns how many ``put``
    said it wrote. The other files are the static assets and ``data_files``. ``meanwhile``:
    this process's own work, done while the workers render (parallel.run_chunks).
    ``meter`` is told of the pages rendered (the "render" stage) as the workers end them."""
    todo = [i for i, page in enumerate(site.pages) if page.file not in keep]
    # Workers are forked with the model in memory: only page positions and flags travel.
    with meter.stage("render", len(todo), "pages") as advance:
        written = run_chunks(_render_chunk, todo, (site.pages, renderer, put),
                             min_items=200, meanwhile=meanwhile, advance=advance)
    return sum(written) + sum(put(page.file, None) for page in site.pages if page.file in keep)


def _render_chunk(indexes: list[int], context: tuple[tuple[Page, ...], Renderer, Callable[[str, bytes | None], bool]]) -> list[bool]:
    """Worker: render the pages at these positions of the site's page list and put them."""
    pages, renderer, put = context
    return [put(pages[i].file, renderer.render(pages[i])) for i in indexes]


def render_page(env: jinja2.Environment, page: Page, shared: dict[str, Any]) -> bytes:
    """One page to UTF-8 bytes: a pure function of the model. Any error raised while a
    template renders (Jinja's own, or an exception of an expression, a filter or a helper
    such as ``url()`` the template called) becomes a BuildFailed naming the template file
    and line it was raised at; one raised outside every template is a bug and is raised as is."""
    links = PageLinks(page, shared).context()
    try:
        template = env.get_template(page.template)
        return template.render({**shared, **page.context, "page": page, **links}).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise BuildFailed([Problem(f"templates/{exc.name or page.template}", exc.lineno, None, exc.message or "syntax error")]) from None
    except MissingAsset as exc:  # the same on every page that renders it: said once
        name, line = _template_place(exc, env)
        raise BuildFailed([Problem(f"templates/{name or page.template}", line, None, str(exc))]) from None
    except Exception as exc:
        name, line = _template_place(exc, env)
        if name is None and not isinstance(exc, jinja2.TemplateError):
            raise
        raise BuildFailed([Problem(f"templates/{name or page.template}", line, None,
                                   f"{_message(exc)} (rendering /{page.route}, from {page.origin}){_hint(exc)}")]) from None


def _message(exc: Exception) -> str:
    """What went wrong: Jinja's message as it is, another exception's with its type
    (``ZeroDivisionError: division by zero``)."""
    if type(exc) is jinja2.TemplateNotFound:
        return f"no template {exc.name!r} in the templates folder"
    if isinstance(exc, jinja2.TemplateError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _hint(exc: Exception) -> str:
    return _LINK_HINT if isinstance(exc, jinja2.UndefinedError) and ArticleLink.__name__ in str(exc) else ""


_LINK_HINT = ("; a group (tag, author, source, year, place) links to its articles: it shows their path, slug, "
              "title and date; only the articles a page lists itself (pager.items, a feed's items, an article "
              "page's article, newer, older and related) are whole")


def _template_place(exc: Exception, env: jinja2.Environment) -> tuple[str | None, int | None]:
    """The template file (relative to the templates folder) and line an error was raised
    at, from the traceback Jinja rewrites: the innermost template frame."""
    root = os.path.normpath(env.loader.searchpath[0]) + os.sep  # type: ignore[union-attr]
    tb = exc.__traceback__
    name, line = None, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root):
            name, line = Path(filename).relative_to(root).as_posix(), tb.tb_lineno
        tb = tb.tb_next
    return name, line
