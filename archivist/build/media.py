"""Images in article bodies: every ``<img>`` a body shows, Markdown's or raw HTML's.

Reading an article (``read_images``) finds them, with the line each is written on, and
its problems: no alt text, an address a page cannot show. Those depend on the file alone,
so the parse cache keeps them. Loading the archive then finds each image
(``find_images``): a file beside the article under ``content/`` (in its folder or below),
whose width and height it writes into the ``<img>`` (``measure``d, unless the build knows
them: the speed machinery keeps each file's by the digest of its bytes), or an address on
a host that ``site.yaml``'s ``image_hosts`` allows. That depends on other files, so it is
done on every build, from the image files the build found under ``content/``
(``find_inputs``): what a build tracks for freshness is all it can see. A page showing an
article counts its images' files and sizes in its fingerprint (model/fingerprints.py); the
files are copied beside the article's page (``image_copies``), so a body's relative
addresses work as written.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from ..model.errors import BuildFailed, Problem
from ..model.records import Article, Image
from .sources import IMAGE_SUFFIXES

FIELD = "image"
"""The field an image's problems name."""
_IMG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
"""An ``<img>`` tag of a sanitized body (a ``>`` inside a quoted value is no end)."""
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
"""An attribute of a sanitized tag: nh3 writes every value in double quotes, escaped."""
_REMOTE = ("http", "https")
_KINDS = ", ".join(IMAGE_SUFFIXES)

Size = tuple[int, int]
"""An image's (width, height) in pixels, as ``measure`` reads them; (-1, -1) when it cannot."""
ImageFiles = Mapping[str, "Size | None"]
"""The image files under the content folder (paths, ``find_inputs``), each with its size
when the build knows it (else None: measured if an article shows it)."""


def read_images(body: str, body_html: str, first_line: int) -> tuple[tuple[Image, ...], list[tuple[int, str]]]:
    """The images of a body (its text and its sanitized HTML, whose body starts at line
    ``first_line`` of the file), and the problems of their markup as (line, message)."""
    tags = [dict((name, html.unescape(value)) for name, value in _ATTRIBUTE.findall(tag))
            for tag in _IMG.findall(body_html)]
    if not tags:
        return (), []
    images: list[Image] = []
    problems: list[tuple[int, str]] = []
    at = 0
    for tag in tags:
        src, alt = tag.get("src", ""), tag.get("alt", "").strip()
        written = src or alt  # what to look for in the text, the address when it has one
        found = body.find(written, at) if written else -1
        if found < 0 and written:
            found = body.find(written)
        if found >= 0:
            at = found + len(written)
        line = first_line + body.count("\n", 0, found if found >= 0 else at)
        images.append(Image(src, line))
        shown = f'"{src}"' if src else f'the image "{alt}"' if alt else "an image"
        if not alt:
            problems.append((line, f"{shown} has no alt text: say what the photo shows for readers who cannot see "
                                   f"it, as in ![Lễ ra quân tại phường Mỹ Thạnh]({src or 'anh.jpg'})"))
        if (message := _address_problem(src)) is not None:
            problems.append((line, f"{shown} {message}"))
    return tuple(images), problems


def _address_problem(src: str) -> str | None:
    """What is wrong with an image's address as written, or None."""
    if not src:
        return ("has no address a page can show (a file beside the article, or an http(s) address; "
                "javascript: and data: addresses are removed)")
    parts = urlsplit(src)
    if parts.scheme:
        return None if parts.scheme.lower() in _REMOTE and parts.hostname else \
            "has no address a page can show (a file beside the article, or an http(s) address)"
    if parts.netloc:
        return "has no scheme: write the address in full, with https://"
    path = unquote(parts.path)
    if parts.query or parts.fragment:
        return "is a file name with ? or #: name the file beside the article as it is"
    if "\\" in path:
        return "uses \\ in its path: separate folders with /"
    if path.startswith("/") or ".." in path.split("/"):
        return ("is not beside the article: keep the image in the article's folder (or a folder in it) "
                "and write its path from there, as in anh/le-ra-quan.jpg")
    if not path.lower().endswith(IMAGE_SUFFIXES):
        return f"is not an image file the site can show ({_KINDS})"
    return None


def image_files(content_dir: Path, images: ImageFiles) -> dict[str, tuple[str, Size | None]]:
    """The image files found under the content folder (``ImageFiles``), by their path
    relative to it in NFC (as article text is): {that key: (the path as on disk, its size
    when known)}."""
    prefix = f"{content_dir}/"
    found: dict[str, tuple[str, Size | None]] = {}
    for name, size in images.items():
        rel = (name[len(prefix):] if name.startswith(prefix) else str(Path(name).relative_to(content_dir))).replace("\\", "/")
        found[unicodedata.normalize("NFC", rel)] = rel, size
    return found


