"""Warnings about the articles a build publishes, found across them rather than in one
file's parse (which is cached, so cannot depend on today's date or on the other files):
a date later than today, and two articles with the same title, date and place.

Only the articles the build includes are looked at: a draft left out is neither warned
about nor the cause of a warning (``import --allow-duplicate`` writes such a draft), so
it fails no ``--strict`` build it is not in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Container, Iterable

from ..model.errors import BuildFailed, Problem
from ..model.records import Article
from ..model.schema import Checker
from ..model.stories import Story, story_key
from .content import decode, split_front_matter


def notices(articles: Iterable[Article], content_dir: Path, display_root: str, today: dt.date,
            about: Container[str] | None = None) -> list[Problem]:
    """The warnings about ``articles`` (see the module's docstring), each at its field's line;
    only those about the articles whose paths (as shown) are ``about``, when given."""
    articles = list(articles)
    found = []
    wanted = (lambda article: f"{display_root}/{article.path}" in about) if about is not None else (lambda _: True)
    for article in filter(wanted, articles):
        if article.date is not None and article.date.earliest > today:
            found.append(_at(content_dir, display_root, article, "date",
                             f"{article.date.iso} is later than today ({today.isoformat()}); a publication "
                             "date cannot be in the future: check it", lapses=article.date.earliest))
    stories: dict[Story, list[Article]] = {}
    for article in articles:
        stories.setdefault(story_key(article.title, article.date, article.places[0] if article.places else None),
                           []).append(article)
    for same in stories.values():  # said once, at the first of them (by path) a warning may be about
        article = next(filter(wanted, sorted(same, key=lambda a: a.path) if len(same) > 1 else ()), None)
        if article is not None:
            others = ", ".join(f"{display_root}/{other.path}" for other in same if other is not article)
            found.append(_at(content_dir, display_root, article, "title",
                             f"the same title, date and place as {others}: the same article twice? "
                             "keep one, or tell them apart"))
    return found


def still_due(warnings: tuple[Problem, ...], today: dt.date) -> tuple[Problem, ...]:
    """A kept build's warnings as of ``today``: a date that was later than the day of that
    build may not be any more (a build that finds nothing changed reports them again)."""
    return tuple(w for w in warnings if w.lapses is None or today < w.lapses)


def _at(content_dir: Path, display_root: str, article: Article, field: str, message: str,
        lapses: dt.date | None = None) -> Problem:
    """A warning at ``field``'s line of the article's file (read again: warnings are rare)."""
    display = f"{display_root}/{article.path}"
    try:
        meta, _ = split_front_matter(decode((content_dir / article.path).read_bytes(), display), display)
    except (OSError, BuildFailed):  # changed since it was parsed: the next build tells
        line = None
    else:
        line = Checker(display, meta, line_offset=1).line_of(field)
    return Problem(display, line, field, message, lapses)
