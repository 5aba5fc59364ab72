#!/usr/bin/env python3
"""A text edit as the curator meets it, old revision against new, in pairs.

    python bench/edit_pairs.py --tree old=DIR --tree new=DIR --root old=ROOT --root new=ROOT \\
        --article NAME.md [--pairs 5] [--no-search] [--phase edit|nochange] [--out JSON]

Each revision (a checkout, ``--tree``) builds its own copy of one archive (``--root``, its
output in ``ROOT/output``; warm both with a build first). Per pair, the same sentence is
appended to ``content/NAME.md`` in both roots (``--phase edit``; ``nochange`` appends
nothing), then each revision runs ``python build.py --root ROOT -q`` in turn, in reverse
order on every other pair, so that the machine's drift falls on both alike. Timed from the
command's start: **live**, when ``output/`` is swapped (its inode changes: the pages, and
with search their shard's index, are served), and **wall**, when the command exits. Prints
the medians, min–max, and the median of the per-pair new/old ratios, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def timed(tree: Path, root: Path, search: bool) -> dict:
    """One build of ``root`` by the checkout ``tree``: seconds to the swap and to the exit."""
    output = root / "output"
    before = os.stat(output).st_ino if output.exists() else None
    command = [sys.executable, "build.py", "--root", str(root), "--templates", str(tree / "templates"), "-q",
               *([] if search else ["--no-search"])]
    started_load = load()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    live = None
    while process.poll() is None:
        if live is None:
            try:
                if os.stat(output).st_ino != before:
                    live = time.perf_counter() - start
            except FileNotFoundError:
                pass
        time.sleep(0.002)
    wall = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{tree}: build failed: {process.stderr.read().decode()[-2000:]}")
    return {"live": live, "wall": wall, "load": started_load}


def summary(rows: list[dict], names: list[str], measure: str) -> str:
    def values(name: str) -> list[float]:
        return [row[name][measure] for row in rows if row[name][measure] is not None]

    cells = []
    for name in names:
        found = values(name)
        cells.append(f"{statistics.median(found):.2f} s ({min(found):.2f}–{max(found):.2f})" if found else "–")
    pairs = [row[names[1]][measure] / row[names[0]][measure] for row in rows
             if row[names[0]][measure] and row[names[1]][measure]]
    ratio = f"{statistics.median(pairs):.2f}×" if pairs else "–"
    return f"| {measure} | " + " | ".join(cells) + f" | {ratio} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", required=True, help="NAME=checkout (two: old, then new)")
    parser.add_argument("--root", action="append", required=True, help="NAME=archive root of that checkout")
    parser.add_argument("--article", required=True, help="file under content/ to append a sentence to")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--phase", choices=("edit", "nochange"), default="edit")
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    trees = dict(item.split("=", 1) for item in args.tree)
    roots = dict(item.split("=", 1) for item in args.root)
    names = list(trees)
    if len(names) != 2 or set(roots) != set(names):
        parser.error("give two --tree NAME=DIR and a --root NAME=DIR for each")
    rows = []
    for number in range(1, args.pairs + 1):
        if args.phase == "edit":
            for name in names:
                with open(Path(roots[name]) / "content" / args.article, "a", encoding="utf-8") as handle:
                    handle.write(f"\nCâu thêm số {number} để đo thời gian dựng lại.\n")
        order = names if number % 2 else names[::-1]
        row = {name: timed(Path(trees[name]), Path(roots[name]), not args.no_search) for name in order}
        rows.append(row)
        print(json.dumps({"pair": number, **row}), flush=True)
    print(f"\n| {args.phase}{'' if not args.no_search else ', --no-search'} | {names[0]} | {names[1]} | "
          f"{names[1]}/{names[0]} |\n| --- | --- | --- | --- |")
    for measure in ("live", "wall"):
        print(summary(rows, names, measure))
    loads = [row[name]["load"] for row in rows for name in names]
    print(f"\nload average {min(loads):.1f}–{max(loads):.1f}, {len(rows)} pairs")
    if args.out:
        args.out.write_text(json.dumps({"phase": args.phase, "search": not args.no_search, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