def find_all_images(articles: list[Article], content_dir: Path, images: ImageFiles,
                    hosts: tuple[str, ...] | None, display_root: str) -> tuple[list[Article], list[Problem]]:
    """The articles with their images found (``find_images``) among ``images``, the image
    files under the content folder, and on ``hosts`` (not checked when None); and the
    problems."""
    if not any(article.images for article in articles):
        return articles, []
    files = image_files(content_dir, images)
    found: list[Article] = []
    problems: list[Problem] = []
    for article in articles:
        if article.images:
            article, missing = find_images(article, content_dir, files, hosts, f"{display_root}/{article.path}")
            problems.extend(missing)
        found.append(article)
    return found, problems


def find_images(article: Article, content_dir: Path, files: Mapping[str, tuple[str, Size | None]],
                hosts: tuple[str, ...] | None, display: str) -> tuple[Article, list[Problem]]:
    """``article`` with its images found: each local one's file (one of ``files``,
    ``image_files``) and size (as known there, else ``measure``d), written into its
    ``<img>``; and the problems: a file not there or not an image, a host not in ``hosts``
    (not checked when None: site.yaml could not be read)."""
    problems: list[Problem] = []
    found: list[Image] = []
    folder = posixpath.dirname(article.path)
    for image in article.images:
        parts = urlsplit(image.src)
        if parts.scheme:
            host = (parts.hostname or "").lower()
            if hosts is not None and host not in hosts:
                problems.append(Problem(display, image.line, FIELD, f'"{image.src}": images from {host} are not '
                                        f"allowed; keep a copy beside the article, or add {host} to image_hosts in "
                                        "site.yaml"))
            found.append(image)
            continue
        wanted = unicodedata.normalize("NFC", posixpath.normpath(posixpath.join(folder, unquote(parts.path))))
        if wanted not in files:
            root = display.removesuffix(article.path)
            problems.append(Problem(display, image.line, FIELD, f'"{image.src}": no such image: {root}{wanted} '
                                    "(folders and files whose names start with _ or . are not published)"))
            continue
        rel, size = files[wanted]
        # a Path, never a str: imagesize fetches a str that starts with http:// over the network
        width, height = size or measure(content_dir / rel)
        if width <= 0 or height <= 0:
            problems.append(Problem(display, image.line, FIELD, f'"{image.src}": the file cannot be read as an image '
                                    f"({_KINDS}); is it damaged, or of another kind than its name says?"))
            continue
        found.append(replace(image, file=rel, width=width, height=height))
    if problems:
        return article, problems
    return with_found(article, tuple(found)), []


def measure(image: Path | BinaryIO) -> Size:
    """The width and height of an image (a file, or its bytes in a binary stream) from its
    header; (-1, -1) when it cannot be read as an image."""
    import imagesize  # here, not at the top: it loads urllib.request, http.client and ssl, ~14 ms

    return imagesize.get(image)


def with_found(article: Article, found: tuple[Image, ...]) -> Article:
    """``article`` (as read) with its images as ``found`` has them (files and sizes: from
    ``find_images``, or kept from an earlier version of the article showing the same
    images), the sizes written into its ``<img>`` tags that have none."""
    if not found:
        return article
    sizes = iter(found)

    def sized(match: re.Match[str]) -> str:
        tag, image = match.group(0), next(sizes)
        if image.width is None or {"width", "height"} & {name for name, _ in _ATTRIBUTE.findall(tag)}:
            return tag
        return f'{tag[:-1]} width="{image.width}" height="{image.height}">'

    return replace(article, images=found, body_html=_IMG.sub(sized, article.body_html))


def same_images(new: Article, old: Article) -> Article | None:
    """``new`` (an article as read again) with the images ``old`` (its version found)
    found, when it shows the same ones at the same addresses; else None."""
    if [image.src for image in new.images] != [image.src for image in old.images]:
        return None
    return with_found(new, tuple(replace(found, line=image.line) for found, image in zip(old.images, new.images)))


def image_copies(articles: Iterable[Article], route: Callable[[Article], str]) -> dict[str, str]:
    """The copies of the articles' image files beside their pages: {output path: file
    relative to the content folder}, each at its address as written from the page
    (``route(article)``, ``bai-viet/x/``)."""
    copies: dict[str, str] = {}
    for article in articles:
        for image in article.images:
            if image.file is not None:
                written = posixpath.normpath(unquote(urlsplit(image.src).path))
                copies[f"{route(article)}{unicodedata.normalize('NFC', written)}"] = image.file
    return copies


def copy_bytes(content_dir: Path, file: str, display_root: str) -> bytes:
    """The bytes of an image file to copy; BuildFailed when it went away during the build."""
    try:
        return (content_dir / file).read_bytes()
    except OSError as error:
        raise BuildFailed([Problem(f"{display_root}/{file}", None, None, f"cannot be read: {error.strerror}")]) from None
