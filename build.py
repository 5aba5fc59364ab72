#!/usr/bin/env python3
"""Build the archive site: ``python build.py`` reads site.yaml, content/ and templates/
and writes output/. The only place that prints and chooses the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archivist.errors import BuildFailed
from archivist.pipeline import Project, build


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the archive website into output/.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent,
                        help="project folder holding site.yaml, content/ and templates/ (default: this folder)")
    parser.add_argument("--content", type=Path, help="articles folder (default: ROOT/content)")
    parser.add_argument("--templates", type=Path, help="templates folder (default: ROOT/templates)")
    parser.add_argument("--output", type=Path, help="output folder (default: ROOT/output)")
    parser.add_argument("--base-url", help="absolute URL the site is published at (overrides site.yaml)")
    parser.add_argument("--no-search", action="store_true", help="skip the search index")
    parser.add_argument("--clean", action="store_true", help="ignore the cache and rewrite every output file")
    parser.add_argument("--strict", action="store_true", help="treat warnings as problems: fail the build")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems and warnings")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    project = Project.at(args.root.resolve(), content=args.content, templates=args.templates, output=args.output)
    try:
        report = build(project, base_url=args.base_url, search_index=False if args.no_search else None,
                       strict=args.strict, clean=args.clean)
    except BuildFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        count = len(failed.problems)
        print(f"build failed: {count} problem{'s' if count != 1 else ''}; output/ was not changed", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build interrupted; output/ was not changed", file=sys.stderr)
        return 130
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        total = sum(report.seconds.values())
        stages = ", ".join(f"{name} {sec:.2f}s" for name, sec in report.seconds.items())
        index = {"rebuilt": "search index rebuilt", "kept": "search index unchanged",
                 "off": "no search index"}[report.index]
        print(f"{report.articles} articles, {report.pages} pages: {report.written} written, "
              f"{report.unchanged} unchanged, {report.removed} removed; {index}; {total:.2f}s ({stages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
