#!/usr/bin/env python3
"""The archive's command line; the only place that prints and chooses the exit code.

    python build.py [options]          build output/ from site.yaml, content/, templates/
    python build.py serve [options]    build, serve on 127.0.0.1 (or --bind ADDR), rebuild on every change
    python build.py check [options]    validate content/ and the built output/
    python build.py import RAW_FILE... [--url URL] [--retrieved YYYY-MM-DD] [--allow-duplicate]
                                       turn raw scraped pages into drafts in content/
    python build.py new TITLE          write a new article's skeleton in content/
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import textwrap
import time
from pathlib import Path
from typing import Callable

from archivist.build.progress import SILENT, Progress
from archivist.model.errors import BuildFailed
from archivist.commands import BuildReport, Project, build

COMMANDS = ("build", "serve", "check", "import", "new")


def parser_for(command: str) -> argparse.ArgumentParser:
    descriptions = {
        "build": "Build the archive website into output/.",
        "serve": "Build, serve the site on 127.0.0.1 and rebuild (and reload the browser) on every change.",
        "check": "Validate content/ and site.yaml, then the built output/: links, assets, feeds, sitemap.",
        "import": "Turn raw scraped article pages (text or saved HTML) into curated drafts in content/.",
        "new": "Write a new article's skeleton (a draft) in content/, named from its title.",
    }
    prog = "build.py" if command == "build" else f"build.py {command}"
    epilog = ("other commands: " + ", ".join(f"build.py {name}" for name in COMMANDS[1:])
              + " (each with --help)") if command == "build" else None
    parser = argparse.ArgumentParser(prog=prog, description=descriptions[command], epilog=epilog)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent,
                        help="project folder holding site.yaml, content/ and templates/ (default: this folder)")
    parser.add_argument("--content", type=Path, help="articles folder (default: ROOT/content)")
    parser.add_argument("--templates", type=Path, help="templates folder (default: ROOT/templates)")
    parser.add_argument("--output", type=Path, help="output folder (default: ROOT/output)")
    parser.add_argument("--base-url", help="absolute URL the site is published at (overrides site.yaml)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print only problems and warnings (no progress, no summary)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each stage as it ends, with counts and time")
    if command in ("build", "serve"):
        parser.add_argument("--no-search", action="store_true", help="skip the search index")
        parser.add_argument("--strict", action="store_true", help="treat warnings as problems: fail the build")
        parser.add_argument("--drafts", action="store_true",
                            help="include draft articles (draft: true), each page marked as a draft")
    if command == "check":
        parser.add_argument("--drafts", action="store_true",
                            help="check a preview built with --drafts (without it, an output/ holding drafts "
                                 "fails: it is not fit to publish)")
    if command == "build":
        parser.add_argument("--clean", action="store_true", help="ignore the cache and rewrite every output file")
    if command == "serve":
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
        parser.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                            help="address to serve on (default: 127.0.0.1, this computer only); 0.0.0.0 lets "
                                 "other devices on the network, a phone, open the preview")
    if command == "new":
        parser.add_argument("title", nargs="+", metavar="TITLE", help="the article's title (quotes optional)")
    if command == "import":
        parser.add_argument("raw", nargs="+", type=Path, metavar="RAW_FILE", help="raw page text or saved HTML")
        parser.add_argument("--url", help="address the page was retrieved from (provenance; the source if the text names none)")
        parser.add_argument("--retrieved", help="date the page was retrieved, YYYY-MM-DD")
        parser.add_argument("--allow-duplicate", action="store_true",
                            help="import a page the archive already has (same address, same title, date and place, "
                                 "or the same text) as a draft marked duplicate_of, instead of refusing it")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("archivist")
    except PackageNotFoundError:  # run from a checkout that was not installed
        return "(not installed)"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        import difflib

        close = difflib.get_close_matches(argv[0], COMMANDS, n=1, cutoff=0.5)
        hint = f"; did you mean `{close[0]}`?" if close else f"; the commands are {', '.join(COMMANDS)}"
        print(f"build.py: unknown command `{argv[0]}`{hint}", file=sys.stderr)
        return 2
    command = argv.pop(0) if argv and argv[0] in COMMANDS else "build"
    args = parser_for(command).parse_args(argv)
    project = Project.at(args.root.resolve(), content=args.content, templates=args.templates, output=args.output)
    try:
        if command == "serve":
            from archivist.preview.serve import serve

            if not _local(args.bind):
                say(f"warning: serving on {args.bind}: every device on the network can open the preview "
                    f"{'and its drafts ' if args.drafts else ''}while it runs; do this on a network you trust")
            return serve(project, port=args.port, base_url=args.base_url, search_index=False if args.no_search else None,
                         strict=args.strict, drafts=args.drafts or None, host=args.bind, say=say)
        if command == "new":
            import datetime

            from archivist.importer.skeleton import new_article

            title = " ".join(args.title)
            try:
                path = new_article(project.content, title, datetime.date.today())
            except FileExistsError as taken:
                print(f"{_shown(project, Path(taken.filename or taken.args[0]))} already exists (or has the same URL): edit it, "
                      "or give another title", file=sys.stderr)
                return 1
            except ValueError as error:
                print(f"build.py new: {error}", file=sys.stderr)
                return 1
            print(f"wrote {_shown(project, path)}: a draft; fill in its locality and text, then remove "
                  "draft: true to publish it")
            return 0
        if command == "import":
            from archivist.importer.drafts import import_files

            result = import_files(args.raw, project.content, url=args.url, retrieved=args.retrieved,
                                  allow_duplicate=args.allow_duplicate, cache=project.cache,
                                  meter=progress_for(args.quiet))
            repeats = dict(result.duplicates)
            for path in result.written:
                print(f"wrote {_shown(project, path)}" + (f", a duplicate of {repeats[path].path} "
                                                          f"({repeats[path].reason}): marked duplicate_of"
                                                          if path in repeats else ""))
            for path, reason in result.skipped:
                say(f"skipped {path}: {reason}")
            for problem in result.problems:
                say(str(problem))
            if result.interrupted:
                count = len(result.written)
                print(f"import interrupted: {count} draft{'s' if count != 1 else ''} written (listed above); "
                      "the same command again imports the rest (the pages already imported are skipped)",
                      file=sys.stderr)
                return 130
            return 1 if result.problems else 0
        if command == "check":
            from archivist.check import check, checked

            problems = check(project, base_url=args.base_url, meter=progress_for(args.quiet), drafts=args.drafts)
            for problem in problems:
                say(str(problem))
            if problems:
                print(f"check failed: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
                return 1
            if not args.quiet:
                print(f"check passed: {checked(project)}")
            return 0
        progress = (lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None
        report = build(project, base_url=args.base_url, search_index=False if args.no_search else None,
                       strict=args.strict, clean=args.clean, progress=progress, drafts=args.drafts or None,
                       waiting=None if args.quiet else lambda line: print(line, file=sys.stderr, flush=True),
                       meter=progress_for(args.quiet))
    except BuildFailed as failed:
        for problem in failed.problems:
            say(str(problem))
        count = len(failed.problems)
        print(f"build failed: {count} problem{'s' if count != 1 else ''}; output/ was not changed", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; output/ was not changed", file=sys.stderr)
        return 130
    except OSError as error:  # a full disk, a read-only folder…: the build stopped before its swap
        where = f"{error.filename}: " if error.filename else ""
        print(f"{where}{error.strerror or error}; output/ was not changed", file=sys.stderr)
        return 1
    for warning in report.warnings:
        say(f"warning: {warning}")
    if not args.quiet:
        print(summary(report))
    return 0


def say(line: str) -> None:
    """Print a problem, a warning or a message on stderr, wrapped to the terminal's width."""
    print(wrapped(line, shutil.get_terminal_size().columns if sys.stderr.isatty() else None),
          file=sys.stderr, flush=True)


