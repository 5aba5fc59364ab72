"""Make archivist/build/outline.json, the faint outline of Vietnam the maps draw, from
Natural Earth's 1:10m country boundaries as the npm package world-atlas 2.0.2 ships them
(TopoJSON; Natural Earth is in the public domain, world-atlas is ISC-licensed).

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python bench/make_outline.py /tmp/package/countries-10m.json

The outline is simplified (Douglas–Peucker, ``--tolerance`` degrees), islands smaller than
``--min-area`` square degrees are left out, and coordinates are rounded to 0.01°. The two
archipelagos (Hoàng Sa, Trường Sa), which Natural Earth does not give to Vietnam, are
marked at the gazetteer's positions of the 2025 special zones of those names. Run once;
the build reads only the file it writes (no network, no npm at build time).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from archivist.model.places import ERA_2025, gazetteer

OUT = Path(__file__).resolve().parent.parent / "archivist" / "build" / "outline.json"
VIETNAM = "704"  # ISO 3166-1 numeric
ARCHIPELAGOS = {"hoang-sa": "Hoàng Sa", "truong-sa": "Trường Sa"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One ring from its arcs (a negative index ~i is arc i reversed), shared ends once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def area(points: list[tuple[float, float]]) -> float:
    """Absolute area in square degrees (shoelace)."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on an open polyline (iterative: rings have thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        length = math.hypot(x1 - x0, y1 - y0)
        best, at = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = (abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length if length
                        else math.hypot(x - x0, y - y0))
            if distance > best:
                best, at = distance, i
        if at is not None and best > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, kept in zip(points, keep) if kept]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topology", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("--tolerance", type=float, default=0.03, help="degrees (default 0.03, about 3 km)")
    parser.add_argument("--min-area", type=float, default=0.004, help="square degrees (default 0.004, about 50 km²)")
    args = parser.parse_args()
    topology = json.loads(args.topology.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    country = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == VIETNAM)
    polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country["arcs"]]
    rings = []
    for polygon in polygons:
        outer = ring(arcs, polygon[0])  # holes: none worth drawing at this scale
        if area(outer) < args.min_area:
            continue
        points = simplify(outer, args.tolerance)
        rounded = [[round(x, 2), round(y, 2)] for x, y in points]
        rings.append([p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]])
    rings.sort(key=lambda r: -area([tuple(p) for p in r]))
    places = gazetteer()
    zones = {p.short: p for p in places.places(ERA_2025) if p.level == "ward" and p.kind == "Đặc khu"}
    marks = {}
    for key, short in ARCHIPELAGOS.items():
        lat, lon = places.position(zones[short])
        marks[key] = [round(lon, 2), round(lat, 2)]
    data = {
        "source": "Natural Earth 1:10m Admin 0 countries (v4.1.0), Vietnam, via the npm package world-atlas 2.0.2 "
                  "(countries-10m.json); simplified by bench/make_outline.py "
                  f"(tolerance {args.tolerance}°, islands from {args.min_area} square degrees, rounded to 0.01°)",
        "licence": "Natural Earth: public domain (naturalearthdata.com/about/terms-of-use); "
                   "world-atlas: ISC, Copyright 2013-2019 Michael Bostock",
        "archipelagos_source": "vietnamadminunits 1.0.4 (MIT): positions of Đặc khu Hoàng Sa and Đặc khu Trường Sa",
        "rings": rings,
        "archipelagos": marks,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text.replace(',"', ',\n"').replace('],[[', '],\n[[') + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rings)} rings, {sum(map(len, rings))} points, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
