"""The article and image files of a content folder: finding them, in one walk (symbolic
links followed, and named in warnings), and their stats, by which a build tells which ones
changed."""

from __future__ import annotations

import os
from pathlib import Path

from ..model.errors import BuildFailed, Problem


IMAGE_SUFFIXES = (".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp")
"""The image files an article may show (build/media.py), by suffix in any case. Not SVG:
an SVG file can hold scripts, which run when it is opened from the site by itself."""


def find_inputs(content_dir: Path, shown: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """Every ``*.md`` file and every image file (IMAGE_SUFFIXES) under the content folder,
    skipping hidden and ``_`` names, and every other file there that looks like an article
    (``is_stray``: left out, named in warnings by ``stray_articles``), each list sorted
    (path strings: a build that finds nothing changed only stats them). Symbolic links to files and to folders are followed
    alike, wherever they point (``linked_sources`` names them in warnings); a folder
    reached twice (a loop of links) is read once. A content folder that is not there, is
    not a folder or cannot be read is a problem (``shown``: the folder as problems name it),
    never an empty archive: a mistyped ``--content`` would publish an empty site."""
    shown = shown or content_dir.name
    if not content_dir.is_dir():
        if content_dir.exists():
            raise BuildFailed([Problem(shown, None, None, "not a folder: the articles are read from a folder "
                                       "(content/, or the one --content names)")])
        raise BuildFailed([Problem(f"{shown}/", None, None, "no such folder: the articles are read from it (an empty "
                                   "one for a new archive); run build.py in the project folder, or pass --root or "
                                   "--content")])
    found: list[str] = []
    images: list[str] = []
    strays: list[str] = []
    seen: set[str] = set()
    unreadable: list[OSError] = []
    for folder, dirs, names in os.walk(content_dir, onerror=unreadable.append, followlinks=True):
        seen.add(os.path.realpath(folder))
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))
                   and os.path.realpath(os.path.join(folder, d)) not in seen]
        for name in names:
            if not name.startswith((".", "_")):
                if name.endswith(".md"):
                    found.append(os.path.join(folder, name))
                elif name.lower().endswith(IMAGE_SUFFIXES):
                    images.append(os.path.join(folder, name))
                elif is_stray(os.path.join(folder, name)):
                    strays.append(os.path.join(folder, name))
    if unreadable:
        raise BuildFailed([Problem(_folder(shown, os.path.relpath(error.filename, content_dir)), None, None,
                                   f"cannot be read: {error.strerror}") for error in unreadable])
    dangling = [path for path in [*found, *images] if not os.path.exists(path)]
    if dangling:
        raise BuildFailed([Problem(os.path.relpath(path, content_dir.parent), None, None,
                                   f"is a symbolic link to {os.readlink(path)}, which does not exist; "
                                   "restore the file it points to or remove the link") for path in dangling])
    return sorted(found), sorted(images), sorted(strays)


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
"""Markdown files' names: a file named so in another spelling than ``.md`` looks like an article."""
DATA_SUFFIXES = (".yaml", ".yml")
"""Files that may start with ``---`` (a YAML document) without being an article."""


def is_stray(path: str) -> bool:
    """Whether a file the build does not read (not ``*.md``, not an image) looks like an
    article: a Markdown name spelt otherwise (``UP.MD``, ``bai.markdown``, ``"bai.md "``),
    or front matter (a first line ``---``) in any other file but YAML (``bai.md.txt``); a
    note or a picture has neither. Only the first bytes of such a file are read."""
    name = os.path.basename(path).strip().lower()
    if name.endswith(MARKDOWN_SUFFIXES):
        return True
    if name.endswith(DATA_SUFFIXES):
        return False
    try:
        with open(path, "rb") as file:
            head = file.read(64)
    except OSError:
        return False
    first, newline, _ = head.removeprefix(b"\xef\xbb\xbf").partition(b"\n")
    return bool(newline) and first.rstrip(b" \t\r") == b"---"


def stray_articles(strays: list[str], content_dir: Path, display_root: str) -> list[Problem]:
    """A warning for every file that looks like an article but is not built (``is_stray``),
    saying what to rename it to."""
    warnings = []
    prefix = f"{content_dir}{os.sep}"
    for path in strays:
        rel = path.removeprefix(prefix).replace(os.sep, "/")
        folder, _, name = rel.rpartition("/")
        stem, suffix = os.path.splitext(name.strip())
        if suffix.lower() == ".txt" and os.path.splitext(stem)[1].lower() in MARKDOWN_SUFFIXES:  # bai.md.txt
            stem = os.path.splitext(stem)[0]
        renamed = f"{folder}/{stem}.md" if folder else f"{stem}.md"
        tail = name[len(name) - len(name.lstrip()) + len(stem):]
        why = f'its name ends in "{tail}", not ".md"' if tail else 'its name does not end in ".md"'
        fix = (f"{display_root}/{renamed} exists: merge the two, or remove this one" if (content_dir / renamed).is_file()
               else f'rename it to "{renamed.rpartition("/")[2]}"')
        warnings.append(Problem(f"{display_root}/{rel}", None, None,
                                f"looks like an article but is not built: {why}; {fix}"))
    return warnings


def _folder(shown: str, rel: str) -> str:
    """A folder under the content folder as problems name it: ``content/2021/``."""
    return f"{shown}/" if rel == os.curdir else f"{shown}/{rel.replace(os.sep, '/')}/"


def linked_sources(content_dir: Path, display_root: str) -> list[Problem]:
    """A warning for every symbolic link among the articles' files, images and folders:
    they are built from wherever the links point, which a copy of content/ (a repository,
    a backup) may not hold."""
    warnings = []
    for folder, dirs, names in os.walk(content_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in [*dirs, *(n for n in names if n.endswith(".md") or n.lower().endswith(IMAGE_SUFFIXES))]:
            if name.startswith((".", "_")):
                continue
            path = os.path.join(folder, name)
            if os.path.islink(path):
                kind = "folder" if name in dirs else "file"
                warnings.append(Problem(f"{display_root}/{os.path.relpath(path, content_dir).replace(os.sep, '/')}",
                                        None, None, f"is a symbolic link to the {kind} {os.path.realpath(path)}; "
                                        "it is built from there (copy it into content/ to keep it with the archive)"))
    return warnings


Stat = tuple[int, int, int]
"""(size, mtime in ns, ctime in ns) of an input file."""


def file_stat(path: Path | str) -> Stat:
    """(size, mtime in ns, ctime in ns) of one input file."""
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


def file_stats(paths: list[str]) -> dict[str, Stat]:
    """``file_stat`` of each file, by path."""
    return {path: file_stat(path) for path in paths}
