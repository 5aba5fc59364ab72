"""When two articles are the same story: the same title, date and main place. A build
warns about two published articles of one story (build/notices.py); ``build.py import``
refuses a page whose story the archive already has (importer/duplicates.py)."""

from __future__ import annotations

from typing import NamedTuple

from .places import Place
from .records import PubDate
from .vietnamese import name_key


class Story(NamedTuple):
    """What two articles of the same story have in common (``story_key``)."""

    title: str
    """The title as compared: case, spacing and tone placement ("Hoà"/"Hòa") aside; "" when
    there is none."""
    date: str | None
    """The date, ISO at its precision ("2023-06" is not "2023-06-01"); None when unknown
    (two undated articles count as the same date)."""
    place: str | None
    """The main place's key (the first locality, resolved as of the date); None when none."""


def story_key(title: object, date: PubDate | None, place: Place | None) -> Story:
    """The story of an article of ``title`` (a title that is no text counts as none),
    ``date`` and main place ``place``."""
    return Story(name_key(title) if isinstance(title, str) else "", date.iso if date is not None else None,
                 place.key if place is not None else None)