_PREFIX = re.compile(r"^(?:warning: )?\S+?:(?:\d+:)? (?:[\w.\[\]-]+: )?")
"""``warning: content/x.md:4: locality: ``, kept whole on a wrapped line's first line."""


def wrapped(line: str, width: int | None) -> str:
    """``line`` wrapped at spaces to ``width`` (None: as it is), each line after the first
    indented, the ``[warning: ]path:line: field:`` it starts with kept whole."""
    if width is None or len(line) <= width:
        return line
    prefix = _PREFIX.match(line)
    head = prefix.group() if prefix and len(prefix.group()) < width // 2 else ""
    return textwrap.fill(line[len(head):], max(width, 40), initial_indent=head, subsequent_indent="    ",
                         break_long_words=False, break_on_hyphens=False)


def _local(address: str) -> bool:
    """Whether ``address`` is this computer's alone (loopback)."""
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address == "localhost"


def _shown(project: Project, path: Path) -> Path:
    return path.relative_to(project.root) if path.is_relative_to(project.root) else path


def summary(report: BuildReport) -> str:
    """The one-line summary of a build."""
    total = sum(report.seconds.values())
    articles = f"{report.articles} articles"
    if report.drafts:
        articles += f" ({report.drafts} draft{'s' if report.drafts != 1 else ''} left out; --drafts includes them)"
    if report.skipped:
        return f"{articles}, {report.pages} pages: nothing changed since the last build, output/ left as it is; {total:.2f}s"
    stages = ", ".join(f"{name} {sec:.2f}s" for name, sec in report.seconds.items())
    index = {"rebuilt": "search index rebuilt ({} of {} shards)".format(*report.shards),
             "kept": "search index unchanged", "off": "no search index"}[report.index]
    return (f"{articles}, {report.pages} pages: {report.parsed} parsed, {report.rendered} rendered, "
            f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed; {index}; "
            f"{total:.2f}s ({stages})")


