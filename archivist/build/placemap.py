"""Maps of where the articles are: proportional symbols at the gazetteer's positions.

``country_map(provinces)`` gives the map of an era's provinces, ``unit_map(node)`` the map
of a unit's subdivisions (a province's districts, or its wards from 2025): a ``PlaceMap``
record that ``templates/_placemap.html`` draws as inline SVG, every symbol a link to its
unit's page, with the counts in the symbols' titles and in a table. Made at build time
from the gazetteer (vietnamadminunits) and ``outline.json`` (Natural Earth's outline of
Vietnam, see bench/make_outline.py): no tiles, no network, no script.

One projection for every map: equirectangular, the degree of longitude shortened by the
cosine of 16° N (the middle of the country), ``SCALE`` units a degree of latitude, the
origin at the country frame's north-west corner. A unit's map is the country map's
coordinates seen through a smaller box, magnified to ``UNIT_SIZE`` units (without the
outline, too coarse at that scale). Symbols' areas are proportional to their
counts, the largest a fixed share of the view's width; a symbol never gets smaller than
``R_MIN`` of it, so that one article stays visible. Coordinates are rounded to 0.1 unit
(250 m on the country map, less on a unit's): the same model always gives the same bytes.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..model.places import Place, gazetteer
from .taxonomy import PlaceNode

OUTLINE = Path(__file__).with_name("outline.json")
SCALE = 40.0
"""Map units per degree of latitude."""
COS = math.cos(math.radians(16.0))
FRAME = (102.0, 115.2, 8.2, 23.5)
"""The country map's west, east, south and north edges (degrees): the mainland and the
Hoàng Sa and Trường Sa archipelagos."""
R_MAX = 0.055
"""The largest symbol's radius, as a share of the view's width."""
R_MIN = 0.007
"""The smallest symbol's radius, as a share of the view's width."""
LABEL = 0.028
"""Label text size, as a share of the view's width."""
MIN_SPAN = 0.3 * SCALE
"""A unit's map shows at least this much (0.3°) in each direction."""
UNIT_SIZE = 500.0
"""The longer side of a unit's map, in its units (0.1 of which is its precision)."""


@dataclass(frozen=True)
class Symbol:
    """A unit drawn on a map: a circle of radius ``r`` at (``x``, ``y``), in map units."""

    place: Place
    count: int
    """Its articles (with those of the units inside it)."""
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Row:
    """A unit in the table beside a map."""

    place: Place
    count: int
    mapped: bool
    """Whether the map shows it (the gazetteer has its position)."""


@dataclass(frozen=True)
class Mark:
    """An archipelago on the map: ``key`` ("hoang-sa", "truong-sa") names it in the template."""

    key: str
    x: float
    y: float


@dataclass(frozen=True)
class PlaceMap:
    """One map, ready to draw: every value a template puts in the SVG is here, rounded."""

    view: str
    """The SVG's viewBox: "x y width height" in map units."""
    outline: str
    """SVG path data of Vietnam's outline, in map units; "" on a unit's map, where the
    outline, made for the whole country, is too coarse to show."""
    symbols: tuple[Symbol, ...]
    """In drawing order: the largest first, so that a small one is never hidden under a big one."""
    rows: tuple[Row, ...]
    """Every unit, in the tree's order (Vietnamese alphabetical)."""
    marks: tuple[Mark, ...]
    """The archipelagos inside the view."""
    label: float
    """Text size of the archipelagos' names and the dots' radius scale, in map units."""
    level: str
    """The level of the units shown: "province", "district" or "ward"."""


def project(lat: float, lon: float) -> tuple[float, float]:
    """Country-map units (x east, y south) of a position, rounded to 0.1."""
    x, y = _exact(lat, lon)
    return round(x, 1), round(y, 1)


def _exact(lat: float, lon: float) -> tuple[float, float]:
    west, _, _, north = FRAME
    return (lon - west) * COS * SCALE, (north - lat) * SCALE


def radius(count: int, biggest: int, r_max: float, r_min: float) -> float:
    """A symbol's radius: area proportional to ``count`` (``biggest`` gets ``r_max``),
    never below ``r_min``; rounded to 0.1."""
    return round(max(r_min, r_max * math.sqrt(count / biggest)) if biggest > 0 else r_min, 1)


