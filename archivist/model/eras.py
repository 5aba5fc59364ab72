"""The two eras of Vietnam's administrative units (the three levels before 1 July 2025, the
two levels from then), and the era an article's date puts its places in."""

from __future__ import annotations

import datetime

from archivist.model.gazetteer_data import ERA_2025, ERA_LEGACY

__all__ = ["ERA_LEGACY", "ERA_2025", "REFORM_DATE", "ERA_PHRASES", "era_for", "eras_for"]

REFORM_DATE = datetime.date(2025, 7, 1)
ERA_PHRASES = {ERA_LEGACY: "before 1 July 2025", ERA_2025: "from 1 July 2025"}


def _year_month(date_value: object) -> tuple[int | None, int | None]:
    """The year and month of a date (a PubDate, a date, or a (year, month, day) tuple), None for
    what it does not give."""
    if date_value is None:
        return None, None
    if isinstance(date_value, tuple):
        return (tuple(date_value) + (None, None))[:2]
    return getattr(date_value, "year"), getattr(date_value, "month", None)


def era_for(date_value: object) -> str:
    """ERA_2025 for dates known to be on or after 1 July 2025, else ERA_LEGACY (undated included)."""
    year, month = _year_month(date_value)
    if year is not None and (year > REFORM_DATE.year or (
            year == REFORM_DATE.year and month is not None and month >= REFORM_DATE.month)):
        return ERA_2025
    return ERA_LEGACY


def eras_for(date_value: object) -> tuple[str, ...]:
    """The eras whose units an article's places may be in: its date's (``era_for``), or, when the
    date does not tell (undated, or only the year 2025), the units before 1 July 2025 first and
    then the units from it."""
    year, month = _year_month(date_value)
    if year is None or (year == REFORM_DATE.year and month is None):
        return (ERA_LEGACY, ERA_2025)
    return (era_for(date_value),)