def progress_for(quiet: bool) -> Progress:
    """How long work shows its progress: nothing with -q, a bar on a terminal, plain lines
    in a log (stderr is not a terminal: CI, a pipe, a file)."""
    if quiet:
        return SILENT
    if sys.stderr.isatty():
        return Bars()
    return Lines(lambda line: print(line, file=sys.stderr, flush=True))


class Bars(Progress):
    """Progress as a bar on the terminal (rich, on stderr): the stage, the count done of
    the total, the percentage and the time left; the bar is cleared when its stage ends."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, TaskProgressColumn, TextColumn,
                                   TimeRemainingColumn)
        from rich.progress import Progress as RichProgress

        self._bars = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[unit]}"), TaskProgressColumn(), TimeRemainingColumn(),
                                  console=Console(stderr=True), transient=True)
        self._task: int | None = None

    def start(self, stage: str, total: int, unit: str) -> None:
        if total:
            self._bars.start()
            self._task = self._bars.add_task(stage, total=total, unit=unit)

    def advance(self, count: int) -> None:
        if self._task is not None:
            self._bars.advance(self._task, count)

    def end(self) -> None:
        if self._task is not None:
            self._bars.remove_task(self._task)
            self._bars.stop()
            self._task = None


class Lines(Progress):
    """Progress as plain lines, for logs: once a stage has run QUIET_FOR seconds, a line at
    every tenth of it and at least every EVERY seconds while it moves
    (``parse: 1,200/3,000 articles (40%), about 18s left``); nothing for a shorter stage."""

    QUIET_FOR = 2.0
    EVERY = 10.0

    def __init__(self, say: Callable[[str], None], clock: Callable[[], float] = time.monotonic) -> None:
        self._say, self._clock = say, clock
        self._stage, self._unit, self._total, self._done, self._tenths = "", "", 0, 0, 0
        self._began = self._said = 0.0

    def start(self, stage: str, total: int, unit: str) -> None:
        self._stage, self._unit, self._total, self._done, self._tenths = stage, unit, total, 0, 0
        self._began = self._said = self._clock()

    def advance(self, count: int) -> None:
        self._done += count
        now = self._clock()
        tenths = self._done * 10 // max(self._total, 1)
        if now - self._began < self.QUIET_FOR or (tenths <= self._tenths and now - self._said < self.EVERY):
            return
        self._tenths, self._said, elapsed = tenths, now, now - self._began
        when = (f"done in {elapsed:.1f}s" if self._done >= self._total else "time left not known yet"
                if not self._done else f"about {elapsed * (self._total - self._done) / self._done:.0f}s left")
        self._say(f"{self._stage}: {self._done:,}/{self._total:,} {self._unit} "
                  f"({self._done * 100 // max(self._total, 1)}%), {when}")


if __name__ == "__main__":
    sys.exit(main())
