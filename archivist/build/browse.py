"""The search page's browse data: which articles carry each filter value, so that a
filter alone, or several, lists the matching articles without the search index.

Articles are numbered in site order (newest first, undated last), so a list of numbers
sorted ascending is a list of articles newest first. Files, under the search page's
folder::

    duyet.json           {"count": articles, "chunk": CHUNK, "groups": {key: {"values": [...],
                          "counts": [...]}}} for the groups listed at start (TOP_GROUPS)
    duyet/<key>.json     {"values": [...], "ids": [[...], ...]}: for each value of filter
                          group ``key``, its articles' numbers, ascending, each given as
                          the difference from the one before (the first from −1), and
                          a run of k more consecutive numbers as −k
    duyet/bai/<k>.json   articles k·CHUNK … (k+1)·CHUNK−1: [[href, title, date, place], ...]

Filter groups and values are those of the article pages' Pagefind filters (templates/
article.html), so that a filter means the same with a keyword (Pagefind) or without one
(this data): a place by its short name at its level, a tag or source by its name, a
year as digits ("" for undated articles). static/search.js intersects the groups and
unites the values within one, and counts each group's values given the other groups'
choices.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model.vietnamese import sort_key
from .site import href

if TYPE_CHECKING:
    from .exports import Catalog

INDEX = "duyet.json"
FOLDER = "duyet"
CHUNK = 50
"""Articles per display file: a page of results needs one to a few of them."""
GROUPS = ("tinh", "huyen", "xa", "chu-de", "nam", "nguon")
"""The filter groups, as in the search page's URL."""
TOP_GROUPS = ("tinh", "chu-de", "nam", "nguon")
"""The groups whose values and counts the search page lists before any choice (districts
and wards appear once a province or district is chosen)."""
_LEVELS = {"province": "tinh", "district": "huyen", "ward": "xa"}


def browse_files(catalog: Catalog) -> dict[str, bytes]:
    """The browse data's files by path under the search page's folder (see the module)."""
    members = _members(catalog)
    files = {INDEX: _json({"count": len(catalog.entries), "chunk": CHUNK, "groups": {
        key: {"values": list(members[key]), "counts": [len(ids) for ids in members[key].values()]}
        for key in TOP_GROUPS}})}
    for key in GROUPS:
        files[f"{FOLDER}/{key}.json"] = _json({"values": list(members[key]),
                                               "ids": [_deltas(ids) for ids in members[key].values()]})
    rows = [[href(catalog.config, catalog.routes.article(entry)), entry.title, entry.date.iso if entry.date else "",
             entry.places[0].full_name if entry.places else ""] for entry in catalog.entries]
    for k in range(0, len(rows), CHUNK):
        files[f"{FOLDER}/bai/{k // CHUNK}.json"] = _json(rows[k:k + CHUNK])
    return files


def browse_names(count: int) -> list[str]:
    """The paths of ``browse_files`` for ``count`` articles, without making them."""
    return [INDEX, *(f"{FOLDER}/{key}.json" for key in GROUPS),
            *(f"{FOLDER}/bai/{k}.json" for k in range(-(-count // CHUNK)))]


def _members(catalog: Catalog) -> dict[str, dict[str, list[int]]]:
    """Per filter group, its values in display order, each with its articles' numbers
    (ascending)."""
    number = {entry.path: i for i, entry in enumerate(catalog.entries)}
    groups: dict[str, dict[str, list[int]]] = {key: {} for key in GROUPS}
    for i, entry in enumerate(catalog.entries):
        for place in entry.places:
            for unit in place.chain:
                ids = groups[_LEVELS[unit.level]].setdefault(unit.short, [])
                if not ids or ids[-1] != i:
                    ids.append(i)
    for key, terms in (("chu-de", catalog.tags), ("nguon", catalog.sources)):
        for term in terms:
            groups[key][term.name] = sorted(number[link.path] for link in term.articles)
    named = {key: dict(sorted(values.items(), key=lambda item: sort_key(item[0], numeric=True)))
             for key, values in groups.items() if key != "nam"}
    # years newest first, undated last: the site order
    named["nam"] = {str(group.year) if group.year is not None else "": [number[link.path] for link in group.articles]
                    for group in catalog.years}
    return {key: named[key] for key in GROUPS}


def _deltas(ids: Iterable[int]) -> list[int]:
    """Ascending numbers as differences, runs of consecutive ones as their negated length
    ([3, 4, 5, 6, 9] → [4, -3, 3])."""
    out: list[int] = []
    last = -1
    for i in ids:
        if i == last + 1 and out:
            if out[-1] < 0:
                out[-1] -= 1
            else:
                out.append(-1)
        else:
            out.append(i - last)
        last = i
    return out


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
