"""Pure functions grouping articles: site order, tags, authors, sources, years, places.

They work on ``ArticleEntry``s (model/records.py), what places an article, and the groups they
make hold ``ArticleLink``s: so neither the model's structure nor a page showing a group
can depend on an article's text. Every group is ``Shared`` (model/fingerprints.py): a page's
fingerprint counts it by one digest of its content, however many members it has.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from ..model.fingerprints import Shared
from ..model.places import Place
from ..model.records import ArticleEntry, ArticleLink
from ..model.vietnamese import name_key, normalize_tones, slugify, sort_key


def _preferred_spelling(spellings: Counter) -> str:
    """The most used spelling; on a tie the capitalized one with the gazetteer's tone placement."""
    return min(spellings.items(), key=lambda kv: (-kv[1], not kv[0][:1].isupper(),
                                                  normalize_tones(kv[0]) != kv[0], sort_key(kv[0]), kv[0]))[0]


def article_order(article: ArticleEntry) -> tuple:
    """Sort key for the site order: newest first, less precise dates after precise ones
    of the same period, undated last; ties by title in Vietnamese order, then path."""
    date = article.date
    if date is None:
        when: tuple = (1, 0, 0, 0)
    else:
        when = (0, -date.year, -(date.month or 0), -(date.day or 0))
    return (*when, sort_key(article.title), article.path)


def order_articles(articles: Iterable[ArticleEntry]) -> tuple[ArticleEntry, ...]:
    """Articles in site order (see article_order)."""
    return tuple(sorted(articles, key=article_order))


@dataclass(frozen=True)
class Term(Shared):
    """A tag, author or source with the articles that carry it, in site order."""

    name: str
    """Display name: the most used spelling."""
    slug: str
    """URL segment, unique within its kind."""
    articles: tuple[ArticleLink, ...]
    """Links to its articles, in site order."""
    url: str | None = None
    """A source's web address (sources only)."""


def group_terms(ordered: tuple[ArticleEntry, ...], names: Callable[[ArticleEntry], Iterable[str]],
                urls: Callable[[ArticleEntry], str | None] | None = None) -> tuple[Term, ...]:
    """Group articles by the names ``names(article)`` gives, merging spellings that differ
    only in case or tone placement; terms in Vietnamese order, slugs made unique."""
    groups: dict[str, list[ArticleLink]] = {}
    spellings: dict[str, Counter] = {}
    links: dict[str, Counter] = {}
    for article in ordered:
        for name in names(article):
            key = name_key(name)
            groups.setdefault(key, []).append(article.link)
            spellings.setdefault(key, Counter())[name] += 1
            if urls is not None and (url := urls(article)):
                links.setdefault(key, Counter())[url] += 1
    terms = []
    for key, articles in groups.items():
        name = _preferred_spelling(spellings[key])
        url = min(links[key].items(), key=lambda kv: (-kv[1], kv[0]))[0] if key in links else None
        terms.append((name, tuple(articles), url))
    terms.sort(key=lambda t: (sort_key(t[0]), t[0]))
    bases = [_slug(name) for name, _, _ in terms]
    natural, used = set(bases), set()
    result = []
    for (name, articles, url), base in zip(terms, bases):
        slug, number = base, 1
        # a later name with the same slug gets the next number that is neither taken nor
        # another name's own slug ("Sa Pa 2" keeps sa-pa-2; "Sa Pả" then gets sa-pa-3)
        while slug in used or number > 1 and slug in natural:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        result.append(Term(name, slug, articles, url))
    return tuple(result)


SLUG_MAX = 80
"""Characters of a term's URL segment at most: a longer one is cut and given a digest of
the whole, so that a 300-character tag or author still makes a file name (255 bytes at
most on common file systems) and two long names sharing a beginning stay apart."""


def _slug(name: str) -> str:
    """A term's URL segment (before making it unique among its kind)."""
    slug = slugify(name) or "x"
    if len(slug) <= SLUG_MAX:
        return slug
    return f"{slug[:SLUG_MAX - 9].rstrip('-')}-{hashlib.sha256(slug.encode()).hexdigest()[:8]}"


