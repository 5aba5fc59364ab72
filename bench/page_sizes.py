"""The HTML size of every page type of a built site: pages, median and largest per type.

    python bench/page_sizes.py OUT                          # a built output folder
    python bench/page_sizes.py OUT --build ROOT [--templates DIR]   # build ROOT into OUT first (--no-search)
    python bench/page_sizes.py OUT --json sizes.json        # the figures as JSON too

Pages are sorted into types by their URL (the segments of ROOT/site.yaml when --build
or --root names it, else the default ones): home, places index, province, district and
ward pages (and the 2025 units'), tags, years, authors and sources (index and pages),
articles, search. Later pages of a paginated list (``…/trang/2/``) count with their type.
A size is the page file's bytes, in kB of 1,000 bytes; the target for a browsing page
(every type but the article and search pages) is ``--limit`` kB (default 100): the types
whose largest page passes it are named at the end, with their pages over it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from archivist.model.config import Segments, load_config  # noqa: E402

NOT_BROWSING = ("article", "search", "not found")


def page_type(route: tuple[str, ...], s: Segments) -> str:
    """The type of the page at ``route`` (its URL's segments, pagination removed)."""
    if not route:
        return "home"
    top, depth = route[0], len(route)
    if top == s.places:
        return ("places index", "province", "district", "ward")[min(depth, 4) - 1]
    if top == s.places_2025:
        return ("places index (2025)", "province (2025)", "ward (2025)")[min(depth, 3) - 1]
    for segment, kind in ((s.tags, "tag"), (s.authors, "author"), (s.sources, "source")):
        if top == segment:
            return f"{kind}s index" if depth == 1 else f"{kind} page"
    if top == s.years:
        return "years index" if depth == 1 else "year page" if depth == 2 else "year: month page"
    if top == s.articles:
        return "article"
    if top == s.search:
        return "search"
    return "other"


TYPE_ORDER = ["home", "places index", "province", "district", "ward", "places index (2025)", "province (2025)",
              "ward (2025)", "tags index", "tag page", "years index", "year page", "year: month page",
              "authors index", "author page", "sources index", "source page", "article", "search", "not found",
              "other"]


def sizes_by_type(site: Path, segments: Segments) -> dict[str, list[tuple[int, str]]]:
    """(bytes, route) of every HTML page, by type."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if relative.parts[0] in ("pagefind", "static"):
            continue
        if relative.as_posix() == "404.html":
            found["not found"].append((path.stat().st_size, "404.html"))
            continue
        parts = relative.parts[:-1] if relative.name == "index.html" else relative.with_suffix("").parts
        if len(parts) >= 2 and parts[-2] == segments.page and parts[-1].isdigit():
            parts = parts[:-2]
        route = "/".join(relative.parts[:-1]) + "/" if relative.name == "index.html" else relative.as_posix()
        found[page_type(tuple(parts), segments)].append((path.stat().st_size, route.lstrip("/") or "/"))
    return found


def table(found: dict[str, list[tuple[int, str]]], limit_kb: float) -> tuple[str, list[str]]:
    """A Markdown table of the types, and the lines naming the browsing types over the limit."""
    lines = ["| page type | pages | median kB | largest kB | largest page |", "| --- | ---: | ---: | ---: | --- |"]
    over = []
    for kind in sorted(found, key=lambda k: TYPE_ORDER.index(k) if k in TYPE_ORDER else len(TYPE_ORDER)):
        pages = sorted(found[kind], key=lambda p: (-p[0], p[1]))
        median = statistics.median(size for size, _ in pages)
        lines.append(f"| {kind} | {len(pages):,} | {median / 1000:.1f} | {pages[0][0] / 1000:.1f} | `{pages[0][1]}` |")
        big = [p for p in pages if p[0] > limit_kb * 1000]
        if big and kind not in NOT_BROWSING:
            over.append(f"{kind}: {len(big)} of {len(pages)} pages over {limit_kb:g} kB, largest "
                        + ", ".join(f"`{route}` {size / 1000:.1f} kB" for size, route in big[:5]))
    return "\n".join(lines), over


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built output folder (written first with --build)")
    parser.add_argument("--build", type=Path, metavar="ROOT", help="build this project into SITE first, without search")
    parser.add_argument("--root", type=Path, help="the project whose site.yaml names the URL segments")
    parser.add_argument("--templates", type=Path, help="templates folder for --build (default: this repository's)")
    parser.add_argument("--limit", type=float, default=100.0, help="kB a browsing page may have (default 100)")
    parser.add_argument("--json", type=Path, help="write the sizes per type here too")
    args = parser.parse_args()
    root = args.build or args.root
    if args.build:
        command = [sys.executable, str(PROJECT / "build.py"), "--root", str(args.build), "--output", str(args.site),
                   "--templates", str(args.templates or PROJECT / "templates"), "--no-search", "-q"]
        started = time.monotonic()
        subprocess.run(command, check=True)
        print(f"built {args.build} into {args.site} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    segments = load_config(root / "site.yaml").segments if root and (root / "site.yaml").exists() else Segments()
    found = sizes_by_type(args.site, segments)
    text, over = table(found, args.limit)
    print(text)
    print()
    print("\n".join(over) if over else f"every browsing page is at most {args.limit:g} kB")
    if args.json:
        summary = {kind: {"pages": len(pages), "median": statistics.median(s for s, _ in pages),
                          "max": max(pages)[0], "largest": max(pages)[1]} for kind, pages in found.items()}
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
