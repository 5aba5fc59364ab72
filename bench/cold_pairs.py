#!/usr/bin/env python3
"""Cold builds, ours and Hugo's, one after the other in pairs: the ratio on a drifting machine.

    python bench/cold_pairs.py WORK [--pairs P]

WORK is a folder kept by ``bench/run.py N --keep WORK`` (its project copy, archive and
Hugo site). ``run.py`` times R cold builds of ours, then, twenty minutes later, R of
Hugo's; on this shared machine the speed of both drifts by 15-30 % within the hour, so the
ratio of those medians moves with it. Here each of P pairs is a cold build without search
of ours then one of Hugo's on the same articles, each with its output (and our cache)
moved aside first (``run.fresh``); the ratio is given per pair and as the median of
the pair ratios. Writes bench/results/<N>-<date>-pairs.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path

import run as bench  # beside this file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="a folder kept by bench/run.py --keep")
    parser.add_argument("--pairs", type=int, default=5, help="pairs of cold builds (default 5)")
    parser.add_argument("--machine", help='machine label for the results, e.g. "2 cores, 24 GiB, shared"')
    parser.add_argument("--results", type=Path, default=bench.HERE / "results", help="folder for the JSON results")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    archives = sorted(work.glob("archive-*"))
    project, hugo_site = work / "project", work / "hugo-site"
    if not archives or not (hugo_site / "hugo.toml").exists():
        parser.error(f"{work} holds no archive-N and hugo-site: run bench/run.py N --keep {work} first")
    site = archives[-1]
    project = project if (project / "build.py").exists() else bench.REPO
    bench._trash[:] = [work / ".bench-trash"]
    out, hugo_out = work / "out-pairs-ours", work / "out-pairs-hugo"
    ours_cmd = [sys.executable, project / "build.py", "--root", site, "--templates", project / "templates",
                "--output", out, "--no-search"]
    hugo_cmd = [bench.find_hugo(), "--source", hugo_site, "--destination", hugo_out, "--quiet"]
    pairs = []
    try:
        for k in range(args.pairs):
            for path in (out, out.parent / f".{out.name}.staging", site / ".cache"):
                bench.fresh(path)
            ours = bench.run(ours_cmd)
            bench.fresh(hugo_out)
            hugo = bench.run(hugo_cmd)
            pairs.append({"ours": _times(ours), "hugo": _times(hugo), "ratio": ours.seconds / hugo.seconds})
            print(f"  pair {k + 1}/{args.pairs}: ours {ours.seconds:6.2f} s ({ours.user_s:.1f} user, {ours.sys_s:.1f} sys), "
                  f"Hugo {hugo.seconds:6.2f} s ({hugo.user_s:.1f} user, {hugo.sys_s:.1f} sys): {pairs[-1]['ratio']:.2f}x",
                  file=sys.stderr)
    except bench.BenchError as failed:
        print(f"bench: {failed}", file=sys.stderr)
        return 1
    finally:
        bench.empty_trash()

    def median(who: str, what: str) -> float:
        return statistics.median(pair[who][what] for pair in pairs)

    result = {"n": int(site.name.split("-")[-1]), "pairs": pairs, "date": dt.date.today().isoformat(),
              "machine": bench.machine(args.machine), "project": str(project),
              "ratio_median": statistics.median(pair["ratio"] for pair in pairs),
              "ratio_min": min(pair["ratio"] for pair in pairs), "ratio_max": max(pair["ratio"] for pair in pairs),
              "ours_median_s": median("ours", "wall_s"), "hugo_median_s": median("hugo", "wall_s"),
              "ours_user_median_s": median("ours", "user_s"), "hugo_user_median_s": median("hugo", "user_s")}
    path = bench.save_results(args.results, f"{result['n']}-{result['date']}-pairs", result)
    print(f"N = {result['n']}, {args.pairs} pairs of cold builds without search (ours, then Hugo's)\n\n"
          f"| | ours | Hugo | ours/Hugo |\n|---|---|---|---|\n"
          f"| wall, median | {result['ours_median_s']:.2f} s | {result['hugo_median_s']:.2f} s | "
          f"{result['ratio_median']:.2f}× (median of the pairs' ratios; {result['ratio_min']:.2f}–{result['ratio_max']:.2f}) |\n"
          f"| user CPU, median | {result['ours_user_median_s']:.2f} s | {result['hugo_user_median_s']:.2f} s | "
          f"{result['ours_user_median_s'] / result['hugo_user_median_s']:.2f}× |")
    print(f"\nresults: {path}", file=sys.stderr)
    return 0


def _times(r: bench.Run) -> dict:
    return {"wall_s": r.seconds, "user_s": r.user_s, "sys_s": r.sys_s, "rss_mb": r.rss_mb}


if __name__ == "__main__":
    sys.exit(main())