def tags(ordered: tuple[ArticleEntry, ...]) -> tuple[Term, ...]:
    """Every tag with its articles."""
    return group_terms(ordered, lambda a: a.tags)


def authors(ordered: tuple[ArticleEntry, ...]) -> tuple[Term, ...]:
    """Every author with their articles."""
    return group_terms(ordered, lambda a: (a.author,) if a.author else ())


def sources(ordered: tuple[ArticleEntry, ...]) -> tuple[Term, ...]:
    """Every source (publication) with its articles and its most cited address."""
    return group_terms(ordered, lambda a: (a.source.name,) if a.source else (),
                       lambda a: a.source.url if a.source else None)


@dataclass(frozen=True)
class MonthGroup(Shared):
    """Articles of one month of a year, or those dated to the year only (month None)."""

    year: int
    month: int | None
    articles: tuple[ArticleLink, ...]
    """Links to its articles, in site order."""


@dataclass(frozen=True)
class YearGroup(Shared):
    """Articles of one publication year, or the undated ones (year None)."""

    year: int | None
    articles: tuple[ArticleLink, ...]
    """Links to its articles, in site order."""
    months: tuple[MonthGroup, ...] = ()
    """Its months that have articles, January first, then those dated to the year only;
    none for the undated group."""


def years(ordered: tuple[ArticleEntry, ...]) -> tuple[YearGroup, ...]:
    """Newest year first; the undated group last, present only when there are undated articles."""
    groups: dict[int | None, list[ArticleLink]] = {}
    months: dict[int, dict[int | None, list[ArticleLink]]] = {}
    for article in ordered:
        date = article.date
        groups.setdefault(date.year if date else None, []).append(article.link)
        if date:
            months.setdefault(date.year, {}).setdefault(date.month, []).append(article.link)
    keys = sorted((y for y in groups if y is not None), reverse=True)
    if None in groups:
        keys.append(None)
    return tuple(YearGroup(y, tuple(groups[y]), () if y is None else tuple(
        MonthGroup(y, m, tuple(links)) for m, links in sorted(months[y].items(), key=lambda kv: kv[0] or 13)))
        for y in keys)


@dataclass(frozen=True)
class MonthCount:
    """A month in a timeline, as a link to its page shows it (a month without articles has
    no page)."""

    year: int
    month: int | None
    """1-12, or None for the articles dated to the year only."""
    count: int


@dataclass(frozen=True)
class YearCount:
    """A year in a timeline: its count and its months' (every month of a dated year, those
    without articles at 0, then the articles dated to the year only, when there are some)."""

    year: int | None
    count: int
    months: tuple[MonthCount, ...]

    @property
    def peak(self) -> int:
        """The count of its fullest month (0 for the undated group)."""
        return max((m.count for m in self.months), default=0)


def timeline(groups: tuple[YearGroup, ...]) -> tuple[YearCount, ...]:
    """The counts of the years and their months, in the years' order: what a page showing
    the timeline sees (numbers only, so that only a count's change changes the page)."""
    result = []
    for group in groups:
        counts: dict[int | None, int] = {m: 0 for m in range(1, 13)} if group.year is not None else {}
        counts.update({m.month: len(m.articles) for m in group.months})
        months = tuple(MonthCount(group.year, m, n) for m, n in counts.items())  # type: ignore[arg-type]
        result.append(YearCount(group.year, len(group.articles), months))
    return tuple(result)


@dataclass(frozen=True)
class PlaceNode(Shared):
    """A unit of the locality tree with every article about it or about a unit inside it."""

    place: Place
    articles: tuple[ArticleLink, ...]
    """Links to its articles, in site order, each once."""
    children: tuple["PlaceNode", ...]
    """Sub-units that have articles, in Vietnamese order."""