def country_map(provinces: tuple[PlaceNode, ...]) -> PlaceMap | None:
    """The map of an era's provinces (None when there are none)."""
    west, east, south, north = FRAME
    width, height = _exact(south, east)
    return _draw(provinces, (0.0, 0.0, width, height), 1.0, outline()) if provinces else None


def unit_map(node: PlaceNode) -> PlaceMap | None:
    """The map of a unit's subdivisions that have articles (None when the gazetteer
    places none of them): the box around them, padded, at least ``MIN_SPAN`` and 0.6 of
    its longer side each way, scaled to ``UNIT_SIZE`` units on its longer side."""
    points = [point for child in node.children if (point := _position(child.place)) is not None]
    if not points:
        return None
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    span = max(width, height)
    width, height = max(width, 0.6 * span, MIN_SPAN), max(height, 0.6 * span, MIN_SPAN)
    pad = 0.1 * max(width, height)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    box = (cx - width / 2 - pad, cy - height / 2 - pad, width + 2 * pad, height + 2 * pad)
    return _draw(node.children, box, UNIT_SIZE / max(box[2], box[3]), "")


def _draw(nodes: tuple[PlaceNode, ...], box: tuple[float, float, float, float], scale: float,
          land: str) -> PlaceMap:
    """The map of ``nodes`` seen through ``box`` (x, y, width, height in country-map units),
    magnified ``scale`` times, its corner at (0, 0); over the outline ``land`` (path data in
    country-map units, so only with a scale of 1 and a box at the origin), or none ("")."""
    left, top = box[0], box[1]
    width, height = round(box[2] * scale, 1), round(box[3] * scale, 1)

    def here(point: tuple[float, float]) -> tuple[float, float]:
        return round((point[0] - left) * scale, 1), round((point[1] - top) * scale, 1)

    biggest = max(len(node.articles) for node in nodes)
    r_max, r_min = R_MAX * width, R_MIN * width
    rows, symbols = [], []
    for node in nodes:
        point = _position(node.place)
        count = len(node.articles)
        rows.append(Row(node.place, count, point is not None))
        if point is not None:
            symbols.append(Symbol(node.place, count, *here(point), radius(count, biggest, r_max, r_min)))
    order = sorted(range(len(symbols)), key=lambda i: (-symbols[i].r, i))
    marks = tuple(Mark(key, *spot) for key, point in archipelagos().items()
                  if 0 <= (spot := here(point))[0] <= width and 0 <= spot[1] <= height)
    return PlaceMap(f"0 0 {_number(width)} {_number(height)}", land, tuple(symbols[i] for i in order), tuple(rows),
                    marks, round(LABEL * width, 1), nodes[0].place.level)


def _position(place: Place) -> tuple[float, float] | None:
    """Exact country-map units of a place, if the gazetteer has its position."""
    found = gazetteer().position(place)
    return _exact(*found) if found is not None else None


def _number(value: float) -> str:
    """A coordinate as SVG text: "12" for 12.0, "12.5"."""
    return f"{value:.1f}".removesuffix(".0")


@functools.cache
def _outline_data() -> dict:
    return json.loads(OUTLINE.read_text(encoding="utf-8"))


@functools.cache
def outline() -> str:
    """Vietnam's outline as SVG path data in map units: each ring from its first point,
    then relative moves in tenths (exact: the absolute points are rounded first)."""
    return " ".join(_ring(ring) for ring in _outline_data()["rings"])


def _ring(ring: Iterable[list[float]]) -> str:
    tenths = [tuple(round(v * 10) for v in project(lat, lon)) for lon, lat in ring]
    (x, y), steps = tenths[0], []
    for nx, ny in tenths[1:]:
        if (nx, ny) != (x, y):
            steps.append(f"{_number((nx - x) / 10)} {_number((ny - y) / 10)}")
            x, y = nx, ny
    return f"M{_number(tenths[0][0] / 10)} {_number(tenths[0][1] / 10)}l{' '.join(steps)}z"


@functools.cache
def archipelagos() -> dict[str, tuple[float, float]]:
    """The archipelagos' positions in country-map units, by key."""
    return {key: _exact(lat, lon) for key, (lon, lat) in sorted(_outline_data()["archipelagos"].items())}
