"""``python build.py new TITLE``: an article's skeleton, to be filled in by hand.

The file is ``content/<slug of the title>.md``: the title, today's date, ``draft: true``
(left out of the site until a curator removes it), and the other fields as placeholders:
``locality`` empty (a build says it is required, and how to write it, until it is filled
in), the optional ones as comments. It never replaces a file, nor takes the URL of another
article (the same slug anywhere in ``content/``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ..model.vietnamese import slugify

_MAX_SLUG = 80

_FIELDS = """\
date: {date}  # when it was first published: YYYY-MM-DD, YYYY-MM or YYYY; remove the line if unknown
locality:  # required: the places it is about, most specific first, e.g. phường Thanh Trường, TP. Điện Biên Phủ, tỉnh Điện Biên
# author: the person, pen name or organisation who wrote it
# source:
#   name: where it was first published, e.g. Báo Điện Biên Phủ
#   url: https://…
tags: []
draft: true  # remove this line to publish it
"""


class Taken(FileExistsError):
    """The skeleton's file, or its URL, is another article's already."""


def slug_for(title: str) -> str:
    """A file name (without .md) from a title: its ASCII slug, cut at a word to at most 80
    characters; empty when the title has no letter or digit."""
    slug = slugify(title)
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("-", 1)[0]
    return slug


def skeleton(title: str, today: dt.date) -> str:
    """The text of a new article's file."""
    head = yaml.safe_dump({"title": " ".join(title.split())}, allow_unicode=True, width=1_000_000)
    return f"---\n{head}{_FIELDS.format(date=today.isoformat())}---\n\n"


def new_article(content_dir: Path, title: str, today: dt.date) -> Path:
    """Write the skeleton of an article titled ``title``; its path. ValueError when the title
    gives no file name, Taken when the file or its URL exists."""
    slug = slug_for(title)
    if not slug:
        raise ValueError(f'the title "{title}" has no letter or digit to make a file name from')
    for other in content_dir.rglob("*.md"):
        if slugify(other.stem) == slug:
            raise Taken(other)
    content_dir.mkdir(parents=True, exist_ok=True)
    path = content_dir / f"{slug}.md"
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # never over a file made meanwhile
        handle.write(skeleton(title, today))
    return path