def place_tree(ordered: tuple[ArticleEntry, ...]) -> dict[str, tuple[PlaceNode, ...]]:
    """The locality tree per era: {era: provinces}, each node holding its articles."""
    members: dict[Place, list[ArticleLink]] = {}
    for article in ordered:
        seen: set[Place] = set()
        for place in article.places:
            for unit in place.chain:
                if unit not in seen:
                    seen.add(unit)
                    members.setdefault(unit, []).append(article.link)
    children: dict[Place | None, list[Place]] = {}
    for unit in members:
        children.setdefault(unit.parent, []).append(unit)

    def node(unit: Place) -> PlaceNode:
        kids = sorted(children.get(unit, ()), key=_place_order)
        return PlaceNode(unit, tuple(members[unit]), tuple(node(k) for k in kids))

    trees: dict[str, list[PlaceNode]] = {}
    for root in sorted(children.get(None, ()), key=_place_order):
        trees.setdefault(root.era, []).append(node(root))
    return {era: tuple(nodes) for era, nodes in sorted(trees.items())}


def _place_order(place: Place) -> tuple:
    return (sort_key(place.short, numeric=True), place.code)


def walk(nodes: Iterable[PlaceNode]) -> Iterable[PlaceNode]:
    """Every node of a tree, parents before children."""
    for node in nodes:
        yield node
        yield from walk(node.children)


@dataclass(frozen=True)
class UnitLink:
    """A unit of the other era named on a place's page ("nay thuộc …", model/succession.py),
    or its parent: a link to its page when it has one."""

    place: Place
    count: int
    """Its articles (0: it has no page, so it is named without a link)."""
    whole: bool = True
    """False when only a part of the legacy unit passed to the 2025 one."""


@dataclass(frozen=True)
class UnitGroup:
    """Units of the other era under one parent (the 2025 province of a legacy unit's
    successors, the legacy district of a 2025 ward's predecessors; None for provinces)."""

    parent: UnitLink | None
    units: tuple[UnitLink, ...]


def unit_groups(links: Iterable[tuple[Place, bool]], counts: dict[Place, int]) -> tuple[UnitGroup, ...]:
    """The units of ``links`` (model/succession.py, in the order of their chains) with
    their article counts, grouped by parent."""
    return tuple(
        UnitGroup(None if parent is None else UnitLink(parent, counts.get(parent, 0)),
                  tuple(UnitLink(place, counts.get(place, 0), whole) for place, whole in members))
        for parent, members in itertools.groupby(links, key=lambda link: link[0].parent))


Related = dict[str, tuple[str, ...]]
"""The paths of the related articles, per article path."""


def related(ordered: tuple[ArticleEntry, ...], count: int, window: int = 12) -> Related:
    """Up to ``count`` related articles per article path: sharing places (the more specific,
    the more weight) or tags. Candidates are the articles nearest in site order within each
    shared group, so the cost stays linear in the archive size; ties go to the nearest."""
    keys_of = [_related_keys(article) for article in ordered]
    groups: dict[tuple, list[int]] = {}
    slots: list[dict[tuple, int]] = []
    for i, keys in enumerate(keys_of):
        slot = {}
        for key in keys:
            members = groups.setdefault(key, [])
            slot[key] = len(members)
            members.append(i)
        slots.append(slot)
    result = {}
    for i, article in enumerate(ordered):
        scores: dict[int, int] = {}
        for key, weight in keys_of[i].items():
            at = slots[i][key]
            for j in groups[key][max(0, at - window): at + window + 1]:
                scores[j] = scores.get(j, 0) + weight
        scores.pop(i, None)
        # Best first: highest score, then nearest, then earliest; packed in one int for speed.
        ranked = heapq.nsmallest(count, [(-score << 42) | (abs(j - i) << 21) | j for j, score in scores.items()])
        result[article.path] = tuple(ordered[rank & _LOW_21].path for rank in ranked)
    return result


_LOW_21 = (1 << 21) - 1

_LEVEL_WEIGHT = {"ward": 3, "district": 2, "province": 1}


def _related_keys(article: ArticleEntry) -> dict[tuple, int]:
    keys: dict[tuple, int] = {}
    for place in article.places:
        for unit in place.chain:
            keys[("place", unit.key)] = max(keys.get(("place", unit.key), 0), _LEVEL_WEIGHT.get(unit.level, 1))
    for tag in article.tags:
        keys[("tag", name_key(tag))] = 2
    return keys
