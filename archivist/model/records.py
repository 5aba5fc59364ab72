"""The typed records that flow from loading to rendering: dates, sources, articles."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, fields
from functools import cached_property

from .places import Place

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")


@dataclass(frozen=True, order=True)
class PubDate:
    """A publication date known to the year, the month or the day."""

    year: int
    """Four-digit year."""
    month: int | None = None
    """1-12, or None when only the year is known."""
    day: int | None = None
    """1-31, or None when only the year or month is known."""

    @property
    def precision(self) -> str:
        """"day", "month" or "year"."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """ISO 8601 at its own precision: 2023-06-01, 2023-06 or 2023."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def earliest(self) -> dt.date:
        """First day the date can stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)


def parse_date(value: object) -> PubDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD (text or a YAML number); raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a date")
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        day_first = _DAY_FIRST.match(text)
        if day_first:
            raise ValueError(_day_first(text, *day_first.groups()))
        raise ValueError(f'"{text}" is not a date')
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1000 <= year <= 9999:
        raise ValueError(f'"{text}": year {year} is out of range')
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f'"{text}": there is no month {month}')
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f'"{text}": {year}-{month:02d} has no day {day}')
    return PubDate(year, month, day)


def _day_first(text: str, first: str, separator: str, second: str, year: str) -> str:
    """What to say of a date written day first (31/02/2020, 1.6.2023), or month first when
    only that reading is a date (06/25/2023): how to write it as YYYY-MM-DD."""
    form = f"DD{separator}MM{separator}YYYY"
    if len(year) == 2:
        return f'"{text}" looks like {form[:-2]}, with a two-digit year; write the date as YYYY-MM-DD, with the whole year'
    try:
        return f'"{text}" looks like {form}; write it as {_iso(year, second, first)} (YYYY-MM-DD)'
    except ValueError as error:
        reason = str(error).partition(": ")[2]
    try:
        month_first = _iso(year, first, second)
    except ValueError:
        return f'"{text}" looks like {form}, but {reason}; check it, and write the date as YYYY-MM-DD'
    return f'"{text}" looks like MM{separator}DD{separator}YYYY (month first); write it as {month_first} (YYYY-MM-DD)'


def _iso(year: str, month: str, day: str) -> str:
    return parse_date(f"{year}-{int(month):02d}-{int(day):02d}").iso


@dataclass(frozen=True)
class Source:
    """Where an article was first published."""

    name: str
    """Publication or portal name, e.g. "Báo Điện Biên Phủ"."""
    url: str | None = None
    """Its address, when known (http or https)."""


@dataclass(frozen=True)
class Image:
    """An image an article's body shows: where it is written and, once found
    (build/media.py), its file under content/ and its size."""

    src: str
    """Its address as written: a path relative to the article's file, or an http(s) URL."""
    line: int
    """Line of the article's file it is written on."""
    file: str | None = None
    """The file, relative to the content folder ("/"-separated), once found; None for a
    remote image."""
    width: int | None = None
    """Width in pixels, read from the file (None for a remote image)."""
    height: int | None = None
    """Height in pixels, read from the file (None for a remote image)."""


@dataclass(frozen=True)
class Article:
    """One curated article, validated, with its body rendered to safe HTML."""

    path: str
    """Source file, relative to the content folder, with forward slashes."""
    slug: str
    """ASCII URL segment, from the file name."""
    title: str
    """Headline as published."""
    date: PubDate | None
    """Publication date, or None when unknown."""
    date_note: str | None
    """Why this date (evidence from the text), optional."""
    places: tuple[Place, ...]
    """Places the article is about, main place first."""
    author: str | None
    """Person, pen name or organisation."""
    source: Source | None
    """Original publisher."""
    tags: tuple[str, ...]
    """Topic tags as written (NFC)."""
    summary: str
    """Plain-text summary: the given one or the first paragraph."""
    body_html: str
    """Sanitized HTML of the body."""
    draft: bool = False
    """Not yet reviewed: left out of the site unless drafts are included (SiteConfig.drafts)."""
    images: tuple[Image, ...] = ()
    """The images of the body, in order (its ``<img>`` tags): once the article is read,
    where they are written; once found (build/media.py), their files and sizes, which
    ``body_html`` then shows."""

    def entry(self) -> "ArticleEntry":
        """What places this article in the model: see ArticleEntry."""
        return ArticleEntry(*(getattr(self, name) for name in _ENTRY_FIELDS))


@dataclass(frozen=True)
class ArticleEntry:
    """An article as the model's structure sees it: the fields that decide its pages,
    groups, order and related articles, and all that the exports show of it. The
    taxonomy and the exports are made from entries only, so an edit that keeps an
    article's entry (its text, summary, date note) changes only the pages that hold the
    article itself, never a group, an order or an export."""

    path: str
    slug: str
    title: str
    date: PubDate | None
    places: tuple[Place, ...]
    author: str | None
    source: Source | None
    tags: tuple[str, ...]
    draft: bool = False
    """A draft, shown only where drafts are included (a page showing it carries a banner)."""

    @cached_property
    def link(self) -> "ArticleLink":
        """What a group shows of this article (one link shared by all its groups)."""
        return ArticleLink(self.path, self.slug, self.title, self.date)


_ENTRY_FIELDS = tuple(f.name for f in fields(ArticleEntry))


@dataclass(frozen=True)
class ArticleLink:
    """A member of a group (a tag, author, source, year or place): what a link to the
    article shows. Groups hold these, never whole articles, so a page showing a group (its
    name, count and links) does not depend on its members' text: a template reaching for
    more (``term.articles[0].summary``) fails the build instead of going stale."""

    path: str
    """Source file, relative to the content folder."""
    slug: str
    """URL segment of the article's page."""
    title: str
    date: PubDate | None
