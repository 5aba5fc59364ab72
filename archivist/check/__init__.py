"""``check()``: validate an archive without building it: content and site.yaml as a build
would load them, then the built ``output/`` (``built.py``: the internal links, assets and
fragments of every HTML page, the XML feeds and sitemaps, and robots.txt), and whether
its article pages are those ``content/`` makes now and, by the last build's record
(``since``), whether an input or a file of output/ changed since the build that made it.
Nothing is fetched from the network and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from ..build.content import load_articles, read_sources
from ..build.output import MARKER
from ..build.pipeline import configure, published
from ..build.progress import SILENT, Progress
from ..build.project import Project
from ..build.site import Site as SiteModel
from ..build.site import make_site
from ..build.sources import file_stats, find_inputs
from ..build.store import Store
from ..model.config import base_url as checked_base_url
from ..model.errors import BuildFailed, Problem
from ..model.places import gazetteer
from .built import ROBOTS_LINE, BuiltSite, scan
from .since import changed_since, record_of

__all__ = ["GROUPED", "built_base_url", "check", "checked"]




def check(project: Project, base_url: str | None = None, meter: Progress = SILENT,
          drafts: bool = False) -> list[Problem]:
    """Every problem of the project, ordered by path and line; [] when all is valid.

    Content and config problems are reported alone (the output cannot be judged until
    the content is valid); warnings are not problems. The site is checked as it was
    built: with the base URL its robots.txt names (none when it names no sitemap), unless
    ``base_url`` says otherwise (it places the root-absolute links of 404.html). A problem
    found on many pages alike is one line, with the count. ``meter`` is told how far
    parsing the articles and checking the pages have come (build/progress.py).

    The site is judged as the build publishes it: its articles are those the build shows
    (pipeline.published), with drafts only when site.yaml includes them or ``drafts``
    (``check --drafts``, for a preview built with ``--drafts``) says so; an output/ that
    holds drafts it should not is a problem, never fit to publish.
    """
    try:
        config = configure(project, None, None, True if drafts else None)
        root = _display(project, project.content)
        inputs = find_inputs(project.content, root)  # one walk of content/, for the load and the comparison
        loaded = load_articles(project.content, gazetteer(), root, _ReadOnlyStore(project.cache),
                               read_sources(project.content, root, None, file_stats(inputs[0])), meter,
                               images=dict.fromkeys(inputs[1]), image_hosts=config.image_hosts, strays=inputs[2])
    except BuildFailed as failed:
        return list(failed.problems)
    articles = published(loaded.articles, config)
    base = built_base_url(project.output) if base_url is None else base_url
    if base_url:
        try:
            base = checked_base_url(base_url)
        except ValueError as error:
            return [Problem("--base-url", None, None, str(error))]
    shown = _display(project, project.output)
    if not (project.output / MARKER).is_file():
        return [Problem(f"{shown}/", None, None, "not built yet; run python build.py")]
    site = BuiltSite(project.output, shown, base)
    model = make_site(config, articles)
    shown_articles = {a.path for a in articles}
    left_out = {model.routes.article(a) + "index.html" for a in loaded.articles if a.path not in shown_articles}
    stale = _out_of_date(model, site, shown, left_out, "python build.py --drafts" if drafts else "python build.py")
    record = record_of(project, _ReadOnlyStore(project.cache))
    if record is not None:
        try:
            stale += changed_since(project, config, record, inputs)
        except OSError as error:  # an input the build could not read either
            stale.append(Problem(f"{shown}/", None, None, f"cannot be compared with the inputs now: {error}"))
    found = site.pages(meter) + site.xml() + site.robots()
    return stale + _grouped(sorted(found, key=lambda p: (p.path, p.line or 0, p.message)))


def _out_of_date(model: SiteModel, site: BuiltSite, shown: str, left_out: set[str], rebuild: str) -> list[Problem]:
    """A problem when the built article pages are not those content/ makes now (an
    article added, removed or renamed since the last build), naming a few of each; and
    one when output/ holds pages of drafts the site leaves out (``left_out``: their files).
    ``rebuild``: the command that brings output/ up to date."""
    folder = f"{model.config.segments.articles}/"
    expected = {page.file for page in model.pages if page.file.startswith(folder)}
    built = {name for name in site.files if name.startswith(folder) and name.endswith("/index.html")}
    drafts = sorted(built & left_out)
    missing, extra = sorted(expected - built), sorted(built - expected - left_out)
    problems = []
    if missing or extra:
        parts = [f"{len(names)} {what % ('s' if len(names) != 1 else '')} ({_some(names)})"
                 for names, what in ((missing, "article page%s missing"), (extra, "page%s of articles no longer there"))
                 if names]
        problems.append(Problem(f"{shown}/", None, None,
                                f"out of date with content/: {'; '.join(parts)}; run {rebuild}"))
    if drafts:
        problems.append(Problem(f"{shown}/", None, None,
                                f"holds {len(drafts)} draft{'s' if len(drafts) != 1 else ''} ({_some(drafts)}): "
                                "built with --drafts, a preview not fit to publish; run python build.py "
                                "(check --drafts checks such a preview)"))
    return problems


def _some(names: list[str]) -> str:
    """The first few of ``names``, and an ellipsis for the others."""
    return ", ".join(names[:3]) + (", …" if len(names) > 3 else "")


def built_base_url(output: Path) -> str:
    """The base URL a built site was made with, from the sitemap its robots.txt names
    (a build writes one exactly when it has a base URL); "" when none."""
    try:
        text = (output / "robots.txt").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
    for line in text.splitlines():
        match = ROBOTS_LINE.match(line.split("#", 1)[0].strip())
        if match and match.group(1).lower() == "sitemap" and match.group(2).endswith("/sitemap.xml"):
            return match.group(2).removesuffix("sitemap.xml")
    return ""


GROUPED = 3
"""Pages with the same problem beyond which it is said once, with the count."""


def _grouped(problems: list[Problem]) -> list[Problem]:
    """The problems with those found alike on more than GROUPED files (a missing style
    sheet linked from every page) said once, at the first, with how many more."""
    files: dict[str, set[str]] = {}
    for problem in problems:
        files.setdefault(problem.message, set()).add(problem.path)
    result, said = [], set()
    for problem in problems:
        others = len(files[problem.message]) - 1
        if others < GROUPED:
            result.append(problem)
        elif problem.message not in said:
            said.add(problem.message)
            result.append(Problem(problem.path, problem.line, problem.field,
                                  f"{problem.message} (and on {others} other pages alike)"))
    return result


def checked(project: Project) -> str:
    """What a check that found no problem looked at, for its one line."""
    files: set[str] = set()
    scan(str(project.output), "", files)
    pages = sum(1 for name in files if name.endswith(".html"))
    feeds = sum(1 for name in files if name.endswith("feed.xml"))
    sitemaps = sum(1 for name in files if name.startswith("sitemap") and name.endswith(".xml"))
    xml = f"{feeds} feeds and {sitemaps} sitemap files" if feeds or sitemaps else \
        "no feeds or sitemap (built without a base URL)"
    return (f"content/ and site.yaml as a build reads them; the links, assets and fragments of {pages} pages; "
            f"{xml}; robots.txt")


class _ReadOnlyStore(Store):
    """The build's parse cache, read but never written."""

    def put_bytes(self, name: str, data: bytes | memoryview) -> None:  # (put comes here too)
        return None

    def put_many(self, blobs: dict[str, bytes]) -> None:
        return None

    def prune(self, live: set[str]) -> None:
        return None



def _display(project: Project, path: Path) -> str:
    """A path as shown to the curator: relative to the project folder when inside it."""
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)

